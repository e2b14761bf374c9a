"""Data-based observation: the field's employment, LQ, growth and stars, checked by hand."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from clusterdialog.datasets import load_kreise_industries
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.monitoring import OBSERVATION_COLUMNS, field_observation

REGIONS = [f"r{i}" for i in range(10)]


def _panel() -> pd.DataFrame:
    rows = []
    for t, period in enumerate((2020, 2021)):
        for i, region in enumerate(REGIONS):
            a = 100 + 10 * i + 20 * t if i else 900 + 100 * t  # r0 holds much of industry a
            b = 50 + 5 * i
            c = 1000 - 20 * i
            rows += [(region, "a", period, a), (region, "b", period, b), (region, "c", period, c)]
    return pd.DataFrame(rows, columns=["region", "industry", "period", "value"])


def _expected_field(panel: pd.DataFrame, period: int) -> pd.DataFrame:
    p = panel[panel.period == period]
    field = p[p.industry.isin(["a", "b"])].groupby("region")["value"].sum()
    total = p.groupby("region")["value"].sum()
    lq = (field / total) / (field.sum() / total.sum())
    share = field / total
    size = field >= np.quantile(field, 0.9)
    focus = share >= np.quantile(share, 0.9)
    return pd.DataFrame({"employment": field, "lq": lq, "size": size, "focus": focus,
                         "spec": lq >= 2})  # fmt: skip


def test_field_rows_by_hand():
    panel = _panel()
    out = field_observation(panel, industries=["a", "b"], regions=["r0", "r3"])
    assert list(out.columns) == ["region", "industry", "period", *OBSERVATION_COLUMNS]
    assert out[["region", "industry"]].drop_duplicates().values.tolist() == [
        ["r0", "field"], ["r0", "a"], ["r0", "b"], ["r3", "field"], ["r3", "a"], ["r3", "b"],
    ]  # fmt: skip
    for period in (2020, 2021):
        expected = _expected_field(panel, period)
        got = out[(out.industry == "field") & (out.period == period)].set_index("region")
        for region in ("r0", "r3"):
            assert got.loc[region, "employment"] == expected.loc[region, "employment"]
            assert got.loc[region, "lq"] == pytest.approx(expected.loc[region, "lq"])
            assert bool(got.loc[region, "size_star"]) == expected.loc[region, "size"]
            assert bool(got.loc[region, "focus_star"]) == expected.loc[region, "focus"]
            assert bool(got.loc[region, "specialisation_star"]) == expected.loc[region, "spec"]
    r0 = out[(out.region == "r0") & (out.industry == "field")].set_index("period")
    # r0: field 900 + 50 = 950 in 2020, 1000 + 50 = 1050 in 2021
    assert r0.loc[2020, "employment"] == 950 and np.isnan(r0.loc[2020, "growth_percent"])
    assert r0.loc[2021, "growth_percent"] == pytest.approx(100 * (1050 / 950 - 1))
    assert r0.loc[2021, "size_star"] and r0.loc[2021, "stars"] >= 1
    single = out[(out.region == "r3") & (out.industry == "b")].set_index("period")
    assert single.loc[2021, "growth_percent"] == 0.0  # b does not change


def test_demo_data_against_a_hand_computation():
    data = load_kreise_industries()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = field_observation(data, industries=["J", "M-N"], regions=["08111", "08115"])
    messages = [str(w.message) for w in caught if issubclass(w.category, DataQualityWarning)]
    assert len(messages) == len(set(messages)) >= 1  # each problem reported once
    assert out["period"].unique().tolist() == [2015, 2016, 2017, 2018, 2019, 2020]
    d = data[data.period == 2018]
    x = d[(d.region == "08115") & d.industry.isin(["J", "M-N"])].value.sum()
    lq = (x / d[d.region == "08115"].value.sum()) / (
        d[d.industry.isin(["J", "M-N"])].value.sum() / d.value.sum()
    )
    row = out[(out.region == "08115") & (out.industry == "field") & (out.period == 2018)].iloc[0]
    assert row["employment"] == x and row["lq"] == pytest.approx(lq)
    before = data[(data.period == 2017) & (data.region == "08115") & (data.industry == "J")]
    now = data[(data.period == 2018) & (data.region == "08115") & (data.industry == "J")]
    j = out[(out.region == "08115") & (out.industry == "J") & (out.period == 2018)].iloc[0]
    expected = 100 * (now.value.iloc[0] / before.value.iloc[0] - 1)
    assert j["growth_percent"] == pytest.approx(expected)


def test_observation_failures():
    panel = _panel()
    with pytest.raises(InputError, match=r"industries: \['zz'\] not in the panel"):
        field_observation(panel, industries=["a", "zz"], regions=["r0"])
    with pytest.raises(InputError, match=r"regions: \['nowhere'\] not in the panel"):
        field_observation(panel, industries=["a"], regions=["nowhere"])
    with pytest.raises(InputError, match="industries: expected a collection of codes, got 'a'"):
        field_observation(panel, industries="a", regions=["r0"])
    with pytest.raises(InputError, match="field_label: 'c' is an industry code"):
        field_observation(panel, industries=["a"], regions=["r0"], field_label="c")
    with pytest.raises(InputError, match="period: expected the name of the period column"):
        field_observation(panel, industries=["a"], regions=["r0"], period=None)
    with pytest.raises(InputError, match="suppressed: expected one of"):
        field_observation(panel, industries=["a"], regions=["r0"], suppressed="ignore")
