"""Search quality on paraphrased questions: hit@5 and MRR@10 per mode.

Each line of ``search_questions.jsonl`` is a question that avoids the words of
the passage it is about, with the document, page(s) and an anchor phrase of
that passage. A result is relevant when it comes from that document and page
and contains the anchor (whitespace folded).

    .venv/bin/python benchmarks/search_quality.py [--source auto|pdf|truth] [--sweep]

``--sweep`` also compares fusion settings (RRF constant and weights, and
min-max score fusion) on odd-numbered questions and reports them on the
even-numbered ones, so the chosen setting is checked on questions it was not
chosen on.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from reviewkit.document import Document, Page  # noqa: E402
from reviewkit.embed import embed_texts  # noqa: E402
from reviewkit.search import query as q  # noqa: E402
from reviewkit.search.index import index_documents  # noqa: E402
from reviewkit.store import Store  # noqa: E402
from reviewkit.store import passages as sp  # noqa: E402
from reviewkit.store.documents import save_document  # noqa: E402

CORPUS = HERE.parent.parent / "shared" / "corpus"
DOCUMENTS = ("001_iriss_insight_report", "003_greater_than_sum_2col")


def load_documents(source: str) -> tuple[list[Document], str]:
    """The corpus documents, read from the PDFs when the reader exists, else from truth."""
    if source in ("auto", "pdf"):
        try:
            from reviewkit.ingest.pdf import read_pdf  # type: ignore[import-not-found]
        except ImportError:
            if source == "pdf":
                raise
        else:
            return [read_pdf(CORPUS / f"{name}.pdf") for name in DOCUMENTS], "pdf"
    docs = []
    for name in DOCUMENTS:
        truth = json.loads((CORPUS / "truth" / f"{name}.json").read_text(encoding="utf-8"))
        pages = [Page(i + 1, p["text"]) for i, p in enumerate(truth["pages"])]
        sha = hashlib.sha256(truth["full_text"].encode()).hexdigest()
        docs.append(Document(sha256=sha, path=f"{name}.pdf", kind="pdf", pages=pages, title=name))
    return docs, "truth"


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def rel_of(store: Store, question: dict, doc_of: dict[str, str]):
    """Is passage `pid` relevant to `question`?"""

    def relevant(pid: int) -> bool:
        row = sp.passages_by_id(store, [pid])[pid]
        return (
            doc_of.get(row["doc_sha256"]) == question["document"]
            and row["page"] in question["pages"]
            and fold(question["anchor"]) in fold(row["text"])
        )

    return relevant


def scores(ranks: list[int | None]) -> tuple[float, float]:
    """hit@5 and MRR@10 from the 1-based rank of the first relevant result."""
    n = len(ranks)
    hit5 = sum(1 for r in ranks if r is not None and r <= 5) / n
    mrr = sum(1 / r for r in ranks if r is not None and r <= 10) / n
    return hit5, mrr


def first_relevant(ranking, rel) -> int | None:
    for rank, (pid, _) in enumerate(ranking[:10], 1):
        if rel(pid):
            return rank
    return None


def minmax_fuse(rankings, weights):
    out: dict[int, float] = {}
    for ranking, w in zip(rankings, weights, strict=True):
        if not ranking:
            continue
        vals = [s for _, s in ranking]
        lo, hi = min(vals), max(vals)
        for pid, s in ranking:
            out[pid] = out.get(pid, 0.0) + w * ((s - lo) / (hi - lo) if hi > lo else 1.0)
    return sorted(out.items(), key=lambda kv: -kv[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", default="auto", choices=["auto", "pdf", "truth"])
    parser.add_argument("--sweep", action="store_true")
    args = parser.parse_args()

    questions = [
        json.loads(line)
        for line in (HERE / "search_questions.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    docs, source = load_documents(args.source)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "reviewkit.db")
        for doc in docs:
            save_document(store, doc)
        doc_of = {d.sha256: name for d, name in zip(docs, DOCUMENTS, strict=True)}
        t0 = time.perf_counter()
        report = index_documents(store)
        print(
            f"source: {source}; {len(docs)} documents, {report.passages} passages, "
            f"indexed in {time.perf_counter() - t0:.1f} s; {len(questions)} questions"
        )
        kw = [sp.keyword_ranking(store, q.keyword_query(x["question"]), q.DEPTH) for x in questions]
        qvecs = embed_texts([x["question"] for x in questions])
        index = q.vector_cache.get(store)

        def semantic(passage_weight: float) -> list:
            return [index.rank(v, q.DEPTH, passage_weight=passage_weight) for v in qvecs]

        def evaluate(fused, idx):
            return scores(
                [first_relevant(fused[i], rel_of(store, questions[i], doc_of)) for i in idx]
            )

        everyone = range(len(questions))
        sem = semantic(q.PASSAGE_WEIGHT)
        hybrid = [
            q.fuse([a, b], weights=(q.KEYWORD_WEIGHT, q.SEMANTIC_WEIGHT))
            for a, b in zip(kw, sem, strict=True)
        ]
        print(f"\n{'mode':<10}{'hit@5':>8}{'MRR@10':>8}")
        for name, fused in (("keyword", kw), ("semantic", sem), ("hybrid", hybrid)):
            h, m = evaluate(fused, everyone)
            print(f"{name:<10}{h:>8.3f}{m:>8.3f}")
        # The library's search() must agree with the hybrid ranking scored here.
        for question, fused in zip(questions[:5], hybrid, strict=False):
            got = q.search(store, question["question"], mode="hybrid", k=10)
            assert [(h.char_start, h.page) for h in got] == [
                (r["char_start"], r["page"])
                for r in (sp.passages_by_id(store, [pid])[pid] for pid, _ in fused[:10])
            ]

        if args.sweep:
            tune = [i for i in everyone if questions[i]["id"] % 2 == 1]
            test = [i for i in everyone if questions[i]["id"] % 2 == 0]
            print("\nfusion sweep (chosen on odd questions, reported on even ones)")
            print(f"{'setting':<40}{'odd h@5':>8}{'odd MRR':>8}{'even h@5':>9}{'even MRR':>9}")
            settings = []
            for pw in (1.0, 0.5, 0.3):
                sem_pw = semantic(pw)
                settings.append((f"semantic only, passage_w={pw}", sem_pw))
                for rrf_k in (10, 30, 60):
                    for wk in (0.5, 0.75, 1.0):
                        fused = [
                            q.fuse([a, b], weights=(wk, 1.0), rrf_k=rrf_k)
                            for a, b in zip(kw, sem_pw, strict=True)
                        ]
                        settings.append((f"rrf k={rrf_k} w_kw={wk} passage_w={pw}", fused))
                for wk in (0.3, 0.5):
                    fused = [
                        minmax_fuse([a, b], (wk, 1.0)) for a, b in zip(kw, sem_pw, strict=True)
                    ]
                    settings.append((f"minmax w_kw={wk} passage_w={pw}", fused))
            best = None
            for name, fused in settings:
                h1, m1 = evaluate(fused, tune)
                h2, m2 = evaluate(fused, test)
                print(f"{name:<40}{h1:>8.3f}{m1:>8.3f}{h2:>9.3f}{m2:>9.3f}")
                if best is None or (h1, m1) > best[1]:
                    best = (name, (h1, m1), (h2, m2))
            assert best is not None
            print(
                f"best on odd: {best[0]}; on even: hit@5 {best[2][0]:.3f}, MRR@10 {best[2][1]:.3f}"
            )
        store.close()


if __name__ == "__main__":
    main()
