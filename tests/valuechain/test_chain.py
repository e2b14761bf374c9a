"""A cluster's value chain and its gaps: Miller & Blair by hand, demo data, failure paths."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from clusterdialog.datasets import load_kreise_industries
from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.valuechain.chain import _number_de, cluster_value_chain, value_chain_gaps
from clusterdialog.valuechain.regional import WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL
from clusterdialog.valuechain.table import IOTable

SECTORS = ["CPA_A", "CPA_B-E", "CPA_F", "CPA_G-I", "CPA_J-N", "CPA_O-T"]


@pytest.fixture(scope="module")
def miller_blair() -> IOTable:
    return IOTable.from_arrays(["1", "2"], [[150, 500], [200, 100]], [350, 1700])


@pytest.fixture(scope="module")
def stuttgart_chain(shared) -> pd.DataFrame:
    raw = pd.read_csv(shared / "data" / "io_de_1995_eurostat_manual.csv").set_index("prod_na")
    columns = raw.columns[4:10]
    output = raw.loc["P1", columns].to_numpy(float)
    z = raw.loc[SECTORS, columns].to_numpy(float)
    germany = IOTable.from_arrays(SECTORS, z, output - z.sum(axis=1), output=output)
    kreise = load_kreise_industries()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        return cluster_value_chain(
            germany, ["CPA_B-E"], employment=kreise[kreise["period"] == 2020], region="08111",
            concordance=WZ_A10_TO_CPA_A6_EUROSTAT_MANUAL, suppressed="zero",
        )  # fmt: skip


def test_miller_blair_by_hand(miller_blair):
    chain = cluster_value_chain(miller_blair, ["1"]).set_index("role")
    supplier, customer = chain.loc["supplier"], chain.loc["customer"]
    assert supplier["sector"] == customer["sector"] == "2"
    assert supplier["direct"] == pytest.approx(0.2)  # a_21 = 200 / 1000
    assert supplier["total"] == pytest.approx(0.2640264, abs=1e-7)  # L_21 (M&B Table 2.3)
    assert customer["direct"] == pytest.approx(0.5)  # b_12 = 500 / 1000
    assert customer["total"] == pytest.approx(0.330033 * 2, abs=1e-6)  # G_12 = L_12 x_2 / x_1
    assert "location_quotient" not in chain.columns


def test_output_weights_of_a_two_sector_cluster():
    z = [[10, 20, 30], [40, 10, 20], [5, 5, 10]]
    table = IOTable.from_arrays(["a", "b", "c"], z, [40, 30, 80])  # x = 100, 100, 100
    chain = cluster_value_chain(table, ["a", "b"]).set_index("role")
    # supplier c: (a_ca x_a + a_cb x_b) / (x_a + x_b) = (5 + 5) / 200
    assert chain.loc["supplier", "direct"] == pytest.approx(0.05)
    # customer c: (z_ac + z_bc) / (x_a + x_b) = 50 / 200
    assert chain.loc["customer", "direct"] == pytest.approx(0.25)


def test_local_presence_by_hand(miller_blair):
    panel = pd.DataFrame({"region": ["R", "R", "S", "S"], "industry": ["1", "2", "1", "2"],
                          "value": [30.0, 70.0, 170.0, 330.0]})  # fmt: skip
    chain = cluster_value_chain(miller_blair, ["2"], employment=panel, region="R", method="slq")
    supplier = chain[chain["role"] == "supplier"].iloc[0]
    assert supplier["regional_employment"] == 30.0
    assert supplier["location_quotient"] == pytest.approx(0.9)
    assert supplier["import_share"] == pytest.approx(0.1)  # 1 − SLQ under SLQ
    assert np.isnan(chain.loc[chain["role"] == "customer", "import_share"]).all()
    assert chain.attrs == {"region": "R", "cluster": ["2"]}


def test_demo_chain_shape_and_ranking(stuttgart_chain):
    chain = stuttgart_chain
    assert len(chain) == 10 and "CPA_B-E" not in set(chain["sector"])
    for _, part in chain.groupby("role"):
        assert list(part["rank"]) == [1, 2, 3, 4, 5]
        assert part["total"].is_monotonic_decreasing
        assert part["linkage_index"].mean() == pytest.approx(1.0)
        assert (part["total"] >= part["direct"]).all()  # L ≥ A, G ≥ B elementwise
    suppliers = chain[chain["role"] == "supplier"]
    assert suppliers["import_share"].between(0, 1).all()


def test_demo_gaps(stuttgart_chain):
    gaps = value_chain_gaps(stuttgart_chain)
    assert len(gaps) > 0
    assert (gaps["linkage_index"] >= 1).all() and (gaps["location_quotient"] < 1).all()
    strong = stuttgart_chain[stuttgart_chain["linkage_index"] >= 1]
    kept = strong[strong["location_quotient"] < 1]
    assert len(gaps) == len(kept)
    assert gaps["explanation_de"].str.contains("08111").all()
    assert gaps["explanation_en"].str.contains("settlement policy").all()
    assert value_chain_gaps(stuttgart_chain, min_linkage_index=100).empty


def test_gap_kinds_and_german_numbers():
    chain = pd.DataFrame({
        "role": ["supplier", "supplier", "customer"], "rank": [1, 2, 1],
        "sector": ["C", "H", "F"], "name": ["Metals", "Transport", "Building"],
        "direct": [0.2, 0.1, 0.1], "total": [0.3, 0.2, 0.2], "linkage_index": [1.2, 1.1, 1.0],
        "regional_employment": [1234.0, 0.0, 50.0], "location_quotient": [0.456, 0.0, 0.8],
        "import_share": [0.3, 1.0, np.nan],
    })  # fmt: skip
    chain.attrs["region"] = "08111"
    gaps = value_chain_gaps(chain).set_index("sector")
    assert list(gaps["gap"]) == ["under_represented", "missing", "under_represented"]
    assert (
        "zum Teil von außen (Standortquotient 0,46, geschätzter Importanteil 30 %)"
        in (gaps.loc["C", "explanation_de"])
    )
    assert "partly from outside (location quotient 0.46" in gaps.loc["C", "explanation_en"]
    assert "keine Beschäftigung in Transport (H)" in gaps.loc["H", "explanation_de"]
    assert "unterrepräsentiert (Standortquotient 0,80)" in gaps.loc["F", "explanation_de"]
    assert _number_de(1234567.891) == "1.234.567,89"


def test_failures(miller_blair):
    with pytest.raises(InputError, match=r"cluster_sectors: .* got \['9'\]"):
        cluster_value_chain(miller_blair, ["9"])
    with pytest.raises(InputError, match="cluster_sectors"):
        cluster_value_chain(miller_blair, [])
    with pytest.raises(InputError, match="holds every sector"):
        cluster_value_chain(miller_blair, ["1", "2"])
    panel = pd.DataFrame({"region": ["R"], "industry": ["1"], "value": [1.0]})
    with pytest.raises(InputError, match="region: needed with employment"):
        cluster_value_chain(miller_blair, ["1"], employment=panel)
    with pytest.raises(InputError, match="columns .* missing; call cluster_value_chain"):
        value_chain_gaps(cluster_value_chain(miller_blair, ["1"]))
    chain = cluster_value_chain(
        miller_blair, ["1"],
        employment=pd.DataFrame({"region": ["R", "R"], "industry": ["1", "2"], "value": [1, 2]}),
        region="R",
    )  # fmt: skip
    with pytest.raises(InputError, match="lq_threshold: expected a number"):
        value_chain_gaps(chain, lq_threshold="1")
