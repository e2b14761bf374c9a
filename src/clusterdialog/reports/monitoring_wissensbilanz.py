"""The Wissensbilanz report: factors, QQS with spread, impact matrix, roles, portfolio, measures.

Part of :mod:`clusterdialog.reports.monitoring` (which re-exports
:func:`write_wissensbilanz_report`): lays out what
:mod:`clusterdialog.monitoring.wissensbilanz` computed.  No formula lives here.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

import clusterdialog
from clusterdialog.monitoring import DEFAULT_FACTORS, RECOMMENDATIONS
from clusterdialog.reports.i18n_monitoring import format_number, messages
from clusterdialog.reports.monitoring_parts import (
    cell,
    date_text,
    footer,
    frame,
    potential_chart,
    require,
    table,
    write_report,
)

__all__ = ["wissensbilanz_context", "write_wissensbilanz_report"]

QQS_COLUMNS = ("quantity", "quality", "systematic", "overall", "spread")


def _factor_table(data: Mapping, lang: str) -> pd.DataFrame:
    """The statement's factors; without ``factors`` the default cluster factors, restricted
    to those rated or in the impact matrix (unknown keys named by their key)."""
    factors = frame(data, "factors")
    if factors is not None:
        return factors
    used = [
        k for name in ("qqs", "matrix") if (f := frame(data, name)) is not None for k in f.index
    ]
    used = list(dict.fromkeys(str(k) for k in used))
    defaults = {f.key: f for f in DEFAULT_FACTORS}
    keys = used or list(defaults)
    rows = []
    for key in keys:
        f = defaults.get(key)
        rows.append({
            "factor": key, "name": (f.name_de if lang == "de" else f.name_en) if f else key,
            "capital": f.capital if f else "",
            "description": (f.definition_de if lang == "de" else f.definition_en) if f else "",
        })  # fmt: skip
    return pd.DataFrame(rows, columns=["factor", "name", "capital", "description"])


def wissensbilanz_context(data: Mapping, *, lang: str = "de") -> dict:
    """What the Wissensbilanz report shows (see :func:`write_wissensbilanz_report`)."""
    from clusterdialog.monitoring import impact_analysis, potential_portfolio

    t = messages(lang)
    require(data, ("initiative",))
    factors = _factor_table(data, lang)
    names = dict(data.get("names") or zip(factors["factor"], factors["name"], strict=True))
    qqs, matrix = frame(data, "qqs"), frame(data, "matrix")
    impact, portfolio = frame(data, "impact"), frame(data, "portfolio")
    if "impact" not in data and matrix is not None:
        impact = impact_analysis(matrix)
    if "portfolio" not in data and qqs is not None and impact is not None:
        portfolio = potential_portfolio(qqs, impact)
    raters = data.get("raters")
    n_raters = len(raters) if isinstance(raters, list | tuple) else raters
    if n_raters is None and qqs is not None:
        n_raters = int(qqs["raters"].max())
    pct = lambda v: cell(format_number(v, lang, 0), "num")  # noqa: E731
    qqs_rows = [
        [names.get(k, k), *(pct(r[d]) for d in ("quantity", "quality", "systematic", "overall")),
         cell(format_number(r["spread"], lang, 0), "num disagree" if r["spread"] >= 30 else "num")]
        for k, r in qqs.iterrows()
    ] if qqs is not None else []  # fmt: skip
    number = {k: i + 1 for i, k in enumerate(matrix.index)} if matrix is not None else {}
    matrix_rows = [[f"{number[k]} {names.get(k, k)}", *(cell(v, "num") for v in r.to_numpy())]
                   for k, r in matrix.iterrows()] if matrix is not None else []  # fmt: skip
    impact_rows = [
        [names.get(k, k), cell(format_number(r["active_sum"], lang, 0), "num"),
         cell(format_number(r["passive_sum"], lang, 0), "num"),
         cell(format_number(r["product"], lang, 0), "num"),
         cell(format_number(r["quotient"], lang, 2), "num"), t[f"role_{r['role']}"]]
        for k, r in impact.iterrows()
    ] if impact is not None else []  # fmt: skip
    recommendation = lambda r: RECOMMENDATIONS[r][lang] if r in RECOMMENDATIONS else "–"  # noqa: E731
    portfolio_rows = [
        [names.get(k, k), pct(r["rating"]), cell(format_number(r["influence_weight"], lang, 2),
                                                  "num"), recommendation(r["recommendation"])]
        for k, r in portfolio.iterrows()
    ] if portfolio is not None else []  # fmt: skip
    measures = frame(data, "measures")
    measure_rows = [
        [r.get("measure"), r.get("factor"), r.get("owner"), date_text(r.get("deadline"), lang),
         t["yes"] if r.get("done") else t["no"]] for _, r in measures.iterrows()
    ] if measures is not None else []  # fmt: skip
    comparison = frame(data, "comparison")
    comparison_rows = [
        [names.get(k, k), pct(r["rating_before"]), pct(r["rating_after"]),
         cell(format_number(r["change"], lang, 0), "num"),
         t.get(f"direction_{r['direction']}", "–")] for k, r in comparison.iterrows()
    ] if comparison is not None else []  # fmt: skip
    goals = data.get("goals") or []
    threshold = float(data.get("rating_threshold", 60.0))
    return {
        "lang": lang, "t": t, "version": clusterdialog.__version__,
        "title": t["title_wissensbilanz"].format(initiative=data["initiative"]),
        "subtitle": t["subtitle_wissensbilanz"].format(title=data.get("title") or "",
                                                       date=date_text(data.get("date"), lang)),
        "business_model": data.get("business_model") or "",
        "goals": [goals] if isinstance(goals, str) else list(goals),
        "factors": table([(t["col_factor"], False), (t["col_capital"], False),
                           (t["col_description"], False)],
                          [[r["name"], t.get(f"capital_{r['capital']}", r["capital"]),
                            r.get("description", "")] for _, r in factors.iterrows()]),
        "qqs_text": t["qqs_text"].format(n=n_raters if n_raters is not None else "–"),
        "qqs": table([(t["col_factor"], False)] + [(t[f"col_{c}"], True) for c in QQS_COLUMNS],
                     qqs_rows) if qqs_rows else None,
        "matrix": table([(t["col_factor"], False)] + [(str(i), True) for i in number.values()],
                         matrix_rows) if matrix_rows else None,
        "impact": table([(t["col_factor"], False), (t["col_active"], True),
                          (t["col_passive"], True), (t["col_product"], True),
                          (t["col_quotient"], True), (t["col_role"], False)],
                         impact_rows) if impact_rows else None,
        "portfolio_text": t["portfolio_text"].format(rating=format_number(threshold, lang, 0)),
        "portfolio_chart": potential_chart(portfolio, names, lang=lang, x_label=t["portfolio_x"],
                                           y_label=t["portfolio_y"], threshold=threshold)
        if portfolio is not None else None,
        "portfolio": table([(t["col_factor"], False), (t["portfolio_x"], True),
                             (t["col_weight"], True), (t["col_recommendation"], False)],
                            portfolio_rows) if portfolio_rows else None,
        "measures": table([(t["col_measure"], False), (t["col_factor"], False),
                            (t["col_owner"], False), (t["col_deadline"], False),
                            (t["col_done"], False)], measure_rows) if measure_rows else None,
        "comparison": table([(t["col_factor"], False), (t["col_before"], True),
                              (t["col_after"], True), (t["col_change"], True),
                              (t["col_trend"], False)],
                             comparison_rows) if comparison_rows else None,
        "footer": footer(data, t),
    }  # fmt: skip


def write_wissensbilanz_report(path: str | Path, data: Mapping, lang: str = "de") -> Path:
    """Write the Wissensbilanz report as PDF or HTML.

    ``data``: ``initiative`` is required; optional ``title``, ``date``,
    ``business_model`` (text), ``goals`` (text or list), ``factors``
    (``factor, name, capital, description``; default the cluster factors),
    ``names`` (factor → name), ``qqs`` (:func:`~clusterdialog.monitoring.qqs_aggregate`),
    ``matrix`` (the impact matrix), ``impact``
    (:func:`~clusterdialog.monitoring.impact_analysis`, computed from ``matrix``
    when the key is absent), ``portfolio``
    (:func:`~clusterdialog.monitoring.potential_portfolio`, likewise),
    ``rating_threshold``, ``raters`` (names or number), ``measures`` (``measure,
    factor, owner, deadline, done``), ``comparison``
    (:func:`~clusterdialog.monitoring.compare_statements`) and ``provenance``.
    Otherwise as :func:`write_initiative_report`.
    """
    return write_report(
        path, "monitoring_wissensbilanz.html.j2", wissensbilanz_context(data, lang=lang)
    )
