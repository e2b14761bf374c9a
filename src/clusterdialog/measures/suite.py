"""The measure suite: every panel measure with its default options, in one registry.

The command line (``clusterdialog measures``), the benchmark and the property
tests iterate over :data:`SUITE`.  Each entry names the public function (its
name is the name of the output table), the options the suite passes, the shape
of its result and the invariants it obeys, so that a new measure is added in
one place and is tested, timed and written by the CLI from then on.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.errors import ConvergenceError, DataQualityWarning, InputError
from clusterdialog.measures._cache import shared_kernels
from clusterdialog.measures.complexity import eci, pci
from clusterdialog.measures.concentration import hoover_index, locational_gini
from clusterdialog.measures.cooccurrence import co_occurrence, proximity
from clusterdialog.measures.inequality import herfindahl, shannon_entropy, theil
from clusterdialog.measures.location_quotients import location_quotient
from clusterdialog.measures.relatedness import relatedness, relatedness_density
from clusterdialog.measures.shiftshare import shift_share
from clusterdialog.measures.specialisation import (
    krugman_index,
    specialisation_coefficient,
    specialisation_gini,
)

__all__ = ["SUITE", "SuiteMeasure", "compute_suite", "shared_kernels", "suite_plan"]

Shape = Literal["cell", "region", "industry", "industry_pair", "region_components"]


@dataclass(frozen=True)
class SuiteMeasure:
    """One measure of the suite.

    Attributes
    ----------
    function : callable
        The public measure; its ``__name__`` names the output table.
    shape : str
        One row per ``cell``, ``region``, ``industry`` or ``industry_pair``
        (and period); ``region_components`` for several value columns per
        region, written long as ``component``/``value``.
    options : mapping
        Keyword options the suite passes.
    min_periods : int
        Periods the measure needs (2 for shift-share).
    scale_invariant : bool
        Multiplying every value by a constant leaves the result unchanged.
    """

    function: Callable[..., pd.DataFrame]
    shape: Shape
    options: Mapping[str, object] = field(default_factory=dict)
    min_periods: int = 1
    scale_invariant: bool = True

    @property
    def name(self) -> str:
        """Name of the measure and of its output table."""
        return self.function.__name__


SUITE: tuple[SuiteMeasure, ...] = (
    SuiteMeasure(location_quotient, "cell"),
    SuiteMeasure(krugman_index, "region"),
    SuiteMeasure(specialisation_coefficient, "region"),
    SuiteMeasure(specialisation_gini, "region"),
    SuiteMeasure(herfindahl, "region"),
    SuiteMeasure(shannon_entropy, "region"),
    SuiteMeasure(theil, "region"),
    SuiteMeasure(locational_gini, "industry"),
    SuiteMeasure(hoover_index, "industry"),
    SuiteMeasure(co_occurrence, "industry_pair"),
    SuiteMeasure(proximity, "industry_pair"),
    SuiteMeasure(relatedness, "industry_pair"),
    SuiteMeasure(relatedness_density, "cell"),
    SuiteMeasure(eci, "region"),
    SuiteMeasure(pci, "industry"),
    SuiteMeasure(shift_share, "region_components", min_periods=2, scale_invariant=False),
)


def _by_name() -> dict[str, SuiteMeasure]:
    return {m.name: m for m in SUITE}


def _call(entry: SuiteMeasure, panel: RegionalPanel, *, named: bool) -> pd.DataFrame | None:
    try:
        return _compute(entry, panel)
    except ConvergenceError as exc:
        if named:
            raise
        warnings.warn(f"{entry.name} not computed: {exc}", DataQualityWarning, stacklevel=3)
        return None


def _compute(entry: SuiteMeasure, panel: RegionalPanel) -> pd.DataFrame:
    options = dict(entry.options)
    if entry.min_periods > 1:
        options.update(period=panel.period_name, start=panel.periods[0], end=panel.periods[-1])
    result = entry.function(panel, **options)
    if entry.shape == "region_components":
        keys = [c for c in result.columns if c in (panel.region_name, "start", "end")]
        result = result.melt(id_vars=keys, var_name="component", value_name="value")
    return result


def suite_plan(
    panel: RegionalPanel, *, names: list[str] | None = None
) -> list[tuple[str, Callable[[], pd.DataFrame | None]]]:
    """The measures to compute on ``panel``, as ``(name, thunk)`` pairs.

    Measures that need more periods than the panel has are left out unless
    named explicitly, in which case an :class:`InputError` says why.  In the
    whole suite, a measure that is not defined for the data (ECI of a
    disconnected region–industry network) is skipped with a
    :class:`DataQualityWarning` and its thunk returns ``None``; a measure
    named explicitly raises instead.

    Raises
    ------
    InputError
        For an unknown measure name (listing the known ones), or a named
        measure the panel cannot serve.
    """
    known = _by_name()
    if names:
        unknown = [n for n in names if n not in known]
        if unknown:
            raise InputError(
                f"measure: unknown measure(s) {unknown}; known measures are {sorted(known)}"
            )
        chosen = [known[n] for n in dict.fromkeys(names)]
    else:
        chosen = [m for m in SUITE if len(panel.periods) >= m.min_periods]
    plan = []
    for entry in chosen:
        if len(panel.periods) < entry.min_periods:
            raise InputError(
                f"measure: {entry.name} needs at least {entry.min_periods} periods; the panel has "
                f"{len(panel.periods)} (give --period-col)"
            )
        plan.append((entry.name, lambda entry=entry: _call(entry, panel, named=bool(names))))
    return plan


def compute_suite(
    panel: RegionalPanel, *, names: list[str] | None = None
) -> dict[str, pd.DataFrame]:
    """Compute the suite (or the named measures) on an already validated panel.

    Resolve suppressed cells first (:meth:`RegionalPanel.resolve_suppressed`):
    the measures are called with ``suppressed="error"``.

    Examples
    --------
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.data.panel import RegionalPanel
    >>> import warnings
    >>> panel = RegionalPanel.from_long(load_bw_occupations(), industry="occupation",
    ...                                 value="employees")
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     panel = panel.resolve_suppressed("zero")
    >>> results = compute_suite(panel)
    >>> sorted(results)[:4]
    ['co_occurrence', 'eci', 'herfindahl', 'hoover_index']
    >>> results["location_quotient"].shape
    (6204, 3)
    """
    with shared_kernels():
        results = {name: compute() for name, compute in suite_plan(panel, names=names)}
    return {name: frame for name, frame in results.items() if frame is not None}
