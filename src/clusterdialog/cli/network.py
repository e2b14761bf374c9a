"""``clusterdialog network``: the collaboration network of a participation list.

Writes into OUT:

``nodes.csv``
    one row per organisation: ``organisation``, ``type``, ``degree``,
    ``strength``, ``betweenness``, ``eigenvector``, ``constraint``,
    ``community``, then the library's further metrics (``closeness``,
    ``effective_size``, ``component`` …);
``edges.csv``
    ``source``, ``target``, ``weight`` (joint projects) of the projection;
``summary.json``
    ``nodes``, ``edges``, ``density``, ``components``, ``largest_component``,
    … (:func:`clusterdialog.network.metrics.graph_summary`), ``modularity``,
    ``communities``, ``participations``, ``projects``, the betweenness method,
    its samples and the seed;
``network.html``
    a self-contained report (inline SVG drawing, no external file);
``provenance.json``
    version, command, input and its SHA-256, filters, seed, source and credit
    line, data-quality notes.

Betweenness is exact up to 2,000 organisations and sampled above (500
source nodes, ``--seed``).
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from clusterdialog.cli._common import (
    TEXT,
    Language,
    app,
    clear_errors,
    err_console,
    out_console,
    sha256,
    staging,
)

__all__ = ["NetworkFormat", "network"]

TEXT["de"].update(
    {
        "network_wrote": "{n} Dateien geschrieben nach {out}",
        "network_read": "{participations} Teilnahmen, {organisations} Organisationen, "
        "{projects} Projekte gelesen",
    }
)
TEXT["en"].update(
    {
        "network_wrote": "Wrote {n} files to {out}",
        "network_read": "Read {participations} participations, {organisations} organisations, "
        "{projects} projects",
    }
)
FILES = ("nodes.csv", "edges.csv", "summary.json", "network.html", "provenance.json")


class NetworkFormat(StrEnum):
    cordis = "cordis"
    edges = "edges"


@app.command()
def network(
    input: Annotated[
        Path,
        typer.Argument(
            help="Participation list: CORDIS H2020 participations (csv.gz), or a generic "
            "participation list / edge list (CSV, XLSX)."
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder for the tables and the report.")],
    format: Annotated[
        NetworkFormat,
        typer.Option(
            "--format",
            help="cordis: CORDIS participations; edges: columns organisation, project[, type, "
            "year, country] or source, target (one row per joint project).",
        ),
    ] = NetworkFormat.cordis,
    country: Annotated[
        str | None,
        typer.Option("--country", help="Only this country's organisations (e.g. DE)."),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="Only projects starting in this year.")
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of sampling, communities and layout.")
    ] = 0,
    lang: Annotated[Language, typer.Option(help="Language of report and messages.")] = Language.de,
) -> None:
    """Collaboration network of INPUT: node metrics, communities, summary and a report."""
    from clusterdialog.data.network_readers import read_participations
    from clusterdialog.reports.network import network_results, render_network_html

    text = TEXT[lang.value]
    with clear_errors(lang.value) as notes:
        table = read_participations(input, format=format.value, country=country, year=year)
        source = table.attrs["provenance"]
        err_console.print(
            text["network_read"].format(
                participations=len(table),
                organisations=source.details["organisations"],
                projects=source.details["projects"],
            ),
            highlight=False,
        )
        results = network_results(table, seed=seed)
        results.filters = {"country": country, "year": year}
        credit = source.details.get("credit")
        results.credits = [credit] if credit else []
        provenance = _provenance(input, source, format.value, country, year, seed, notes)
        with staging(out, xlsx=False) as stage:
            stage.add("nodes", results.nodes)
            stage.add("edges", results.edges)
            page = render_network_html(
                results, lang=lang.value, source=_source_line(source), notes=list(notes),
                provenance=provenance, files=FILES, seed=seed,
            )  # fmt: skip
            (stage.folder / "network.html").write_text(page, encoding="utf-8")
            (stage.folder / "summary.json").write_text(
                json.dumps(results.summary, indent=2, ensure_ascii=False, default=_plain),
                encoding="utf-8",
            )
            written = stage.commit(provenance)
    out_console.print(text["network_wrote"].format(n=len(written), out=out))


def _plain(value: object) -> object:
    """JSON for numpy scalars and other values json does not know."""
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def _source_line(source) -> str:
    return ", ".join(str(p) for p in (source.source, source.table) if p)


def _provenance(input, source, format, country, year, seed, notes) -> dict:
    import sys

    import clusterdialog

    return {
        "clusterdialog_version": clusterdialog.__version__,
        "command": " ".join(["clusterdialog", *sys.argv[1:]]),
        "input": str(input),
        "input_sha256": sha256(input),
        "parameters": {"format": format, "country": country, "year": year, "seed": seed},
        "source": source.as_dict(),
        "credits": [source.details["credit"]] if source.details.get("credit") else [],
        "notes": list(notes.refresh()),
    }
