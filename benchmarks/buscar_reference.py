"""Run inside the benchmark's own buscarpy venv: BUSCAR p-scores of the reference package.

Reads JSON from stdin: a list of {"labels": [0/1, ...], "N": int, "cuts": [int, ...],
"recall_target": float}; writes for each the p-score ``buscarpy.calculate_h0`` gives
for the first `cut` labels, for every cut (null where buscarpy returns NaN).
Called by benchmarks/screening.py; never imported by reviewkit.
"""

from __future__ import annotations

import json
import math
import sys

import buscarpy  # type: ignore[import-not-found]


def main() -> None:
    jobs = json.load(sys.stdin)
    out = []
    for job in jobs:
        ps = []
        for cut in job["cuts"]:
            p = float(buscarpy.calculate_h0(job["labels"][:cut], job["N"], job["recall_target"]))
            ps.append(None if math.isnan(p) else p)
        out.append(ps)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
