"""Possible duplicates: queued at import, merged or kept apart by a person, both undone exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewkit.cli import cli
from reviewkit.errors import ReviewkitError
from reviewkit.export.audit import audit_rows
from reviewkit.export.prisma import prisma_counts
from reviewkit.screen.dedup import DuplicateIndex
from reviewkit.store import Store, init_project
from reviewkit.store.decisions import current_decisions, decision_for, record_decision
from reviewkit.store.duplicates import (
    identifiers,
    keep_apart,
    merge_records,
    possible_pairs,
    unmerge_record,
)
from reviewkit.store.records import add_records, count_records, record_ids
from reviewkit.vocabulary import Record

ABSTRACT = (
    "Background: integrated health and social care teams were introduced in three districts. "
    "Methods: we compared admissions of older people before and after the teams began work, "
    "using routine data over four years. Results: admissions fell by a tenth."
)
TA = "title-abstract"


def _records() -> list[Record]:
    return [
        # 1: the 1997 record
        Record(
            title="Integrated care teams and hospital admissions of older people",
            abstract=ABSTRACT,
            authors=["Smith, Jane", "Brown, Al"],
            year=1997,
            journal="BMJ",
            doi="10.1000/bmj.1",
            raw={"PMID": ["9000001"]},
        ),
        # 2: another work entirely
        Record(title="Pooled budgets between councils and the NHS", year=2005, authors=["Lee, K"]),
        # 3: the same paper, dated 1998 by the other database, no DOI, a PMCID
        Record(
            title="Integrated care teams and hospital admissions of older people.",
            abstract=ABSTRACT,
            authors=["Smith, J.", "Brown, A."],
            year=1998,
            journal="Br Med J",
            raw={"pmcid": "PMC123456"},
            source_key="scopus-77",
        ),
        # 4: a title variant of record 2, same year and author
        Record(
            title="Pooled budgets between local councils and the NHS in England",
            year=2005,
            authors=["Lee, K."],
        ),
    ]


@pytest.fixture
def store() -> Store:
    s = Store(":memory:")
    result = add_records(
        s, _records(), path="a.ris", source="db", fmt="ris", finder=DuplicateIndex()
    )
    assert (result.n_duplicates, result.n_possible) == (0, 2)
    return s


def test_near_matches_are_queued_not_linked(store: Store) -> None:
    pairs = {(p.record_id, p.other_id): p for p in possible_pairs(store)}
    assert set(pairs) == {(3, 1), (4, 2)}
    assert "years 1998 and 1997" in pairs[3, 1].why and "same abstract" in pairs[3, 1].why
    assert "same first author" in pairs[4, 2].why and 80 <= pairs[4, 2].score < 93
    assert count_records(store) == 4  # nothing linked automatically


def test_two_works_with_different_dois_or_numbers_are_not_queued() -> None:
    s = Store(":memory:")
    base = Record(title="Phase 2 trial of joint discharge planning", year=2010, authors=["Ng, A"])
    add_records(
        s,
        [
            base,
            Record(title="Phase 3 trial of joint discharge planning", year=2010, authors=["Ng, A"]),
            Record(
                title="Joint discharge planning in rural areas",
                year=2011,
                authors=["Ng, A"],
                doi="10.1/a",
            ),
            Record(
                title="Joint discharge planning in rural area",
                year=2011,
                authors=["Ng, A"],
                doi="10.1/b",
            ),
        ],
        path="b.ris",
        source="db",
        fmt="ris",
        finder=DuplicateIndex(),
    )
    assert possible_pairs(s) == []


def test_merge_keeps_both_records_decisions_and_unmerge_restores_exactly(store: Store) -> None:
    record_decision(store, 1, TA, "ana", "include", note="key paper")
    record_decision(store, 3, TA, "ana", "exclude")  # the kept record's own decision wins
    record_decision(store, 3, TA, "bob", "include", note="seen at a conference")
    before = prisma_counts(store)
    assert before.screened == 2

    action = merge_records(store, 1, 3, reviewer="carl")
    assert record_ids(store) == [1, 2, 4]
    assert decision_for(store, 1, TA, "ana").label == "include"  # type: ignore[union-attr]
    carried = decision_for(store, 1, TA, "bob")
    assert carried is not None and carried.label == "include"
    assert carried.note and "seen at a conference" in carried.note and "record 3" in carried.note
    assert action.carried == [carried.id]
    assert [(i.name, i.value, i.from_record) for i in identifiers(store, 1)] == [
        ("DOI", "10.1000/bmj.1", None),
        ("PMID", "9000001", None),
        ("PMCID", "PMC123456", 3),
        ("source id", "scopus-77", 3),
    ]
    merged = prisma_counts(store)
    assert merged.unbalanced() == []
    assert (merged.duplicates, merged.screened) == (1, 1)  # record 3 is a duplicate removed
    assert [(p.record_id, p.other_id) for p in possible_pairs(store)] == [(4, 2)]

    unmerge_record(store, 3, reviewer="carl")
    assert record_ids(store) == [1, 2, 3, 4]
    assert decision_for(store, 1, TA, "bob") is None
    assert decision_for(store, 3, TA, "bob").label == "include"  # type: ignore[union-attr]
    assert {(d.record_id, d.reviewer, d.label) for d in current_decisions(store, TA)} == {
        (1, "ana", "include"),
        (3, "ana", "exclude"),
        (3, "bob", "include"),
    }
    after = prisma_counts(store)
    assert after == before
    assert {(p.record_id, p.other_id) for p in possible_pairs(store)} == {(3, 1), (4, 2)}
    with pytest.raises(ReviewkitError, match="not merged"):
        unmerge_record(store, 3)


def test_a_decision_made_after_the_merge_stands_after_unmerge(store: Store) -> None:
    record_decision(store, 3, TA, "bob", "include")
    merge_records(store, 1, 3)
    record_decision(store, 1, TA, "bob", "exclude")  # bob changes his mind on the kept record
    unmerge_record(store, 3)
    assert decision_for(store, 1, TA, "bob").label == "exclude"  # type: ignore[union-attr]


def test_merge_refuses_what_cannot_be_merged(store: Store) -> None:
    with pytest.raises(ReviewkitError, match="same record twice"):
        merge_records(store, 1, 1)
    with pytest.raises(ReviewkitError, match="no record 99"):
        merge_records(store, 1, 99)
    merge_records(store, 1, 3)
    with pytest.raises(ReviewkitError, match="already a duplicate of record 1"):
        merge_records(store, 2, 3)


def test_keep_apart_and_its_undo_are_in_the_audit(store: Store) -> None:
    keep_apart(store, 4, 2, reviewer="ana")
    assert [(p.record_id, p.other_id) for p in possible_pairs(store)] == [(3, 1)]
    assert {p.state for p in possible_pairs(store, open_only=False)} == {"open", "kept apart"}
    with pytest.raises(ReviewkitError, match="already kept apart"):
        keep_apart(store, 2, 4)
    keep_apart(store, 2, 4, reviewer="ana", undo=True)
    assert len(possible_pairs(store)) == 2
    merge_records(store, 1, 3, reviewer="bob")
    unmerge_record(store, 3, reviewer="bob")
    rows = [r for r in audit_rows(store) if r.table == "duplicate_actions"]
    assert [(r.kind, r.reviewer, r.record_id) for r in rows] == [
        ("keep-apart", "ana", 4),
        ("undo-keep-apart", "ana", 2),
        ("merge", "bob", 1),
        ("unmerge", "bob", 1),
    ]
    assert json.loads(rows[2].value)["other_record"] == 3
    assert "(possible duplicate: same title, same first author" in rows[2].note


def test_the_cli_lists_merges_and_undoes(tmp_path: Path) -> None:
    folder = init_project(tmp_path / "review")
    ris = tmp_path / "a.ris"
    ris.write_text(
        "".join(
            f"TY  - JOUR\nTI  - {r.title}\nAU  - {r.authors[0]}\nPY  - {r.year}\n"
            f"AB  - {r.abstract}\nER  - \n\n"
            for r in _records()
        ),
        encoding="utf-8",
    )

    def rk(*args: str) -> str:
        done = CliRunner().invoke(cli, [*args, "--project", str(folder)], catch_exceptions=False)
        assert done.exit_code == 0, done.output
        return done.output

    imported = rk("import", str(ris))
    assert "2 possible duplicates to decide" in imported
    listed = json.loads(rk("duplicates", "--possible", "--json"))
    assert [(p["record"], p["other"], p["state"]) for p in listed] == [
        (3, 1, "open"),
        (4, 2, "open"),
    ]
    assert listed[0]["years"] == [1998, 1997]
    assert rk("duplicates", "merge", "1", "3", "--reviewer", "ana").startswith(
        "record 3 merged into record 1 (possible duplicate: "
    )
    assert "3\tduplicate of 1\tmerged" in rk("duplicates")
    refused = CliRunner().invoke(cli, ["duplicates", "--restore", "3", "--project", str(folder)])
    assert "duplicates unmerge 3" in str(refused.exception)
    assert rk("duplicates", "unmerge", "3").startswith("record 3 unmerged from record 1")
    assert rk("duplicates", "keep-apart", "4", "2").startswith("records 4 and 2 kept apart")
    assert rk("duplicates", "--possible").splitlines()[-1].startswith("1 possible duplicates")
    assert rk("duplicates", "keep-apart", "4", "2", "--undo").startswith("records 4 and 2 back")


def test_a_pubmed_id_links_records_across_imports_whatever_their_titles() -> None:
    s = Store(":memory:")
    first = add_records(
        s,
        [Record(title="", abstract="", raw={"PMID": ["31000001"]}), Record(title="Editorial")],
        path="pubmed.nbib",
        source="pubmed",
        fmt="medline",
        finder=DuplicateIndex(),
    )
    assert first.n_duplicates == 0
    again = add_records(
        s,
        [
            Record(title="", raw={"pubmed_id": "31000001"}),  # a CSV row with only its PMID
            Record(title="A letter", url="https://pubmed.ncbi.nlm.nih.gov/31000001/"),
            Record(title="Another", raw={"pmcid": "PMC42"}),
            Record(title="Another again", url="https://www.ncbi.nlm.nih.gov/pmc/articles/PMC42/"),
        ],
        path="rows.csv",
        source="csv",
        fmt="csv",
        finder=DuplicateIndex(),
    )
    assert (again.n_records, again.n_duplicates) == (4, 3)
    reasons = s.db.execute(
        "select id, duplicate_of, duplicate_reason from records where duplicate_of is not null"
    ).fetchall()
    assert reasons == [(3, 1, "pmid"), (4, 1, "pmid"), (6, 5, "pmcid")]


def test_a_colleagues_decision_on_a_merged_away_record_lands_on_the_kept_one(
    tmp_path: Path,
) -> None:
    from reviewkit.store.merge import merge
    from reviewkit.store.share import load_share, write_share

    lead = Store(tmp_path / "lead.db")
    add_records(lead, _records(), path="a.ris", source="db", fmt="ris", finder=DuplicateIndex())
    write_share(lead, tmp_path / "bob.share", reviewer="bob")
    bob = Store(tmp_path / "bob.db")
    load_share(bob, tmp_path / "bob.share")
    record_decision(bob, 3, TA, "bob", "include", note="seen at a conference")
    write_share(bob, tmp_path / "back.share", reviewer="bob")

    merge_records(lead, 1, 3, reviewer="carl")
    merge(lead, tmp_path / "back.share")
    landed = decision_for(lead, 1, TA, "bob")
    assert landed is not None and landed.label == "include"
    assert landed.note and "seen at a conference" in landed.note and "record 3" in landed.note
    assert prisma_counts(lead).unbalanced() == []
