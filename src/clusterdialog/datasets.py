"""Demo datasets shipped with clusterdialog (see :mod:`clusterdialog.data.datasets`)."""

from clusterdialog.data.datasets import BA_CREDIT, load_bw_occupations

__all__ = ["BA_CREDIT", "load_bw_occupations"]
