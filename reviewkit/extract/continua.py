"""Continua, levels, typologies and dichotomies of integration.

CODEBOOK.md: an ordered or structured set of named stages that a document
presents as a way to classify integration or collaboration. They appear as

- lists: a lead-in naming the set ("three levels of integration:") followed by
  one item per stage ("Linkage: ...", "Autonomy is when ...");
- prose: "from A through B and C to D", "from A to B to C", "three levels:
  macro (...); meso (...); and micro (...)", "a distinction between A and B",
  "A versus B";
- runs of sentences: "At the macro level, ... At the meso level, ...".

Stages keep the document's names and order; a stage's description is what
the document says it means, when it says it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewkit.document import Document, Evidence, evidence_at
from reviewkit.extract.definitions import find_citation, is_definition_item, match_definition
from reviewkit.extract.sentences import (
    ListBlock,
    Paragraph,
    Sentence,
    group_paragraphs,
    list_blocks,
    reference_paragraphs,
    word_list,
)

KINDS = ("continuum", "levels", "typology", "dichotomy")


@dataclass(frozen=True)
class Stage:
    """One named stage, level or type, with what the document says it means."""

    name: str
    description: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "description": self.description}


@dataclass(frozen=True)
class Continuum:
    """An ordered or structured set of stages found in a document.

    Attributes:
        kind: "continuum", "levels", "typology" or "dichotomy".
        stages: the stages in document order.
        attributed_to: the cited source, or None when the authors' own.
        evidence: the span the stages were read from (lead-in and items, or
            the sentence).
        rule: which rule found it ("list", "from-to", "enumeration", ...).
    """

    kind: str
    stages: list[Stage]
    attributed_to: str | None
    evidence: Evidence
    rule: str = field(default="", compare=False)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "stages": [s.to_json() for s in self.stages],
            "attributed_to": self.attributed_to,
            "evidence": self.evidence.to_json(),
        }


_CUE = (
    r"(?:levels?|stages?|degrees?|categor(?:y|ies)|types?|typolog(?:y|ies)|continu(?:um|a)|"
    r"spectrum|forms?|dimensions?|phases?|steps?|ladder|hierarch(?:y|ies)|tiers?|modes?|"
    r"kinds?|classifications?|taxonom(?:y|ies)|gradations?|scale)"
)
_CUE_RX = re.compile(rf"\b{_CUE}\b", re.I)
_DOMAIN = re.compile(
    r"integrat|collaborat|partner|co-?operat|co-?ordinat|joint|linkage|relationship|merger|"
    r"network|agenc|organi[sz]ation|inter-?professional|teamwork|alliance|care\b",
    re.I,
)
_NUMBER = r"(?:two|three|four|five|six|seven|eight|nine|ten|2|3|4|5|6|7|8|9|10)(?:-fold)?"
_KIND_OF = [
    (
        re.compile(
            r"continu|spectrum|degree|ladder|stage|step|phase|hierarch|gradation|scale", re.I
        ),
        "continuum",
    ),
    (re.compile(r"level|tier", re.I), "levels"),
]
_STOP_WORDS = frozenset(
    word_list(
        """
        in of for with across within by on at as which that who where when
        """
    )
)


def find_continua(doc: Document, sentences: list[Sentence]) -> list[Continuum]:
    """Find continua, levels, typologies and dichotomies in `doc`.

    Args:
        doc: the document.
        sentences: `split_sentences(doc)`.

    Returns:
        The sets found, in document order, without duplicates (the same stage
        names in the same order) and without two-stage ranges whose ends are
        the ends of a longer continuum found elsewhere.
    """
    pars = group_paragraphs(doc, sentences)
    skip = reference_paragraphs(pars)
    pars = [p for p in pars if (p.page, p.start) not in skip]
    found: list[tuple[tuple[int, int], Continuum]] = []
    blocks = list_blocks(doc, [s for p in pars for s in p.sentences], is_item=is_definition_item)
    for block in blocks + _caption_blocks(pars):
        c = _from_list(doc, block)
        if c:
            found.append(((c.evidence.page, c.evidence.char_start), c))
    for par in pars:
        for c in _from_level_run(doc, par):
            found.append(((c.evidence.page, c.evidence.char_start), c))
        for idx, sent in enumerate(par.sentences):
            for c in _from_sentence(doc, par, idx, sent):
                found.append(((c.evidence.page, c.evidence.char_start), c))
    found.sort(key=lambda kv: kv[0])
    out = _dedupe([c for _, c in found])
    return sorted(out, key=lambda c: (c.evidence.page, c.evidence.char_start))


# ---------------------------------------------------------------- lists


def _from_list(doc: Document, block: ListBlock) -> Continuum | None:
    lead_sent = block.lead.sentences[-1]
    lead_text = block.lead.text
    if not _CUE_RX.search(lead_sent.text) and not _CUE_RX.search(lead_text[-300:]):
        return None
    items_text = " ".join(i.text for i in block.items)
    if not _DOMAIN.search(lead_text + " " + items_text):
        return None
    stages = [s for s in (_item_stage(i) for i in block.items) if s]
    if len(stages) < 2 or len(stages) < len(block.items) * 0.6:
        return None
    cue = _CUE_RX.findall(lead_sent.text) or _CUE_RX.findall(lead_text)
    kind = _kind(" ".join(cue), len(stages))
    source = _cite_in(doc, list(block.lead.sentences[::-1])) or _cite_in(
        doc, [s for i in block.items for s in i.sentences]
    )
    last = block.items[-1]
    if last.page == lead_sent.page and last.end - lead_sent.start <= 3000:
        evidence = evidence_at(doc, lead_sent.page, lead_sent.start, last.end)
    else:
        evidence = evidence_at(doc, lead_sent.page, lead_sent.start, lead_sent.end)
    return Continuum(kind, stages, source, evidence, "list")


_CAPTION = re.compile(r"(?:Table|Box|Figure|Fig\.|Exhibit|Panel)\s+\d+[A-Za-z]?[.:]?\s", re.I)
_COUNTED = re.compile(rf"\b{_NUMBER}\s+(?:[\w-]+\s+){{0,2}}?{_CUE}\b", re.I)
_CELL_SPLIT = re.compile(r"\s*\|\s*|\t+|\s{2,}")
_HEADER_CELLS = frozenset(
    word_list(
        """level levels stage stages type types category categories name dimension dimensions
        degree form phase description definition definitions features characteristics
        meaning example examples"""
    )
)


def _caption_blocks(pars: list[Paragraph]) -> list[ListBlock]:
    """Leads without a colon: a caption naming a set ("Table 2. Levels of integration")
    or a sentence counting one ("They describe four stages."), and the rows or
    items that follow."""
    out = []
    for i, par in enumerate(pars):
        last = par.sentences[-1].text.rstrip()
        caption = bool(_CAPTION.match(par.text) and _CUE_RX.search(par.text))
        counted = last.endswith(".") and bool(_COUNTED.search(last))
        if not (caption or counted):
            continue
        items: list[Paragraph] = []
        for nxt in pars[i + 1 : i + 16]:
            cells = [c for c in _CELL_SPLIT.split(nxt.text.strip()) if c]
            if len(cells) >= 2 and cells[0].lower() in _HEADER_CELLS and not items:
                continue
            if len(cells) < 2 and not is_definition_item(nxt, items[0] if items else None):
                break
            items.append(nxt)
        if len(items) >= 2:
            out.append(ListBlock(par, tuple(items)))
    return out


def _item_stage(item: Paragraph) -> Stage | None:
    first = item.sentences[0].text
    cells = [c for c in _CELL_SPLIT.split(item.text.strip()) if c]
    if len(cells) >= 2 and len(cells[0].split()) <= 5 and re.match(r"\w", cells[0]):
        return Stage(cells[0].strip(), " ".join(cells[1:]).strip() or None)
    cands = match_definition(first, list_item=True)
    cands = [c for c in cands if c.pattern != "paren-term"]
    if cands:
        desc = " ".join([cands[0].definiens] + [s.text for s in item.sentences[1:]])
        return Stage(cands[0].term, desc.strip() or None)
    text = re.sub(r"^[\W\d]{0,4}\s*", "", first).rstrip(" .;")
    m = re.match(r"(?P<name>[^()]{2,60}?)\s*\((?P<desc>[^()]+)\)$", text)
    if m:
        return Stage(m.group("name").strip(), m.group("desc").strip())
    if 1 <= len(text.split()) <= 5:
        return Stage(text, None)
    return None


# ---------------------------------------------------------------- prose

_FROM_THROUGH = re.compile(
    r"\bfrom\s+(?P<first>[^,;:()]{2,60}?),?\s+(?:through|via)\s+(?P<mid>[^;:]{2,200}?),?\s+to\s+"
    r"(?P<last>[^,;:.()]{2,60})",
    re.I,
)
_FROM_CHAIN = re.compile(
    r"\bfrom\s+(?P<chain>[^;:.]{2,60}?(?:\s+to\s+[^;:.]{2,60}?){2,})(?=[,;:.)]|\s+(?:and|in|with|for|as|which|that)\b|$)",
    re.I,
)
_FROM_TO = re.compile(
    r"\b(?:continu(?:um|a)|spectrum|scale|rang(?:e|es|ing)|extend(?:s|ing)?|mov(?:e|es|ing)|"
    r"progress(?:es|ing)?|shift(?:s|ing)?)\b[^.;:]{0,40}?\bfrom\s+(?P<first>[^,;:()]{2,60}?)\s+to\s+"
    r"(?P<last>[^,;:.()]{2,60})",
    re.I,
)
_ENUM = re.compile(
    rf"\b(?P<count>{_NUMBER})\s+(?:\w+\s+){{0,2}}?(?P<cue>{_CUE})\b(?P<rest>.*)$",
    re.I,
)
_BETWEEN = re.compile(
    r"\b(?P<cue>distinction|distinguish(?:es|ed|ing)?|differentiat\w*|dichotom\w*|contrast|"
    r"balance|trade-off|tension)\b[^.;:]{0,40}?\bbetween\s+(?P<list>.+)$",
    re.I,
)
_BEFORE_CUE = re.compile(
    r"\b(?P<list>(?:[A-Za-z][\w-]*(?:\s+[a-z][\w-]*)?,\s+)+(?:[A-Za-z][\w-]*(?:\s+[a-z][\w-]*)?,?\s+)?"
    r"(?:and|or)\s+[A-Za-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?P<cue>levels|tiers|stages|dimensions|"
    r"types|forms|phases|degrees)\b"
)
_VERSUS = re.compile(
    r"(?P<left>\b[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)\s+(?:versus|vs\.?|v\.?)\s+"
    r"(?P<right>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?)",
)
_LEVEL_SENT = re.compile(
    r"^(?:(?:finally|first(?:ly)?|second(?:ly)?|third(?:ly)?|then|lastly|next),?\s+)?"
    r"at\s+the\s+(?P<name>[\w-]+)(?:\s+or\s+[\w-]+)?\s+level\b[^,]*,?\s*(?P<desc>.*)$",
    re.I,
)


def _from_sentence(doc: Document, par: Paragraph, idx: int, sent: Sentence) -> list[Continuum]:
    text = sent.text
    out: list[Continuum] = []

    def add(kind: str, stages: list[Stage], rule: str) -> None:
        stages = _common_head(stages)
        if len(stages) >= 2 and all(_ok_name(s.name) for s in stages):
            source = _cite_in(doc, [sent]) or _lookback_cite(doc, par, idx)
            ev = evidence_at(doc, sent.page, sent.start, sent.end)
            out.append(Continuum(kind, stages, source, ev, rule))

    domain = bool(_DOMAIN.search(text))
    m = _FROM_THROUGH.search(text)
    if m and domain:
        mids = _split_items(m.group("mid"))
        names = [m.group("first"), *mids, _head_np(m.group("last"))]
        add("continuum", [Stage(_clean_name(n)) for n in names], "from-through")
    else:
        m = _FROM_CHAIN.search(text)
        if m and domain:
            names = re.split(r"\s+to\s+", m.group("chain"))
            names[-1] = _head_np(names[-1])
            add("continuum", [Stage(_clean_name(n)) for n in names], "from-to-chain")
        else:
            m = _FROM_TO.search(text)
            if m and domain:
                names = [m.group("first"), _head_np(m.group("last"))]
                add("continuum", [Stage(_clean_name(n)) for n in names], "from-to")
    m = _ENUM.search(text)
    if m and (domain or _DOMAIN.search(par.text)):
        rest = m.group("rest")
        lm = re.search(r"(?::|\bnamely\b|\s[—–]\s|—|\bi\.e\.,?)\s*(?P<list>.+)$", rest)
        if lm:
            items = _split_items(lm.group("list"))
            stages = [_stage_from_phrase(i) for i in items]
            if len(stages) >= 2 and len(stages) <= 12:
                add(_kind(m.group("cue"), len(stages)), stages, "enumeration")
    m = _BEFORE_CUE.search(text)
    if m and (domain or _DOMAIN.search(par.text)):
        stages = [Stage(_clean_name(i)) for i in _split_items(m.group("list"))]
        add(
            _kind(m.group("cue"), len(stages), names=[s.name for s in stages]),
            stages,
            "list-before-cue",
        )
    m = _BETWEEN.search(text)
    if m:
        items = _split_items(_cut_list(m.group("list")))
        stages = [_stage_from_phrase(i) for i in items]
        if 2 <= len(stages) <= 8 and (domain or _DOMAIN.search(par.text)):
            stages = _describe_from_next(par, idx, _common_head(stages))
            add(_kind("", len(stages), names=[s.name for s in stages]), stages, "between")
    pairs = list(_VERSUS.finditer(text))
    if len(pairs) == 1:
        left = _head_np(re.split(r"[.:;,]\s*", pairs[0].group("left"))[-1], keep_last=True)
        right = _head_np(pairs[0].group("right"))
        add("dichotomy", [Stage(_clean_name(left)), Stage(_clean_name(right))], "versus")
    return out


def _from_level_run(doc: Document, par: Paragraph) -> list[Continuum]:
    hits = []
    for idx, sent in enumerate(par.sentences):
        m = _LEVEL_SENT.match(sent.text)
        if m:
            hits.append((idx, sent, Stage(m.group("name"), m.group("desc").rstrip(" .") or None)))
    if len(hits) < 2:
        return []
    first, last = hits[0][1], hits[-1][1]
    prev = list(par.sentences[max(0, hits[0][0] - 3) : hits[0][0] + 1])
    source = _cite_in(doc, prev[::-1])
    ev = evidence_at(doc, first.page, first.start, last.end)
    stages = [h[2] for h in hits]
    return [Continuum(_kind("level", len(stages)), stages, source, ev, "level-run")]


def _describe_from_next(par: Paragraph, idx: int, stages: list[Stage]) -> list[Stage]:
    """Attach descriptions from the following sentences; order by those descriptions."""
    names = {s.name.lower(): s for s in stages}
    described: list[Stage] = []
    for sent in par.sentences[idx + 1 : idx + 4]:
        for cand in match_definition(sent.text):
            term = cand.term.lower()
            key = next((n for n in names if n == term or n in term.split()), None)
            if key and all(_fold(d.name) != key for d in described):
                described.append(Stage(names[key].name, cand.definiens))
    if len(described) == len(stages):
        return described
    return stages


# ---------------------------------------------------------------- helpers


def _split_items(text: str) -> list[str]:
    text = text.strip().rstrip(".")
    parts = re.split(r"\s*;\s*", text) if ";" in text else _split_commas(text)
    out = []
    for p in parts:
        p = re.sub(r"^(?:and|or|as\s+well\s+as|then)\s+", "", p.strip(), flags=re.I)
        if p:
            out.append(p)
    # "A, B and C" -> the last comma part holds "B and C"
    if out and ";" not in text:
        tail = re.split(r",?\s+(?:and|or)\s+(?![^()]*\))", out[-1])
        out = out[:-1] + [t for t in tail if t.strip()]
    return out


def _split_commas(text: str) -> list[str]:
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


def _cut_list(text: str) -> str:
    """The list part of "between A and B of relationship in order to ..."."""
    m = re.match(
        r"(?P<list>(?:[^()]|\([^()]*\))+?)(?=\s+(?:in\s+order|in|which|that|to|for|when|so)\s|$)",
        text,
    )
    return m.group("list") if m else text


def _stage_from_phrase(phrase: str) -> Stage:
    phrase = phrase.strip().rstrip(".")
    m = re.match(r"(?P<name>[^()]+?)\s*\((?P<desc>[^()]+)\)", phrase)
    if m:
        return Stage(_clean_name(m.group("name")), m.group("desc").strip())
    return Stage(_clean_name(_head_np(phrase)))


def _head_np(text: str, keep_last: bool = False) -> str:
    words = text.strip().split()
    if keep_last:
        return " ".join(words[-2:])
    out = []
    for w in words:
        if w.lower() in _STOP_WORDS or w.startswith(("(", "[")):
            break
        out.append(w)
    return " ".join(out[:4])


def _clean_name(name: str) -> str:
    name = name.strip().strip("‘’“”\"'.,;:")
    name = re.sub(r"^(?:the|a|an|full\s+the)\s+", "", name, flags=re.I)
    return name.strip()


_NOT_NAME = frozenset(
    word_list(
        """
        we they you i he she it is are was were be want need can will
        """
    )
)


def _ok_name(name: str) -> bool:
    words = name.split()
    if any(w.lower() in _NOT_NAME for w in words):
        return False
    return (
        1 <= len(words) <= 5 and bool(re.match(r"[A-Za-z]", name)) and not re.search(r"\d{4}", name)
    )


def _common_head(stages: list[Stage]) -> list[Stage]:
    """Strip a head noun every stage shares ("macro strategies, micro strategies")."""
    if len(stages) < 2:
        return stages
    words = [s.name.split() for s in stages]
    lasts = {w[-1].lower() for w in words if w}
    if len(lasts) == 1 and all(len(w) >= 2 for w in words):
        return [Stage(" ".join(w[:-1]), s.description) for w, s in zip(words, stages, strict=True)]
    # "vertical and horizontal integration": the head is written once, at the end.
    singles = [w[0] for w in words[:-1] if len(w) == 1]
    adjectives = sum(_adjective(w) for w in singles)
    if (
        len(words[-1]) == 2
        and len(singles) == len(words) - 1
        and adjectives * 3 >= len(singles) * 2
    ):
        return [*stages[:-1], Stage(words[-1][0], stages[-1].description)]
    return stages


def _adjective(word: str) -> bool:
    w = word.lower()
    return w in {
        "macro",
        "meso",
        "mezzo",
        "micro",
        "real",
        "virtual",
        "full",
        "partial",
        "hard",
        "soft",
    } or bool(re.search(r"(?:al|ic|ive|ed|ar|ary|ous|ent|ant|ful|less|wide|down|up)$", w))


def _kind(cue: str, n: int, names: list[str] | None = None) -> str:
    if n == 2:
        return "dichotomy"
    if names and {_fold(x) for x in names} & {"macro", "meso", "mezzo", "micro"}:
        return "levels"
    for rx, kind in _KIND_OF:
        if rx.search(cue):
            return kind
    return "typology"


def _cite_in(doc: Document, sents: list[Sentence]) -> str | None:
    for s in sents:
        cited = find_citation(s.text, doc)
        if cited:
            return cited[1]
    return None


def _lookback_cite(doc: Document, par: Paragraph, idx: int, depth: int = 2) -> str | None:
    """A citation in the preceding sentences when this one continues their report."""
    prev = par.sentences[max(0, idx - depth) : idx]
    opener = r"(?:They|He|She|The\s+authors|Their|His|Her|This|These|[…]|\.\.\.|[a-z])"
    if not prev or not re.match(opener, par.sentences[idx].text):
        return None
    return _cite_in(doc, list(prev)[::-1])


def _fold(text: str) -> str:
    text = re.sub(r"[\s\-‐–—]+", "", text.lower())
    return text.replace("mezzo", "meso")


def _dedupe(items: list[Continuum]) -> list[Continuum]:
    out: list[Continuum] = []
    keys: list[tuple[str, ...]] = []
    for c in items:
        key = tuple(_fold(s.name) for s in c.stages)
        if key in keys:
            # Keep the first place, but prefer the reading that names a source.
            i = keys.index(key)
            if out[i].attributed_to is None and c.attributed_to is not None:
                out[i] = c
            continue
        out.append(c)
        keys.append(key)
    # Drop "from A to E" when a longer continuum runs from A to E.
    return [
        c
        for c, key in zip(out, keys, strict=True)
        if not (
            len(key) == 2 and any(len(k) > 2 and k[0] == key[0] and k[-1] == key[1] for k in keys)
        )
    ]
