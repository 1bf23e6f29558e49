"""Metadata from page text and print sizes, and the quality scoring helpers."""

from __future__ import annotations

from reviewkit.ingest.metadata import (
    Para,
    extract_metadata,
    find_abstract,
    find_authors,
    find_doi,
    find_references,
    find_title,
    find_year,
    split_labelled,
)
from reviewkit.ingest.quality import (
    hyphen_fragments,
    items_apart,
    paragraphs_intact,
    parse_markdown_source,
    running_leaks,
    score_document,
    sentences,
    words,
)

BODY = "Some body text that is long enough to set the body size of the document. " * 5


def _page_one() -> list[Para]:
    return [
        Para("Journal of Things – Volume 8, 2008", 9),
        Para("The Real Title of the Paper", 17),
        Para("Jane Smith, Professor, University of Somewhere", 9, lines=("Jane Smith, Prof",)),
        Para("Ann Lee and Bo Chen, Centre for Care", 9),
        Para("Abstract", 12, bold=True),
        Para("Background: what we did. Results: what we found.", 9),
        Para("Keywords", 10, bold=True),
        Para("care, integration", 9),
        Para("Introduction", 12, bold=True),
        Para(BODY, 10),
    ]


def test_title_is_the_largest_print_near_the_top() -> None:
    assert find_title(_page_one(), 10) == 1


def test_title_in_body_font_is_the_short_first_paragraph() -> None:
    paras = [Para("A Title Without Big Print", 10), Para(BODY, 10)]
    assert find_title(paras, 10) == 0
    assert find_title([Para("A sentence that ends.", 10)], 10) is None


def test_authors_skip_affiliations() -> None:
    paras = [
        Para("Jon Glasby, Professor of Health", 9),
        Para("Services Management Centre, University of Birmingham", 9),
        Para("Correspondence to: Jon Glasby", 9),
    ]
    assert find_authors(paras) == ["Jon Glasby"]


def test_extract_metadata_reads_the_front_matter() -> None:
    page_one = _page_one()
    meta = extract_metadata([page_one[1:]], page_one, "Journal of Things – Volume 8, 2008 1")
    assert meta.title == "The Real Title of the Paper"
    assert meta.authors == ["Jane Smith", "Ann Lee", "Bo Chen"]
    assert meta.year == 2008
    assert meta.abstract == "Background: what we did. Results: what we found."
    assert [s.heading for s in meta.sections] == ["Abstract", "Keywords", "Introduction"]


def test_doi_without_trailing_punctuation() -> None:
    assert find_doi("see doi:10.5555/ijic.1234. Next") == "10.5555/ijic.1234"
    assert find_doi("no identifier") is None


def test_references_split_by_labels() -> None:
    pages = [
        [Para(BODY, 10), Para("References", 12, bold=True)],
        [
            Para("1. Smith J. A study. J Care 2008;14(5):373–444.", 8, page=2),
            Para("2. Lee A. Another. Bristol: Press; 2008. 3. Chen B. Third one.", 8, page=2),
            Para("continued on next page.", 8, page=3),
        ],
    ]
    refs = find_references(pages)
    assert [(r.label, r.page) for r in refs] == [("1", 2), ("2", 2), ("3", 2)]
    assert refs[2].text == "Chen B. Third one. continued on next page."


def test_split_labelled_only_on_the_next_number() -> None:
    assert split_labelled("[1] A, 2008. 5. Not a label. [2] B.") == [
        ("A, 2008. 5. Not a label.", "1"),
        ("B.", "2"),
    ]
    assert split_labelled("Smith J (2008) Unnumbered.") == [("Smith J (2008) Unnumbered.", None)]


def test_split_labelled_reads_a_malformed_label_as_text() -> None:
    # "2]" looks like the next label but is not one; it used to fail an assert.
    assert split_labelled("1. Alpha A. Title one. 2] Beta B. Title two. 2. Gamma") == [
        ("Alpha A. Title one. 2] Beta B. Title two.", "1"),
        ("Gamma", "2"),
    ]


def test_quality_words_and_sentences() -> None:
    assert words("Co-ordination, and the—end") == {"co-ordination": 1, "and": 1, "the": 1, "end": 1}
    assert sentences("One two three four. Short one.\n\nFive six seven eight!") == [
        "One two three four.",
        "Five six seven eight!",
    ]


def test_quality_leftovers() -> None:
    assert hyphen_fragments("the integra- tion of co-ordination") == ["integra- tion"]
    body = "Insight text\n\nIRISS Insights\n\nmore with Page 3 of 7 inside"
    assert running_leaks(body, ["IRISS Insights", "Insight", "Page 3 of 7"]) == [
        "IRISS Insights",
        "Page 3 of 7",
    ]


def test_score_document_counts_pages() -> None:
    truth = {"pages": [{"text": "alpha beta gamma delta.", "header": "H", "footer": "1"}]}
    score = score_document(["alpha beta gamma delta.", "extra page"], truth)
    assert score.recall == 1.0
    assert score.precision == 4 / 6
    assert score.sentences_intact == 1.0


def test_authors_listed_on_one_line() -> None:
    paras = [Para("Ann Lee, Bo Chen and Jo Marsh", 10), Para("Jane Smith, Senior Lecturer", 9)]
    assert find_authors(paras) == ["Ann Lee", "Bo Chen", "Jo Marsh", "Jane Smith"]


def test_title_set_as_several_paragraphs_is_joined() -> None:
    page_one = [
        Para("A Title in Large Print", 17, True, y=760),
        Para("over Two Lines", 17, True, y=735),
        Para("Ann Lee, Bo Chen", 10.5, y=710),
        Para(BODY, 10, y=680),
    ]
    meta = extract_metadata([page_one], page_one)
    assert meta.title == "A Title in Large Print over Two Lines"
    assert meta.authors == ["Ann Lee", "Bo Chen"]
    assert "Ann Lee, Bo Chen" not in [s.heading for s in meta.sections]


def test_year_from_edges_dated_lines_doi_or_none() -> None:
    assert find_year("Journal 8, 2008", ["Received 2001"]) == 2008
    assert find_year("", ["Received: 3 May 2018; Accepted: 9 Jan 2019"]) == 2019
    assert find_year("", ["© 2020 The Authors"]) == 2020
    assert find_year("", ["Cite this article as: Lee A. A title. J Care. 2017;3:1-9."]) == 2017
    assert find_year("", ["people who received care in 2012"]) is None
    assert find_year("", [], "10.1111/j.1365-2524.2008.00790.x") == 2008
    assert find_year("", [], "10.1186/1472-6963-8-1") is None


def test_abstract_under_summary_with_a_box_title_and_keywords_end() -> None:
    paras = [
        Para("Summary", 9.5, bold=True),
        Para("Key points", 9.5, bold=True),
        Para("Four sites were studied.", 9.5),
        Para("Keywords: care; partnership; governance; pooled budgets; leadership", 8.5),
    ]
    assert find_abstract(paras) == "Four sites were studied."


def test_markdown_source_truth() -> None:
    source = parse_markdown_source(
        "---\ntitle: T\nauthors: A B\njournal: J\nvolume: 1\nrunning_title: R\n"
        "layout: report\nkeywords: k1; k2\ndoi: 10.5555/x\n---\n# Summary\n\n> Key points\n"
        "> One point.\n\nText **bold** here.\n\n## Terms\n\n- **Term**: its meaning\n"
        "  goes on.\n\n| a | b |\n"
    )
    assert source.paragraphs == [
        "T",
        "A B",
        "doi 10.5555/x",
        "Summary",
        "Key points",
        "One point.",
        "Text bold here.",
        "Keywords: k1; k2",
        "Terms",
        "Term: its meaning goes on.",
        "a b",
    ]
    assert source.items == ["One point.", "Term: its meaning goes on."]
    assert source.running == ["J 1", "R"]
    texts = ["T\n\nA B\n\nSummary Key points One point.", "Term: its meaning goes on."]
    assert items_apart(texts, source.items) == ["One point."]
    assert 0 < paragraphs_intact(texts, source.paragraphs) < 1


def test_authors_with_affiliation_marks_initials_and_accents() -> None:
    paras = [
        Para("Indraneel Datta1, Chad G Ball1*, Lucas Rudmik1, S Morad Hameed2", 10),
        Para("Xiaolu Huang,1,2 Xinhua Qu,1,2 Ross G. DOUGLAS∗1 , and Lars-Göran Nilsson4", 10),
        Para("§Lead Molecular Design, Sant Cugat del Vallès, Barcelona, Spain", 9),
    ]
    assert find_authors(paras) == [
        "Indraneel Datta",
        "Chad G Ball",
        "Lucas Rudmik",
        "S Morad Hameed",
        "Xiaolu Huang",
        "Xinhua Qu",
        "Ross G. DOUGLAS",
        "Lars-Göran Nilsson",
    ]


def test_an_article_type_label_is_not_the_title() -> None:
    paras = [
        Para("Research Article", 14),
        Para("Patient Experiences of Structured Heart Failure Programmes", 13),
        Para("Nuala E. Tully and Hannah M. McGee", 10),
    ]
    assert find_title(paras, 10) == 1


def test_a_structured_abstract_without_a_heading_is_found() -> None:
    paras = [
        Para("Copyright © 2010 N. Tully et al. This is an open access article.", 8),
        Para("Objectives. Patient experiences were examined. Methods. Focus groups.", 9),
        Para("Keywords: heart failure", 9),
    ]
    assert find_abstract(paras) == (
        "Objectives. Patient experiences were examined. Methods. Focus groups."
    )


def test_the_latest_date_line_gives_the_year_when_dates_run_together() -> None:
    assert find_year("", ["Received 13 November 2003 Accepted 15 July 2004 ....."]) == 2004
