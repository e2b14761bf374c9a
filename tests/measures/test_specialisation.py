"""Specialisation: location quotients, Krugman index, specialisation coefficient and Gini."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.measures.location_quotients import location_quotient, location_quotient_matrix
from clusterdialog.measures.specialisation import (
    krugman_index,
    krugman_index_matrix,
    specialisation_coefficient,
    specialisation_gini,
)

CASES = ["a_toy_3x4", "a_rand_20x15"]
TOY = [[10, 0, 5, 5], [2, 8, 0, 10], [3, 3, 3, 1]]


def long_table(matrix, regions=None, industries=None) -> pd.DataFrame:
    matrix = np.asarray(matrix, dtype=float)
    regions = regions or [f"R{i + 1}" for i in range(matrix.shape[0])]
    industries = industries or [f"I{k + 1}" for k in range(matrix.shape[1])]
    return pd.DataFrame(
        {
            "region": np.repeat(regions, len(industries)),
            "industry": np.tile(industries, len(regions)),
            "value": matrix.ravel(),
        }
    )


def wide(result: pd.DataFrame) -> pd.DataFrame:
    return result.pivot(index="region", columns="industry", values="value")


def peer_input(reference, case) -> pd.DataFrame:
    matrix = pd.read_csv(reference / case / "input_matrix.csv", index_col=0)
    return RegionalPanel.from_matrix(matrix).to_long()


def by_region_peer(reference, case) -> pd.DataFrame:
    return pd.read_csv(reference / case / "by_region.csv", dtype={"region": str})


# ------------------------------------------------------------------ location quotient
def test_location_quotient_hand_case():
    lq = wide(location_quotient(long_table(TOY)))
    assert lq.loc["R1", "I1"] == pytest.approx(1.6666666666666667, rel=1e-15)
    assert lq.loc["R3", "I1"] == 1.0  # (3/10)/(15/50), an exact tie
    assert lq.loc["R1", "I2"] == 0.0


@pytest.mark.parametrize("case", CASES)
def test_location_quotient_matches_econgeo(reference, case):
    expected = pd.read_csv(reference / case / "lq.csv", index_col=0)
    got = wide(location_quotient(peer_input(reference, case)))
    got = got.loc[expected.index, expected.columns]
    np.testing.assert_allclose(got.to_numpy(), expected.to_numpy(), rtol=1e-12, atol=0)


def test_location_quotient_zero_region_and_zero_industry_are_nan():
    lq = location_quotient_matrix(np.array([[0.0, 0.0, 0.0], [1.0, 0.0, 3.0], [2.0, 0.0, 1.0]]))
    assert np.isnan(lq[0]).all()
    assert np.isnan(lq[:, 1]).all()
    assert np.isfinite(lq[1:, [0, 2]]).all()


def test_location_quotient_against_an_external_reference_area():
    # Panel: two Kreise; reference: the whole Land with a third industry the panel lacks.
    data = long_table([[10, 30], [20, 40]], regions=["K1", "K2"], industries=["A", "B"])
    reference = pd.DataFrame({"industry": ["A", "B", "C"], "value": [60, 140, 200]})
    lq = wide(location_quotient(data, reference=reference))
    # LQ(K1, A) = (10/40) / (60/400) = 5/3
    assert lq.loc["K1", "A"] == pytest.approx(5 / 3, rel=1e-14)
    # LQ(K2, B) = (40/60) / (140/400) = 40/21
    assert lq.loc["K2", "B"] == pytest.approx(40 / 21, rel=1e-14)


def test_reference_equal_to_panel_totals_reproduces_default(reference):
    data = peer_input(reference, "a_rand_20x15")
    totals = data.groupby("industry", as_index=False)["value"].sum()
    np.testing.assert_allclose(
        location_quotient(data, reference=totals)["value"],
        location_quotient(data)["value"],
        rtol=1e-14,
    )


def test_reference_by_period_and_zero_reference_industry():
    data = pd.DataFrame(
        {
            "region": ["K1", "K1", "K1", "K1"],
            "industry": ["A", "B", "A", "B"],
            "year": [2020, 2020, 2021, 2021],
            "value": [1, 1, 2, 0],
        }
    )
    reference = pd.DataFrame(
        {
            "industry": ["A", "B", "A", "B"],
            "year": [2020, 2020, 2021, 2021],
            "value": [10, 30, 4, 0],
        }
    )
    out = location_quotient(data, period="year", reference=reference)
    assert out.columns.tolist() == ["region", "industry", "year", "value"]
    values = out.set_index(["year", "industry"])["value"]
    assert values[(2020, "A")] == pytest.approx((1 / 2) / (10 / 40))
    assert values[(2021, "A")] == pytest.approx((2 / 2) / (4 / 4))
    assert np.isnan(values[(2021, "B")])  # zero reference employment


def test_reference_smaller_than_panel_warns():
    data = long_table([[10, 30]], regions=["K1"], industries=["A", "B"])
    reference = pd.DataFrame({"industry": ["A", "B"], "value": [5, 100]})
    with pytest.warns(DataQualityWarning, match="1 of 2 industries have more in the panel"):
        location_quotient(data, reference=reference)


def test_reference_groups_compare_each_region_with_its_group():
    matrix = [[10, 30], [20, 40], [5, 5]]
    data = long_table(matrix, regions=["K1", "K2", "K3"], industries=["A", "B"])
    groups = {"K1": "L1", "K2": "L1", "K3": "L2"}
    lq = wide(location_quotient(data, reference_groups=groups))
    own = wide(
        location_quotient(long_table(matrix[:2], regions=["K1", "K2"], industries=["A", "B"]))
    )
    np.testing.assert_allclose(lq.loc[["K1", "K2"]].to_numpy(), own.to_numpy(), rtol=1e-14)
    np.testing.assert_array_equal(lq.loc["K3"].to_numpy(), [1.0, 1.0])  # alone in its group


def test_reference_errors():
    data = long_table(TOY)
    with pytest.raises(InputError, match="at most one"):
        location_quotient(data, reference=pd.DataFrame(), reference_groups={})
    with pytest.raises(InputError, match="reference: expected a long DataFrame"):
        location_quotient(data, reference={"I1": 3})
    partial = pd.DataFrame({"industry": ["I1", "I2"], "value": [1, 2]})
    with pytest.raises(InputError, match=r"reference: 2 industr\(y/ies\) of the panel missing"):
        location_quotient(data, reference=partial)
    twice = pd.DataFrame({"industry": ["I1", "I1", "I2", "I3", "I4"], "value": [1] * 5})
    with pytest.raises(InputError, match="several rows for the same industry"):
        location_quotient(data, reference=twice)
    with pytest.raises(InputError, match="reference_groups: 1 region"):
        location_quotient(data, reference_groups={"R1": "a", "R2": "a"})
    with pytest.raises(InputError, match="reference_groups: expected a mapping"):
        location_quotient(data, reference_groups=["a", "b", "c"])


# ------------------------------------------------------------------ Krugman and friends
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(
    ("function", "options", "column"),
    [
        (krugman_index, {}, "econgeo_krugman_index"),
        (krugman_index, {"method": "rest_of_nation"}, "reat_krugman_spec_vs_rest"),
        (specialisation_coefficient, {}, "econgeo_spec_coeff"),
        (specialisation_coefficient, {}, "reat_hoover_spec"),
        (specialisation_gini, {}, "reat_gini_spec"),
    ],
)
def test_per_region_measures_match_peers(reference, case, function, options, column):
    expected = by_region_peer(reference, case)
    got = function(peer_input(reference, case), **options)
    merged = expected.merge(got, on="region", validate="one_to_one")
    assert len(merged) == len(expected)
    np.testing.assert_allclose(merged["value"], merged[column], rtol=1e-12, atol=1e-15)


def test_krugman_hand_case():
    # R1 shares (.5, 0, .25, .25) against national (.3, .22, .16, .32)
    k = krugman_index_matrix(np.array(TOY, dtype=float))
    assert k[0] == pytest.approx(0.2 + 0.22 + 0.09 + 0.07, abs=1e-15)


def test_krugman_zero_region_and_single_region_are_nan():
    k = krugman_index_matrix(np.array([[0.0, 0.0], [1.0, 3.0]]))
    assert np.isnan(k[0]) and k[1] == 0.0
    rest = krugman_index_matrix(np.array([[1.0, 3.0]]), method="rest_of_nation")
    assert np.isnan(rest[0])


def test_method_errors_name_argument_and_values():
    data = long_table(TOY)
    with pytest.raises(
        InputError, match=r"method: expected one of \['econgeo', 'rest_of_nation'\]"
    ):
        krugman_index(data, method="reat")
    with pytest.raises(InputError, match="method: expected one of"):
        specialisation_coefficient(data, method=None)


def test_specialisation_gini_ignores_empty_industry_and_nan_for_empty_region():
    with_empty = [[10, 0, 5, 0], [2, 8, 0, 0], [0, 0, 0, 0]]
    got = specialisation_gini(long_table(with_empty))["value"].to_numpy()
    base = specialisation_gini(long_table([row[:3] for row in with_empty[:2]]))["value"]
    np.testing.assert_allclose(got[:2], base.to_numpy(), rtol=1e-14)
    assert np.isnan(got[2])


def test_suppressed_cells_follow_the_policy():
    data = long_table(TOY)
    data.loc[0, "value"] = np.nan
    with pytest.raises(InputError, match="suppressed"):
        location_quotient(data)
    with pytest.warns(DataQualityWarning):
        out = krugman_index(data, suppressed="drop_region")
    assert out["region"].tolist() == ["R2", "R3"]


# ------------------------------------------------------------------ properties
matrices = arrays(
    np.int64,
    st.tuples(st.integers(2, 6), st.integers(2, 6)),
    elements=st.integers(0, 1000),
)


@settings(max_examples=40, deadline=None)
@given(matrix=matrices, seed=st.integers(0, 2**16), scale=st.floats(1e-3, 1e3))
def test_location_quotient_invariant_to_row_order_and_scale(matrix, seed, scale):
    data = long_table(matrix)
    base = location_quotient(data).set_index(["region", "industry"])["value"]
    shuffled = data.sample(frac=1, random_state=seed)
    scaled = shuffled.assign(value=shuffled["value"] * scale)
    other = location_quotient(scaled).set_index(["region", "industry"])["value"]
    np.testing.assert_allclose(other.loc[base.index], base, rtol=1e-12, equal_nan=True)


@settings(max_examples=40, deadline=None)
@given(matrix=matrices)
def test_krugman_range_and_zero_rows(matrix):
    matrix = np.vstack([matrix, np.zeros(matrix.shape[1], dtype=np.int64)])
    k = krugman_index_matrix(matrix)
    assert np.isnan(k[-1])
    finite = k[np.isfinite(k)]
    assert np.all((finite >= -1e-12) & (finite <= 2 + 1e-12))
    lq = location_quotient_matrix(matrix)
    assert np.isnan(lq[-1]).all()


def test_location_quotient_stays_importable_from_specialisation():
    from clusterdialog.measures.specialisation import location_quotient as old_function
    from clusterdialog.measures.specialisation import location_quotient_matrix as old_kernel

    assert old_function is location_quotient and old_kernel is location_quotient_matrix
