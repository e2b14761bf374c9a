"""Concordances from regional employment panels to the sectors of an input-output table.

Regional employment comes by industry classification (WZ 2008 / NACE Rev. 2
sections and groupings), input-output tables by product (CPA) or industry.
A concordance maps each panel industry to one sector, or splits it over
several with weights.  Two documented examples ship here: WZ sections → CPA
A*10 groups, and the demo pairing of the Kreis panel with the six product
groups of the Eurostat-manual table of Germany 1995.  Pure: no files, no
printing.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Mapping
from types import MappingProxyType

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel, as_panel
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.valuechain.table import IOTable

__all__ = ["WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL", "WZ_SECTIONS_TO_CPA_A10", "sector_employment"]

_A10 = {"A": "A", "B": "B-E", "C": "B-E", "D": "B-E", "E": "B-E", "F": "F", "G": "G-I",
        "H": "G-I", "I": "G-I", "J": "J", "K": "K", "L": "L", "M": "M-N", "N": "M-N",
        "O": "O-Q", "P": "O-Q", "Q": "O-Q", "R": "R-U",
        "S": "R-U", "T": "R-U", "U": "R-U"}  # fmt: skip

#: WZ 2008 / NACE Rev. 2 sections (``"A"`` … ``"U"``) and the A*10 groupings
#: (``"B-E"``, ``"G-I"``, ``"M-N"``, ``"O-Q"``, ``"R-U"``) → CPA 2008 product
#: groups of the A*10 breakdown (``"CPA_A"``, ``"CPA_B-E"``, …, ``"CPA_R-U"``).
#: Sections and CPA divisions share their letters, so the mapping is exact.
WZ_SECTIONS_TO_CPA_A10: Mapping[str, str] = MappingProxyType(
    {**{k: f"CPA_{v}" for k, v in _A10.items()}, **{v: f"CPA_{v}" for v in set(_A10.values())}}
)

#: The demo pairing: the ten WZ A*10 groupings of
#: :func:`clusterdialog.datasets.load_kreise_industries` → the six product
#: groups of the Eurostat-manual table of Germany 1995 (Eurostat 2008, Table
#: 15.4): J, K, L and M-N form business services ``CPA_J-N``; O-Q and R-U
#: other services ``CPA_O-T`` (U, extraterritorial organisations, has no CPA
#: product and is negligible).
WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL: Mapping[str, str] = MappingProxyType(
    {"A": "CPA_A", "B-E": "CPA_B-E", "F": "CPA_F", "G-I": "CPA_G-I", "J": "CPA_J-N",
     "K": "CPA_J-N", "L": "CPA_J-N", "M-N": "CPA_J-N", "O-Q": "CPA_O-T", "R-U": "CPA_O-T"}
)  # fmt: skip


def _concordance_matrix(industries: pd.Index, sectors: pd.Index, concordance) -> np.ndarray:
    """Weights industries × sectors: how a panel industry's employment splits on sectors."""
    if concordance is None:
        concordance = {s: s for s in sectors}
    if not isinstance(concordance, Mapping):
        raise InputError(f"concordance: expected a mapping industry → sector (or → "
                         f"{{sector: weight}}), got {type(concordance).__name__}")  # fmt: skip
    weights = np.zeros((len(industries), len(sectors)))
    position = {s: k for k, s in enumerate(sectors)}
    for row, code in enumerate(industries):
        target = concordance.get(code)
        if target is None:
            continue
        parts = {target: 1.0} if isinstance(target, str) else dict(target)
        unknown = sorted(set(parts) - set(position))
        if unknown:
            raise InputError(f"concordance: industry {code!r} maps to {unknown}, which are "
                             f"not sectors of the table {list(sectors[:8])}")  # fmt: skip
        total = sum(parts.values())
        for sector, weight in parts.items():
            weights[row, position[sector]] = weight / total
    return weights


def sector_employment(
    table: IOTable,
    employment: pd.DataFrame | RegionalPanel,
    *,
    concordance: Mapping | None = None,
    region_column: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    at: Hashable | None = None,
    suppressed: str = "error",
) -> pd.DataFrame:
    """Employment of every region in the table's sectors, through a concordance.

    Parameters
    ----------
    table : IOTable
    employment : pandas.DataFrame or RegionalPanel
        Long panel (``region_column``, ``industry``, ``value`` and optionally
        ``period``).  With several periods, ``at`` selects one.
    concordance : mapping, optional
        Panel industry → sector code, or → ``{sector: weight}`` to split an
        industry over sectors (weights are normalised).  Default: identity.

    Returns
    -------
    pandas.DataFrame
        Regions × sectors (employment); the nation is the column total.

    Raises
    ------
    InputError
        When a sector of the table receives no industry, the concordance
        names unknown sectors, or the panel is bad.

    Warns
    -----
    DataQualityWarning
        For panel industries the concordance does not cover (with their share
        of employment); they are left out.

    Examples
    --------
    >>> import pandas as pd
    >>> t = IOTable.from_arrays(["a", "b"], [[1, 2], [3, 4]], [5, 6])
    >>> df = pd.DataFrame({"region": ["R", "R", "S"], "industry": ["a1", "b", "a2"],
    ...                    "value": [1.0, 2.0, 3.0]})
    >>> sector_employment(t, df, concordance={"a1": "a", "a2": "a", "b": "b"})
              a    b
    region
    R       1.0  2.0
    S       3.0  0.0
    """
    panel = as_panel(employment, region=region_column, industry=industry, value=value,
                     period=period, suppressed=suppressed, measure="sector_employment")  # fmt: skip
    matrix = np.nan_to_num(panel.matrix(at))
    weights = _concordance_matrix(panel.industries, table.sectors, concordance)
    uncovered = weights.sum(axis=1) == 0
    if uncovered.any():
        share = matrix[:, uncovered].sum() / max(matrix.sum(), 1e-300)
        warnings.warn(
            f"concordance: {int(uncovered.sum())} panel industr(y/ies) "
            f"{list(panel.industries[uncovered][:5])} map to no sector ({share:.1%} of "
            "employment); left out",
            DataQualityWarning,
            stacklevel=3,
        )
    empty = table.sectors[weights.sum(axis=0) == 0]
    if len(empty):
        raise InputError(
            f"concordance: sector(s) {list(empty[:5])} of the table receive no industry of "
            "the panel; map at least one industry to each sector"
        )
    out = pd.DataFrame(matrix @ weights, index=panel.regions, columns=table.sectors)
    out.index.name = panel.region_name
    out.columns.name = None
    return out
