"""Reader of the World Input-Output Table (WIOD 2013 release) as a wide Parquet file.

Layout (``io_wiod_2011.parquet`` of the shared data): ``row_country``,
``row_industry`` (``c1`` … ``c35``), ``row_industry_nace``,
``row_industry_name``, one column per country-industry ``<CTY>_c<N>`` in
row order (the intermediate block), the final-use columns ``<CTY>_c37`` …
``<CTY>_c42`` (households, NPISH, government, gross fixed capital formation,
changes in inventories and valuables) and ``output``.  Million USD, current
prices, integer-rounded.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
import pandas as pd

from clusterdialog.data._io_tables_common import BALANCE_TOLERANCE, build_table, file_and_bytes
from clusterdialog.data.panel import Provenance
from clusterdialog.data.readers._common import PathArgument
from clusterdialog.errors import InputError
from clusterdialog.valuechain.table import IOTable

__all__ = ["WIOD_CREDIT", "read_io_wiod"]

#: Citation required by WIOD.
WIOD_CREDIT = (
    "Timmer, M. P., Dietzenbacher, E., Los, B., Stehrer, R. and de Vries, G. J. (2015), An "
    "Illustrated User Guide to the World Input–Output Database: the Case of Global Automotive "
    "Production, Review of International Economics 23: 575–605"
)


def read_io_wiod(
    path: PathArgument,
    *,
    tolerance: float = BALANCE_TOLERANCE,
    negative_flows: str = "error",
    allow_negative: Sequence[str] | None = None,
    rounding: float | None = None,
) -> IOTable:
    """Read the World Input-Output Table (WIOD 2013 release) from the wide Parquet file.

    Sectors are ``<country>_<industry>`` (``DEU_c13``), the 1,435 columns in
    row order.  The other columns before ``output`` are final demand (41 × 5
    categories).  The cells are integer-rounded, so row sums of ``Z`` and
    ``Y`` differ from the published ``output`` by up to about 100 (million
    USD): each row is checked against ``output`` within ``tolerance``
    (relative) or ``rounding`` (absolute; default half a unit per rounded
    cell in the row), and output is then the row sum.  The file has no
    primary-input rows: ``value_added`` has one row, ``value_added``, the
    residual ``x − 1ᵀZ`` (value added plus taxes and international
    margins).  Household consumption is the sum of the ``*_c37`` columns.

    Parameters
    ----------
    allow_negative : sequence of str, optional
        Final-demand columns that may be negative; default the gross fixed
        capital formation and inventory columns (``*_c41``, ``*_c42``).
    rounding : float, optional
        Absolute allowance of the row check.

    References
    ----------
    .. [1] Timmer, M. P., Dietzenbacher, E., Los, B., Stehrer, R. & de Vries,
       G. J. (2015), An Illustrated User Guide to the World Input–Output
       Database: the Case of Global Automotive Production, Review of
       International Economics 23: 575–605. https://doi.org/10.1111/roie.12178
    """
    file, data, sha = file_and_bytes(path)
    try:
        frame = pd.read_parquet(io.BytesIO(data))
    except (OSError, ValueError) as error:
        raise InputError(f"{file.name}: not a readable Parquet file ({error})") from None
    missing = [c for c in ("row_country", "row_industry", "output") if c not in frame.columns]
    if missing:
        raise InputError(f"{file.name}: not the WIOD (wide) layout: missing column(s) {missing}")
    codes = (frame["row_country"].astype(str) + "_" + frame["row_industry"].astype(str)).tolist()
    absent = [c for c in codes if c not in frame.columns]
    if absent:
        raise InputError(f"{file.name}: no intermediate-use column for row(s) {absent[:10]}")
    labels = [c for c in frame.columns if c.startswith("row_")]
    final = [c for c in frame.columns if c not in set(codes) | {"output", *labels}]
    z = frame[codes].to_numpy(dtype="float64")
    y = frame[final].astype("float64").reset_index(drop=True)
    published = frame["output"].to_numpy(dtype="float64")
    sums = z.sum(axis=1) + y.to_numpy().sum(axis=1)
    allowance = 0.5 * (len(codes) + len(final) + 1) if rounding is None else float(rounding)
    off = np.abs(sums - published) > np.maximum(tolerance * np.abs(published), allowance)
    if off.any():
        k = int(np.argmax(np.where(off, np.abs(sums - published), -1)))
        raise InputError(
            f"{file.name}: table does not balance: row of sector {codes[k]!r}: Z·1 + Y·1 = "
            f"{sums[k]:,.6g} but output = {published[k]:,.6g} (more than the rounding "
            f"allowance {allowance:g} and tolerance {tolerance:.2%}); {int(off.sum())} row(s) off"
        )
    if allow_negative is None:
        allow_negative = [c for c in final if c.endswith(("_c41", "_c42"))]
    households = [c for c in final if c.endswith("_c37")]
    names = {}
    if "row_industry_name" in frame.columns:
        names = dict(
            zip(codes, frame["row_country"] + ": " + frame["row_industry_name"], strict=True)
        )
    provenance = Provenance(
        source=file.name,
        sha256=sha,
        table="WIOD 2013 release, world input-output table",
        reader="io_wiod",
        details={
            "format": "wiod",
            "credit": WIOD_CREDIT,
            "output": "row sums of Z and Y (published output checked within rounding)",
            "max_abs_difference_to_published_output": float(np.abs(sums - published).max()),
        },
    )
    return build_table(
        file.name,
        sectors=codes,
        intermediate=z,
        final_demand=y,
        output=None,
        value_added=pd.DataFrame([sums - z.sum(axis=0)], index=["value_added"]),
        provenance=provenance,
        household_consumption=y[households].to_numpy().sum(axis=1) if households else None,
        names=names,
        kind="industry",
        unit="million USD",
        allow_negative=allow_negative,
        tolerance=tolerance,
        negative_flows=negative_flows,
    )
