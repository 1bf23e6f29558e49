"""The screening vocabulary every floor shares: records, stages, labels, decisions.

The bibliographic :class:`Record` every reader produces and the store
returns; the screening stages and decision labels; the :class:`Decision` and
:class:`Conflict` rows the store returns, and the checks on what a decision
may name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reviewkit.errors import ReviewkitError

STAGES = ("title-abstract", "full-text")
LABELS = ("include", "exclude", "maybe")
#: Labels that count as relevant: for training, for the stopping rule, and for
#: passing a record on from title-abstract to full-text screening.
RELEVANT = frozenset({"include", "maybe"})


class DecisionError(ReviewkitError):
    """A decision names an unknown stage, label or record."""


@dataclass(frozen=True)
class Decision:
    """One reviewer's decision (or a conflict resolution) on one record at one stage.

    Attributes:
        id: row id in the append-only decisions table.
        at: ISO-8601 UTC time it was recorded.
    """

    id: int
    record_id: int
    stage: str
    reviewer: str
    label: str
    reason: str | None = None
    note: str | None = None
    at: str = ""


@dataclass(frozen=True)
class Conflict:
    """A record whose reviewers' current decisions at a stage disagree.

    Attributes:
        labels: each reviewer's current label.
        resolved: the current resolution, None while unresolved.
    """

    record_id: int
    labels: dict[str, str] = field(default_factory=dict)
    resolved: Decision | None = None


def check_stage(stage: str) -> str:
    """Return `stage` when it is a screening stage.

    Raises:
        DecisionError: for any other stage, naming the valid ones.
    """
    if stage not in STAGES:
        raise DecisionError(f"unknown stage {stage!r}; use one of {', '.join(STAGES)}")
    return stage


def check_label(label: str) -> str:
    """Return `label` when it is a decision label (include, exclude, maybe).

    Raises:
        DecisionError: for any other label, naming the valid ones.
    """
    if label not in LABELS:
        raise DecisionError(f"unknown label {label!r}; use one of {', '.join(LABELS)}")
    return label


def check_reason(reason: str | None, allowed: Sequence[str]) -> str | None:
    """An exclusion reason must be one of ``screening.exclusion_reasons`` (or None)."""
    if reason is not None and reason not in allowed:
        raise DecisionError(
            f"unknown exclusion reason {reason!r}; use one of {', '.join(allowed)} "
            "(or add it to screening.exclusion_reasons in reviewkit.toml)"
        )
    return reason


@dataclass
class Record:
    """One bibliographic record found by a search.

    Attributes:
        id: the store's id; None until the record is stored.
        title, abstract: as read ("" when missing).
        authors: "Surname, Given" strings in the source's order.
        year: publication year, None when unknown.
        doi: normalised DOI (lower case, no resolver prefix), "" when none.
        journal: journal or container title.
        keywords: author keywords or MeSH terms.
        url: first link given.
        source_key: the identifier the source file gave (RIS ID, BibTeX key,
            PMID, CSV record_id), "" when none.
        duplicate_of: id of the record kept when this one is a duplicate.
        label_prior: 1/0 when the file carried a label and the user asked to
            import labels as prior knowledge (``--labels-as prior``).
        raw: the fields as read, kept for the audit trail (not compared).
    """

    id: int | None = None
    title: str = ""
    abstract: str = ""
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    doi: str = ""
    journal: str = ""
    keywords: list[str] = field(default_factory=list)
    url: str = ""
    source_key: str = ""
    duplicate_of: int | None = None
    label_prior: int | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        """Title and abstract, what the prioritisation model reads."""
        return f"{self.title}\n{self.abstract}".strip()
