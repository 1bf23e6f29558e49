"""Ingest a batch of files into a review: skip unchanged, parse in parallel, store atomically.

Each file is stored in one transaction once its worker has finished, so a
batch killed at any moment leaves every file either fully stored or absent;
running it again skips what is stored and resumes with the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reviewkit.document import file_sha256
from reviewkit.ingest.parse import SUPPORTED, Extractor, Parsed, ParseTask, parse
from reviewkit.ingest.workers import Done, run_tasks
from reviewkit.store import Store
from reviewkit.store import documents as docstore


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file.

    Attributes:
        status: "ingested", "unchanged" or "failed".
        message: for failures, the one-line reason; else None.
        warnings: conditions the user must see even on success
            (e.g. "no text layer: needs OCR").
        notes: what the user should know that is not a problem (e.g. the
            file has the same text as one stored under another name).
    """

    path: str
    status: str
    sha256: str | None = None
    message: str | None = None
    reason: str | None = None
    warnings: tuple[str, ...] = ()
    pages: int = 0
    notes: tuple[str, ...] = ()


@dataclass
class IngestSummary:
    """Counts for the closing line, and the failures to list."""

    ingested: int = 0
    unchanged: int = 0
    failed: list[FileOutcome] = field(default_factory=list)
    warned: list[FileOutcome] = field(default_factory=list)

    def add(self, outcome: FileOutcome) -> None:
        """Count one file's outcome (failures and warnings are kept for the report)."""
        if outcome.status == "ingested":
            self.ingested += 1
        elif outcome.status == "unchanged":
            self.unchanged += 1
        else:
            self.failed.append(outcome)
        if outcome.warnings:
            self.warned.append(outcome)

    @property
    def files(self) -> int:
        """Files counted so far, whatever their outcome."""
        return self.ingested + self.unchanged + len(self.failed)


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[FileOutcome]]:
    """Expand folders into the supported files below them, sorted.

    Returns:
        The files to ingest, and failures for paths that do not exist or
        name a file of an unsupported type.
    """
    files: list[Path] = []
    problems: list[FileOutcome] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
            )
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED:
                files.append(path)
            else:
                problems.append(
                    FileOutcome(
                        str(path),
                        "failed",
                        reason="unsupported",
                        message=f"{path}: unsupported file type; ingest takes .pdf, .txt and .md",
                    )
                )
        else:
            problems.append(
                FileOutcome(
                    str(path),
                    "failed",
                    reason="missing",
                    message=f"{path}: no such file or folder; check the path",
                )
            )
    unique = list({f.resolve(): f for f in reversed(files)}.values())[::-1]
    return unique, problems


def ingest_files(
    store: Store,
    files: list[Path],
    *,
    password: str | None = None,
    jobs: int = 0,
    timeout: float = 120.0,
    max_pages: int = 2000,
    extract: Extractor | None = None,
) -> Iterator[FileOutcome]:
    """Ingest `files`, yielding one outcome per file as it completes.

    Unchanged files (same path, same bytes) are skipped without parsing; a
    file whose content is already stored under another path is linked to it.

    Args:
        extract: run by the worker on each new document; its proposals are
            stored with the document, in the same transaction.
    """
    tasks: list[ParseTask] = []
    for path in files:
        key = str(path)
        try:
            sha = file_sha256(path)
        except OSError as exc:
            yield _failed(store, key, "unreadable", f"{path}: cannot read ({exc.strerror})")
            continue
        if docstore.stored_sha_for_path(store, key) == sha:
            yield FileOutcome(key, "unchanged", sha)
        elif docstore.has_document(store, sha):
            first = docstore.document_path(store, sha)
            docstore.link_path(
                store, key, sha, size=path.stat().st_size, mtime=path.stat().st_mtime
            )
            notes = (_same_text(key, first),) if first and first != key else ()
            yield FileOutcome(key, "unchanged", sha, notes=notes)
        else:
            tasks.append(ParseTask(key, password=password, max_pages=max_pages, extract=extract))
    done: Done[Parsed]
    for done in run_tasks(parse, tasks, jobs=jobs, timeout=timeout):
        path = done.task.path
        if done.failure is not None:
            yield _failed(store, path, done.failure.reason, done.failure.message)
            continue
        assert done.result is not None  # a Done has a result or a failure
        yield _store(store, Path(path), done.result)


def _store(store: Store, path: Path, parsed: Parsed) -> FileOutcome:
    doc = parsed.document
    stat = path.stat() if path.exists() else None
    with store.write():
        is_new = docstore.save_document(
            store, doc, size=stat.st_size if stat else 0, mtime=stat.st_mtime if stat else 0.0
        )
        if is_new and parsed.template and parsed.values:
            from reviewkit.store.extractions import add_proposals

            add_proposals(store, doc.sha256, parsed.template, parsed.values)
    warnings = tuple(w if w.startswith(str(path)) else f"{path}: {w}" for w in doc.warnings)
    twin = docstore.same_text_as(store, doc) if is_new else None
    notes = (_same_text(str(path), twin),) if twin else ()
    return FileOutcome(
        str(path), "ingested", doc.sha256, warnings=warnings, pages=len(doc.pages), notes=notes
    )


def _same_text(path: str, other: str) -> str:
    return f"{path} has the same text as {other}; shown once in search"


def _failed(store: Store, path: str, reason: str, message: str) -> FileOutcome:
    docstore.record_failure(store, path, reason, message)
    return FileOutcome(path, "failed", reason=reason, message=message)
