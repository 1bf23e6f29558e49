"""Definitions: which sentences say what a term means, and who said it.

Two parts, as CODEBOOK.md describes the label:

1. Patterns propose candidates and split each into term and definiens
   ("X is when ...", "X refers to ...", "by X we mean ...", "A conceives of X
   as '...'", glossary items "X: ..."). Each pattern family has a prior
   strength.
2. A small classifier (TF-IDF + logistic regression, `model`) turns the
   sentence text plus the pattern evidence into a calibrated probability: the
   `confidence` of the definition. Candidates below `MIN_CONFIDENCE` are
   dropped.

`attributed_to` comes from a citation in the sentence (author-year, or a
reference number resolved through ``Document.references``), or, for a list
item, from its lead-in paragraph.

Layout: this module does the extraction over a document (lists, glossary runs,
bulleted or dashed items, anaphora, attribution) and re-exports the public API;
`patterns` reads candidates from one sentence (clause frames,
appositives, glossary items, contrast pairs), `copular` holds the
"X is/means/refers to ..." families and their weakening, `terms`
decides term boundaries, `model` is the classifier, and `citations`
finds cited sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reviewkit.document import Document, Evidence, evidence_at
from reviewkit.extract.citations import (
    ACCORDING,
    NAME_STOP,
    NAMES,
    clean_names,
    find_citation,
)
from reviewkit.extract.definitions.model import _DATA as _DATA
from reviewkit.extract.definitions.model import (
    DefinitionModel,
    calibration_report,
    definition_model,
    load_examples,
    score_candidates,
)
from reviewkit.extract.definitions.patterns import Candidate, match_definition
from reviewkit.extract.sentences import (
    BULLETS,
    Paragraph,
    Sentence,
    group_paragraphs,
    list_blocks,
    reference_paragraphs,
    starts_item,
)

__all__ = [
    "MIN_CONFIDENCE",
    "Candidate",
    "Definition",
    "DefinitionModel",
    "calibration_report",
    "definition_model",
    "find_citation",
    "find_definitions",
    "is_definition_item",
    "load_examples",
    "match_definition",
    "score_candidates",
]

#: Candidates whose calibrated probability is below this are not reported.
MIN_CONFIDENCE = 0.4


@dataclass(frozen=True)
class Definition:
    """One definition found in a document.

    Attributes:
        term: the term defined, as written (e.g. "co-ordination").
        definition: the defining text (definiens).
        attributed_to: the cited source ("Edwards (2010)", "Leutz [12]"), or
            None when the definition is the authors' own.
        confidence: calibrated probability (0..1) that this is a definition.
        evidence: the sentence or list item it was read from.
        pattern: name of the pattern family that proposed it.
    """

    term: str
    definition: str
    attributed_to: str | None
    confidence: float
    evidence: Evidence
    pattern: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "term": self.term,
            "definition": self.definition,
            "attributed_to": self.attributed_to,
            "confidence": round(self.confidence, 3),
            "evidence": self.evidence.to_json(),
        }


# ---------------------------------------------------------------- extraction


def find_definitions(
    doc: Document, sentences: list[Sentence], min_confidence: float = MIN_CONFIDENCE
) -> list[Definition]:
    """Find the definitions stated in `doc`.

    Args:
        doc: the document.
        sentences: `split_sentences(doc)`.
        min_confidence: drop candidates whose calibrated probability is lower.

    Returns:
        Definitions in document order; the evidence of each is its sentence
        (or whole list item).
    """
    item_lead: dict[tuple[int, int], Paragraph] = {}
    for block in list_blocks(doc, sentences, is_item=is_definition_item):
        for item in block.items:
            item_lead[(item.page, item.start)] = block.lead
    found: list[tuple[Sentence, Candidate, bool, str | None]] = []
    pars = group_paragraphs(doc, sentences)
    skip = reference_paragraphs(pars)
    in_run = glossary_runs(pars)
    for par in pars:
        if (par.page, par.start) in skip:
            continue
        lead = item_lead.get((par.page, par.start))
        previous: tuple[int, str] | None = None  # (sentence index, term) of the last candidate
        for idx, sent in enumerate(par.sentences):
            marked = starts_item(sent.text)
            is_item = (lead is not None and idx == 0) or marked
            is_item = is_item or (idx == 0 and (par.page, par.start) in in_run)
            for cand in match_definition(sent.text, list_item=is_item):
                if cand.pattern == "glossary" and idx > 0 and not marked:
                    continue  # "Term: ..." inside running prose is not a glossary entry
                if cand.anaphor:
                    if previous is None or idx - previous[0] > 2:
                        continue
                    cand = replace(cand, term=previous[1], anaphor=False)
                previous = (idx, cand.term)
                found.append((sent, cand, is_item, _attribution(doc, sent, cand, lead)))
    if not found:
        return []
    probs = score_candidates([(s.text, c, li) for s, c, li, _ in found])
    out = []
    for (sent, cand, _, source), prob in zip(found, probs, strict=True):
        if prob < min_confidence:
            continue
        evidence = evidence_at(doc, sent.page, sent.start, sent.end)
        out.append(
            Definition(cand.term, cand.definiens, source, float(prob), evidence, cand.pattern)
        )
    return out


_GLOSSARY_SHAPE = re.compile(r"\s*[A-Z‘“\"'][^:.;!?]{0,50}?(?::|\s[–—-]\s)\s*\S")


def glossary_runs(pars: list[Paragraph]) -> set[tuple[int, int]]:
    """Keys ``(page, start)`` of paragraphs in a run of two or more "Term: ..." or
    "Term – ..." paragraphs: a glossary laid out without a lead-in."""
    out: set[tuple[int, int]] = set()
    run: list[Paragraph] = []
    for par in [*pars, None]:
        first = par.sentences[0].text if par is not None else ""
        # A title ("Rural services: lessons from three counties") is short and unpunctuated.
        shaped = bool(_GLOSSARY_SHAPE.match(first)) and (
            bool(re.search(r"[.!?;)’”\"']$", first.rstrip())) or len(first.split()) >= 9
        )
        if shaped and par is not None:
            run.append(par)
            continue
        if len(run) >= 2:
            out.update((p.page, p.start) for p in run)
        run = []
    return out


def is_definition_item(par: Paragraph, first: Paragraph | None) -> bool:
    """Whether a paragraph continues a list: it has the shape of the list's first item.

    Shapes: bulleted, numbered, definition ("X: ...", "X is when ..."), short
    line (at most 12 words). A paragraph of another shape ends the list,
    unless it starts with the same word as the first item ("Between ...").
    """
    shape = _item_shape(par)
    if first is None:
        return shape != "other"
    if shape != "other" and shape == _item_shape(first):
        return True
    words, first_words = par.text.split(), first.text.split()
    return (
        bool(words and first_words)
        and words[0].lower() == first_words[0].lower()
        and len(words) < 80
    )


def _item_shape(par: Paragraph) -> str:
    text = par.sentences[0].text
    if re.match(rf"\s*[{re.escape(BULLETS)}]|\s*[-–*]\s", text):
        return "bullet"
    if re.match(r"\s*\(?(?:\d{1,2}|[a-z])[.)]\s", text):
        return "number"
    if match_definition(text, list_item=True):
        return "definition"
    if len(text.split()) <= 12 and not text.rstrip().endswith(":"):
        return "short"
    return "other"


def _attribution(
    doc: Document, sent: Sentence, cand: Candidate, lead: Paragraph | None
) -> str | None:
    if cand.pattern in ("by-we-mean", "we-define"):
        # The authors' own definition, unless they say whom they follow.
        m = re.search(r"\b(?:following|after|like|as\s+in|adapting)\s+(.{0,80})", sent.text, re.I)
        cited = find_citation(m.group(1), doc) if m else None
        return cited[1] if cited else None
    if cand.source:
        cited = find_citation(cand.source, doc)
        if cited:
            return cited[1]
        names = clean_names(cand.source.split(",")[-1].strip())
        if names and re.fullmatch(rf"{NAMES}", names) and names.split()[0] not in NAME_STOP:
            return names
    cited = find_citation(sent.text, doc)
    if cited:
        return cited[1]
    m = ACCORDING.search(sent.text)
    if m:
        return clean_names(m.group("names")) or None
    if lead is not None:
        cites = [c for c in (find_citation(s.text, doc) for s in lead.sentences) if c]
        if cites:
            return cites[-1][1]
    return None
