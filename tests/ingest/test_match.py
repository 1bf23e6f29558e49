"""Documents find their records by DOI, else by a fuzzy title."""

from __future__ import annotations

from reviewkit.ingest.match import Candidate, match


def test_doi_first_then_fuzzy_title_with_year_tie_break() -> None:
    records = [
        Candidate(1, "Greater than the sum of our parts?", "10.5555/ABC.1", 2008),
        Candidate(2, "Integrated care for older people: a cohort study", None, 2015),
        Candidate(3, "Integrated care for older people - a cohort study", None, 2019),
        Candidate(4, "Dental hygiene in schools", None, 2019),
    ]
    docs = [
        Candidate("a", "Some other title", "https://doi.org/10.5555/abc.1.", None),
        Candidate("b", "Integrated Care for Older People: A Cohort Study", None, 2019),
        Candidate("c", "Unrelated paper about bridges and rivers", None, 2019),
    ]
    assert match(docs, records) == {"a": 1, "b": 3}


def test_a_record_is_matched_once() -> None:
    records = [Candidate(1, "Joint working between health and social care", None, 2010)]
    docs = [
        Candidate("a", "Joint working between health and social care", None, 2010),
        Candidate("b", "Joint working between health and social care", None, 2010),
    ]
    assert match(docs, records) == {"a": 1}
