"""Shared pieces of the command line: consoles, texts, errors, staging of output files."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.console import Console

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


def fail(message: str, lang: str = "de") -> typer.Exit:
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
def clear_errors(lang: str) -> Iterator[Notes]:
    """Turn library errors into one line; show data-quality warnings as notes."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DataQualityWarning)
        notes = Notes(caught, lang)
        try:
            yield notes
        except ClusterDialogError as exc:
            notes.refresh()
            raise fail(str(exc), lang) from None
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            raise fail(f"{exc.filename}: {exc.strerror}", lang) from None
        notes.refresh()


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


EXCEL_ROWS = 1_048_575


class Staging:
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
def staging(out: Path, xlsx: bool) -> Iterator[Staging]:
    staging = Staging(out, xlsx)
    try:
        yield staging
    finally:
        staging.discard()


def run_provenance(input: Path | None, panel, reader: str, suppressed: str, notes: Notes) -> dict:
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
        info["input_sha256"] = sha256(input)
    if panel.provenance is not None:
        info["source"] = panel.provenance.as_dict()
    return info


# The reader options that every command reading a regional panel takes.
RegionColumn = Annotated[str, typer.Option("--region-col", help="Column with region keys.")]
IndustryColumn = Annotated[
    str, typer.Option("--industry-col", help="Column with industry/occupation/cluster keys.")
]
ValueColumn = Annotated[
    str, typer.Option("--value-col", help="Column with the values (e.g. employees).")
]
PeriodColumn = Annotated[
    str | None, typer.Option("--period-col", help="Column with periods, if any.")
]
ReaderOption = Annotated[ReaderChoice, typer.Option(help="How to read INPUT.")]


def read_input(
    input: Path,
    reader: ReaderChoice,
    *,
    region_col: str,
    industry_col: str,
    value_col: str,
    period_col: str | None,
) -> tuple[pd.DataFrame, str]:
    """Read INPUT with the chosen (or detected) reader; return the panel and the reader's name.

    Every reader names its columns region / industry / period / value; only the
    generic table reader needs to be told which columns those are.
    """
    from clusterdialog.data.readers import detect_reader, read_panel

    chosen = detect_reader(input) if reader is ReaderChoice.auto else reader.value
    mapping = {"region": region_col, "industry": industry_col, "value": value_col}
    if period_col is not None:
        mapping["period"] = period_col
    data = read_panel(input, reader=chosen, **(mapping if chosen == "table" else {}))
    return data, chosen
