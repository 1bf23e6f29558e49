"""The screening engine as the TUI uses it, imported lazily.

The prioritisation model, the stopping rule, kappa and search pull in
scikit-learn and numpy; importing them only when first used keeps start-up
to the first record fast. Every function takes the calling thread's own
:class:`Store`, so workers pass the Store they opened themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reviewkit.config import Config
from reviewkit.store.db import Store


def latest_order(store: Store, stage: str) -> list[int]:
    """The latest stored ranking at `stage` (most relevant first), or [] when none."""
    from reviewkit.screen.prioritise import latest_ranking

    ranking = latest_ranking(store, stage)
    return list(ranking.record_ids) if ranking is not None else []


def retrain(store: Store, stage: str, config: Config) -> list[int]:
    """Fit the prioritisation model on the decisions so far; the new order (stored)."""
    from reviewkit.screen.prioritise import rank

    model = config["screening.model"]
    ranking = rank(store, stage, model=None if model == "default" else model)
    return list(ranking.record_ids)


def stop_text(store: Store, stage: str, config: Config) -> str:
    """The stopping rule's verdict as one short line for the progress bar."""
    from reviewkit.screen.stopping import stop_estimate

    est = stop_estimate(
        store, stage,
        recall_target=config["stopping.recall_target"],
        confidence=config["stopping.confidence"],
    )
    return describe_stop(est)


def describe_stop(est: Any) -> str:
    """One line for a StopEstimate: estimated recall and whether it is safe to stop."""
    if est is None:
        return "stop: not estimated yet"
    data = est.to_json() if hasattr(est, "to_json") else dict(vars(est))
    recall = data.get("estimated_recall", data.get("recall"))
    safe = data.get("safe_to_stop", data.get("stop"))
    recall_text = f"est. recall {recall:.0%}" if isinstance(recall, int | float) else "recall ?"
    return f"stop: {recall_text}, {'safe to stop' if safe else 'keep screening'}"


def status(store: Store, config: Config) -> dict[str, Any]:
    """What `reviewkit status --json` prints: counts per stage, kappa, stop estimate."""
    from reviewkit.screen.status import review_status

    return review_status(store, config)


def search(store: Store, query: str, k: int) -> Sequence[Any]:
    """The review's hybrid search (passages with page and offsets)."""
    from reviewkit.search.query import search as hybrid

    return hybrid(store, query, mode="hybrid", k=k)
