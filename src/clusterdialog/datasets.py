"""Demo datasets shipped with clusterdialog (see :mod:`clusterdialog.data.datasets`)."""

from clusterdialog.data.datasets import (
    BA_CREDIT,
    BKG_CREDIT,
    GENESIS_CREDIT,
    load_bw_occupations,
    load_de_1995_io_table,
    load_kreise_geometry,
    load_kreise_industries,
)

__all__ = [
    "BA_CREDIT",
    "BKG_CREDIT",
    "GENESIS_CREDIT",
    "load_bw_occupations",
    "load_de_1995_io_table",
    "load_kreise_geometry",
    "load_kreise_industries",
]
