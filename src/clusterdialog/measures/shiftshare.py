"""Shift-share analysis: a region's growth against the nation's.

The classic decomposition (Dunn 1960) splits the change of a region's
employment between two periods into the growth it would have had at the
national rate (national share), the effect of its industry mix (industrial
mix) and the rest (regional or competitive share).  Esteban-Marquillas (1972)
splits the regional share further into a competitive effect on *homothetic*
employment and an allocation effect; Gerfin (1964) states the components as
ratios.  The dynamic variant (Barff & Knight 1988) sums the year-on-year
decompositions.

The nation is the sum of the panel's regions, or a separate ``reference``
table (for a single region against a nation that includes it, as in
official statistics).  Conventions are those of REAT 3.0.3 ``shift``,
``shifti`` and ``shiftd``.
"""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel, as_panel
from clusterdialog.errors import InputError
from clusterdialog.measures._shiftshare import (
    check_nation,
    endpoints,
    nation_values,
    result_frame,
    row_keys,
    warn_undefined,
)

__all__ = ["SHIFT_SHARE_METHODS", "dynamic_shift_share", "shift_share", "shift_share_matrix"]

#: Decompositions offered by :func:`shift_share`.
SHIFT_SHARE_METHODS: tuple[str, ...] = ("dunn", "esteban_marquillas", "gerfin")


def shift_share_matrix(
    start: np.ndarray,
    end: np.ndarray,
    nation_start: np.ndarray,
    nation_end: np.ndarray,
    *,
    method: str = "dunn",
) -> dict[str, np.ndarray]:
    """Per-cell shift-share components of ``regions × industries`` matrices.

    Parameters
    ----------
    start, end : numpy.ndarray
        The regions' values at the start and end, regions × industries.
    nation_start, nation_end : numpy.ndarray
        The nation's values by industry at the start and end.
    method : {"dunn", "esteban_marquillas"}
        The decomposition (formulas in :func:`shift_share`).

    Returns
    -------
    dict of numpy.ndarray
        ``regions × industries`` arrays: growth, national_share,
        industrial_mix, regional_share (and for ``esteban_marquillas``
        homothetic_value, competitive_effect, allocation_effect), then
        net_total_shift.  Summing over industries gives the regions'
        decomposition; NaN where a growth rate that enters is undefined.

    Raises
    ------
    InputError
        For another method.

    Examples
    --------
    >>> import numpy as np
    >>> start, end = np.array([[10.0, 10.0], [20.0, 40.0]]), np.array([[12.0, 10.0], [22.0, 36.0]])
    >>> parts = shift_share_matrix(start, end, start.sum(axis=0), end.sum(axis=0))
    >>> parts["regional_share"].sum(axis=1).round(4)
    array([ 1.4667, -1.4667])
    """
    if method not in ("dunn", "esteban_marquillas"):
        raise InputError(
            f"method: per-industry components exist for 'dunn' and 'esteban_marquillas', "
            f"got {method!r}"
        )
    x0, x1 = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
    n0, n1 = np.asarray(nation_start, dtype=float), np.asarray(nation_end, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        big_g = n1.sum() / n0.sum()
        g = np.where(n0 > 0, n1 / n0, np.nan)
        x0g = np.where(x0 == 0, 0.0, x0 * g)  # expected end value at national rates
        out = {
            "growth": x1 - x0,
            "national_share": x0 * (big_g - 1.0),
            "industrial_mix": x0g - x0 * big_g,
            "regional_share": x1 - x0g,
        }
        if method == "esteban_marquillas":
            hom = x0.sum(axis=1, keepdims=True) * n0 / n0.sum()
            delta = np.where(x0 > 0, x1 / x0, np.nan) - g
            # start 0: the split is undefined, unless the cell stays 0 (then both are 0)
            undefined = np.where(x1 == 0, 0.0, np.nan)
            out["homothetic_value"] = hom * np.ones_like(x0)
            out["competitive_effect"] = np.where(x0 > 0, hom * delta, undefined)
            out["allocation_effect"] = np.where(x0 > 0, (x0 - hom) * delta, undefined)
        out["net_total_shift"] = out["industrial_mix"] + out["regional_share"]
    return out


def _region_totals(
    x0: np.ndarray, x1: np.ndarray, n0: np.ndarray, n1: np.ndarray, method: str
) -> dict[str, np.ndarray]:
    if method != "gerfin":
        cells = shift_share_matrix(x0, x1, n0, n1, method=method)
        cells.pop("homothetic_value", None)
        return {k: v.sum(axis=1) for k, v in cells.items()}
    big_g = n1.sum() / n0.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        g = np.where(n0 > 0, n1 / n0, np.nan)
        expected = np.where(x0 == 0, 0.0, x0 * g).sum(axis=1)
        e0, e1 = x0.sum(axis=1), x1.sum(axis=1)
        return {
            "industrial_mix": np.where(e0 > 0, expected / (e0 * big_g), np.nan),
            "regional_share": np.where(expected > 0, e1 / expected, np.nan),
            "net_total_shift": np.where(e0 > 0, (e1 / e0) / big_g, np.nan),
        }


def _decompose(panel, nation, pair, method, by_industry) -> dict[str, np.ndarray]:
    p0, p1 = pair
    x0, x1 = panel.matrix(p0), panel.matrix(p1)
    if by_industry:
        return {k: v.ravel() for k, v in shift_share_matrix(
            x0, x1, nation[p0], nation[p1], method=method).items()}  # fmt: skip
    return _region_totals(x0, x1, nation[p0], nation[p1], method)


def shift_share(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    start: Hashable | None = None,
    end: Hashable | None = None,
    method: str = "dunn",
    reference: pd.DataFrame | None = None,
    reference_value: str | None = None,
    by_industry: bool = False,
) -> pd.DataFrame:
    """Shift-share decomposition of regional growth between two periods.

    With e_ri the region's and E_i the nation's value of industry i at the
    start (0) and end (1), g_i = E_i1/E_i0 and G = E_1/E_0:

    .. math::

        e_{r1} - e_{r0} = \\underbrace{e_{r0}(G - 1)}_{\\text{national share}}
        + \\underbrace{\\textstyle\\sum_i e_{ri0}(g_i - G)}_{\\text{industrial mix}}
        + \\underbrace{\\textstyle\\sum_i (e_{ri1} - e_{ri0}\\, g_i)}_{\\text{regional share}}

    Esteban-Marquillas splits the regional share with the homothetic value
    ê_ri = e_r0 E_i0/E_0 into a competitive effect Σ ê_ri (g_ri − g_i) and an
    allocation effect Σ (e_ri0 − ê_ri)(g_ri − g_i), with g_ri = e_ri1/e_ri0.
    Gerfin states the components as ratios: industrial mix
    Σ e_ri0 g_i/(e_r0 G), regional share e_r1/Σ e_ri0 g_i, net total shift
    (e_r1/e_r0)/G.

    Parameters
    ----------
    data : pandas.DataFrame or RegionalPanel
        Long table with a period column, one row per region × industry × period.
    region, industry, value, period : str
        Column names; ``period`` is required for a DataFrame.
    suppressed : {"error", "zero", "drop_region", "drop_industry"}
        Policy for suppressed cells.
    start, end : optional
        The two periods (default: first and last of the data).
    method : {"dunn", "esteban_marquillas", "gerfin"}
        The decomposition.
    reference : pandas.DataFrame, optional
        The nation as a long table with the data's ``industry`` and
        ``period`` columns and a value column; by default the nation is the
        sum of the data's regions.  Industries not in the data are ignored
        (with a warning).
    reference_value : str, optional
        Value column of ``reference`` (default: ``value``).
    by_industry : bool
        One row per region × industry (REAT ``shifti``) instead of per region.
        Not for ``gerfin``.

    Returns
    -------
    pandas.DataFrame
        ``region[, industry], start, end`` and the components: ``dunn``:
        growth, national_share, industrial_mix, regional_share,
        net_total_shift (= industrial_mix + regional_share);
        ``esteban_marquillas`` adds competitive_effect and allocation_effect
        (their sum is the regional share), and ``homothetic_value`` with
        ``by_industry``; ``gerfin``: industrial_mix, regional_share,
        net_total_shift as ratios.

    Raises
    ------
    InputError
        Without periods, for unknown or misordered periods, an unknown
        method, ``by_industry`` with ``gerfin``, or a reference that misses
        an industry or period of the data.

    Warns
    -----
    DataQualityWarning
        When components are NaN: an industry with national start value 0
        but regional start value > 0, or (Esteban-Marquillas) a regional
        start value of 0 where the homothetic value is positive.

    Notes
    -----
    A cell with start value 0 contributes its end value to the regional
    share (Dunn) and 0 to the national share and industrial mix.

    REAT ``shift(e_ij1, e_ij2, e_i1, e_i2, shift.method=...)`` is
    ``method="dunn"`` / ``"esteban_marquillas"`` / ``"gerfin"``; REAT labels
    the Esteban-Marquillas competitive effect "Regional share".  REAT
    ``shifti`` treats each industry as a one-industry region: its "National
    share" is national_share + industrial_mix of ``by_industry=True``, its
    "Regional share" and "Net total shift" are regional_share.

    References
    ----------
    .. [1] Dunn, E. S. (1960). A statistical and analytical technique for
       regional analysis. Papers in Regional Science 6(1), 97–112.
       https://doi.org/10.1111/j.1435-5597.1960.tb01705.x
    .. [2] Esteban-Marquillas, J. M. (1972). A reinterpretation of shift-share
       analysis. Regional and Urban Economics 2(3), 249–255.
       https://doi.org/10.1016/0034-3331(72)90033-0
    .. [3] Farhauer, O., & Kröll, A. (2013). Standorttheorien, 2nd ed.
       Springer Gabler. https://doi.org/10.1007/978-3-658-01574-0

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": list("AAAABBBB"), "industry": list("xxyyxxyy"),
    ...                    "year": [2020, 2021] * 4, "value": [10, 12, 10, 10, 20, 22, 40, 36]})
    >>> result = shift_share(df, period="year")
    >>> result[["region", "growth", "national_share", "industrial_mix", "regional_share"]].round(4)
      region  growth  national_share  industrial_mix  regional_share
    0      A     2.0             0.0          0.5333          1.4667
    1      B    -2.0             0.0         -0.5333         -1.4667

    One region against a nation that includes it, as REAT for Göttingen and Germany, with
    the example of Farhauer & Kröll (2013) in REAT's ``?shift`` (the demo data hold one year):

    >>> region = pd.DataFrame({"region": "A", "industry": list("1234") * 2,
    ...                        "year": [0] * 4 + [1] * 4,
    ...                        "value": [90, 20, 10, 60, 100, 40, 10, 55]})
    >>> nation = pd.DataFrame({"industry": list("1234") * 2, "year": [0] * 4 + [1] * 4,
    ...                        "value": [400, 150, 150, 400, 440, 210, 135, 480]})
    >>> result = shift_share(region, period="year", reference=nation)
    >>> result[["growth", "national_share", "industrial_mix", "regional_share"]].round(4)
       growth  national_share  industrial_mix  regional_share
    0    25.0            27.0             1.0            -3.0
    """
    if method not in SHIFT_SHARE_METHODS:
        raise InputError(f"method: expected one of {list(SHIFT_SHARE_METHODS)}, got {method!r}")
    if by_industry and method == "gerfin":
        raise InputError("by_industry: Gerfin's ratios do not add up over industries")
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure="shift_share",
    )  # fmt: skip
    periods = endpoints(panel, start, end)
    nation = nation_values(panel, reference, reference_value or value, [periods[0], periods[-1]])
    check_nation(nation, "data" if reference is None else "reference")
    values = _decompose(panel, nation, (periods[0], periods[-1]), method, by_industry)
    warn_undefined(values, "shift_share", method)
    keys = row_keys(panel, by_industry)
    return result_frame(panel, *keys, periods[0], periods[-1], values)


def dynamic_shift_share(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    start: Hashable | None = None,
    end: Hashable | None = None,
    method: str = "dunn",
    reference: pd.DataFrame | None = None,
    reference_value: str | None = None,
    by_industry: bool = False,
    by_step: bool = False,
) -> pd.DataFrame:
    """Dynamic shift-share: the sum of the period-on-period decompositions.

    .. math::

        C_r = \\sum_{t = s}^{e - 1} C_r(t, t + 1)

    for each component C of :func:`shift_share` between consecutive periods
    of the data from ``start`` to ``end``.

    Parameters
    ----------
    data, region, industry, value, period, suppressed, start, end, reference, reference_value
        As in :func:`shift_share`.
    method : {"dunn", "esteban_marquillas"}
        The decomposition of each step (Gerfin's ratios do not add up).
    by_industry : bool
        One row per region × industry.
    by_step : bool
        Return the period-on-period rows (``start``, ``end`` of each step)
        instead of their sum.

    Returns
    -------
    pandas.DataFrame
        As :func:`shift_share`; with ``by_step`` one row per region (×
        industry) and step.

    Raises
    ------
    InputError
        As :func:`shift_share`, and for ``method="gerfin"``.

    Notes
    -----
    REAT ``shiftd(..., shift.method="Dunn")``: the column ``sum`` is the
    default result, the yearly columns are ``by_step=True``.  Growth and
    national share differ from the static decomposition; growth adds up to
    the same total.  Steps follow the periods present in the data, so a gap
    in the years is one step.

    References
    ----------
    .. [1] Barff, R. A., & Knight, P. L. (1988). Dynamic shift-share analysis.
       Growth and Change 19(2), 1–10.
       https://doi.org/10.1111/j.1468-2257.1988.tb00465.x

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": list("AAAAAABBBBBB"), "industry": list("xxxyyyxxxyyy"),
    ...                    "year": [2020, 2021, 2022] * 4,
    ...                    "value": [10, 12, 12, 10, 10, 11, 20, 22, 24, 40, 36, 36]})
    >>> dynamic_shift_share(df, period="year")["growth"].tolist()
    [3.0, 0.0]

    One region against its nation over three years (the bundled demo data hold one year only):

    >>> region = pd.DataFrame({"region": "G", "industry": list("xyxyxy"),
    ...                        "year": [2015, 2015, 2016, 2016, 2017, 2017],
    ...                        "value": [100, 50, 110, 52, 115, 60]})
    >>> nation = pd.DataFrame({"industry": list("xyxyxy"),
    ...                        "year": [2015, 2015, 2016, 2016, 2017, 2017],
    ...                        "value": [1000, 1000, 1050, 1100, 1100, 1150]})
    >>> total = dynamic_shift_share(region, period="year", reference=nation)
    >>> total[["start", "end", "growth", "industrial_mix", "regional_share"]].round(4)
       start   end  growth  industrial_mix  regional_share
    0   2015  2017    25.0         -1.1832          7.3983
    >>> steps = dynamic_shift_share(region, period="year", reference=nation, by_step=True)
    >>> steps["regional_share"].round(4).tolist()
    [2.0, 5.3983]
    """
    if method not in ("dunn", "esteban_marquillas"):
        raise InputError(
            f"method: expected one of ['dunn', 'esteban_marquillas'] (decompositions that "
            f"add up over periods), got {method!r}"
        )
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure="dynamic_shift_share",
    )  # fmt: skip
    periods = endpoints(panel, start, end)
    nation = nation_values(panel, reference, reference_value or value, periods)
    check_nation(nation, "data" if reference is None else "reference")
    steps = list(zip(periods[:-1], periods[1:], strict=True))
    parts = [_decompose(panel, nation, step, method, by_industry) for step in steps]
    keys = row_keys(panel, by_industry)
    if by_step:
        for part in parts:
            warn_undefined(part, "dynamic_shift_share", method)
        frames = [
            result_frame(panel, *keys, p0, p1, part)
            for (p0, p1), part in zip(steps, parts, strict=True)
        ]
        return pd.concat(frames, ignore_index=True)
    total = {k: np.sum([part[k] for part in parts], axis=0) for k in parts[0]}
    warn_undefined(total, "dynamic_shift_share", method)
    return result_frame(panel, *keys, periods[0], periods[-1], total)
