"""Location quotients: an industry's share in a region against its share in a reference area.

The location quotient compares each region's industry structure with a
reference structure: by default the panel's own total, or an external
reference area (e.g. Germany for the Kreise of one Land), or the total of a
group of regions (e.g. each Kreis against its Land).  The kernel
:func:`location_quotient_matrix` works on a dense ``regions × industries``
array and is the basis of presence (:mod:`.cooccurrence`), the
specialisation indices (:mod:`.specialisation`) and concentration
(:mod:`.concentration`).

A region with zero total has no structure: its quotients are ``NaN``.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy import sparse

from clusterdialog.data.panel import RegionalPanel, as_panel, validate_panel
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.measures._checks import as_mapping
from clusterdialog.measures._results import by_cell, per_period

__all__ = ["location_quotient", "location_quotient_matrix"]

_REFERENCE_AREA = "__reference_area__"


def location_quotient_matrix(
    x: np.ndarray, reference: np.ndarray | None = None, reference_total=None
) -> np.ndarray:
    """Location quotients of a ``regions × industries`` matrix.

    ``reference`` is ``None`` (the matrix's own column totals), a vector of
    reference employment by industry, or a ``regions × industries`` matrix
    with one reference row per region; ``reference_total`` defaults to its sum
    (per row for a matrix).  ``NaN`` where the region total, the reference
    employment of the industry or the reference total is zero.
    """
    x = np.asarray(x, dtype=float)
    ref = x.sum(axis=0) if reference is None else np.asarray(reference, dtype=float)
    total = ref.sum(axis=-1) if reference_total is None else reference_total
    total = np.asarray(total, dtype=float)
    if ref.ndim == 2:
        total = total.reshape(-1, 1)
    region_total = x.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        lq = x / region_total  # computed in place from here: one matrix-sized buffer
        lq /= ref / total
    undefined = ~((region_total > 0) & (ref > 0) & (total > 0))
    if undefined.any():
        lq[np.broadcast_to(undefined, lq.shape)] = np.nan
    return lq


def _external_reference(reference: object, panel: RegionalPanel, value: str) -> list[tuple]:
    """Reference employment by industry (aligned to the panel) and its total, per period."""
    if not isinstance(reference, pd.DataFrame):
        raise InputError(
            f"reference: expected a long DataFrame with columns {panel.industry_name!r} and "
            f"{value!r}, got {type(reference).__name__}"
        )
    name, per = panel.industry_name, panel.period_name
    with_period = per is not None and per in reference.columns
    keys = [name] + ([per] if with_period else [])
    if all(k in reference.columns for k in keys) and reference.duplicated(subset=keys).any():
        raise InputError(f"reference: several rows for the same {', '.join(keys)}; expected one")
    clean = validate_panel(
        reference.assign(**{_REFERENCE_AREA: "reference"}),
        region=_REFERENCE_AREA, industry=name, value=value,
        period=per if with_period else None, argument="reference",
    )  # fmt: skip
    if clean["suppressed"].any():
        raise InputError(
            f"reference: {int(clean['suppressed'].sum())} missing value(s) in {value!r}"
        )
    out = []
    for period, matrix in zip(panel.periods, panel.matrices, strict=True):
        part = clean[clean[per] == period] if with_period else clean
        if part.empty:
            raise InputError(f"reference: no rows for {per}={period!r}")
        series = part.set_index(name)[value]
        missing = panel.industries.difference(series.index)
        if len(missing):
            raise InputError(
                f"reference: {len(missing)} industr(y/ies) of the panel missing, e.g. "
                f"{list(missing[:5])}"
            )
        vec = series.reindex(panel.industries).to_numpy(dtype=float)
        exceeded = matrix.sum(axis=0) > vec * (1 + 1e-9)
        if exceeded.any():
            warnings.warn(
                f"reference: {int(exceeded.sum())} of {len(vec)} industries have more in the "
                f"panel than in the reference area (e.g. {list(panel.industries[exceeded][:3])}); "
                "the reference area should contain the panel's regions",
                DataQualityWarning,
                stacklevel=3,
            )
        out.append((vec, float(series.sum())))
    return out


def location_quotient(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    reference: pd.DataFrame | None = None,
    reference_groups: Mapping | pd.Series | None = None,
) -> pd.DataFrame:
    r"""Location quotient of every region and industry.

    .. math:: LQ_{rk} = \frac{x_{rk} / X_r}{X_k / X}

    with :math:`X_r` the region's total and :math:`X_k`, :math:`X` the
    reference area's employment in industry k and in all industries.

    Parameters
    ----------
    data : pandas.DataFrame or RegionalPanel
        Long table of non-negative values (e.g. employment).
    region, industry, value, period : str
        Column names of the long table.
    suppressed : {"error", "zero", "drop_region", "drop_industry"}
        What to do with suppressed cells (see ``RegionalPanel.resolve_suppressed``).
    reference : pandas.DataFrame, optional
        The reference area's employment as a long table with the columns
        ``industry`` and ``value`` (the names given above) and, for a panel
        with periods, optionally ``period``; e.g. Germany when the panel holds
        the Kreise of one Land.  X is its grand total (including industries
        not in the panel).  Default: the panel's own total.
    reference_groups : mapping, optional
        Region → group (e.g. Kreis → Land): each region is compared with the
        total of its group.  Not together with ``reference``.

    Returns
    -------
    pandas.DataFrame
        One row per region × industry (× period), column ``value``.

    Raises
    ------
    InputError
        For a bad table, a reference without an industry of the panel, or a
        region without a group.

    Warns
    -----
    DataQualityWarning
        When an industry has more employment in the panel than in ``reference``.

    Notes
    -----
    ``NaN`` for a region with zero total and for an industry with zero
    reference employment.  The values equal EconGeo ``location_quotient``,
    REAT ``locq`` and ecomplexity ``rca`` (EconGeo ``rca`` rounds to 2 dp).

    References
    ----------
    .. [1] Isserman, A. M. (1977). The location quotient approach to
       estimating regional economic impacts. *Journal of the American
       Institute of Planners* 43(1), 33–41. doi:10.1080/01944367708977758

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["R1", "R1", "R2", "R2"],
    ...                    "industry": ["I1", "I2", "I1", "I2"], "value": [10, 10, 5, 25]})
    >>> location_quotient(df)
      region industry     value
    0     R1       I1  1.666667
    1     R1       I2  0.714286
    2     R2       I1  0.555556
    3     R2       I2  1.190476

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024): its 181 suppressed cells need a policy, and the measure says what it did in a
    :class:`~clusterdialog.errors.DataQualityWarning`; Stuttgart's most specialised occupation
    groups:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     lq = location_quotient(bw, industry="occupation", value="employees", suppressed="zero")
    >>> print(caught[0].message)
    location_quotient: 181 suppressed or unknown cell(s) (2.9% of 6204 cells) counted as 0
    >>> stuttgart = lq[lq["region"] == "08111"]
    >>> stuttgart.nlargest(3, "value").round(4)  # theatre, film and TV; moderation; stage design
        region occupation   value
    136  08111        944  5.3360
    135  08111        943  4.9359
    138  08111        946  4.0268
    """
    if reference is not None and reference_groups is not None:
        raise InputError("reference, reference_groups: give at most one of them, got both")
    panel = as_panel(
        data, region=region, industry=industry, value=value, period=period,
        suppressed=suppressed, measure="location_quotient",
    )  # fmt: skip
    if reference is not None:
        refs = _external_reference(reference, panel, value)
        results = [
            location_quotient_matrix(m, vec, total)
            for m, (vec, total) in zip(panel.matrices, refs, strict=True)
        ]
    elif reference_groups is not None:
        lookup = as_mapping(reference_groups, "reference_groups")
        groups = pd.Series(panel.regions).map(lookup)
        if groups.isna().any():
            missing = list(panel.regions[groups.isna().to_numpy()][:5])
            raise InputError(
                f"reference_groups: {int(groups.isna().sum())} region(s) have no group, "
                f"e.g. {missing}"
            )
        codes, uniques = pd.factorize(groups)
        indicator = sparse.csr_matrix(
            (np.ones(len(codes)), (codes, np.arange(len(codes)))),
            shape=(len(uniques), len(codes)),
        )
        results = [location_quotient_matrix(m, (indicator @ m)[codes]) for m in panel.matrices]
    else:
        results = per_period(panel, location_quotient_matrix)
    return by_cell(panel, results)
