"""Opportunities and intersections: hand-computed case, peer density, sentences, bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from clusterdialog.errors import DataQualityWarning, InputError
from clusterdialog.identify.opportunities import format_number, intersections, opportunities
from clusterdialog.measures import relatedness_density

# Totals x 4, y 6, z 4 of 14.  LQ: A x 1.5, y 1.0, z 0.5; B x 0.5, y 1.0, z 1.5.
# Presence M: A = (1, 1, 0), B = (0, 1, 1); ubiquity (1, 2, 1).
# Proximity: phi_xy = 1/2, phi_yz = 1/2, phi_xz = 0.
HAND = pd.DataFrame(
    {"region": list("AAABBB"), "industry": list("xyzxyz"), "value": [3, 3, 1, 1, 3, 3]}
)


def test_hand_computed_opportunities():
    found = opportunities(HAND, region_names={"A": "Kreis A"}, names={"y": "Yarn (y)"})
    assert found[["region", "industry", "rank"]].values.tolist() == [["A", "z", 1], ["B", "x", 1]]
    # A lacks z: (M_Ax phi_xz + M_Ay phi_yz) / (phi_xz + phi_yz) = (0 + 0.5) / 0.5
    np.testing.assert_allclose(found["density"], [1.0, 1.0])
    np.testing.assert_allclose(found["lq"], [0.5, 0.5])
    assert found["related_strengths"].tolist() == ["y", "y"]
    assert found["explanation_de"][0] == (
        "Kreis A ist in z noch nicht spezialisiert (LQ 0,50), aber verwandt mit den "
        "vorhandenen Stärken y (Yarn) (Verwandtschaftsdichte 100 %)."
    )
    assert found["explanation_en"][1] == (
        "B is not yet specialised in x (LQ 0.50) but is related to its existing strengths "
        "y (Yarn) (relatedness density 100%)."
    )


def test_hand_computed_intersections():
    pairs = intersections(HAND)
    # pairs' proximities (0.5, 0, 0.5): both 0.5 pairs are at the 100th percentile
    assert pairs[["region", "industry_i", "industry_j"]].values.tolist() == [
        ["A", "x", "y"],
        ["B", "y", "z"],
    ]
    np.testing.assert_allclose(pairs["relatedness"], [0.5, 0.5])
    np.testing.assert_allclose(pairs["relatedness_percentile"], [1.0, 1.0])
    assert "(Proximität 0,50, oberste 67 % aller Branchenpaare)" in pairs["explanation_de"][0]
    assert "(proximity 0.50, top 67% of all industry pairs)" in pairs["explanation_en"][0]
    assert intersections(HAND, min_percentile=1.0).shape[0] == 2


def _four_by_four():
    # Regions P, Q, R, S; industries a-d; region P is specialised in a and b only.
    values = np.array([[30, 30, 5, 5], [30, 5, 30, 5], [5, 30, 30, 5], [5, 5, 5, 30]], dtype=float)
    regions, industries = list("PQRS"), list("abcd")
    return pd.DataFrame(
        {
            "region": np.repeat(regions, 4),
            "industry": np.tile(industries, 4),
            "value": values.ravel(),
        }
    )


def test_ranking_and_strengths_by_hand():
    # LQ >= 1: P {a, b}, Q {a, c}, R {b, c}, S {d}; ubiquity a 2, b 2, c 2, d 1
    # phi: ab = ac = bc = 1/2, all pairs with d = 0.
    # P lacks c: density (phi_ac + phi_bc) / (phi_ac + phi_bc + phi_dc) = 1, strengths a, b;
    # P lacks d: density 0/0 = NaN -> no row.
    found = opportunities(_four_by_four(), regions=["P", "S"], top=None)
    p = found[found["region"] == "P"]
    assert p["industry"].tolist() == ["c"]
    assert p["density"].iloc[0] == pytest.approx(1.0)
    assert p["related_strengths"].iloc[0] == "a, b"
    s = found[found["region"] == "S"]
    # S has only d, which is related to nothing: densities 0, ties ranked by LQ (all 5/45 / ...)
    np.testing.assert_allclose(s["density"], 0.0)
    assert s["rank"].tolist() == [1, 2, 3]
    assert "keine der vorhandenen Stärken" in s["explanation_de"].iloc[0]
    assert "none of its existing strengths" in s["explanation_en"].iloc[0]


def test_density_equals_peer_measure_and_row_order(kreise):
    with warnings.catch_warnings(action="ignore", category=DataQualityWarning):
        found = opportunities(kreise, period="period", suppressed="zero", top=None)
        peer = relatedness_density(kreise, period="period", suppressed="zero", diagonal=False)
        shuffled = opportunities(
            kreise.sample(frac=1, random_state=2), period="period", suppressed="zero", top=None
        )
    peer = peer[peer["period"] == 2020].set_index(["region", "industry"])["value"]
    mine = found.set_index(["region", "industry"])["density"]
    np.testing.assert_allclose(mine, peer.loc[mine.index], rtol=1e-12)
    pd.testing.assert_frame_equal(found, shuffled)
    assert (found["lq"] < 1).all()
    ranked = found.groupby("region", observed=True)["density"].apply(
        lambda d: bool((np.diff(d.to_numpy()) <= 1e-12).all())
    )
    assert ranked.all()


def test_demo_esslingen(kreise):
    with pytest.warns(DataQualityWarning, match=r"2 of 403 region\(s\) have no data in period "
                                               r"2020.*'03152', '03156'"):  # fmt: skip
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*suppressed", category=DataQualityWarning)
            found = opportunities(kreise, period="period", suppressed="zero", regions=["08116"],
                                  names="industry_name")  # fmt: skip
    assert len(found) == 5 and found["rank"].tolist() == [1, 2, 3, 4, 5]
    assert "K (Erbringung von Finanz- und Vers.leistungen)" in found["explanation_de"][0]
    assert "(K)" not in found["explanation_de"][0]


@pytest.fixture(scope="module")
def kreise():
    from clusterdialog.datasets import load_kreise_industries

    return load_kreise_industries()


def test_number_formatting():
    assert format_number(1234.5) == "1.234,50"
    assert format_number(1234.5, lang="en") == "1,234.50"
    # an LQ just below the threshold is not rounded up to it
    # LQ of A in x: (199/400)/(500/1000) = 0.995; C is specialised in both (LQ 1.0)
    df = pd.DataFrame(
        {"region": list("AABBCC"), "industry": list("xyxyxy"),
         "value": [199, 201, 201, 199, 100, 100]}
    )  # fmt: skip
    found = opportunities(df)
    assert "(LQ 0,995)" in found["explanation_de"][0]


def test_bad_input():
    with pytest.raises(InputError, match="method"):
        opportunities(HAND, method="distance")
    with pytest.raises(InputError, match="regions: 1 unknown"):
        opportunities(HAND, regions=["Z"])
    with pytest.raises(InputError, match="top"):
        opportunities(HAND, top=0)
    with pytest.raises(InputError, match="max_strengths"):
        opportunities(HAND, max_strengths=0)
    with pytest.raises(InputError, match="names: 'name' is not a column"):
        opportunities(HAND, names="name")
    with pytest.raises(InputError, match="min_percentile"):
        intersections(HAND, min_percentile=1.5)
    with pytest.raises(InputError, match="at: the data have no periods"):
        intersections(HAND, at=2020)
    with pytest.raises(InputError, match="method, relatedness"):
        opportunities(HAND, method="cosine", relatedness=HAND)
