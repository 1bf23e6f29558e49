"""`analyse_document`: every extractor over one document, as the analysis contract.

The JSON form is ``../shared/contracts/analysis.schema.json``
("reviewkit.analysis/1"); `summary_text` is the plain-text form printed by
``reviewkit analyse FILE``.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from reviewkit.document import Document, Evidence
from reviewkit.extract.continua import Continuum, find_continua
from reviewkit.extract.definitions import MIN_CONFIDENCE, Definition, find_definitions
from reviewkit.extract.design import DesignResult, classify_design
from reviewkit.extract.outcomes import OutcomeResult, classify_outcomes
from reviewkit.extract.sentences import Sentence, split_sentences

SCHEMA = "reviewkit.analysis/1"

#: Definitions are proposed above this calibrated probability; the reviewer's
#: threshold (``extract.min_confidence`` in reviewkit.toml) decides which of
#: them are shown, and ``--all`` shows the rest.
FLOOR = 0.15


@dataclass
class Analysis:
    """Everything `reviewkit analyse` reports about one document."""

    document: Document
    definitions: list[Definition]
    continua: list[Continuum]
    study_design: DesignResult
    outcome_reporting: OutcomeResult
    warnings: list[str] = field(default_factory=list)
    #: definitions below this confidence are hidden unless asked for
    threshold: float = 0.0

    def shown(self, everything: bool = False) -> list[Definition]:
        """The definitions at or above the threshold (every proposal when `everything`)."""
        if everything:
            return list(self.definitions)
        return [d for d in self.definitions if d.confidence >= self.threshold]

    def hidden(self) -> list[Definition]:
        """The definitions below the threshold."""
        return [d for d in self.definitions if d.confidence < self.threshold]

    def to_json(self, everything: bool = False) -> dict[str, object]:
        """The analysis contract ("reviewkit.analysis/1").

        Args:
            everything: include the definitions below the threshold.
        """
        doc = self.document
        return {
            "schema": SCHEMA,
            "document": {
                "sha256": doc.sha256,
                "path": doc.path,
                "pages": len(doc.pages),
                "title": doc.title,
                "authors": list(doc.authors),
                "year": doc.year,
                "doi": doc.doi,
                "abstract": doc.abstract,
                "sections": [{"heading": s.heading, "page": s.page} for s in doc.sections],
            },
            "definitions": [d.to_json() for d in self.shown(everything)],
            "continua": [c.to_json() for c in self.continua],
            "study_design": self.study_design.to_json(),
            "outcome_reporting": self.outcome_reporting.to_json(),
            "warnings": list(self.warnings),
        }


def analyse_document(
    doc: Document,
    sentences: list[Sentence] | None = None,
    threshold: float = MIN_CONFIDENCE,
) -> Analysis:
    """Run every extractor over `doc`.

    The study design is classified once and handed to the outcome classifier,
    which needs it to tell "no findings" from "process only".

    Args:
        doc: the document.
        sentences: `split_sentences(doc)`, when the caller already has them.
        threshold: definitions below this confidence are kept but hidden
            (`Analysis.shown`); every one above `FLOOR` is proposed.
    """
    sents = split_sentences(doc) if sentences is None else sentences
    warnings = list(doc.warnings)
    if not any(p.text.strip() for p in doc.pages):
        warnings.append("the document has no text: nothing could be extracted")
    design = classify_design(doc, sents)
    return Analysis(
        document=doc,
        definitions=find_definitions(doc, sents, min_confidence=min(FLOOR, threshold)),
        continua=find_continua(doc, sents),
        study_design=design,
        outcome_reporting=classify_outcomes(doc, sents, design),
        warnings=warnings,
        threshold=threshold,
    )


# ---------------------------------------------------------------- text form


def summary_text(analysis: Analysis, width: int = 100, everything: bool = False) -> str:
    """A readable plain-text summary with quotes and page numbers.

    Args:
        everything: list the definitions below the threshold too.
    """
    doc = analysis.document
    lines: list[str] = []
    title = doc.title or doc.path
    lines.append(f"{title}" + (f" ({doc.year})" if doc.year else ""))
    if doc.authors:
        lines.append(", ".join(doc.authors))
    lines.append(f"{doc.path} - {len(doc.pages)} page(s) - sha256 {doc.sha256[:12]}")
    lines.append("")

    sd = analysis.study_design
    lines.append(f"Study design: {sd.label} (confidence {sd.confidence:.2f})")
    details = ", ".join(f"{k}={v}" for k, v in sd.details.items())
    if details:
        lines.append(f"  details: {details}")
    lines += _quotes(sd.evidence[:2], width)
    orp = analysis.outcome_reporting
    lines.append(f"Outcome reporting: {orp.label} (confidence {orp.confidence:.2f})")
    lines += _quotes(orp.outcome_evidence[:2], width, "outcome")
    lines += _quotes(orp.process_evidence[:2], width, "process")
    lines.append("")

    shown = analysis.shown(everything)
    hidden = len(analysis.definitions) - len(shown)
    more = (
        f"; {hidden} below confidence {analysis.threshold:.2f} not shown (--all shows them)"
        if hidden
        else ""
    )
    lines.append(f"Definitions ({len(shown)}{more})")
    for d in shown:
        who = f" [{d.attributed_to}]" if d.attributed_to else ""
        lines.append(f"- {d.term}{who} (confidence {d.confidence:.2f})")
        lines += _wrap(f"means: {d.definition}", width, "    ")
        lines += _quotes([d.evidence], width)
    lines.append("")

    lines.append(f"Continua ({len(analysis.continua)})")
    for c in analysis.continua:
        who = f" [{c.attributed_to}]" if c.attributed_to else ""
        lines.append(f"- {c.kind}{who}: " + " -> ".join(s.name for s in c.stages))
        for s in c.stages:
            if s.description:
                lines += _wrap(f"{s.name}: {s.description}", width, "    ")
        lines += _quotes([c.evidence], width)
    if analysis.warnings:
        lines.append("")
        lines.append("Warnings")
        lines += [f"- {w}" for w in analysis.warnings]
    return "\n".join(lines).rstrip() + "\n"


def _quotes(evidence: list[Evidence], width: int, label: str = "") -> list[str]:
    out = []
    for e in evidence:
        head = f"p. {e.page}" + (f" {label}" if label else "")
        quote = e.quote if len(e.quote) <= 400 else e.quote[:397] + "..."
        out += _wrap(f'{head}: "{quote}"', width, "    ")
    return out


def _wrap(text: str, width: int, indent: str) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()), width=width, initial_indent=indent, subsequent_indent=indent + "  "
    )
