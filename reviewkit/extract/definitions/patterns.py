"""Definition patterns: propose (term, definiens) candidates from one sentence.

Each pattern family has a prior strength; the classifier in `model`
turns the sentence plus its pattern evidence into a calibrated probability.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reviewkit.extract.definitions.copular import (
    COPULAR,
    OPENING_SUBJECT,
    SPECIFIC_OK,
    opening_subject,
    weakening,
)
from reviewkit.extract.definitions.terms import (
    ANAPHOR,
    LEADING,
    PRONOUNS,
    QUOTES,
    clean_def,
    clean_term,
    fold,
    strip_interjections,
    strip_marker,
    subject_term,
)
from reviewkit.extract.sentences import word_list


@dataclass(frozen=True)
class Candidate:
    """What a pattern read from one sentence or clause."""

    term: str
    definiens: str
    pattern: str
    strength: float
    source: str = ""  # text naming who defines it ("Rosen and Ham"), if any
    anaphor: bool = False  # the subject is "it"/"this term": the term is the previous one


_SUBJECT_DEFINITOR = re.compile(
    r"\b(?P<verb>conceives?|conceived|conceptuali[sz](?:es?|ed|ing)|defines?|defined|defining|"
    r"describes?|described|describing|characteri[sz](?:es?|ed|ing)|sees?|saw|seeing|"
    r"views?|viewed|viewing|understands?|understood|frames?|framed|framing|portrays?|"
    r"depicts?|construes?|regards?|regarded|thinks?\s+of|thought\s+of|"
    r"offers?\s+a\s+definition\s+of|presents?)\s+(?:of\s+)?"
    r"(?P<term>[^,;:]{2,80}?)\s+as\s+(?P<def>.+)",
    re.I,
)
_BY_WE_MEAN = re.compile(
    r"\bby\s+(?P<term>[^,;]{2,80}?),?\s+(?:we|I|the\s+authors?|they|[A-Z][\w’'-]+(?:\s+et\s+al\.?)?)"
    r"\s+(?:mean|means|meant|refer\s+to|understand|intend)\s+(?P<def>.+)",
    re.I,
)
_WE_DEFINE = re.compile(
    r"\b(?:we|I)\s+(?:(?:shall|will|here|also)\s+)?(?:define|conceptuali[sz]e|understand|use|"
    r"take|regard|see|view|treat)\s+(?:the\s+(?:term|word|concept)s?\s+)?"
    r"(?P<term>[^,;]{2,80}?)\s+(?:as|to\s+(?:mean|refer\s+to|describe|denote|signify))\s+"
    r"(?P<def>.+)",
    re.I,
)
_WHAT_WE_MEAN = re.compile(
    r"\bwhat\s+(?:we|is)\s+mean[t]?\s+by\s+(?P<term>[^,;]{2,80}?)\s+is\s+(?P<def>.+)", re.I
)
_DISTINCTION = re.compile(
    r"\b(?:distinguish(?:es|ed|ing)?|differentiat(?:e|es|ed|ing)|contrast(?:s|ed|ing)?)\s+"
    r"(?:between\s+)?(?P<a>[^,;:]{2,50}),\s+(?:where|in\s+which|whereby|when|which)\s+"
    r"(?P<da>[^;]{8,}?),\s+(?:and|from|with)\s+(?P<b>[^,;:]{2,50}),\s+(?:where|in\s+which|"
    r"whereby|when|which)\s+(?P<db>[^;]{8,})$",
    re.I,
)
_IMPERATIVE = re.compile(
    r"^(?:(?:so|now|instead|rather),?\s+)?(?:think\s+of|imagine|picture|consider|see|treat)\s+"
    r"(?P<term>[^,;:]{2,60}?)\s+as\s+(?P<def>.{6,})$",
    re.I,
)
_NEGATED = re.compile(
    r"\b(?:not|never|no\s+longer|need\s+not|cannot|can't|don't|doesn't)\s*$", re.I
)
_PASSIVE_BY = re.compile(
    r"^(?P<term>[^,;:]{2,60}?)\s+(?:is|are|has\s+been|have\s+been)\s+(?:\w+\s+)?"
    r"(?:explained|described|defined|expressed|summari[sz]ed|put|captured|characteri[sz]ed)\s+"
    r"by\s+(?P<source>[^:]{2,120}?):\s*(?P<def>[‘“\"'].{12,})$",
    re.I,
)
_APPOSITIVE = re.compile(
    r"^(?P<pre>.+?)(?:\s*\([^()]{1,40}\))?,\s+(?:that\s+is|i\.\s?e\.|ie|in\s+other\s+words|"
    r"meaning|which\s+means|by\s+which\s+(?:we|I)\s+mean)\s*,?\s+(?P<def>.{12,})$",
    re.I,
)
_PAREN_IE = re.compile(
    r"^(?P<pre>.+?)\s*\((?:i\.\s?e\.|ie|that\s+is|meaning)\s*,?\s+(?P<def>[^()]{12,})\)",
    re.I,
)
#: The comma that closes an appositive definition: before the main verb resumes.
_CLOSE_APPOSITIVE = re.compile(
    r",\s+(?=(?:will|would|is|are|was|were|has|have|had|can|could|may|might|should|must|"
    r"does|do|did)\b)",
    re.I,
)
#: Nouns that hold a term after "of" ("the metaphor of a chain of care").
_CONTAINER = frozenset(
    word_list(
        """metaphor image idea notion concept term word phrase label use kind type form model
        principle language vocabulary"""
    )
)
_FUNCTION_WORDS = frozenset(
    word_list("a an the of in to for with that which who whom by on at from when where whose")
)
_NP_STOP = frozenset(
    word_list(
        """between about across within among amongst through over under against without
        a an the this that these those its their our his her is are was were be been with by
        in on at for from as to into described called known named termed and or using
        including involving following comparing providing undertaking like such used
        developed had has have received experienced identified reported showed conducted
        performed given took undertook include includes included cause causes caused
        affect affects develop develops get gets got take takes need needs
        two three four five six seven eight nine ten several many few some all each"""
    )
)


def trailing_np(text: str) -> str | None:
    """The noun phrase ending `text` ("the metaphor of a chain of care" -> "chain of care")."""
    words = re.sub(r"\s*\([^()]*\)\s*$", "", text.strip()).split()
    out: list[str] = []
    for w in reversed(words):
        bare = w.strip(QUOTES + ",;:").lower()
        if w.endswith((",", ";", ":")) and out:
            break
        if bare in _NP_STOP or bare in PRONOUNS:
            break
        if bare == "of" and (not out or len(out) > 2):
            break
        if out and out[-1] == "of" and bare in _CONTAINER:
            out.pop()
            break
        out.append(bare if bare == "of" else w.strip(QUOTES + ",;:"))
    while out and out[-1] == "of":
        out.pop()
    if not out:
        return None
    return clean_term(" ".join(reversed(out)))


#: Words that end a term read after "called"/"known as" ("... known as X that ...").
_TERM_END = frozenset(
    word_list(
        """that which who whom whose for in to with by from at on as is are was were be been
        and or but because since while when where after before during among between into
        through per than has have had can could may might will would should must"""
    )
)
_NAMING = re.compile(
    r"\b(?:(?:is|are|was|were|been|become|became|be)\s+)?(?:(?:\w+ly|also|often|now|sometimes|"
    r"collectively|together)\s+)?(?P<verb>known\s+as|called|termed|named|dubbed|labell?ed|"
    r"referred\s+to\s+as)\s+(?P<rest>.+)$",
    re.I,
)
_NAMED_BY = re.compile(
    r"\b(?:what|which)\s+(?:we|I|they|[A-Z][\w’'-]+(?:\s+et\s+al\.?)?)\s+"
    r"(?:call|calls|called|term|terms|termed|label|refer\s+to\s+as)\s+(?P<rest>.+)$",
    re.I,
)
_RELATIVE_TAIL = re.compile(
    r"(?:,\s*)?\b(?:which|that|who)(?:\s+(?:has|have|had|is|are|was|were))?"
    r"(?:\s+(?:\w+ly|also|since|now|often|collectively))?"
    r"(?:\s+(?:been|become|came\s+to\s+be))?\s*$",
    re.I,
)


def naming_term(rest: str) -> str | None:
    """The term named at the start of `rest` ("multi-drug therapy that ..." -> "multi-drug
    therapy"), up to a clause word, a comma or a parenthesis that is not an acronym."""
    rest = rest.strip()
    m = re.match(rf"[{QUOTES}]([^{QUOTES}]{{2,60}})[{QUOTES}]", rest)
    if m:
        return clean_term(m.group(1))
    words: list[str] = []
    for w in rest.split():
        bare = w.strip(QUOTES + ",;:.()").lower()
        if words and bare in _TERM_END:
            break
        if w.startswith("(") and not re.fullmatch(r"\([A-Z][A-Za-z0-9&-]{1,12}\)[,;:.]*", w):
            break
        words.append(w)
        if re.search(r"[,;:.)]$", w) or len(words) >= 7:
            break
    term = " ".join(words).rstrip(",;:.")
    if term.endswith(")") and term.count("(") < term.count(")"):
        term = term[:-1].rstrip(QUOTES + ",;:.")  # "(called X)": the parenthesis closes
    return clean_term(term) if term else None


_NUMBERS = "one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|many"
_AUXILIARIES = re.compile(
    r"(?:\s+(?:has|have|had|is|are|was|were|been|be|being|become|became|will|would|can|"
    r"could|may|might|should|must|also|often|now|sometimes))+\s*$",
    re.I,
)


def _naming_definiens(pre: str) -> str | None:
    """What a "called"/"known as" names: the noun phrase before it, or before the
    relative pronoun that leads to it ("the forces that shape health, which have
    become known as ...")."""
    # "a left-handed helix, called Z-DNA", "photoproteins (called bacteriorhodopsin)"
    pre = _AUXILIARIES.sub("", pre.rstrip()).rstrip(" ,(")
    rel = _RELATIVE_TAIL.search(pre)
    if rel:
        pre = pre[: rel.start()].rstrip(" ,")
        # The antecedent: the last clause chunk ("... back to Virchow and the forces ...").
        chunk = re.split(r",\s+|;\s+|:\s+|\s[–—-]\s|—", pre)[-1]
        m = re.search(r"\b(?:the|a|an|these|those|this|such)\s+.+$", chunk, re.I)
        text = m.group(0) if m else chunk
    else:
        chunk = re.split(r",\s+|;\s+|:\s+|\s[–—-]\s|—", pre)[-1]
        m = re.search(
            rf"\b(?:the|a|an|these|those|this|such|\d+|{_NUMBERS})\s+(?:[\w-]+\s+){{0,8}}?[\w-]+$",
            chunk,
            re.I,
        )
        text = m.group(0) if m else ""
    text = clean_def(text)
    words = text.split()
    if len(words) < 2 or words[-1].lower() in _FUNCTION_WORDS or words[-1].lower() in PRONOUNS:
        return None
    return text


def _match_naming(clause: str) -> Candidate | None:
    """ "a combination of antibiotics known as X", "These episodes are called X",
    "what we call X": the term follows, its meaning comes first."""
    for rx in (_NAMED_BY, _NAMING):
        m = rx.search(clause)
        if not m:
            continue
        term = naming_term(m.group("rest"))
        if not term or len(term.split()) > 5:
            continue
        pre = clause[: m.start()]
        if rx is _NAMED_BY:
            pre = re.sub(r"\s+(?:is|are|was|were)\s*$", "", pre)
        definiens = _naming_definiens(pre)
        if not definiens or fold(definiens) == fold(term):
            continue
        strength = (
            0.6
            if rx is _NAMED_BY or re.match(r"known|termed|referred", m.group("verb"), re.I)
            else 0.5
        )
        return Candidate(term, definiens, "called", strength)
    return None


#: The noun phrase set beside a term that says what it is: "X—a contagious
#: bacterial infection—", "X, the bacterium that causes Y,", "X (studies that use
#: predefined criteria ...)", "X (visualizing items in ...)".
_APPOS_CUE = re.compile(
    r"(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?[\w-]+\s+(?:that|which|who|whose|in\s+which|"
    r"by\s+which|of|for|used|caused|characteri[sz]ed|defined|designed|describing|involving|"
    r"where|when|affecting|consisting|with)\b|[a-z][\w-]+s\s+(?:that|which|who|whose|"
    r"in\s+which)\b|[a-z][\w-]+ing\s+\S+\s+\S+)",
    re.I,
)
_OPENERS = {"—": "—", "–": "–", " - ": " - ", ",": ",", "(": ")"}


def _match_appositive_np(clause: str) -> Candidate | None:
    """A term followed by a noun phrase in apposition that says what it is.

    Dashes and parentheses (which close) are preferred to commas; a comma
    appositive must read as a definition (a head noun with a relative clause
    or a complement), a dash one may be a bare noun phrase ("a contagious
    bacterial infection").
    """
    best: tuple[int, Candidate] | None = None
    for m in re.finditer(r"—|–|\s-\s|,|\(", clause):
        opener = m.group(0) if m.group(0) in _OPENERS else " - "
        closer = _OPENERS[opener]
        rest = clause[m.end() :].lstrip()
        close_at = rest.find(closer.strip()) if closer != "," else -1
        if opener == "(":
            if close_at < 0:
                continue
            definiens = rest[:close_at]
        elif opener == ",":
            # Up to the comma that closes it, before the main verb resumes (or the end).
            definiens = _CLOSE_APPOSITIVE.split(rest, maxsplit=1)[0]
        else:
            definiens = rest[:close_at] if close_at >= 0 else rest
        definiens = clean_def(definiens)
        if "(" in definiens or len(definiens.split()) < 3:
            continue
        dashed = opener != ","
        cued = bool(_APPOS_CUE.match(definiens))
        bare = dashed and bool(re.match(r"(?:a|an)\s+\S+\s+\S+", definiens))
        if not (cued or bare) or _EVALUATIVE_NP.match(definiens):
            continue
        if opener == "," and not re.match(r"(?:a|an|the)\s", definiens, re.I):
            continue  # "..., improving care": a participle clause, not an apposition
        if opener == "," and _FINITE_BEFORE_RELATIVE.match(definiens):
            continue  # "Consequently, the proportion ... is expected": the main clause
        term = trailing_np(clause[: m.start()])
        if not term or term[0].islower() and term.lower().endswith("ly"):
            continue
        rank = 0 if dashed else 1
        cand = Candidate(term, definiens, "appositive-np", 0.55 if dashed else 0.45)
        if best is None or rank < best[0]:
            best = (rank, cand)
    return best[1] if best else None


_JUDGED_HEAD = re.compile(
    r"(?:important|main|major|central|crucial|essential|significant|particular|interesting|"
    r"notable|striking|first|second|third|final|last|other)\s",
    re.I,
)
_FINITE_BEFORE_RELATIVE = re.compile(
    r"(?:(?!\b(?:that|which|who|whose|where)\b).)*?\b(?:is|are|was|were|has|have|had|will|"
    r"would|can|could|may|might|must|should|does|do|did)\b",
    re.I,
)
_EVALUATIVE_NP = re.compile(
    r"(?:a|an|the)\s+(?:[\w-]+\s+)?(?:most|least|first|second|third|last|main|major|key|leading|"
    r"largest|biggest|best|only|same|other|former|latter|current|previous|next|"
    r"situation|finding|result|trend|fact)\b",
    re.I,
)
_LET_BE = re.compile(
    r"^(?:let|we\s+let)\s+(?P<term>[^,;]{1,40}?)\s+(?:be|denote|represent)\s+(?P<def>(?:the|a|an)\s+.{8,})$",
    re.I,
)
_REVERSE_ACRONYM = re.compile(
    r"^(?P<pre>.{12,}?)\s+(?:is|are)\s+(?:called\s+|known\s+as\s+|termed\s+)?(?:the\s+)?"
    r"(?P<term>(?:[\w-]+\s+){0,5}[\w-]+(?:\s*\([A-Z][A-Za-z0-9&-]{1,12}\)|,\s+[A-Z][A-Z0-9&-]{1,11}))"
    r"\s*(?:\[[^\]]*\])?\.?$"
)


_GLOSSARY = re.compile(r"^(?P<term>[^:.;!?]{1,60}?)\s*(?P<sep>:|\s[–—-]\s|—|–)\s*(?P<def>\S.+)$")
_PAREN_TERM = re.compile(r"^(?P<def>.{15,}?)\s*\((?P<term>[A-Za-z][A-Za-z \-]{1,30})\)\.?$")
_HARD_TO_DEFINE = re.compile(
    r"(?:hard|difficult|impossible|challenging|problematic|not\s+easy)\s+to\s+define|"
    r"(?:no|lack\s+of(?:\s+an?)?|absence\s+of(?:\s+an?)?)\s+(?:single\s+|agreed\s+|clear\s+|"
    r"common\s+|consensus\s+|universally\s+accepted\s+|shared\s+|standard\s+)*definitions?|"
    r"definitions?\s+(?:vary|varies|differ)|ill-defined|poorly\s+defined|not\s+defined",
    re.I,
)


def match_definition(text: str, list_item: bool = False) -> list[Candidate]:
    """Read term/definiens candidates from one sentence, by pattern.

    Args:
        text: the sentence (or list item).
        list_item: whether it is an item of a list introduced by a lead-in.

    Returns:
        Zero or more candidates (a sentence with two clauses joined by ";"
        may define two terms).
    """
    body = strip_marker(text)
    if _HARD_TO_DEFINE.search(body):
        return []
    out: list[Candidate] = []
    glossary = _match_glossary(body, list_item)
    if glossary:
        out.append(glossary)
    clauses = [
        c
        for c in re.split(r";\s+|,?\s+(?:while|whereas)\s+(?=[a-z])|,\s+but\s+(?=[a-z])", body)
        if c.strip()
    ]
    out += _contrast_pair(body, out)
    dm = _DISTINCTION.search(re.sub(r"\s*\[[\d,;\s–-]+\]|\s*\([^()]*\d{4}[^()]*\)", "", body))
    if dm:
        for t, d in ((dm.group("a"), dm.group("da")), (dm.group("b"), dm.group("db"))):
            term = clean_term(t)
            if term and all(fold(c.term) != fold(term) for c in out):
                out.append(Candidate(term, clean_def(d), "distinction", 0.7))
    # "Writers distinguish A and B: A merges ..., while B ...": the colon opens a clause.
    clauses = [
        part
        for c in clauses
        for part in ([c] if not re.search(r":\s+[a-z]", c) else [c, c.split(": ", 1)[1]])
    ]
    opener: str | None = None  # the subject of the first clause, for "..., but it is ..."
    for clause in clauses:
        cand = _match_clause(clause)
        if opener is None:
            om = re.match(r"(?P<np>[^,;:]{2,60}?)\s+(?:is|are|was|were|has|have|can|may)\b", clause)
            opener = (subject_term(om.group("np")) if om else None) or ""
        if cand and cand.anaphor and opener and re.match(r"\s*it\b", clause, re.I):
            cand = replace(cand, term=opener, anaphor=False)
        if not cand:
            continue
        same = [i for i, c in enumerate(out) if fold(c.term) == fold(cand.term)]
        if not same:
            out.append(cand)
        elif out[same[0]].pattern == "glossary":
            # "Linkage: for people with mild needs, linkage involves X": X is the meaning.
            g = out[same[0]]
            out[same[0]] = replace(
                g, definiens=cand.definiens, strength=max(g.strength, cand.strength)
            )
    # "Merger goes further: ..." is not a glossary entry for "Merger goes further".
    out = [
        c
        for c in out
        if c.pattern != "glossary"
        or not any(o is not c and c.term.lower().startswith(o.term.lower() + " ") for o in out)
    ]
    if not out and list_item:
        m = _PAREN_TERM.match(body)
        if m and not re.match(r"(?:ie|eg|i\.e|e\.g|see|for\s+example|n\s*=)\b", m.group("term")):
            out.append(
                Candidate(m.group("term").strip(), m.group("def").strip(), "paren-term", 0.4)
            )
    return out


_CONTRAST = re.compile(
    r"(?:^|:\s+)(?P<a>[A-Za-z][\w-]*(?:\s+[\w-]+){0,2}?)\s+(?P<va>[a-z]+s)\s+(?P<da>[^;]{8,}?)"
    r"(?:,\s+|;\s+)(?:while|whereas|and|but)?\s*(?P<b>[A-Za-z][\w-]*(?:\s+[\w-]+){0,2}?)\s+"
    r"(?P<vb>[a-z]+s)\s+(?P<db>[^;]{8,})$"
)


def _contrast_pair(body: str, found: list[Candidate]) -> list[Candidate]:
    """ "A merges X, while B achieves Y" where A and B share a head noun: two meanings."""
    m = _CONTRAST.search(body.rstrip(". "))
    if not m:
        return []
    a, b = clean_term(m.group("a")), clean_term(m.group("b"))
    if not a or not b or a.lower() == b.lower():
        return []
    if a.split()[-1].lower() != b.split()[-1].lower() or len(a.split()) < 2:
        return []
    known = {fold(c.term) for c in found}
    out = []
    for term, verb, rest in ((a, m.group("va"), m.group("da")), (b, m.group("vb"), m.group("db"))):
        if fold(term) not in known and verb not in {"is", "was", "has", "does"}:
            out.append(Candidate(term, clean_def(f"{verb} {rest}"), "contrast-pair", 0.6))
    return out


def _match_clause(clause: str) -> Candidate | None:
    # "integration 'is when ...'": a quotation that starts with the verb.
    clause = re.sub(rf"\s[{QUOTES}](?=(?:is|are|was|were|means?|refers?)\s)", " ", clause)
    clause = strip_interjections(clause)
    m = _IMPERATIVE.match(clause)
    if m:
        term = clean_term(m.group("term"))
        definiens = clean_def(m.group("def"))
        if term:
            return Candidate(term, definiens, "imagine-as", 0.6)
    m = _PASSIVE_BY.match(clause)
    if m:
        term = subject_term(m.group("term"))
        if term:
            definiens = clean_def(m.group("def"))
            return Candidate(term, definiens, "source-defines", 0.7, m.group("source").strip())
    for rx in (_PAREN_IE, _APPOSITIVE):
        m = rx.match(clause)
        if not m:
            continue
        term = trailing_np(m.group("pre"))
        definiens = _CLOSE_APPOSITIVE.split(m.group("def"), maxsplit=1)[0]
        definiens = clean_def(definiens)
        # "Between settings (ie institutions and community)": examples, not a meaning.
        enumerates = not (set(definiens.lower().split()) & _FUNCTION_WORDS)
        if term and len(definiens.split()) >= 3 and not enumerates:
            return Candidate(term, definiens, "appositive", 0.65)
    for rx, family, strength in (
        (_BY_WE_MEAN, "by-we-mean", 0.95),
        (_WHAT_WE_MEAN, "by-we-mean", 0.9),
        (_WE_DEFINE, "we-define", 0.9),
    ):
        m = rx.search(clause)
        if m:
            term = clean_term(m.group("term"))
            if term:
                return Candidate(term, clean_def(m.group("def")), family, strength)
    m = _SUBJECT_DEFINITOR.search(clause)
    if m:
        source = clause[: m.start()]
        term = clean_term(m.group("term"))
        verb = m.group("verb").lower()
        strong = verb.startswith(("defin", "conce", "concep", "offer"))
        definiens = clean_def(m.group("def"))
        metaphor = bool(re.match(rf"(?:the|a|an)?\s*[{QUOTES}]", definiens))
        if term and source.strip() and definiens:
            strength = 0.85 if strong else (0.7 if metaphor else 0.5)
            # "..., viewing integration as a means to an end": a stance, not a definition.
            if verb.endswith("ing") and not metaphor and not strong:
                return None
            return Candidate(term, definiens, "source-defines", strength, source.strip())
    m = _LET_BE.match(clause)
    if m:
        term = clean_term(m.group("term"), max_words=4) or (
            m.group("term").strip()
            if re.fullmatch(r"[A-Za-z]\w{0,3}", m.group("term").strip())
            else None
        )
        if term:
            return Candidate(term, clean_def(m.group("def")), "let-be", 0.8)
    m = _REVERSE_ACRONYM.match(clause)
    if m:
        # "... is the positive predictive value, PPV": the acronym as "(PPV)".
        named = re.sub(r",\s+([A-Z][A-Z0-9&-]{1,11})$", r" (\1)", m.group("term"))
        term = clean_term(named, max_words=7)
        pre = re.split(r",\s+", m.group("pre"))[-1]
        if term and len(pre.split()) >= 3:
            return Candidate(term, clean_def(pre), "reverse-acronym", 0.6)
    naming = _match_naming(clause)
    if naming:
        return naming
    copular = _match_copular(clause)
    if copular:
        return copular
    return _match_appositive_np(clause)


def _match_copular(clause: str) -> Candidate | None:
    for rx, family, strength in COPULAR:
        m = rx.search(clause)
        if not m:
            continue
        subject = clause[: m.start()]
        if family in OPENING_SUBJECT and not opening_subject(subject):
            continue
        if _NEGATED.search(subject):
            continue  # "X need not involve ...", "X is not when ...": not a meaning
        if family == "comma-defined-as":
            # "The primary outcome was time to X, defined as ...": the term is X.
            subject = re.split(r"\b(?:is|are|was|were|included|includes|of)\s+", subject)[-1]
        term = subject_term(subject, headings_ok=family in SPECIFIC_OK)
        if term and family not in SPECIFIC_OK and _JUDGED_HEAD.match(term):
            continue  # "An important part of the work involves ...": a judgement, no term
        if family in ("is-a", "is-that", "is-a-generic"):
            definiens = clean_def(re.sub(r"^(?:is|are)\s+", "", clause[m.start() :].strip()))
        else:
            definiens = clean_def(clause[m.end() :])
        if len(definiens) < 8:
            continue
        if term:
            return Candidate(
                term, definiens, family, strength - weakening(family, subject, term, m)
            )
        if ANAPHOR.fullmatch(LEADING.sub("", subject.strip())) and strength >= 0.6:
            return Candidate("", definiens, family, strength - 0.1, anaphor=True)
    return None


def _match_glossary(body: str, list_item: bool) -> Candidate | None:
    m = _GLOSSARY.match(body)
    if not m:
        return None
    term = clean_term(m.group("term"), max_words=5)
    definiens = clean_def(m.group("def"))
    if not term or len(definiens) < 12:
        return None
    if re.match(r"https?|www\.|\d", definiens) or m.group("def").rstrip(QUOTES + " .)").endswith(
        "?"
    ):
        return None  # a link, a number, or a title ("Integration: a new dawn?")
    if re.search(r"\s(?:\d{1,3}[a-z]?|[IVXivx]{1,4})$", term):
        return None  # "Corollary 3: ...", "Theme 2: ...": a numbered label, not a term
    if re.search(r"\b(?:19|20)\d{2}[a-z]?$", definiens):
        return None  # "Bristol: Policy Press; 2008" is a bibliographic fragment
    if _LISTING.fullmatch(definiens):
        return None  # "Three themes emerged: trust, identity and support" lists, not defines
    if re.match(r"(?:\w+ed|emerged|were|are)$", term.split()[-1]) and len(term.split()) > 1:
        return None
    unpunctuated = not re.search(r"[.!?)\]’”\"']$", body)
    if not list_item and (_GENRE.match(definiens) or (unpunctuated and len(definiens.split()) < 7)):
        return None  # a title or heading ("Joint commissioning: a practical guide")
    dash = m.group("sep").strip() != ":"
    strength = 0.75 if list_item else 0.45
    if dash:
        strength -= 0.15
    # "Term: It seeks ..." describes more than it defines.
    if definiens.split()[0].lower() in PRONOUNS:
        strength -= 0.3
    # "Trust: staff felt that ..." reports a finding (past tense), it does not define.
    if _FINDING.search(" ".join(definiens.split()[:8])):
        strength -= 0.3
    return Candidate(term, definiens, "glossary", strength)


_GENRE = re.compile(
    r"(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,4}?(?:review|study|trial|protocol|guide|framework|"
    r"analysis|evaluation|survey|report|briefing|editorial|commentary|lessons|perspective|"
    r"overview|introduction|primer|handbook|synthesis|audit|experiment|inquiry|enquiry|"
    r"exploration|investigation|comparison|assessment|account|approach|agenda)s?\b",
    re.I,
)
_FINDING = re.compile(
    r"\b(?:was|were|had|did|felt|said|reported|described|valued|feared|noted|expressed|"
    r"mentioned|believed|thought|found|saw|told|spoke|complained|welcomed)\b|"
    r"\b\w{3,}s\s+(?:reported|described|said|felt|agreed|noted|explained|stated|valued)\b",
    re.I,
)
_LISTING = re.compile(
    r"[\w-]+(?:\s+[\w-]+)?(?:,\s+[\w-]+(?:\s+[\w-]+)?)+,?\s+(?:and|or)\s+[\w-]+(?:\s+[\w-]+)?"
)
