"""Technical coefficients and the Leontief inverse (the demand-driven model).

The demand-driven (Leontief) model reads the intermediate flows ``Z`` column
by column: ``A = Z·diag(x)⁻¹`` are the inputs per unit of output and
``L = (I − A)⁻¹`` the total (direct and indirect) output needed per unit of
final demand.  The supply-driven (Ghosh) model, which reads them row by row,
is in :mod:`clusterdialog.valuechain.linkages` next to the forward linkages.

Each table-level function takes an :class:`~clusterdialog.valuechain.table.IOTable`
and returns a labelled square DataFrame (index and columns = sectors); the
``*_matrix`` kernels take numpy arrays.  The inverse is computed by an LU
decomposition (dense LAPACK for up to a few thousand sectors, SuperLU when the
table is sparse) and checked: a table whose ``I − A`` is singular or not
productive (no non-negative inverse) raises :class:`InputError` naming the
sectors of the offending block.

Convention for a sector with zero output (and, as :class:`IOTable` ensures, no
inputs): its coefficients are 0, so its column and row of ``L`` and ``G`` are
unit vectors, as in pymrio.  Per-sector results derived from them
(multipliers, linkages) are ``NaN`` there.  The private helpers ``_frame``,
``_output_divisor``, ``_leontief_for`` and ``_check_table`` are shared with
:mod:`.multipliers` and :mod:`.linkages`.

Pure: no files, no printing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.linalg import lapack
from scipy.sparse import linalg as sparse_linalg

from clusterdialog.errors import InputError
from clusterdialog.valuechain.table import IOTable

__all__ = [
    "leontief_inverse",
    "leontief_inverse_matrix",
    "leontief_output",
    "technical_coefficient_matrix",
    "technical_coefficients",
]

METHODS = ("auto", "dense", "sparse")
#: ``method="auto"`` uses SuperLU above this many sectors when at most this share is non-zero.
SPARSE_MIN_SECTORS = 2000
SPARSE_MAX_DENSITY = 0.05


def _output_divisor(z: np.ndarray, x: np.ndarray, axis: int, sectors=None) -> np.ndarray:
    x = np.asarray(x, dtype="float64")
    idle = x <= 0
    if idle.any():
        flows = np.abs(z).sum(axis=axis)
        bad = np.flatnonzero(idle & (flows > 0))
        if len(bad):
            names = [str(sectors[i]) if sectors is not None else int(i) for i in bad[:5]]
            side = "inputs" if axis == 0 else "sales"
            raise InputError(f"output: sector(s) {names} have {side} but no output")
    return np.where(idle, 1.0, x)


def technical_coefficient_matrix(z, x, sectors=None) -> np.ndarray:
    """Input coefficients ``A = Z·diag(x)⁻¹`` of flows ``z`` and output ``x`` (kernel).

    A column with zero output and no inputs gets coefficients 0.  ``sectors``
    (optional) only names sectors in error messages.
    """
    z = np.asarray(z, dtype="float64")
    return z / _output_divisor(z, x, 0, sectors)


def _offending_sectors(a: np.ndarray, sectors) -> str:
    """Describe the block of sectors that makes ``I − A`` singular or unproductive."""
    label = (lambda i: repr(str(sectors[i]))) if sectors is not None else str
    column_sums = a.sum(axis=0)
    parts = []
    if a.shape[0] <= 3000:
        values, vectors = np.linalg.eig(a)
        k = int(np.argmax(values.real))
        if values[k].real >= 1 - 1e-9:
            weight = np.abs(vectors[:, k])
            block = np.flatnonzero(weight > 1e-6 * weight.max())
            parts.append(
                f"spectral radius of A = {values[k].real:.6g} ≥ 1; sectors in the offending block: "
                + ", ".join(label(i) for i in block[:10])
                + (f" and {len(block) - 10} more" if len(block) > 10 else "")
            )
    heavy = np.flatnonzero(column_sums >= 1)
    if len(heavy):
        parts.append(
            "sectors whose input coefficients sum to ≥ 1: "
            + ", ".join(f"{label(i)} ({column_sums[i]:.4g})" for i in heavy[:10])
        )
    return "; ".join(parts) or "no single sector stands out (check for nearly dependent rows)"


def _dense_inverse(a) -> np.ndarray:
    """``(I − A)⁻¹`` by LAPACK ``dgesv``; singular if its reciprocal condition number < ε."""
    m = np.array(a, dtype="float64", order="F")
    if not m.size:
        return np.zeros(m.shape)
    np.negative(m, out=m)
    m[np.diag_indices_from(m)] += 1.0
    norm = float(np.abs(m).sum(axis=0).max())
    factors, _, inverse, info = lapack.dgesv(m, np.eye(len(m), order="F"), 1, 1)
    if info > 0:
        raise np.linalg.LinAlgError(f"pivot {info} of the LU decomposition is exactly 0")
    rcond, _ = lapack.dgecon(factors, norm, norm="1")
    if rcond < np.finfo("float64").eps:
        raise np.linalg.LinAlgError(f"reciprocal condition number {rcond:.1e}")
    return inverse


def leontief_inverse_matrix(a, *, method: str = "auto", sectors=None) -> np.ndarray:
    """Leontief inverse ``L = (I − A)⁻¹`` of a coefficient matrix (kernel).

    ``a`` is a dense array or a scipy sparse matrix; ``method`` as in
    :func:`leontief_inverse`.  Returns a dense float64 array.  Raises
    :class:`InputError` (naming ``sectors`` where given) if ``I − A`` is
    singular or its inverse has negative entries.
    """
    if method not in METHODS:
        raise InputError(f"method: expected one of {', '.join(METHODS)}, got {method!r}")
    is_sparse = sparse.issparse(a)
    n = a.shape[0]
    if a.ndim != 2 or a.shape[1] != n:
        raise InputError(f"coefficients: expected a square matrix, got shape {a.shape}")
    if method == "auto":
        density = (a.nnz if is_sparse else np.count_nonzero(a)) / max(n * n, 1)
        method = "sparse" if n >= SPARSE_MIN_SECTORS and density <= SPARSE_MAX_DENSITY else "dense"
    try:
        if method == "sparse":
            m = sparse.identity(n, format="csc") - sparse.csc_matrix(a, dtype="float64")
            inverse = sparse_linalg.splu(m).solve(np.eye(n))
        else:
            inverse = _dense_inverse(a.toarray() if is_sparse else a)
    except (np.linalg.LinAlgError, RuntimeError) as error:
        dense = a.toarray() if is_sparse else np.asarray(a, dtype="float64")
        detail = _offending_sectors(dense, sectors)
        raise InputError(f"I − A is singular: no Leontief inverse ({error}); {detail}") from None
    low, high = (float(inverse.min()), float(inverse.max())) if n else (0.0, 0.0)
    if not (np.isfinite(low) and np.isfinite(high)) or low < -1e-9 * max(1.0, high):
        dense = a.toarray() if is_sparse else np.asarray(a, dtype="float64")
        raise InputError(
            "I − A is not productive: its inverse has negative entries (an economy that "
            f"uses up more than it produces); {_offending_sectors(dense, sectors)}"
        )
    return inverse


def _frame(matrix: np.ndarray, sectors: pd.Index) -> pd.DataFrame:
    index = pd.Index(sectors, name="sector")
    return pd.DataFrame(matrix, index=index, columns=pd.Index(sectors, name="sector"))


def _check_table(table) -> IOTable:
    if not isinstance(table, IOTable):
        raise InputError(f"table: expected an IOTable, got {type(table).__name__}")
    return table


def technical_coefficients(table: IOTable) -> pd.DataFrame:
    r"""Technical (input) coefficients of an input-output table.

    .. math:: a_{ij} = z_{ij} / x_j

    Parameters
    ----------
    table : IOTable
        The symmetric table (``Z`` supplier rows × user columns, output ``x``).

    Returns
    -------
    pandas.DataFrame
        ``A``, n × n, index and columns = sector codes (named ``sector``):
        inputs from the row sector per unit of output of the column sector.

    Raises
    ------
    InputError
        If ``table`` is not an :class:`IOTable`.

    Notes
    -----
    A sector with zero output has coefficients 0 (pymrio does the same; R's
    iotables leaves such columns out).  Coefficients of a domestic-use table
    are domestic input coefficients; imports are not in ``Z``.

    References
    ----------
    .. [1] Leontief, W. (1936). Quantitative input and output relations in the
       economic system of the United States. *The Review of Economics and
       Statistics* 18(3), 105–125. doi:10.2307/1927837
    .. [2] Miller, R. E., & Blair, P. D. (2009). *Input-Output Analysis:
       Foundations and Extensions* (2nd ed.), section 2.2. Cambridge University Press.

    Examples
    --------
    Miller & Blair's two-sector example (Table 2.3):

    >>> t = IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700])
    >>> technical_coefficients(t).round(4)
    sector     1     2
    sector
    1       0.15  0.25
    2       0.20  0.05
    """
    table = _check_table(table)
    a = technical_coefficient_matrix(table.intermediate, table.output, table.sectors)
    return _frame(a, table.sectors)


def _coefficients_of(table_or_a):
    """(A as array or sparse matrix, sectors or None, labelled?) from the accepted inputs."""
    if isinstance(table_or_a, IOTable):
        a = technical_coefficient_matrix(
            table_or_a.intermediate, table_or_a.output, table_or_a.sectors
        )
        return a, table_or_a.sectors, True
    if isinstance(table_or_a, pd.DataFrame):
        if not table_or_a.index.astype(str).equals(table_or_a.columns.astype(str)):
            raise InputError("coefficients: index and columns must list the same sectors in order")
        return table_or_a.to_numpy(dtype="float64"), table_or_a.index.astype(str), True
    if sparse.issparse(table_or_a):
        return table_or_a, None, False
    a = np.asarray(table_or_a, dtype="float64")
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise InputError(f"coefficients: expected a square matrix, got shape {a.shape}")
    return a, None, False


def leontief_inverse(table_or_a, *, method: str = "auto"):
    r"""Leontief inverse: total output needed per unit of final demand.

    .. math:: L = (I - A)^{-1}, \qquad x = L f

    Parameters
    ----------
    table_or_a : IOTable, DataFrame, numpy.ndarray or scipy.sparse matrix
        A table, or technical coefficients ``A`` (a labelled square DataFrame
        as from :func:`technical_coefficients`, or an array, e.g. a
        regionalised coefficient matrix).
    method : {"auto", "dense", "sparse"}
        ``"dense"``: LU with partial pivoting (LAPACK ``gesv``); ``"sparse"``:
        SuperLU on ``I − A`` in CSC form, then solved for the identity;
        ``"auto"`` (default): sparse for a sparse matrix of at least 2,000
        sectors with at most 5 % non-zero cells, otherwise dense.

    Returns
    -------
    pandas.DataFrame or numpy.ndarray
        ``L`` (dense), labelled with the sectors for a table or DataFrame, a
        plain array for an array or sparse matrix.

    Raises
    ------
    InputError
        If ``method`` is unknown, the matrix is not square, or ``I − A`` is
        singular or not productive (``L`` with negative entries); the message
        names the sectors of the offending block (the support of the Perron
        eigenvector of ``A``) and the sectors whose coefficients sum to ≥ 1.

    Notes
    -----
    A column sum of ``A`` above 1 alone does not make the table unusable (it
    can happen in an unbalanced multi-regional table); what matters is the
    spectral radius of ``A`` being below 1 (Hawkins–Simon condition), which
    is checked through the sign of ``L``.  For ``x = L f`` on large sparse
    tables without forming ``L`` use :func:`leontief_output`.

    References
    ----------
    .. [1] Miller & Blair (2009), sections 2.3 and 2.6 (Hawkins–Simon conditions).
    .. [2] Stadler, K. (2021). Pymrio – a Python based multi-regional
       input-output analysis toolbox. *Journal of Open Research Software* 9(1), 8.
       doi:10.5334/jors.251

    Examples
    --------
    >>> t = IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700])
    >>> leontief_inverse(t).round(4)
    sector       1       2
    sector
    1       1.2541  0.3300
    2       0.2640  1.1221
    >>> leontief_inverse(np.array([[0.5, 0.6], [0.6, 0.5]]))
    Traceback (most recent call last):
    ...
    clusterdialog.errors.InputError: I − A is not productive: ...
    """
    a, sectors, labelled = _coefficients_of(table_or_a)
    inverse = leontief_inverse_matrix(a, method=method, sectors=sectors)
    return _frame(inverse, sectors) if labelled else inverse


def _leontief_for(table: IOTable, leontief, method: str) -> np.ndarray:
    """The given Leontief inverse (checked) or a fresh one."""
    if leontief is None:
        a = technical_coefficient_matrix(table.intermediate, table.output, table.sectors)
        return leontief_inverse_matrix(a, method=method, sectors=table.sectors)
    inverse = np.asarray(leontief, dtype="float64")
    if inverse.shape != (table.n, table.n):
        raise InputError(f"leontief: expected shape {(table.n, table.n)}, got {inverse.shape}")
    return inverse


def leontief_output(table_or_a, final_demand, *, method: str = "auto"):
    r"""Output needed for a given final demand.

    .. math:: x = (I - A)^{-1} f

    For a sparse matrix (``method="sparse"``, or ``"auto"`` with a scipy
    sparse input) the system is solved by SuperLU without forming ``L``.

    Parameters
    ----------
    table_or_a : IOTable, DataFrame, numpy.ndarray or scipy.sparse matrix
        As in :func:`leontief_inverse`.
    final_demand : array-like, Series or DataFrame
        A vector (n) or several scenarios (n × k).  A Series/DataFrame is
        aligned on the sectors.
    method : {"auto", "dense", "sparse"}
        As in :func:`leontief_inverse`.

    Returns
    -------
    pandas.DataFrame or numpy.ndarray
        For a labelled input: columns ``sector`` and ``value`` (one scenario)
        or one column per scenario; otherwise an array.

    Raises
    ------
    InputError
        Shape or sector mismatch, or ``I − A`` singular (as :func:`leontief_inverse`).

    References
    ----------
    .. [1] Miller & Blair (2009), section 2.3.

    Examples
    --------
    Miller & Blair's new final demand (600, 1500):

    >>> t = IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700])
    >>> leontief_output(t, [600, 1500]).round(4)
      sector      value
    0      1  1247.5248
    1      2  1841.5842
    """
    a, sectors, labelled = _coefficients_of(table_or_a)
    n = a.shape[0]
    if isinstance(final_demand, pd.Series | pd.DataFrame) and sectors is not None:
        missing = pd.Index(sectors).difference(final_demand.index.astype(str))
        if len(missing):
            raise InputError(f"final_demand: no value for sector(s) {list(missing[:5])}")
        final_demand = final_demand.set_axis(final_demand.index.astype(str)).loc[sectors]
    f = np.asarray(final_demand, dtype="float64")
    if f.shape[0] != n or f.ndim > 2:
        raise InputError(f"final_demand: expected {n} values per scenario, got shape {f.shape}")
    if method == "sparse" or (method == "auto" and sparse.issparse(a)):
        m = sparse.identity(n, format="csc") - sparse.csc_matrix(a, dtype="float64")
        try:
            x = sparse_linalg.splu(m).solve(f)
        except RuntimeError as error:
            raise InputError(f"I − A is singular: {error}") from None
    else:
        x = leontief_inverse_matrix(a, method="dense", sectors=sectors) @ f
    if not labelled:
        return x
    if x.ndim == 1:
        return pd.DataFrame({"sector": list(sectors), "value": x})
    columns = final_demand.columns if isinstance(final_demand, pd.DataFrame) else None
    return pd.DataFrame(x, index=pd.Index(sectors, name="sector"), columns=columns)
