"""The demo corpus (corpora/demo): PDFs match their sources, records and answers agree.

Fast checks (a few seconds): the committed PDFs contain every word of their
source text, carry a running header and footer on every page and are small;
re-typesetting gives the same bytes when the same fpdf2 is installed; the RIS
and MEDLINE files parse into the stated numbers of records with the stated
duplicates; expected.json and the gold files are well formed and every anchor
and continuum stage occurs in its paper.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from reviewkit.extract.design import DESIGN_LABELS
from reviewkit.extract.outcomes import OUTCOME_LABELS as OUTCOME_REPORTING_LABELS

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "corpora" / "demo"
sys.path.insert(0, str(DEMO))

import make_pdfs  # noqa: E402  (corpora/demo/make_pdfs.py; imports fpdf2 only to typeset)

EXPECTED = json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))
PAPERS = sorted((DEMO / "papers").glob("*.md"))
GOLD_FILES = sorted((DEMO / "gold").glob("*.json"))

# The CODEBOOK's labels, as the extractors declare them.
STUDY_DESIGNS = set(DESIGN_LABELS)
OUTCOME_LABELS = set(OUTCOME_REPORTING_LABELS)


def fold(text: str) -> str:
    """Case, whitespace, hyphens and quote marks folded, as the gold README compares."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[-\u2010-\u2015]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def words(text: str) -> Counter:
    return Counter(re.findall(r"[a-z0-9]+", text.lower()))


def pdf_text(path: Path) -> list[str]:
    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


# ---------------------------------------------------------------------------
# papers and PDFs
# ---------------------------------------------------------------------------


def test_ten_papers_each_with_pdf_and_gold():
    assert len(PAPERS) == 10
    for src in PAPERS:
        assert (DEMO / "pdfs" / f"{src.stem}.pdf").is_file(), src.stem
        assert (DEMO / "gold" / f"{src.stem}.json").is_file(), src.stem
    assert len(GOLD_FILES) == 10


@pytest.mark.parametrize("src", PAPERS, ids=lambda p: p.stem)
def test_pdf_holds_every_word_of_its_source(src: Path):
    paper = make_pdfs.parse_paper(src)
    pdf = DEMO / "pdfs" / f"{src.stem}.pdf"
    pages = pdf_text(pdf)
    assert 2 <= len(pages) <= 4, f"{pdf.name}: {len(pages)} pages"
    assert pdf.stat().st_size < 60_000
    got = words("\n".join(pages))
    missing = [w for w, n in words(make_pdfs.source_text(paper)).items() if got[w] < n]
    assert not missing, f"{pdf.name} lacks source words: {missing[:20]}"
    for i, text in enumerate(pages, start=1):
        # running header (journal and volume) and footer (licence and page number)
        assert fold(paper.meta["journal"]) in fold(text), f"{pdf.name} p{i}: no header"
        assert f"Page {i}" in text, f"{pdf.name} p{i}: no footer"
        assert fold(paper.meta["licence"][:40]) in fold(text)
        assert not re.search(r"[\ufb00-\ufb06]", text), "ligature glyphs in extracted text"


def test_layouts_mix_single_and_two_column():
    layouts = Counter(make_pdfs.parse_paper(p).layout for p in PAPERS)
    assert layouts["journal"] >= 3
    assert layouts["article"] + layouts["report"] >= 5


def test_retypesetting_gives_identical_bytes(tmp_path: Path):
    if importlib.util.find_spec("fpdf") is None:
        pytest.skip("fpdf2 is not installed (pip install fpdf2): cannot re-typeset the PDFs")
    import fpdf
    import pypdf

    producer = pypdf.PdfReader(DEMO / "pdfs" / f"{PAPERS[0].stem}.pdf").metadata.get("/Producer")
    if producer and fpdf.__version__ not in str(producer):
        pytest.skip(
            f"committed PDFs were made by {producer}, installed fpdf2 is "
            f"{fpdf.__version__}: byte comparison is only meaningful for the same version"
        )
    assert make_pdfs.main(["--out", str(tmp_path)]) == 0
    for src in PAPERS:
        name = f"{src.stem}.pdf"
        assert (tmp_path / name).read_bytes() == (DEMO / "pdfs" / name).read_bytes(), (
            f"{name} differs from its source: run python corpora/demo/make_pdfs.py"
        )


# ---------------------------------------------------------------------------
# gold files and expected.json
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_is_well_formed(gold_path: Path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert set(gold) == {
        "file",
        "document_type",
        "study_design",
        "outcome_reporting",
        "definitions",
        "continua",
    }
    assert gold["file"] == f"{gold_path.stem}.pdf"
    assert (DEMO / "pdfs" / gold["file"]).is_file()
    assert gold["study_design"] and set(gold["study_design"]) <= STUDY_DESIGNS
    assert gold["outcome_reporting"] and set(gold["outcome_reporting"]) <= OUTCOME_LABELS
    paper = make_pdfs.parse_paper(DEMO / "papers" / f"{gold_path.stem}.md")
    text = fold(make_pdfs.source_text(paper))
    for d in gold["definitions"]:
        assert set(d) == {"term", "anchor", "attributed_to", "core"}
        assert isinstance(d["core"], bool) and d["term"] and d["anchor"]
        assert fold(d["anchor"]) in text, f"anchor not in source: {d['anchor']!r}"
        if d["attributed_to"]:
            assert fold(d["attributed_to"]) in text, d["attributed_to"]
    for c in gold["continua"]:
        assert set(c) == {"stages", "attributed_to", "core"}
        assert len(c["stages"]) >= 2
        positions = [text.find(fold(s)) for s in c["stages"]]
        assert -1 not in positions, f"stage missing: {c['stages']}"


def test_expected_papers_agree_with_gold_and_sources():
    papers = {p["file"]: p for p in EXPECTED["papers"]}
    assert len(papers) == 10
    for src in PAPERS:
        meta = make_pdfs.parse_paper(src).meta
        entry = papers[f"{src.stem}.pdf"]
        gold = json.loads((DEMO / "gold" / f"{src.stem}.json").read_text(encoding="utf-8"))
        assert (entry["title"], entry["doi"], entry["year"]) == (
            meta["title"],
            meta["doi"],
            int(meta["year"]),
        )
        assert entry["doi"].startswith("10.5555/demo.")
        assert 2005 <= entry["year"] <= 2024
        for key in ("study_design", "outcome_reporting", "definitions", "continua"):
            assert entry[key] == gold[key], (src.stem, key)


def test_corpus_covers_the_codebook():
    designs = {p["study_design"][0] for p in EXPECTED["papers"]}
    assert {
        "rct",
        "cohort",
        "qualitative",
        "case-study",
        "systematic-review",
        "narrative-review",
        "non-randomised-controlled",
        "protocol",
        "conceptual",
        "editorial",
    } <= designs
    outcomes = Counter(p["outcome_reporting"][0] for p in EXPECTED["papers"])
    assert outcomes["outcomes"] >= 3 and outcomes["process-only"] >= 2 and outcomes["none"] >= 3
    integration = [
        d
        for p in EXPECTED["papers"]
        for d in p["definitions"]
        if d["term"] == "integration" and d["core"]
    ]
    assert len({fold(d["anchor"]) for d in integration}) >= 5  # competing meanings
    core_continua = [c for p in EXPECTED["papers"] for c in p["continua"] if c["core"]]
    assert len(core_continua) >= 4


# ---------------------------------------------------------------------------
# search results
# ---------------------------------------------------------------------------


def read_ris() -> list[dict]:
    import rispy

    with open(DEMO / "search_results.ris", encoding="utf-8") as handle:
        return rispy.load(handle)


def read_nbib() -> list[dict]:
    """A minimal MEDLINE reader: tag -> list of values, continuation lines joined."""
    records, current, tag = [], {}, None
    for line in (DEMO / "search_results_pubmed.nbib").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                records.append(current)
            current, tag = {}, None
        elif line.startswith("      ") and tag:
            current[tag][-1] += " " + line.strip()
        else:
            tag = line[:4].strip()
            current.setdefault(tag, []).append(line[6:].strip())
    if current:
        records.append(current)
    return records


def test_record_counts_per_file_and_database():
    ris, nbib = read_ris(), read_nbib()
    rec = EXPECTED["records"]
    assert len(ris) == rec["files"]["search_results.ris"]
    assert len(nbib) == rec["files"]["search_results_pubmed.nbib"]
    assert 300 <= len(ris) <= 400 and 30 <= len(nbib) <= 50
    per_db = Counter(r["name_of_database"] for r in ris)
    per_db["PubMed"] += len(nbib)
    assert dict(per_db) == rec["per_database"]
    assert all(r.get("title") and r.get("authors") and r.get("year") for r in ris)
    assert rec["total_records"] == len(ris) + len(nbib)
    assert rec["unique_records"] == rec["total_records"] - rec["duplicates_total"]
    assert 6 <= rec["duplicates_within_ris"] <= 10
    assert 25 <= rec["relevant_unique"] <= 35


def test_demo_papers_are_relevant_records_with_their_pdf_titles():
    ris = read_ris()
    by_doi = {r.get("doi"): r for r in ris if r.get("doi")}
    relevant = {r["doi"]: r for r in EXPECTED["records"]["relevant"]}
    for paper in EXPECTED["papers"]:
        assert paper["doi"] in relevant
        assert by_doi[paper["doi"]]["title"] == paper["title"]
        assert relevant[paper["doi"]]["demo_paper"] == paper["file"]


def _record_keys(ris: list[dict], nbib: list[dict]):
    from make_records import NBIB_FILE, RIS_FILE

    out = []
    for r in ris:
        out.append(
            (
                (RIS_FILE.name, r["id"]),
                r.get("doi", ""),
                r["title"],
                int(r["year"]),
                r.get("authors", []),
                r.get("abstract", ""),
            )
        )
    for r in nbib:
        doi = next((v[:-6] for v in r.get("LID", []) if v.endswith(" [doi]")), "")
        out.append(
            (
                (NBIB_FILE.name, r["PMID"][0]),
                doi,
                r["TI"][0],
                int(r["DP"][0]),
                r.get("FAU", []),
                " ".join(r.get("AB", [])),
            )
        )
    return out


def _expected_pairs() -> set[tuple[str, str]]:
    return {(d["id"], d["duplicate_of"]) for d in EXPECTED["records"]["duplicates"]}


def test_duplicates_are_exactly_the_stated_ones():
    """A plain check: normalised DOI, or normalised title + year + first-author surname."""

    def norm(s: str) -> str:
        return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()

    def ndoi(doi: str) -> str:
        return re.sub(r"^https?://(dx\.)?doi\.org/", "", doi.strip().lower())

    kept_doi: dict[str, str] = {}
    kept_title: dict[tuple, str] = {}
    found = set()
    for (_, rid), doi, title, year, authors, _ in _record_keys(read_ris(), read_nbib()):
        first = norm(authors[0].split(",")[0]) if authors else ""
        tkey = (norm(title), year, first)
        match = kept_doi.get(ndoi(doi)) if doi else None
        match = match or kept_title.get(tkey)
        if match:
            found.add((rid, match))
            continue
        if doi:
            kept_doi[ndoi(doi)] = rid
        kept_title[tkey] = rid
    assert found == _expected_pairs()
    rec = EXPECTED["records"]
    assert len(found) == rec["duplicates_total"]
    assert (
        rec["duplicates_total"] == rec["duplicates_within_ris"] + rec["duplicates_across_sources"]
    )


def test_reviewkit_dedup_finds_the_stated_duplicates_and_no_others():
    from reviewkit.screen import dedup
    from reviewkit.vocabulary import Record

    index = dedup.DuplicateIndex()
    found = set()
    ids: dict[int, str] = {}
    for n, ((_, rid), doi, title, year, authors, abstract) in enumerate(
        _record_keys(read_ris(), read_nbib())
    ):
        record = Record(
            title=title,
            abstract=abstract,
            authors=list(authors),
            year=year,
            doi=dedup.normalise_doi(doi),
        )
        hit = index.find(record)
        if hit:
            found.add((rid, ids[hit[0]]))
            continue
        ids[n] = rid
        index.add(n, record)
    assert found == _expected_pairs()


def test_relevant_records_look_relevant():
    """Relevant titles and abstracts speak of health and social care; others mostly do not."""
    ris = read_ris()
    relevant_ids = {i for r in EXPECTED["records"]["relevant"] for i in r["record_ids"]}
    phrase = re.compile(r"health and social care|social services|social care", re.I)
    rel = [r for r in ris if r["id"] in relevant_ids]
    irr = [r for r in ris if r["id"] not in relevant_ids]
    assert sum(
        bool(phrase.search(r["title"] + " " + r.get("abstract", ""))) for r in rel
    ) >= 0.8 * len(rel)
    assert sum(
        bool(phrase.search(r["title"] + " " + r.get("abstract", ""))) for r in irr
    ) <= 0.3 * len(irr)


def test_records_regenerate_identically(tmp_path: Path):
    import make_records

    assert make_records.main(["--out", str(tmp_path)]) == 0
    for name in ("search_results.ris", "search_results_pubmed.nbib", "expected.json"):
        assert (tmp_path / name).read_bytes() == (DEMO / name).read_bytes(), (
            f"{name} is stale: run python corpora/demo/make_records.py"
        )
