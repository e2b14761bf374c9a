"""Shared plumbing of the esda wrappers: values by group, aligned with the weights.

The wrappers in :mod:`.moran` and :mod:`.getis_ord` take a long table
(``region``, ``value`` and optional ``by`` columns such as industry and
period), align each group's values with the spatial weights and call esda once
per group.  Regions of the weights without a value and regions with a value
but no place in the weights are left out with a
:class:`~clusterdialog.errors.DataQualityWarning`; the weights are then
restricted to the regions with values (a fresh ``W``: the caller's weights
are never modified, although esda changes the transformation of the ``W`` it
is given).

Permutation inference is seeded with ``seed=``: esda's ``Moran`` and ``G`` draw
from numpy's legacy global generator, which :class:`GlobalSeed` seeds for the
call and then restores, so the caller's random state is left as it was.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np
import pandas as pd

from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.identify.spatial import check_columns, listing, text_keys

__all__ = [
    "GlobalSeed",
    "aligned",
    "check_local",
    "check_non_negative",
    "check_options",
    "groups",
    "quiet_esda",
]


def groups(
    data: pd.DataFrame | pd.Series, region: str, value: str, by: str | Sequence[str] | None
) -> Iterator[tuple[dict[str, object], pd.Series]]:
    """Yield ``({by column: value}, values indexed by region key)`` per group."""
    if isinstance(data, pd.Series):
        data = pd.DataFrame({region: data.index, value: data.to_numpy()})
    if not isinstance(data, pd.DataFrame):
        raise InputError(f"data: expected a DataFrame or Series, got {type(data).__name__}")
    columns = [] if by is None else [by] if isinstance(by, str) else list(by)
    check_columns(data, [region, value, *columns], "data")
    keys = text_keys(data[region], f"data, column {region!r}")
    values = pd.to_numeric(data[value], errors="coerce")
    bad = values.isna() & data[value].notna()
    if bad.any():
        raise InputError(
            f"data, column {value!r}: expected numbers, got {data.loc[bad, value].iloc[0]!r} "
            f"in {int(bad.sum())} row(s)"
        )
    frame = pd.DataFrame({"__region": keys.to_numpy(), "__value": values.to_numpy(dtype=float)})
    for column in columns:
        frame[column] = data[column].to_numpy()
    repeated = frame.duplicated(["__region", *columns])
    if repeated.any():
        raise InputError(
            f"data: several rows for the same {', '.join([region, *columns])} "
            f"({int(repeated.sum())} repeated); pass by= to compute one statistic per group"
        )
    if frame.empty:
        raise InputError("data: expected at least one row, got an empty table")
    if not columns:
        yield {}, frame.set_index("__region")["__value"]
        return
    for group, part in frame.groupby(columns, sort=True, dropna=False):
        labels = group if isinstance(group, tuple) else (group,)
        yield dict(zip(columns, labels, strict=True)), part.set_index("__region")["__value"]


def aligned(values: pd.Series, weights, function: str, group: dict, cache: dict):
    """Values in the order of the (restricted) weights, and those weights (a fresh W)."""
    from libpysal.weights import W

    if not hasattr(weights, "id_order") or not hasattr(weights, "neighbors"):
        raise InputError(f"weights: expected a libpysal W, got {type(weights).__name__}")
    ids = pd.Index([str(i) for i in weights.id_order])
    labels = ", ".join(f"{k}={v}" for k, v in group.items())
    where = f"{function} ({labels})" if labels else function
    outside = values.index.difference(ids)
    if len(outside):
        share = len(outside) / len(values)
        warnings.warn(
            f"{where}: left out {len(outside)} of {len(values)} regions ({share:.1%}) "
            f"that are not in the weights: {listing(outside)}",
            DataQualityWarning,
            stacklevel=3,
        )
    present = values.reindex(ids)
    lacking = present.isna().to_numpy()
    if lacking.any():
        warnings.warn(
            f"{where}: left out {int(lacking.sum())} of {len(ids)} regions of the weights "
            f"({lacking.mean():.1%}) without a value: {listing(ids[lacking])}",
            DataQualityWarning,
            stacklevel=3,
        )
    kept = ids[~lacking]
    if len(kept) < 3:
        raise InputError(
            f"{where}: expected values for at least 3 regions of the weights, got {len(kept)}"
        )
    key = tuple(kept)
    if key not in cache:
        original = weights.transformations.get("O", weights.weights)
        by_id = {str(i): i for i in weights.id_order}
        keep = set(key)
        neighbors, links = {}, {}
        for k in key:
            pairs = [
                (str(j), wij)
                for j, wij in zip(weights.neighbors[by_id[k]], original[by_id[k]], strict=True)
                if str(j) in keep
            ]
            neighbors[k] = [j for j, _ in pairs]
            links[k] = [wij for _, wij in pairs]
        cache[key] = W(neighbors, links, id_order=list(key), silence_warnings=True)
        if lacking.any() and cache[key].islands:
            warnings.warn(
                f"{where}: without the left-out regions, {len(cache[key].islands)} region(s) "
                f"have no neighbour: {listing(cache[key].islands)}",
                DataQualityWarning,
                stacklevel=3,
            )
    return present.to_numpy(dtype=float)[~lacking], cache[key]


class GlobalSeed:
    """Seed numpy's legacy global generator for one call and restore it afterwards."""

    def __init__(self, seed: int | None):
        self.seed = seed

    def __enter__(self):
        self.state = np.random.get_state()
        if self.seed is not None:
            np.random.seed(self.seed)

    def __exit__(self, *exc):
        np.random.set_state(self.state)


def check_options(permutations: int, transformation: str, allowed: Sequence[str]) -> None:
    if not isinstance(permutations, int | np.integer) or permutations < 0:
        raise InputError(f"permutations: expected a whole number ≥ 0, got {permutations!r}")
    if transformation not in allowed:
        raise InputError(f"transformation: expected one of {list(allowed)}, got {transformation!r}")


def check_non_negative(y: np.ndarray, function: str) -> None:
    if (y < 0).any():
        raise InputError(
            f"{function}: expected non-negative values (Getis-Ord G is a ratio of sums), got "
            f"{int((y < 0).sum())} negative value(s)"
        )


@contextmanager
def quiet_esda() -> Iterator[None]:
    """Silence esda's notice that the default alternative of conditional permutations will
    change: the p-values here are the current folded ("directed") ones, as documented."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", "The alternative hypothesis for conditional", DeprecationWarning
        )
        yield


def check_local(permutations: int, alpha: float) -> None:
    if isinstance(permutations, int | np.integer) and permutations < 0:
        raise InputError(
            f"permutations: expected a whole number ≥ 0 (0: analytic significance), "
            f"got {permutations!r}"
        )
    if not 0 < alpha < 1:
        raise InputError(f"alpha: expected a number between 0 and 1, got {alpha!r}")
