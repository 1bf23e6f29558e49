"""The screening engine: one pure step from the decisions so far to what comes next.

:func:`step` takes the records of a stage (the pool), the screening sequence
so far (record id, relevant?) and the current ranking, and returns the next
record to screen and the stopping rule's verdict. It reads no store and
fits no model, so the same step drives every caller:

- the store path (``reviewkit status``, ``next_record``, the TUI, the demo):
  :func:`history` reads the pool and sequence of a review, :func:`latest_ranking`
  the newest stored ranking;
- the replay path (``reviewkit simulate``, the benchmarks): the sequence and
  the ranking are kept in memory.

Both therefore offer the same records in the same order and stop at the same
point; ``tests/screen/test_engine.py`` replays a committed labelled set
through both to keep it so.

Kept free of numpy and scikit-learn at import time so the TUI shows its
first record without loading them; the stopping rule is imported on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reviewkit.screen.order import fixed_order
from reviewkit.store.db import Store
from reviewkit.store.decisions import decision_sequence, final_labels, latest_ranking_row
from reviewkit.store.records import record_ids
from reviewkit.vocabulary import RELEVANT, STAGES, check_stage

if TYPE_CHECKING:
    from reviewkit.screen.stopping import StoppingRule, StopVerdict

TITLE_ABSTRACT, FULL_TEXT = STAGES


@dataclass(frozen=True)
class Ranking:
    """An order of the records nobody had screened at a stage, most relevant first.

    Attributes:
        id: row id in the rankings table (None if not stored).
        model: names and parameters of the parts that produced it, plus
            ``"order"``: "model", "similarity" or "fixed".
        n_labelled: labelled records the model was fitted on.
    """

    id: int | None
    stage: str
    record_ids: list[int]
    model: dict[str, Any]
    n_labelled: int
    seconds: float
    at: str = ""


@dataclass(frozen=True)
class Step:
    """What comes next after the decisions so far.

    Attributes:
        next_id: the record to screen next (None: every record is screened).
        verdict: the stopping rule's verdict on the sequence so far.
        source: where `next_id` came from: "colleague" (dual screening),
            "random-sample" (the random-sampling rule's urn), "ranking" or
            "fixed" (records the ranking does not hold, in the fixed order).
    """

    next_id: int | None
    verdict: StopVerdict
    source: str


def queue(
    pool: Sequence[int],
    ranking: Iterable[int],
    *,
    skip: Set[int] = frozenset(),
    first: Iterable[int] = (),
    stage: str = TITLE_ABSTRACT,
) -> list[int]:
    """Every record of `pool` not in `skip`, in the order they are offered:
    `first` (e.g. records a colleague screened), then the ranking, then the
    rest of the pool in the fixed order."""
    wanted = set(pool)
    seen = set(skip)
    out: list[int] = []
    for rid in (*first, *ranking, *fixed_order(stage, pool)):
        if rid in wanted and rid not in seen:
            seen.add(rid)
            out.append(rid)
    return out


def step(
    pool: Sequence[int],
    sequence: Sequence[tuple[int, bool]],
    ranking: Sequence[int],
    rule: StoppingRule,
    *,
    skip: Set[int] = frozenset(),
    first: Sequence[int] = (),
    stage: str = TITLE_ABSTRACT,
    detail: bool = True,
) -> Step:
    """The next record and the stop verdict after `sequence`.

    Args:
        pool: the records that can be screened at the stage.
        sequence: (record id, relevant) of each record screened, in order, once each.
        ranking: the latest ranking (records already screened are skipped).
        rule: the stopping rule.
        skip: records not to offer (besides those screened), e.g. the
            reviewer's own decided records.
        first: records to offer before the ranking, unless in `skip`, even
            though screened (dual screening: what colleagues screened).
        detail: compute the recall estimate and bound too (status, TUI).
    """
    from reviewkit.screen.stopping import assess, sampling_phase

    screened = {rid for rid, _ in sequence}
    sample = sampling_phase(pool, sequence, rule) if rule.method == "random-sample" else None
    verdict = assess(rule, [rel for _, rel in sequence], len(pool), sample=sample, detail=detail)
    done = screened | set(skip)
    wanted = set(pool)
    for rid in first:  # screened by a colleague: offered to those who have not
        if rid in wanted and rid not in skip:
            return Step(rid, verdict, "colleague")
    if sample is not None and not verdict.safe_to_stop:
        for rid in sample.urn:
            if rid not in done:
                return Step(rid, verdict, "random-sample")
    for rid in ranking:
        if rid in wanted and rid not in done:
            return Step(rid, verdict, "ranking")
    for rid in fixed_order(stage, pool):
        if rid not in done:
            return Step(rid, verdict, "fixed")
    return Step(None, verdict, "fixed")


# -- the store path --------------------------------------------------------------------


def stage_pool(store: Store, stage: str) -> list[int]:
    """The records that can be screened at `stage`, in id order: every kept record
    at title-abstract; those included (or maybe) at title-abstract for full text."""
    check_stage(stage)
    ids = record_ids(store)
    if stage == TITLE_ABSTRACT:
        return ids
    passed = {
        rid for rid, label in final_labels(store, TITLE_ABSTRACT).items() if label in RELEVANT
    }
    return [i for i in ids if i in passed]


def history(store: Store, stage: str) -> tuple[list[int], list[tuple[int, bool]]]:
    """The pool of `stage` and its screening sequence (first decision per record,
    judged by its final label), limited to records of the pool: at full text
    only the records that reached full text count."""
    pool = stage_pool(store, stage)
    wanted = set(pool)
    sequence = [
        (rid, label in RELEVANT) for rid, label in decision_sequence(store, stage) if rid in wanted
    ]
    return pool, sequence


def latest_ranking(store: Store, stage: str) -> Ranking | None:
    """The newest stored ranking at `stage` (one indexed read; no fitting), or None.

    Records screened since it was made are still in it; skip them.
    """
    row = latest_ranking_row(store, stage)
    if row is None:
        return None
    fields = {k: row[k] for k in Ranking.__dataclass_fields__ if k in row}
    fields["record_ids"] = [int(r) for r in fields.get("record_ids") or []]
    return Ranking(**fields)


def store_step(
    store: Store,
    stage: str,
    rule: StoppingRule,
    *,
    skip: Set[int] = frozenset(),
    first: Sequence[int] = (),
    detail: bool = True,
) -> Step:
    """:func:`step` on a review's stored decisions and latest ranking."""
    pool, sequence = history(store, stage)
    ranking = latest_ranking(store, stage)
    return step(
        pool,
        sequence,
        ranking.record_ids if ranking else [],
        rule,
        skip=skip,
        first=first,
        stage=stage,
        detail=detail,
    )


def stop_verdict(
    store: Store, stage: str, rule: StoppingRule, *, detail: bool = True
) -> StopVerdict:
    """The stopping rule's verdict on a review's stage (what status and the TUI show)."""
    return store_step(store, stage, rule, detail=detail).verdict


def rule_from_config(config: Any) -> StoppingRule:
    """The stopping rule a review's settings name (``stopping.*``)."""
    from reviewkit.screen.stopping import StoppingRule

    def get(key: str, default: Any) -> Any:
        try:
            return config[key]
        except KeyError:
            return default

    return StoppingRule(
        method=str(get("stopping.method", "buscar")),
        recall_target=float(get("stopping.recall_target", 0.95)),
        confidence=float(get("stopping.confidence", 0.95)),
        bias=float(get("stopping.bias", 1.0)),
    )


# -- stopping on the rule ----------------------------------------------------------------

#: The reviewer name a stopping rule's exclusions are stored under: records
#: left when a reviewer stops on the rule are marked by the rule, not by a person.
AUTOMATION_REVIEWER = "automation:stopping-rule"

#: The exclusion reason of those records (PRISMA 2020: "records marked as
#: ineligible by automation tools").
AUTOMATION_REASON = "marked ineligible by the stopping rule"


def is_automation(reviewer: str) -> bool:
    """True for decisions an automation tool made (the stopping rule), not a person."""
    return reviewer.startswith("automation:")


def exclude_unscreened_by_rule(
    store: Store, stage: str, rule: StoppingRule, *, model: str = "default"
) -> int:
    """Write: mark every record of `stage` nobody has screened as excluded by the rule.

    Only when the rule says it is safe to stop. Each decision is stored under
    :data:`AUTOMATION_REVIEWER` with :data:`AUTOMATION_REASON` and a note
    naming the rule, its parameters, the p-score and the records screened,
    so the audit shows who (what) decided and why.

    Returns:
        How many records were marked.

    Raises:
        DecisionError: when the rule does not (yet) say it is safe to stop.
    """
    import json

    from reviewkit.store.decisions import record_decision
    from reviewkit.vocabulary import DecisionError

    pool, sequence = history(store, stage)
    verdict = step(pool, sequence, [], rule, stage=stage).verdict
    if not verdict.safe_to_stop:
        raise DecisionError(
            f"the stopping rule does not say stop at {stage} ({verdict.describe()}); keep screening"
        )
    note = json.dumps(
        {
            "rule": rule.name,
            **rule.params(),
            "p_value": verdict.p_value,
            "records_screened": verdict.n_screened,
            "relevant_found": verdict.n_relevant,
            "records_in_stage": verdict.n_pool,
            "model": model,
        },
        sort_keys=True,
    )
    screened = {rid for rid, _ in sequence}
    left = [rid for rid in pool if rid not in screened]
    for rid in left:
        record_decision(
            store, rid, stage, AUTOMATION_REVIEWER, "exclude", reason=AUTOMATION_REASON, note=note
        )
    return len(left)
