"""Screening order: reviewkit against ASReview LAB on the same data, seeds and priors.

ASReview LAB is installed from PyPI into its own virtual environment under
``benchmarks/.cache/asreview-venv`` (never a reviewkit dependency). For every
dataset in ``../shared/screening`` and every seed, both tools start from the
same prior records (one included, one excluded, drawn by
``reviewkit.screen.datasets.draw_priors``; ASReview gets them with
``--prior-idx``) and the order each produces is scored the same way:

- WSS@95: work saved over random screening at 95% recall;
- recall after 10% of the records screened;
- records screened to reach 95% recall;
- wall time of the whole simulation.

reviewkit retrains in batches that grow with the number screened
(``max(1, n_screened // 20)`` records between refits, see
``reviewkit.screen.simulate``); ASReview refits after every record.

The stopping rule (Callaghan & Müller-Hansen 2020, recall target and
confidence 0.95) is applied to reviewkit's runs: the share of runs where it
fired with recall >= target and the work it saved are printed.

Usage::

    python benchmarks/screening.py                      # everything, seeds 0-4
    python benchmarks/screening.py --datasets Cohen_2006_Triptans --seeds 0 1
    python benchmarks/screening.py --retrain-only       # median refit time at 3,000 records
    python benchmarks/screening.py --skip-asreview      # reviewkit only (uses cached ASReview runs)

ASReview runs are cached in ``benchmarks/.cache/asreview/`` (delete to rerun).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import venv
import zipfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
VENV = CACHE / "asreview-venv"
SHARED = HERE.parent.parent / "shared" / "screening"
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from reviewkit.screen.datasets import LabelledDataset, draw_priors, load_labelled_csv  # noqa: E402
from reviewkit.screen.simulate import order_metrics as metrics  # noqa: E402


def asreview_bin() -> Path:
    """The asreview executable of the benchmark's own venv, installed on first use."""
    exe = VENV / "bin" / "asreview"
    if not exe.exists():
        print("installing ASReview LAB into", VENV, file=sys.stderr)
        venv.create(VENV, with_pip=True)
        pip = str(VENV / "bin" / "pip")
        # ASReview's own default model needs no torch; if a future release
        # does, pin torch==2.13.0 first so pip does not pull GBs of CUDA.
        probe = subprocess.run(
            [pip, "install", "--dry-run", "--quiet", "--report", "-", "asreview"],
            capture_output=True,
            text=True,
        )
        if '"name": "torch"' in probe.stdout:
            subprocess.run([pip, "install", "torch==2.13.0"], check=True)
        subprocess.run([pip, "install", "asreview"], check=True)
    return exe


def run_asreview(path: Path, seed: int, priors: list[int]) -> dict:
    """ASReview's order (row positions) and wall time, cached per dataset and seed."""
    out = CACHE / "asreview" / f"{path.stem}_seed{seed}.json"
    if out.exists():
        cached = json.loads(out.read_text())
        if cached["priors"] == priors:
            return cached
    exe = asreview_bin()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "run.asreview"
        start = time.perf_counter()
        subprocess.run(
            [
                str(exe),
                "simulate",
                str(path),
                "--prior-idx",
                *map(str, priors),
                "--seed",
                str(seed),
                "-o",
                str(project),
            ],
            check=True,
            capture_output=True,
            cwd=tmp,
        )
        seconds = time.perf_counter() - start
        with zipfile.ZipFile(project) as zf:
            zf.extract("results.db", tmp)
        conn = sqlite3.connect(Path(tmp) / "results.db")
        # ASReview's record_id is the 0-based dataset row.
        order = [r[0] for r in conn.execute("select record_id from results order by rowid")]
        conn.close()
    result = {"priors": priors, "order": order, "seconds": seconds}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result))
    return result


def run_reviewkit(data: LabelledDataset, seed: int) -> dict:
    from reviewkit.screen.simulate import simulate

    start = time.perf_counter()
    sim = simulate(data, seed=seed, prior_included=1, prior_excluded=1)
    seconds = time.perf_counter() - start
    return {
        "priors": sim.order_rows[:2],
        "order": sim.order_rows,
        "seconds": seconds,
        "stopped_at": sim.stopped_at,
        "retrain": sim.retrain_seconds,
    }


def retrain_benchmark() -> None:
    """Median refit time at 3,000 records (see benchmarks/retrain.py)."""
    import retrain

    sys.argv = [sys.argv[0]]
    retrain.main()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--datasets", nargs="*", help="dataset stems (default: all in ../shared/screening)"
    )
    ap.add_argument("--seeds", nargs="*", type=int, default=[0, 1, 2, 3, 4])
    ap.add_argument(
        "--retrain-only", action="store_true", help="only time one refit at 3,000 records"
    )
    ap.add_argument("--skip-asreview", action="store_true", help="use cached ASReview runs only")
    ap.add_argument("--asreview-only", action="store_true", help="only run (and cache) ASReview")
    args = ap.parse_args()
    if args.retrain_only:
        retrain_benchmark()
        return
    paths = sorted(SHARED.glob("*.csv"))
    if args.datasets:
        paths = [p for p in paths if p.stem in set(args.datasets)]
    rows, stops = [], []
    for path in paths:
        data = load_labelled_csv(path)
        per = {"rk": [], "as": []}
        for seed in args.seeds:
            priors = draw_priors(data.labels, seed, 1, 1)
            as_text = ""
            if not (
                args.skip_asreview
                and not (CACHE / "asreview" / f"{path.stem}_seed{seed}.json").exists()
            ):
                a = run_asreview(path, seed, priors)
                per["as"].append({**metrics(a["order"], data.labels), "seconds": a["seconds"]})
                as_text = f" | ASReview {per['as'][-1]['wss95']:.1f}"
            if args.asreview_only:
                continue
            r = run_reviewkit(data, seed)
            if r["priors"] != priors:
                raise RuntimeError(f"{path.stem} seed {seed}: reviewkit drew other priors")
            m = metrics(r["order"], data.labels)
            per["rk"].append({**m, "seconds": r["seconds"]})
            stop = r["stopped_at"]
            if stop is not None:
                recall = data.labels[np.asarray(r["order"][:stop])].sum() / data.n_included
                stops.append((path.stem, seed, stop, len(data), float(recall)))
            else:
                stops.append((path.stem, seed, None, len(data), 1.0))
            print(
                f"  {path.stem} seed {seed}: reviewkit WSS@95 {m['wss95']:.1f} "
                f"stop {stop} ({r['seconds']:.1f} s)" + as_text,
                file=sys.stderr,
                flush=True,
            )
        rows.append((path.stem, len(data), data.n_included, per))
    report(rows, stops)


def _mean(runs: list[dict], key: str) -> float:
    return statistics.fmean(r[key] for r in runs) if runs else float("nan")


METRICS = (
    ("wss95", "WSS@95 %", ".1f"),
    ("recall10", "recall@10% %", ".1f"),
    ("to95", "n to 95%", ".0f"),
    ("seconds", "time s", ".1f"),
)


def report(rows: list, stops: list) -> None:
    """One line per dataset: reviewkit / ASReview means over seeds, and their ratio."""
    cells = "".join(f" | {title:>20}" for _, title, _ in METRICS)
    head = f"{'dataset':<26}{'N':>6}{'inc':>5}{cells}"
    print("reviewkit/ASReview (mean over seeds), ratio = reviewkit / ASReview")
    print(head)
    print("-" * len(head))
    means: dict[str, list[tuple[float, float]]] = {key: [] for key, _, _ in METRICS}
    for name, n, n_inc, per in rows:
        line = f"{name:<26}{n:>6}{n_inc:>5}"
        for key, _, fmt in METRICS:
            a, b = _mean(per["rk"], key), _mean(per["as"], key)
            means[key].append((a, b))
            line += f" | {f'{a:{fmt}}/{b:{fmt}}':>13} {a / b if b else float('nan'):>6.2f}"
        print(line)
    line = f"{'mean of datasets':<37}"
    for key, _, fmt in METRICS:
        a = statistics.fmean(x for x, _ in means[key])
        b = statistics.fmean(y for _, y in means[key])
        line += f" | {f'{a:{fmt}}/{b:{fmt}}':>13} {a / b if b else float('nan'):>6.2f}"
    print(line)
    if not stops:
        return
    fired = [s for s in stops if s[2] is not None and s[2] < s[3]]
    ok = [s for s in fired if s[4] >= 0.95]
    saved = [1 - s[2] / s[3] for s in fired]
    print(
        f"\nstopping rule (hypergeometric, recall target 0.95, confidence 0.95): fired before "
        f"the last record in {len(fired)}/{len(stops)} runs; recall >= 0.95 at the stop in "
        f"{len(ok)}/{len(fired)} ({100 * len(ok) / max(1, len(fired)):.0f}%); work saved "
        f"(records never screened) mean {100 * statistics.fmean(saved) if saved else 0:.1f}%"
    )
    for name, seed, stop, n, recall in stops:
        print(f"  {name} seed {seed}: stopped at {stop}/{n}, recall {recall:.3f}")


if __name__ == "__main__":
    main()
