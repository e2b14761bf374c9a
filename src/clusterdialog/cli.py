"""The ``clusterdialog`` command line: parse, call the library, write files.

Every command is thin: it reads the input with a reader, calls library
functions and writes tables.  Errors become one clear line on stderr and exit
code 2, never a traceback; data-quality warnings are shown as notes.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import clusterdialog
from clusterdialog.errors import ClusterDialogError, DataQualityWarning

app = typer.Typer(
    name="clusterdialog",
    help="Cluster policy from official statistics: measures, identification, reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out_console = Console()
err_console = Console(stderr=True)


class ReaderChoice(StrEnum):
    auto = "auto"
    table = "table"
    genesis = "genesis"
    eurostat = "eurostat"
    ba = "ba"
    cbp = "cbp"


class SuppressedChoice(StrEnum):
    error = "error"
    zero = "zero"
    drop_region = "drop_region"
    drop_industry = "drop_industry"


class Language(StrEnum):
    de = "de"
    en = "en"


TEXT = {
    "de": {
        "note": "Hinweis",
        "error": "Fehler",
        "computing": "Berechne Maße",
        "wrote": "{n} Tabellen geschrieben nach {out}",
        "demo_title": "Demo: Beschäftigte nach Berufen, Baden-Württemberg 2024",
        "demo_cells": (
            "{regions} Kreise × {industries} Berufsgruppen, {suppressed} gesperrte Felder"
        ),
        "top_lq": "Stärkste Spezialisierungen (Standortquotient)",
        "top_gini": "Räumlich am stärksten konzentrierte Berufsgruppen (Standort-Gini)",
        "top_eci": "Wirtschaftliche Komplexität der Kreise (ECI)",
        "region": "Kreis",
        "occupation": "Berufsgruppe",
        "value": "Wert",
        "credit": "Quelle",
        "decimal": ",",
    },
    "en": {
        "note": "Note",
        "error": "Error",
        "computing": "Computing measures",
        "wrote": "Wrote {n} tables to {out}",
        "demo_title": "Demo: employees by occupation, Baden-Württemberg 2024",
        "demo_cells": (
            "{regions} Kreise × {industries} occupation groups, {suppressed} suppressed cells"
        ),
        "top_lq": "Strongest specialisations (location quotient)",
        "top_gini": "Most concentrated occupation groups (locational Gini)",
        "top_eci": "Economic complexity of the Kreise (ECI)",
        "region": "Kreis",
        "occupation": "Occupation group",
        "value": "Value",
        "credit": "Source",
        "decimal": ".",
    },
}


def _fail(message: str, lang: str = "de") -> typer.Exit:
    err_console.print(f"[bold red]{TEXT[lang]['error']}:[/] {message}", highlight=False)
    return typer.Exit(code=2)


class Notes(list):
    """Data-quality notes collected while a command runs: shown, and kept in provenance."""

    def __init__(self, caught: list[warnings.WarningMessage], lang: str) -> None:
        super().__init__()
        self.caught = caught
        self.lang = lang

    def refresh(self) -> Notes:
        """Show the data-quality warnings caught so far and keep their text."""
        for item in self.caught:
            text = str(item.message)
            if issubclass(item.category, DataQualityWarning) and text not in self:
                self.append(text)
                err_console.print(f"[yellow]{TEXT[self.lang]['note']}:[/] {text}", highlight=False)
        self.caught.clear()
        return self


@contextmanager
def _clear_errors(lang: str) -> Iterator[Notes]:
    """Turn library errors into one line; show data-quality warnings as notes."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataQualityWarning)
        notes = Notes(caught, lang)
        try:
            yield notes
        except ClusterDialogError as exc:
            notes.refresh()
            raise _fail(str(exc), lang) from None
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            raise _fail(f"{exc.filename}: {exc.strerror}", lang) from None
        notes.refresh()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


EXCEL_ROWS = 1_048_575


class _Staging:
    """Tables written into a hidden folder inside OUT as they are computed.

    Only :meth:`commit` moves them into OUT, so a failed run leaves OUT as it
    was: all files appear, or none is replaced.  Each table is written as
    soon as it is computed, so the run never holds more than one result.
    """

    def __init__(self, out: Path, xlsx: bool) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.out = out
        self.folder = Path(tempfile.mkdtemp(prefix=".clusterdialog-", dir=out))
        self.workbook = (
            pd.ExcelWriter(self.folder / "measures.xlsx", engine="openpyxl") if xlsx else None
        )

    def add(self, name: str, frame: pd.DataFrame) -> None:
        frame.to_csv(self.folder / f"{name}.csv", index=False)
        if self.workbook is not None:
            if len(frame) > EXCEL_ROWS:
                raise ClusterDialogError(
                    f"--xlsx: table {name!r} has {len(frame):,} rows, more than an Excel sheet "
                    f"holds ({EXCEL_ROWS:,}); use the CSV files"
                )
            frame.to_excel(self.workbook, sheet_name=name[:31], index=False)

    def commit(self, provenance: dict) -> list[Path]:
        (self.folder / "provenance.json").write_text(
            json.dumps(provenance, indent=2, ensure_ascii=False, default=str), encoding="utf-8"
        )
        if self.workbook is not None:
            pd.DataFrame(
                {"key": list(provenance), "value": [str(v) for v in provenance.values()]}
            ).to_excel(self.workbook, sheet_name="provenance", index=False)
            self.workbook.close()
            self.workbook = None
        written = []
        for path in sorted(self.folder.iterdir()):
            target = self.out / path.name
            os.replace(path, target)
            written.append(target)
        return written

    def discard(self) -> None:
        if self.workbook is not None:
            self.workbook.close()
        for leftover in self.folder.iterdir():
            leftover.unlink()
        self.folder.rmdir()


@contextmanager
def _staging(out: Path, xlsx: bool) -> Iterator[_Staging]:
    staging = _Staging(out, xlsx)
    try:
        yield staging
    finally:
        staging.discard()


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
    region_col: Annotated[
        str, typer.Option("--region-col", help="Column with region keys.")
    ] = "region",
    industry_col: Annotated[
        str, typer.Option("--industry-col", help="Column with industry/occupation keys.")
    ] = "industry",
    value_col: Annotated[
        str, typer.Option("--value-col", help="Column with the values (e.g. employees).")
    ] = "value",
    period_col: Annotated[
        str | None, typer.Option("--period-col", help="Column with periods, if any.")
    ] = None,
    reader: Annotated[ReaderChoice, typer.Option(help="How to read INPUT.")] = ReaderChoice.auto,
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
    with _clear_errors(lang.value) as notes:
        from clusterdialog.data.readers import detect_reader, read_panel

        chosen = detect_reader(input) if reader is ReaderChoice.auto else reader.value
        mapping = {"region": region_col, "industry": industry_col, "value": value_col}
        if period_col is not None:
            mapping["period"] = period_col
        # every reader names its columns region / industry / period / value;
        # only the generic table reader needs to be told which columns those are
        data = read_panel(input, reader=chosen, **(mapping if chosen == "table" else {}))
        cols = ("region", "industry", "value")
        period = "period" if "period" in data.columns else None
        with _staging(out, xlsx) as staging:
            panel = compute_measures(
                data,
                region=cols[0],
                industry=cols[1],
                value=cols[2],
                period=period,
                suppressed=suppressed.value,
                names=measure,
                lang=lang.value,
                sink=staging.add,
            )
            provenance = _provenance(input, panel, chosen, suppressed.value, notes)
            written = staging.commit(provenance)
    out_console.print(TEXT[lang.value]["wrote"].format(n=len(written), out=out))


def _provenance(input: Path | None, panel, reader: str, suppressed: str, notes: Notes) -> dict:
    info: dict[str, object] = {
        "clusterdialog_version": clusterdialog.__version__,
        "command": " ".join(["clusterdialog", *sys.argv[1:]]),
        "reader": reader,
        "suppressed": suppressed,
        "regions": len(panel.regions),
        "industries": len(panel.industries),
        "periods": [p for p in panel.periods if p is not None],
        "notes": list(notes.refresh()),
    }
    if input is not None:
        info["input"] = str(input)
        info["input_sha256"] = _sha256(input)
    if panel.provenance is not None:
        info["source"] = panel.provenance.as_dict()
    return info


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="Folder for the result tables.")] = Path(
        "clusterdialog-demo"
    ),
    lang: Annotated[Language, typer.Option(help="Language of the summary.")] = Language.de,
) -> None:
    """Run the measure suite on the bundled Baden-Württemberg data and summarise it."""
    from clusterdialog.datasets import BA_CREDIT, load_bw_occupations

    text = TEXT[lang.value]
    with _clear_errors(lang.value) as notes:
        data = load_bw_occupations()
        results: dict[str, pd.DataFrame] = {}

        def keep(name: str, frame: pd.DataFrame) -> None:
            staging.add(name, frame)
            if name in ("location_quotient", "locational_gini", "eci"):
                results[name] = frame

        with _staging(out, xlsx=False) as staging:
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
            provenance = _provenance(None, panel, "datasets.load_bw_occupations", "zero", notes)
            provenance["credit"] = BA_CREDIT
            written = staging.commit(provenance)

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


def main() -> None:
    """Entry point of the ``clusterdialog`` console script."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
