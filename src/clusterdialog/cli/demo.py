"""``clusterdialog analysis-demo``: the measure suite on the embedded demo data.

(``clusterdialog demo`` starts the platform demo, see :mod:`clusterdialog.cli.platform`.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table

from clusterdialog.cli._common import (
    TEXT,
    Language,
    app,
    clear_errors,
    out_console,
    run_provenance,
    staging,
)
from clusterdialog.cli.measures import compute_measures


@app.command("analysis-demo")
def analysis_demo(
    out: Annotated[Path, typer.Option("--out", help="Folder for the result tables.")] = Path(
        "clusterdialog-analysis-demo"
    ),
    lang: Annotated[Language, typer.Option(help="Language of the summary.")] = Language.de,
) -> None:
    """Run the measure suite on the bundled Baden-Württemberg data and summarise it."""
    from clusterdialog.datasets import BA_CREDIT, load_bw_occupations

    text = TEXT[lang.value]
    with clear_errors(lang.value) as notes:
        data = load_bw_occupations()
        results: dict[str, pd.DataFrame] = {}

        def keep(name: str, frame: pd.DataFrame) -> None:
            stage.add(name, frame)
            if name in ("location_quotient", "locational_gini", "eci"):
                results[name] = frame

        with staging(out, xlsx=False) as stage:
            panel = compute_measures(
                data,
                region="region",
                industry="occupation",
                value="employees",
                period=None,
                suppressed="zero",
                names=None,
                lang=lang.value,
                sink=keep,
            )
            provenance = run_provenance(None, panel, "datasets.load_bw_occupations", "zero", notes)
            provenance["credit"] = BA_CREDIT
            written = stage.commit(provenance)

    regions = data.drop_duplicates("region").set_index("region")["region_name"]
    occupations = data.drop_duplicates("occupation").set_index("occupation")["occupation_name"]
    out_console.print(f"[bold]{text['demo_title']}[/]")
    out_console.print(
        text["demo_cells"].format(
            regions=len(panel.regions),
            industries=len(panel.industries),
            suppressed=int(data["suppressed"].sum()),
        )
    )
    _show_top(
        results.get("location_quotient"),
        text["top_lq"],
        text,
        label=lambda r: f"{regions[r['region']]} · {occupations[r['industry']]}",
        weight=_employment_weight(data),
    )
    _show_top(
        results.get("locational_gini"),
        text["top_gini"],
        text,
        label=lambda r: f"{r['industry']} {occupations[r['industry']]}",
    )
    _show_top(
        results.get("eci"),
        text["top_eci"],
        text,
        label=lambda r: regions[r["region"]],
    )
    out_console.print(TEXT[lang.value]["wrote"].format(n=len(written), out=out))
    out_console.print(f"{text['credit']}: {BA_CREDIT}")


def _employment_weight(data: pd.DataFrame) -> pd.Series:
    return data.set_index(["region", "occupation"])["employees"]


def _show_top(
    frame: pd.DataFrame | None,
    title: str,
    text: dict[str, str],
    *,
    label: Callable[[pd.Series], str],
    weight: pd.Series | None = None,
    n: int = 5,
) -> None:
    if frame is None or frame.empty:
        return
    top = frame.dropna(subset=["value"])
    if weight is not None:
        # ignore tiny cells: a specialisation needs at least 100 employees
        keys = pd.MultiIndex.from_arrays([top["region"].astype(str), top["industry"].astype(str)])
        top = top[weight.reindex(keys).fillna(0).to_numpy() >= 100]
    top = top.sort_values("value", ascending=False).head(n)
    table = Table(title=title, title_justify="left")
    table.add_column("")
    table.add_column(text["value"], justify="right")
    for _, row in top.iterrows():
        table.add_row(label(row), _number(row["value"], text["decimal"]))
    out_console.print(table)


def _number(value: float, decimal: str) -> str:
    """Two decimals with the language's decimal mark (19,07 in German)."""
    return f"{value:.2f}".replace(".", decimal)
