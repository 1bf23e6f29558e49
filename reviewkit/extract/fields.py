"""Simple field extractors for extraction templates, and where a sentence sits.

Every extractor returns `FieldHit`s: a value plus the sentence it was read from
as `Evidence`, so a value never exists without a verbatim quote. Values are the
words the document uses (``"nursing homes"``, ``"612 older adults"``), except
for countries and levels of integration, which are normalised to a gazetteer
name ("Scottish Government" -> ``"Scotland"``, "mezzo" -> ``"meso"``).

The section helpers (`sentence_sections`, `is_cited`) are shared by the design
and outcome classifiers: they need to know whether a sentence is in the
abstract, the methods or the reference list, and whether it reports somebody
else's study.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reviewkit.document import Document, Evidence, evidence_at

if TYPE_CHECKING:
    from reviewkit.extract.sentences import Sentence


@dataclass(frozen=True)
class FieldHit:
    """One extracted value and the sentence that states it.

    Attributes:
        value: the value, as written in the document (or its gazetteer name).
        evidence: the whole sentence the value was read from.
        confidence: how far the pattern that matched is trusted, in [0, 1].
    """

    value: str
    evidence: Evidence
    confidence: float


# --- where a sentence sits -------------------------------------------------------

#: section kinds, from the words of a heading; checked in this order
_SECTION_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("references", re.compile(r"^(references|bibliography|works cited|reference list)\b", re.I)),
    (
        "backmatter",
        re.compile(
            r"^(acknowledg|funding|conflicts? of interest|competing interests|reviewers|"
            r"author(s'|'s)? (contributions|details)|about the author|notes\b|declarations)",
            re.I,
        ),
    ),
    ("abstract", re.compile(r"^(abstract|summary|key (points|messages|findings))\b", re.I)),
    ("background", re.compile(r"^(\d+\.?\s*)?(introduction|background)\b", re.I)),
    (
        "methods",
        re.compile(
            r"^(methods?|methodology|materials and methods|study design|design|setting|"
            r"participants|data (collection|sources|analysis)|analysis|search strategy|"
            r"eligibility|study selection|sample|sampling|recruitment|the study|"
            r"methods and analysis|approach)\b",
            re.I,
        ),
    ),
    ("results", re.compile(r"^(results|findings|main findings|outcomes)\b", re.I)),
    ("discussion", re.compile(r"^(discussion|conclusions?|implications|limitations)\b", re.I)),
)

_PARAGRAPH_SPLIT = re.compile(r"\n\s*\n")


def _looks_like_heading(paragraph: str) -> bool:
    paragraph = re.sub(r"^#{1,6}\s+", "", paragraph)  # a Markdown heading
    words = paragraph.split()
    return (
        0 < len(words) <= 8
        and not paragraph.rstrip().endswith((".", ";", ","))
        and (paragraph[:1].isupper() or paragraph[:1].isdigit())
    )


def _headings(doc: Document) -> list[tuple[int, int, str]]:
    """(page, offset, kind) of every heading-like paragraph, in document order."""
    found = []
    for page in doc.pages:
        start = 0
        for match in [*_PARAGRAPH_SPLIT.finditer(page.text), None]:
            end = match.start() if match else len(page.text)
            paragraph = page.text[start:end].strip()
            if _looks_like_heading(paragraph):
                # "3.2 Methods", and "## Methods" in a Markdown or text file
                heading = re.sub(r"^(?:#{1,6}\s+)?(?:\d+(\.\d+)*\.?\s*)?", "", paragraph)
                kind = next((k for k, rx in _SECTION_WORDS if rx.match(heading)), None)
                if kind is not None:
                    found.append((page.number, start, kind))
            start = match.end() if match else start
    return found


def sentence_sections(doc: Document, sentences: Sequence[Sentence]) -> list[str]:
    """The kind of section each sentence is in.

    Kinds: "front" (before any recognised heading), "abstract", "background",
    "methods", "results", "discussion", "references", "backmatter" (acknowledgements,
    funding, reviewers). Unrecognised headings do not change the kind, since
    short bullet items look like headings too.
    """
    headings = _headings(doc)
    kinds = []
    for sentence in sentences:
        kind = "front"
        for page, offset, heading_kind in headings:
            if (page, offset) > (sentence.page, sentence.start):
                break
            kind = heading_kind
        kinds.append(kind)
    return kinds


#: author-year or numbered citations, and "et al"
CITATION = re.compile(
    r"\bet al\b\.?|\[\d+(?:\s*[-–,]\s*\d+)*\]|\((?:[^()]*?(?:19|20)\d\d[a-z]?)\)|"
    r"\b[A-Z][A-Za-z'’-]+(?: and [A-Z][A-Za-z'’-]+)?,? \(?(?:19|20)\d\d[a-z]?\b"
)
#: words by which a document talks about itself
SELF_REFERENCE = re.compile(
    r"\b(we|our|us)\b|\bthis (study|paper|article|review|report|trial|evaluation|protocol|"
    r"insight|briefing|analysis|chapter|issue|editorial|commentary|essay|survey|research)\b|"
    r"\bthe present (study|paper|review)\b|\bhere\b",
    re.I,
)


def is_cited(text: str) -> bool:
    """Whether a sentence reports somebody else's work rather than the document's own."""
    return bool(CITATION.search(text)) and not SELF_REFERENCE.search(text)


def _hit(doc: Document, sentence: Sentence, value: str, confidence: float) -> FieldHit:
    evidence = evidence_at(doc, sentence.page, sentence.start, sentence.end)
    return FieldHit(value=value, evidence=evidence, confidence=confidence)


def _body(doc: Document, sentences: Sequence[Sentence]) -> list[tuple[Sentence, str]]:
    """Sentences outside references and back matter, with their section kind."""
    kinds = sentence_sections(doc, sentences)
    return [
        (s, k)
        for s, k in zip(sentences, kinds, strict=True)
        if k not in ("references", "backmatter")
    ]


# --- country ---------------------------------------------------------------------

_COUNTRIES: dict[str, tuple[str, ...]] = {
    "United Kingdom": ("United Kingdom", "UK", "U.K.", "Britain", "British"),
    "England": ("England", "English"),
    "Scotland": ("Scotland", "Scottish"),
    "Wales": ("Wales", "Welsh"),
    "Northern Ireland": ("Northern Ireland",),
    "Ireland": ("Republic of Ireland", "Ireland", "Irish"),
    "United States": ("United States", "USA", "U.S.", "US", "American"),
    "Canada": ("Canada", "Canadian"),
    "Australia": ("Australia", "Australian"),
    "New Zealand": ("New Zealand",),
    "Netherlands": ("Netherlands", "Dutch"),
    "Germany": ("Germany", "German"),
    "France": ("France", "French"),
    "Italy": ("Italy", "Italian"),
    "Spain": ("Spain", "Spanish"),
    "Portugal": ("Portugal", "Portuguese"),
    "Belgium": ("Belgium", "Belgian"),
    "Switzerland": ("Switzerland", "Swiss"),
    "Austria": ("Austria", "Austrian"),
    "Sweden": ("Sweden", "Swedish"),
    "Norway": ("Norway", "Norwegian"),
    "Denmark": ("Denmark", "Danish"),
    "Finland": ("Finland", "Finnish"),
    "Iceland": ("Iceland", "Icelandic"),
    "Japan": ("Japan", "Japanese"),
    "China": ("China", "Chinese"),
    "Taiwan": ("Taiwan", "Taiwanese"),
    "South Korea": ("South Korea", "Korea", "Korean"),
    "Singapore": ("Singapore",),
    "India": ("India", "Indian"),
    "South Africa": ("South Africa", "South African"),
    "Brazil": ("Brazil", "Brazilian"),
    "Israel": ("Israel", "Israeli"),
    "Greece": ("Greece", "Greek"),
    "Poland": ("Poland", "Polish"),
    "Slovenia": ("Slovenia", "Slovenian"),
    "Estonia": ("Estonia", "Estonian"),
}
# Demonyms that are mostly not about a place in these phrases.
_NOT_A_PLACE = re.compile(
    r"(?:North|South|Latin|Central) American|English[- ](?:language|speaking)|"
    r"(?:in|into|from) English\b|Native American|Irish Sea",
)
_COUNTRY_NAMES = sorted(
    ((alias, country) for country, aliases in _COUNTRIES.items() for alias in aliases),
    key=lambda pair: -len(pair[0]),
)
_COUNTRY_RE = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(alias) for alias, _ in _COUNTRY_NAMES) + r")(?![\w])"
)
_COUNTRY_OF = dict(_COUNTRY_NAMES)


def find_country(doc: Document, sentences: Sequence[Sentence]) -> list[FieldHit]:
    """Countries the document is about, most mentioned first.

    Matches country names, demonyms and UK nations ("in Scotland", "English
    local authorities"); one hit per country, quoting its first mention, with
    confidence the country's share of all mentions (methods and abstract count
    double).
    """
    counts: dict[str, float] = {}
    first: dict[str, Sentence] = {}
    for sentence, kind in _body(doc, sentences):
        masked = _NOT_A_PLACE.sub(lambda m: " " * len(m.group()), sentence.text)
        for match in _COUNTRY_RE.finditer(masked):
            country = _COUNTRY_OF[match.group(1)]
            counts[country] = counts.get(country, 0.0) + (
                2.0 if kind in ("abstract", "methods") else 1.0
            )
            first.setdefault(country, sentence)
    total = sum(counts.values())
    ranked = sorted(counts, key=lambda c: -counts[c])
    return [_hit(doc, first[c], c, round(counts[c] / total, 3)) for c in ranked]


# --- setting ---------------------------------------------------------------------

_SETTINGS: tuple[tuple[str, str], ...] = (
    (
        "care homes",
        r"(?:care|nursing|residential) homes?|residential care|long-term care facilit\w+",
    ),
    ("primary care", r"primary care|general practices?|GP practices?|family practices?"),
    (
        "hospital",
        r"(?:acute |general |community )?hospitals?|acute (?:care|trusts?|sector)|inpatient wards?",
    ),
    ("emergency department", r"emergency departments?|accident and emergency|A&E"),
    (
        "community",
        r"community (?:health |care |nursing |mental health )?(?:services|teams|settings)|"
        r"home care|domiciliary care|people's homes|own homes",
    ),
    ("intermediate care", r"intermediate care|reablement services?|rehabilitation units?"),
    ("mental health services", r"mental health (?:services|trusts?|teams)"),
    (
        "social care",
        r"(?<!health and )(?<!health & )(?:adult |children's )?social (?:care|services)"
        r"(?: departments?)?|"
        r"local authorit(?:y|ies)|councils?",
    ),
    ("palliative care", r"hospices?|palliative care services?|specialist palliative care"),
    ("schools", r"schools?"),
    ("prisons", r"prisons?|custodial settings?"),
)
_SETTING_RES = tuple((name, re.compile(rf"\b(?:{rx})\b", re.I)) for name, rx in _SETTINGS)
_SETTING_CUE = re.compile(
    r"\b(conducted|carried out|undertaken|based|set|located|recruited|delivered|provided)\b"
    r"|\bsettings?\b|\bsites?\b",
    re.I,
)


def find_setting(doc: Document, sentences: Sequence[Sentence]) -> list[FieldHit]:
    """Care settings where the study took place or the service is delivered.

    One hit per kind of setting, quoting its best sentence: one in the abstract
    or methods that says where something was done ("conducted in 24 general
    practices") beats a passing mention. The value is the phrase as written.
    A kind of setting whose total weight is under 2 (one passing mention) is
    left out.
    """
    totals: dict[str, float] = {}
    best: dict[str, tuple[float, Sentence, str]] = {}
    for sentence, kind in _body(doc, sentences):
        for name, rx in _SETTING_RES:
            match = rx.search(sentence.text)
            if not match:
                continue
            score = 1.0 + (1.0 if kind in ("abstract", "methods") else 0.0)
            score += 1.0 if _SETTING_CUE.search(sentence.text) else 0.0
            totals[name] = totals.get(name, 0.0) + score
            if name not in best or score > best[name][0]:
                best[name] = (score, sentence, match.group(0))
    ranked = sorted((n for n in totals if totals[n] >= 2.0), key=lambda n: -totals[n])
    return [
        _hit(doc, best[n][1], best[n][2], round(min(0.9, 0.3 + 0.1 * totals[n]), 3)) for n in ranked
    ]


# --- population ------------------------------------------------------------------

_GROUP = (
    r"(?:frail )?older (?:people|adults|persons|patients)|(?:frail )?elderly (?:people|patients)|"
    r"patients|participants|residents|carers|caregivers|service users|people|adults|children|"
    r"young people|families|parents|staff|professionals|practitioners|social workers|nurses|"
    r"respondents|GPs|general practitioners|managers|veterans|women|men|households|beneficiaries"
)
_NUMBER = (
    r"(?!(?:19|20)\d\d\b)\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty"
)
# a described group ends before the sentence's verb
_VERB = r"are|were|is|was|have|has|had|who|often|may|can|will|did|do|received?|used?"
_TAIL = r"(?:(?! and | or | (?:" + _VERB + r") )[^,.;()]){3,50}"
_POPULATION_RES: tuple[tuple[re.Pattern[str], float], ...] = (
    (
        re.compile(
            rf"\b(?:{_NUMBER})\s+(?:[a-z-]+\s+){{0,2}}?(?:{_GROUP})\b"
            r"(?: (?:with|aged|living with) " + _TAIL + r")?",
            re.I,
        ),
        0.8,
    ),
    (
        re.compile(
            r"\b(?:people|adults|children|patients|carers of people|older people|veterans|women"
            r"|men) (?:with|living with|aged|who have) " + _TAIL,
            re.I,
        ),
        0.6,
    ),
    (re.compile(r"\b(?:frail )?(?:older|elderly) (?:people|adults|patients|persons)\b", re.I), 0.5),
)


def find_population(doc: Document, sentences: Sequence[Sentence]) -> list[FieldHit]:
    """Who was studied or served: counted groups first ("612 older adults"),
    then described groups ("people with dementia"), abstract and methods first.

    Returns up to five distinct phrases, each with its sentence.
    """
    candidates: list[tuple[float, int, FieldHit]] = []
    seen: set[str] = set()
    for order, (sentence, kind) in enumerate(_body(doc, sentences)):
        if is_cited(sentence.text) or _looks_like_heading(sentence.text):
            continue
        boost = 0.1 if kind in ("abstract", "methods", "front") else -0.2
        for rx, confidence in _POPULATION_RES:
            for match in rx.finditer(sentence.text):
                phrase = match.group(0).strip()
                key = phrase.lower()
                if key in seen or len(phrase.split()) < 2:
                    continue
                seen.add(key)
                score = confidence + boost
                candidates.append(
                    (score, order, _hit(doc, sentence, phrase, max(0.1, min(1.0, score))))
                )
    candidates.sort(key=lambda c: (-c[0], c[1]))
    return [hit for _, _, hit in candidates[:5]]


# --- levels of integration --------------------------------------------------------

_LEVEL_RE = re.compile(r"\b(macro|meso|mezzo|micro)(?=[\s-]|\b)", re.I)


def find_levels_of_integration(doc: Document, sentences: Sequence[Sentence]) -> list[FieldHit]:
    """Macro, meso and micro levels the document names, in that order.

    Each level quotes the sentence naming the most levels at once (a sentence
    listing all three is the best evidence); "mezzo" is read as meso.
    """
    best: dict[str, tuple[int, Sentence]] = {}
    for sentence, _kind in _body(doc, sentences):
        found = {
            m.group(1).lower().replace("mezzo", "meso") for m in _LEVEL_RE.finditer(sentence.text)
        }
        for level in found:
            if level not in best or len(found) > best[level][0]:
                best[level] = (len(found), sentence)
    return [
        _hit(doc, best[level][1], level, 0.9 if best[level][0] >= 2 else 0.6)
        for level in ("macro", "meso", "micro")
        if level in best
    ]


# --- PICO ------------------------------------------------------------------------

_ALLOCATION = re.compile(r"\brandomi[sz]ed|\brandomly\b|\ballocated\b|\bassigned\b", re.I)
# "... allocated 24 practices, stratified by size, either to X or to usual care"
_ARMS = re.compile(
    r"\bto\s+(?:receive\s+)?(?:either\s+)?(?:an?\s+|the\s+)?(?P<a>[^,;.]{3,80}?)\s+"
    r"(?:or|versus|vs\.?)\s+(?:to\s+)?(?:receive\s+)?(?P<b>[^,;.]{3,80})",
    re.I,
)
# titles: "An integrated discharge hub compared with standard discharge planning: ..."
_TITLE_ARMS = re.compile(
    r"^(?:an?\s+|the\s+)?(?P<a>[^:,;.]{3,80}?)\s+(?:compared with|versus|vs\.?)\s+"
    r"(?P<b>[^:,;.]{3,80})",
    re.I,
)
_INTERVENTION = re.compile(
    r"\b(?:the )?(?:intervention|programme|program|service|model|scheme)\s+"
    r"(?:consisted of|comprised|involved|included|combined|offered|provided)\s+(?P<a>[^.;]{3,120})",
    re.I,
)
_COMPARATOR = re.compile(
    r"\b(?:compared (?:with|to)|versus|"
    r"control (?:group|arm|practices|homes|sites) (?:received|continued with))\s+"
    r"(?P<b>(?:usual|standard|routine|enhanced usual) (?:care|practice|treatment|services)"
    r"[^,;.]{0,40}|[^,;.]{3,60})",
    re.I,
)
# a comparator names a kind of care, group or service, not a number or a clause
_COMPARATOR_NOUN = re.compile(
    r"\b(?:care|practices?|treatment|services?|groups?|arms?|teams?|hospitals?|sites?|model|"
    r"programmes?|interventions?|control|planning|support|provision|areas?|wards?)\b",
    re.I,
)
_USUAL_CARE = re.compile(
    r"\b(?:enhanced )?(?:usual|standard|routine) (?:care|practice|treatment)\b", re.I
)
_OUTCOMES = re.compile(
    r"\b(?:(?:primary|secondary|main|co-primary) outcomes?(?: measures?)?|outcome measures?|"
    r"outcomes (?:measured|assessed|examined))\s+"
    r"(?:was|were|is|are|will be|included|include|comprised)\s+(?P<a>[^.;]{3,160})",
    re.I,
)


def _pattern_hits(
    doc: Document,
    sentences: Iterable[tuple[Sentence, str]],
    pattern: re.Pattern[str],
    group: str | int,
    confidence: float,
    only_in: re.Pattern[str] | None = None,
) -> list[FieldHit]:
    hits, seen = [], set()
    for sentence, _kind in sentences:
        if is_cited(sentence.text) or (only_in and not only_in.search(sentence.text)):
            continue
        for match in pattern.finditer(sentence.text):
            value = match.group(group).strip()
            if value.lower() not in seen:
                seen.add(value.lower())
                hits.append(_hit(doc, sentence, value, confidence))
    return hits


def _arms(doc: Document, body: list[tuple[Sentence, str]], arm: str) -> list[FieldHit]:
    """One arm ("a" intervention, "b" comparator) of allocation sentences and titles."""
    titles = body[:3]
    return _pattern_hits(doc, body, _ARMS, arm, 0.8, only_in=_ALLOCATION) + _pattern_hits(
        doc, titles, _TITLE_ARMS, arm, 0.6
    )


def find_pico_population(doc: Document, sentences: Sequence[Sentence]) -> list[FieldHit]:
    """PICO population: the same phrases as `find_population`."""
    return find_population(doc, sentences)


def find_pico_intervention(doc: Document, sentences: Sequence[Sentence]) -> list[FieldHit]:
    """PICO intervention: the first arm of an allocation sentence ("randomly
    allocated ... to X or to usual care") or of a "X compared with Y" title, or
    what an intervention, programme or service "consisted of"."""
    body = _body(doc, sentences)
    return (_arms(doc, body, "a") + _pattern_hits(doc, body, _INTERVENTION, "a", 0.6))[:5]


def find_pico_comparator(doc: Document, sentences: Sequence[Sentence]) -> list[FieldHit]:
    """PICO comparator: the second arm of an allocation sentence or title, what
    the intervention was "compared with", or a mention of usual/standard care."""
    body = _body(doc, sentences)
    hits = _arms(doc, body, "b") + _pattern_hits(doc, body, _COMPARATOR, "b", 0.6)
    hits = [h for h in hits if _COMPARATOR_NOUN.search(h.value)]
    if not hits:
        hits = _pattern_hits(doc, body, _USUAL_CARE, 0, 0.4)
    return hits[:5]


def find_pico_outcomes(doc: Document, sentences: Sequence[Sentence]) -> list[FieldHit]:
    """PICO outcomes: what the primary, secondary or listed outcomes were."""
    return _pattern_hits(doc, _body(doc, sentences), _OUTCOMES, "a", 0.7)[:5]
