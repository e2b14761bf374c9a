"""Share intermediate matrices between the measures of one suite run.

Several measures start from the same presence matrix, co-occurrence matrix
or ECI eigenproblem.  Inside :func:`shared_kernels` (which
:func:`~clusterdialog.measures.suite.compute_suite` enters), a kernel
decorated with :func:`memoised` computes once per input matrix and options
and hands out a read-only result; outside it, kernels compute as usual.  The
cache lives only as long as the ``with`` block and keeps its input matrices
alive, so an ``id`` is never reused for another matrix while cached.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

import numpy as np

__all__ = ["memoised", "shared_kernels"]

_CACHE: ContextVar[dict | None] = ContextVar("clusterdialog_shared_kernels", default=None)

F = TypeVar("F", bound=Callable)


@contextmanager
def shared_kernels() -> Iterator[None]:
    """Within the block, memoised kernels compute once per matrix and options."""
    token = _CACHE.set({})
    try:
        yield
    finally:
        _CACHE.reset(token)


def _read_only(result):
    if isinstance(result, np.ndarray):
        result.flags.writeable = False
    elif isinstance(result, tuple):
        for item in result:
            _read_only(item)
    return result


def memoised(kernel: F) -> F:
    """Cache ``kernel(matrix, **options)`` inside :func:`shared_kernels`."""

    @functools.wraps(kernel)
    def wrapper(matrix, *args, **kwargs):
        cache = _CACHE.get()
        if cache is None:
            return kernel(matrix, *args, **kwargs)
        try:
            key = (kernel.__qualname__, id(matrix), args, tuple(sorted(kwargs.items())))
            hash(key)
        except TypeError:  # unhashable options (arrays): compute as usual
            return kernel(matrix, *args, **kwargs)
        if key not in cache:
            cache[key] = (matrix, _read_only(kernel(matrix, *args, **kwargs)))
        return cache[key][1]

    return wrapper  # type: ignore[return-value]
