"""Output, income, value-added and employment multipliers, type I and type II.

Type I multipliers come from the open Leontief model ``L = (I − A)⁻¹``.
Type II multipliers make households endogenous: the compensation row
``h_r = compensation / x`` and the household-consumption column
``h_c = household consumption / household income`` are appended to ``A``.
The closed model's inverse is not formed: its top-left block follows from
``L`` by the Sherman–Morrison formula,

.. math::

    \\bar L_{11} = (I - A - h_c h_r^\\top)^{-1}
               = L + \\frac{(L h_c)(h_r^\\top L)}{1 - h_r^\\top L h_c},

so every multiplier costs a matrix-vector product once ``L`` is known.

For a row of direct coefficients ``c`` (income, value added or employment per
unit of output) the **effect** ``cᵀL`` (Miller & Blair's "simple
multiplier": income, value added or jobs per unit of final demand) and the
**type I multiplier** ``(cᵀL)_j / c_j`` (effect per unit of the direct
coefficient, ≥ 1) are reported; type II likewise with ``L̄₁₁``.

Sectors with zero output have no production recipe: their multipliers are
``NaN``.  A ratio whose direct coefficient is 0 is ``NaN`` as well.

Pure: no files, no printing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from clusterdialog.errors import InputError
from clusterdialog.valuechain.leontief import _check_table, _leontief_for
from clusterdialog.valuechain.table import IOTable

__all__ = [
    "employment_multipliers",
    "income_multipliers",
    "multiplier_effects",
    "multipliers",
    "output_multipliers",
    "value_added_multipliers",
]

HOUSEHOLDS = ("auto", "yes", "no")


def multiplier_effects(leontief, coefficients, *, income=None, consumption=None):
    """Type I and type II effects ``cᵀL`` and ``cᵀL̄₁₁`` of coefficient rows (kernel).

    ``coefficients`` is m × n (one row per kind, e.g. ones for output);
    ``income`` (``h_r``) and ``consumption`` (``h_c``) are the household row
    and column; without them the type II result is ``None``.  Raises
    :class:`InputError` if the closed model is not productive
    (``h_rᵀ L h_c ≥ 1``).
    """
    inverse = np.asarray(leontief, dtype="float64")
    c = np.atleast_2d(np.asarray(coefficients, dtype="float64"))
    type_i = c @ inverse
    if income is None or consumption is None:
        return type_i, None
    income_effect = np.asarray(income, dtype="float64") @ inverse  # h_rᵀ L
    induced = inverse @ np.asarray(consumption, dtype="float64")  # L h_c
    k = float(income_effect @ np.asarray(consumption, dtype="float64"))
    if not k < 1:
        raise InputError(
            f"households: the closed model is not productive (h_rᵀ·L·h_c = {k:.6g} ≥ 1): "
            "households spend more per unit of income than the economy pays them"
        )
    type_ii = type_i + np.outer(c @ induced, income_effect / (1.0 - k))
    return type_i, type_ii


def _households(table: IOTable, households: str, household_income):
    if households not in HOUSEHOLDS:
        allowed = ", ".join(HOUSEHOLDS)
        raise InputError(f"households: expected one of {allowed}, got {households!r}")
    missing = [
        name for name in ("compensation", "household_consumption") if getattr(table, name) is None
    ]
    if households == "no" or (households == "auto" and missing):
        return None, None
    if missing:
        raise InputError(
            f"households='yes': the table has no {' and no '.join(missing)}; type II "
            "multipliers need the compensation row and the household-consumption column"
        )
    total = float(table.compensation.sum()) if household_income is None else household_income
    if not total > 0:
        raise InputError(f"household_income: expected a positive total, got {total!r}")
    return _per_output(table, table.compensation), table.household_consumption / total


def _per_output(table: IOTable, values) -> np.ndarray:
    x = table.output
    return np.asarray(values, dtype="float64") / np.where(x > 0, x, 1.0)


def _direct(table: IOTable, kind: str, components=None) -> np.ndarray:
    if kind == "output":
        return np.ones(table.n)
    if kind == "value_added":
        va = table.value_added
        if va.empty:
            raise InputError("table: no value-added rows; value-added multipliers need them")
        if components is not None:
            unknown = [c for c in components if c not in va.index]
            if unknown:
                raise InputError(
                    f"components: {unknown} not among the value-added rows {list(va.index)}"
                )
            return _per_output(
                table, va.loc[list(components)].to_numpy(dtype="float64").sum(axis=0)
            )
        # gross value added: imports and taxes on products are primary inputs, not value added
        return _per_output(table, table.gross_value_added())
    values = getattr(table, kind)
    if values is None:
        raise InputError(f"table: no {kind} row; {kind} multipliers need it")
    return _per_output(table, values)


def _compute(table, kinds, *, households, household_income, leontief, method, components=None):
    table = _check_table(table)
    income, consumption = _households(table, households, household_income)
    direct = np.vstack([_direct(table, kind, components) for kind in kinds])
    inverse = _leontief_for(table, leontief, method)
    type_i, type_ii = multiplier_effects(inverse, direct, income=income, consumption=consumption)
    idle = table.output <= 0
    result = {}
    for row, kind in enumerate(kinds):
        columns = {"effect": type_i[row]}
        if type_ii is not None:
            columns["effect_type_ii"] = type_ii[row]
        with np.errstate(divide="ignore", invalid="ignore"):
            zero = direct[row] == 0
            for name, effect in list(columns.items()):
                ratio = np.where(zero, np.nan, effect / np.where(zero, 1.0, direct[row]))
                columns[name.replace("effect", "value")] = ratio
        columns["direct"] = direct[row]
        for values in columns.values():
            values[idle] = np.nan
        result[kind] = columns
    return table, result


def _tidy(table: IOTable, columns: dict, names) -> pd.DataFrame:
    frame = {"sector": list(table.sectors)}
    frame.update({new: columns[old] for old, new in names if old in columns})
    return pd.DataFrame(frame)


def output_multipliers(
    table: IOTable,
    *,
    households: str = "auto",
    household_income: float | None = None,
    leontief=None,
    method: str = "auto",
) -> pd.DataFrame:
    r"""Output multipliers: total output per unit of final demand of each sector.

    .. math::

        m_j = \sum_i L_{ij}, \qquad
        m^{II}_j = \sum_{i \le n} \bar L_{ij}
        \quad\text{(households endogenous, truncated to the n sectors)}

    Parameters
    ----------
    table : IOTable
        The symmetric table.
    households : {"auto", "yes", "no"}
        Type II with households endogenous: ``"auto"`` when the table has both
        ``compensation`` and ``household_consumption``; ``"yes"`` requires them.
    household_income : float, optional
        Total household income dividing household consumption into ``h_c``;
        default the table's total compensation of employees.
    leontief : array-like, optional
        A Leontief inverse already computed for this table.
    method : {"auto", "dense", "sparse"}
        Solver, as in :func:`~clusterdialog.valuechain.leontief.leontief_inverse`.

    Returns
    -------
    pandas.DataFrame
        Columns ``sector``, ``value`` (type I) and, with households,
        ``type_ii``.  ``NaN`` for sectors with zero output.

    Raises
    ------
    InputError
        Unknown ``households``; ``"yes"`` without household rows; ``I − A``
        or the closed model singular or not productive.

    Notes
    -----
    ``type_ii`` sums the n producing sectors only (Miller & Blair's
    "truncated" total multiplier, what statistical offices publish).  Their
    "total" output multiplier also counts household "output":
    add ``income_multipliers(...)["effect_type_ii"]``.  pymrio has no type II.

    References
    ----------
    .. [1] Miller & Blair (2009), sections 6.2.1–6.2.3.

    Examples
    --------
    >>> t = IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700])
    >>> output_multipliers(t).round(4)
      sector   value
    0      1  1.5182
    1      2  1.4521
    """
    table, result = _compute(
        table, ["output"], households=households, household_income=household_income,
        leontief=leontief, method=method,
    )  # fmt: skip
    return _tidy(table, result["output"], [("effect", "value"), ("effect_type_ii", "type_ii")])


_FULL = [
    ("direct", "direct"),
    ("effect", "effect"),
    ("value", "value"),
    ("effect_type_ii", "effect_type_ii"),
    ("value_type_ii", "type_ii"),
]

_RETURNS = """
    Returns
    -------
    pandas.DataFrame
        Columns ``sector``; ``direct`` (coefficient per unit of output,
        ``c_j``); ``effect`` (``(cᵀL)_j``, per unit of final demand, Miller &
        Blair's simple multiplier); ``value`` (type I multiplier
        ``effect / direct``, ≥ 1); with households ``effect_type_ii`` and
        ``type_ii``.  ``NaN`` for zero-output sectors; ``value`` is ``NaN``
        where ``direct`` is 0.

    Raises
    ------
    InputError
        The table lacks the row; or as :func:`output_multipliers`.

    References
    ----------
    .. [1] Miller & Blair (2009), sections 6.3 (income), 6.4 (employment,
       value added) and 6.2.2 (type II).
"""


def _kind_multipliers(kind, table, households, household_income, leontief, method, components):
    table, result = _compute(
        table, [kind], households=households, household_income=household_income,
        leontief=leontief, method=method, components=components,
    )  # fmt: skip
    return _tidy(table, result[kind], _FULL)


def income_multipliers(
    table: IOTable, *, households="auto", household_income=None, leontief=None, method="auto"
) -> pd.DataFrame:
    r"""Income multipliers from compensation of employees per unit of output.

    .. math:: e_j = \sum_i h_{r,i} L_{ij}, \qquad \text{type I}_j = e_j / h_{r,j},
        \quad h_{r,i} = \text{compensation}_i / x_i

    Parameters are those of :func:`output_multipliers`.
    {returns}
    Examples
    --------
    >>> t = IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700],
    ...                         compensation=[300, 500])
    >>> income_multipliers(t).round(4)
      sector  direct  effect   value
    0      1    0.30  0.4422  1.4741
    1      2    0.25  0.3795  1.5182
    """
    return _kind_multipliers("compensation", table, households, household_income, leontief,
                             method, None)  # fmt: skip


def employment_multipliers(
    table: IOTable, *, households="auto", household_income=None, leontief=None, method="auto"
) -> pd.DataFrame:
    r"""Employment multipliers: jobs per unit of final demand, and type I ratios.

    .. math:: e_j = \sum_i w_i L_{ij}, \qquad \text{type I}_j = e_j / w_j,
        \quad w_i = \text{employment}_i / x_i

    Parameters are those of :func:`output_multipliers`; units are the
    table's ``employment_unit`` per ``unit`` of money.
    {returns}
    Examples
    --------
    Miller & Blair's labour coefficients (0.3, 0.25):

    >>> t = IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700],
    ...                         employment=[300, 500])
    >>> employment_multipliers(t)["effect"].round(4).tolist()
    [0.4422, 0.3795]
    """
    return _kind_multipliers("employment", table, households, household_income, leontief,
                             method, None)  # fmt: skip


def value_added_multipliers(
    table: IOTable,
    *,
    components=None,
    households="auto",
    household_income=None,
    leontief=None,
    method="auto",
) -> pd.DataFrame:
    r"""Value-added multipliers from the table's value-added rows.

    .. math:: e_j = \sum_i v_i L_{ij}, \qquad \text{type I}_j = e_j / v_j,
        \quad v_i = \sum_{k \in \text{components}} V_{ki} / x_i

    ``components`` (default: all value-added rows) selects rows of
    ``table.value_added``; pass the components only, not also their total.
    Other parameters are those of :func:`output_multipliers`.  With all
    primary inputs domestic, ``effect`` is 1 (all final demand becomes value
    added); with imports it is below 1.
    {returns}
    Examples
    --------
    >>> t = IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700],
    ...                         value_added=pd.DataFrame([[650, 1400]], index=["B1G"]))
    >>> value_added_multipliers(t)["effect"].round(6).tolist()
    [1.0, 1.0]
    """
    return _kind_multipliers("value_added", table, households, household_income, leontief,
                             method, components)  # fmt: skip


for _function in (income_multipliers, employment_multipliers, value_added_multipliers):
    _function.__doc__ = _function.__doc__.replace("{returns}", _RETURNS)


def multipliers(
    table: IOTable, *, households="auto", household_income=None, leontief=None, method="auto"
) -> pd.DataFrame:
    r"""All multipliers the table supports, one row per sector.

    .. math:: m_j = \sum_i L_{ij}, \qquad e^{(c)}_j = \sum_i c_i L_{ij}

    Parameters are those of :func:`output_multipliers`.

    Returns
    -------
    pandas.DataFrame
        ``sector``, ``output`` [, ``output_type_ii``], then for each of
        ``income`` (compensation), ``value_added`` and ``employment`` that the
        table has: ``<kind>`` (type I ratio), ``<kind>_effect``
        [, ``<kind>_type_ii``, ``<kind>_effect_type_ii``].

    Raises
    ------
    InputError
        As :func:`output_multipliers`.

    References
    ----------
    .. [1] Miller & Blair (2009), chapter 6.

    Examples
    --------
    >>> t = IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700],
    ...                         employment=[300, 500])
    >>> list(multipliers(t).columns)
    ['sector', 'output', 'employment', 'employment_effect']
    """
    table = _check_table(table)
    kinds = ["output"]
    kinds += [k for k in ("compensation", "employment") if getattr(table, k) is not None]
    if not table.value_added.empty:
        kinds.insert(1 + (table.compensation is not None), "value_added")
    table, result = _compute(
        table, kinds, households=households, household_income=household_income,
        leontief=leontief, method=method,
    )  # fmt: skip
    frame = {"sector": list(table.sectors)}
    for kind in kinds:
        label = "income" if kind == "compensation" else kind
        columns = result[kind]
        if kind == "output":
            frame["output"] = columns["effect"]
            if "effect_type_ii" in columns:
                frame["output_type_ii"] = columns["effect_type_ii"]
            continue
        frame[label] = columns["value"]
        frame[f"{label}_effect"] = columns["effect"]
        if "value_type_ii" in columns:
            frame[f"{label}_type_ii"] = columns["value_type_ii"]
            frame[f"{label}_effect_type_ii"] = columns["effect_type_ii"]
    return pd.DataFrame(frame)
