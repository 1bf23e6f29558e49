"""De-duplication as pure functions, and the DOI and title normalisers it shares with matching."""

from __future__ import annotations

from reviewkit.normalise import first_author_surname, normalise_doi, normalise_text
from reviewkit.screen.dedup import DuplicateIndex
from reviewkit.vocabulary import Record


def test_normalise_doi() -> None:
    assert normalise_doi("https://doi.org/10.1111/HSC.12057.") == "10.1111/hsc.12057"
    assert normalise_doi("doi: 10.1000/XYZ;") == "10.1000/xyz"
    assert normalise_doi("") == ""
    assert normalise_doi("doi: 10.5334/ijic.67") == "10.5334/ijic.67"
    assert normalise_doi("not a doi") == ""


def test_normalise_text_folds_accents_and_punctuation() -> None:
    assert normalise_text("Müller's  Care—Integration!") == "muller s care integration"


def test_first_author_surname_in_every_convention() -> None:
    for name in ("Smith, John", "John Smith", "Smith JA", "Smith J.", "SMITH, J"):
        assert first_author_surname([name]) == "smith"
    assert first_author_surname([]) == ""


def _rec(title: str, year: int | None, author: str = "Smith, J", doi: str = "") -> Record:
    return Record(title=title, year=year, authors=[author] if author else [], doi=doi)


def test_doi_match_wins() -> None:
    index = DuplicateIndex()
    index.add(1, _rec("A title about integrated care", 2020, doi="10.1/x"))
    assert index.find(_rec("Something else entirely", 2019, doi="10.1/X")) == (1, "doi")


def test_fuzzy_title_year_author() -> None:
    index = DuplicateIndex()
    index.add(1, _rec("Integrated care for older people: a review", 2020))
    assert index.find(_rec("Integrated care for older people - a review.", 2020, "J Smith")) == (
        1,
        "title+year+author",
    )
    assert index.find(_rec("Integrated care for older people: a review", 2021)) is None
    assert index.find(_rec("Integrated care for older people: a review", 2020, "Jones, A")) is None
    assert index.find(_rec("Integrated care for younger people: a trial", 2020)) is None


def test_different_dois_are_different_works() -> None:
    index = DuplicateIndex()
    index.add(1, _rec("Integrated care for older people: a review", 2020, doi="10.1/a"))
    assert (
        index.find(_rec("Integrated care for older people: a review", 2020, doi="10.1/b")) is None
    )


def test_short_titles_never_match_on_title() -> None:
    index = DuplicateIndex()
    index.add(1, _rec("Editorial", 2020))
    assert index.find(_rec("Editorial", 2020)) is None


def test_titles_differing_in_a_number_are_different_works() -> None:
    index = DuplicateIndex()
    index.add(1, _rec("Phase 2 trial of integrated discharge planning in frail adults", 2020))
    assert (
        index.find(_rec("Phase 3 trial of integrated discharge planning in frail adults", 2020))
        is None
    )
