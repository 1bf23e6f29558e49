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
(``--refit growing``: ``max(1, n_screened // 20)`` records between refits, see
``reviewkit.screen.simulate``) or, like ASReview, after every record
(``--refit every``).

The stopping rule (BUSCAR, Callaghan & Müller-Hansen 2020; recall target and
confidence 0.95) runs inside every reviewkit replay, through the same engine
step a reviewer's review uses. Printed: recall at the stop (share of replays
>= 0.95, the lowest), the share of records left unscreened, and, side by side,
the reference implementation ``buscarpy`` (installed into its own venv under
``benchmarks/.cache/buscar-venv``) on the same sequences: its stop (checked
every 5 records) and the largest difference between its p-scores and ours.

Usage::

    python benchmarks/screening.py                      # everything, seeds 0-4
    python benchmarks/screening.py --datasets Cohen_2006_Triptans --seeds 0 1
    python benchmarks/screening.py --retrain-only       # median refit time at 3,000 records
    python benchmarks/screening.py --skip-asreview      # reviewkit only (uses cached ASReview runs)
    python benchmarks/screening.py --refit every        # refit after every record, as ASReview
    python benchmarks/screening.py --model elas-u4      # another model preset

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
BUSCAR_VENV = CACHE / "buscar-venv"
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


def run_reviewkit(data: LabelledDataset, seed: int, model: str, refit: str) -> dict:
    """One replay; a model that uses embeddings reads them from the disk cache
    (benchmarks/embedding_cache.py), computed once, as a review's store caches them."""
    from embedding_cache import cached_embeddings

    from reviewkit.screen.model import make_model
    from reviewkit.screen.simulate import simulate

    built = make_model(model, random_state=seed)
    vectors = cached_embeddings(data) if built.uses_vectors else None
    start = time.perf_counter()
    sim = simulate(
        data,
        seed=seed,
        prior_included=1,
        prior_excluded=1,
        model=built,
        refit=refit,
        vectors=vectors,
    )
    seconds = time.perf_counter() - start
    return {
        "priors": sim.order_rows[:2],
        "order": sim.order_rows,
        "seconds": seconds,
        "stopped_at": sim.stopped_at,
        "p_at_stop": sim.p_at_stop,
        "retrain": sim.retrain_seconds,
    }


def buscarpy_python() -> Path:
    """The python of the benchmark's own buscarpy venv, installed on first use."""
    exe = BUSCAR_VENV / "bin" / "python"
    if not exe.exists():
        print("installing buscarpy into", BUSCAR_VENV, file=sys.stderr)
        venv.create(BUSCAR_VENV, with_pip=True)
        subprocess.run([str(BUSCAR_VENV / "bin" / "pip"), "install", "buscarpy==0.0.2"], check=True)
    return exe


def compare_buscarpy(stops: list[dict]) -> tuple[list[int | None], float, int]:
    """buscarpy's stop on each replay's sequence (every 5 records) and the largest
    |p - p_buscarpy| over every prefix compared (prefixes where buscarpy gives NaN,
    because its urn cannot hold k_hat relevant records, are counted, not compared)."""
    from reviewkit.screen.stopping import buscar_p

    jobs, ours = [], []
    for s in stops:
        n = len(s["labels"])
        near = range(max(1, (s["stop"] or n) - 5), (s["stop"] or n) + 1)
        cuts = sorted({*range(5, n, 5), *near})
        jobs.append({"labels": s["labels"], "N": n, "cuts": cuts, "recall_target": 0.95})
        ours.append([buscar_p(s["labels"][:c], n, 0.95) for c in cuts])
    done = subprocess.run(
        [str(buscarpy_python()), str(HERE / "buscar_reference.py")],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        check=True,
    )
    theirs = json.loads(done.stdout)
    worst, nans, their_stops = 0.0, 0, []
    for job, mine, ref in zip(jobs, ours, theirs, strict=True):
        stop = None
        for cut, p, q in zip(job["cuts"], mine, ref, strict=True):
            if q is None:
                nans += 1
                continue
            worst = max(worst, abs(p - q))
            if stop is None and q < 0.05:
                stop = cut
        their_stops.append(stop)
    return their_stops, worst, nans


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
    ap.add_argument("--model", default="default", help="reviewkit model preset")
    ap.add_argument("--refit", default="growing", choices=("growing", "every"))
    ap.add_argument("--no-buscarpy", action="store_true", help="skip the buscarpy comparison")
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
            r = run_reviewkit(data, seed, args.model, args.refit)
            if r["priors"] != priors:
                raise RuntimeError(f"{path.stem} seed {seed}: reviewkit drew other priors")
            m = metrics(r["order"], data.labels)
            per["rk"].append({**m, "seconds": r["seconds"]})
            stop = r["stopped_at"]
            found = data.labels[np.asarray(r["order"][: stop or len(data)])].sum()
            stops.append(
                {
                    "name": path.stem,
                    "seed": seed,
                    "stop": stop,
                    "n": len(data),
                    "recall": float(found / data.n_included),
                    "p": r["p_at_stop"],
                    "labels": [int(x) for x in data.labels[np.asarray(r["order"])]],
                }
            )
            print(
                f"  {path.stem} seed {seed}: reviewkit WSS@95 {m['wss95']:.1f} "
                f"stop {stop} ({r['seconds']:.1f} s)" + as_text,
                file=sys.stderr,
                flush=True,
            )
        rows.append((path.stem, len(data), data.n_included, per))
    print(f"reviewkit model {args.model!r}, refit {args.refit}")
    report(rows, stops, buscarpy=not args.no_buscarpy)


def _mean(runs: list[dict], key: str) -> float:
    return statistics.fmean(r[key] for r in runs) if runs else float("nan")


METRICS = (
    ("wss95", "WSS@95 %", ".1f"),
    ("recall10", "recall@10% %", ".1f"),
    ("to95", "n to 95%", ".0f"),
    ("seconds", "time s", ".1f"),
)


def report(rows: list, stops: list, *, buscarpy: bool = True) -> None:
    """One line per dataset: reviewkit / ASReview means over seeds, and their ratio;
    then the stopping rule per replay, beside buscarpy's on the same sequence."""
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
    for key in ("wss95", "recall10"):
        worst = min(means[key], key=lambda ab: ab[0] - ab[1])
        name = rows[means[key].index(worst)][0]
        print(f"largest shortfall in {key}: {worst[0] - worst[1]:+.1f} points ({name})")
    if not stops:
        return
    theirs: list[int | None] = [None] * len(stops)
    worst_p, nans = float("nan"), 0
    if buscarpy:
        theirs, worst_p, nans = compare_buscarpy(stops)
    print("\nstopping rule: BUSCAR (recall target 0.95, confidence 0.95, bias 1)")
    print(f"{'replay':<34}{'stop':>12}{'recall':>8}{'unscreened':>11}{'p':>8}{'buscarpy':>10}")
    for s, ref in zip(stops, theirs, strict=True):
        stop = s["stop"] if s["stop"] is not None else s["n"]
        p = "-" if s["p"] is None else f"{s['p']:.4f}"
        print(
            f"{s['name'] + ' seed ' + str(s['seed']):<34}{f'{stop}/{s[chr(110)]}':>12}"
            f"{s['recall']:>8.3f}{1 - stop / s['n']:>11.1%}{p:>8}{str(ref):>10}"
        )
    ok = [s for s in stops if s["recall"] >= 0.95]
    saved = [1 - (s["stop"] if s["stop"] is not None else s["n"]) / s["n"] for s in stops]
    print(
        f"recall >= 0.95 at the stop in {len(ok)}/{len(stops)} replays "
        f"({100 * len(ok) / len(stops):.0f}%), lowest {min(s['recall'] for s in stops):.3f}; "
        f"mean share unscreened at the stop {statistics.fmean(saved):.1%}"
    )
    if buscarpy:
        same = sum(
            1
            for s, ref in zip(stops, theirs, strict=True)
            if ref is not None and s["stop"] is not None and ref == s["stop"]
        )
        print(
            f"buscarpy 0.0.2 on the same sequences: largest |p - p_buscarpy| {worst_p:.2e} "
            f"over every 5th prefix ({nans} prefixes where buscarpy returns NaN not compared); "
            f"its stop (checked every 5 records and at the 5 before ours) the same as ours "
            f"in {same}/{len(stops)} replays"
        )


if __name__ == "__main__":
    main()
