"""numba kernels of the point-pattern measures (private).

Neighbours are found through a regular cell grid (a cell list): the points
that may be neighbours are sorted by cell once, and every reference point
visits only the cells within ``reach`` cells of its own.  No distance matrix
is ever built, so memory stays linear in the number of points.  The loops run
in parallel over chunks of reference points (``prange``); every chunk owns its
accumulators, which are summed afterwards, so the result does not depend on
the number of threads beyond the order of floating-point sums.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, prange

__all__ = ["build_grid", "coarsen", "kd_pair_histogram", "kernel_sums", "m_ratio_sums"]


@njit(cache=True, nogil=True)
def build_grid(x, y, members, x0, y0, cell, nx, ny):
    """Sort ``members`` (point indices) by grid cell: returns (cell start offsets, order)."""
    n = members.size
    start = np.zeros(nx * ny + 1, np.int64)
    cells = np.empty(n, np.int64)
    for t in range(n):
        i = members[t]
        cx = min(int((x[i] - x0) / cell), nx - 1)
        cy = min(int((y[i] - y0) / cell), ny - 1)
        c = cx * ny + cy
        cells[t] = c
        start[c + 1] += 1
    for c in range(nx * ny):
        start[c + 1] += start[c]
    fill = start[:-1].copy()
    order = np.empty(n, np.int64)
    for t in range(n):
        c = cells[t]
        order[fill[c]] = members[t]
        fill[c] += 1
    return start, order


@njit(cache=True, nogil=True)
def _m_chunk(
    t0, t1, ref, global_ratio, x, y, sx, sy, sid, sw, snb, start, x0, y0, cell, nx, ny, reach, r2,
    num, den,
):  # fmt: skip
    """Add the local and global ratios of reference points ``ref[t0:t1]`` to ``num``, ``den``."""
    nr = r2.size
    rmax2 = r2[nr - 1]
    # lut[j]: first k with r[k] >= j * rmax / 4096, a starting guess for a distance's bin
    r = np.sqrt(r2)
    scale = 4096.0 / r[nr - 1] if r[nr - 1] > 0 else 0.0
    lut = np.searchsorted(r, np.arange(4097) / scale) if scale > 0 else np.zeros(1, np.int64)
    acc_nb = np.zeros(nr)
    acc_all = np.zeros(nr)
    for t in range(t0, t1):
        i = ref[t]
        xi = x[i]
        yi = y[i]
        acc_nb[:] = 0.0
        acc_all[:] = 0.0
        cx = min(int((xi - x0) / cell), nx - 1)
        cy = min(int((yi - y0) / cell), ny - 1)
        for gx in range(max(cx - reach, 0), min(cx + reach, nx - 1) + 1):
            for gy in range(max(cy - reach, 0), min(cy + reach, ny - 1) + 1):
                g = gx * ny + gy
                for s in range(start[g], start[g + 1]):
                    if sid[s] == i:
                        continue
                    dx = xi - sx[s]
                    dy = yi - sy[s]
                    d2 = dx * dx + dy * dy
                    if d2 > rmax2:
                        continue
                    # first k with r2[k] >= d2: a guess from the table, then exact steps
                    lo = lut[min(int(math.sqrt(d2) * scale), lut.size - 1)]
                    while lo > 0 and r2[lo - 1] >= d2:
                        lo -= 1
                    while r2[lo] < d2:
                        lo += 1
                    acc_all[lo] += sw[s]
                    if snb[s]:
                        acc_nb[lo] += sw[s]
        cum_nb = 0.0
        cum_all = 0.0
        for k in range(nr):
            cum_nb += acc_nb[k]
            cum_all += acc_all[k]
            if cum_all > 0.0:
                num[k] += cum_nb / cum_all
                den[k] += global_ratio[t]


@njit(parallel=True, cache=True)
def _m_parallel(nchunks, ref, global_ratio, *args):
    nr = args[-1].size
    num = np.zeros((nchunks, nr))
    den = np.zeros((nchunks, nr))
    for c in prange(nchunks):
        t0, t1 = c * ref.size // nchunks, (c + 1) * ref.size // nchunks
        _m_chunk(t0, t1, ref, global_ratio, *args, num[c], den[c])
    return num.sum(axis=0), den.sum(axis=0)


@njit(cache=True, nogil=True)
def _m_serial(ref, global_ratio, *args):
    nr = args[-1].size
    num = np.zeros(nr)
    den = np.zeros(nr)
    _m_chunk(0, ref.size, ref, global_ratio, *args, num, den)
    return num, den


def m_ratio_sums(
    ref, global_ratio, x, y, sx, sy, sid, sw, snb, start, x0, y0, cell, nx, ny, reach, r2, nchunks
):  # fmt: skip
    """Sums over reference points of the local ratio and of the global ratio, per distance.

    A neighbour j of reference point i (``j != i``) at squared distance ``d2``
    counts at every ``r`` with ``d2 <= r**2``.  Only reference points whose
    neighbours up to ``r`` have a positive total weight enter both sums.
    ``nchunks > 1`` runs chunks of reference points in parallel.
    """
    args = (x, y, sx, sy, sid, sw, snb, start, x0, y0, cell, nx, ny, reach, r2)
    if nchunks > 1:
        return _m_parallel(nchunks, ref, global_ratio, *args)
    return _m_serial(ref, global_ratio, *args)


@njit(cache=True, nogil=True)
def _kd_chunk(
    t0, t1, rx, ry, rid, rw, sx, sy, sid, sw, start, x0, y0, cell, nx, ny, reach, dmax, dstat,
    univariate, wnode, count, bmin, bmax, stats,
):  # fmt: skip
    """Bin the pairs of reference points ``t0:t1`` (see :func:`kd_pair_histogram`)."""
    delta = dmax / (wnode.size - 2)
    dmax2 = dmax * dmax
    nstat = count.size
    delta_s = dstat / nstat if dstat > 0 else 1.0
    for t in range(t0, t1):
        i = rid[t]
        xi = rx[t]
        yi = ry[t]
        wi = rw[t]
        cx = min(int((xi - x0) / cell), nx - 1)
        cy = min(int((yi - y0) / cell), ny - 1)
        for gx in range(max(cx - reach, 0), min(cx + reach, nx - 1) + 1):
            for gy in range(max(cy - reach, 0), min(cy + reach, ny - 1) + 1):
                g = gx * ny + gy
                for s in range(start[g], start[g + 1]):
                    if univariate and sid[s] <= i:
                        continue
                    dx = xi - sx[s]
                    dy = yi - sy[s]
                    d2 = dx * dx + dy * dy
                    if d2 > dmax2:
                        continue
                    d = math.sqrt(d2)
                    if d <= dmax:
                        u = d / delta
                        k = int(u)
                        f = u - k
                        pw = wi * sw[s]
                        wnode[k] += pw * (1.0 - f)
                        wnode[k + 1] += pw * f
                    if d <= dstat:
                        b = min(int(d / delta_s), nstat - 1)
                        count[b] += 1
                        bmin[b] = min(bmin[b], d)
                        bmax[b] = max(bmax[b], d)
                        stats[0] += 1.0
                        stats[1] += d
                        stats[2] += d2


@njit(parallel=True, cache=True)
def _kd_parallel(nchunks, nbins, nstat, rx, *args):
    wnode = np.zeros((nchunks, nbins + 2))
    count = np.zeros((nchunks, nstat), np.int64)
    bmin = np.full((nchunks, nstat), np.inf)
    bmax = np.full((nchunks, nstat), -np.inf)
    stats = np.zeros((nchunks, 3))
    for c in prange(nchunks):
        t0, t1 = c * rx.size // nchunks, (c + 1) * rx.size // nchunks
        _kd_chunk(t0, t1, rx, *args, wnode[c], count[c], bmin[c], bmax[c], stats[c])
    out_min = bmin[0].copy()
    out_max = bmax[0].copy()
    for c in range(1, nchunks):
        for b in range(nstat):
            out_min[b] = min(out_min[b], bmin[c, b])
            out_max[b] = max(out_max[b], bmax[c, b])
    return wnode.sum(axis=0), count.sum(axis=0), out_min, out_max, stats.sum(axis=0)


@njit(cache=True, nogil=True)
def _kd_serial(nbins, nstat, rx, *args):
    wnode = np.zeros(nbins + 2)
    count = np.zeros(nstat, np.int64)
    bmin = np.full(nstat, np.inf)
    bmax = np.full(nstat, -np.inf)
    stats = np.zeros(3)
    _kd_chunk(0, rx.size, rx, *args, wnode, count, bmin, bmax, stats)
    return wnode, count, bmin, bmax, stats


def kd_pair_histogram(
    rx, ry, rid, rw, sx, sy, sid, sw, start, x0, y0, cell, nx, ny, reach, dmax, nbins, dstat,
    nstat, univariate, nchunks,
):  # fmt: skip
    """Histograms of the pair distances of reference × neighbour points.

    Returns:

    * ``wnode`` (``nbins + 2``): pair weights linearly binned on the nodes
      ``k * dmax / nbins`` for pairs with ``d <= dmax``;
    * ``count``, ``bmin``, ``bmax`` (``nstat``): count, smallest and largest
      distance per bin of width ``dstat / nstat`` for pairs with ``d <= dstat``
      (none when ``dstat < 0``);
    * ``stats``: number, sum and sum of squares of those distances.

    ``univariate`` counts every unordered pair once (``j > i``); ``nchunks > 1``
    runs chunks of reference points in parallel.
    """
    args = (ry, rid, rw, sx, sy, sid, sw, start, x0, y0, cell, nx, ny, reach, dmax, dstat)
    if nchunks > 1:
        return _kd_parallel(nchunks, nbins, nstat, rx, *args, univariate)
    return _kd_serial(nbins, nstat, rx, *args, univariate)


@njit(cache=True, nogil=True)
def coarsen(wnode, delta, step, limit):
    """Re-bin node weights onto every ``step``-th node; also those at distance <= ``limit``."""
    size = (wnode.size - 1) // step + 2
    coarse = np.zeros(size)
    reflected = np.zeros(size)
    total = 0.0
    for k in range(wnode.size):
        v = wnode[k]
        if v == 0.0:
            continue
        q = k // step
        f = (k % step) / step
        coarse[q] += v * (1.0 - f)
        coarse[q + 1] += v * f
        if k * delta <= limit:
            reflected[q] += v * (1.0 - f)
            reflected[q + 1] += v * f
            total += v
    return coarse, reflected, total


@njit(cache=True, nogil=True)
def kernel_sums(weights, reflected, spacing, bw, r):
    """Gaussian kernel sums of binned pair weights and their mirror images.

    ``weights[q]`` and ``reflected[q]`` sit at distance ``q * spacing``.
    Returns the density numerator at every ``r`` (kernels centred at ``+d``
    and ``-d``) and the kernel mass that falls below 0.
    """
    nq = weights.size
    window = 8.0 * bw
    out = np.zeros(r.size)
    norm = 1.0 / (bw * math.sqrt(2.0 * math.pi))
    for k in range(r.size):
        lo = max(int((r[k] - window) / spacing), 0)
        hi = min(int((r[k] + window) / spacing) + 1, nq - 1)
        total = 0.0
        for q in range(lo, hi + 1):
            z = (r[k] - q * spacing) / bw
            total += weights[q] * math.exp(-0.5 * z * z)
        hi = min(int(window / spacing) + 1, nq - 1)
        for q in range(0, hi + 1):
            if reflected[q] != 0.0:
                z = (r[k] + q * spacing) / bw
                total += reflected[q] * math.exp(-0.5 * z * z)
        out[k] = total * norm
    below = 0.0
    for q in range(nq):
        z = q * spacing / bw
        if weights[q] != 0.0 and z < 40.0:
            below += weights[q] * 0.5 * math.erfc(z / math.sqrt(2.0))
        if reflected[q] != 0.0:
            below += reflected[q] * 0.5 * math.erfc(-z / math.sqrt(2.0))
    return out, below
