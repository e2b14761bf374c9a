"""Exceptions and warnings of clusterdialog.

Every error that a user can cause derives from :class:`ClusterDialogError`;
bad input raises :class:`InputError`, which names the argument, file, row or
column, what was expected and what was received.  Recoverable problems of the
data (suppressed cells, dropped regions) are reported as
:class:`DataQualityWarning` saying how many cells and which share of the total
they hold.
"""

from __future__ import annotations

__all__ = [
    "ClusterDialogError",
    "ConvergenceError",
    "DataQualityWarning",
    "InputError",
]


class ClusterDialogError(Exception):
    """Base class of all errors raised by clusterdialog."""


class InputError(ClusterDialogError, ValueError):
    """Input that clusterdialog cannot use: wrong columns, values, arguments or files.

    The message names where the problem is (argument, file, line, column,
    row keys) and what was expected.
    """


class ConvergenceError(ClusterDialogError, RuntimeError):
    """An iterative computation did not converge or is not defined for the input."""


class DataQualityWarning(UserWarning):
    """A recoverable problem of the data, with its extent (cells and share of the total)."""
