"""Extraction quality on real text: both halves of corpora/real and ../shared/gold.

    python benchmarks/extraction_quality.py [--half tuning|held-out|both] [--shared ../shared]
                                            [--details]

Prints one row per set: definitions recall and precision (core items),
continua recall, study design accuracy, outcome reporting accuracy, and the
quotes that are text of the document (round-trip to `reviewkit text FILE
--page N` and carry no bullet or Markdown glyph), as issue 10 defines them.

``--unseen`` adds the tuning half scored leave-one-document-out: each
document by a definition model trained without its own labelled sentences
(the tuning half's sentences are in the training data, so its plain row is
optimistic).

The held-out half is for reporting only: pass ``--half tuning`` while
developing, so nothing is tuned on what reports the result.

Targets (held-out half): definitions R >= 0.80 and P >= 0.70, continua
R >= 0.80, design >= 0.90, outcome reporting >= 0.85, every quote document
text.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

TARGETS = {"def R": 0.80, "def P": 0.70, "cont R": 0.80, "design": 0.90, "outcome": 0.85}


def _ratio(a: int, b: int) -> str:
    return "   -" if not b else f"{a / b:.2f}"


def row(name: str, report: object) -> str:
    from reviewkit.extract.evaluate import QUOTES, EvalReport

    assert isinstance(report, EvalReport)
    t = report.totals
    d, c, s, o, q = (
        t["definitions"],
        t["continua"],
        t["study_design"],
        t["outcome_reporting"],
        t[QUOTES],
    )
    return (
        f"{name:<22} {len(report.documents):>4} "
        f"{_ratio(d.found, d.core):>6} ({d.found}/{d.core}) "
        f"{_ratio(d.matched, d.extracted):>6} ({d.matched}/{d.extracted}) "
        f"{_ratio(c.found, c.core):>6} ({c.found}/{c.core}) "
        f"{_ratio(s.matched, s.core):>6} {_ratio(o.matched, o.core):>7} "
        f"{q.matched}/{q.extracted}"
    )


def unseen_report(gold_dir: Path, docs_dir: Path) -> object:
    """The tuning half scored document by document, each by a definition model
    trained without that document's labelled sentences: what the tuning half
    says about text the model has not seen (design and outcome models are not
    trained on it at all)."""
    import json

    from reviewkit.extract.analyse import analyse_document
    from reviewkit.extract.definitions.model import fit_without, using_model
    from reviewkit.extract.evaluate import EvalReport, score_analysis
    from reviewkit.ingest.parse import read_any

    scores = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = read_any(docs_dir / gold["file"])
        with using_model(fit_without(gold["file"])):
            scores.append(score_analysis(analyse_document(doc).to_json(), gold, doc))
    return EvalReport(scores)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=["tuning", "held-out", "both"], default="both")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--real", type=Path, default=REPO / "corpora" / "real")
    parser.add_argument("--details", action="store_true", help="Print per-document reports.")
    parser.add_argument(
        "--unseen",
        action="store_true",
        help="Add a row for the tuning half with each document scored by a definition model "
        "trained without its own sentences (leave-one-document-out).",
    )
    args = parser.parse_args()

    from reviewkit.extract.evaluate import corpus_halves, evaluate_corpus, format_report
    from reviewkit.ingest.parse import read_any

    sets: list[tuple[str, Path, Path]] = []
    for half, (gold, docs) in corpus_halves(args.real).items():
        if args.half in ("both", half):
            sets.append((f"real {half}", gold, docs))
    if (args.shared / "gold").is_dir():
        sets.append(("../shared/gold", args.shared / "gold", args.shared / "corpus"))
    print(
        f"{'set':<22} {'docs':>4} {'def R':>6} {'':7} {'def P':>6} {'':7} "
        f"{'cont R':>6} {'':7} {'design':>6} {'outcome':>7} quotes-document-text"
    )
    details = []
    for name, gold, docs in sets:
        t = time.perf_counter()
        report = evaluate_corpus(gold, docs, read=read_any)
        print(row(name, report) + f"   [{time.perf_counter() - t:.1f} s]")
        if args.details:
            details.append(f"== {name} ==\n{format_report(report)}")
    if args.unseen and "tuning" in corpus_halves(args.real):
        t = time.perf_counter()
        gold, docs = corpus_halves(args.real)["tuning"]
        report = unseen_report(gold, docs)
        print(row("real tuning, unseen", report) + f"   [{time.perf_counter() - t:.1f} s]")
        if args.details:
            details.append(f"== real tuning, unseen ==\n{format_report(report)}")
    print("targets (held-out): " + ", ".join(f"{k} >= {v:.2f}" for k, v in TARGETS.items()))
    for text in details:
        print(text)


if __name__ == "__main__":
    main()
