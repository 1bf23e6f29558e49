"""Score `analyse` output against hand-written gold files (``../shared/gold``).

Rules, as ``gold/README.md`` states them:

- definitions: a gold item is found by an extracted definition whose
  definition text or quote contains the gold anchor, compared
  case-insensitively after folding whitespace, hyphens and quote marks;
- continua: found by an extracted continuum with the same stages in the same
  order, names compared after folding case, hyphens and spelling variants
  (co-ordination / coordination, mezzo / meso);
- study_design, outcome_reporting: the label is one of the acceptable labels;
- recall = core items found / core items; precision = extracted items that
  match any gold item (core or not) / extracted items.

An extracted item whose quote does not round-trip
(``page.text[char_start:char_end] != quote``) matches nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewkit.document import Document
from reviewkit.errors import ReviewkitError

FIELDS = ("definitions", "continua", "study_design", "outcome_reporting")
#: every quote of an analysis: matched = quotes that are document text
QUOTES = "quotes"

#: Glyphs a reader or a Markdown source adds that are not the document's words.
_ADDED_GLYPH = re.compile(r"[•▪◦●■□➢►‣⁃∙]|^\s*(?:#{1,6}|[-*+>])\s|\n\s*(?:#{1,6}|[-*+])\s")

_QUOTES = "‘’‚‛“”„‟′″`´'\""
_HYPHENS = "-‐‑‒–—―−"


@dataclass
class FieldScore:
    """Counts for one field; precision/recall/F1 are None when undefined."""

    matched: int = 0  # extracted items matching a gold item
    extracted: int = 0
    found: int = 0  # core gold items found
    core: int = 0

    @property
    def precision(self) -> float | None:
        """Matched over extracted items; None when nothing was extracted."""
        return self.matched / self.extracted if self.extracted else None

    @property
    def recall(self) -> float | None:
        """Core gold items found over core gold items; None when there are none."""
        return self.found / self.core if self.core else None

    @property
    def f1(self) -> float | None:
        """The harmonic mean of precision and recall; None when either is undefined."""
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: FieldScore) -> None:
        """Add another score's counts to this one."""
        self.matched += other.matched
        self.extracted += other.extracted
        self.found += other.found
        self.core += other.core

    def to_json(self) -> dict[str, object]:
        return {
            "matched": self.matched,
            "extracted": self.extracted,
            "found": self.found,
            "core": self.core,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class DocumentScore:
    """Scores of one gold file's document, with what was missed and what was wrong."""

    file: str
    path: str | None
    scores: dict[str, FieldScore]
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    error: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "path": self.path,
            "error": self.error,
            "scores": {k: v.to_json() for k, v in self.scores.items()},
            "missed": self.missed,
            "wrong": self.wrong,
        }


@dataclass
class EvalReport:
    """Per-document scores and their micro-averaged totals per field."""

    documents: list[DocumentScore]

    @property
    def totals(self) -> dict[str, FieldScore]:
        """Each field's counts (and the quotes') summed over every document."""
        out = {f: FieldScore() for f in (*FIELDS, QUOTES)}
        for doc in self.documents:
            for f in out:
                out[f].add(doc.scores.get(f, FieldScore()))
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "totals": {k: v.to_json() for k, v in self.totals.items()},
            "documents": [d.to_json() for d in self.documents],
        }


# ---------------------------------------------------------------- folding


def fold_anchor(text: str) -> str:
    """Fold case, whitespace, hyphens and quote marks (for anchor matching)."""
    text = text.lower()
    text = re.sub(f"[{re.escape(_QUOTES)}]", "", text)
    return re.sub(rf"[\s{re.escape(_HYPHENS)}]+", "", text)


def fold_stage(name: str) -> str:
    """Fold a stage name: case, hyphens, spaces and spelling variants."""
    text = fold_anchor(name)
    text = text.replace("mezzo", "meso")
    return re.sub(r"is(ation|ing|e|ed)\b", r"iz\1", text)


# ---------------------------------------------------------------- scoring


def score_analysis(analysis: dict[str, Any], gold: dict[str, Any], doc: Document) -> DocumentScore:
    """Score one analysis (the contract's JSON form) against one gold file."""
    scores: dict[str, FieldScore] = {}
    missed: list[str] = []
    wrong: list[str] = []

    defs = [d for d in analysis.get("definitions", [])]
    gold_defs = gold.get("definitions", [])
    hay = [
        (fold_anchor(d["definition"]), fold_anchor(d["evidence"]["quote"]))
        if _round_trips(doc, d["evidence"])
        else None
        for d in defs
    ]

    def def_matches(i: int, g: dict[str, Any]) -> bool:
        h = hay[i]
        anchor = fold_anchor(g["anchor"])
        return h is not None and (anchor in h[0] or anchor in h[1])

    s = FieldScore(extracted=len(defs), core=sum(1 for g in gold_defs if g.get("core", True)))
    for i, d in enumerate(defs):
        if any(def_matches(i, g) for g in gold_defs):
            s.matched += 1
        else:
            wrong.append(f"definition: {d['term']!r}: {d['definition'][:80]!r}")
    for g in gold_defs:
        if g.get("core", True):
            if any(def_matches(i, g) for i in range(len(defs))):
                s.found += 1
            else:
                missed.append(f"definition: {g['term']!r} ({g['anchor']!r})")
    scores["definitions"] = s

    conts = analysis.get("continua", [])
    gold_conts = gold.get("continua", [])
    keys = [
        tuple(fold_stage(st["name"]) for st in c["stages"])
        if _round_trips(doc, c["evidence"])
        else None
        for c in conts
    ]
    gkeys = [tuple(fold_stage(n) for n in g["stages"]) for g in gold_conts]
    s = FieldScore(extracted=len(conts), core=sum(1 for g in gold_conts if g.get("core", True)))
    for c, key in zip(conts, keys, strict=True):
        if key is not None and key in gkeys:
            s.matched += 1
        else:
            wrong.append("continuum: " + " > ".join(st["name"] for st in c["stages"]))
    for g, gkey in zip(gold_conts, gkeys, strict=True):
        if g.get("core", True):
            if gkey in keys:
                s.found += 1
            else:
                missed.append("continuum: " + " > ".join(g["stages"]))
    scores["continua"] = s

    for name in ("study_design", "outcome_reporting"):
        label = analysis.get(name, {}).get("label")
        ok = label in gold.get(name, [])
        scores[name] = FieldScore(matched=int(ok), extracted=1, found=int(ok), core=1)
        if not ok:
            wrong.append(f"{name}: {label} (gold: {', '.join(gold.get(name, []))})")
    quotes = analysis_evidence(analysis)
    good = [ev for ev in quotes if is_document_text(doc, ev)]
    scores[QUOTES] = FieldScore(matched=len(good), extracted=len(quotes))
    wrong += [f"quote: {ev.get('quote', '')[:80]!r}" for ev in quotes if ev not in good]
    return DocumentScore(gold.get("file", ""), doc.path, scores, missed, wrong)


def analysis_evidence(analysis: dict[str, Any]) -> list[dict[str, Any]]:
    """Every evidence object of an analysis (definitions, continua, design, outcomes)."""
    out = [d["evidence"] for d in analysis.get("definitions", [])]
    out += [c["evidence"] for c in analysis.get("continua", [])]
    out += list(analysis.get("study_design", {}).get("evidence", []))
    orp = analysis.get("outcome_reporting", {})
    out += list(orp.get("outcome_evidence", [])) + list(orp.get("process_evidence", []))
    return out


def is_document_text(doc: Document, ev: dict[str, Any]) -> bool:
    """The quote round-trips to its page and carries no glyph the reader added
    (bullets, Markdown list or heading markers)."""
    return _round_trips(doc, ev) and not _ADDED_GLYPH.search(str(ev.get("quote", "")))


def _round_trips(doc: Document, ev: dict[str, Any]) -> bool:
    try:
        text = doc.page(int(ev["page"])).text
    except (IndexError, KeyError, TypeError, ValueError):
        return False
    start, end = ev.get("char_start"), ev.get("char_end")
    if not isinstance(start, int) or not isinstance(end, int):
        return False
    return 0 <= start < end <= len(text) and text[start:end] == ev.get("quote")


def evaluate_corpus(
    gold_dir: str | Path,
    corpus_dir: str | Path,
    read: Callable[[Path], Document],
) -> EvalReport:
    """Analyse every document a gold file names and score it.

    Args:
        gold_dir: folder of gold JSON files.
        corpus_dir: folder holding the documents (searched with its subfolders).
        read: turns a path into a Document (the CLI passes ingest's
            ``read_any``: .pdf, .txt, .md).

    Returns:
        The report; a document that cannot be found or read is scored as
        finding nothing, with the reason in its `error`.
    """
    from reviewkit.extract.analyse import analyse_document

    corpus = Path(corpus_dir)
    docs: list[DocumentScore] = []
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pdf = _find(corpus, gold["file"])
        if pdf is None:
            docs.append(_failed(gold, None, f"{gold['file']} is not in {corpus} or its subfolders"))
            continue
        try:
            doc = read(pdf)
        except ReviewkitError as exc:
            docs.append(_failed(gold, str(pdf), str(exc)))
            continue
        docs.append(score_analysis(analyse_document(doc).to_json(), gold, doc))
    return EvalReport(docs)


#: The halves of a real-text corpus (``corpora/real``), in report order.
HALVES = ("tuning", "held-out")


def corpus_halves(corpus_dir: str | Path) -> dict[str, tuple[Path, Path]]:
    """The halves of a split corpus: ``{name: (gold folder, documents folder)}``.

    A half is a subfolder (``tuning``, ``held-out``) holding a ``gold`` folder;
    an unsplit corpus has none.
    """
    root = Path(corpus_dir)
    return {h: (root / h / "gold", root / h) for h in HALVES if (root / h / "gold").is_dir()}


def _find(corpus: Path, name: str) -> Path | None:
    direct = corpus / name
    if direct.is_file():
        return direct
    hits = sorted(corpus.rglob(name), key=lambda p: len(p.parts))
    return hits[0] if hits else None


def _failed(gold: dict[str, Any], path: str | None, error: str) -> DocumentScore:
    empty: dict[str, Any] = {
        "definitions": [],
        "continua": [],
        "study_design": {},
        "outcome_reporting": {},
    }
    doc = Document(sha256="", path=path or "", kind="pdf", pages=[])
    score = score_analysis(empty, gold, doc)
    for name in ("study_design", "outcome_reporting"):
        score.scores[name] = FieldScore(extracted=0, core=1)
    score.error = error
    return score


# ---------------------------------------------------------------- report


def format_report(report: EvalReport) -> str:
    """A plain-text table: per document and in total, P / R / F1 per field."""
    head = (
        f"{'document':<36} {'field':<18} {'P':>6} {'R':>6} {'F1':>6}  "
        f"{'matched/extracted':>17}  {'found/core':>10}"
    )
    lines = [head, "-" * len(head)]
    rows = [(d.file, d.scores) for d in report.documents] + [("TOTAL", report.totals)]
    for name, scores in rows:
        for i, f in enumerate(FIELDS):
            s = scores[f]
            label = name if i == 0 else ""
            lines.append(
                f"{label:<36.36} {f:<18} {_pct(s.precision):>6} {_pct(s.recall):>6} "
                f"{_pct(s.f1):>6}  {f'{s.matched}/{s.extracted}':>17}  {f'{s.found}/{s.core}':>10}"
            )
        lines.append("")
    notes = []
    quotes = report.totals[QUOTES]
    lines.append(f"quotes that are document text: {quotes.matched}/{quotes.extracted}")
    lines.append("")
    for d in report.documents:
        if d.error:
            notes.append(f"{d.file}: ERROR {d.error}")
        notes += [f"{d.file}: missed {m}" for m in d.missed]
        notes += [f"{d.file}: wrong {w}" for w in d.wrong]
    return "\n".join(lines + notes).rstrip() + "\n"


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


# ---------------------------------------------------------------- calibration


def definition_calibration(
    gold_dir: str | Path,
    corpus_dir: str | Path,
    read: Callable[[Path], Document],
    bins: int = 5,
) -> dict[str, float]:
    """How well definition confidences match reality on gold-annotated documents.

    Every pattern candidate is scored (``min_confidence=0``) and labelled 1
    when it matches a gold definition (by anchor, as in scoring), else 0.

    Returns:
        n (candidates), positives, brier, ece (over `bins` equal-width bins),
        and precision/recall-free accuracy at the 0.5 threshold.
    """
    from reviewkit.extract.definitions import find_definitions
    from reviewkit.extract.sentences import split_sentences

    probs: list[float] = []
    labels: list[int] = []
    for gold_path in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        path = _find(Path(corpus_dir), gold["file"])
        if path is None:
            continue
        doc = read(path)
        anchors = [fold_anchor(g["anchor"]) for g in gold.get("definitions", [])]
        for d in find_definitions(doc, split_sentences(doc), min_confidence=0.0):
            hay = fold_anchor(d.definition), fold_anchor(d.evidence.quote)
            probs.append(d.confidence)
            labels.append(int(any(a in hay[0] or a in hay[1] for a in anchors)))
    n = len(probs)
    if not n:
        return {"n": 0.0, "positives": 0.0, "brier": 0.0, "ece": 0.0, "accuracy": 0.0}
    brier = sum((p - y) ** 2 for p, y in zip(probs, labels, strict=True)) / n
    ece = 0.0
    for b in range(bins):
        idx = [i for i, p in enumerate(probs) if min(int(p * bins), bins - 1) == b]
        if idx:
            conf = sum(probs[i] for i in idx) / len(idx)
            acc = sum(labels[i] for i in idx) / len(idx)
            ece += abs(conf - acc) * len(idx) / n
    accuracy = sum((p >= 0.5) == bool(y) for p, y in zip(probs, labels, strict=True)) / n
    return {
        "n": float(n),
        "positives": float(sum(labels)),
        "brier": brier,
        "ece": ece,
        "accuracy": accuracy,
    }
