"""Sum a long regional panel up a classification, a region hierarchy or a user mapping.

Suppressed cells stay honest: a sum with a suppressed part is itself
suppressed unless the caller asks to count suppressed parts as zero, and a
panel that mixes codes where one contains another (``C`` and ``10``; Land ``08``
and Kreis ``08111``) is refused because its sums would count the same
employment twice.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd

from clusterdialog.data.classifications.base import Classification, ParsedCode, get_classification
from clusterdialog.data.panel import RegionalPanel, validate_panel
from clusterdialog.errors import DataQualityWarning, InputError

__all__ = ["AGGREGATE_SUPPRESSED", "UNMAPPED_POLICIES", "aggregate_panel"]

#: What :func:`aggregate_panel` does with suppressed parts of a sum.
AGGREGATE_SUPPRESSED: tuple[str, ...] = ("propagate", "zero", "error")
#: What :func:`aggregate_panel` does with codes it cannot map.
UNMAPPED_POLICIES: tuple[str, ...] = ("error", "drop", "keep")

_MAX_LISTED = 10


def _listing(items: list[str]) -> str:
    shown = ", ".join(repr(x) for x in items[:_MAX_LISTED])
    return shown + (f" and {len(items) - _MAX_LISTED} more" if len(items) > _MAX_LISTED else "")


def _mapping_links(
    mapping: Mapping[str, str] | pd.Series | pd.DataFrame, cls: Classification | None
) -> dict[str, list[str]]:
    """Return ``{code: [groups]}`` from a dict, a Series or a two-column DataFrame."""
    if isinstance(mapping, pd.DataFrame):
        if mapping.shape[1] != 2:
            raise InputError(
                f"mapping: a DataFrame needs exactly two columns (code, group), got "
                f"{list(map(str, mapping.columns))}"
            )
        pairs = list(zip(mapping.iloc[:, 0], mapping.iloc[:, 1], strict=True))
    elif isinstance(mapping, pd.Series | Mapping):
        pairs = list(mapping.items())
    else:
        raise InputError(
            "mapping: expected a dict, a pandas Series or a two-column DataFrame "
            f"(code → group), got {type(mapping).__name__}"
        )
    bad = [repr(g) for c, g in pairs if not isinstance(c, str) or not isinstance(g, str)]
    if bad:
        raise InputError(
            f"mapping: codes and groups must be strings; {len(bad)} pair(s) are not "
            f"(e.g. groups {', '.join(bad[:_MAX_LISTED])})"
        )
    codes = [c for c, _ in pairs]
    keys = cls.validate(codes, argument="mapping") if cls is not None else codes
    links: dict[str, list[str]] = {}
    for key, (_, group) in zip(keys, pairs, strict=True):
        if group not in links.setdefault(key, []):
            links[key].append(group)
    return links


def aggregate_panel(
    data: pd.DataFrame | RegionalPanel,
    *,
    classification: Classification | str | None = None,
    level: str | None = None,
    column: str = "industry",
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    mapping: Mapping[str, str] | pd.Series | pd.DataFrame | None = None,
    suppressed: Literal["propagate", "zero", "error"] = "propagate",
    unmapped: Literal["error", "drop", "keep"] = "error",
) -> pd.DataFrame:
    r"""Sum a long panel to a coarser level of a hierarchy, or to groups of a mapping.

    .. math::

        x_{r,G} = \sum_{i \in G} x_{r,i}

    where :math:`G` is the set of codes mapped to a group (the parent at
    ``level``, or a group of ``mapping``) and :math:`r` runs over the other
    key (and the period).

    Parameters
    ----------
    data : pandas.DataFrame or RegionalPanel
        Long table, one row per region × industry (× period); missing values
        are suppressed cells.  A :class:`RegionalPanel` brings its own column
        names and value column ``value``.
    classification : Classification or str, optional
        ``"wz"``, ``"naics"``, ``"kldb"``, ``"ags"``, ``"nuts"`` or an instance.
        Required with ``level``; with ``mapping`` it normalises the codes of
        the data and of the mapping and enables the double-counting check.
    level : str, optional
        Target level of ``classification`` (e.g. ``"section"``,
        ``"berufsbereich"``, ``"land"``).  Give ``level`` or ``mapping``.
    column : str
        Which key to aggregate: ``"industry"`` (default) or ``"region"``
        (or the name of that column).
    region, industry, value : str
        Column names of the region key, the industry key and the value.
    period : str, optional
        Period column; sums are formed within each period.
    mapping : dict, pandas.Series or DataFrame, optional
        Code → group (e.g. a cluster definition).  A two-column DataFrame
        ``(code, group)`` may map a code to several groups; the groups then
        overlap and their sum is not a total.
    suppressed : {"propagate", "zero", "error"}
        ``"propagate"``: a sum with a suppressed part is suppressed (``NaN``,
        ``suppressed=True``); ``"zero"``: suppressed parts count as 0, so the
        sums are lower bounds; ``"error"``: raise if a part is suppressed.
    unmapped : {"error", "drop", "keep"}
        What to do with codes that cannot be mapped: invalid codes, totals
        and groupings outside the hierarchy, codes coarser than ``level``,
        codes missing from ``mapping``.  ``"keep"`` keeps them as their own
        group (normalised where valid).

    Returns
    -------
    pandas.DataFrame
        Columns ``region, industry[, period], value, suppressed, parts,
        suppressed_parts`` under the caller's names: the aggregated cells
        sorted by key; keys are strings; ``parts`` counts the summed input
        cells and ``suppressed_parts`` the suppressed ones among them.

    Raises
    ------
    InputError
        For invalid arguments; for unmapped codes with ``unmapped="error"``
        (listing them and why); for codes where one contains another
        (naming the overlapping pairs); for a code spelled in two ways
        (``1011`` and ``10.11``); for a kept code that equals a group name;
        for suppressed parts with ``suppressed="error"``.

    Warns
    -----
    DataQualityWarning
        When suppressed parts exist (how many input cells, how many sums are
        affected and which share of the published total they hold) and when
        ``unmapped="drop"`` drops rows (how many, which share of the total).

    Notes
    -----
    Official tables suppress small cells; summing the published cells alone
    understates a total, so by default the total is suppressed too, as
    statistical offices do.  With ``suppressed="zero"`` the sums equal the
    published parts (a lower bound), which is what ``groupby().sum()`` of
    pandas returns.  Only the aggregated column is checked for double
    counting; other columns are summed as they are.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["08111"] * 3 + ["08115"] * 2,
    ...                    "industry": ["10.11", "10.12", "25.11", "10.11", "25.11"],
    ...                    "value": [100, None, 50, 30, 20]})
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     aggregate_panel(df, classification="wz", level="division")
      region industry  value  suppressed  parts  suppressed_parts
    0  08111       10    NaN        True      2                 1
    1  08111       25   50.0       False      1                 0
    2  08115       10   30.0       False      1                 0
    3  08115       25   20.0       False      1                 0
    >>> aggregate_panel(df.fillna(0), classification="ags", level="land", column="region")
      region industry  value  suppressed  parts  suppressed_parts
    0     08    10.11  130.0       False      2                 0
    1     08    10.12    0.0       False      1                 0
    2     08    25.11   70.0       False      2                 0
    """
    if suppressed not in AGGREGATE_SUPPRESSED:
        raise InputError(
            f"suppressed: expected one of {list(AGGREGATE_SUPPRESSED)}, got {suppressed!r}"
        )
    if unmapped not in UNMAPPED_POLICIES:
        raise InputError(f"unmapped: expected one of {list(UNMAPPED_POLICIES)}, got {unmapped!r}")
    if isinstance(data, RegionalPanel):
        region, industry, period = data.region_name, data.industry_name, data.period_name
        value, data = "value", data.to_long()
    if column in ("industry", "region"):
        target = industry if column == "industry" else region
    elif column in (industry, region):
        target = column
    else:
        raise InputError(
            f"column: expected 'industry' or 'region' (or the column names {industry!r}, "
            f"{region!r}), got {column!r}"
        )
    cls = get_classification(classification) if classification is not None else None
    if (level is None) == (mapping is None):
        raise InputError(
            "aggregate_panel: give either level= (with classification=) or mapping=, "
            f"got level={level!r} and mapping={'given' if mapping is not None else None}"
        )
    if level is not None and cls is None:
        raise InputError(f"classification: needed to aggregate to level {level!r}, got None")
    if level is not None and cls is not None:
        cls.check_level(level)

    clean = validate_panel(
        data, region=region, industry=industry, value=value, period=period, argument="data"
    )
    codes, uniques = pd.factorize(clean[target])
    raw_codes = [str(u) for u in uniques]
    parsed = {raw: cls.try_parse(raw) for raw in raw_codes} if cls is not None else {}
    links, reasons = _links(raw_codes, parsed, cls, level, mapping)
    unmapped_codes = [raw for raws in reasons.values() for raw in raws]
    if unmapped_codes and unmapped == "error":
        detail = "; ".join(f"{why}: {_listing(raws)}" for why, raws in reasons.items())
        raise InputError(
            f"data: {len(unmapped_codes)} code(s) in column {target!r} cannot be mapped "
            f"({detail}); fix them or pass unmapped='drop' or 'keep'"
        )
    if unmapped_codes and unmapped == "keep":
        group_names = {g for groups in links.values() for g in groups}
        kept = {raw: (p.code if (p := parsed.get(raw)) else raw) for raw in unmapped_codes}
        clash = sorted(k for k in kept.values() if k in group_names)
        if clash:
            raise InputError(
                f"data: kept unmapped code(s) {_listing(clash)} in column {target!r} have the "
                "name of a group; rename the group or drop the codes"
            )
        links.update({raw: [code] for raw, code in kept.items()})
    if cls is not None:
        valid = [raw for raw in links if parsed.get(raw) is not None]
        cls.check_disjoint(valid, argument=f"data: column {target!r}")

    per_code = [links.get(raw, []) for raw in raw_codes]
    mapped_rows = np.array([bool(g) for g in per_code], dtype=bool)[codes]
    if unmapped_codes and unmapped == "drop":
        values = clean[value].to_numpy(dtype="float64")
        total = float(np.nansum(values))
        lost = float(np.nansum(values[~mapped_rows]))
        share = lost / total if total > 0 else 0.0
        warnings.warn(
            f"aggregate_panel: dropped {len(unmapped_codes)} unmapped code(s) "
            f"{_listing(unmapped_codes)} in {int((~mapped_rows).sum())} row(s) holding "
            f"{share:.1%} of the published total",
            DataQualityWarning,
            stacklevel=2,
        )
    bad = clean["suppressed"].to_numpy(dtype=bool) & mapped_rows
    if suppressed == "error" and bad.any():
        where = clean.loc[bad, [region, industry]].head(5).itertuples(index=False)
        raise InputError(
            f"aggregate_panel: {int(bad.sum())} suppressed part(s), e.g. "
            + "; ".join(f"({region}={r!r}, {industry}={i!r})" for r, i in where)
            + "; choose suppressed='propagate' or 'zero'"
        )
    return _sum_groups(clean, codes, per_code, target, region, industry, value, period, suppressed)


def _links(
    raw_codes: list[str],
    parsed: dict[str, ParsedCode | None],
    cls: Classification | None,
    level: str | None,
    mapping: Mapping[str, str] | pd.Series | pd.DataFrame | None,
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Map each raw code to its groups; collect the unmapped codes by reason."""
    groups_of = _mapping_links(mapping, cls) if level is None else {}
    links: dict[str, list[str]] = {}
    reasons: dict[str, list[str]] = {}
    for raw in raw_codes:
        p = parsed.get(raw)
        if cls is not None and p is None:
            why = f"invalid (expected {cls.pattern})"
        elif level is None:
            key = p.code if p is not None else raw
            why = "not in the mapping" if key not in groups_of else ""
            links[raw] = groups_of.get(key, [])
        elif p.level not in cls.levels:
            why = f"{p.level} code(s) outside the hierarchy"
        elif cls.levels.index(p.level) < cls.levels.index(level):
            why = f"coarser than level {level!r}"
        else:
            try:
                links[raw], why = [cls.parent(p.code, level)], ""
            except InputError:
                why = f"without a defined {level}"
        if why:
            links.pop(raw, None)
            reasons.setdefault(why, []).append(raw)
    return links, reasons


def _sum_groups(
    clean: pd.DataFrame,
    codes: np.ndarray,
    per_code: list[list[str]],
    target: str,
    region: str,
    industry: str,
    value: str,
    period: str | None,
    suppressed: str,
) -> pd.DataFrame:
    """Sum the rows by (region, industry, period) after mapping the target codes to groups.

    Vectorised: every input row is repeated once per group of its code, keys are
    factorised to integers and combined into one int64 key, and the sums are
    ``numpy.bincount`` over that key.
    """
    labels = sorted({g for groups in per_code for g in groups})
    position = {g: k for k, g in enumerate(labels)}
    counts = np.array([len(groups) for groups in per_code], dtype=np.intp)
    flat = np.array([position[g] for groups in per_code for g in groups], dtype=np.intp)
    if counts.max(initial=0) <= 1:  # many-to-one: no row is repeated
        rows = np.flatnonzero(counts[codes] == 1)
        group_codes = np.full(len(per_code), -1, dtype=np.intp)
        group_codes[counts == 1] = flat
        group_codes = group_codes[codes[rows]]
    else:
        row_counts = counts[codes]
        rows = np.repeat(np.arange(len(clean)), row_counts)
        offsets = np.arange(len(rows)) - np.repeat(np.cumsum(row_counts) - row_counts, row_counts)
        group_codes = flat[(np.cumsum(counts) - counts)[codes[rows]] + offsets]

    other = industry if target == region else region
    other_codes, other_labels = pd.factorize(clean[other], sort=True)
    other_codes = other_codes[rows]
    axes = {target: (group_codes, np.array(labels, dtype=object))}
    axes[other] = (other_codes, np.asarray(other_labels, dtype=object))
    if period is not None:
        period_codes, period_labels = pd.factorize(clean[period], sort=True)
        period_codes = period_codes[rows]
    else:
        period_codes, period_labels = np.zeros(len(rows), dtype=np.intp), np.array([None])
    (r_codes, r_labels), (i_codes, i_labels) = axes[region], axes[industry]
    n_i, n_p = max(len(i_labels), 1), max(len(period_labels), 1)
    key = (r_codes.astype(np.int64) * n_i + i_codes) * n_p + period_codes
    space = len(r_labels) * n_i * n_p
    if space <= max(4 * len(key), 1_000_000):  # small key space: dense counts, no sort
        present = np.bincount(key, minlength=space) > 0
        cells = np.flatnonzero(present)
        inverse = (np.cumsum(present) - 1)[key]
    else:
        cells, inverse = np.unique(key, return_inverse=True)

    values = clean[value].to_numpy(dtype="float64")[rows]
    flags = clean["suppressed"].to_numpy(dtype=bool)[rows]
    n_suppressed = int(flags.sum())
    sums = np.bincount(inverse, weights=np.where(flags, 0.0, values), minlength=len(cells))
    suppressed_parts = np.bincount(inverse[flags], minlength=len(cells)).astype(np.int64)
    parts = np.bincount(inverse, minlength=len(cells)).astype(np.int64)
    affected = suppressed_parts > 0
    published = float(sums.sum())
    hidden = float(sums[affected].sum())
    if suppressed == "propagate":
        sums = np.where(affected, np.nan, sums)

    out = pd.DataFrame(
        {
            region: r_labels[cells // n_p // n_i],
            industry: i_labels[cells // n_p % n_i],
        }
    )
    if period is not None:
        out[period] = np.asarray(period_labels)[cells % n_p]
    out[value] = sums
    out["suppressed"] = affected if suppressed == "propagate" else np.zeros(len(cells), bool)
    out["parts"] = parts
    out["suppressed_parts"] = suppressed_parts
    if n_suppressed:
        share_cells = n_suppressed / len(rows)
        if suppressed == "propagate":
            share_hidden = hidden / published if published > 0 else 0.0
            effect = (
                f"make {int(affected.sum())} of {len(out)} sums suppressed, hiding "
                f"{share_hidden:.1%} of the published total; suppressed='zero' gives lower bounds"
            )
        else:
            effect = f"counted as 0: {int(affected.sum())} of {len(out)} sums are lower bounds"
        warnings.warn(
            f"aggregate_panel: {n_suppressed} suppressed cell(s) ({share_cells:.1%} of "
            f"{len(rows)} summed cells) {effect}",
            DataQualityWarning,
            stacklevel=3,
        )
    return out
