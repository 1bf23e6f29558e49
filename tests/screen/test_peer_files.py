"""Other tools' own test files import as their tests say (ASReview LAB, rispy).

The files are the peers' test data, committed unchanged under
tests/fixtures/peers with their licences; the expected counts and fields
are those their own test suites assert (asreview tests/test_readers.py,
rispy tests/test_parser.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rispy

from reviewkit.screen.importing import import_file
from reviewkit.screen.readers import read_records
from reviewkit.store import Store

PEERS = Path(__file__).resolve().parents[1] / "fixtures" / "peers"
ASREVIEW = PEERS / "asreview"
RISPY = PEERS / "rispy"
NBIB = PEERS / "nbib"

# asreview tests/test_readers.py::test_reader: file and its number of records.
ASREVIEW_COUNTS = [
    ("_baseline.ris", 100),
    ("embase.csv", 6),
    ("embase_newpage.csv", 6),
    ("embase.ris", 6),
    ("generic.csv", 2),
    ("generic_semicolon.csv", 2),
    ("generic_tab.csv", 2),
    ("generic_tab.tab", 2),
    ("generic_tab.tsv", 2),
    ("generic_labels.csv", 6),
    ("pubmed_zotero.ris", 6),
    ("pubmed_endnote.txt", 6),
    ("scopus.ris", 6),
    ("ovid_zotero.ris", 6),
    ("proquest.ris", 6),
    ("web_of_science.txt", 10),
]


# holub008/nbib tests/test_read_file.py: the same counts.
NBIB_COUNTS = [("single.nbib", 1), ("pubmed-balloongui-set.nbib", 75), ("pmc_medlars.txt", 5)]


@pytest.mark.parametrize(
    ("path", "count"),
    [(ASREVIEW / name, n) for name, n in ASREVIEW_COUNTS]
    + [(NBIB / name, n) for name, n in NBIB_COUNTS],
    ids=lambda value: value.name if isinstance(value, Path) else str(value),
)
def test_peer_files_read_every_record(path: Path, count: int) -> None:
    _, records = read_records(path)
    assert len(records) == count
    assert all(r.title for r in records)


def test_asreview_labels_in_ris_notes_are_read() -> None:
    _, records = read_records(ASREVIEW / "baseline_tag-notes_labels.ris")
    # asreview test_asreview_labels_ris: single-line records, then three each of
    # relevant / irrelevant / not seen in every note layout, then no notes.
    assert [r.label_prior for r in records] == [1, 0, None, None] + [1, 0, None] * 9 + [None]


@pytest.mark.parametrize("name", ["baseline_empty_values.ris", "missing_values.csv"])
def test_asreview_missing_values_stay_empty(name: str) -> None:
    _, records = read_records(ASREVIEW / name)
    assert [bool(r.title) for r in records] == [True, False, True, False]
    assert [bool(r.abstract) for r in records] == [False, True, False, True]
    assert [(r.authors, r.keywords, r.doi) for r in (records[0], records[2])] == [([], [], "")] * 2


def test_ris_author_tags_au_and_a1_make_one_list(tmp_path: Path) -> None:
    path = tmp_path / "authors.ris"
    path.write_text(
        "TY  - JOUR\nAU  - author0\nA1  - author1\nA1  - author2\nTI  - A title\nER  -\n"
        "TY  - JOUR\nLB  - 1\nTI  - An LB tag is not a label\nER  -\n",
        encoding="utf-8",
    )
    _, records = read_records(path)
    assert records[0].authors == ["author0", "author1", "author2"]
    assert records[1].label_prior is None


def test_an_unreadable_year_is_warned_about(tmp_path: Path) -> None:
    store = Store(tmp_path / "reviewkit.db")
    result = import_file(store, ASREVIEW / "faulty_year.ris")
    assert result.n_records == 1
    assert any("could not be read (such as '10 15')" in w for w in result.warnings)


@pytest.mark.parametrize("path", sorted(RISPY.glob("*.ris")), ids=lambda p: p.name)
def test_rispy_test_files_read_as_rispy_reads_them(path: Path) -> None:
    if path.name == "example_wos.ris":
        return  # Web of Science tagged text: the next test
    expected = rispy.load(path, encoding="utf-8-sig")
    _, records = read_records(path)
    assert len(records) == len(expected)
    for entry, record in zip(expected, records, strict=True):
        title = entry.get("title") or entry.get("primary_title")
        if title:  # reviewkit also reads translated and short titles when these are absent
            assert record.title == " ".join(title.split())


def test_web_of_science_text_named_ris_is_read() -> None:
    # rispy test_wos_ris: two records, these titles.
    _, records = read_records(RISPY / "example_wos.ris")
    assert [r.title for r in records] == [
        "Interactions stabilizing the structure of the core light-harvesting complex (LHl) "
        "of photosynthetic bacteria and its subunit (B820)",
        "Proximal and distal influences on ligand binding kinetics in microperoxidase and "
        "heme model compounds",
    ]


def test_nbib_medlars_first_record_fields() -> None:
    # holub008/nbib test_read_medlars: title, DOI, year and six authors of record 0.
    _, records = read_records(NBIB / "pmc_medlars.txt")
    first = records[0]
    assert first.title == (
        "A method package for electrophysiological evaluation of reconstructed or "
        "regenerated facial nerves in rodents."
    )
    assert (first.doi, first.year, len(first.authors)) == ("10.1016/j.mex.2018.03.007", 2018, 6)


BIOPYTHON = PEERS / "biopython"


def test_biopython_medline_files_read_as_its_tests_say() -> None:
    # Biopython Tests/test_Medline.py: test_read (one record) and test_parse (four).
    _, (single,) = read_records(BIOPYTHON / "pubmed_result1.txt")
    assert (single.title, single.authors, single.source_key) == (
        "The Bio* toolkits--a brief overview.",
        ["Mangalam, Harry"],
        "12230038",
    )
    assert single.abstract.startswith("Bioinformatics research is often difficult to do with")
    _, records = read_records(BIOPYTHON / "pubmed_result2.txt")
    assert [r.source_key for r in records] == ["16403221", "16377612", "14871861", "14630660"]
    assert [r.authors for r in records[:2]] == [
        ["Casbon, James A", "Crooks, Gavin E", "Saqi, Mansoor A S"],
        ["Pritchard, Leighton", "White, Jennifer A", "Birch, Paul R J", "Toth, Ian K"],
    ]
    assert records[1].title == (
        "GenomeDiagram: a python package for the visualization of large-scale genomic data."
    )
    assert [r.doi for r in records] == [
        "10.1186/1471-2105-7-10",
        "10.1093/bioinformatics/btk021",
        "10.1093/bioinformatics/bth078",
        "",
    ]
    assert [r.year for r in records] == [2006, 2006, 2004, 2003]
