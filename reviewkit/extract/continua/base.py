"""Shared parts of the continua extractors: the dataclasses, cue words and stage names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewkit.document import Document, Evidence
from reviewkit.extract.citations import find_citation
from reviewkit.extract.sentences import Paragraph, Sentence, word_list

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


CUE = (
    r"(?:levels?|stages?|degrees?|categor(?:y|ies)|types?|typolog(?:y|ies)|continu(?:um|a)|"
    r"spectrum|forms?|dimensions?|phases?|steps?|ladder|hierarch(?:y|ies)|tiers?|modes?|"
    r"kinds?|classifications?|taxonom(?:y|ies)|gradations?|scale|domains?)"
)
CUE_RX = re.compile(rf"\b{CUE}\b", re.I)
DOMAIN = re.compile(
    r"integrat|collaborat|partner|co-?operat|co-?ordinat|joint|linkage|relationship|merger|"
    r"network|agenc|organi[sz]ation|inter-?professional|teamwork|alliance|care\b",
    re.I,
)
NUMBER = r"(?:two|three|four|five|six|seven|eight|nine|ten|2|3|4|5|6|7|8|9|10)(?:-fold)?"
_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_NUMBERS = {w: i for i, w in enumerate(_NUMBER_WORDS, 2)}
#: Stage names that make a set levels whatever the sentence is about.
LEVEL_NAMES = frozenset({"macro", "meso", "mezzo", "micro"})


def number_value(word: str) -> int | None:
    """2 for "two" or "2" (NUMBER's words), None for anything else."""
    word = word.lower().removesuffix("-fold")
    return int(word) if word.isdigit() else _NUMBERS.get(word)


KIND_OF = [
    (
        re.compile(
            r"continu|spectrum|degree|ladder|stage|step|phase|hierarch|gradation|scale", re.I
        ),
        "continuum",
    ),
    (re.compile(r"level|tier", re.I), "levels"),
]
STOP_WORDS = frozenset(
    word_list(
        """
        in of for with across within by on at as which that who where when
        """
    )
)


def split_items(text: str) -> list[str]:
    """The items of a written list.

    Split at semicolons, else at top-level commas and a final "and"/"or".
    """
    text = text.strip().rstrip(".")
    parts = re.split(r"\s*;\s*", text) if ";" in text else split_commas(text)
    out = []
    for p in parts:
        p = re.sub(r"^(?:and|or|as\s+well\s+as|then)\s+", "", p.strip(), flags=re.I)
        if p:
            out.append(p)
    # "A, B and C" -> the last comma part holds "B and C"; an "and" inside a
    # relative clause ("C that span the hospital and the community") does not split.
    if out and ";" not in text:
        last = out[-1]
        rel = re.search(r"\s(?:that|which|who|whose|where|when|between|spanning)\s", last)
        head, rest = (last[: rel.start()], last[rel.start() :]) if rel else (last, "")
        tail = re.split(r",?\s+(?:and|or)\s+(?![^()]*\))", head)
        tail[-1] = tail[-1] + rest
        out = out[:-1] + [t for t in tail if t.strip()]
    return out


def split_commas(text: str) -> list[str]:
    """Split at commas outside parentheses."""
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


def cut_list(text: str) -> str:
    """The list part of "between A and B of relationship in order to ..."."""
    m = re.match(
        r"(?P<list>(?:[^()]|\([^()]*\))+?)(?=\s+(?:in\s+order|in|which|that|to|for|when|so)\s|$)",
        text,
    )
    return m.group("list") if m else text


def stage_from_phrase(phrase: str) -> Stage:
    """A stage from one list item: "name (description)", "name, description" or a bare name."""
    phrase = phrase.strip().rstrip(".")
    m = re.match(r"(?P<name>[^()]+?)\s*\((?P<desc>[^()]+)\)", phrase)
    if m:
        return Stage(clean_name(m.group("name")), m.group("desc").strip())
    # "system integration, concerned with funding ...": a name, then what it means.
    m = re.match(r"(?P<name>[^,]{2,50}?),\s+(?P<desc>\S.{6,})$", phrase)
    if m and len(m.group("name").split()) <= 4:
        return Stage(clean_name(head_np(m.group("name"))), m.group("desc").strip())
    return Stage(clean_name(head_np(phrase)))


def head_np(text: str, keep_last: bool = False, keep_of: bool = False) -> str:
    """The noun phrase opening `text` (at most five words).

    Args:
        keep_last: take the last two words instead (the left side of "A versus B").
        keep_of: keep a final "of" phrase of one or two words ("full integration of
            care"); off where "of X" may belong to every stage ("depth and breadth of
            relationship").
    """
    words = text.strip().split()
    if keep_last:
        kept: list[str] = []
        for w in reversed(words[-2:]):
            if w.lower() in STOP_WORDS or w.lower() in {"between", "the", "a", "an", "of"}:
                break
            kept.insert(0, w)
        return " ".join(kept)
    out: list[str] = []
    for i, w in enumerate(words):
        rest = words[i + 1 :]
        n = next((k for k, x in enumerate(rest) if x.startswith(("(", "["))), len(rest))
        if keep_of and w.lower() == "of" and out and 1 <= n <= 4:
            out += [w, *rest[:n]]
            break
        if w.lower() in STOP_WORDS or w.startswith(("(", "[")):
            break
        out.append(w)
    return " ".join(out[: 8 if keep_of else 5])


def clean_name(name: str) -> str:
    """A stage name without surrounding quotes and punctuation or a leading article."""
    name = name.strip().strip("‘’“”\"'.,;:")
    name = re.sub(r"^(?:the|a|an|full\s+the)\s+", "", name, flags=re.I)
    return name.strip()


NOT_NAME = frozenset(
    word_list(
        """
        we they you i he she it is are was were be want need can will one next another
        other others each either someone something nothing anything there here
        """
    )
)


def ok_name(name: str) -> bool:
    """Whether `name` can name a stage.

    One to five words (eight with "of"), no pronoun or verb, no year.
    """
    words = name.split()
    if any(w.lower() in NOT_NAME for w in words):
        return False
    return (
        1 <= len(words) <= (8 if " of " in name else 5)
        and bool(re.match(r"[A-Za-z]", name))
        and not re.search(r"\d{4}", name)
    )


#: Head nouns that name the classification, not a stage ("macro level", "vertical integration").
GENERIC_HEADS = frozenset(
    word_list(
        """level tier stage phase step type form kind mode dimension degree integration
        collaboration working partnership strategy strategie model network approach domain
        category categorie"""
    )
)


def _singular(word: str) -> str:
    w = word.lower().strip(".,;:")
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def common_head(stages: list[Stage], context: str | None = None) -> list[Stage]:
    """Strip a head noun every stage shares ("macro strategies, micro strategies").

    With `context` (the text naming the set, without the stages), the shared
    head is stripped only when it is a generic word for a class (level, type,
    integration, ...) or the context names it ("three kinds of network:
    informational networks, ..."); "coordinated care, integrated care" keep theirs.
    """
    if len(stages) < 2:
        return stages
    words = [s.name.split() for s in stages]
    lasts = {w[-1].lower() for w in words if w}
    head = next(iter(lasts)) if len(lasts) == 1 else ""
    named = (
        context is None
        or _singular(head) in GENERIC_HEADS
        or bool(re.search(rf"\b{re.escape(_singular(head))}", context, re.I))
    )
    if head and named and all(len(w) >= 2 for w in words):
        return [Stage(" ".join(w[:-1]), s.description) for w, s in zip(words, stages, strict=True)]
    # "vertical and horizontal integration": the head is written once, at the end.
    singles = [w[0] for w in words[:-1] if len(w) == 1]
    adjectives = sum(adjective(w) for w in singles)
    # "upstream and downstream integration": modifiers sharing a generic head; but
    # "linkage, co-ordination and full integration" are stages named by nouns.
    nouns = any(
        re.search(r"(?:age|tion|ment|ship|ity|ism|ance|ence|ness|ing)$", w) for w in singles
    )
    generic = bool(words[-1]) and _singular(words[-1][-1]) in GENERIC_HEADS and not nouns
    if (
        len(words[-1]) == 2
        and len(singles) == len(words) - 1
        and (adjectives * 3 >= len(singles) * 2 or generic)
    ):
        return [*stages[:-1], Stage(words[-1][0], stages[-1].description)]
    return stages


def adjective(word: str) -> bool:
    """Whether `word` reads as an adjective ("macro", "vertical"), by word list and suffix."""
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


def stage_kind(cue: str, n: int, names: list[str] | None = None) -> str:
    """The kind of a set of stages, from their number, names and cue word.

    "dichotomy" for two; "levels" for macro/meso/micro or a "level"/"tier"
    cue; "continuum" for a continuum, stage or scale cue; else "typology".
    """
    if n == 2:
        return "dichotomy"
    if names and {fold_name(x) for x in names} & LEVEL_NAMES:
        return "levels"
    for rx, kind in KIND_OF:
        if rx.search(cue):
            return kind
    return "typology"


def cite_in(doc: Document, sents: list[Sentence]) -> str | None:
    """The cited source of the first sentence in `sents` that cites one, or None."""
    for s in sents:
        cited = find_citation(s.text, doc)
        if cited:
            return cited[1]
    return None


def lookback_cite(doc: Document, par: Paragraph, idx: int, depth: int = 2) -> str | None:
    """A citation in the preceding sentences when this one continues their report."""
    prev = par.sentences[max(0, idx - depth) : idx]
    opener = r"(?:They|He|She|The\s+authors|Their|His|Her|This|These|[…]|\.\.\.|[a-z])"
    if not prev or not re.match(opener, par.sentences[idx].text):
        return None
    return cite_in(doc, list(prev)[::-1])


def fold_name(text: str) -> str:
    """A stage name folded for comparison: lower case, no spaces or dashes, "mezzo" as "meso"."""
    text = re.sub(r"[\s\-‐–—]+", "", text.lower())
    return text.replace("mezzo", "meso")
