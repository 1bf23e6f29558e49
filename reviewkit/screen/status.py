"""`reviewkit status`: counts per stage, decisions, conflicts, kappa, stop estimate."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from reviewkit.config import Config
from reviewkit.screen.engine import rule_from_config, stop_verdict
from reviewkit.screen.kappa import kappa
from reviewkit.screen.stopping import StopVerdict
from reviewkit.store import Store
from reviewkit.store.decisions import conflicts, decision_counts, final_labels, screened_ids
from reviewkit.store.documents import count_documents
from reviewkit.store.records import count_duplicates, count_records
from reviewkit.vocabulary import STAGES

SCHEMA = "reviewkit.status/1"


@dataclass(frozen=True)
class StageStatus:
    """One stage: final labels (resolutions win), unresolved conflicts, kappa, stop verdict.

    Attributes:
        kappa: between the two reviewers with most records in common (None
            with fewer than two).
        stop: the stopping rule's verdict; None before anything is screened.
    """

    screened: int
    include: int
    exclude: int
    maybe: int
    conflicts: int
    kappa: float | None
    stop: StopVerdict | None

    def to_json(self) -> dict[str, Any]:
        return {
            "screened": self.screened,
            "include": self.include,
            "exclude": self.exclude,
            "maybe": self.maybe,
            "conflicts": self.conflicts,
            "kappa": self.kappa,
            "stop": self.stop.to_json() if self.stop is not None else None,
        }


@dataclass(frozen=True)
class ReviewStatus:
    """The review's state; :meth:`to_json` is the status contract."""

    records: int
    duplicates: int
    documents: int
    stages: dict[str, StageStatus]
    #: decisions recorded by each reviewer
    reviewers: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        """contracts/status.schema.json"""
        return {
            "schema": SCHEMA,
            "records": self.records,
            "duplicates": self.duplicates,
            "documents": self.documents,
            "stages": {name: s.to_json() for name, s in self.stages.items()},
            "reviewers": {name: {"decisions": n} for name, n in self.reviewers.items()},
        }


def stage_status(store: Store, stage: str, config: Config) -> StageStatus:
    """One stage's counts and verdict (only reads)."""
    labels = Counter(final_labels(store, stage).values())
    screened = len(screened_ids(store, stage))
    return StageStatus(
        screened=screened,
        include=labels["include"],
        exclude=labels["exclude"],
        maybe=labels["maybe"],
        conflicts=sum(1 for c in conflicts(store, stage) if c.resolved is None),
        kappa=kappa(store, stage),
        stop=stop_verdict(store, stage, rule_from_config(config)) if screened else None,
    )


def review_status(store: Store, config: Config) -> ReviewStatus:
    """The review's state (only reads)."""
    return ReviewStatus(
        records=count_records(store),
        duplicates=count_duplicates(store),
        documents=count_documents(store),
        stages={stage: stage_status(store, stage, config) for stage in STAGES},
        reviewers=dict(decision_counts(store)),
    )
