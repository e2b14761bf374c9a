"""``clusterdialog identify``: stars, strong clusters, dynamics, opportunities and the report.

Writes into OUT: ``stars.csv``, ``strong_clusters.csv``, ``opportunities.csv``
(and ``intersections.csv``, ``dynamics.csv``, ``intermunicipal.csv`` when computed),
``report.html``, ``report.pdf``, ``results.xlsx`` and ``provenance.json``.  INPUT is a file (read
like ``clusterdialog measures``) or a bundled dataset: ``demo:kreise-wz``
(German Kreise × WZ groups 2015–2020) or ``demo:bw-berufe`` (Baden-Württemberg
Kreise × occupation groups 2024); both come with the Kreis geometries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from clusterdialog.cli._common import (
    TEXT,
    IndustryColumn,
    Language,
    PeriodColumn,
    ReaderChoice,
    ReaderOption,
    RegionColumn,
    SuppressedChoice,
    ValueColumn,
    app,
    clear_errors,
    err_console,
    out_console,
    read_input,
    run_provenance,
    staging,
)
from clusterdialog.errors import InputError

__all__ = ["DEMO_INPUTS", "identify"]

#: Bundled datasets INPUT may name.
DEMO_INPUTS = ("demo:kreise-wz", "demo:bw-berufe")

TEXT["de"].update(
    {
        "identify_wrote": "{n} Dateien geschrieben nach {out}",
        "identify_focus": "Schwerpunkt: {n} Regionen mit Schlüssel {focus}…",
        "identify_no_geometry": (
            "{n} Regionsschlüssel ohne Geometrie (im Bericht unter Datenqualität): {keys}"
        ),
        "identify_unmapped": (
            "{n} Branchen fehlen in der Clusterdefinition (im Bericht unter Datenqualität): {keys}"
        ),
        "identify_gaps": "Lücken in den Zeitpunkten: {periods}",
        "identify_partial": "{n} Regionen fehlen in einzelnen Zeitpunkten: {keys}",
    }
)
TEXT["en"].update(
    {
        "identify_wrote": "Wrote {n} files to {out}",
        "identify_focus": "Focus: {n} regions with key {focus}…",
        "identify_no_geometry": (
            "{n} region keys without geometry (listed in the report's data quality): {keys}"
        ),
        "identify_unmapped": (
            "{n} industries missing from the cluster definition (listed in the report's data "
            "quality): {keys}"
        ),
        "identify_gaps": "Gaps in the periods: {periods}",
        "identify_partial": "{n} regions are missing in some periods: {keys}",
    }
)


def _demo(name: str) -> tuple[pd.DataFrame, object, str, list[str]]:
    """Data, geometry, period column and credit lines of a bundled dataset."""
    from clusterdialog.datasets import (
        BA_CREDIT,
        BKG_CREDIT,
        GENESIS_CREDIT,
        load_bw_occupations,
        load_kreise_geometry,
        load_kreise_industries,
    )

    if name == "demo:kreise-wz":
        data, period, credit = load_kreise_industries(), "period", GENESIS_CREDIT
    elif name == "demo:bw-berufe":
        data = load_bw_occupations().rename(
            columns={
                "occupation": "industry",
                "occupation_name": "industry_name",
                "employees": "value",
            }
        )
        data["suppressed"] = data["value"].isna()
        period, credit = None, BA_CREDIT
    else:
        raise InputError(f"INPUT: unknown dataset {name!r}; bundled are {list(DEMO_INPUTS)}")
    return data, load_kreise_geometry(), period, [credit, BKG_CREDIT]


def _extra_columns(
    input: Path,
    reader: str,
    data: pd.DataFrame,
    mapping: dict[str, str | None],
    columns: dict[str, str | None],
) -> pd.DataFrame:
    """Add establishments / wages / cluster type columns of a table file to ``data``."""
    wanted = {k: v for k, v in columns.items() if v is not None}
    if not wanted:
        return data
    if reader != "table":
        option = "--" + next(iter(wanted)).replace("_", "-") + "-col"
        raise InputError(
            f"{option}: extra columns need a plain table (--reader table), got {reader}"
        )
    from clusterdialog.data.readers.table import read_table

    keys = ["region", "industry"] + (["period"] if "period" in data.columns else [])
    base = {k: v for k, v in mapping.items() if v is not None and k != "value"}
    out = data.copy()
    for name, column in wanted.items():
        if name == "cluster_type":
            part = read_table(input, **base, value=mapping["value"], industry_name=column)
            part = part.rename(columns={"industry_name": name})[[*keys, name]]
            bad = sorted(set(part[name]) - {"traded", "local"})
            if bad:
                raise InputError(
                    f"--cluster-type-col: column {column!r} holds {bad[:5]}; expected 'traded' "
                    "or 'local'"
                )
        else:
            part = read_table(input, **base, value=column)
            part = part.rename(columns={"value": name})[[*keys, name]]
        out = out.merge(part, on=keys, how="left", validate="one_to_one")
    return out


def _definition(path: Path | None):
    """A cluster definition: a CSV in the documented format, or ``us-cmp`` (shipped)."""
    if path is None:
        return None
    from clusterdialog.data.cluster_definitions import (
        load_us_cmp_definitions,
        read_cluster_definitions,
    )

    if str(path) == "us-cmp":
        return load_us_cmp_definitions()
    return read_cluster_definitions(path)


def _names(data: pd.DataFrame, key: str, name: str) -> dict[str, str]:
    if name not in data.columns:
        return {}
    pairs = data[[key, name]].drop_duplicates(key)
    return dict(zip(pairs[key].astype(str), pairs[name].astype(str), strict=True))


def _cli_notes(results, text: dict[str, str]) -> None:
    """Data-quality facts that must not pass unseen: one note line each."""
    q = results.quality

    def note(message: str) -> None:
        err_console.print(f"[yellow]{text['note']}:[/] {message}", highlight=False)

    def listing(keys: list) -> str:
        return ", ".join(str(k) for k in keys[:12]) + (" …" if len(keys) > 12 else "")

    if q.get("keys_without_geometry"):
        keys = q["keys_without_geometry"]
        note(text["identify_no_geometry"].format(n=len(keys), keys=listing(keys)))
    if q.get("unmapped_industries"):
        keys = q["unmapped_industries"]
        note(text["identify_unmapped"].format(n=len(keys), keys=listing(keys)))
    if q.get("missing_periods"):
        note(text["identify_gaps"].format(periods=listing(q["missing_periods"])))
    if q.get("partial_regions"):
        keys = q["partial_regions"]
        note(text["identify_partial"].format(n=len(keys), keys=listing(keys)))


@app.command()
def identify(
    input: Annotated[
        str,
        typer.Argument(
            help="Input file (as for measures) or a bundled dataset: demo:kreise-wz, "
            "demo:bw-berufe."
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder for the report and tables.")],
    region_col: RegionColumn = "region",
    industry_col: IndustryColumn = "industry",
    value_col: ValueColumn = "value",
    period_col: PeriodColumn = None,
    reader: ReaderOption = ReaderChoice.auto,
    suppressed: Annotated[
        SuppressedChoice | None,
        typer.Option(help="What to do with suppressed cells [default: error; zero for demo:…]."),
    ] = None,
    establishments_col: Annotated[
        str | None,
        typer.Option("--establishments-col", help="Column with establishments (strong clusters)."),
    ] = None,
    wages_col: Annotated[
        str | None,
        typer.Option("--wages-col", help="Column with annual payroll/wages (productivity star)."),
    ] = None,
    cluster_type_col: Annotated[
        str | None,
        typer.Option("--cluster-type-col", help="Column with the cluster type: traded / local."),
    ] = None,
    geometry: Annotated[
        Path | None,
        typer.Option("--geometry", help="Region geometries (GeoJSON, GeoPackage, TopoJSON)."),
    ] = None,
    geometry_key: Annotated[
        str, typer.Option("--geometry-key", help="Column of the geometry with the region keys.")
    ] = "region",
    definitions: Annotated[
        Path | None,
        typer.Option(
            "--definitions",
            help="Cluster definitions CSV (industry, cluster[, cluster_name, cluster_type]) "
            "or 'us-cmp'.",
        ),
    ] = None,
    focus: Annotated[
        str | None,
        typer.Option("--focus", help="Report on regions whose key starts with this (e.g. 08)."),
    ] = None,
    lang: Annotated[Language, typer.Option(help="Language of report and messages.")] = Language.de,
) -> None:
    """Identify clusters in INPUT and write tables, report.html, report.pdf and results.xlsx."""
    from clusterdialog.reports.html import render_identify_html
    from clusterdialog.reports.identify import identify_results
    from clusterdialog.reports.pdf import write_pdf
    from clusterdialog.reports.xlsx import write_results_xlsx

    text = TEXT[lang.value]
    with clear_errors(lang.value) as notes:
        credits: list[str] = []
        if input.startswith("demo:"):
            data, geoframe, period, credits = _demo(input)
            path, chosen = None, f"datasets.{input}"
            policy = (suppressed or SuppressedChoice.zero).value
            for option, given in (
                ("--establishments-col", establishments_col),
                ("--wages-col", wages_col),
                ("--cluster-type-col", cluster_type_col),
            ):
                if given is not None:
                    raise InputError(f"{option}: the bundled dataset {input} has no such column")
        else:
            path = Path(input)
            data, chosen = read_input(
                path,
                reader,
                region_col=region_col,
                industry_col=industry_col,
                value_col=value_col,
                period_col=period_col,
            )
            data = _extra_columns(
                path,
                chosen,
                data,
                {
                    "region": region_col,
                    "industry": industry_col,
                    "value": value_col,
                    "period": period_col,
                },
                {
                    "establishments": establishments_col,
                    "wages": wages_col,
                    "cluster_type": cluster_type_col,
                },
            )
            period = "period" if "period" in data.columns else None
            policy = (suppressed or SuppressedChoice.error).value
            geoframe = None
            credit = getattr(data.attrs.get("provenance"), "details", {}).get("credit")
            credits = [credit] if credit else []
        if geometry is not None:
            from clusterdialog.data.geometry import read_geometry

            geoframe = read_geometry(geometry, key=geometry_key)
            geoframe = geoframe.rename(columns={geometry_key: "region"})
            geo_credit = getattr(geoframe.attrs.get("provenance"), "details", {}).get("credit")
            if geo_credit:
                credits.append(geo_credit)
        definition = _definition(definitions)
        region_names = _names(data, "region", "region_name")
        if geoframe is not None and "name" in geoframe.columns:
            region_names = {**_names(geoframe, "region", "name"), **region_names}
        results = identify_results(
            data,
            period=period,
            suppressed=policy,
            establishments="establishments" if establishments_col else None,
            wages="wages" if wages_col else None,
            cluster_type="cluster_type" if cluster_type_col else None,
            definition=definition,
            geometry=geoframe,
            focus=focus,
            region_names=region_names,
            cluster_names=_names(data, "industry", "industry_name") if definition is None else {},
        )
        if focus is not None:
            err_console.print(
                text["identify_focus"].format(n=len(results.focus_regions), focus=focus),
                highlight=False,
            )
        _cli_notes(results, text)
        panel_like = _PanelSummary(data, period)
        provenance = run_provenance(path, panel_like, chosen, policy, notes)
        provenance["parameters"] = {
            "focus": focus,
            "lang": lang.value,
            "suppressed": policy,
            "definitions": str(definitions) if definitions else None,
            "geometry": str(geometry)
            if geometry
            else ("bundled" if geoframe is not None else None),
            "establishments_col": establishments_col,
            "wages_col": wages_col,
            "cluster_type_col": cluster_type_col,
        }
        provenance["credits"] = list(dict.fromkeys([*credits, *results.credits]))
        provenance["quality"] = results.quality
        if path is None:
            provenance["input"] = input
        source = _source_line(data, input)
        with staging(out, xlsx=False) as stage:
            tables = ("stars", "strong_clusters", "opportunities", "intersections", "dynamics",
                      "intermunicipal")  # fmt: skip
            for name in tables:
                if name in results.tables:
                    stage.add(name, results.tables[name])
            html = render_identify_html(
                results,
                lang=lang.value,
                geometry=geoframe,
                source=source,
                credits=provenance["credits"],
                notes=list(notes.refresh()),
                provenance=provenance,
                period=_reference_date(data),
            )
            (stage.folder / "report.html").write_text(html, encoding="utf-8")
            provenance["report_pages"] = write_pdf(html, stage.folder / "report.pdf")
            write_results_xlsx(stage.folder / "results.xlsx", results.tables, provenance)
            written = stage.commit(provenance)
    out_console.print(text["identify_wrote"].format(n=len(written), out=out))


class _PanelSummary:
    """What :func:`run_provenance` reads from a panel, taken from the long table."""

    def __init__(self, data: pd.DataFrame, period: str | None) -> None:
        self.regions = pd.Index(data["region"].unique())
        self.industries = pd.Index(data["industry"].unique())
        self.periods = tuple(sorted(data[period].unique().tolist())) if period else (None,)
        self.provenance = data.attrs.get("provenance")


def _reference_date(data: pd.DataFrame) -> str | None:
    provenance = data.attrs.get("provenance")
    if provenance is None:
        return None
    date = dict(provenance.details).get("period")
    return None if date is None else str(date)


def _source_line(data: pd.DataFrame, input: str) -> str:
    provenance = data.attrs.get("provenance")
    if provenance is None:
        return input
    parts = [str(provenance.source)]
    if provenance.table:
        parts.append(str(provenance.table))
    period = dict(provenance.details).get("periods") or dict(provenance.details).get("period")
    if period:
        parts.append(str(period))
    return ", ".join(parts)
