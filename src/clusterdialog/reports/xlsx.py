"""``results.xlsx``: one sheet per result table and a provenance sheet (openpyxl)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from clusterdialog.errors import ClusterDialogError

__all__ = ["EXCEL_ROWS", "write_results_xlsx"]

EXCEL_ROWS = 1_048_575


def write_results_xlsx(
    path: Path, tables: Mapping[str, pd.DataFrame], provenance: Mapping[str, object]
) -> Path:
    """Write every table as a sheet (name cut to 31 characters), then ``provenance``.

    Raises
    ------
    ClusterDialogError
        When a table has more rows than an Excel sheet holds.
    """
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in tables.items():
            if len(frame) > EXCEL_ROWS:
                raise ClusterDialogError(
                    f"results.xlsx: table {name!r} has {len(frame):,} rows, more than an Excel "
                    f"sheet holds ({EXCEL_ROWS:,}); use the CSV files"
                )
            out = frame.copy()
            for column in out.columns:
                if isinstance(out[column].dtype, pd.CategoricalDtype):
                    out[column] = out[column].astype(str)
            out.to_excel(writer, sheet_name=name[:31], index=False)
        rows = [
            (
                key,
                value
                if isinstance(value, str)
                else json.dumps(value, ensure_ascii=False, default=str),
            )
            for key, value in provenance.items()
        ]
        pd.DataFrame(rows, columns=["key", "value"]).to_excel(
            writer, sheet_name="provenance", index=False
        )
    return path
