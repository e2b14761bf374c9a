"""Input checks and the drivers of the point-pattern kernels (private).

:func:`prepare_points` validates the arguments of the public functions;
:class:`MComputer` and :class:`KdComputer` hold the cell grid and distances
of one pattern and compute M or Kd for any labelling of its points, which is
what the envelopes repeat.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numba import get_num_threads

from clusterdialog.errors import InputError
from clusterdialog.measures._pointpatterns_kernels import (
    build_grid,
    coarsen,
    kd_pair_histogram,
    kernel_sums,
    m_ratio_sums,
)

__all__ = [
    "KD_BINS",
    "Grid",
    "KdComputer",
    "MComputer",
    "PointInput",
    "bandwidth_nrd0",
    "make_grid",
    "prepare_points",
]

#: Number of distance bins of the Kd pair histogram.
KD_BINS = 65536
#: dbmss's default distances of M, as fractions of the window diameter (×1/800).
_M_DEFAULT_STEPS = np.concatenate(
    [[0], np.arange(1, 21), np.arange(22, 41, 2), np.arange(45, 101, 5)]
    + [np.arange(110, 201, 10), np.arange(220, 401, 20)]
).astype(float)


@dataclass(frozen=True)
class PointInput:
    """Validated point pattern: coordinates, integer type codes, weights and distances."""

    x: np.ndarray
    y: np.ndarray
    codes: np.ndarray
    reference: int
    neighbor: int
    weights: np.ndarray
    r: np.ndarray

    @property
    def univariate(self) -> bool:
        return self.reference == self.neighbor


def _bad_rows(index: pd.Index, bad: np.ndarray) -> str:
    labels = list(index[bad][:5])
    more = f" and {int(bad.sum()) - 5} more" if bad.sum() > 5 else ""
    return f"{int(bad.sum())} of {bad.size} rows (index {labels}{more})"


def _numeric(points: pd.DataFrame, column: str, argument: str) -> np.ndarray:
    values = pd.to_numeric(points[column], errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(values)
    if bad.any():
        raise InputError(
            f"{argument}: column {column!r} must hold finite numbers; "
            f"{_bad_rows(points.index, bad)} do not"
        )
    return values


def prepare_points(
    points: pd.DataFrame,
    reference: object,
    neighbor: object,
    *,
    r: object,
    x: str,
    y: str,
    mark: str,
    weight: str | None,
    measure: str,
) -> PointInput:
    """Check the arguments of :func:`kd` / :func:`m_function` and turn them into arrays."""
    if not isinstance(points, pd.DataFrame):
        raise InputError(f"points: expected a pandas DataFrame, got {type(points).__name__}")
    for argument, column in (("x", x), ("y", y), ("mark", mark), ("weight", weight)):
        if column is not None and column not in points.columns:
            raise InputError(
                f"{argument}: column {column!r} not found in points; "
                f"columns are {list(points.columns)}"
            )
    if len(points) == 0:
        raise InputError("points: expected at least one point, got an empty table")
    xs = _numeric(points, x, "x")
    ys = _numeric(points, y, "y")
    if weight is None:
        weights = np.ones(len(points))
    else:
        weights = _numeric(points, weight, "weight")
        if (weights < 0).any():
            raise InputError(
                f"weight: column {weight!r} must not be negative; "
                f"{_bad_rows(points.index, weights < 0)} are"
            )
    types, uniques = pd.factorize(points[mark], use_na_sentinel=True)
    known = list(uniques)
    neighbor = reference if neighbor is None else neighbor
    codes = []
    for argument, label in (("reference", reference), ("neighbor", neighbor)):
        if label not in known:
            shown = known[:10] + (["..."] if len(known) > 10 else [])
            raise InputError(
                f"{argument}: type {label!r} not found in column {mark!r}; types are {shown}"
            )
        codes.append(known.index(label))
    distances = _distances(r, xs, ys, measure)
    return PointInput(xs, ys, types.astype(np.int64), codes[0], codes[1], weights, distances)


def _distances(r: object, xs: np.ndarray, ys: np.ndarray, measure: str) -> np.ndarray:
    diameter = math.hypot(xs.max() - xs.min(), ys.max() - ys.min())
    if r is None:
        if not diameter > 0:
            raise InputError("r: all points share one location; give the distances r explicitly")
        if measure == "m":
            return diameter * _M_DEFAULT_STEPS / 800.0
        return np.linspace(0.0, diameter / 3.0, 512)
    try:
        values = np.asarray(r, dtype=float)
    except (TypeError, ValueError):
        raise InputError(f"r: expected a sequence of distances, got {r!r}") from None
    values = np.atleast_1d(values)
    if values.ndim != 1 or values.size == 0:
        raise InputError(f"r: expected a non-empty 1-D sequence of distances, got {r!r}")
    if not np.isfinite(values).all() or (values < 0).any():
        raise InputError(f"r: expected finite distances >= 0, got {values.tolist()}")
    if (np.diff(values) <= 0).any():
        raise InputError(f"r: expected strictly increasing distances, got {values.tolist()}")
    if measure == "kd" and not values[-1] > 0:
        raise InputError(f"r: Kd needs a largest distance > 0, got {values.tolist()}")
    return values


# ------------------------------------------------------------------- grid
@dataclass(frozen=True)
class Grid:
    """A cell grid over the bounding box of all points."""

    x0: float
    y0: float
    cell: float
    nx: int
    ny: int
    reach: int


def make_grid(xs: np.ndarray, ys: np.ndarray, distance: float, members: int) -> Grid:
    """Cells of about half ``distance``, but no more cells than about 4 per member point."""
    x0, y0 = float(xs.min()), float(ys.min())
    ex, ey = float(xs.max()) - x0, float(ys.max()) - y0
    cell = max(distance / 2.0, math.sqrt(ex * ey / (4.0 * max(members, 1))), max(ex, ey) / 2048.0)
    if not cell > 0:
        cell = 1.0
    nx, ny = int(ex / cell) + 1, int(ey / cell) + 1
    return Grid(x0, y0, cell, nx, ny, int(math.ceil(distance / cell)))


def _threads_chunks(references: int, candidates: int, parallel: bool) -> int:
    """One chunk per thread when there is enough work to share, else 1 (serial)."""
    if not parallel or references * candidates < 2_000_000:
        return 1
    return max(1, min(references, get_num_threads()))


# ---------------------------------------------------------------------- M
class MComputer:
    """M for one set of locations and distances, reused across simulated labellings.

    ``parallel=False`` (or the attribute set so) runs serially and without the
    GIL, for callers that run several computations in threads.
    """

    def __init__(self, xs: np.ndarray, ys: np.ndarray, r: np.ndarray, parallel: bool = True):
        self.x, self.y, self.r2, self.parallel = xs, ys, r * r, parallel
        self.grid = make_grid(xs, ys, float(r[-1]), xs.size)
        g = self.grid
        everyone = np.arange(xs.size, dtype=np.int64)
        self.start, self.order = build_grid(xs, ys, everyone, g.x0, g.y0, g.cell, g.nx, g.ny)
        self.sx, self.sy = xs[self.order], ys[self.order]

    def __call__(self, is_ref: np.ndarray, is_nb: np.ndarray, weights: np.ndarray) -> np.ndarray:
        ref = self.order[is_ref[self.order]]  # grid order, for locality
        w_all = weights.sum()
        w_ref = weights[ref]
        if np.array_equal(is_ref, is_nb):
            global_ratio = (w_ref.sum() - w_ref) / (w_all - w_ref)
        else:
            global_ratio = weights[is_nb].sum() / (w_all - w_ref)
        g = self.grid
        num, den = m_ratio_sums(
            ref, global_ratio, self.x, self.y, self.sx, self.sy, self.order,
            weights[self.order], is_nb[self.order], self.start, g.x0, g.y0, g.cell,
            g.nx, g.ny, g.reach, self.r2, _threads_chunks(ref.size, self.x.size, self.parallel),
        )  # fmt: skip
        with np.errstate(invalid="ignore", divide="ignore"):
            return num / den


# --------------------------------------------------------------------- Kd
def _order_statistic(count, cum, bmin, bmax, k: int) -> float:
    """The k-th smallest (0-based) binned distance; exact if its bin holds ≤ 2 distinct values."""
    b = int(np.searchsorted(cum, k, side="right"))
    c = int(count[b])
    j = k - (int(cum[b]) - c)
    if c == 1 or bmin[b] == bmax[b]:
        return float(bmin[b])
    return float(bmin[b] + (bmax[b] - bmin[b]) * j / (c - 1))


def _quantile7(count, cum, bmin, bmax, n: int, p: float) -> float:
    """R's type-7 quantile of the binned distances."""
    h = (n - 1) * p
    lo = math.floor(h)
    q = _order_statistic(count, cum, bmin, bmax, lo)
    if h > lo:
        q = (1 - (h - lo)) * q + (h - lo) * _order_statistic(count, cum, bmin, bmax, lo + 1)
    return q


def bandwidth_nrd0(count, bmin, bmax, stats) -> float:
    """R's ``bw.nrd0`` of the binned distances: 0.9 min(sd, IQR/1.34) n^(-1/5)."""
    n = int(stats[0])
    mean = stats[1] / n
    sd = math.sqrt(max((stats[2] - stats[1] * mean) / (n - 1), 0.0))
    cum = np.cumsum(count)
    iqr = _quantile7(count, cum, bmin, bmax, n, 0.75) - _quantile7(count, cum, bmin, bmax, n, 0.25)
    lo = min(sd, iqr / 1.34)
    if not lo:
        lo = sd or abs(float(bmin[np.flatnonzero(count)[0]])) or 1.0
    return 0.9 * lo * n ** (-0.2)


class KdComputer:
    """Kd for one set of locations and distances, reused across simulated labellings.

    ``parallel`` as for :class:`MComputer`; ``bandwidth`` is that of the last call.
    """

    def __init__(self, xs: np.ndarray, ys: np.ndarray, r: np.ndarray, parallel: bool = True):
        self.x, self.y, self.r, self.parallel = xs, ys, r, parallel
        self.bandwidth = math.nan  # of the last call

    def _histogram(self, ref, nb, weights, univariate, dmax, dstat):
        g = make_grid(self.x, self.y, dmax, nb.size)
        start, order = build_grid(self.x, self.y, nb, g.x0, g.y0, g.cell, g.nx, g.ny)
        chunks = _threads_chunks(ref.size, nb.size, self.parallel)
        return kd_pair_histogram(
            self.x[ref], self.y[ref], ref, weights[ref], self.x[order], self.y[order], order,
            weights[order], start, g.x0, g.y0, g.cell, g.nx, g.ny, g.reach, dmax, KD_BINS,
            dstat, KD_BINS if dstat > 0 else 1, univariate, chunks,
        )  # fmt: skip

    def __call__(self, is_ref, is_nb, weights: np.ndarray | None) -> np.ndarray:
        univariate = bool(np.array_equal(is_ref, is_nb))
        ref = np.flatnonzero(is_ref)
        nb = ref if univariate else np.flatnonzero(is_nb)
        w = np.ones(self.x.size) if weights is None else weights
        if univariate:
            total = (w[ref].sum() ** 2 - (w[ref] ** 2).sum()) / 2.0
        else:
            total = w[ref].sum() * w[nb].sum()
        rmax = float(self.r[-1])
        dmax = 2.0 * rmax
        wnode, count, bmin, bmax, stats = self._histogram(ref, nb, w, univariate, dmax, dmax)
        if stats[0] < 2:
            self.bandwidth = math.nan
            return np.full(self.r.size, np.nan)
        bw = self.bandwidth = bandwidth_nrd0(count, bmin, bmax, stats)
        if rmax + 8.0 * bw > dmax:  # the kernels reach beyond the histogram: widen it
            dmax = rmax + 8.0 * bw
            wnode = self._histogram(ref, nb, w, univariate, dmax, -1.0)[0]
        delta = dmax / KD_BINS
        step = max(1, int(bw / 128.0 / delta))  # smoothing grid: about bw/128
        coarse, coarse_reflected, reflected = coarsen(wnode, delta, step, 4.0 * bw)
        # linear binning widens every kernel by the variance spacing**2 / 6 on average
        spacing = step * delta
        smoothing = math.sqrt(max(bw * bw - spacing * spacing / 6.0, 0.25 * bw * bw))
        num, below = kernel_sums(coarse, coarse_reflected, spacing, smoothing, self.r)
        return num / (total + reflected - below)
