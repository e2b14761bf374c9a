"""``clusterdialog measures``: the measure suite on a file, one CSV per measure."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

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


def _run_suite(
    panel, names: list[str] | None, lang: str, sink: Callable[[str, pd.DataFrame], None]
) -> None:
    """Compute the suite measure by measure, handing each table to ``sink``."""
    from clusterdialog.measures.suite import shared_kernels, suite_plan

    plan = suite_plan(panel, names=names)
    with (
        shared_kernels(),
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[current]}"),
            TimeElapsedColumn(),
            console=err_console,
            transient=not err_console.is_terminal,
            disable=not err_console.is_terminal,
        ) as progress,
    ):
        task = progress.add_task(TEXT[lang]["computing"], total=len(plan), current="")
        for name, compute in plan:
            progress.update(task, current=name)
            result = compute()
            if result is not None:
                sink(name, _standard_names(result, panel))
            progress.advance(task)


def _standard_names(frame: pd.DataFrame, panel) -> pd.DataFrame:
    """Rename the panel's key columns to region / industry / period."""
    mapping = {panel.region_name: "region", panel.industry_name: "industry"}
    mapping.update({f"{panel.industry_name}_{s}": f"industry_{s}" for s in ("i", "j")})
    if panel.period_name is not None:
        mapping[panel.period_name] = "period"
    return frame.rename(columns=mapping)


def compute_measures(
    data: pd.DataFrame,
    *,
    region: str,
    industry: str,
    value: str,
    period: str | None,
    suppressed: str,
    names: list[str] | None,
    lang: str,
    sink: Callable[[str, pd.DataFrame], None],
):
    """Build the panel once, resolve suppressed cells once, stream the suite to ``sink``."""
    from clusterdialog.data.panel import RegionalPanel

    panel = RegionalPanel.from_long(
        data,
        region=region,
        industry=industry,
        value=value,
        period=period,
        suppressed="suppressed" if "suppressed" in data.columns else None,
        provenance=data.attrs.get("provenance"),
    )
    panel = panel.resolve_suppressed(suppressed, measure="measures")
    _run_suite(panel, names, lang, sink)
    return panel


@app.command()
def measures(
    input: Annotated[
        Path, typer.Argument(help="Input file (CSV, Parquet, XLSX, GENESIS CSV, Eurostat TSV).")
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder for the result tables.")],
    region_col: RegionColumn = "region",
    industry_col: IndustryColumn = "industry",
    value_col: ValueColumn = "value",
    period_col: PeriodColumn = None,
    reader: ReaderOption = ReaderChoice.auto,
    suppressed: Annotated[
        SuppressedChoice, typer.Option(help="What to do with suppressed cells.")
    ] = SuppressedChoice.error,
    measure: Annotated[
        list[str] | None,
        typer.Option("--measure", help="Compute only these measures (repeatable)."),
    ] = None,
    xlsx: Annotated[
        bool, typer.Option("--xlsx", help="Also write all tables as sheets of measures.xlsx.")
    ] = False,
    lang: Annotated[Language, typer.Option(help="Language of messages.")] = Language.de,
) -> None:
    """Compute the measure suite on INPUT and write one CSV per measure into OUT."""
    with clear_errors(lang.value) as notes:
        data, chosen = read_input(
            input,
            reader,
            region_col=region_col,
            industry_col=industry_col,
            value_col=value_col,
            period_col=period_col,
        )
        cols = ("region", "industry", "value")
        period = "period" if "period" in data.columns else None
        with staging(out, xlsx) as stage:
            panel = compute_measures(
                data,
                region=cols[0],
                industry=cols[1],
                value=cols[2],
                period=period,
                suppressed=suppressed.value,
                names=measure,
                lang=lang.value,
                sink=stage.add,
            )
            provenance = run_provenance(input, panel, chosen, suppressed.value, notes)
            written = stage.commit(provenance)
    out_console.print(TEXT[lang.value]["wrote"].format(n=len(written), out=out))
