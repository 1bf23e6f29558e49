"""The ingest pipeline, end to end, as the CLI and the demo both run it.

Discover the files, parse them in worker processes (each worker handed the
configured extraction template), store them, link them to their records and
index their passages for search. Composes the stages, so it sits above them
(``ingest``, ``extract``, ``search``) and below the commands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from reviewkit.config import Config
from reviewkit.extract.propose import extract_values
from reviewkit.ingest.batch import FileOutcome, IngestSummary, discover, ingest_files
from reviewkit.ingest.match import link_documents
from reviewkit.search.index import IndexProgress, IndexReport, index_documents
from reviewkit.store import Store

#: Called after each file with (its outcome, files done, files in the batch).
FileProgress = Callable[[FileOutcome, int, int], None]


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did: per-file outcomes, records linked, passages indexed."""

    summary: IngestSummary
    linked: int
    index: IndexReport


def ingest_paths(
    store: Store,
    config: Config,
    paths: Sequence[Path],
    *,
    password: str | None = None,
    jobs: int | None = None,
    timeout: float | None = None,
    extract: bool | None = None,
    embed: bool | None = None,
    on_file: FileProgress | None = None,
    progress: IndexProgress | None = None,
) -> IngestReport:
    """Ingest files and folders into the review, with the review's settings.

    Args:
        jobs, timeout: override ``ingest.jobs`` and ``ingest.timeout_seconds``.
        extract: run ``extract.template`` on new documents (default ``ingest.extract``).
        embed: embed the new passages (default ``search.embed``); keyword search
            works either way.
        on_file: told of every file, failed ones included, as it completes.
        progress: told of indexing as ``(stage, done, total)``.
    """
    files, problems = discover(list(paths))
    summary = IngestSummary()
    total = len(files) + len(problems)
    for outcome in problems:
        summary.add(outcome)
        if on_file:
            on_file(outcome, summary.files, total)
    wanted = config.flag("ingest.extract") if extract is None else extract
    template = config.text("extract.template")
    for outcome in ingest_files(
        store,
        files,
        password=password,
        jobs=config.integer("ingest.jobs") if jobs is None else jobs,
        timeout=config.integer("ingest.timeout_seconds") if timeout is None else timeout,
        max_pages=config.integer("ingest.max_pages"),
        extract=partial(extract_values, template_name=template) if wanted else None,
    ):
        summary.add(outcome)
        if on_file:
            on_file(outcome, summary.files, total)
    linked = link_documents(store, title_threshold=config.number("ingest.match_title_threshold"))
    index = index_documents(
        store, embed=config.flag("search.embed") if embed is None else embed, progress=progress
    )
    return IngestReport(summary, linked, index)
