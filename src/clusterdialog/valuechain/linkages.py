"""The supply-driven (Ghosh) model, backward and forward linkages, key sectors, extraction.

Allocation coefficients ``B = diag(x)⁻¹·Z`` (sales per unit of output) and the
Ghosh inverse ``G = (I − B)⁻¹`` read the flows row by row; they measure
forward linkages (Miller & Blair 2009, chapter 12, treat both together).

A sector's **backward linkage** measures how much it buys from the others
(columns of ``A`` and ``L``), its **forward linkage** how much it sells to them
(rows of ``B`` and of the Ghosh inverse ``G``).  Normalised by their average
they become the Rasmussen–Hirschman indices (power and sensitivity of
dispersion); a **key sector** has both above 1.  Hypothetical extraction
measures the output an economy would lose without the sector.

Everything is computed from ``A`` and ``L`` with matrix-vector products:
``Σ_j B_ij = (A x)_i / x_i`` and ``Σ_j G_ij = (L x)_i / x_i``, so neither ``B``
nor ``G`` is formed, and the extractions of all sectors follow in closed form
from ``L`` (Sherman–Morrison) instead of n further inverses.

Sectors with zero output get ``NaN`` and are left out of the averages.

Pure: no files, no printing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterdialog.errors import InputError
from clusterdialog.valuechain.leontief import (
    _check_table,
    _frame,
    _leontief_for,
    _output_divisor,
    technical_coefficient_matrix,
)
from clusterdialog.valuechain.table import IOTable

__all__ = [
    "allocation_coefficient_matrix",
    "allocation_coefficients",
    "extraction_arrays",
    "ghosh_inverse",
    "ghosh_inverse_matrix",
    "hypothetical_extraction",
    "linkage_arrays",
    "linkages",
]

FORWARD = ("ghosh", "leontief")
CATEGORIES = ("key", "backward_oriented", "forward_oriented", "weak")


def allocation_coefficient_matrix(z, x, sectors=None) -> np.ndarray:
    """Output (allocation) coefficients ``B = diag(x)⁻¹·Z`` (kernel); zero-output rows are 0."""
    z = np.asarray(z, dtype="float64")
    return z / _output_divisor(z, x, 1, sectors)[:, None]


def ghosh_inverse_matrix(leontief, x) -> np.ndarray:
    """Ghosh inverse ``G = diag(x)⁻¹·L·diag(x)`` from the Leontief inverse (kernel).

    Rows and columns of zero-output sectors are unit vectors, as ``(I − B)⁻¹`` gives.
    """
    x = np.asarray(x, dtype="float64")
    safe = np.where(x > 0, x, 1.0)
    return np.asarray(leontief, dtype="float64") * (safe[None, :] / safe[:, None])


def allocation_coefficients(table: IOTable) -> pd.DataFrame:
    r"""Allocation (output) coefficients of the supply-driven Ghosh model.

    .. math:: b_{ij} = z_{ij} / x_i

    Parameters
    ----------
    table : IOTable
        The symmetric table.

    Returns
    -------
    pandas.DataFrame
        ``B``, n × n, index and columns = sectors: share of the row sector's
        output sold to the column sector.  Zero-output rows are 0.

    Raises
    ------
    InputError
        If ``table`` is not an :class:`IOTable`.

    References
    ----------
    .. [1] Ghosh, A. (1958). Input-output approach in an allocation system.
       *Economica* 25(97), 58–64. doi:10.2307/2550694
    .. [2] Miller & Blair (2009), section 12.1.

    Examples
    --------
    >>> t = IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700])
    >>> allocation_coefficients(t).round(4)
    sector     1     2
    sector
    1       0.15  0.50
    2       0.10  0.05
    """
    table = _check_table(table)
    b = allocation_coefficient_matrix(table.intermediate, table.output, table.sectors)
    return _frame(b, table.sectors)


def ghosh_inverse(table: IOTable, *, leontief=None, method: str = "auto") -> pd.DataFrame:
    r"""Ghosh inverse: total output per unit of primary input (supply-driven model).

    .. math:: G = (I - B)^{-1} = \hat{x}^{-1} L \hat{x}, \qquad x^\top = v^\top G

    Parameters
    ----------
    table : IOTable
        The symmetric table.
    leontief : array-like, optional
        A Leontief inverse already computed for this table (skips the solve).
    method : {"auto", "dense", "sparse"}
        As in :func:`leontief_inverse`.

    Returns
    -------
    pandas.DataFrame
        ``G``, n × n, index and columns = sectors.

    Raises
    ------
    InputError
        As :func:`leontief_inverse`; or ``leontief`` of the wrong shape.

    Notes
    -----
    Computed from ``L`` by similarity (one inverse for both models); equals
    pymrio's ``calc_G`` to rounding.  The Ghosh model is used here for forward
    linkages, its plausible reading (Dietzenbacher 1997), not as a quantity model.

    References
    ----------
    .. [1] Ghosh (1958), doi:10.2307/2550694.
    .. [2] Dietzenbacher, E. (1997). In vindication of the Ghosh model: a
       reinterpretation as a price model. *Journal of Regional Science* 37(4),
       629–651. doi:10.1111/0022-4146.00073

    Examples
    --------
    >>> t = IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700])
    >>> ghosh_inverse(t).round(4)
    sector      1       2
    sector
    1       1.254  0.6601
    2       0.132  1.1221
    """
    table = _check_table(table)
    inverse = _leontief_for(table, leontief, method)
    return _frame(ghosh_inverse_matrix(inverse, table.output), table.sectors)


def _normalised(values: np.ndarray, active: np.ndarray) -> np.ndarray:
    total = values[active].sum()
    out = np.full(values.shape, np.nan)
    if total > 0:
        out[active] = active.sum() * values[active] / total
    return out


def linkage_arrays(a, leontief, x, *, forward: str = "ghosh") -> dict[str, np.ndarray]:
    """Direct and total linkages and their normalised indices as arrays (kernel).

    Returns a dict with the value columns of :func:`linkages` (``key_sector``
    boolean, ``category`` an object array).  ``NaN`` where ``x`` is 0.
    """
    if forward not in FORWARD:
        raise InputError(f"forward: expected one of {', '.join(FORWARD)}, got {forward!r}")
    a = np.asarray(a, dtype="float64")
    inverse = np.asarray(leontief, dtype="float64")
    x = np.asarray(x, dtype="float64")
    active = x > 0
    safe = np.where(active, x, 1.0)
    columns = {
        "direct_backward": a.sum(axis=0),
        "total_backward": inverse.sum(axis=0),
        "direct_forward": (a @ x) / safe,
        "total_forward": (inverse @ x) / safe if forward == "ghosh" else inverse.sum(axis=1),
    }
    for values in columns.values():
        values[~active] = np.nan
    columns["backward"] = _normalised(columns["total_backward"], active)
    columns["forward"] = _normalised(columns["total_forward"], active)
    columns["backward_direct"] = _normalised(columns["direct_backward"], active)
    columns["forward_direct"] = _normalised(columns["direct_forward"], active)
    strong_b = columns["backward"] > 1
    strong_f = columns["forward"] > 1
    columns["key_sector"] = strong_b & strong_f
    category = np.select(
        [strong_b & strong_f, strong_b, strong_f, active], list(CATEGORIES), default=""
    ).astype(object)
    category[~active] = None
    columns["category"] = category
    return columns


def linkages(
    table: IOTable, *, forward: str = "ghosh", leontief=None, method: str = "auto"
) -> pd.DataFrame:
    r"""Backward and forward linkages, Rasmussen–Hirschman indices and key sectors.

    .. math::

        BL_j = \frac{n \sum_i L_{ij}}{\sum_{ij} L_{ij}}, \qquad
        FL_i = \frac{n \sum_j G_{ij}}{\sum_{ij} G_{ij}}, \qquad
        \text{key}_j \iff BL_j > 1 \wedge FL_j > 1

    Parameters
    ----------
    table : IOTable
        The symmetric table.
    forward : {"ghosh", "leontief"}
        Total forward linkage from the rows of the Ghosh inverse ``G``
        (default, as Miller & Blair recommend) or of ``L`` (Rasmussen's
        sensitivity of dispersion).
    leontief : array-like, optional
        A Leontief inverse already computed for this table.
    method : {"auto", "dense", "sparse"}
        Solver, as in :func:`~clusterdialog.valuechain.leontief.leontief_inverse`.

    Returns
    -------
    pandas.DataFrame
        One row per sector: ``sector``; ``direct_backward`` (``Σ_i A_ij``),
        ``total_backward`` (``Σ_i L_ij``, the output multiplier),
        ``direct_forward`` (``Σ_j B_ij``), ``total_forward`` (``Σ_j G_ij``, or
        ``Σ_j L_ij``); ``backward`` and ``forward`` (the total linkages
        normalised to mean 1: power and sensitivity of dispersion);
        ``backward_direct`` and ``forward_direct`` (direct linkages normalised
        likewise); ``key_sector`` (both indices > 1); ``category``: ``"key"``,
        ``"backward_oriented"``, ``"forward_oriented"`` or ``"weak"``.
        Zero-output sectors: ``NaN``, not key, category missing.

    Raises
    ------
    InputError
        Unknown ``forward``; ``I − A`` singular or not productive.

    Notes
    -----
    Averages run over the sectors with output.  Peers: R ioanalysis'
    ``linkages`` normalises the same way; pymrio computes ``L``, ``G`` but no
    indices.  Some authors use the row sums of ``L`` for forward linkages
    (``forward="leontief"``); Miller & Blair (section 12.2) advise against
    it because it presumes that all sectors' final demands rise by one unit.

    References
    ----------
    .. [1] Rasmussen, P. N. (1956). *Studies in Inter-Sectoral Relations*.
       Amsterdam: North-Holland.
    .. [2] Hirschman, A. O. (1958). *The Strategy of Economic Development*.
       New Haven: Yale University Press.
    .. [3] Miller & Blair (2009), sections 12.1–12.2.

    Examples
    --------
    >>> t = IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700])
    >>> linkages(t)[["sector", "backward", "forward", "key_sector"]].round(4)
      sector  backward  forward  key_sector
    0      1    1.0222   1.2083        True
    1      2    0.9778   0.7917       False
    """
    table = _check_table(table)
    inverse = _leontief_for(table, leontief, method)
    a = technical_coefficient_matrix(table.intermediate, table.output, table.sectors)
    columns = linkage_arrays(a, inverse, table.output, forward=forward)
    return pd.DataFrame({"sector": list(table.sectors), **columns})


def extraction_arrays(leontief, x) -> dict[str, np.ndarray]:
    """Output losses of extracting each sector, in closed form from ``L`` (kernel).

    Returns ``total``, ``backward``, ``forward`` (see
    :func:`hypothetical_extraction`); ``NaN`` where ``x`` is 0.
    """
    inverse = np.asarray(leontief, dtype="float64")
    x = np.asarray(x, dtype="float64")
    active = x > 0
    diagonal = np.diagonal(inverse)
    column_sums = inverse.sum(axis=0)
    columns = {
        "total": column_sums * x / diagonal,
        "backward": (column_sums - 1.0) * x / diagonal,
        "forward": (inverse @ x - x) / diagonal,
    }
    for values in columns.values():
        values[~active] = np.nan
    return columns


def hypothetical_extraction(table: IOTable, *, leontief=None, method: str = "auto") -> pd.DataFrame:
    r"""Hypothetical extraction: the output lost if a sector disappeared.

    .. math::

        T_j = \mathbf 1^\top x - \mathbf 1^\top \bar x_{(j)}
            = \frac{x_j \sum_i L_{ij}}{L_{jj}}, \qquad
        \overline{BL}_j = \frac{x_j (\sum_i L_{ij} - 1)}{L_{jj}}, \qquad
        \overline{FL}_j = \frac{x_j (\sum_k G_{jk} - 1)}{L_{jj}}

    ``x̄₍ⱼ₎ = (I − Ā₍ⱼ₎)⁻¹ f̄₍ⱼ₎`` is the output of the economy with row and
    column j deleted (total extraction, final demand of the others
    unchanged); for the backward linkage only column j of ``A`` is set to 0
    (j buys nothing from the others), for the forward linkage only row j of
    ``B`` (j sells nothing to the others; Ghosh model, primary inputs fixed).

    Parameters
    ----------
    table : IOTable
        The symmetric table.
    leontief : array-like, optional
        A Leontief inverse already computed for this table.
    method : {"auto", "dense", "sparse"}
        Solver, as in :func:`~clusterdialog.valuechain.leontief.leontief_inverse`.

    Returns
    -------
    pandas.DataFrame
        ``sector``, ``total`` (``T_j``, including the sector's own output),
        ``backward``, ``forward`` (money units of the table) and
        ``total_share``, ``backward_share``, ``forward_share`` (the same
        divided by the economy's total output ``1ᵀx``).  ``NaN`` for sectors
        with zero output.

    Raises
    ------
    InputError
        ``I − A`` singular or not productive.

    Notes
    -----
    The closed forms follow from the inverse of a submatrix (total) and the
    Sherman–Morrison formula (backward, forward) applied to ``L``; the tests
    check them against explicit re-inversion.  Miller & Lahr (2001) review the
    variants; Dietzenbacher & van der Linden (1997) use the partial
    extractions as backward and forward linkages.

    References
    ----------
    .. [1] Miller & Blair (2009), section 12.2 (linkages, hypothetical extraction).
    .. [2] Dietzenbacher, E., & van der Linden, J. A. (1997). Sectoral and
       spatial linkages in the EC production structure. *Journal of Regional
       Science* 37(2), 235–257. doi:10.1111/0022-4146.00053
    .. [3] Miller, R. E., & Lahr, M. L. (2001). A taxonomy of extractions. In
       M. L. Lahr & R. E. Miller (eds.), *Regional Science Perspectives in
       Economic Analysis*, 407–441. Amsterdam: Elsevier.

    Examples
    --------
    >>> t = IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700])
    >>> hypothetical_extraction(t)[["sector", "total", "backward", "forward"]].round(2)
      sector    total  backward  forward
    0      1  1210.53    413.16   728.95
    1      2  2588.24    805.88   452.94
    """
    table = _check_table(table)
    inverse = _leontief_for(table, leontief, method)
    columns = extraction_arrays(inverse, table.output)
    total_output = table.output[table.output > 0].sum()
    for name in ("total", "backward", "forward"):
        columns[f"{name}_share"] = columns[name] / total_output
    return pd.DataFrame({"sector": list(table.sectors), **columns})
