"""`reviewkit demo`: the whole pipeline on the bundled corpus, as a reviewer would run it.

Screening decisions are simulated from the corpus's known answers
(``corpora/demo/expected.json``); everything else is the real library:
import with de-duplication, prioritised screening with the stopping rule,
dual screening of a sample with a conflict resolved, ingest, extraction,
search, the quagmire map and every export.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewkit.config import Config
from reviewkit.errors import ReviewkitError
from reviewkit.normalise import normalise_doi, normalise_text
from reviewkit.store import Store, init_project, open_project

MARKER = ".reviewkit-demo"
STAGE_TA = "title-abstract"
STAGE_FT = "full-text"
FIRST, SECOND = "alex", "sam"
EXAMPLE_QUERIES = (
    "how do staff from different agencies come to trust each other",
    "does joining up services keep older people out of hospital",
    "levels at which integration can happen",
)
#: designs an author of this review would exclude at full text, with the reason
FULL_TEXT_EXCLUDE = {
    "protocol": "wrong publication type",
    "editorial": "wrong publication type",
}

Say = Callable[[str], None]


@dataclass
class DemoResult:
    """Where the demo put things, and what it measured on the way."""

    out: Path
    files: dict[str, Path] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)


def corpus_dir() -> Path:
    """corpora/demo of the checkout this package is installed from."""
    folder = Path(__file__).resolve().parents[1] / "corpora" / "demo"
    if not (folder / "expected.json").is_file():
        raise ReviewkitError(
            f"{folder}: demo corpus not found; run `reviewkit demo` from a source checkout "
            "installed with `pip install -e .`"
        )
    return folder


def prepare_out(out: Path) -> None:
    """Start from an empty demo folder; never touch a folder the demo did not make."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).exists():
            raise ReviewkitError(
                f"{out}: exists and was not made by `reviewkit demo`; pass --out NEW_FOLDER"
            )
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("made by `reviewkit demo`; safe to delete\n")


class Answers:
    """The corpus's known answers: which records are relevant, what each paper is."""

    def __init__(self, corpus: Path) -> None:
        expected = json.loads((corpus / "expected.json").read_text(encoding="utf-8"))
        relevant = expected["records"]["relevant"]
        self.dois = {normalise_doi(r["doi"]) for r in relevant if r.get("doi")}
        self.titles = {normalise_text(r["title"]) for r in relevant}
        self.papers = {p["doi"]: p for p in expected["papers"]}
        self.expected_records = expected["records"]

    def relevant(self, doi: str | None, title: str | None) -> bool:
        """Whether the demo's answer key marks the record relevant, by DOI or else by title."""
        return (bool(doi) and normalise_doi(doi) in self.dois) or normalise_text(
            title
        ) in self.titles

    def design(self, doi: str | None) -> str | None:
        """The study design the answer key gives the paper with this DOI, or None."""
        paper = self.papers.get(doi or "")
        return paper["study_design"][0] if paper else None


def run_demo(out: Path, *, say: Say = print, progress: Any = None) -> DemoResult:
    """Run every stage into `out` and write the outputs there."""
    corpus = corpus_dir()
    answers = Answers(corpus)
    prepare_out(out)
    result = DemoResult(out)
    start = time.perf_counter()
    init_project(out)
    store, config = open_project(out)
    try:
        _import(store, config, corpus, say, result)
        _screen_title_abstract(store, config, answers, say, result)
        _ingest(store, corpus, config, say, result, progress)
        _screen_full_text(store, answers, say, result)
        _search(store, say, result)
        _quagmire(store, out, say, result, progress)
        _export(store, out, say, result)
    finally:
        store.close()
    result.facts["seconds"] = round(time.perf_counter() - start, 1)
    return result


def _import(store: Store, config: Config, corpus: Path, say: Say, result: DemoResult) -> None:
    from reviewkit.screen.importing import import_file

    for name, source in (("search_results.ris", ""), ("search_results_pubmed.nbib", "PubMed")):
        imported = import_file(
            store,
            corpus / name,
            source=source,
            title_threshold=config.number("dedup.title_threshold"),
            author_threshold=config.number("dedup.author_threshold"),
        )
        say(
            f"imported {name}: {imported.n_records} records, "
            f"{imported.n_duplicates} duplicates linked to the records kept"
        )
    from reviewkit.store.records import count_duplicates, count_records

    result.facts["records"] = count_records(store)
    result.facts["duplicates"] = count_duplicates(store)


def _screen_title_abstract(
    store: Store, config: Any, answers: Answers, say: Say, result: DemoResult
) -> None:
    """Alex screens in the model's order until the stopping rule says stop; Sam
    screens a sample blind, and their one disagreement is resolved."""
    from reviewkit.screen.engine import exclude_unscreened_by_rule, rule_from_config, stop_verdict
    from reviewkit.screen.prioritise import next_record, rank_and_store
    from reviewkit.store.decisions import record_decision, resolve_conflict
    from reviewkit.store.records import get_record, record_ids

    rule = rule_from_config(config)
    ids = record_ids(store)
    truth: dict[int, bool] = {}
    for rid in ids:
        record = get_record(store, rid)
        truth[rid] = record is not None and answers.relevant(record.doi, record.title)
    screened = 0
    rank_and_store(store, STAGE_TA)
    while (offered := next_record(store, STAGE_TA, FIRST, rule=rule)) is not None:
        label = "include" if truth[offered] else "exclude"
        reason = None if truth[offered] else "wrong intervention"
        record_decision(store, offered, STAGE_TA, FIRST, label, reason=reason)
        screened += 1
        if stop_verdict(store, STAGE_TA, rule).safe_to_stop:
            break
        if screened % 5 == 0:
            rank_and_store(store, STAGE_TA)
    verdict = stop_verdict(store, STAGE_TA, rule)
    found = sum(truth[r] for r in _screened_by(store, FIRST))
    say(
        f"screened {screened} of {len(ids)} titles/abstracts in the model's order: "
        f"{found} of {sum(truth.values())} relevant found; stopping rule: {verdict.describe()}"
    )
    # Records left unscreened when the rule fired are marked by the rule, not by Alex.
    left = [rid for rid in ids if rid not in _screened_by(store, FIRST)]
    if verdict.safe_to_stop and verdict.n_screened < verdict.n_pool:
        exclude_unscreened_by_rule(store, STAGE_TA, rule, model=config.text("screening.model"))
    else:
        left = []
    # Sam screens every 10th of Alex's records blind; one judgement differs.
    sample = sorted(_screened_by(store, FIRST) - set(left))[::10]
    disagree = next((rid for rid in sample if truth[rid]), sample[0] if sample else None)
    for rid in sample:
        relevant = truth[rid] != (rid == disagree)
        record_decision(
            store,
            rid,
            STAGE_TA,
            SECOND,
            "include" if relevant else "exclude",
            reason=None if relevant else "wrong population",
        )
    if disagree is not None:
        resolve_conflict(
            store,
            disagree,
            STAGE_TA,
            "include" if truth[disagree] else "exclude",
            FIRST,
            note="resolved in discussion",
        )
    from reviewkit.screen.kappa import kappa

    k = kappa(store, STAGE_TA)
    result.facts.update(
        ta_screened=screened, ta_relevant_found=found, stop=verdict.to_json(), kappa=k
    )
    say(
        f"second reviewer screened {len(sample)} records blind; 1 conflict resolved; "
        f"Cohen's kappa {k:.2f}"
        if k is not None
        else "second reviewer: no overlap"
    )


def _screened_by(store: Store, reviewer: str) -> set[int]:
    from reviewkit.store.decisions import current_decisions

    return {d.record_id for d in current_decisions(store, STAGE_TA, reviewer)}


def _ingest(
    store: Store, corpus: Path, config: Config, say: Say, result: DemoResult, progress: Any
) -> None:
    from reviewkit.pipeline import ingest_paths

    report = ingest_paths(
        store, config, [corpus / "pdfs"], extract=True, embed=True, progress=progress
    )
    failed = report.summary.failed
    if failed:
        raise ReviewkitError(f"demo corpus failed to ingest: {failed[0].message}")
    n, linked = report.summary.files, report.linked
    say(f"ingested {n} PDFs with proposed extractions; {linked} matched to records")
    say(f"indexed {report.index.passages} passages for search ({report.index.embedded} embedded)")
    result.facts.update(documents=n, linked=linked, passages=report.index.passages)


def _screen_full_text(store: Store, answers: Answers, say: Say, result: DemoResult) -> None:
    from reviewkit.store.decisions import final_labels, record_decision
    from reviewkit.store.documents import current_documents
    from reviewkit.store.records import get_record

    with_text = {r.record_id for r in current_documents(store) if r.record_id}
    included = [rid for rid, label in final_labels(store, STAGE_TA).items() if label == "include"]
    counts = {"include": 0, "exclude": 0}
    reason: str | None
    for rid in sorted(included):
        record = get_record(store, rid)
        if record is None:
            continue
        if rid not in with_text:
            label, reason = "exclude", "full text not available"
        else:
            reason = FULL_TEXT_EXCLUDE.get(answers.design(record.doi) or "")
            label = "exclude" if reason else "include"
        record_decision(store, rid, STAGE_FT, FIRST, label, reason=reason)
        counts[label] += 1
    say(
        f"full texts assessed: {counts['include']} included, {counts['exclude']} excluded "
        "with reasons"
    )
    result.facts["included"] = counts["include"]


def _search(store: Store, say: Say, result: DemoResult) -> None:
    from reviewkit.search.query import search

    result.facts["searches"] = {}
    for query in EXAMPLE_QUERIES:
        hits = search(store, query, mode="hybrid", k=3)
        result.facts["searches"][query] = [h.to_json() for h in hits]
        if hits:
            top = hits[0]
            snippet = " ".join(top.text.split())[:110]
            say(
                f'search "{query}": {top.title or top.doc_sha256[:8]}, p. {top.page}: '
                f'"{snippet}..."'
            )


def _quagmire(store: Store, out: Path, say: Say, result: DemoResult, progress: Any) -> None:
    from reviewkit.synthesise.quagmire.html import render_html
    from reviewkit.synthesise.quagmire.plot import render_png
    from reviewkit.synthesise.quagmire.review import review_map

    qmap = review_map(store, progress=progress).map
    html = out / "quagmire.html"
    html.write_text(render_html(qmap), encoding="utf-8")
    render_png(qmap, out / "quagmire.png")
    result.files.update({"quagmire.html": html, "quagmire.png": out / "quagmire.png"})
    data = qmap.to_json()
    poly = ", ".join(p["term"] for p in data["polysemous_terms"][:4]) or "none"
    syn = "; ".join(" / ".join(g["terms"][:4]) for g in data["synonym_groups"][:3]) or "none"
    say(
        f"quagmire: {data['n_definitions']} definitions in {len(data['clusters'])} meanings; "
        f"one term, several meanings: {poly}; several terms, one meaning: {syn}"
    )
    result.facts["quagmire"] = {
        k: data[k] for k in ("n_definitions", "polysemous_terms", "synonym_groups")
    }


def _export(store: Store, out: Path, say: Say, result: DemoResult) -> None:
    from reviewkit.export.evidence import export_evidence
    from reviewkit.export.prisma import export_prisma

    for fmt in ("csv", "xlsx", "md", "html"):
        path = out / f"evidence.{fmt}"
        export_evidence(store, fmt, path, template="integration")
        result.files[path.name] = path
    prisma, _ = export_prisma(store, out / "prisma.svg", title="reviewkit demo review")
    result.files["prisma.svg"] = prisma
    say(f"exported the evidence table ({result.facts.get('included', 0)} studies) and PRISMA")
