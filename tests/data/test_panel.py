"""Regional panels: validation, suppressed-cell policies and pivoting."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdialog.data.panel import RegionalPanel, as_panel, validate_panel
from clusterdialog.errors import DataQualityWarning, InputError


def small(**changes) -> pd.DataFrame:
    data = {
        "kreis": ["08111", "08111", "08115", "08115"],
        "wz": ["01.11", "C", "01.11", "C"],
        "emp": [10, 30, 0, 60],
    }
    data.update(changes)
    return pd.DataFrame(data)


def test_pivot_keeps_leading_zeros_and_places_values():
    panel = RegionalPanel.from_long(small(), region="kreis", industry="wz", value="emp")
    assert list(panel.regions) == ["08111", "08115"]
    assert list(panel.industries) == ["01.11", "C"]
    np.testing.assert_array_equal(panel.matrix(), [[10, 30], [0, 60]])
    long = panel.to_long()
    assert long.columns.tolist() == ["kreis", "wz", "value"]
    assert long["kreis"].tolist() == ["08111", "08111", "08115", "08115"]


def test_absent_cells_are_zero_and_periods_share_axes():
    df = pd.DataFrame(
        {
            "region": ["A", "B", "A"],
            "industry": ["x", "y", "y"],
            "value": [1, 2, 3],
            "year": [2020, 2020, 2021],
        }
    )
    panel = RegionalPanel.from_long(df, period="year")
    assert panel.periods == (2020, 2021)
    np.testing.assert_array_equal(panel.matrix(2020), [[1, 0], [0, 2]])
    np.testing.assert_array_equal(panel.matrix(2021), [[0, 3], [0, 0]])
    with pytest.raises(InputError, match="2019 is not in the panel"):
        panel.matrix(2019)
    with pytest.raises(InputError, match="2 periods"):
        panel.matrix()


def test_caller_frame_is_not_mutated():
    df = small(emp=[10, None, 0, 60])
    before = df.copy()
    validate_panel(df, region="kreis", industry="wz", value="emp")
    pd.testing.assert_frame_equal(df, before)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"emp": [10, -3, 0, 60]},
            r"non-negative; negative value\(s\) \[-3.0\] at row 1 "
            r"\(kreis='08111', wz='C'\)",
        ),
        ({"emp": [10, "viele", 0, 60]}, r"1 non-numeric value\(s\) \('viele'\)"),
        ({"wz": ["C", "C", "01.11", "C"]}, r"2 rows share the same key"),
        ({"kreis": ["08111", None, "08115", "08115"]}, r"'kreis' has 1 missing value"),
        ({"emp": [10, np.inf, 0, 60]}, r"infinite value"),
    ],
)
def test_bad_values_are_rejected_with_rows_named(changes, message):
    with pytest.raises(InputError, match=message):
        validate_panel(small(**changes), region="kreis", industry="wz", value="emp")


def test_missing_columns_are_named():
    with pytest.raises(InputError, match=r"missing column\(s\) \['region'\].*'kreis'"):
        validate_panel(small(), industry="wz", value="emp")


def test_not_a_frame():
    with pytest.raises(InputError, match="expected a pandas DataFrame"):
        validate_panel([[1, 2]])


def test_integer_keys_of_different_length_warn_about_lost_zeros():
    df = pd.DataFrame({"region": [8111, 10041], "industry": ["C", "C"], "value": [1, 2]})
    with pytest.warns(DataQualityWarning, match="leading zeros"):
        out = validate_panel(df)
    assert out["region"].tolist() == ["8111", "10041"]


def test_float_keys_that_are_not_codes_are_rejected():
    df = pd.DataFrame({"region": [1.5, 2.0], "industry": ["C", "C"], "value": [1, 2]})
    with pytest.raises(InputError, match="non-integral"):
        validate_panel(df)


def test_suppressed_column_marks_cells():
    df = small()
    df["hidden"] = [False, True, False, False]
    out = validate_panel(df, region="kreis", industry="wz", value="emp", suppressed="hidden")
    assert out["suppressed"].tolist() == [False, True, False, False]
    assert np.isnan(out.loc[1, "emp"])


class TestSuppressedPolicies:
    @pytest.fixture
    def panel(self):
        # region B has one suppressed cell; industry y holds it
        df = pd.DataFrame(
            {
                "region": ["A", "A", "B", "B", "C", "C"],
                "industry": ["x", "y"] * 3,
                "value": [4, 6, 5, None, 3, 2],
            }
        )
        return RegionalPanel.from_long(df)

    def test_error_names_the_cell(self, panel):
        with pytest.raises(
            InputError,
            match=r"1 suppressed .*16.7% of 6 cells.*region='B', "
            r"industry='y'",
        ):
            panel.resolve_suppressed("error", measure="location_quotient")

    def test_zero(self, panel):
        with pytest.warns(DataQualityWarning, match=r"1 suppressed .* counted as 0"):
            out = panel.resolve_suppressed("zero")
        np.testing.assert_array_equal(out.matrix(), [[4, 6], [5, 0], [3, 2]])

    def test_drop_region_reports_share_of_total(self, panel):
        with pytest.warns(DataQualityWarning, match=r"dropped 1 of 3 regions holding 25.0%"):
            out = panel.resolve_suppressed("drop_region")
        assert list(out.regions) == ["A", "C"]

    def test_drop_industry(self, panel):
        with pytest.warns(DataQualityWarning, match=r"dropped 1 of 2 industries holding 40.0%"):
            out = panel.resolve_suppressed("drop_industry")
        assert list(out.industries) == ["x"]
        np.testing.assert_array_equal(out.matrix(), [[4], [5], [3]])

    def test_unknown_policy(self, panel):
        with pytest.raises(InputError, match=r"suppressed: expected one of .* got 'ignore'"):
            as_panel(panel, suppressed="ignore")

    def test_clean_panel_passes_silently(self):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            as_panel(small(), region="kreis", industry="wz", value="emp")


def test_drop_region_uses_all_periods():
    df = pd.DataFrame(
        {
            "region": ["A", "B", "A", "B"],
            "industry": ["x"] * 4,
            "value": [1, 2, 3, None],
            "year": [1, 1, 2, 2],
        }
    )
    with pytest.warns(DataQualityWarning):
        out = as_panel(df, period="year", suppressed="drop_region")
    assert list(out.regions) == ["A"]
    assert [m.shape for m in out.matrices] == [(1, 1), (1, 1)]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_pivot_is_independent_of_row_order(data):
    n_r = data.draw(st.integers(1, 5))
    n_i = data.draw(st.integers(1, 5))
    values = data.draw(st.lists(st.integers(0, 1000), min_size=n_r * n_i, max_size=n_r * n_i))
    df = pd.DataFrame(
        {
            "region": [f"{r:05d}" for r in range(n_r) for _ in range(n_i)],
            "industry": [f"{i:02d}" for _ in range(n_r) for i in range(n_i)],
            "value": values,
        }
    )
    order = data.draw(st.permutations(range(len(df))))
    a = RegionalPanel.from_long(df).matrix()
    b = RegionalPanel.from_long(df.iloc[list(order)]).matrix()
    np.testing.assert_array_equal(a, b)
    assert a.sum() == sum(values)
