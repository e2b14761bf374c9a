"""Cluster definitions: which industry belongs to which cluster, and aggregation through them.

A *cluster definition* maps industry codes (NAICS, WZ, …) to clusters, with
optional names and types (``traded`` / ``local``, Porter 2003).  The U.S. CMP
definitions (Delgado, Porter & Stern 2016) ship with the package; users bring
their own (e.g. WZ-based) in the CSV format documented and read in
:mod:`clusterdialog.data.cluster_definitions`.  :func:`apply_definition`
aggregates an industry panel to clusters and reports every industry the
definition does not cover: nothing is dropped silently.  Pure: no I/O.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd
from scipy import sparse

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.measures._checks import check_choice

__all__ = ["CLUSTER_TYPES", "UNMAPPED_POLICIES", "ClusterDefinition", "apply_definition"]

#: Cluster types (Porter 2003): traded clusters serve markets beyond the region, local ones not.
CLUSTER_TYPES: tuple[str, ...] = ("traded", "local")
#: What :func:`apply_definition` does with industries the definition does not cover.
UNMAPPED_POLICIES: tuple[str, ...] = ("warn", "error")
_LISTED = 5


def _cluster_sort_key(code: str) -> tuple:
    return (0, int(code), "") if code.isdigit() else (1, 0, code)


def _check_codes(mapping: Mapping, what: str) -> dict[str, str]:
    out = {}
    for key, val in mapping.items():
        if not isinstance(key, str) or not isinstance(val, str) or not key or not val:
            raise InputError(
                f"ClusterDefinition.{what}: keys and values must be non-empty strings "
                f"(codes as text keep leading zeros), got {key!r}: {val!r}"
            )
        out[key] = val
    return out


@dataclass(frozen=True, eq=False)
class ClusterDefinition:
    """An industry → cluster definition (frozen).

    Attributes
    ----------
    mapping : Mapping[str, str]
        Industry code → cluster code, both as strings (``"336411"`` → ``"1"``).
    names : Mapping[str, str]
        Cluster code → cluster name (may be empty).
    types : Mapping[str, str]
        Cluster code → ``"traded"`` or ``"local"`` (may be empty or partial).
    source : str
        Where the definition comes from (file name, publication).
    credit : str or None
        Attribution line to show wherever results based on it are shown.
    excluded : Mapping[str, str]
        Industry codes the definition deliberately leaves out, with the reason
        (e.g. CMP's 814110 Private Households).  :func:`apply_definition`
        reports them separately from unknown industries.

    Examples
    --------
    >>> d = ClusterDefinition({"29.10": "auto", "29.32": "auto", "28.41": "machinery"},
    ...                       names={"auto": "Automotive"}, types={"auto": "traded"})
    >>> d.clusters
    ('auto', 'machinery')
    >>> d.to_frame()
      industry    cluster cluster_name cluster_type
    0    28.41  machinery
    1    29.10       auto   Automotive       traded
    2    29.32       auto   Automotive       traded
    """

    mapping: Mapping[str, str]
    names: Mapping[str, str] = field(default_factory=dict)
    types: Mapping[str, str] = field(default_factory=dict)
    source: str = "user-defined"
    credit: str | None = None
    excluded: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        mapping = _check_codes(self.mapping, "mapping")
        if not mapping:
            raise InputError("ClusterDefinition.mapping: expected at least one industry, got none")
        names = _check_codes(self.names, "names")
        types = _check_codes(self.types, "types")
        excluded = {str(k): str(v) for k, v in self.excluded.items()}
        clusters = set(mapping.values())
        for what, keys in (("names", names), ("types", types)):
            unknown = sorted(set(keys) - clusters)
            if unknown:
                raise InputError(
                    f"ClusterDefinition.{what}: cluster(s) {unknown[:_LISTED]} have no industry"
                )
        bad = {k: v for k, v in types.items() if v not in CLUSTER_TYPES}
        if bad:
            raise InputError(f"ClusterDefinition.types: expected {list(CLUSTER_TYPES)}, got {bad}")
        both = sorted(set(excluded) & set(mapping))
        if both:
            raise InputError(
                f"ClusterDefinition.excluded: industries {both[:_LISTED]} are also mapped"
            )
        for name, value in zip(("mapping", "names", "types", "excluded"),
                               (mapping, names, types, excluded), strict=True):  # fmt: skip
            object.__setattr__(self, name, MappingProxyType(value))

    @property
    def clusters(self) -> tuple[str, ...]:
        """The cluster codes, numeric codes in numeric order first."""
        return tuple(sorted(set(self.mapping.values()), key=_cluster_sort_key))

    def to_frame(self) -> pd.DataFrame:
        """User format ``industry, cluster, cluster_name, cluster_type``; excluded: no cluster."""
        rows = sorted(self.mapping.items()) + sorted((k, "") for k in self.excluded)
        frame = pd.DataFrame(rows, columns=["industry", "cluster"], dtype=object)
        frame["cluster_name"] = frame["cluster"].map(lambda c: self.names.get(c, ""))
        frame["cluster_type"] = frame["cluster"].map(lambda c: self.types.get(c, ""))
        return frame

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        *,
        source: str = "user-defined",
        credit: str | None = None,
        argument: str = "definitions",
        row_label: str = "row",
    ) -> ClusterDefinition:
        """Build a definition from a table in the user format.

        Columns ``industry`` and ``cluster`` (required), ``cluster_name`` and
        ``cluster_type`` (optional).  Codes must be text (read the file with
        ``dtype=str``): numbers would have lost leading zeros.  An empty
        ``cluster`` marks an industry the definition deliberately leaves out.

        Raises
        ------
        InputError
            For a missing column, numeric codes, an empty code, an industry in
            two clusters, a cluster with two names or types, or a bad type; the
            message names the rows (``row_label`` and index, e.g. line numbers).

        Examples
        --------
        >>> import pandas as pd
        >>> table = pd.DataFrame({"industry": ["29.10", "29.32", "01.11"],
        ...                       "cluster": ["auto", "auto", ""],
        ...                       "cluster_type": ["traded", "traded", ""]})
        >>> d = ClusterDefinition.from_frame(table)
        >>> dict(d.mapping), dict(d.excluded)
        ({'29.10': 'auto', '29.32': 'auto'}, {'01.11': 'no cluster in the definition'})
        """
        missing = [c for c in ("industry", "cluster") if c not in frame.columns]
        if missing:
            raise InputError(
                f"{argument}: missing column(s) {missing}; expected columns industry, cluster "
                f"[, cluster_name, cluster_type], got {list(map(str, frame.columns))}"
            )
        table = pd.DataFrame(index=frame.index)
        for col in ("industry", "cluster", "cluster_name", "cluster_type"):
            if col not in frame.columns:
                table[col] = ""
                continue
            raw = frame[col]
            if pd.api.types.is_numeric_dtype(raw) and not raw.isna().all():
                raise InputError(
                    f"{argument}: column {col!r} holds numbers (dtype {raw.dtype}); read the "
                    "codes as text (dtype=str) so that leading zeros are kept"
                )
            table[col] = raw.fillna("").astype(str).str.strip()
        table["cluster_type"] = table["cluster_type"].str.lower()

        def rows(mask) -> str:
            return ", ".join(f"{row_label} {i}" for i in table.index[np.asarray(mask)][:_LISTED])

        empty = table["industry"] == ""
        if empty.any():
            raise InputError(f"{argument}: empty industry code at {rows(empty)}")
        bad_type = ~table["cluster_type"].isin(("", *CLUSTER_TYPES))
        if bad_type.any():
            raise InputError(
                f"{argument}: cluster_type must be one of {list(CLUSTER_TYPES)} or empty, got "
                f"{sorted(set(table.loc[bad_type, 'cluster_type']))[:_LISTED]} at {rows(bad_type)}"
            )
        conflict = table.groupby("industry")["cluster"].transform("nunique") > 1
        if conflict.any():
            raise InputError(
                f"{argument}: {int(conflict.sum())} rows put the same industry into different "
                f"clusters, at {rows(conflict)}"
            )
        named = table[table["cluster"] != ""]
        for col in ("cluster_name", "cluster_type"):
            given = named[named[col] != ""]
            clash = given.groupby("cluster")[col].transform("nunique") > 1
            if clash.any():
                raise InputError(
                    f"{argument}: a cluster has several {col} values, at "
                    f"{rows(table.index.isin(given.index[clash.to_numpy()]))}"
                )
        mapping = dict(zip(named["industry"], named["cluster"], strict=True))
        left_out = table.loc[table["cluster"] == "", "industry"]
        excluded = dict.fromkeys(left_out, "no cluster in the definition")
        names = {c: n for c, n in zip(named["cluster"], named["cluster_name"], strict=True) if n}
        types = {c: t for c, t in zip(named["cluster"], named["cluster_type"], strict=True) if t}
        return cls(mapping, names=names, types=types, source=source, credit=credit,
                   excluded=excluded)  # fmt: skip


def _pivot_columns(
    data: pd.DataFrame | RegionalPanel,
    columns: Sequence[str],
    *,
    region: str,
    industry: str,
    period: str | None,
    suppressed: str,
    measure: str,
) -> tuple[RegionalPanel, dict[str, tuple[np.ndarray, ...]]]:
    """Pivot several value columns of one long table with one joint suppression policy.

    The first column is the main value; a cell counts as suppressed when any of
    the columns is missing there.  Returns the resolved main panel and, for
    every further column, its matrices aligned to the panel's labels.
    """
    if isinstance(data, RegionalPanel):
        if len(columns) > 1:
            raise InputError(
                f"{measure}: the columns {list(columns[1:])} need a long DataFrame; got a "
                "RegionalPanel, which holds one value"
            )
        return data.resolve_suppressed(suppressed, measure=measure), {}
    panels = []
    for i, col in enumerate(columns):
        with warnings.catch_warnings():
            if i:  # key warnings were given for the first column already
                warnings.simplefilter("ignore", DataQualityWarning)
            panels.append(RegionalPanel.from_long(
                data, region=region, industry=industry, value=col, period=period
            ))  # fmt: skip
    main = panels[0]
    joint = main.matrices
    if len(panels) > 1:
        joint = tuple(
            np.where(np.any([np.isnan(p.matrices[t]) for p in panels], axis=0), np.nan, m)
            for t, m in enumerate(main.matrices)
        )
    resolved = RegionalPanel(
        matrices=joint, regions=main.regions, industries=main.industries, periods=main.periods,
        region_name=main.region_name, industry_name=main.industry_name,
        period_name=main.period_name, provenance=main.provenance,
    ).resolve_suppressed(suppressed, measure=measure)  # fmt: skip
    rows = main.regions.get_indexer(resolved.regions)
    cols = main.industries.get_indexer(resolved.industries)
    extras = {}
    for col, panel in zip(columns[1:], panels[1:], strict=True):
        extras[col] = tuple(np.nan_to_num(m[np.ix_(rows, cols)], nan=0.0) for m in panel.matrices)
    return resolved, extras


def apply_definition(
    data: pd.DataFrame | RegionalPanel,
    definition: ClusterDefinition,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    extra_values: Sequence[str] = (),
    cluster: str = "cluster",
    unmapped: str = "warn",
) -> pd.DataFrame:
    r"""Aggregate an industry panel to clusters through a definition.

    .. math:: x_{rc} = \sum_{k \in c} x_{rk}

    Parameters
    ----------
    data : pandas.DataFrame or RegionalPanel
        Long table of industry values (e.g. employment by region × NAICS code).
    definition : ClusterDefinition
        The industry → cluster definition.
    region, industry, value, period : str
        Column names of the long table.
    suppressed : {"error", "zero", "drop_region", "drop_industry"}
        Policy for suppressed cells, applied at industry level before summing.
    extra_values : sequence of str
        Further additive columns to sum the same way (establishments, payroll).
    cluster : str
        Name of the cluster column of the result.
    unmapped : {"warn", "error"}
        Industries of the data that are not in the definition are left out and
        reported in a :class:`~clusterdialog.errors.DataQualityWarning`
        (``"warn"``), or raise an :class:`~clusterdialog.errors.InputError`
        (``"error"``).  Industries the definition excludes on purpose are
        always left out with a warning.

    Returns
    -------
    pandas.DataFrame
        One row per region × cluster (× period): ``region, cluster[, period],
        value[, extra values][, cluster_name][, cluster_type]`` (when defined);
        ``.attrs["definition_coverage"]``: dict with ``source``, ``unmapped``,
        ``excluded`` (industry lists) and ``unmapped_share``, ``excluded_share``.

    Raises
    ------
    InputError
        For bad input, or with ``unmapped="error"`` when an industry is not covered.

    Warns
    -----
    DataQualityWarning
        Number, examples and value share of unmapped (and of excluded) industries.

    Examples
    --------
    >>> import warnings
    >>> import pandas as pd
    >>> d = ClusterDefinition({"29.10": "auto", "29.32": "auto", "28.41": "machinery"})
    >>> df = pd.DataFrame({"region": ["08111"] * 4, "industry": ["29.10", "29.32", "28.41", "62.01"],
    ...                    "value": [30, 10, 20, 40]})
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     clusters = apply_definition(df, d)
    >>> clusters
      region    cluster  value
    0  08111       auto   40.0
    1  08111  machinery   20.0
    >>> print(caught[0].message)
    apply_definition: 1 of 4 industries of the data are not in the definition (user-defined) and were left out: ['62.01'], holding 40.0% of the total value
    """  # noqa: E501
    if not isinstance(definition, ClusterDefinition):
        raise InputError(f"definition: expected a ClusterDefinition, got {type(definition)}")
    check_choice("unmapped", unmapped, UNMAPPED_POLICIES)
    extra_values = list(extra_values)
    panel, extras = _pivot_columns(
        data, [value, *extra_values], region=region, industry=industry, period=period,
        suppressed=suppressed, measure="apply_definition",
    )  # fmt: skip
    codes = panel.industries.to_series().map(definition.mapping)
    known = codes.notna().to_numpy()
    excluded = panel.industries.isin(list(definition.excluded))
    total = float(sum(m.sum() for m in panel.matrices))
    coverage = {"source": definition.source}
    for mask, what in ((~known & ~excluded, "are not in the definition"),
                       (excluded, "are excluded by the definition")):  # fmt: skip
        share = float(sum(m[:, mask].sum() for m in panel.matrices)) / total if total else 0.0
        key = "unmapped" if what.startswith("are not") else "excluded"
        coverage.update({key: list(panel.industries[mask]), f"{key}_share": share})
        if not mask.any():
            continue
        text = (
            f"apply_definition: {int(mask.sum())} of {len(mask)} industries of the data {what} "
            f"({definition.source}) and were left out: {list(panel.industries[mask][:_LISTED])}"
            f"{' …' if mask.sum() > _LISTED else ''}, holding {share:.1%} of the total value"
        )
        if what.startswith("are not") and unmapped == "error":
            raise InputError(text.replace("and were left out", "") + "; choose unmapped='warn'")
        warnings.warn(text, DataQualityWarning, stacklevel=2)
    if not known.any():
        raise InputError(
            f"definition: none of the {len(known)} industries of the data is in the definition "
            f"({definition.source}), e.g. {list(panel.industries[:_LISTED])}; check the "
            "classification and the code format (leading zeros, dots)"
        )
    clusters = pd.Index(sorted(set(codes[known]), key=_cluster_sort_key), name=cluster)
    col_of = clusters.get_indexer(codes[known])
    indicator = sparse.csr_matrix(
        (np.ones(len(col_of)), (np.flatnonzero(known), col_of)),
        shape=(len(known), len(clusters)),
    )
    out_panel = RegionalPanel(
        matrices=tuple(np.asarray(m @ indicator) for m in panel.matrices),
        regions=panel.regions, industries=clusters, periods=panel.periods,
        region_name=panel.region_name, industry_name=cluster, period_name=panel.period_name,
    )  # fmt: skip
    result = out_panel.to_long().rename(columns={"value": value})
    for col in extra_values:
        result[col] = np.concatenate([np.asarray(m @ indicator).ravel() for m in extras[col]])
    if definition.names:
        result["cluster_name"] = result[cluster].map(definition.names)
    if definition.types:
        result["cluster_type"] = result[cluster].map(definition.types)
    result.attrs["definition_coverage"] = coverage
    return result
