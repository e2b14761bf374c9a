"""clusterdialog: cluster policy from official statistics to the Cluster-Dialog.

The pure analytics live in :mod:`clusterdialog.measures`; regional panels,
readers, classifications and demo data in :mod:`clusterdialog.data`.
"""

from importlib.metadata import PackageNotFoundError, version

from clusterdialog.errors import (
    ClusterDialogError,
    ConvergenceError,
    DataQualityWarning,
    InputError,
)

try:
    __version__ = version("clusterdialog")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "ClusterDialogError",
    "ConvergenceError",
    "DataQualityWarning",
    "InputError",
    "__version__",
]
