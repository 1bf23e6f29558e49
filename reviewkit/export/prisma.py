"""The PRISMA 2020 flow diagram: counts from the store (pure), then a drawing.

:func:`prisma_counts` reads the numbers; :func:`draw_prisma` (in
:mod:`reviewkit.export.prisma_draw`) draws them; :func:`export_prisma` does both.
Counts follow PRISMA 2020 (Page et al. 2021, BMJ 372:n71): records identified
per source, duplicates removed before screening, records screened and excluded
at title-abstract, reports sought, not retrieved, assessed and excluded with
reasons at full text, and studies included.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reviewkit.screen.engine import is_automation
from reviewkit.store import Store
from reviewkit.store.decisions import current_decisions, final_labels, screened_ids
from reviewkit.store.exports import source_counts
from reviewkit.store.records import count_duplicates, count_records
from reviewkit.synthesise.evidence_table import included_record_ids, inclusion_stage

FULL_TEXT_MISSING = "full text not available"
NO_REASON = "no reason given"


@dataclass(frozen=True)
class PrismaCounts:
    """The numbers in a PRISMA 2020 flow diagram.

    Attributes:
        sources: records identified per source (database, register, file).
        duplicates: records removed as duplicates before screening.
        screened: records with a title-abstract decision.
        awaiting_screening: records after de-duplication not yet decided at
            title-abstract (or with an unresolved conflict).
        excluded_screening: records excluded at title-abstract.
        sought: reports sought for retrieval (title-abstract include or maybe).
        not_retrieved: full-text exclusions because the full text was not available.
        assessed: reports assessed for eligibility at full text.
        excluded_reasons: full-text exclusions by reason, most frequent first.
        included: studies included in the review.
        automation: records marked as ineligible by automation tools: left
            unscreened when a reviewer stopped on the stopping rule, excluded
            by the rule (not counted as screened).
        conflicts_screening: screened records whose reviewers disagree and
            nobody has settled it (screened, neither excluded nor sought).
        awaiting_full_text: reports sought that nobody has assessed yet.
        undecided_full_text: reports assessed but neither included nor
            excluded (an unresolved conflict, or "maybe").
        notes: how the counts were read, for the diagram's footnote.
    """

    sources: dict[str, int]
    duplicates: int
    screened: int
    awaiting_screening: int
    excluded_screening: int
    sought: int
    not_retrieved: int
    assessed: int
    excluded_reasons: dict[str, int]
    included: int
    notes: list[str] = field(default_factory=list)
    automation: int = 0
    conflicts_screening: int = 0
    awaiting_full_text: int = 0
    undecided_full_text: int = 0

    @property
    def identified(self) -> int:
        """Records identified, all sources together."""
        return sum(self.sources.values())

    @property
    def excluded_full_text(self) -> int:
        """Full texts excluded, all reasons together."""
        return sum(self.excluded_reasons.values())

    def unbalanced(self) -> list[str]:
        """The PRISMA sums that do not close ([] for a consistent diagram).

        Every record identified is a duplicate, screened, marked by automation
        or awaiting screening; every record screened is excluded, sought or in
        conflict; every report sought is not retrieved, assessed or awaiting
        assessment; once full texts decide inclusion, every report assessed is
        excluded, included or undecided.
        """
        sums = [
            (
                "identified",
                self.identified,
                self.duplicates + self.screened + self.automation + self.awaiting_screening,
            ),
            (
                "screened",
                self.screened,
                self.excluded_screening + self.sought + self.conflicts_screening,
            ),
            ("sought", self.sought, self.not_retrieved + self.assessed + self.awaiting_full_text),
        ]
        if self.assessed or self.excluded_full_text:
            sums.append(
                (
                    "assessed",
                    self.assessed,
                    self.excluded_full_text + self.included + self.undecided_full_text,
                )
            )
        return [f"{name}: {n} != {parts}" for name, n, parts in sums if n != parts]


def _exclusion_reasons(store: Store, stage: str, excluded: set[int]) -> dict[int, str]:
    """Each excluded record's reason: the first reason an excluding reviewer gave."""
    reasons: dict[int, str] = {}
    for d in current_decisions(store, stage):
        if d.record_id in excluded and d.label == "exclude" and d.reason and d.reason.strip():
            reasons.setdefault(d.record_id, " ".join(d.reason.split()))
    return reasons


def _automation(store: Store, stage: str) -> tuple[set[int], str | None]:
    """Records whose only current decisions at `stage` are an automation tool's,
    and the rule's own description (its note) for the footnote."""
    by_record: dict[int, list[bool]] = {}
    note = None
    for d in current_decisions(store, stage):
        by_record.setdefault(d.record_id, []).append(is_automation(d.reviewer))
        if is_automation(d.reviewer) and note is None:
            note = d.note
    return {rid for rid, autos in by_record.items() if all(autos)}, note


def _rule_note(n: int, note: str | None) -> str:
    text = f"{n} record(s) marked as ineligible by automation tools: left unscreened when"
    try:
        rule = json.loads(note or "{}")
    except ValueError:
        rule = {}
    if not rule:
        return f"{text} a reviewer stopped on the stopping rule."
    return (
        f"{text} the {rule.get('rule', 'stopping rule')} said stop (recall target "
        f"{rule.get('recall_target')}, confidence {rule.get('confidence')}, p = "
        f"{rule.get('p_value'):.3g}) after {rule.get('records_screened')} records screened."
        if isinstance(rule.get("p_value"), int | float)
        else f"{text} the {rule.get('rule', 'stopping rule')} said stop."
    )


def prisma_counts(store: Store) -> PrismaCounts:
    """Read the PRISMA 2020 numbers from a review's store."""
    notes: list[str] = []
    automated, rule_note = _automation(store, "title-abstract")
    sources = {s.source: s.n_records for s in source_counts(store)}
    kept = count_records(store)
    ta = final_labels(store, "title-abstract")
    ta_labels = Counter(ta.values())
    screened = len(screened_ids(store, "title-abstract") - automated)
    decided = len(ta) - len(automated)  # by people, conflicts settled
    unresolved = screened - decided
    if unresolved:
        notes.append(f"{unresolved} record(s) screened with an unresolved conflict.")
    ft_automated, _ = _automation(store, "full-text")
    ft = {rid: label for rid, label in final_labels(store, "full-text").items()}
    ft_assessed = screened_ids(store, "full-text") - ft_automated
    ft_excluded = {rid for rid, label in ft.items() if label == "exclude"}
    reasons = _exclusion_reasons(store, "full-text", ft_excluded)
    by_reason = Counter(reasons.get(rid, NO_REASON) for rid in ft_excluded)
    missing = sum(n for r, n in by_reason.items() if r.casefold() == FULL_TEXT_MISSING)
    excluded_reasons = {
        r: n
        for r, n in sorted(by_reason.items(), key=lambda kv: (-kv[1], kv[0]))
        if r.casefold() != FULL_TEXT_MISSING
    }
    sought = ta_labels["include"] + ta_labels["maybe"]
    if ft and not ta:
        sought = len(ft_assessed)
        notes.append("No title-abstract decisions: reports sought = full texts decided.")
    if automated:
        notes.append(_rule_note(len(automated), rule_note))
    included = len(included_record_ids(store))
    full_text_decides = inclusion_stage(store) != "title-abstract"
    if not full_text_decides:
        notes.append("No full texts assessed yet: included = title-abstract includes.")
    assessed = len(ft_assessed) - missing
    excluded_ft = sum(excluded_reasons.values())
    return PrismaCounts(
        sources=sources,
        duplicates=count_duplicates(store),
        screened=screened,
        awaiting_screening=max(0, kept - screened - len(automated)),
        excluded_screening=ta_labels["exclude"] - len(automated),
        sought=sought,
        not_retrieved=missing,
        assessed=assessed,
        excluded_reasons=excluded_reasons,
        included=included,
        notes=notes,
        automation=len(automated),
        conflicts_screening=unresolved,
        awaiting_full_text=max(0, sought - len(ft_assessed)),
        undecided_full_text=max(0, assessed - excluded_ft - included) if full_text_decides else 0,
    )


def export_prisma(store: Store, path: str | Path, *, title: str = "") -> tuple[Path, PrismaCounts]:
    """Draw the review's PRISMA 2020 diagram to `path` (.svg, .png or .pdf by suffix)."""
    from reviewkit.export.prisma_draw import draw_prisma

    counts = prisma_counts(store)
    return draw_prisma(counts, path, title), counts
