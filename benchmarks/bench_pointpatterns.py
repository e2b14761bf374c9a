"""Time and peak memory of Kd, M and their envelopes, next to dbmss where installed.

Run with ``uv run python benchmarks/bench_pointpatterns.py`` (a few minutes;
``--quick`` leaves out the 100,000-point cases).  Every case runs in its own
child process, so that its peak resident memory (``ru_maxrss``, which also
counts numba's buffers, unlike tracemalloc) is its own.  Nothing here is a
test.

Synthetic pattern (seed 1): n points in a 1000 × 1000 m window, half of them
in 40 Gaussian clusters (sd 15 m), half uniform; types A (20 %), B (30 %) and
C (50 %); weights log-normal (employees).  Cases:

* ``compile``: first calls of kd, m_function (on 100 and 5,000 points, so
  that both the serial and the parallel kernels run) and their envelopes with
  an empty numba cache (``NUMBA_CACHE_DIR`` set to a fresh folder): the
  compile time;
* ``first call``: the same with the on-disk cache (``cache=True``); every
  other case runs these calls first and is timed after them;
* Kd / M envelopes, 99 simulations, random location, local band, of type A
  (univariate Kd, 2,000 of 10,000 points) and of A around B (M), at r = 0, 2,
  …, 100 m; the first call of the process is not counted (``warm``);
* the same Kd envelope at dbmss's default range (512 distances up to a
  third of the diameter, 471 m): almost all pairs are in the histogram;
* 100,000 points: Kd (20,000 reference points) and M once, and their
  envelopes with 99 simulations.

dbmss is run through ``Rscript`` on the same points (``KdEnvelope``,
``MEnvelope`` with the same arguments) if the R package is installed;
otherwise its row says "not installed".
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

NOT_INSTALLED = "not installed"
R_STEPS = np.arange(0, 101, 2.0)


def pattern(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    centres = rng.uniform(100, 900, (40, 2))
    clustered = centres[rng.integers(0, 40, n // 2)] + rng.normal(0, 15, (n // 2, 2))
    xy = np.clip(np.vstack([clustered, rng.uniform(0, 1000, (n - n // 2, 2))]), 0, 1000)
    return pd.DataFrame(
        {
            "x": xy[:, 0],
            "y": xy[:, 1],
            "type": rng.choice(["A", "B", "C"], n, p=[0.2, 0.3, 0.5]),
            "employees": np.round(rng.lognormal(2, 1, n)) + 1,
        }
    )


# ------------------------------------------------------------------ child
def run_case(name: str) -> dict:
    """Run one case in this process; returns seconds and peak memory."""
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    from clusterdialog.measures.pointpatterns import kd, m_function
    from clusterdialog.measures.pointpatterns_envelopes import kd_envelope, m_envelope

    small, medium = pattern(100), pattern(5000)  # serial and parallel kernels
    t = time.perf_counter()
    for pts in (small, medium):
        kd(pts, "A", r=[0, 50, 100])
        m_function(pts, "A", "B", r=[0, 50, 100], weight="employees")
        kd(pts, "A", "B", r=[0, 50, 100], weight="employees")
    kd_envelope(small, "A", r=[0, 50, 100], simulations=2, seed=1)
    m_envelope(small, "A", "B", r=[0, 50, 100], weight="employees", simulations=2, seed=1)
    first = time.perf_counter() - t
    if name in ("compile", "first call"):
        return {"seconds": first, "peak_mib": None}
    n = 100_000 if name.endswith("100k") else 10_000
    points = pattern(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    env = {"simulations": 99, "seed": 1}
    calls = {
        "kd envelope 10k": lambda: kd_envelope(points, "A", r=R_STEPS, **env),
        "kd envelope 10k, default r": lambda: kd_envelope(points, "A", **env),
        "m envelope 10k": lambda: m_envelope(
            points, "A", "B", r=R_STEPS, weight="employees", **env
        ),
        "kd 100k": lambda: kd(points, "A", r=R_STEPS),
        "m 100k": lambda: m_function(points, "A", "B", r=R_STEPS, weight="employees"),
        "kd envelope 100k": lambda: kd_envelope(points, "A", r=R_STEPS, **env),
        "m envelope 100k": lambda: m_envelope(
            points, "A", "B", r=R_STEPS, weight="employees", **env
        ),
    }
    t = time.perf_counter()
    calls[name]()
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "seconds": seconds,
        "peak_mib": peak / 1024,
        "added_mib": (peak - before) / 1024,
        "import_mib": base / 1024,
    }


def child(name: str, env: dict | None = None) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--case", name],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ dbmss
R_SCRIPT = """
suppressMessages(library(dbmss))
p <- read.csv("{csv}")
X <- wmppp(data.frame(X = p$x, Y = p$y, PointType = p$type, PointWeight = p$employees),
           window = owin(c(0, 1000), c(0, 1000)))
r <- seq(0, 100, 2)
set.seed(1)
t <- system.time(KdEnvelope(X, r = r, NumberOfSimulations = 99, ReferenceType = "A",
                            verbose = FALSE))[["elapsed"]]
t2 <- system.time(MEnvelope(X, r = r, NumberOfSimulations = 99, ReferenceType = "A",
                            NeighborType = "B", verbose = FALSE))[["elapsed"]]
cat(t, t2, "\\n")
"""


def dbmss_times() -> tuple[str, str]:
    if shutil.which("Rscript") is None:
        return NOT_INSTALLED, NOT_INSTALLED
    probe = subprocess.run(["Rscript", "-e", "library(dbmss)"], capture_output=True)
    if probe.returncode != 0:
        return NOT_INSTALLED, NOT_INSTALLED
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "points.csv"
        pattern(10_000).to_csv(csv, index=False)
        out = subprocess.run(
            ["Rscript", "-e", R_SCRIPT.format(csv=csv)], capture_output=True, text=True
        )
    if out.returncode != 0:
        return "failed", "failed"
    kd_seconds, m_seconds = out.stdout.split()[-2:]
    return f"{float(kd_seconds):.1f}", f"{float(m_seconds):.1f}"


# ------------------------------------------------------------------- main
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="leave out the 100k cases")
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case)))
        return

    from numba import get_num_threads

    print(f"# point patterns: numba threads {get_num_threads()}, cores {os.cpu_count()}")
    rows = []
    with tempfile.TemporaryDirectory() as cache:
        result = child("compile", {"NUMBA_CACHE_DIR": cache})
        rows.append(("compile (empty numba cache)", 5000, result))
    rows.append(("first call (numba cache on disk)", 5000, child("first call")))
    cases = ["kd envelope 10k", "m envelope 10k", "kd envelope 10k, default r"]
    if not args.quick:
        cases += ["kd 100k", "m 100k", "kd envelope 100k", "m envelope 100k"]
    for name in cases:
        rows.append((name, 100_000 if name.endswith("100k") else 10_000, child(name)))

    print(f"{'case':40} {'points':>8} {'seconds':>8} {'peak MiB':>9} {'added MiB':>9}")
    for name, n, res in rows:
        peak = "" if res.get("peak_mib") is None else f"{res['peak_mib']:.0f}"
        added = "" if res.get("added_mib") is None else f"{res['added_mib']:.0f}"
        print(f"{name:40} {n:>8} {res['seconds']:>8.2f} {peak:>9} {added:>9}")
    kd_r, m_r = dbmss_times()
    print(f"{'dbmss KdEnvelope 10k (R)':40} {10_000:>8} {kd_r:>8}")
    print(f"{'dbmss MEnvelope 10k (R)':40} {10_000:>8} {m_r:>8}")


if __name__ == "__main__":
    main()
