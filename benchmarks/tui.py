"""Screening TUI speed on a 10,000-record review, against a bare Textual app.

Both apps are driven headless with Textual's Pilot in the same process and
run, so the ratios hold on any machine:

- start-up: from building the app to the first record on screen (the
  baseline: a bare app showing one Static);
- keypress: from a key event reaching the app (sent through the driver, as
  Pilot does, but without Pilot's idle waits) to the first frame rendered
  with the next record in it (the baseline: a key that updates the Static).
  Background retraining runs as in real use (every 5 decisions, in the model
  process), so its effect is in the figure;
- import: a fresh interpreter importing the app module vs ``textual.app``.

Targets (issue 5): start-up < 1.5 s, keypress median < 50 ms.

Usage::

    python benchmarks/tui.py                   # 10,000 records, 200 keypresses
    python benchmarks/tui.py --records 2000 --presses 50
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Static

from reviewkit.config import load_config
from reviewkit.screen.dedup import DuplicateIndex
from reviewkit.store import Store, init_project
from reviewkit.store.records import add_records
from reviewkit.tui.app import make_app
from reviewkit.tui.widgets.record_view import RecordView
from reviewkit.vocabulary import Record

SIZE = (120, 40)
VOCABULARY = (
    "integrated care partnership health social services outcomes older people hospital "
    "discharge joint commissioning mice trial cohort qualitative"
)


class Bare(App[None]):
    """The baseline: one Static, one key that changes it."""

    BINDINGS = [("e", "bump", "Bump")]

    def __init__(self) -> None:
        super().__init__()
        self.n = 0

    def compose(self) -> ComposeResult:
        yield Static("record 0", id="shown")

    def action_bump(self) -> None:
        self.n += 1
        self.query_one(Static).update(f"record {self.n}")


def make_review(folder: Path, n: int) -> Path:
    """A review with `n` synthetic records (distinct titles and DOIs, no duplicates)."""
    init_project(folder)
    vocabulary = VOCABULARY.split()
    records = []
    for i in range(n):
        words = " ".join(vocabulary[(i * 7 + j) % len(vocabulary)] for j in range(12))
        records.append(
            Record(
                title=f"Study {i}: {words}",
                abstract=f"{words}. " * 12,
                authors=[f"Author{i}, A.", "Other, B."],
                year=1990 + i % 35,
                journal="Journal of Tests",
                doi=f"10.5555/bench.{i}",
                source_key=str(i),
            )
        )
    with Store(folder / "reviewkit.db") as store:
        add_records(
            store, records, path="bench.ris", source="bench", fmt="ris", finder=DuplicateIndex()
        )
    return folder


async def until(check: Callable[[], bool], pause: Callable[[], Awaitable[None]]) -> None:
    while not check():
        await pause()


async def tick() -> None:
    await asyncio.sleep(0.0002)


class Frames:
    """Counts the frames an app renders (headless apps render, then skip writing)."""

    def __init__(self, app: App[None]) -> None:
        self.count = 0
        display = app._display

        def counted(screen: object, renderable: object) -> None:
            if renderable is not None:
                self.count += 1
            display(screen, renderable)  # type: ignore[arg-type]

        app._display = counted  # type: ignore[method-assign]

    async def next(self) -> None:
        """Wait for the next frame."""
        seen = self.count
        await until(lambda: self.count > seen, tick)


def send_key(app: App[None], key: str) -> None:
    """Deliver a key press the way the terminal driver (and Pilot) does."""
    event = events.Key(key, key)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


async def timed_key(
    app: App[None], key: str, probe: Callable[[], object], frames: Frames
) -> tuple[float, float]:
    """(wall seconds, UI-thread CPU seconds) from a key press to the frame showing its effect."""
    before = probe()
    wall, cpu = time.perf_counter(), time.thread_time()
    send_key(app, key)
    await until(lambda: probe() != before, tick)
    await frames.next()
    return time.perf_counter() - wall, time.thread_time() - cpu


async def bare_run(presses: int) -> tuple[float, list[tuple[float, float]]]:
    t0 = time.perf_counter()
    app = Bare()
    frames = Frames(app)
    async with app.run_test(size=SIZE):
        await until(lambda: app.query_one(Static).is_mounted, tick)
        startup = time.perf_counter() - t0
        times = [await timed_key(app, "e", lambda: app.n, frames) for _ in range(presses)]
    return startup, times


async def tui_run(folder: Path, presses: int) -> tuple[float, list[tuple[float, float]], int]:
    store = Store(folder / "reviewkit.db")
    config = load_config(folder / "reviewkit.toml")
    t0 = time.perf_counter()
    app = make_app(store, config, reviewer="bench")
    frames = Frames(app)
    async with app.run_test(size=SIZE):

        def shown() -> int | None:
            views = app.screen.query(RecordView)
            return views.first().record_id if views else None

        await until(lambda: shown() is not None, tick)
        startup = time.perf_counter() - t0
        times = [
            await timed_key(app, "i" if i % 10 == 0 else "e", shown, frames) for i in range(presses)
        ]
        await app.workers.wait_for_complete()
        rankings = store.db.execute("select count(*) from rankings").fetchone()[0]
    store.close()
    return startup, times, int(rankings)


def import_seconds(module: str) -> float:
    """Seconds a fresh interpreter takes to import `module` (best of 3)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    return min(
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(3)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--presses", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        folder = make_review(Path(tmp) / "review", args.records)
        print(f"review with {args.records:,} records built in {time.perf_counter() - t:.1f} s")
        base_start, base_keys = asyncio.run(bare_run(args.presses))
        tui_start, tui_keys, rankings = asyncio.run(tui_run(folder, args.presses))

    base_med = statistics.median(w for w, _ in base_keys)
    tui_med = statistics.median(w for w, _ in tui_keys)
    base_cpu = statistics.median(c for _, c in base_keys)
    tui_cpu = statistics.median(c for _, c in tui_keys)
    tui_p95 = sorted(w for w, _ in tui_keys)[int(0.95 * len(tui_keys)) - 1]
    imp_base, imp_tui = import_seconds("textual.app"), import_seconds("reviewkit.tui.app")
    print(f"{'':28}{'baseline':>10}{'reviewkit':>11}{'ratio':>8}   target")
    print(
        f"{'start-up to first record':28}{base_start:>9.3f}s{tui_start:>10.3f}s"
        f"{tui_start / base_start:>7.1f}x   < 1.5 s {'ok' if tui_start < 1.5 else 'MISSED'}"
    )
    print(
        f"{'keypress to next (median)':28}{base_med * 1000:>8.1f}ms{tui_med * 1000:>9.1f}ms"
        f"{tui_med / base_med:>7.1f}x   < 50 ms {'ok' if tui_med < 0.05 else 'MISSED'}"
    )
    print(f"{'keypress to next (p95)':28}{'':>10}{tui_p95 * 1000:>9.1f}ms")
    print(
        f"{'keypress UI CPU (median)':28}{base_cpu * 1000:>8.1f}ms{tui_cpu * 1000:>9.1f}ms"
        f"{tui_cpu / base_cpu:>7.1f}x"
    )
    print(
        f"{'import (fresh interpreter)':28}{imp_base:>9.3f}s{imp_tui:>10.3f}s"
        f"{imp_tui / imp_base:>7.1f}x"
    )
    print(
        f"{args.presses} decisions stored; {rankings} background retrains finished; "
        f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
