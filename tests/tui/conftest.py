"""A small review on disk (workers open their own Store on it) and the app over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

from reviewkit.config import Config, load_config
from reviewkit.screen.dedup import DuplicateIndex
from reviewkit.store import Store, init_project
from reviewkit.store.records import add_records
from reviewkit.vocabulary import Record

TOPICS = [
    "Integrated care for older people: a partnership between health and social care",
    "Joint commissioning in community mental health services",
    "Effects of drug X on blood pressure in mice",
    "Collaboration between general practice and social work teams",
    "In vitro study of cell signalling",
    "Co-ordinated discharge from hospital: a randomised trial",
]


def make_records(n: int) -> list[Record]:
    """`n` distinct records cycling through a few topics."""
    return [
        Record(
            title=f"{TOPICS[i % len(TOPICS)]} (study {i + 1})",
            abstract=f"Background: study {i + 1}. Integration of services was assessed in rat "
            f"and human cohorts; outcomes for users are reported. Unique token t{i + 1}.",
            authors=[f"Author{i + 1}, A.", "Smith, B."],
            year=2000 + i % 20,
            journal="Journal of Integrated Care",
            doi=f"10.1000/test.{i + 1}",
            source_key=str(i + 1),
        )
        for i in range(n)
    ]


@pytest.fixture
def review(tmp_path: Path) -> Iterator[tuple[Store, Config, Path]]:
    """A review folder with 30 records; yields (store, config, folder)."""
    folder = init_project(tmp_path / "review")
    store = Store(folder / "reviewkit.db")
    add_records(
        store, make_records(30), path="test.ris", source="test", fmt="ris", finder=DuplicateIndex()
    )
    yield store, load_config(folder / "reviewkit.toml"), folder
    store.close()


async def settle(app: App[object], pilot: Pilot[object]) -> None:
    """Let the app's workers finish, then let it handle the messages they posted."""
    await app.workers.wait_for_complete()
    await pilot.pause()
