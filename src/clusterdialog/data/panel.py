"""Regional panels: validated long tables and their labelled dense matrices.

A *regional panel* is a long table with one row per region × industry
(or occupation, or cluster) × optional period, a non-negative ``value`` and
optionally a flag.  Official statistics hide small cells; such cells are kept
as missing (``NaN``) and flagged as suppressed, and every measure decides what
to do with them through an explicit policy (see :data:`SUPPRESSED_POLICIES`).

:class:`RegionalPanel` is the validated, pivoted form: one dense
``regions × industries`` float matrix per period, with labelled axes.  Measures
accept either a long :class:`pandas.DataFrame` or a :class:`RegionalPanel`, so
that a suite of measures pivots once.

This module is pure: it reads no files and prints nothing.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import pandas as pd

from clusterdialog.data.validation import MAX_LISTED, validate_panel
from clusterdialog.errors import DataQualityWarning, InputError

__all__ = [
    "SUPPRESSED_POLICIES",
    "Provenance",
    "RegionalPanel",
    "as_panel",
    "validate_panel",
]

SuppressedPolicy = Literal["zero", "drop_region", "drop_industry", "error"]

#: What a measure may do with suppressed or unknown cells.
#:
#: ``"zero"``
#:     count them as 0 (a lower bound of the true value);
#: ``"drop_region"``
#:     drop every region that has a suppressed cell (in any period);
#: ``"drop_industry"``
#:     drop every industry that has a suppressed cell (in any period);
#: ``"error"``
#:     raise :class:`~clusterdialog.errors.InputError` naming the cells.
SUPPRESSED_POLICIES: tuple[str, ...] = ("zero", "drop_region", "drop_industry", "error")


@dataclass(frozen=True)
class Provenance:
    """Where a panel came from.

    Attributes
    ----------
    source : str
        File name, URL or description of the source.
    sha256 : str or None
        SHA-256 hex digest of the file the panel was read from.
    table : str or None
        Table code of the publisher (e.g. GENESIS ``13111-07-05-4``,
        Eurostat ``tour_occ_arn2``).
    reader : str or None
        Name of the reader that produced the panel.
    details : dict
        Further reader-specific facts (licence line, reference date, …).
    """

    source: str
    sha256: str | None = None
    table: str | None = None
    reader: str | None = None
    details: Mapping[str, object] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        """Return the provenance as a flat dictionary (for metadata and reports)."""
        out: dict[str, object] = {
            "source": self.source,
            "sha256": self.sha256,
            "table": self.table,
            "reader": self.reader,
        }
        out.update(self.details)
        return out


@dataclass(frozen=True, eq=False)
class RegionalPanel:
    """A validated regional panel as labelled dense matrices, one per period.

    Build it with :meth:`from_long`; measures accept it wherever they accept
    a long table, so that a suite of measures pivots once.

    Attributes
    ----------
    matrices : tuple of numpy.ndarray
        One float64 ``len(regions) × len(industries)`` matrix per period,
        ``NaN`` where a cell is suppressed; absent cells are 0.
    regions, industries : pandas.Index
        String labels of rows and columns (shared by all periods).
    periods : tuple
        Period labels, ``(None,)`` for a single-period panel.
    region_name, industry_name, period_name : str
        Column names used for keys in results.
    provenance : Provenance, optional
        Where the data came from.
    """

    matrices: tuple[np.ndarray, ...]
    regions: pd.Index
    industries: pd.Index
    periods: tuple[Hashable, ...] = (None,)
    region_name: str = "region"
    industry_name: str = "industry"
    period_name: str | None = None
    provenance: Provenance | None = None

    def __post_init__(self) -> None:
        if len(self.matrices) != len(self.periods):
            raise InputError(
                f"RegionalPanel: {len(self.matrices)} matrices for {len(self.periods)} periods"
            )
        shape = (len(self.regions), len(self.industries))
        for m in self.matrices:
            if m.shape != shape:
                raise InputError(f"RegionalPanel: matrix of shape {m.shape}, expected {shape}")

    # ------------------------------------------------------------------ build
    @classmethod
    def from_long(
        cls,
        data: pd.DataFrame,
        *,
        region: str = "region",
        industry: str = "industry",
        value: str = "value",
        period: str | None = None,
        suppressed: str | None = None,
        provenance: Provenance | None = None,
        argument: str = "data",
    ) -> RegionalPanel:
        """Validate a long table and pivot it to one matrix per period.

        Parameters are those of :func:`validate_panel`.  Regions and
        industries are sorted; periods are sorted.

        Examples
        --------
        >>> import pandas as pd
        >>> df = pd.DataFrame({"kreis": ["08111", "08111", "08115"],
        ...                    "wz": ["C", "F", "C"], "emp": [10, 4, 5]})
        >>> panel = RegionalPanel.from_long(df, region="kreis", industry="wz", value="emp")
        >>> panel.matrix()
        array([[10.,  4.],
               [ 5.,  0.]])
        >>> list(panel.regions), list(panel.industries)
        (['08111', '08115'], ['C', 'F'])
        """
        if isinstance(data, RegionalPanel):
            return data
        clean = validate_panel(
            data,
            region=region,
            industry=industry,
            value=value,
            period=period,
            suppressed=suppressed,
            argument=argument,
        )
        region_codes, regions = pd.factorize(clean[region], sort=True)
        industry_codes, industries = pd.factorize(clean[industry], sort=True)
        values = clean[value].to_numpy(dtype="float64")
        shape = (len(regions), len(industries))
        if period is None:
            period_codes = np.zeros(len(clean), dtype=np.intp)
            periods: tuple[Hashable, ...] = (None,)
        else:
            period_codes, period_index = pd.factorize(clean[period], sort=True)
            periods = tuple(period_index.tolist())
        matrices = []
        for p in range(len(periods)):
            m = np.zeros(shape, dtype="float64")
            sel = period_codes == p
            m[region_codes[sel], industry_codes[sel]] = values[sel]
            matrices.append(m)
        return cls(
            matrices=tuple(matrices),
            regions=pd.Index(regions.astype(str), name=region),
            industries=pd.Index(industries.astype(str), name=industry),
            periods=periods,
            region_name=region,
            industry_name=industry,
            period_name=period,
            provenance=provenance,
        )

    @classmethod
    def from_matrix(
        cls,
        matrix: pd.DataFrame,
        *,
        region: str = "region",
        industry: str = "industry",
    ) -> RegionalPanel:
        """Build a single-period panel from a wide ``regions × industries`` frame.

        Examples
        --------
        >>> import pandas as pd
        >>> wide = pd.DataFrame([[1, 2], [3, 4]], index=["R1", "R2"], columns=["I1", "I2"])
        >>> RegionalPanel.from_matrix(wide).to_long()
          region industry  value
        0     R1       I1    1.0
        1     R1       I2    2.0
        2     R2       I1    3.0
        3     R2       I2    4.0
        """
        long = matrix.rename_axis(index=region, columns=industry).stack(future_stack=True)
        long = long.rename("value").reset_index()
        long[region] = long[region].astype(str)
        long[industry] = long[industry].astype(str)
        return cls.from_long(long, region=region, industry=industry, value="value")

    # ------------------------------------------------------------- accessors
    @property
    def has_periods(self) -> bool:
        """True when the panel was built with a period column."""
        return self.period_name is not None

    @property
    def shape(self) -> tuple[int, int]:
        """``(number of regions, number of industries)``."""
        return (len(self.regions), len(self.industries))

    def matrix(self, period: Hashable | None = None) -> np.ndarray:
        """Return the matrix of one period (the only one if there is one)."""
        if period is None:
            if len(self.periods) != 1:
                raise InputError(
                    f"period: the panel has {len(self.periods)} periods "
                    f"{list(self.periods)}; name one"
                )
            return self.matrices[0]
        try:
            return self.matrices[self.periods.index(period)]
        except ValueError:
            raise InputError(
                f"period: {period!r} is not in the panel; periods are {list(self.periods)}"
            ) from None

    def frame(self, period: Hashable | None = None) -> pd.DataFrame:
        """Return one period's matrix as a labelled wide DataFrame."""
        return pd.DataFrame(self.matrix(period), index=self.regions, columns=self.industries)

    def select_periods(self, periods: Sequence[Hashable]) -> RegionalPanel:
        """Return a panel restricted to the given periods, in the given order."""
        matrices = tuple(self.matrix(p) for p in periods)
        return replace(self, matrices=matrices, periods=tuple(periods))

    def suppressed_mask(self) -> np.ndarray:
        """Boolean array ``periods × regions × industries``: True where suppressed."""
        return np.stack([np.isnan(m) for m in self.matrices])

    def to_long(self, *, drop_zeros: bool = False) -> pd.DataFrame:
        """Return the panel as a long table (region, industry[, period], value)."""
        frames = []
        n_r, n_i = self.shape
        region_labels = np.repeat(self.regions.to_numpy(), n_i)
        industry_labels = np.tile(self.industries.to_numpy(), n_r)
        for p, m in zip(self.periods, self.matrices, strict=True):
            part = pd.DataFrame(
                {self.region_name: region_labels, self.industry_name: industry_labels}
            )
            if self.period_name is not None:
                part[self.period_name] = p
            part["value"] = m.ravel()
            if drop_zeros:
                part = part[part["value"] != 0]
            frames.append(part)
        return pd.concat(frames, ignore_index=True)

    # ------------------------------------------------------ suppressed cells
    def resolve_suppressed(
        self, suppressed: str = "error", *, measure: str = "measure"
    ) -> RegionalPanel:
        """Apply a policy for suppressed cells and return a panel without ``NaN``.

        Parameters
        ----------
        suppressed : {"zero", "drop_region", "drop_industry", "error"}
            The policy (see :data:`SUPPRESSED_POLICIES`).  ``drop_*`` drops a
            region or industry that has a suppressed cell in any period, so
            that all periods keep the same rows and columns.
        measure : str
            Name of the calling measure, used in messages.

        Warns
        -----
        DataQualityWarning
            When suppressed cells exist, saying how many cells (and which
            share of all cells) are affected and, for the drop policies,
            which share of the total value was dropped.

        Raises
        ------
        InputError
            For an unknown policy, or with ``"error"`` when a cell is suppressed.

        Examples
        --------
        >>> import warnings
        >>> import pandas as pd
        >>> df = pd.DataFrame({"region": ["A", "A", "B", "B"], "industry": ["x", "y", "x", "y"],
        ...                    "value": [4, None, 1, 5]})
        >>> panel = RegionalPanel.from_long(df)
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")
        ...     panel.resolve_suppressed("drop_region").matrix()
        array([[1., 5.]])
        """
        if suppressed not in SUPPRESSED_POLICIES:
            raise InputError(
                f"suppressed: expected one of {list(SUPPRESSED_POLICIES)}, got {suppressed!r}"
            )
        mask = self.suppressed_mask()
        n_bad = int(mask.sum())
        if n_bad == 0:
            return self
        n_cells = mask.size
        share_cells = n_bad / n_cells
        where = self._describe_suppressed(mask)
        if suppressed == "error":
            raise InputError(
                f"{measure}: {n_bad} suppressed or unknown cell(s) ({share_cells:.1%} of "
                f"{n_cells} cells), e.g. {where}; choose suppressed='zero', 'drop_region' "
                "or 'drop_industry'"
            )
        total = float(sum(np.nansum(m) for m in self.matrices))
        if suppressed == "zero":
            matrices = tuple(np.where(np.isnan(m), 0.0, m) for m in self.matrices)
            warnings.warn(
                f"{measure}: {n_bad} suppressed or unknown cell(s) ({share_cells:.1%} of "
                f"{n_cells} cells) counted as 0",
                DataQualityWarning,
                stacklevel=3,
            )
            return replace(self, matrices=matrices)
        if suppressed == "drop_region":
            keep = ~mask.any(axis=(0, 2))
            matrices = tuple(m[keep, :] for m in self.matrices)
            dropped_value = total - float(sum(m.sum() for m in matrices))
            noun, n_dropped, n_all = "regions", int((~keep).sum()), len(self.regions)
            result = replace(self, matrices=matrices, regions=self.regions[keep])
        else:
            keep = ~mask.any(axis=(0, 1))
            matrices = tuple(m[:, keep] for m in self.matrices)
            dropped_value = total - float(sum(m.sum() for m in matrices))
            noun, n_dropped, n_all = "industries", int((~keep).sum()), len(self.industries)
            result = replace(self, matrices=matrices, industries=self.industries[keep])
        share_value = dropped_value / total if total > 0 else 0.0
        warnings.warn(
            f"{measure}: {n_bad} suppressed or unknown cell(s) ({share_cells:.1%} of "
            f"{n_cells} cells); dropped {n_dropped} of {n_all} {noun} holding "
            f"{share_value:.1%} of the published total",
            DataQualityWarning,
            stacklevel=3,
        )
        return result

    def _describe_suppressed(self, mask: np.ndarray) -> str:
        p_idx, r_idx, i_idx = np.nonzero(mask)
        parts = []
        for p, r, i in list(zip(p_idx, r_idx, i_idx, strict=True))[:MAX_LISTED]:
            label = (
                f"{self.region_name}={self.regions[r]!r}, "
                f"{self.industry_name}={self.industries[i]!r}"
            )
            if self.period_name is not None:
                label += f", {self.period_name}={self.periods[p]!r}"
            parts.append(f"({label})")
        return "; ".join(parts)


def as_panel(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    measure: str = "measure",
) -> RegionalPanel:
    """Return ``data`` as a :class:`RegionalPanel` with the suppression policy applied.

    Every measure calls this first.  A long DataFrame is validated and
    pivoted; a :class:`RegionalPanel` is used as it is (its own column
    names win over ``region``/``industry``/``period``).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": ["A", "B"], "industry": ["x", "x"], "value": [1, 2]})
    >>> as_panel(df).shape
    (2, 1)
    """
    if suppressed not in SUPPRESSED_POLICIES:
        raise InputError(
            f"suppressed: expected one of {list(SUPPRESSED_POLICIES)}, got {suppressed!r}"
        )
    if isinstance(data, RegionalPanel):
        panel = data
    else:
        panel = RegionalPanel.from_long(
            data, region=region, industry=industry, value=value, period=period
        )
    return panel.resolve_suppressed(suppressed, measure=measure)
