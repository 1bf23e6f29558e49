"""`reviewkit status`: counts per stage, decisions, conflicts, kappa, stop estimate."""

from __future__ import annotations

from collections import Counter
from typing import Any

from reviewkit.config import Config
from reviewkit.screen.decisions import STAGES
from reviewkit.screen.engine import rule_from_config, stop_verdict
from reviewkit.screen.kappa import kappa
from reviewkit.store import Store
from reviewkit.store.decisions import conflicts, decision_counts, final_labels, screened_ids
from reviewkit.store.documents import count_documents
from reviewkit.store.records import count_duplicates, count_records

SCHEMA = "reviewkit.status/1"


def stage_status(store: Store, stage: str, config: Config) -> dict[str, Any]:
    """One stage's counts; include/exclude/maybe are final labels (resolutions win)."""
    labels = Counter(final_labels(store, stage).values())
    screened = len(screened_ids(store, stage))
    stop = None
    if screened:
        stop = stop_verdict(store, stage, rule_from_config(config)).to_json()
    return {
        "screened": screened,
        "include": labels["include"],
        "exclude": labels["exclude"],
        "maybe": labels["maybe"],
        "conflicts": sum(1 for c in conflicts(store, stage) if c.resolved is None),
        "kappa": kappa(store, stage),
        "stop": stop,
    }


def review_status(store: Store, config: Config) -> dict[str, Any]:
    """The review's state as the status contract (contracts/status.schema.json).

    ``conflicts`` counts unresolved conflicts; ``kappa`` is between the two
    reviewers with most records in common (None with fewer than two).
    """
    return {
        "schema": SCHEMA,
        "records": count_records(store),
        "duplicates": count_duplicates(store),
        "documents": count_documents(store),
        "stages": {stage: stage_status(store, stage, config) for stage in STAGES},
        "reviewers": {name: {"decisions": n} for name, n in decision_counts(store).items()},
    }
