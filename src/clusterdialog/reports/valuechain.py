"""The value-chain run: library calls collected into tables, and the report as one HTML page.

:func:`valuechain_results` calls the analysis of :mod:`clusterdialog.valuechain`
(coefficients, Leontief inverse, multipliers, linkages; with regional
employment the regionalised table; with a cluster its value chain and gaps)
and gathers the tables the command line writes.  :func:`render_valuechain_html`
turns them into one self-contained page (inline CSS and SVG, a Sankey diagram
of the chain, German or English).  No formula lives here: every number comes
from the library.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import jinja2
import numpy as np
import pandas as pd

import clusterdialog
from clusterdialog.reports.i18n_valuechain import format_number, format_percent, messages
from clusterdialog.reports.sankey import cluster_chain_sankey, largest_flows_sankey

__all__ = [
    "ValueChainResults",
    "render_valuechain_html",
    "valuechain_context",
    "valuechain_results",
]

_MAX_ROWS = 25
_CHAIN_ROWS = 10


@dataclass
class ValueChainResults:
    """What one run computed: the output tables (by file stem) and what the report needs.

    ``tables`` holds, in this order, ``coefficients``, ``leontief`` (wide:
    ``sector`` then one column per sector), ``output_multipliers`` (``sector``,
    ``value``\\[, ``type_ii``\\]), ``employment_multipliers`` and
    ``value_added_multipliers`` where the table has those rows, ``linkages``
    (``sector``, ``backward``, ``forward``, ``key_sector``) and, for a cluster,
    ``value_chain`` and ``gaps``.
    """

    table: object
    tables: dict[str, pd.DataFrame]
    region: str | None = None
    method: str | None = None
    delta: float | None = None
    cluster: str | None = None
    cluster_name: str | None = None
    cluster_sectors: tuple[str, ...] = ()
    national_output_multipliers: pd.DataFrame | None = None
    credits: list[str] = field(default_factory=list)


def _wide(matrix: pd.DataFrame) -> pd.DataFrame:
    """A labelled square matrix as a CSV-ready frame: ``sector``, then one column per sector."""
    frame = pd.DataFrame(matrix.to_numpy(), columns=[str(c) for c in matrix.columns])
    frame.insert(0, "sector", [str(s) for s in matrix.index])
    return frame


def valuechain_results(
    table,
    *,
    employment: pd.DataFrame | None = None,
    region: str | None = None,
    method: str = "flq",
    delta: float = 0.3,
    concordance: Mapping | None = None,
    period: str | None = None,
    at: object = None,
    suppressed: str = "error",
    cluster: str | None = None,
    cluster_name: str | None = None,
    cluster_sectors: Sequence[str] = (),
) -> ValueChainResults:
    """Run the analysis of :mod:`clusterdialog.valuechain` and collect the output tables.

    With ``region`` (and the ``employment`` panel) the table is regionalised by
    :func:`~clusterdialog.valuechain.regional.regional_coefficients` and the
    coefficients, Leontief inverse, multipliers and linkages refer to the
    regional table; the multipliers use the national direct coefficients
    (labour, value added, households) with the regional inverse.
    """
    from clusterdialog.data.io_tables import NOT_VALUE_ADDED
    from clusterdialog.valuechain.leontief import leontief_inverse, technical_coefficients
    from clusterdialog.valuechain.multipliers import (
        employment_multipliers,
        output_multipliers,
        value_added_multipliers,
    )

    national = None
    if region is not None:
        from clusterdialog.valuechain.regional import regional_coefficients

        regional = regional_coefficients(
            table, employment, region=region, method=method, delta=delta,
            concordance=concordance, period=period, at=at, suppressed=suppressed,
        )  # fmt: skip
        coefficients, inverse = regional.coefficients, regional.leontief
        output = regional.output.to_numpy()
        national = output_multipliers(table)
    else:
        coefficients = technical_coefficients(table)
        inverse, output = leontief_inverse(coefficients), None
    matrix = inverse.to_numpy()
    # type II needs household coefficients of the region, which a national table lacks
    options = {"leontief": matrix, "households": "auto" if region is None else "no"}
    tables = {
        "coefficients": _wide(coefficients),
        "leontief": _wide(inverse),
        "output_multipliers": output_multipliers(table, **options),
    }
    if table.employment is not None:
        tables["employment_multipliers"] = employment_multipliers(table, **options)
    components = [c for c in table.value_added.index if c not in NOT_VALUE_ADDED]
    if components:  # gross value added: the primary inputs except imports and product taxes
        tables["value_added_multipliers"] = value_added_multipliers(
            table, components=components, **options
        )
    tables["linkages"] = _linkages(table, coefficients, inverse, output)
    if cluster_sectors:
        tables.update(
            _chain(table, list(cluster_sectors), employment, region, concordance, period, at,
                   suppressed, method, delta)
        )  # fmt: skip
    return ValueChainResults(
        table=table, tables=tables, region=region,
        method=method if region is not None else None,
        delta=delta if region is not None else None,
        cluster=cluster, cluster_name=cluster_name, cluster_sectors=tuple(cluster_sectors),
        national_output_multipliers=national,
    )  # fmt: skip


#: The columns of linkages.csv (issue 7, requirement 6).
LINKAGE_COLUMNS = ["sector", "backward", "forward", "key_sector"]


def _linkages(table, coefficients: pd.DataFrame, inverse: pd.DataFrame, output) -> pd.DataFrame:
    """Rasmussen–Hirschman backward and Ghosh-based forward indices, key sectors."""
    from clusterdialog.valuechain.linkages import linkage_arrays, linkages

    if output is None:
        frame = linkages(table, leontief=inverse.to_numpy())
    else:  # the regional table: regional coefficients, inverse and output
        arrays = linkage_arrays(coefficients.to_numpy(), inverse.to_numpy(), np.asarray(output))
        frame = pd.DataFrame({"sector": [str(s) for s in table.sectors], **arrays})
    return frame[LINKAGE_COLUMNS]


def _chain(table, sectors, employment, region, concordance, period, at, suppressed, method,
           delta) -> dict[str, pd.DataFrame]:  # fmt: skip
    """The cluster's suppliers and customers and, with a region, the gaps."""
    from clusterdialog.valuechain.chain import cluster_value_chain, value_chain_gaps

    chain = cluster_value_chain(
        table, sectors, employment=employment, region=region, method=method, delta=delta,
        concordance=concordance, period=period, at=at, suppressed=suppressed,
    )  # fmt: skip
    if region is None:
        columns = [*chain.columns, "regional_employment", "location_quotient", "import_share"]
        gaps = pd.DataFrame(columns=[*columns, "gap", "explanation_de", "explanation_en"])
    else:
        gaps = value_chain_gaps(chain)
    return {"value_chain": chain, "gaps": gaps}


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("clusterdialog.reports", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _label(table, code: str) -> str:
    name = table.name(code)
    return code if name == code else f"{name} ({code})"


def _table(columns: Sequence[tuple[str, bool]], rows: list[dict]) -> dict:
    return {"columns": [{"label": c, "num": n} for c, n in columns], "rows": rows}


def _multiplier_table(results: ValueChainResults, t, lang: str) -> tuple[dict, bool]:
    frames = results.tables
    base = frames["output_multipliers"].set_index("sector")
    columns = [(t["sector"], False), (t["output_type_i"], True)]
    parts = {"output": base["value"]}
    if "type_ii" in base:
        columns.append((t["output_type_ii"], True))
        parts["output_ii"] = base["type_ii"]
    for stem, key in (
        ("employment_multipliers", "employment_multiplier"),
        ("value_added_multipliers", "value_added_multiplier"),
    ):
        if stem in frames:
            columns.append((t[key], True))
            parts[stem] = frames[stem].set_index("sector")["value"]
    joined = pd.DataFrame(parts).sort_values("output", ascending=False, kind="stable")
    rows = [
        {
            "cells": [_label(results.table, str(code))]
            + [format_number(v, lang, 3) for v in row.to_numpy()],
            "gap": False,
        }
        for code, row in joined.head(_MAX_ROWS).iterrows()
    ]
    return _table(columns, rows), len(joined) > _MAX_ROWS


def _linkage_table(results: ValueChainResults, t, lang: str) -> tuple[dict, bool]:
    frame = results.tables["linkages"].copy()
    frame["_order"] = frame["backward"] + frame["forward"]
    frame = frame.sort_values(["key_sector", "_order"], ascending=False, kind="stable")
    rows = [
        {
            "cells": [
                _label(results.table, str(row.sector)),
                format_number(row.backward, lang, 3),
                format_number(row.forward, lang, 3),
                t["yes"] if bool(row.key_sector) else t["no"],
            ],
            "gap": False,
        }
        for row in frame.head(_MAX_ROWS).itertuples()
    ]
    columns = [(t["sector"], False), (t["backward"], True), (t["forward"], True)]
    return _table([*columns, (t["key_sector"], False)], rows), len(frame) > _MAX_ROWS


def _gap_sectors(results: ValueChainResults) -> set[tuple[str, str]]:
    """(role, sector) pairs of the gaps: a sector may be a gap as supplier but not as customer."""
    gaps = results.tables.get("gaps")
    if gaps is None or gaps.empty:
        return set()
    return set(zip(gaps["role"].astype(str), gaps["sector"].astype(str), strict=True))


#: Columns of value_chain.csv shown in the report, with their label key and decimals.
_CHAIN_COLUMNS = (
    ("direct", "direct", 4),
    ("total", "total", 4),
    ("linkage_index", "linkage_index", 2),
    ("regional_employment", "employment", 0),
    ("location_quotient", "lq", 2),
    ("import_share", "import_share", 2),
)


def _chain_table(results: ValueChainResults, t, lang: str) -> dict | None:
    chain = results.tables.get("value_chain")
    if chain is None:
        return None
    gaps = _gap_sectors(results)
    shown = [(c, k, d) for c, k, d in _CHAIN_COLUMNS if c in chain.columns]
    columns = [(t["sector"], False), (t["role"], False)] + [(t[k], True) for _, k, _ in shown]
    rows = []
    for _, row in chain.groupby("role", sort=False).head(_CHAIN_ROWS).iterrows():
        role = t.get(f"role_{row['role']}", str(row["role"]))
        cells = [_label(results.table, str(row["sector"])), role]
        cells += [
            _share(row[c], lang) if c == "import_share" else format_number(row[c], lang, d)
            for c, _, d in shown
        ]
        rows.append({"cells": cells, "gap": (str(row["role"]), str(row["sector"])) in gaps})
    return _table(columns, rows)


def _share(value: float, lang: str) -> str:
    return "–" if pd.isna(value) else format_percent(value, lang, 0)


def _gap_lines(results: ValueChainResults, lang: str) -> list[str]:
    gaps = results.tables.get("gaps")
    if gaps is None or gaps.empty:
        return []
    column = f"explanation_{lang}"
    if column in gaps.columns:
        return [str(s) for s in gaps[column].head(_MAX_ROWS)]
    return [_label(results.table, str(s)) for s in gaps["sector"].head(_MAX_ROWS)]


def _sankey(results: ValueChainResults, t, lang: str) -> dict:
    """Suppliers → cluster → customers (or the largest flows of the table) as a Sankey SVG."""
    unit = results.table.unit or "–"
    value = lambda v: format_number(v, lang, 0 if abs(v) >= 10 else 2)  # noqa: E731
    title = results.cluster_name or results.cluster or t["chain"]
    if results.cluster_sectors:
        titles = (t["column_suppliers"], t["column_cluster"], t["column_customers"])
        svg, gaps = cluster_chain_sankey(
            results.table, results.cluster_sectors, results.tables["value_chain"],
            _gap_sectors(results), title=title, column_titles=titles, format_value=value,
        )  # fmt: skip
        return {"svg": svg, "text": t["chain_text_cluster"].format(unit=unit), "gaps": gaps}
    titles = (t["column_supplying"], t["column_using"])
    svg, count = largest_flows_sankey(
        results.table, title=title, column_titles=titles, format_value=value
    )
    return {"svg": svg, "text": t["chain_text_table"].format(n=count, unit=unit), "gaps": False}


def _summary(results: ValueChainResults, t, lang: str) -> list[str]:
    table = results.tables
    lines = []
    source = results.table
    lines.append(
        t["summary_table"].format(
            n=source.n, output=format_number(float(source.output.sum()), lang, 0),
            unit=source.unit or "–",
        )
    )  # fmt: skip
    multipliers = table["output_multipliers"]
    top = multipliers.loc[multipliers["value"].idxmax()]
    lines.append(
        t["summary_multiplier"].format(
            sector=_label(source, str(top["sector"])),
            value=format_number(top["value"], lang, 3),
            mean=format_number(multipliers["value"].mean(), lang, 3),
        )
    )
    key = table["linkages"].loc[table["linkages"]["key_sector"].astype(bool), "sector"]
    names = ", ".join(_label(source, str(s)) for s in key.head(10))
    lines.append(t["summary_key"].format(sectors=names) if len(key) else t["summary_no_key"])
    if results.region is not None and results.national_output_multipliers is not None:
        lines.append(
            t["summary_region"].format(
                region=results.region, method=_method_text(results, t, lang),
                regional=format_number(multipliers["value"].mean(), lang, 3),
                national=format_number(results.national_output_multipliers["value"].mean(),
                                       lang, 3),
            )
        )  # fmt: skip
    if results.cluster_sectors:
        members = ", ".join(_label(source, s) for s in results.cluster_sectors)
        lines.append(t["summary_cluster"].format(cluster=_cluster(results), sectors=members))
        chain = table.get("value_chain")
        if chain is not None and "role" in chain.columns:
            for role, key in (("supplier", "summary_suppliers"), ("customer", "summary_customers")):
                part = chain.loc[chain["role"] == role, "sector"].head(3)
                if len(part):
                    named = ", ".join(_label(source, str(s)) for s in part)
                    lines.append(t[key].format(sectors=named))
        if results.region is None:
            lines.append(t["summary_no_region"])
        else:
            gaps = table.get("gaps")
            if gaps is None or gaps.empty:
                lines.append(t["summary_no_gaps"].format(region=results.region))
            else:
                unique = list(dict.fromkeys(gaps["sector"].astype(str)))
                named = ", ".join(_label(source, s) for s in unique[:5])
                lines.append(
                    t["summary_gaps"].format(n=len(unique), region=results.region, sectors=named)
                )
    return lines


def _cluster(results: ValueChainResults) -> str:
    if results.cluster_name and results.cluster_name != results.cluster:
        return f"{results.cluster_name} ({results.cluster})"
    return str(results.cluster)


def _method_text(results: ValueChainResults, t, lang: str) -> str:
    delta = format_number(results.delta if results.delta is not None else float("nan"), lang, 2)
    return t[f"method_{results.method}"].format(delta=delta)


def valuechain_context(
    results: ValueChainResults,
    *,
    lang: str = "de",
    source: str = "",
    notes: Sequence[str] = (),
    provenance: Mapping[str, object] | None = None,
    files: Sequence[str] = (),
) -> dict:
    """Everything the template shows, as formatted strings, tables and SVG."""
    t = messages(lang)
    provenance = dict(provenance or {})
    kind = t.get(f"kind_{results.table.kind}", str(results.table.kind))
    multipliers, multipliers_cut = _multiplier_table(results, t, lang)
    linkages, linkages_cut = _linkage_table(results, t, lang)
    title = (
        t["title_cluster"].format(cluster=_cluster(results))
        if results.cluster_sectors
        else t["title_table"]
    )
    regional = results.region is not None
    chain_table = _chain_table(results, t, lang)
    toc = [t["summary"], t["chain"]]
    toc += [t["chain_table"], t["gaps"]] if chain_table else []
    toc += [t["multipliers"], t["linkages"]] + ([t["regional"]] if regional else [])
    toc += [t["methods"], t["quality"]]
    footer = " · ".join(
        [
            t["generated"].format(version=clusterdialog.__version__),
            f"{t['command']}: {provenance.get('command', '–')}",
            f"{t['input_hash']}: {provenance.get('input_sha256', '–')}",
        ]
    )
    return {
        "lang": lang,
        "t": t,
        "version": clusterdialog.__version__,
        "title": title,
        "subtitle": t["subtitle"].format(n=results.table.n, kind=kind,
                                         unit=results.table.unit or "–"),
        "subtitle_region": (
            t["subtitle_region"].format(
                region=results.region, method=str(results.method).upper(),
                delta=format_number(results.delta, lang, 2),
            ) if regional else None
        ),
        "source": source,
        "credits": list(dict.fromkeys(results.credits)),
        "toc": toc,
        "summary": _summary(results, t, lang),
        "sankey": _sankey(results, t, lang),
        "chain_table": chain_table,
        "has_region": regional,
        "gaps": _gap_lines(results, lang),
        "multipliers": multipliers,
        "multipliers_text": t["multipliers_text"].format(
            employment_unit=results.table.employment_unit or "–"
        ),
        "multipliers_cut": multipliers_cut,
        "linkages": linkages,
        "linkages_cut": linkages_cut,
        "regional_text": (
            t["regional_text"].format(region=results.region,
                                      method=_method_text(results, t, lang))
            if regional else None
        ),
        "flq": results.method in ("flq", "aflq"),
        "notes": list(notes),
        "files": ", ".join(files),
        "footer": footer,
    }  # fmt: skip


def render_valuechain_html(results: ValueChainResults, **options) -> str:
    """Render the report as one self-contained HTML string (options: :func:`valuechain_context`)."""
    template = _environment().get_template("valuechain.html.j2")
    return template.render(**valuechain_context(results, **options))
