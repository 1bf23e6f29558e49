"""Bibliographic records by screening decision, as RIS, BibTeX or CSV.

Each writer produces what the matching reader in
:mod:`reviewkit.screen.readers` reads back into the same records (title,
authors, year, DOI, abstract, journal, keywords).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewkit.errors import ReviewkitError
from reviewkit.export.safe import csv_bytes, write_bytes
from reviewkit.screen.engine import is_automation
from reviewkit.store import Store
from reviewkit.store.decisions import conflicts, current_decisions, final_labels
from reviewkit.store.records import get_records, record_uids
from reviewkit.synthesise.evidence_table import inclusion_stage
from reviewkit.vocabulary import LABELS, RELEVANT, STAGES, Record, check_stage

RecordWriter = Callable[[Sequence[Record]], bytes]
DECISIONS = (*LABELS, "all")
CSV_COLUMNS = (
    "record_id",
    "title",
    "abstract",
    "authors",
    "year",
    "doi",
    "journal",
    "keywords",
    "url",
)


def _line(text: object) -> str:
    return " ".join(str(text).split())


def to_ris(records: Sequence[Record], notes: dict[int, list[str]] | None = None) -> bytes:
    """RIS (journal articles), one entry per record, via rispy.

    Args:
        notes: per record id, lines written as ``N1`` notes (Zotero and
            EndNote import them as the item's notes).
    """
    import rispy

    entries = []
    for r in records:
        entry: dict[str, object] = {"type_of_reference": "JOUR"}
        fields = {
            "title": _line(r.title),
            "authors": [_line(a) for a in r.authors if a.strip()],
            "year": str(r.year) if r.year else "",
            "doi": r.doi,
            "abstract": _line(r.abstract),
            "secondary_title": _line(r.journal),
            "keywords": [_line(k) for k in r.keywords if k.strip()],
            "urls": [r.url] if r.url else [],
            "id": r.source_key or (str(r.id) if r.id is not None else ""),
            "notes": [_line(n) for n in (notes or {}).get(r.id or 0, [])],
        }
        entry.update({k: v for k, v in fields.items() if v})
        entries.append(entry)
    text: str = rispy.dumps(entries, implementation=_plain_ris_writer())
    return text.encode("utf-8")


def _plain_ris_writer() -> type:
    """rispy's RIS writer without its "1." counter line before each record.

    Zotero and EndNote read a record from its ``TY`` line; the counter is not
    RIS and some importers take it for a stray line.
    """
    from rispy.writer import RisWriter

    class PlainRisWriter(RisWriter):  # type: ignore[misc]
        def set_header(self, count: int) -> str:
            return ""

    return PlainRisWriter


_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_RE = re.compile("|".join(re.escape(c) for c in _LATEX))


def latex(text: str) -> str:
    """Text safe inside a BibTeX ``{...}`` value: LaTeX specials escaped, one line."""
    return _LATEX_RE.sub(lambda m: _LATEX[m.group()], _line(text))


def bibtex_key(record: Record, taken: set[str]) -> str:
    """A citation key: the source's key when usable, else surname + year + title word."""
    key = record.source_key if re.fullmatch(r"[A-Za-z0-9_:.\-]+", record.source_key) else ""
    if not key:
        surname = record.authors[0].split(",")[0] if record.authors else "anon"
        word = next((w for w in re.findall(r"[A-Za-z]{4,}", record.title)), "")
        raw = f"{surname}{record.year or ''}{word}"
        ascii_ = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode()
        key = re.sub(r"[^A-Za-z0-9]", "", ascii_).lower() or f"record{record.id}"
    unique, n = key, 1
    while unique in taken:
        n += 1
        unique = f"{key}-{n}"
    taken.add(unique)
    return unique


def to_bibtex(records: Sequence[Record], notes: dict[int, list[str]] | None = None) -> bytes:
    """BibTeX ``@article`` entries, UTF-8, LaTeX specials escaped.

    Args:
        notes: per record id, lines joined into the entry's ``note`` field.
    """
    taken: set[str] = set()
    out = []
    for r in records:
        fields = {
            "title": latex(r.title),
            "author": " and ".join(latex(a) for a in r.authors if a.strip()),
            "year": str(r.year) if r.year else "",
            "journal": latex(r.journal),
            "doi": latex(r.doi),
            "abstract": latex(r.abstract),
            "keywords": latex("; ".join(r.keywords)),
            "url": latex(r.url),
            "note": latex(". ".join((notes or {}).get(r.id or 0, []))),
        }
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v)
        out.append(f"@article{{{bibtex_key(r, taken)},\n{body}\n}}\n")
    return "\n".join(out).encode("utf-8")


def _record_cells(r: Record) -> list[object]:
    """The record's own columns of CSV_COLUMNS, in order; lists joined with "; "."""
    return [
        r.source_key or r.id,
        r.title,
        r.abstract,
        "; ".join(r.authors),
        r.year,
        r.doi,
        r.journal,
        "; ".join(r.keywords),
        r.url,
    ]


def to_csv(records: Sequence[Record]) -> bytes:
    """CSV in ASReview's column names; lists joined with "; "; formula-safe."""
    rows = (_record_cells(r) for r in records)
    return csv_bytes(CSV_COLUMNS, rows)


RECORD_WRITERS: dict[str, RecordWriter] = {"ris": to_ris, "bibtex": to_bibtex, "csv": to_csv}

#: Columns `--with-decisions` adds per stage, after the record's ids.
STAGE_COLUMNS = ("decision", "reason", "notes", "reviewers")


@dataclass(frozen=True)
class ScreeningView:
    """Where each record's screening stands, per stage.

    Attributes:
        stages: per stage (in `STAGES` order), record id -> the `STAGE_COLUMNS`
            cells: final decision ("conflict" while reviewers disagree and
            nobody has settled it), each reviewer's exclusion reason, note and
            current label.
        label_included: ASReview's label: "1" for a record a person included
            (or marked maybe), "0" for one a person excluded, at the latest
            stage that decided it; absent while unscreened, in conflict, or
            marked only by the stopping rule.
    """

    stages: list[dict[int, list[str]]]
    label_included: dict[int, str]

    def notes(self) -> dict[int, list[str]]:
        """Per record, one line per stage it reached, for RIS ``N1`` and BibTeX ``note``."""
        out: dict[int, list[str]] = {}
        for stage, view in zip(STAGES, self.stages, strict=True):
            for rid, (label, reasons, notes, labels) in view.items():
                parts = [f"reviewkit {stage}: {label or 'undecided'}"]
                parts += [
                    f"{name}: {v}"
                    for name, v in (("reasons", reasons), ("notes", notes), ("reviewers", labels))
                    if v
                ]
                out.setdefault(rid, []).append("; ".join(parts))
        for rid, value in self.label_included.items():
            out.setdefault(rid, []).append(f"label_included: {value}")
        return out


def screening_view(store: Store) -> ScreeningView:
    """Every record's decisions, reasons, notes and reviewers per stage."""
    views: list[dict[int, list[str]]] = []
    relevant: dict[int, str] = {}
    for stage in STAGES:
        final = final_labels(store, stage)
        open_conflicts = {c.record_id for c in conflicts(store, stage) if c.resolved is None}
        by_record: dict[int, list[list[str]]] = {}
        by_people: set[int] = set()
        for d in current_decisions(store, stage):
            if not is_automation(d.reviewer):
                by_people.add(d.record_id)
            by_record.setdefault(d.record_id, [[], [], []])
            parts = by_record[d.record_id]
            if d.reason:
                parts[0].append(f"{d.reviewer}: {d.reason}")
            if d.note:
                parts[1].append(f"{d.reviewer}: {d.note}")
            parts[2].append(f"{d.reviewer}={d.label}")
        view = {}
        for rid in by_record.keys() | final.keys():
            label = "conflict" if rid in open_conflicts else final.get(rid, "")
            if label in LABELS and rid in by_people:  # a later stage's label overrides
                relevant[rid] = "1" if label in RELEVANT else "0"
            reasons, notes, labels = by_record.get(rid, [[], [], []])
            view[rid] = [label, "; ".join(reasons), "; ".join(notes), "; ".join(labels)]
        views.append(view)
    return ScreeningView(views, relevant)


def decisions_csv(store: Store, records: Sequence[Record]) -> bytes:
    """The CSV of :func:`to_csv` plus, per record, where screening stands.

    Adds ``reviewkit_id`` (what `reviewkit decide` takes), ``uid`` (the same on
    every copy of the review), the `STAGE_COLUMNS` of each stage and, last,
    ASReview's ``label_included`` (see `ScreeningView`).
    """
    uids = record_uids(store)
    columns = [*CSV_COLUMNS, "reviewkit_id", "uid"]
    columns += [f"{stage} {c}" for stage in STAGES for c in STAGE_COLUMNS]
    view = screening_view(store)
    blank = [""] * len(STAGE_COLUMNS)
    rows = (
        [
            *_record_cells(r),
            r.id,
            uids.get(r.id or 0, ""),
            *(cell for stage in view.stages for cell in stage.get(r.id or 0, blank)),
            view.label_included.get(r.id or 0, ""),
        ]
        for r in records
    )
    return csv_bytes([*columns, "label_included"], rows)


@dataclass(frozen=True)
class RecordSelection:
    """Records chosen by decision, and at which stage they were chosen."""

    records: list[Record]
    decision: str
    stage: str


def select_records(
    store: Store, decision: str = "include", stage: str | None = None
) -> RecordSelection:
    """The records whose final label at `stage` is `decision` ("all": every record kept).

    Args:
        stage: default the stage that decides inclusion: "full-text" once any
            full-text decision exists, else "title-abstract".
    """
    if decision not in DECISIONS:
        raise ReviewkitError(f"unknown decision {decision!r}; use one of {', '.join(DECISIONS)}")
    stage = check_stage(stage) if stage else inclusion_stage(store) or "title-abstract"
    if decision == "all":
        return RecordSelection(get_records(store), decision, stage)
    ids = [rid for rid, label in final_labels(store, stage).items() if label == decision]
    return RecordSelection(get_records(store, ids), decision, stage)


def export_records(
    store: Store,
    fmt: str,
    path: str | Path | None = None,
    *,
    decision: str = "include",
    stage: str | None = None,
    with_decisions: bool = False,
) -> tuple[bytes, RecordSelection]:
    """Write the selected records as `fmt` (a key of :data:`RECORD_WRITERS`) to `path`.

    Args:
        with_decisions: add each record's decisions, reasons, notes and
            reviewers per stage: CSV columns (:func:`decisions_csv`), RIS ``N1``
            notes or a BibTeX ``note`` (:meth:`ScreeningView.notes`).
    """
    writer = RECORD_WRITERS.get(fmt)
    if writer is None:
        raise ReviewkitError(
            f"unknown records format {fmt!r}; use one of {', '.join(RECORD_WRITERS)}"
        )
    selection = select_records(store, decision, stage)
    if not with_decisions:
        data = writer(selection.records)
    elif fmt == "csv":
        data = decisions_csv(store, selection.records)
    else:
        notes = screening_view(store).notes()
        data = (to_ris if fmt == "ris" else to_bibtex)(selection.records, notes)
    if path is not None:
        write_bytes(data, path)
    return data, selection
