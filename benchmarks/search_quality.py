"""Search quality on paraphrased questions: hit@5 and MRR@10 per mode.

Two question sets, written independently, each line a question that avoids
the words of the passage it is about, with the document, page(s) and an
anchor phrase of that passage:

- ``search_questions.jsonl``: 38 questions over two PDFs of ``../shared/corpus``.
  Odd-numbered ones are the tuning half (settings were chosen on them only);
  even-numbered ones are held out.
- ``search_questions_demo.jsonl``: 39 questions over the ten PDFs of
  ``corpora/demo/pdfs``, written before any setting was changed and never
  tuned on: the check on unseen questions over unseen papers.
- ``search_questions_real_tuning.jsonl`` and ``search_questions_real_heldout.jsonl``
  (issue 12): 87 questions over the 35 real openly licensed articles of
  ``corpora/real/tuning`` and ``corpora/real/held-out`` (all searched as one
  review, so every question competes with every document). Written by reading
  each article's pages before any search was run and before any ranking code
  was changed, one to four per article: what a reviewer would ask whose answer
  is one specific passage, in other words than the passage's (synonyms,
  "slim" for "lose weight", "needles" for "acupuncture", "the Gulf clinics"
  for "Qatar"), with the file, page and a short verbatim anchor of the answer.
  Split once, before any search: the questions sorted by the sha1 hex digest
  of their text, alternately to tuning (first) and held-out. Ranking changes
  are chosen on the tuning half; the held-out half is only reported.
- ``search_questions_offtopic.jsonl``: 22 questions no document here answers
  (bicycles, cakes, football, a nonsense string), split by the same rule into
  halves (``half``); the "no good match" threshold is set on the tuning half
  of them and of the real questions, and reported on the held-out halves.

A result is relevant when it comes from that document and page and overlaps
the anchor (found in the page text with whitespace folded), so passages of
any size are judged alike. Every number comes from the library's own
``search()`` on a review indexed by ``index_documents``.

    .venv/bin/python benchmarks/search_quality.py [--sets real,shared,demo] [--sweep]
    .venv/bin/python benchmarks/search_quality.py --questions FILE

The default run prints hit@5 and MRR@10 per mode for both real halves and the
two older sets, each twice in the same run: ``before`` indexes every passage as
the library did before issue 12 (``index_documents(..., body_only=False)``),
``after`` keeps front matter, keywords lines and reference lists out of the
index (the default). Duplicate documents are shown once in both (a copy is
collapsed at the hits). After the real set it prints how often the "no good
match" signal fires on the real halves and on the off-topic questions.
``--questions FILE`` scores any question file of the real format (its
``file`` fields name the documents, relative to the repository). ``--sweep``
compares fusion and semantic settings on the shared tuning half and reports
each on the held-out half (the demo set is never swept).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from reviewkit.document import Document  # noqa: E402
from reviewkit.search import query as q  # noqa: E402
from reviewkit.search.index import index_documents  # noqa: E402
from reviewkit.store import Store  # noqa: E402
from reviewkit.store import passages as sp  # noqa: E402
from reviewkit.store.documents import save_document  # noqa: E402

SHARED = HERE.parent.parent / "shared" / "corpus"
DEMO = HERE.parent / "corpora" / "demo" / "pdfs"
REAL = HERE.parent / "corpora" / "real"
#: name: (question files with the label of each, the documents of its review).
SETS: dict[str, tuple[list[tuple[str, str]], Callable[[], list[Path]]]] = {
    "real": (
        [
            ("real tuning", "search_questions_real_tuning.jsonl"),
            ("real held-out", "search_questions_real_heldout.jsonl"),
        ],
        lambda: sorted((REAL / "tuning").glob("*.md")) + sorted((REAL / "held-out").glob("*.md")),
    ),
    "shared": (
        [("shared", "search_questions.jsonl")],
        lambda: [
            SHARED / f"{n}.pdf" for n in ("001_iriss_insight_report", "003_greater_than_sum_2col")
        ],
    ),
    "demo": (
        [("demo (untouched)", "search_questions_demo.jsonl")],
        lambda: sorted(DEMO.glob("*.pdf")),
    ),
}
MODES = ("keyword", "semantic", "hybrid")
#: The two configurations measured in one run.
VARIANTS = ("before", "after")
OFFTOPIC = "search_questions_offtopic.jsonl"

Ranking = list[tuple[int, float]]


def load_questions(name: str | Path) -> list[dict[str, Any]]:
    text = (HERE / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def scores(ranks: Sequence[int | None]) -> tuple[float, float]:
    """hit@5 and MRR@10 from the 1-based rank of the first relevant result."""
    n = len(ranks) or 1
    hit5 = sum(1 for r in ranks if r is not None and r <= 5) / n
    mrr = sum(1 / r for r in ranks if r is not None and r <= 10) / n
    return hit5, mrr


def read_any(path: Path) -> Document:
    from reviewkit.ingest.pdf import read_pdf
    from reviewkit.ingest.plain import read_text_file

    return read_pdf(path) if path.suffix.lower() == ".pdf" else read_text_file(path)


class Review:
    """A temporary review of one corpus, indexed, with relevance judgements.

    Args:
        body_only: passed to ``index_documents`` (False: the index before issue 12).
        seed: a review of the same documents whose cached vectors are copied
            first, so the second variant embeds only passages that changed.
    """

    def __init__(
        self, files: list[Path], folder: Path, *, body_only: bool, seed: Review | None = None
    ) -> None:
        self.docs: dict[str, Document] = {p.stem: read_any(p) for p in files}
        self.store = Store(folder / "reviewkit.db")
        for doc in self.docs.values():
            save_document(self.store, doc)
        if seed is not None:
            with self.store.write() as db:
                rows = seed.store.db.execute(
                    "select text_hash, model, dim, vector from embeddings"
                ).fetchall()
                db.conn.executemany(
                    "insert or ignore into embeddings (text_hash, model, dim, vector) "
                    "values (?, ?, ?, ?)",
                    rows,
                )
        self.name_of = {d.sha256: name for name, d in self.docs.items()}
        t0 = time.perf_counter()
        report = index_documents(self.store, body_only=body_only)
        self.seconds = time.perf_counter() - t0
        self.passages = report.passages
        rows = self.store.db.execute(
            "select id, doc_sha256, page, char_start, char_end from passages"
        )
        self.spans = {r[0]: (self.name_of.get(r[1]), r[2], r[3], r[4]) for r in rows}

    def judge(self, question: dict[str, Any]) -> set[int]:
        """Ids of the passages relevant to `question`."""
        doc = self.docs[question["document"]]
        pattern = re.compile(r"\s+".join(map(re.escape, question["anchor"].split())), re.I)
        anchors = [
            (page.number, m.start(), m.end())
            for page in doc.pages
            if page.number in question["pages"]
            for m in pattern.finditer(page.text)
        ]
        if not anchors:
            raise SystemExit(f"question {question['id']}: anchor not found on its pages")
        return {
            pid
            for pid, (name, page, a, b) in self.spans.items()
            if name == question["document"]
            and any(p == page and s < b and e > a for p, s, e in anchors)
        }


def first_relevant(ranking: Sequence[tuple[int, float]], relevant: set[int]) -> int | None:
    for rank, (pid, _) in enumerate(ranking[:10], 1):
        if pid in relevant:
            return rank
    return None


def search_ids(store: Store, question: str, mode: str) -> Ranking:
    """The library's top 10 as (passage id, score)."""
    ids = {
        (r[1], r[2], r[3]): r[0]
        for r in store.db.execute("select id, doc_sha256, page, char_start from passages")
    }
    return [
        (ids[(h.doc_sha256, h.page, h.char_start)], h.score)
        for h in q.search(store, question, mode=mode, k=10)
    ]


Row = tuple[str, str, str, int, float, float]


def score_set(
    rows: list[Row],
    variant: str,
    review: Review,
    question_sets: list[tuple[str, list[dict[str, Any]]]],
    sweep: bool,
) -> None:
    """Append (label, variant, mode, n, hit@5, MRR@10) for every question set."""
    for label, questions in question_sets:
        relevant = [review.judge(x) for x in questions]
        ranked = {
            mode: [search_ids(review.store, x["question"], mode) for x in questions]
            for mode in MODES
        }
        if label == "shared":
            halves = {
                "shared tuning (odd)": [i for i, x in enumerate(questions) if x["id"] % 2],
                "shared held-out (even)": [i for i, x in enumerate(questions) if x["id"] % 2 == 0],
            }
        else:
            halves = {label: list(range(len(questions)))}
        for name, idx in halves.items():
            for mode in MODES:
                h, m = scores([first_relevant(ranked[mode][i], relevant[i]) for i in idx])
                rows.append((name, variant, mode, len(idx), h, m))
        if sweep and label == "shared" and variant == "after":
            run_sweep(review, questions, relevant)


def no_match_report(review: Review, question_sets: list[tuple[str, list[dict[str, Any]]]]) -> None:
    """How often the "no good match" signal fires on real and off-topic questions."""
    off = load_questions(OFFTOPIC)
    print("\nno good match (hybrid): share of questions flagged")
    print(f"{'questions':<26}{'n':>4}{'flagged':>9}")
    groups = [(label, qs) for label, qs in question_sets] + [
        (f"off-topic {half}", [x for x in off if x["half"] == half])
        for half in ("tuning", "heldout")
    ]
    for label, qs in groups:
        flagged = sum(
            1 for x in qs if q.search_result(review.store, x["question"], mode="hybrid").no_match
        )
        print(f"{label:<26}{len(qs):>4}{flagged / max(len(qs), 1):>9.3f}")


def report(
    sets: list[str], sweep: bool, questions_file: Path | None = None, before: bool = True
) -> None:
    rows: list[Row] = []
    plans: list[tuple[str, list[tuple[str, list[dict[str, Any]]]], list[Path]]] = []
    if questions_file is not None:
        qs = load_questions(questions_file.resolve())
        files = sorted({HERE.parent / x["file"] for x in qs})
        plans.append((questions_file.stem, [(questions_file.stem, qs)], files))
    for name in sets:
        qfiles, files_of = SETS[name]
        plans.append((name, [(label, load_questions(f)) for label, f in qfiles], files_of()))
    variants = VARIANTS if before else VARIANTS[1:]
    with tempfile.TemporaryDirectory() as tmp:
        for name, question_sets, files in plans:
            seed: Review | None = None
            for variant in variants:
                folder = Path(tmp) / f"{name}-{variant}"
                folder.mkdir()
                review = Review(files, folder, body_only=variant == "after", seed=seed)
                n = sum(len(x) for _, x in question_sets)
                print(
                    f"{name} {variant}: {len(review.docs)} documents, {review.passages} passages "
                    f"(indexed in {review.seconds:.1f} s), {n} questions"
                )
                score_set(rows, variant, review, question_sets, sweep)
                if name == "real" and variant == "after":
                    no_match_report(review, question_sets)
                if seed is not None:
                    seed.store.close()
                seed = review
            if seed is not None:
                seed.store.close()
    print(f"\n{'question set':<26}{'n':>4}  {'mode':<10}{'variant':<8}{'hit@5':>7}{'MRR@10':>8}")
    for label, variant, mode, n, h, m in sorted(
        rows, key=lambda r: (order(rows, r[0]), MODES.index(r[2]), VARIANTS.index(r[1]))
    ):
        print(f"{label:<26}{n:>4}  {mode:<10}{variant:<8}{h:>7.3f}{m:>8.3f}")


def order(rows: list[Row], label: str) -> int:
    """Position of `label` among the labels of `rows`, in first-seen order."""
    return list(dict.fromkeys(r[0] for r in rows)).index(label)


def run_sweep(review: Review, questions: list[dict[str, Any]], relevant: list[set[int]]) -> None:
    """Fusion and passage-weight settings: chosen on odd questions, shown on even."""
    from reviewkit.embed import embed_texts

    tune = [i for i, x in enumerate(questions) if x["id"] % 2]
    held = [i for i, x in enumerate(questions) if x["id"] % 2 == 0]
    store = review.store
    kw = [sp.keyword_ranking(store, q.keyword_query(x["question"]), q.DEPTH) for x in questions]
    vectors = embed_texts([x["question"] for x in questions])
    index = q.vector_cache.get(store)

    def evaluate(rankings: list[Ranking], idx: list[int]) -> tuple[float, float]:
        return scores([first_relevant(rankings[i], relevant[i]) for i in idx])

    settings: list[tuple[str, list[Ranking]]] = []
    for pw in (1.0, 0.5, 0.3, 0.0):
        sem = [index.rank(v, q.DEPTH, passage_weight=pw) for v in vectors]
        settings.append((f"semantic only, passage_w={pw}", sem))
        for rrf_k in (5, 10, 20, 60):
            for wk in (0.3, 0.5, 1.0):
                fused = [
                    q.fuse([a, b], weights=(wk, 1.0), rrf_k=rrf_k)
                    for a, b in zip(kw, sem, strict=True)
                ]
                settings.append((f"rrf k={rrf_k} w_kw={wk} passage_w={pw}", fused))
        for wk in (0.2, 0.35, 0.5):
            fused = [minmax_fuse([a, b], (wk, 1.0)) for a, b in zip(kw, sem, strict=True)]
            settings.append((f"minmax w_kw={wk} passage_w={pw}", fused))
    print("\nsweep (chosen on odd questions, reported on even ones)")
    print(f"{'setting':<40}{'odd h@5':>8}{'odd MRR':>8}{'even h@5':>9}{'even MRR':>9}")
    best: tuple[str, tuple[float, float], tuple[float, float]] | None = None
    for name, fused in settings:
        t, h = evaluate(fused, tune), evaluate(fused, held)
        print(f"{name:<40}{t[0]:>8.3f}{t[1]:>8.3f}{h[0]:>9.3f}{h[1]:>9.3f}")
        if best is None or t > best[1]:
            best = (name, t, h)
    assert best is not None
    print(f"best on odd: {best[0]}; on even: hit@5 {best[2][0]:.3f}, MRR@10 {best[2][1]:.3f}\n")


def minmax_fuse(rankings: Sequence[Ranking], weights: Sequence[float]) -> Ranking:
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
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument(
        "--sets", default="real,shared,demo", help="comma-separated: real, shared, demo"
    )
    parser.add_argument("--questions", type=Path, help="a question file of the real format, alone")
    parser.add_argument("--after-only", action="store_true", help="skip the 'before' variant")
    parser.add_argument("--sweep", action="store_true")
    args = parser.parse_args()
    sets = [s for s in args.sets.split(",") if s] if args.questions is None else []
    for s in sets:
        if s not in SETS:
            parser.error(f"unknown set {s!r}")
    report(sets, args.sweep, args.questions, before=not args.after_only)


if __name__ == "__main__":
    main()
