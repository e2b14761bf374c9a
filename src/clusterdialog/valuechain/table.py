"""A symmetric input-output table, validated: the one data shape of the value-chain analysis.

Rows of the intermediate block ``Z`` are the supplying sectors, columns the
using sectors (``Z[i, j]`` = deliveries of i to j).  Final demand ``Y`` has one
column per category, value added one row per component; where present,
employment (persons) and compensation of employees per sector.  Readers in
:mod:`clusterdialog.data.io_tables` build it from files; analysts build it
from arrays with :meth:`IOTable.from_arrays`.

Pure: no files, no printing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from clusterdialog.data.panel import Provenance
from clusterdialog.errors import InputError

__all__ = ["NOT_VALUE_ADDED", "IOTable"]

#: Relative tolerance of the balance checks (row and column totals against output).
BALANCE_TOLERANCE = 1e-3

#: Primary-input rows that are not value added (imports, taxes on products and the
#: booking row of negative intermediate flows moved aside by a reader).
NOT_VALUE_ADDED: tuple[str, ...] = ("imports", "taxes_on_products", "negative_intermediate_flows")


def _matrix(values, shape: tuple[int, ...], argument: str) -> np.ndarray:
    array = np.asarray(values, dtype="float64")
    if array.shape != shape:
        raise InputError(f"{argument}: expected shape {shape}, got {array.shape}")
    if not np.all(np.isfinite(array)):
        raise InputError(f"{argument}: contains missing or infinite values")
    return array


@dataclass(frozen=True, eq=False)
class IOTable:
    """A symmetric (product × product or industry × industry) input-output table.

    Attributes
    ----------
    sectors : pandas.Index
        Sector codes as strings, in the order of rows and columns.
    intermediate : numpy.ndarray
        ``Z``, n × n intermediate flows, supplier in rows, user in columns.
    final_demand : pandas.DataFrame
        ``Y``, n × k, one column per final-demand category (index = sectors).
    output : numpy.ndarray
        ``x``, total output per sector.
    value_added : pandas.DataFrame
        One row per value-added component (compensation, taxes, operating
        surplus …), one column per sector; may be empty.
    employment : numpy.ndarray or None
        Persons employed per sector, in ``employment_unit``.
    compensation : numpy.ndarray or None
        Compensation of employees per sector (needed for income multipliers and
        type II multipliers).
    household_consumption : numpy.ndarray or None
        Final consumption of households per sector (the column that becomes
        endogenous in type II multipliers).
    names : dict
        Sector code → name.
    kind : {"product", "industry"}
        Product × product or industry × industry.
    unit, employment_unit : str
        Units of the money values and of employment.
    provenance : Provenance or None
        Where the table came from.
    """

    sectors: pd.Index
    intermediate: np.ndarray
    final_demand: pd.DataFrame
    output: np.ndarray
    value_added: pd.DataFrame = field(default_factory=pd.DataFrame)
    employment: np.ndarray | None = None
    compensation: np.ndarray | None = None
    household_consumption: np.ndarray | None = None
    names: Mapping[str, str] = field(default_factory=dict)
    kind: str = "product"
    unit: str = ""
    employment_unit: str = "persons"
    provenance: Provenance | None = None

    @property
    def n(self) -> int:
        """Number of sectors."""
        return len(self.sectors)

    def gross_value_added(self) -> np.ndarray:
        """Gross value added per sector: the primary inputs except :data:`NOT_VALUE_ADDED`.

        Examples
        --------
        >>> t = IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700],
        ...     output=[1000, 2000],
        ...     value_added={"imports": [50, 400], "compensation": [600, 1000]})
        >>> t.gross_value_added()
        array([ 600., 1000.])
        """
        if self.value_added.empty:
            return np.zeros(self.n)
        rows = [r for r in self.value_added.index if r not in NOT_VALUE_ADDED]
        return self.value_added.loc[rows].to_numpy(dtype="float64").sum(axis=0)

    def name(self, sector: str) -> str:
        """The sector's name, or its code if none is known."""
        return str(self.names.get(sector, sector))

    @classmethod
    def from_arrays(
        cls,
        sectors: Sequence[str],
        intermediate,
        final_demand,
        *,
        output=None,
        value_added: pd.DataFrame | Mapping[str, Sequence[float]] | None = None,
        employment=None,
        compensation=None,
        household_consumption=None,
        names: Mapping[str, str] | None = None,
        kind: str = "product",
        unit: str = "",
        employment_unit: str = "persons",
        provenance: Provenance | None = None,
        allow_negative: Sequence[str] = (),
        tolerance: float = BALANCE_TOLERANCE,
    ) -> IOTable:
        """Validate arrays and build a table.

        Parameters
        ----------
        sectors : sequence of str
            Sector codes (strings, unique).
        intermediate : array-like
            n × n flows ``Z``.
        final_demand : array-like or DataFrame
            n × k final demand (a 1-d array is one category ``"final_demand"``).
        output : array-like, optional
            Total output; by default ``Z·1 + Y·1``.  When given, rows must
            balance: ``Z·1 + Y·1 = x`` within ``tolerance`` (relative).
        value_added : DataFrame or mapping, optional
            Components × sectors.  When given with ``output``, columns must
            balance: ``1ᵀZ + 1ᵀV = xᵀ`` within ``tolerance``.
        allow_negative : sequence of str
            Final-demand categories or value-added components that may be
            negative (inventory changes, net taxes).  Intermediate flows may
            never be negative.

        Raises
        ------
        InputError
            Naming the sector (and the row/column) for duplicate or empty codes,
            negative flows, unbalanced rows or columns, zero output with
            non-zero inputs, or wrong shapes.

        Examples
        --------
        >>> t = IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700])
        >>> t.output
        array([1000., 2000.])
        """
        codes = pd.Index([str(s) for s in sectors], name="sector")
        if codes.has_duplicates:
            raise InputError(f"sectors: duplicate codes {sorted(codes[codes.duplicated()])}")
        if any(not c.strip() for c in codes):
            raise InputError("sectors: empty sector code")
        n = len(codes)
        z = _matrix(intermediate, (n, n), "intermediate")
        negative = np.argwhere(z < 0)
        if len(negative):
            i, j = negative[0]
            raise InputError(
                f"intermediate: negative flow {z[i, j]:g} from sector {codes[i]!r} to "
                f"{codes[j]!r} ({len(negative)} negative cell(s)); intermediate flows must be ≥ 0"
            )
        if isinstance(final_demand, pd.DataFrame):
            y = final_demand.copy()
            y.index = codes
        else:
            arr = np.asarray(final_demand, dtype="float64")
            arr = arr.reshape(n, -1) if arr.ndim == 1 else arr
            y = pd.DataFrame(arr, index=codes).rename(columns=lambda c: f"final_demand_{c}")
            if y.shape[1] == 1:
                y.columns = ["final_demand"]
        _matrix(y.to_numpy(), (n, y.shape[1]), "final_demand")
        for column in y.columns:
            bad = y.index[y[column] < 0]
            if len(bad) and column not in allow_negative:
                raise InputError(
                    f"final_demand: negative value in category {column!r} for sector(s) "
                    f"{list(bad[:5])}; allow it with allow_negative=[{column!r}]"
                )
        computed = z.sum(axis=1) + y.to_numpy().sum(axis=1)
        if output is None:
            x = computed
        else:
            x = _matrix(output, (n,), "output")
            _check_balance(codes, computed, x, tolerance, "row", "Z·1 + Y·1")
        if value_added is None:
            va = pd.DataFrame()
        elif isinstance(value_added, pd.DataFrame):
            va = value_added.copy()
        else:  # mapping component -> values per sector: components become rows
            va = pd.DataFrame.from_dict(dict(value_added), orient="index")
        if not va.empty:
            if va.shape[1] != n:
                raise InputError(f"value_added: expected {n} sector columns, got {va.shape[1]}")
            va.columns = codes
            if output is not None:
                inputs = z.sum(axis=0) + va.to_numpy(dtype="float64").sum(axis=0)
                _check_balance(codes, inputs, x, tolerance, "column", "1ᵀZ + 1ᵀV")
        idle = (x <= 0) & (z.sum(axis=0) > 0)
        if idle.any():
            raise InputError(
                f"output: sector(s) {list(codes[idle][:5])} have inputs but no output; "
                "technical coefficients are undefined"
            )
        vectors = {}
        for argument, values in (
            ("employment", employment),
            ("compensation", compensation),
            ("household_consumption", household_consumption),
        ):
            vectors[argument] = None if values is None else _matrix(values, (n,), argument)
        return cls(
            sectors=codes,
            intermediate=z,
            final_demand=y,
            output=x,
            value_added=va,
            names=dict(names or {}),
            kind=kind,
            unit=unit,
            employment_unit=employment_unit,
            provenance=provenance,
            **vectors,
        )


def _check_balance(codes, computed, x, tolerance, what, formula) -> None:
    scale = np.maximum(np.abs(x), 1e-12)
    off = np.abs(computed - x) / scale
    bad = np.flatnonzero(off > tolerance)
    if len(bad):
        i = bad[np.argmax(off[bad])]
        raise InputError(
            f"table does not balance: {what} of sector {codes[i]!r}: {formula} = "
            f"{computed[i]:,.6g} but output = {x[i]:,.6g} (off by {off[i]:.2%}, tolerance "
            f"{tolerance:.2%}); {len(bad)} {what}(s) off"
        )
