"""Invariants that every measure of the suite obeys, checked over the registry."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.errors import ConvergenceError, DataQualityWarning, InputError
from clusterdialog.measures.suite import SUITE, compute_suite, suite_plan

IDS = [m.name for m in SUITE]


@pytest.fixture(scope="module")
def long_table(reference) -> pd.DataFrame:
    """The 20 × 15 peer test matrix, twice (2019 as given, 2020 grown), as a long table."""
    wide = pd.read_csv(reference / "a_rand_20x15" / "input_matrix.csv", index_col=0)
    frames = []
    rng = np.random.default_rng(3)
    for year, factor in ((2019, 1.0), (2020, rng.uniform(0.8, 1.3, wide.shape))):
        part = (wide * factor).round().rename_axis(index="kreis", columns="wz").stack()
        frames.append(part.rename("emp").reset_index().assign(jahr=year))
    return pd.concat(frames, ignore_index=True)


def run(entry, frame: pd.DataFrame) -> pd.DataFrame:
    panel = RegionalPanel.from_long(
        frame, region="kreis", industry="wz", value="emp", period="jahr"
    )
    result = compute_suite(panel, names=[entry.name])[entry.name]
    keys = [c for c in result.columns if c not in ("value",) and result[c].dtype != float]
    return result.astype(dict.fromkeys(keys, str)).sort_values(keys).reset_index(drop=True)


def test_every_measure_has_a_distinct_table_name():
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize("entry", SUITE, ids=IDS)
def test_result_is_long_and_keyed_on_the_callers_names(entry, long_table):
    result = run(entry, long_table)
    assert "value" in result.columns
    # shift-share compares two periods: it names them start and end
    period_keys = {"start", "end"} if entry.min_periods > 1 else {"jahr"}
    assert period_keys <= set(result.columns)
    expected = {
        "cell": {"kreis", "wz"},
        "region": {"kreis"},
        "industry": {"wz"},
        "industry_pair": {"wz_i", "wz_j"},
        "region_components": {"kreis", "component"},
    }[entry.shape]
    assert expected <= set(result.columns)
    assert np.isfinite(result["value"].to_numpy(dtype=float)).any()


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
@pytest.mark.parametrize("entry", SUITE, ids=IDS)
def test_row_order_does_not_matter(entry, long_table, seed):
    shuffled = long_table.sample(frac=1.0, random_state=np.random.RandomState(seed))
    pd.testing.assert_frame_equal(
        run(entry, long_table), run(entry, shuffled), check_exact=False, rtol=1e-10, atol=1e-12
    )


@pytest.mark.parametrize(
    "entry",
    [m for m in SUITE if m.scale_invariant],
    ids=[m.name for m in SUITE if m.scale_invariant],
)
def test_scaling_all_values_does_not_matter(entry, long_table):
    scaled = long_table.assign(emp=long_table["emp"] * 7.5)
    pd.testing.assert_frame_equal(
        run(entry, long_table), run(entry, scaled), check_exact=False, rtol=1e-9, atol=1e-12
    )


def test_shift_share_scales_with_the_values(long_table):
    entry = next(m for m in SUITE if m.name == "shift_share")
    base = run(entry, long_table)
    scaled = run(entry, long_table.assign(emp=long_table["emp"] * 2))
    np.testing.assert_allclose(scaled["value"], 2 * base["value"], rtol=1e-10)


def test_single_period_panel_leaves_out_shift_share(long_table):
    one = long_table[long_table["jahr"] == 2019].drop(columns="jahr")
    panel = RegionalPanel.from_long(one, region="kreis", industry="wz", value="emp")
    assert "shift_share" not in dict(suite_plan(panel))
    with pytest.raises(InputError, match="shift_share needs at least 2 periods"):
        suite_plan(panel, names=["shift_share"])


def test_unknown_measure_lists_the_known_ones(long_table):
    panel = RegionalPanel.from_long(
        long_table, region="kreis", industry="wz", value="emp", period="jahr"
    )
    with pytest.raises(InputError, match=r"unknown measure\(s\) \['lq'\].*location_quotient"):
        suite_plan(panel, names=["lq"])


def test_undefined_measure_is_skipped_in_the_suite_but_raises_when_named():
    # two blocks of regions and industries that share nothing: ECI is not defined
    wide = pd.DataFrame(
        [[5, 3, 0, 0], [2, 6, 0, 0], [0, 0, 4, 1], [0, 0, 1, 7]],
        index=["R1", "R2", "R3", "R4"],
        columns=["a", "b", "c", "d"],
    )
    panel = RegionalPanel.from_matrix(wide)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        results = compute_suite(panel, names=None)
    skipped = sorted(
        str(w.message).split()[0]
        for w in caught
        if issubclass(w.category, DataQualityWarning) and "not computed" in str(w.message)
    )
    assert skipped == ["eci", "pci"]
    assert "eci" not in results and "location_quotient" in results
    with pytest.raises(ConvergenceError, match="disconnected"):
        compute_suite(panel, names=["eci"])


def test_suite_results_equal_the_measures_called_alone(long_table):
    """Sharing intermediates inside the suite changes no number."""
    panel = RegionalPanel.from_long(
        long_table, region="kreis", industry="wz", value="emp", period="jahr"
    )
    together = compute_suite(panel)
    for entry in SUITE:
        alone = suite_plan(panel, names=[entry.name])[0][1]()
        pd.testing.assert_frame_equal(together[entry.name], alone)


def test_shared_kernels_compute_once_and_hand_out_read_only_results():
    from clusterdialog.measures._cache import shared_kernels
    from clusterdialog.measures.cooccurrence import presence_matrix

    x = np.array([[10.0, 0, 5], [2, 8, 0], [3, 3, 3]])
    with shared_kernels():
        first = presence_matrix(x)
        assert presence_matrix(x) is first
        assert presence_matrix(x, threshold=2.0) is not first
        with pytest.raises(ValueError, match="read-only"):
            first[0, 0] = 5
    outside = presence_matrix(x)
    assert outside is not presence_matrix(x)
    outside[0, 0] = 5  # writable as usual
