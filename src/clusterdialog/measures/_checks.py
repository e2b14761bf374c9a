"""Argument checks and small numeric helpers shared by the measures (private)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from clusterdialog.errors import InputError

__all__ = [
    "as_mapping",
    "check_base",
    "check_choice",
    "check_threshold",
    "shares_along",
    "xlogx",
]


def check_choice(argument: str, given: object, allowed: Sequence[object]) -> None:
    """Raise an InputError naming the argument, the allowed values and the value given."""
    if not isinstance(given, str) or given not in allowed:
        raise InputError(f"{argument}: expected one of {list(allowed)}, got {given!r}")


def as_mapping(obj: object, argument: str) -> dict[str, object]:
    """A mapping (dict or Series) with string keys, or an InputError naming the argument."""
    if isinstance(obj, pd.Series):
        obj = obj.to_dict()
    if not isinstance(obj, Mapping):
        raise InputError(
            f"{argument}: expected a mapping (dict or Series), got {type(obj).__name__}"
        )
    return {str(k): v for k, v in obj.items()}


def check_base(base: object) -> float:
    if isinstance(base, bool) or not isinstance(base, int | float) or not base > 0 or base == 1:
        raise InputError(f"base: expected a positive number other than 1, got {base!r}")
    return float(base)


def check_threshold(threshold: object) -> float:
    """The LQ threshold of presence: a positive finite number, or an InputError."""
    if isinstance(threshold, bool) or not isinstance(threshold, int | float):
        raise InputError(f"threshold: expected a positive number, got {threshold!r}")
    if not np.isfinite(threshold) or threshold <= 0:
        raise InputError(f"threshold: expected a positive finite number, got {threshold!r}")
    return float(threshold)


def shares_along(x: np.ndarray, axis: int) -> np.ndarray:
    """Shares along ``axis``; ``NaN`` where the total is zero."""
    total = x.sum(axis=axis, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = x / total  # one new buffer; the rest happens in place
    empty = ~(total > 0)
    if empty.any():
        shares[np.broadcast_to(empty, shares.shape)] = np.nan
    return shares


def xlogx(s: np.ndarray) -> np.ndarray:
    """Elementwise ``s * ln(s)`` with ``0 ln 0 = 0`` (``NaN`` stays ``NaN``)."""
    out = np.zeros_like(s)
    np.log(s, out=out, where=s > 0)
    out *= s  # in place: NaN in s gives NaN, 0 gives 0
    return out
