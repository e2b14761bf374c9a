"""Diversity of regions and ubiquity of industries: the margins of the presence matrix.

With M the binary presence matrix (M = 1 if LQ ≥ 1, see
:func:`~clusterdialog.measures.cooccurrence.presence`), a region's diversity
is the number of industries it has and an industry's ubiquity the number of
regions that have it (Hidalgo & Hausmann 2009), the starting point of
economic complexity (:mod:`.complexity`).
"""

from __future__ import annotations

import pandas as pd

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.measures._results import by_industry, by_region
from clusterdialog.measures.cooccurrence import _presences

__all__ = ["diversity", "ubiquity"]


def diversity(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    threshold: float = 1.0,
) -> pd.DataFrame:
    """Diversity: the number of industries present in a region.

    .. math::

        d_r = \\sum_k M_{rk}

    Parameters
    ----------
    data, region, industry, value, period, suppressed, threshold
        As in :func:`~clusterdialog.measures.cooccurrence.presence`.

    Returns
    -------
    pandas.DataFrame
        ``region[, period], value`` (integers).

    Raises
    ------
    InputError
        For a bad table or threshold.

    References
    ----------
    .. [1] Hidalgo, C. A., & Hausmann, R. (2009). The building blocks of
       economic complexity. PNAS 106(26), 10570–10575.
       https://doi.org/10.1073/pnas.0900943106

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": list("AABB"), "industry": list("xyxy"),
    ...                    "value": [1, 1, 3, 1]})
    >>> diversity(df)["value"].tolist()
    [1, 1]

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     d = diversity(bw, industry="occupation", value="employees", suppressed="zero")
    >>> d.nlargest(3, "value")  # Freiburg, Heidelberg, Konstanz
       region  value
    25  08311     74
    17  08221     70
    32  08335     69
    """
    panel, ms = _presences(
        data, region, industry, value, period, suppressed, threshold, "diversity"
    )
    return by_region(panel, [m.sum(axis=1).astype("int64") for m in ms])


def ubiquity(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    threshold: float = 1.0,
) -> pd.DataFrame:
    """Ubiquity: the number of regions in which an industry is present.

    .. math::

        u_k = \\sum_r M_{rk}

    Parameters
    ----------
    data, region, industry, value, period, suppressed, threshold
        As in :func:`~clusterdialog.measures.cooccurrence.presence`.

    Returns
    -------
    pandas.DataFrame
        ``industry[, period], value`` (integers).

    Raises
    ------
    InputError
        For a bad table or threshold.

    References
    ----------
    .. [1] Hidalgo, C. A., & Hausmann, R. (2009). The building blocks of
       economic complexity. PNAS 106(26), 10570–10575.
       https://doi.org/10.1073/pnas.0900943106

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"region": list("AABB"), "industry": list("xyxy"),
    ...                    "value": [1, 1, 3, 1]})
    >>> ubiquity(df)["value"].tolist()
    [1, 1]

    On the bundled demo data, employees by Kreis and KldB occupation group in Baden-Württemberg
    (2024), with its 181 suppressed cells counted as 0:

    >>> import warnings
    >>> from clusterdialog.datasets import load_bw_occupations
    >>> from clusterdialog.errors import DataQualityWarning
    >>> bw = load_bw_occupations()
    >>> with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
    ...     u = ubiquity(bw, industry="occupation", value="employees", suppressed="zero")
    >>> u[u["occupation"].isin(["431", "434"])]  # computer science, software development
       occupation  value
    56        431      3
    59        434      9
    """
    panel, ms = _presences(data, region, industry, value, period, suppressed, threshold, "ubiquity")
    return by_industry(panel, [m.sum(axis=0).astype("int64") for m in ms])
