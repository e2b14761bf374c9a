"""Time and peak memory of the measure suite, side by side with the peers.

Run with ``uv run --group bench python benchmarks/bench_measures.py`` (add
``--quick`` to skip the slow peer runs).  Cases:

* the all-Germany Kreise × occupations matrix (BA, 2024, socially insured,
  from ``../shared/data``);
* a synthetic panel of 3,100 regions × 1,000 industries × 10 periods with
  half of the cells non-zero.

Peers, in the same run: py-ecomplexity's ``ecomplexity()`` pipeline (RCA,
proximity, density, ECI/PCI) on the same matrix, and EconGeo/REAT through
``Rscript`` where R and the packages are installed.  Figures are printed as
a table; nothing here is a test.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.measures.concentration import locational_gini_matrix
from clusterdialog.measures.suite import compute_suite

SHARED = Path(__file__).resolve().parents[2] / "shared"


def synthetic_panel(n_regions=3100, n_industries=1000, n_periods=10, seed=1) -> RegionalPanel:
    """Region sizes × industry sizes × noise, half of the cells set to zero."""
    rng = np.random.default_rng(seed)
    region_size = rng.lognormal(8, 1.2, n_regions)
    industry_size = rng.lognormal(0, 1.0, n_industries)
    base = np.outer(region_size, industry_size / industry_size.sum())
    matrices = []
    for _ in range(n_periods):
        m = rng.poisson(base * rng.gamma(2.0, 0.5, base.shape)).astype("float64")
        m[rng.random(base.shape) < 0.5] = 0.0
        matrices.append(m)
    return RegionalPanel(
        matrices=tuple(matrices),
        regions=pd.Index([f"{i:05d}" for i in range(n_regions)], name="region"),
        industries=pd.Index([f"{i:04d}" for i in range(n_industries)], name="industry"),
        periods=tuple(range(2015, 2015 + n_periods)),
        region_name="region",
        industry_name="industry",
        period_name="period",
    )


def germany_panel() -> RegionalPanel:
    """All German Kreise × KldB occupation groups, 2024, socially insured, total."""
    frame = pd.read_parquet(
        SHARED / "data" / "de_ba_employees_kreis_occupation.parquet",
        filters=[
            ("year", "=", 2024),
            ("employment_type", "=", "socially_insured"),
            ("group", "=", "total"),
        ],
        columns=["region_code", "occupation_code", "value"],
    )
    frame["occupation_code"] = frame["occupation_code"].fillna("unassigned")
    frame["value"] = frame["value"].fillna(0.0)
    return RegionalPanel.from_long(
        frame, region="region_code", industry="occupation_code", value="value"
    )


def measure(func, *args, **kwargs):
    """Return (result, seconds, peak traced bytes) of one call."""
    gc.collect()
    tracemalloc.start()
    start = time.perf_counter()
    result = func(*args, **kwargs)
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, seconds, peak


def run_ecomplexity(matrix: np.ndarray) -> float | None:
    if importlib.util.find_spec("ecomplexity") is None:
        return None
    from ecomplexity import ecomplexity

    r, i = np.nonzero(matrix >= 0)
    long = pd.DataFrame({"time": 2020, "loc": r, "prod": i, "val": matrix[r, i]})
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ecomplexity(
            long, {"time": "time", "loc": "loc", "prod": "prod", "val": "val"}, presence_test="rca"
        )
    return time.perf_counter() - start


R_SCRIPT = """
suppressPackageStartupMessages({ok <- requireNamespace("EconGeo", quietly=TRUE)})
if (!ok) quit(status=3)
m <- as.matrix(read.csv(commandArgs(TRUE)[1], header=FALSE))
t <- system.time(EconGeo::locational_gini(m))[["elapsed"]]
cat(t)
"""


def run_econgeo_gini(matrix: np.ndarray) -> float | None:
    if shutil.which("Rscript") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.csv"
        np.savetxt(path, matrix, delimiter=",", fmt="%.0f")
        script = Path(tmp) / "gini.R"
        script.write_text(R_SCRIPT)
        done = subprocess.run(["Rscript", str(script), str(path)], capture_output=True, text=True)
        if done.returncode != 0:
            return None
        return float(done.stdout.strip())


def row(rows, case, what, seconds, peak=None, dense=None, note=""):
    rows.append(
        {
            "case": case,
            "what": what,
            "seconds": round(seconds, 3) if seconds is not None else None,
            "peak_MiB": round(peak / 2**20, 1) if peak is not None else None,
            "peak/dense": round(peak / dense, 2) if peak is not None and dense else None,
            "note": note,
        }
    )


def bench_case(rows, case: str, panel: RegionalPanel, quick: bool) -> None:
    one = panel.select_periods([panel.periods[0]]) if panel.has_periods else panel
    matrix = one.matrices[0]
    dense = matrix.nbytes
    shape = f"{matrix.shape[0]}×{matrix.shape[1]}"

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _, seconds, peak = measure(compute_suite, one)
    row(rows, case, f"clusterdialog suite, one period {shape}", seconds, peak, dense)

    _, seconds, peak = measure(locational_gini_matrix, matrix)
    row(rows, case, "clusterdialog locational_gini", seconds, peak, dense)
    gini_seconds = seconds

    if panel.has_periods and len(panel.periods) > 1:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _, seconds, peak = measure(compute_suite, panel)
        row(
            rows,
            case,
            f"clusterdialog suite, {len(panel.periods)} periods",
            seconds,
            peak,
            dense * len(panel.periods),
        )

    if quick:
        return
    suite_seconds = next(r["seconds"] for r in rows if r["case"] == case)
    peer = run_ecomplexity(matrix)
    if peer is None:
        row(rows, case, "py-ecomplexity ecomplexity()", None, note="not installed (--group bench)")
    else:
        row(
            rows,
            case,
            "py-ecomplexity ecomplexity()",
            peer,
            note=f"clusterdialog suite is {peer / suite_seconds:.0f}× faster",
        )
    peer = run_econgeo_gini(matrix)
    if peer is None:
        row(rows, case, "EconGeo locational_gini (Rscript)", None, note="R/EconGeo not installed")
    else:
        row(
            rows,
            case,
            "EconGeo locational_gini (Rscript)",
            peer,
            note=f"clusterdialog is {peer / gini_seconds:.0f}× faster",
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the slow peer runs")
    parser.add_argument("--periods", type=int, default=10)
    args = parser.parse_args(argv)

    rows: list[dict] = []
    start = time.perf_counter()
    germany = germany_panel()
    row(rows, "germany", "read BA parquet + pivot", time.perf_counter() - start)
    bench_case(rows, "germany", germany, args.quick)

    start = time.perf_counter()
    synthetic = synthetic_panel(n_periods=args.periods)
    row(rows, "synthetic", "generate 3100×1000 panel", time.perf_counter() - start)
    long = synthetic.select_periods([synthetic.periods[0]]).to_long()
    _, seconds, peak = measure(RegionalPanel.from_long, long, period="period")
    row(
        rows,
        "synthetic",
        "validate + pivot long table (3.1M rows)",
        seconds,
        peak,
        synthetic.matrices[0].nbytes,
    )
    del long
    bench_case(rows, "synthetic", synthetic, args.quick)

    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 200, "display.max_colwidth", 60):
        print(table.to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
