"""The screening engine as the TUI uses it, imported lazily.

The prioritisation model, the stopping rule, kappa and search pull in
scikit-learn and numpy; importing them only when first used keeps start-up
to the first record fast. Every function takes the calling thread's own
:class:`Store`, so workers pass the Store they opened themselves.

Model fitting is pure-Python-heavy (tokenising every record), so in a thread
it would hold the GIL and stall the UI for seconds. :func:`retrain_job` and
:func:`stop_job` are therefore run in a child process (see
``ReviewApp.model_pool``); they open their own Store from the database path.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reviewkit.config import Config
from reviewkit.store.db import Store

if TYPE_CHECKING:
    from reviewkit.screen.status import ReviewStatus


def latest_order(store: Store, stage: str) -> list[int]:
    """The latest stored ranking at `stage` (most relevant first), or [] when none.

    The screening engine's own read (no model code, no scikit-learn), so the
    TUI and every other caller see the same ranking.
    """
    from reviewkit.screen.engine import latest_ranking

    ranking = latest_ranking(store, stage)
    return ranking.record_ids if ranking is not None else []


def retrain(store: Store, stage: str, config: Config) -> list[int]:
    """Fit the prioritisation model on the decisions so far; the new order (stored)."""
    from reviewkit.screen.prioritise import rank_and_store

    model = config.text("screening.model")
    return list(
        rank_and_store(store, stage, model=None if model == "default" else model).record_ids
    )


def stop_text(store: Store, stage: str, config: Config) -> str:
    """The stopping rule's verdict in words, for the progress bar (the engine's step)."""
    from reviewkit.screen.engine import rule_from_config, stop_verdict

    return stop_verdict(store, stage, rule_from_config(config)).describe()


def retrain_job(db_path: str, stage: str, config: Config) -> tuple[list[int], str]:
    """In a model process: refit, store the ranking; the order and the stop line."""
    with Store(db_path) as store:
        return retrain(store, stage, config), stop_text(store, stage, config)


def stop_job(db_path: str, stage: str, config: Config) -> str:
    """In a model process: the stopping rule's verdict as one line."""
    with Store(db_path) as store:
        return stop_text(store, stage, config)


def status(store: Store, config: Config) -> ReviewStatus:
    """What `reviewkit status` shows: counts per stage, kappa, stop verdict."""
    from reviewkit.screen.status import review_status

    return review_status(store, config)


def search(store: Store, query: str, k: int) -> Sequence[Any]:
    """The review's hybrid search (passages with page and offsets)."""
    from reviewkit.search.query import search as hybrid

    return hybrid(store, query, mode="hybrid", k=k)
