"""Opportunities and intersections of fields ("Schnittfelder"), explained in words.

:func:`opportunities`: per region, the industries it is not yet specialised in
that are most related to its strengths, and the strengths that make them
related; :func:`intersections`: pairs of its specialised fields that are
strongly related.  Each row has a German (``explanation_de``, decimal comma)
and an English sentence (``explanation_en``).  Relatedness and density are
those of :mod:`clusterdialog.measures.relatedness`.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Mapping, Sequence

import numpy as np
import pandas as pd

from clusterdialog.data.panel import RegionalPanel, as_panel
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.measures._checks import as_mapping, check_choice, check_threshold
from clusterdialog.measures.cooccurrence import proximity_matrix
from clusterdialog.measures.location_quotients import location_quotient_matrix
from clusterdialog.measures.relatedness import (
    RELATEDNESS_METHODS,
    _given_relatedness,
    density_matrix,
    relatedness_matrix,
)

__all__ = ["EXPLANATIONS", "format_number", "intersections", "opportunities"]

_METHODS = ("proximity", *RELATEDNESS_METHODS)

#: Sentence templates of ``explanation_de`` / ``explanation_en`` (str.format fields).
EXPLANATIONS: dict[tuple[str, str], str] = {
    ("opportunity", "de"): "{place} ist in {field} noch nicht spezialisiert (LQ {lq}), aber "
    "verwandt mit den vorhandenen Stärken {strengths} (Verwandtschaftsdichte {density}).",
    ("opportunity", "en"): "{place} is not yet specialised in {field} (LQ {lq}) but is related "
    "to its existing strengths {strengths} (relatedness density {density}).",
    ("unrelated", "de"): "{place} ist in {field} noch nicht spezialisiert (LQ {lq}); keine der "
    "vorhandenen Stärken ist mit diesem Feld verwandt (Verwandtschaftsdichte {density}).",
    ("unrelated", "en"): "{place} is not yet specialised in {field} (LQ {lq}); none of its "
    "existing strengths is related to it (relatedness density {density}).",
    ("intersection", "de"): "{place} ist sowohl in {field_i} (LQ {lq_i}) als auch in {field_j} "
    "(LQ {lq_j}) spezialisiert, und beide Felder sind eng verwandt ({measure} {relatedness}, "
    "oberste {top} aller Branchenpaare): ein Kandidat für einen Clusteransatz an ihrer "
    "Schnittstelle.",
    ("intersection", "en"): "{place} is specialised in both {field_i} (LQ {lq_i}) and {field_j} "
    "(LQ {lq_j}), and the two fields are closely related ({measure} {relatedness}, top {top} "
    "of all industry pairs): a candidate for a cluster initiative at their intersection.",
}
_MEASURE_WORDS = {"de": ("Proximität", "Verwandtschaft"), "en": ("proximity", "relatedness")}


def format_number(x: float, decimals: int = 2, *, lang: str = "de") -> str:
    """A number as text, German ``1.234,56`` or English ``1,234.56``.

    >>> format_number(12345.678, 1), format_number(12345.678, 1, lang="en")
    ('12.345,7', '12,345.7')
    """
    check_choice("lang", lang, ("de", "en"))
    text = f"{x:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "de" else text


def _percent(share: float, lang: str) -> str:
    return format_number(100.0 * share, 0, lang=lang) + (" %" if lang == "de" else "%")


def _lq_text(lq: float, threshold: float, lang: str) -> str:
    """LQ with 2 decimals, more where rounding would cross the threshold (0.995 is not 1.00)."""
    for decimals in (2, 3, 4):
        if (round(lq, decimals) >= threshold) == (lq >= threshold):
            break
    return format_number(lq, decimals, lang=lang)


def _join(items: Sequence[str], lang: str) -> str:
    last = (" und " if lang == "de" else " and ").join(items[-2:])
    return ", ".join([*items[:-2], last])


def _names(names: object, data: object, key: str, argument: str) -> dict[str, str]:
    """Labels: a mapping, or the name of a column of ``data`` (e.g. ``industry_name``)."""
    if names is None:
        return {}
    if isinstance(names, str):
        if not isinstance(data, pd.DataFrame) or names not in data.columns:
            raise InputError(f"{argument}: {names!r} is not a column of data")
        pairs = data[[key, names]].drop_duplicates(subset=key)
        return dict(zip(pairs[key].astype(str), pairs[names].astype(str), strict=True))
    return {k: str(v) for k, v in as_mapping(names, argument).items()}


class _Setup:
    """Panel of one period, LQ, presence and relatedness shared by both functions."""

    def __init__(self, data, region, industry, value, period, suppressed, at, threshold,
                 method, relatedness, names, region_names, top, measure):  # fmt: skip
        tau = check_threshold(threshold)
        if relatedness is not None and method is not None:
            raise InputError("method, relatedness: give a method or a relatedness table, not both")
        method = "proximity" if method is None else method
        check_choice("method", method, _METHODS)
        _check_count("top", top)
        self.labels = _names(names, data, industry, "names")
        self.places = _names(region_names, data, region, "region_names")
        panel = as_panel(
            data, region=region, industry=industry, value=value, period=period,
            suppressed=suppressed, measure=measure,
        )  # fmt: skip
        if panel.has_periods:
            at = panel.periods[-1] if at is None else at
            panel.matrix(at)  # InputError for an unknown period
            panel = panel.select_periods([at])
        elif at is not None:
            raise InputError(f"at: the data have no periods, got at={at!r}")
        self.panel, self.at, self.tau = panel, at, tau
        self.x = panel.matrices[0]
        self.lq = location_quotient_matrix(self.x)
        self.m = np.where(np.isnan(self.lq), 0.0, (self.lq >= tau).astype(float))
        if relatedness is not None:
            r = _given_relatedness(relatedness, panel)
        else:
            r = proximity_matrix(self.m) if method == "proximity" else relatedness_matrix(
                self.m, method=method)  # fmt: skip
        r = np.nan_to_num(r, nan=0.0)
        np.fill_diagonal(r, 0.0)
        self.r, self.method = r, "given" if relatedness is not None else method
        empty = ~(self.x.sum(axis=1) > 0)
        if empty.any():
            warnings.warn(
                f"{measure}: {int(empty.sum())} of {len(empty)} region(s) have no data in "
                f"period {at!r} and get no rows: {list(panel.regions[empty][:10])}",
                DataQualityWarning,
                stacklevel=3,
            )
        self.keep = ~empty

    def selected(self, regions: Sequence[str] | None) -> np.ndarray:
        if regions is None:
            return self.keep
        wanted = pd.Index([str(r) for r in regions])
        unknown = wanted.difference(self.panel.regions)
        if len(unknown):
            raise InputError(f"regions: {len(unknown)} unknown region(s): {list(unknown[:10])}")
        return self.keep & self.panel.regions.isin(wanted)

    def place(self, r: int) -> str:
        return self.places.get(self.panel.regions[r], self.panel.regions[r])

    def field(self, k: int) -> str:
        code = self.panel.industries[k]
        name = self.labels.get(code, "").removesuffix(f" ({code})")
        return f"{code} ({name})" if name else code

    def frame(self, rows: dict) -> pd.DataFrame:
        out = pd.DataFrame(rows)
        if self.panel.has_periods:
            out.insert(1, self.panel.period_name, self.at)
        return out


def _check_count(name: str, given: object) -> None:
    if given is not None and (isinstance(given, bool) or not isinstance(given, int) or given < 1):
        raise InputError(f"{name}: expected a positive integer, got {given!r}")


def _ranked(r_idx: np.ndarray, other: np.ndarray, keys: tuple, top: int | None) -> tuple:
    """Sort rows by region, then by ``keys`` (lexsort order); rank within region; keep top."""
    order = np.lexsort((*keys, r_idx))
    r_idx, other = r_idx[order], other[order]
    rank = pd.Series(r_idx).groupby(r_idx).cumcount().to_numpy()
    keep = slice(None) if top is None else rank < top
    return r_idx[keep], other[keep], rank[keep] + 1


def opportunities(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    at: Hashable | None = None,
    regions: Sequence[str] | None = None,
    threshold: float = 1.0,
    method: str | None = None,
    relatedness: pd.DataFrame | None = None,
    top: int | None = 5,
    max_strengths: int = 3,
    names: Mapping | pd.Series | str | None = None,
    region_names: Mapping | pd.Series | str | None = None,
) -> pd.DataFrame:
    r"""Industries a region is not yet specialised in, ranked by relatedness density.

    .. math::

        d_{rk} = \frac{\sum_{j \ne k} M_{rj} R_{jk}}{\sum_{j \ne k} R_{jk}}, \qquad
        c_{rjk} = \frac{M_{rj} R_{jk}}{\sum_{j \ne k} R_{jk}}

    for every k with :math:`LQ_{rk} < \tau`; the named strengths are the j with
    the largest contributions :math:`c_{rjk}` (which add up to :math:`d_{rk}`).

    Parameters
    ----------
    data, region, industry, value, period, suppressed
        Long employment table (or RegionalPanel), its columns and the suppressed-cell policy.
    at : optional
        The period to use (default: the last).
    regions : sequence of str, optional
        Regions to report (relatedness is always computed on all regions).
    threshold : float
        τ: specialised (present) means LQ ≥ τ.
    method, relatedness : optional
        The relatedness R as in
        :func:`~clusterdialog.measures.relatedness.relatedness_density`:
        ``method`` in {"proximity" (default), "probability", "cosine",
        "association", "jaccard"}, or a given ``industry_i, industry_j, value`` table.
    top, max_strengths : int
        Candidates per region (None: all) and strengths named per candidate.
    names, region_names : mapping, Series or str, optional
        Labels, or the name of a column of ``data`` holding them (``"industry_name"``).

    Returns
    -------
    pandas.DataFrame
        ``region[, period], industry, rank, lq, density, employment,
        related_strengths`` (codes joined by ``", "``), ``explanation_de,
        explanation_en``; sorted by region and rank (1 = highest density).

    Raises
    ------
    InputError
        For a bad table, period, threshold, method, label argument or region.

    Warns
    -----
    DataQualityWarning
        Naming regions without data in the period (they get no rows).

    Notes
    -----
    R has diagonal 0: the density is the share of k's relatedness to other
    industries that lies in the region's strengths, as
    :func:`~clusterdialog.measures.relatedness.relatedness_density` with
    ``diagonal=False`` (Datawheel).  Density ties go to the higher LQ.  An
    industry related to no other (Σ R = 0) has no density and is not listed.

    References
    ----------
    .. [1] Hidalgo, C. A. et al. (2018). The principle of relatedness. In
       Unifying Themes in Complex Systems IX, 451–457. Springer.
       https://doi.org/10.1007/978-3-319-96661-8_46

    Examples
    --------
    Kreis Esslingen (08116) in 2020, on the bundled Kreis × WZ panel:

    >>> import warnings
    >>> from textwrap import fill
    >>> from clusterdialog.datasets import load_kreise_industries
    >>> kreise = load_kreise_industries()
    >>> with warnings.catch_warnings(action="ignore"):  # 299 suppressed cells; Göttingen merged
    ...     found = opportunities(kreise, period="period", suppressed="zero", regions=["08116"],
    ...                           top=2, names="industry_name",
    ...                           region_names={"08116": "Kreis Esslingen"})
    >>> found[["industry", "rank", "lq", "density", "related_strengths"]].round(3)
      industry  rank     lq  density related_strengths
    0        K     1  0.835    0.293            J, B-E
    1      M-N     2  0.995    0.256            J, B-E
    >>> print(fill(found["explanation_de"][0], 90))
    Kreis Esslingen ist in K (Erbringung von Finanz- und Vers.leistungen) noch nicht
    spezialisiert (LQ 0,84), aber verwandt mit den vorhandenen Stärken J (Information und
    Kommunikation) und B-E (Produzierendes Gewerbe ohne Baugewerbe) (Verwandtschaftsdichte 29
    %).
    >>> found["explanation_en"][1].split("(LQ ")[1][:5]  # not rounded up to the threshold 1
    '0.995'
    """
    _check_count("max_strengths", max_strengths)
    s = _Setup(data, region, industry, value, period, suppressed, at, threshold, method,
               relatedness, names, region_names, top, "opportunities")  # fmt: skip
    density = density_matrix(s.m, s.r)
    candidate = (s.m == 0) & np.isfinite(s.lq) & np.isfinite(density)
    candidate &= s.selected(regions)[:, None]
    r_idx, k_idx = np.nonzero(candidate)
    keys = (-s.lq[r_idx, k_idx], -density[r_idx, k_idx])
    r_idx, k_idx, rank = _ranked(r_idx, k_idx, keys, top)
    column_sums = s.r.sum(axis=0)
    rows: dict[str, list] = {key: [] for key in ("strengths", "de", "en")}
    for r, k in zip(r_idx, k_idx, strict=True):
        with np.errstate(invalid="ignore", divide="ignore"):
            contribution = s.m[r] * s.r[:, k] / column_sums[k]
        best = [j for j in np.argsort(-contribution, kind="stable")[:max_strengths]
                if contribution[j] > 0]  # fmt: skip
        strengths = [s.panel.industries[j] for j in best]
        rows["strengths"].append(", ".join(strengths))
        kind = "opportunity" if strengths else "unrelated"
        for lang in ("de", "en"):
            rows[lang].append(EXPLANATIONS[kind, lang].format(
                place=s.place(r), field=s.field(k), lq=_lq_text(s.lq[r, k], s.tau, lang),
                density=_percent(density[r, k], lang),
                strengths=_join([s.field(j) for j in best], lang),
            ))  # fmt: skip
    return s.frame({
        s.panel.region_name: s.panel.regions[r_idx],
        s.panel.industry_name: s.panel.industries[k_idx],
        "rank": rank, "lq": s.lq[r_idx, k_idx], "density": density[r_idx, k_idx],
        "employment": s.x[r_idx, k_idx], "related_strengths": rows["strengths"],
        "explanation_de": rows["de"], "explanation_en": rows["en"],
    })  # fmt: skip


def intersections(
    data: pd.DataFrame | RegionalPanel,
    *,
    region: str = "region",
    industry: str = "industry",
    value: str = "value",
    period: str | None = None,
    suppressed: str = "error",
    at: Hashable | None = None,
    regions: Sequence[str] | None = None,
    threshold: float = 1.0,
    method: str | None = None,
    relatedness: pd.DataFrame | None = None,
    min_percentile: float = 0.75,
    top: int | None = 5,
    names: Mapping | pd.Series | str | None = None,
    region_names: Mapping | pd.Series | str | None = None,
) -> pd.DataFrame:
    r"""Pairs of a region's specialised fields that are strongly related ("Schnittfelder").

    .. math::

        LQ_{ri} \ge \tau,\ LQ_{rj} \ge \tau,\ P(R_{ij}) \ge p, \qquad
        P(R_{ij}) = \frac{\#\{k < l : R_{kl} \le R_{ij}\}}{\#\{k < l\}}

    with P the percentile of the pair's relatedness among all industry pairs.

    Parameters
    ----------
    data, region, industry, value, period, suppressed, at, regions, threshold, method
        As in :func:`opportunities`; so are ``relatedness``, ``names`` and ``region_names``.
    min_percentile : float
        p in (0, 1]: strongly related means in the top ``1 - p`` of all pairs (default 0.75).
    top : int or None
        Pairs per region, the most related first (None: all).

    Returns
    -------
    pandas.DataFrame
        ``region[, period], industry_i, industry_j, rank, lq_i, lq_j,
        employment_i, employment_j, relatedness, relatedness_percentile,
        explanation_de, explanation_en``; sorted by region and rank.

    Raises
    ------
    InputError
        As :func:`opportunities`, and for ``min_percentile`` outside (0, 1].

    Warns
    -----
    DataQualityWarning
        Naming regions without data in the period.

    Notes
    -----
    Co-location relatedness hints at shared skills, suppliers or customers
    without proving them: the pairs are candidates to discuss with the firms.

    References
    ----------
    .. [1] Hidalgo, C. A., Klinger, B., Barabási, A.-L., & Hausmann, R. (2007).
       The product space conditions the development of nations. Science
       317(5837), 482–487. https://doi.org/10.1126/science.1144581

    Examples
    --------
    Stuttgart (08111) in 2020, on the bundled Kreis × WZ panel:

    >>> import warnings
    >>> from textwrap import fill
    >>> from clusterdialog.datasets import load_kreise_industries
    >>> with warnings.catch_warnings(action="ignore"):
    ...     pairs = intersections(load_kreise_industries(), period="period", suppressed="zero",
    ...                           regions=["08111"], region_names={"08111": "Stuttgart"})
    >>> pairs[["industry_i", "industry_j", "rank", "relatedness"]].round(3)
      industry_i industry_j  rank  relatedness
    0          J        M-N     1        0.586
    1          L        M-N     2        0.544
    2          J          K     3        0.484
    >>> print(fill(pairs["explanation_de"][0], 90))
    Stuttgart ist sowohl in J (LQ 2,12) als auch in M-N (LQ 1,46) spezialisiert, und beide
    Felder sind eng verwandt (Proximität 0,59, oberste 7 % aller Branchenpaare): ein Kandidat
    für einen Clusteransatz an ihrer Schnittstelle.
    """
    if not isinstance(min_percentile, int | float) or not 0 < min_percentile <= 1:
        raise InputError(f"min_percentile: expected a number in (0, 1], got {min_percentile!r}")
    s = _Setup(data, region, industry, value, period, suppressed, at, threshold, method,
               relatedness, names, region_names, top, "intersections")  # fmt: skip
    n = len(s.panel.industries)
    iu, ju = np.triu_indices(n, k=1)
    pair_values = s.r[iu, ju]
    ordered, n_pairs = np.sort(pair_values), max(len(pair_values), 1)
    percentile = np.searchsorted(ordered, pair_values, side="right") / n_pairs
    top_share = 1.0 - np.searchsorted(ordered, pair_values, side="left") / n_pairs
    strong = percentile >= min_percentile
    both = (s.m[:, iu] > 0) & (s.m[:, ju] > 0) & strong[None, :]
    both &= s.selected(regions)[:, None]
    r_idx, p_idx = np.nonzero(both)
    r_idx, p_idx, rank = _ranked(r_idx, p_idx, (p_idx, -pair_values[p_idx]), top)
    i_idx, j_idx = iu[p_idx], ju[p_idx]
    texts: dict[str, list[str]] = {"de": [], "en": []}
    for r, i, j, p in zip(r_idx, i_idx, j_idx, p_idx, strict=True):
        for lang in ("de", "en"):
            texts[lang].append(EXPLANATIONS["intersection", lang].format(
                place=s.place(r), field_i=s.field(i), field_j=s.field(j),
                lq_i=_lq_text(s.lq[r, i], s.tau, lang), lq_j=_lq_text(s.lq[r, j], s.tau, lang),
                measure=_MEASURE_WORDS[lang][s.method != "proximity"],
                relatedness=format_number(pair_values[p], 2, lang=lang),
                top=_percent(top_share[p], lang),
            ))  # fmt: skip
    name, keys = s.panel.industry_name, s.panel.industries
    return s.frame({
        s.panel.region_name: s.panel.regions[r_idx], f"{name}_i": keys[i_idx],
        f"{name}_j": keys[j_idx], "rank": rank, "lq_i": s.lq[r_idx, i_idx],
        "lq_j": s.lq[r_idx, j_idx], "employment_i": s.x[r_idx, i_idx],
        "employment_j": s.x[r_idx, j_idx], "relatedness": pair_values[p_idx],
        "relatedness_percentile": percentile[p_idx],
        "explanation_de": texts["de"], "explanation_en": texts["en"],
    })  # fmt: skip
