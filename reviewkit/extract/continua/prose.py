"""Continua read from prose: "from A through B to C", "three levels: ...",
"a distinction between A and B", "A versus B", runs of "At the X level, ..."."""

from __future__ import annotations

import re

from reviewkit.document import Document, evidence_at
from reviewkit.extract.continua.base import (
    CUE,
    DOMAIN,
    LEVEL_NAMES,
    NUMBER,
    Continuum,
    Stage,
    cite_in,
    clean_name,
    common_head,
    cut_list,
    fold_name,
    head_np,
    lookback_cite,
    number_value,
    ok_name,
    split_items,
    stage_from_phrase,
    stage_kind,
)
from reviewkit.extract.definitions import match_definition
from reviewkit.extract.sentences import Paragraph, Sentence

_FROM_THROUGH = re.compile(
    r"\bfrom\s+(?P<first>[^,;:()]{2,60}?),?\s+(?:through|via)\s+(?P<mid>[^;:]{2,200}?),?\s+to\s+"
    r"(?P<last>[^,;:.()]{2,60}?)(?:,?\s+and,?\s+(?:(?:finally|ultimately|eventually|then|lastly)"
    r",?\s+)?(?P<tail>[^,;:.()]{2,60}))?(?=[,;:.()\[]|$)",
    re.I,
)
_FROM_ENDS = re.compile(
    r"\bfrom\s+(?P<first>[^,;:()]{2,60}?)\s+at\s+one\s+(?:end|extreme|pole)\s*,?\s+to\s+"
    r"(?P<last>[^,;:.()]{2,60}?)\s+at\s+the\s+other\b",
    re.I,
)
_DISTINGUISH = re.compile(
    r"\b(?:distinguish(?:es|ed|ing)?|differentiat(?:e|es|ed|ing)|contrast(?:s|ed|ing)?)\s+"
    r"(?:between\s+)?(?P<list>(?!between)[^.;:]{3,240})",
    re.I,
)
_DESCRIBED_PAIR = re.compile(
    r"(?P<a>[^,;:]{2,50}),\s+(?:where|in\s+which|whereby|when|which)\s+(?P<da>[^;]{8,}?),\s+"
    r"(?:and|from|with)\s+(?P<b>[^,;:]{2,50}),\s+(?:where|in\s+which|whereby|when|which)\s+"
    r"(?P<db>[^,;]{8,})",
    re.I,
)
_CUE_COLON = re.compile(
    rf"\b(?P<cue>{CUE})\b[^:;.]{{0,40}}:\s*(?P<list>[^:]{{3,300}})$",
    re.I,
)
_FROM_CHAIN = re.compile(
    r"\bfrom\s+(?P<chain>[^;:.]{2,60}?(?:\s+to\s+[^;:.]{2,60}?){2,})(?=[,;:.)]|\s+(?:and|in|with|for|as|which|that)\b|$)",
    re.I,
)
_FROM_TO = re.compile(
    r"\b(?:continu(?:um|a)|spectrum|scale|rang(?:e|es|ing)|extend(?:s|ing)?|mov(?:e|es|ing)|"
    r"progress(?:es|ing)?|shift(?:s|ing)?|var(?:y|ies|ying)|runs?|running|arrayed|placed|"
    r"lies|lie|spans?|spanning)\b[^.;:]{0,40}?\bfrom\s+(?P<first>[^,;:()]{2,60}?)\s+to\s+"
    r"(?P<last>[^,;:.()]{2,60})",
    re.I,
)
_ENUM = re.compile(
    rf"\b(?P<count>{NUMBER})\s+(?:\w+\s+){{0,2}}?(?P<cue>{CUE})\b(?P<rest>.*)$",
    re.I,
)
#: A clause after a written list: "A, B and C, with each accompanied by ...".
_TRAILING_CLAUSE = re.compile(
    r",\s+(?:with|each|which|where|whereby|while|whose|including|respectively)\b", re.I
)
#: After a counted cue, a parenthesised list within a few words ("of continuity
#: described by Haggerty and Reid (...)").
_COUNTED_PARENS = re.compile(r"^(?:\s+[\w'’-]+){0,7}?\s*\((?P<list>[^()]{3,300})\)")
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


def from_sentence(doc: Document, par: Paragraph, idx: int, sent: Sentence) -> list[Continuum]:
    """The continua one prose sentence names.

    Counted enumerations, "from A to B", "between A and B", described pairs
    and the like; a one-sentence paragraph without end punctuation (a heading)
    names none.
    """
    text = sent.text
    out: list[Continuum] = []
    if len(par.sentences) == 1 and not re.search(r"[.!?:;)\]’”\"']$", text.rstrip()):
        return out  # a heading or title ("Three levels, many meanings: a framework ...")

    def add(kind: str, stages: list[Stage], rule: str) -> None:
        first = stages[0].name.lower() if stages else ""
        pos = text.lower().find(first) if first else -1
        stages = common_head(stages, text[: max(pos, 0)])
        if len(stages) >= 2 and all(ok_name(s.name) for s in stages):
            source = cite_in(doc, [sent]) or lookback_cite(doc, par, idx)
            ev = evidence_at(doc, sent.page, sent.start, sent.end)
            out.append(Continuum(kind, stages, source, ev, rule))

    domain = bool(DOMAIN.search(text))
    m = _FROM_THROUGH.search(text)
    ends = _FROM_ENDS.search(text)
    if m and domain:
        mids = split_items(m.group("mid"))
        names = [m.group("first"), *mids, head_np(m.group("last"), keep_of=not m.group("tail"))]
        if m.group("tail"):
            names.append(head_np(m.group("tail"), keep_of=True))
        add("continuum", [Stage(clean_name(n)) for n in names], "from-through")
    elif ends and (domain or DOMAIN.search(par.text)):
        names = [ends.group("first"), head_np(ends.group("last"), keep_of=True)]
        add("continuum", [Stage(clean_name(n)) for n in names], "from-ends")
    else:
        m = _FROM_CHAIN.search(text)
        if m and domain:
            names = re.split(r"\s+to\s+", m.group("chain"))
            names[-1] = head_np(names[-1])
            add("continuum", [Stage(clean_name(n)) for n in names], "from-to-chain")
        else:
            m = _FROM_TO.search(text)
            if m and domain:
                names = [m.group("first"), head_np(m.group("last"), keep_of=True)]
                add("continuum", [Stage(clean_name(n)) for n in names], "from-to")
    m = _ENUM.search(text)
    if m and (domain or DOMAIN.search(par.text) or _names_levels(m.group("rest"))):
        rest = m.group("rest")
        lm = re.search(r"(?::|\bnamely\b|\s[—–]\s|—|\bi\.e\.,?)\s*(?P<list>.+)$", rest)
        pm = _COUNTED_PARENS.match(rest)
        if lm:
            items = split_items(_TRAILING_CLAUSE.split(lm.group("list"), maxsplit=1)[0])
            stages = [stage_from_phrase(i) for i in items]
            if len(stages) >= 2 and len(stages) <= 12:
                names = [s.name for s in stages]
                add(stage_kind(m.group("cue"), len(stages), names=names), stages, "enumeration")
        elif pm:
            # "three types of continuity described by X (information, management, and
            # relationship continuity)": only when the list has as many items as announced.
            stages = [Stage(clean_name(head_np(i))) for i in split_items(pm.group("list"))]
            stages = _drop_named_head(stages, rest[: pm.start("list")])
            if len(stages) == number_value(m.group("count")):
                names = [s.name for s in stages]
                add(stage_kind(m.group("cue"), len(stages), names=names), stages, "enumeration")
    m = _BEFORE_CUE.search(text)
    if m and (domain or DOMAIN.search(par.text)):
        stages = [Stage(clean_name(i)) for i in split_items(m.group("list"))]
        add(
            stage_kind(m.group("cue"), len(stages), names=[s.name for s in stages]),
            stages,
            "list-before-cue",
        )
    m = _BETWEEN.search(text)
    if m:
        items = split_items(cut_list(m.group("list")))
        stages = [stage_from_phrase(i) for i in items]
        if 2 <= len(stages) <= 8 and (domain or DOMAIN.search(par.text)):
            stages = _describe_from_next(par, idx, common_head(stages))
            add(stage_kind("", len(stages), names=[s.name for s in stages]), stages, "between")
    for m in _DISTINGUISH.finditer(text):
        if not (domain or DOMAIN.search(par.text)):
            break
        listed = re.sub(r"\s*\[[\d,;\s–-]+\]", "", m.group("list"))
        described = _DESCRIBED_PAIR.match(listed)
        if described:
            stages = [
                Stage(clean_name(described.group("a")), described.group("da").strip()),
                Stage(clean_name(described.group("b")), described.group("db").strip()),
            ]
            add("dichotomy", common_head(stages), "distinguish")
            continue
        if _BETWEEN.search(text):
            continue
        # "structural from cultural integration" is "structural and cultural integration".
        listed = re.sub(r"^([\w-]+)\s+from\s+", r"\1 and ", listed)
        # "A and B integration, the first concerning ...": the pair ends at the comma.
        if re.match(r"[^,]+\s(?:and|or)\s[^,]+,", listed):
            listed = listed.split(",", 1)[0]
        items = split_items(cut_list(listed))
        stages = [stage_from_phrase(i) for i in items]
        if 2 <= len(stages) <= 4:
            stages = _describe_from_next(par, idx, common_head(stages))
            kind = stage_kind("", len(stages), names=[s.name for s in stages])
            add(kind, stages, "distinguish")
    m = _CUE_COLON.search(text)
    if m and not _ENUM.search(text) and (domain or DOMAIN.search(par.text)):
        items = split_items(m.group("list"))
        stages = [stage_from_phrase(i) for i in items]
        if 2 <= len(stages) <= 8 and all(len(st.name.split()) <= 4 for st in stages):
            add(stage_kind(m.group("cue"), len(stages)), stages, "cue-colon")
    pairs = list(_VERSUS.finditer(text))
    if len(pairs) == 1:
        left = head_np(re.split(r"[.:;,]\s*", pairs[0].group("left"))[-1], keep_last=True)
        right = head_np(pairs[0].group("right"))
        add("dichotomy", [Stage(clean_name(left)), Stage(clean_name(right))], "versus")
    return out


def _drop_named_head(stages: list[Stage], named: str) -> list[Stage]:
    """ "(information, management, and relationship continuity)" after "types of
    continuity": the head the lead-in names, written once after the last item, goes."""
    if len(stages) < 2:
        return stages
    last = stages[-1].name.split()
    if (
        len(last) >= 2
        and all(len(s.name.split()) == 1 for s in stages[:-1])
        and re.search(rf"\b{re.escape(last[-1])}\b", named, re.I)
    ):
        return [*stages[:-1], Stage(" ".join(last[:-1]), stages[-1].description)]
    return stages


def _names_levels(text: str) -> bool:
    """Whether `text` names macro/meso/micro levels (a set of levels on any topic)."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    return len(words & LEVEL_NAMES) >= 2


def from_level_run(doc: Document, par: Paragraph) -> list[Continuum]:
    """A continuum from sentences that each name a level ("At the macro level, ...").

    Needs at least two such sentences in the paragraph.
    """
    hits = []
    for idx, sent in enumerate(par.sentences):
        m = _LEVEL_SENT.match(sent.text)
        if m:
            hits.append((idx, sent, Stage(m.group("name"), m.group("desc").rstrip(" .") or None)))
    if len(hits) < 2:
        return []
    first, last = hits[0][1], hits[-1][1]
    prev = list(par.sentences[max(0, hits[0][0] - 3) : hits[0][0] + 1])
    source = cite_in(doc, prev[::-1])
    ev = evidence_at(doc, first.page, first.start, last.end)
    stages = [h[2] for h in hits]
    return [Continuum(stage_kind("level", len(stages)), stages, source, ev, "level-run")]


def _describe_from_next(par: Paragraph, idx: int, stages: list[Stage]) -> list[Stage]:
    """Attach descriptions from the following sentences; order by those descriptions."""
    names = {s.name.lower(): s for s in stages}
    described: list[Stage] = []
    for sent in par.sentences[idx + 1 : idx + 4]:
        for cand in match_definition(sent.text):
            term = cand.term.lower()
            key = next((n for n in names if n == term or n in term.split()), None)
            if key and all(fold_name(d.name) != key for d in described):
                described.append(Stage(names[key].name, cand.definiens))
    if len(described) == len(stages):
        return described
    return stages
