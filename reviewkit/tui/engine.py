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

from collections.abc import Mapping, Sequence
from typing import Any

from reviewkit.config import Config
from reviewkit.store.db import Store


def latest_order(store: Store, stage: str) -> list[int]:
    """The latest stored ranking at `stage` (most relevant first), or [] when none.

    Reads the stored row directly: no model code (and no scikit-learn) is
    imported on the way to the first record.
    """
    from reviewkit.store.decisions import latest_ranking_row

    row = latest_ranking_row(store, stage)
    return [int(r) for r in row["record_ids"]] if row is not None else []


def retrain(store: Store, stage: str, config: Config) -> list[int]:
    """Fit the prioritisation model on the decisions so far; the new order (stored)."""
    from reviewkit.screen.prioritise import rank

    model = config["screening.model"]
    ranking = rank(
        store,
        stage,
        model=None if model == "default" else model,
        recall_target=config["stopping.recall_target"],
        confidence=config["stopping.confidence"],
    )
    return list(ranking.record_ids)


def stop_text(store: Store, stage: str, config: Config) -> str:
    """The stopping rule's verdict in a few words, for the progress bar."""
    from reviewkit.screen.stopping import stop_estimate

    est = stop_estimate(
        store,
        stage,
        recall_target=config["stopping.recall_target"],
        confidence=config["stopping.confidence"],
    )
    return describe_stop(est.to_json())


def retrain_job(db_path: str, stage: str, config: Config) -> tuple[list[int], str]:
    """In a model process: refit, store the ranking; the order and the stop line."""
    with Store(db_path) as store:
        return retrain(store, stage, config), stop_text(store, stage, config)


def stop_job(db_path: str, stage: str, config: Config) -> str:
    """In a model process: the stopping rule's verdict as one line."""
    with Store(db_path) as store:
        return stop_text(store, stage, config)


def describe_stop(stop: Mapping[str, Any] | None) -> str:
    """The stopping rule's verdict (``StopEstimate.to_json()``) in a few words.

    Before its random-sampling phase the rule has no recall estimate, only the
    run of irrelevant records; during sampling it has an estimate and a verdict.
    """
    if not stop:
        return "not estimated yet"
    recall = stop.get("estimated_recall")
    if recall is None:
        advice = stop.get("advice") or {}
        run, after = advice.get("irrelevant_in_a_row"), advice.get("sampling_starts_after")
        if run is None or after is None:
            return "keep screening"
        return f"not yet ({run}/{after} irrelevant in a row)"
    verdict = "safe to stop" if stop.get("safe_to_stop") else "keep screening"
    sample = stop.get("sample") or {}
    drawn = f" ({sample.get('drawn', 0)}/{sample.get('urn', 0)} sampled)" if sample else ""
    return f"recall ≈{recall:.0%}{drawn}, {verdict}"


def status(store: Store, config: Config) -> dict[str, Any]:
    """What `reviewkit status --json` prints: counts per stage, kappa, stop estimate."""
    from reviewkit.screen.status import review_status

    return review_status(store, config)


def search(store: Store, query: str, k: int) -> Sequence[Any]:
    """The review's hybrid search (passages with page and offsets)."""
    from reviewkit.search.query import search as hybrid

    return hybrid(store, query, mode="hybrid", k=k)
