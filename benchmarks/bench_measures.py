"""Time and peak memory of the measure suite, side by side with the peers.

Run with ``uv run --group bench python benchmarks/bench_measures.py`` (about
3 minutes; add ``--quick`` for a smoke run without the peers, with 3 periods
and no traced multi-period run, under a minute).  Cases:

* the all-Germany Kreise × occupations matrix (BA, 2024, socially insured,
  from ``../shared/data``);
* a synthetic panel of 3,100 regions × 1,000 industries × 10 periods with
  half of the cells non-zero.

Peers, in the same run: py-ecomplexity's ``ecomplexity()`` pipeline (RCA,
proximity, density, ECI/PCI, COI/COG) on the same matrix as a long table with
string codes, and EconGeo's
``locational_gini`` and REAT's ``gini.conc`` through ``Rscript``.  The R
peers are read from their source (``--econgeo-src`` / ``ECONGEO_SRC`` and
``--reat-src`` / ``REAT_SRC``: a package folder or its ``R/`` folder, of which
only the needed files are ``source()``d) or, without a source folder, from an
installed R package.  Every peer row says how far its numbers are from ours.

Seconds are wall-clock times without tracing (best of ``--repeat`` calls for
the one-period suite); peak memory is measured in a separate call under
:mod:`tracemalloc` (numpy reports its buffers to it) and given as a multiple
of the dense matrix (``regions × industries × 8`` bytes).  Figures are printed
as tables; nothing here is a test.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.measures.concentration import locational_gini_matrix
from clusterdialog.measures.suite import compute_suite, shared_kernels, suite_plan

SHARED = Path(__file__).resolve().parents[2] / "shared"
NOT_INSTALLED = "not installed"
#: The suite's measures that cover what ecomplexity() computes (its COI/COG aside).
ECOMPLEXITY_LIKE = ["location_quotient", "proximity", "relatedness_density", "eci", "pci"]


# ------------------------------------------------------------------- cases
def synthetic_panel(n_regions=3100, n_industries=1000, n_periods=10, seed=1) -> RegionalPanel:
    """Region sizes × industry sizes × noise; half of the cells are 0, the others at least 1."""
    rng = np.random.default_rng(seed)
    region_size = rng.lognormal(8, 1.2, n_regions)
    industry_size = rng.lognormal(0, 1.0, n_industries)
    base = np.outer(region_size, industry_size / industry_size.sum())
    matrices = []
    for _ in range(n_periods):
        m = 1.0 + rng.poisson(base * rng.gamma(2.0, 0.5, base.shape))
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
    """All German Kreise × KldB occupation groups, 2024, socially insured, total.

    Suppressed cells count as 0 (the ``suppressed="zero"`` policy).
    """
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


# ------------------------------------------------------------- measurement
def timed(func: Callable, *args, repeat: int = 1, **kwargs) -> tuple[object, float]:
    """Return (last result, best wall-clock seconds over ``repeat`` untraced calls)."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        result = None
        gc.collect()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            start = time.perf_counter()
            result = func(*args, **kwargs)
            best = min(best, time.perf_counter() - start)
    return result, best


def traced_peak(func: Callable, *args, **kwargs) -> int:
    """Peak bytes allocated (traced by tracemalloc) during one call, result included."""
    gc.collect()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tracemalloc.start()
        try:
            result = func(*args, **kwargs)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    del result
    return peak


def results_bytes(results: dict[str, pd.DataFrame]) -> int:
    """Memory held by the suite's result tables."""
    return int(sum(frame.memory_usage(deep=True).sum() for frame in results.values()))


def suite_as_the_cli_runs_it(panel: RegionalPanel) -> None:
    """The whole suite with shared kernels, each table dropped once computed (as the CLI)."""
    with shared_kernels():
        for _, compute in suite_plan(panel):
            result = compute()
            del result


def streamed_suite(panel: RegionalPanel) -> tuple[dict[str, float], dict[str, int]]:
    """Seconds and traced peak of every suite measure, one result alive at a time."""
    seconds, peaks = {}, {}
    for name, compute in suite_plan(panel):
        _, seconds[name] = timed(compute)
        peaks[name] = traced_peak(compute)
    return seconds, peaks


# ------------------------------------------------------------------- peers
def run_ecomplexity(panel: RegionalPanel, ours: dict[str, np.ndarray]) -> tuple[float, str] | None:
    """Seconds of py-ecomplexity's pipeline on ``panel`` (one period), and its distance to ours.

    It gets the panel's long table (every cell, string region and industry
    codes), as a user would pass it.
    """
    if importlib.util.find_spec("ecomplexity") is None:
        return None
    from ecomplexity import ecomplexity

    region, industry = panel.region_name, panel.industry_name
    long = panel.to_long().assign(time=2020)
    cols = {"time": "time", "loc": region, "prod": industry, "val": "value"}
    with contextlib.redirect_stdout(io.StringIO()):  # it prints a log-supermodularity share
        out, seconds = timed(ecomplexity, long, cols, presence_test="rca", verbose=False)
    rca = out.pivot(index=region, columns=industry, values="rca")
    theirs = {
        "LQ": rca.reindex(index=panel.regions, columns=panel.industries).to_numpy(),
        "ECI": out.groupby(region)["eci"].first().reindex(panel.regions).to_numpy(),
        "PCI": out.groupby(industry)["pci"].first().reindex(panel.industries).to_numpy(),
    }
    agreement = ", ".join(f"{k} {_max_diff(ours[k], theirs[k]):.1e}" for k in theirs)
    return seconds, f"max |Δ| {agreement}"


def _max_diff(ours: np.ndarray, theirs: np.ndarray) -> float:
    """Largest absolute difference where both are finite (inf if NaN patterns differ)."""
    ours, theirs = np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float)
    if ours.shape != theirs.shape or not np.array_equal(np.isnan(ours), np.isnan(theirs)):
        return float("inf")
    both = np.isfinite(ours) & np.isfinite(theirs)
    return float(np.max(np.abs(ours[both] - theirs[both]), initial=0.0))


# One R script for both R peers.  Arguments: peer, source folder ("" = the
# installed package), matrix file (column-major float64), rows, columns,
# output file.  Prints the elapsed seconds of the peer call alone.
R_SCRIPT = r"""
args <- commandArgs(TRUE)
peer <- args[1]; src <- args[2]; nr <- as.integer(args[4]); nc <- as.integer(args[5])
needs <- list(econgeo = c("locational_gini.r"), reat = c("locq.R", "gini.conc.R"))[[peer]]
pkg <- c(econgeo = "EconGeo", reat = "REAT")[[peer]]
if (nzchar(src)) {
  files <- file.path(src, needs)
  if (!all(file.exists(files))) quit(status = 3)
  for (f in files) source(f)
  env <- globalenv()
} else {
  if (!suppressPackageStartupMessages(requireNamespace(pkg, quietly = TRUE))) quit(status = 3)
  env <- asNamespace(pkg)
}
m <- matrix(readBin(args[3], "double", nr * nc), nrow = nr, ncol = nc)
colnames(m) <- paste0("i", seq_len(nc))
if (peer == "econgeo") {
  f <- get("locational_gini", envir = env)
  t <- system.time(g <- f(m)$Loc_gini)[["elapsed"]]
} else {
  f <- get("gini.conc", envir = env)
  t <- system.time({
    rt <- rowSums(m)
    g <- vapply(seq_len(nc), function(k) f(m[, k], rt), numeric(1))
  })[["elapsed"]]
}
writeBin(as.double(g), args[6])
cat(t)
"""


def peer_source(folder: str | None, marker: str) -> str | None:
    """The folder holding ``marker`` (the given folder or its ``R/``), "" for none given."""
    if not folder:
        return ""
    for candidate in (Path(folder), Path(folder) / "R"):
        if (candidate / marker).is_file():
            return str(candidate)
    print(f"{folder}: no {marker} here or in R/; the peer is skipped", file=sys.stderr)
    return None


def run_r_gini(matrix: np.ndarray, peer: str, src: str | None) -> tuple[float, np.ndarray] | None:
    """Seconds and Gini vector of an R peer (``"econgeo"`` or ``"reat"``), None if absent."""
    if shutil.which("Rscript") is None or src is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        data, out, script = Path(tmp) / "m.bin", Path(tmp) / "g.bin", Path(tmp) / "gini.R"
        np.ascontiguousarray(matrix.T, dtype="<f8").tofile(data)  # column-major for R
        script.write_text(R_SCRIPT)
        args = [peer, src, str(data), str(matrix.shape[0]), str(matrix.shape[1]), str(out)]
        done = subprocess.run(["Rscript", str(script), *args], capture_output=True, text=True)
        if done.returncode != 0:
            if done.returncode != 3:
                print(f"Rscript failed for {peer}: {done.stderr.strip()}", file=sys.stderr)
            return None
        return float(done.stdout.strip()), np.fromfile(out, dtype="<f8")


# ------------------------------------------------------------------ tables
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


def print_table(title: str, rows: list[dict]) -> None:
    table = pd.DataFrame(rows).astype(object).where(lambda t: t.notna(), "")
    print(f"\n{title}")
    with pd.option_context("display.width", 250, "display.max_colwidth", 90):
        print(table.to_string(index=False))


def bench_case(rows, case: str, panel: RegionalPanel, args) -> list[dict]:
    """Time the suite on one period (and on all), the locational Gini and the peers."""
    one = panel.select_periods([panel.periods[0]]) if panel.has_periods else panel
    matrix = one.matrices[0]
    dense = matrix.nbytes
    shape = f"{matrix.shape[0]}×{matrix.shape[1]}"
    repeat = 1 if args.quick else args.repeat

    results, suite_seconds = timed(compute_suite, one, repeat=repeat)
    held = results_bytes(results)
    ours = {  # the suite's own numbers, for the agreement with ecomplexity
        "LQ": results["location_quotient"]["value"].to_numpy().reshape(matrix.shape),
        "ECI": results["eci"]["value"].to_numpy(),
        "PCI": results["pci"]["value"].to_numpy(),
    }
    del results
    peak = traced_peak(compute_suite, one)
    row(
        rows,
        case,
        f"clusterdialog suite, one period {shape}",
        suite_seconds,
        peak,
        dense,
        f"best of {repeat}; {held / dense:.2f}× dense of it is the returned tables",
    )

    _, cli_seconds = timed(suite_as_the_cli_runs_it, one, repeat=repeat)
    cli_peak = traced_peak(suite_as_the_cli_runs_it, one)
    row(
        rows,
        case,
        "  same, streamed as the CLI runs it",
        cli_seconds,
        cli_peak,
        dense,
        "shared kernels; each table written and dropped before the next",
    )

    seconds, peaks = streamed_suite(one)
    worst = max(peaks, key=peaks.get)
    row(
        rows,
        case,
        "  same, one measure at a time (suite_plan)",
        sum(seconds.values()),
        peaks[worst],
        dense,
        f"each result dropped before the next; largest: {worst}",
    )
    breakdown = [
        {
            "case": case,
            "measure": name,
            "seconds": round(seconds[name], 3),
            "share": f"{seconds[name] / sum(seconds.values()):.0%}",
            "peak/dense": round(peaks[name] / dense, 2),
        }
        for name in seconds
    ]

    gini, gini_seconds = timed(locational_gini_matrix, matrix, repeat=repeat)
    peak = traced_peak(locational_gini_matrix, matrix)
    row(rows, case, "clusterdialog locational_gini_matrix", gini_seconds, peak, dense)
    reat_gini, reat_seconds = timed(locational_gini_matrix, matrix, "reat", repeat=repeat)
    peak = traced_peak(locational_gini_matrix, matrix, "reat")
    row(
        rows, case, "clusterdialog locational_gini_matrix(method='reat')", reat_seconds, peak, dense
    )

    if panel.has_periods and len(panel.periods) > 1:
        _, seconds = timed(compute_suite, panel)
        n = len(panel.periods)
        if args.quick:
            row(rows, case, f"clusterdialog suite, {n} periods", seconds, note="untraced (--quick)")
        else:
            peak = traced_peak(compute_suite, panel)
            row(
                rows,
                case,
                f"clusterdialog suite, {n} periods",
                seconds,
                peak,
                dense * n,
                "peak/dense against all periods' matrices",
            )

    if args.quick:
        return breakdown
    _, subset_seconds = timed(compute_suite, one, names=ECOMPLEXITY_LIKE, repeat=repeat)
    row(rows, case, "clusterdialog " + ", ".join(ECOMPLEXITY_LIKE), subset_seconds)
    peer = run_ecomplexity(one, ours)
    if peer is None:
        row(
            rows,
            case,
            "py-ecomplexity ecomplexity()",
            None,
            note=f"{NOT_INSTALLED} (--group bench)",
        )
    else:
        seconds, agreement = peer
        row(
            rows,
            case,
            "py-ecomplexity ecomplexity()",
            seconds,
            note=f"suite {seconds / suite_seconds:.0f}× faster (same measures: "
            f"{seconds / subset_seconds:.0f}×); {agreement}",
        )
    for name, label, src, own, own_seconds in (
        ("econgeo", "EconGeo locational_gini (Rscript)", args.econgeo_src, gini, gini_seconds),
        ("reat", "REAT gini.conc per industry (Rscript)", args.reat_src, reat_gini, reat_seconds),
    ):
        result = run_r_gini(matrix, name, src)
        if result is None:
            row(rows, case, label, None, note=NOT_INSTALLED)
            continue
        seconds, theirs = result
        row(
            rows,
            case,
            label,
            seconds,
            note=f"ours {seconds / own_seconds:.0f}× faster; max |Δ| {_max_diff(own, theirs):.1e}",
        )
    return breakdown


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="skip the peers and the traced 10-period run"
    )
    parser.add_argument(
        "--periods",
        type=int,
        default=None,
        help="periods of the synthetic panel (10; 3 with --quick)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="timing repeats (best of)")
    parser.add_argument(
        "--econgeo-src",
        default=os.environ.get("ECONGEO_SRC"),
        help="EconGeo source (package or R/ folder); default $ECONGEO_SRC, else the R package",
    )
    parser.add_argument(
        "--reat-src",
        default=os.environ.get("REAT_SRC"),
        help="REAT source (package or R/ folder); default $REAT_SRC, else the R package",
    )
    args = parser.parse_args(argv)
    if args.periods is None:
        args.periods = 3 if args.quick else 10
    args.econgeo_src = peer_source(args.econgeo_src, "locational_gini.r")
    args.reat_src = peer_source(args.reat_src, "gini.conc.R")

    rows: list[dict] = []
    breakdown: list[dict] = []
    start = time.perf_counter()
    germany = germany_panel()
    row(rows, "germany", "read BA parquet + validate + pivot", time.perf_counter() - start)
    breakdown += bench_case(rows, "germany", germany, args)

    start = time.perf_counter()
    synthetic = synthetic_panel(n_periods=args.periods)
    row(
        rows,
        "synthetic",
        f"generate 3100×1000×{args.periods} panel",
        time.perf_counter() - start,
        note=f"{np.mean([np.mean(m > 0) for m in synthetic.matrices]):.1%} of the cells non-zero",
    )
    long = synthetic.select_periods([synthetic.periods[0]]).to_long()
    dense = synthetic.matrices[0].nbytes
    _, seconds = timed(RegionalPanel.from_long, long, period="period")
    peak = traced_peak(RegionalPanel.from_long, long, period="period")
    row(
        rows,
        "synthetic",
        f"validate + pivot long table ({len(long) / 1e6:.1f}M rows)",
        seconds,
        peak,
        dense,
    )
    del long
    breakdown += bench_case(rows, "synthetic", synthetic, args)

    print(
        f"clusterdialog benchmark; numpy {np.__version__}, pandas {pd.__version__}, "
        f"{os.cpu_count()} CPUs"
    )
    print_table("Suite and peers", rows)
    print_table("Suite by measure (one period, one measure at a time)", breakdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
