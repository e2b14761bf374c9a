"""Kd and M for point patterns, and their Monte-Carlo envelopes.

Three layers: hand-computed cases, the dbmss values on paracou16
(../shared/reference, section d of its README) and failure paths.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial.distance import cdist
from scipy.stats import norm

from clusterdialog.errors import InputError
from clusterdialog.measures._pointpatterns_compute import KdComputer
from clusterdialog.measures.pointpatterns import kd, kd_values, m_function, m_values
from clusterdialog.measures.pointpatterns_envelopes import envelope_bounds, kd_envelope, m_envelope

R_PARACOU = np.arange(0, 31, 2.0)
NEIGHBOURS = {"QRosea": "Q. Rosea", "VAmericana": "V. Americana"}


@pytest.fixture(scope="module")
def paracou(reference) -> pd.DataFrame:
    return pd.read_csv(reference / "d_dbmss_paracou16" / "input_paracou16_points.csv")


def dbmss(reference, name: str, suffix: str = "") -> pd.DataFrame:
    return pd.read_csv(reference / "d_dbmss_paracou16" / f"dbmss_VAmericana_{name}{suffix}.csv")


def brute_m(x, y, is_ref, is_nb, w, r):
    """M straight from the definition (dbmss convention) with a full distance matrix."""
    d2 = cdist(np.c_[x, y][is_ref], np.c_[x, y], "sqeuclidean")
    d2[np.arange(is_ref.sum()), np.flatnonzero(is_ref)] = np.inf  # the point itself
    w_ref = w[is_ref]
    if np.array_equal(is_ref, is_nb):
        global_ratio = (w_ref.sum() - w_ref) / (w.sum() - w_ref)
    else:
        global_ratio = w[is_nb].sum() / (w.sum() - w_ref)
    out = []
    for radius in r:
        near = d2 <= radius * radius
        total = near @ w
        local = (near & is_nb) @ w
        ok = total > 0
        with np.errstate(invalid="ignore"):  # no reference point with neighbours: 0/0
            out.append((local[ok] / total[ok]).sum() / global_ratio[ok].sum())
    return np.array(out)


def exact_kd(d, pair_weights, bw, r):
    """The reflected Gaussian kernel sum of the Kd docstring, pair by pair."""
    refl = d <= 4 * bw
    num = (pair_weights[:, None] * norm.pdf(r, d[:, None], bw)).sum(0)
    num += (pair_weights[refl, None] * norm.pdf(r, -d[refl, None], bw)).sum(0)
    below = (pair_weights * norm.cdf(0, d, bw)).sum() + (
        pair_weights[refl] * norm.cdf(0, -d[refl], bw)
    ).sum()
    return num / (pair_weights.sum() + pair_weights[refl].sum() - below)


# ------------------------------------------------------------- hand cases
@pytest.fixture
def four() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "x": [0.0, 1.0, 0.0, 0.0],
            "y": [0.0, 0.0, 2.0, 3.0],
            "type": ["A", "B", "A", "C"],
            "employees": [1.0, 2.0, 3.0, 4.0],
        }
    )


def test_m_by_hand_bivariate(four):
    # A at (0,0): B within 1 → 1/1, 1/2 within 2, 1/3 within 3; A at (0,2): 0, 0, 1/3.
    # Global ratio 1/3 each; no neighbour within 0.5 → NaN.
    out = m_function(four, "A", "B", r=[0.5, 1, 2, 3])
    assert out.columns.tolist() == ["r", "value"]
    np.testing.assert_allclose(out.value, [np.nan, 1.5, 0.75, 1.0], rtol=1e-15)


def test_m_by_hand_weighted_and_univariate(four):
    # weighted: local ratios 2/2, 2/5, 2/9 and 0, 0, 2/7; global 2/9 and 2/7.
    out = m_function(four, "A", "B", r=[1, 2, 3], weight="employees")
    np.testing.assert_allclose(out.value, [63 / 32, 0.4 * 63 / 32, 1.0], rtol=1e-15)
    # univariate A: local 0, 1/2, 1/3 for both, global (2-1)/(4-1) = 1/3
    out = m_function(four, "A", r=[1, 2, 3])
    np.testing.assert_allclose(out.value, [0.0, 1.5, 1.0], rtol=1e-15)


def test_m_counts_coincident_points_and_inclusive_distance():
    pts = pd.DataFrame({"x": [0.0, 0.0, 3.0], "y": [0.0, 0.0, 4.0], "type": ["A", "B", "A"]})
    # Global ratio 1/2 for both A.  r = 0: only (0,0) has a neighbour, the B on the
    # same spot: 1 / (1/2).  r = 5: (0,0) also reaches (3,4) at exactly 5 → 1/2, and
    # (3,4) reaches both others → 1/2; without the d = 5 pairs M(5) would be 2.
    out = m_function(pts, "A", "B", r=[0, 5])
    np.testing.assert_allclose(out.value, [2.0, 1.0], rtol=1e-15)
    assert m_function(pts, "A", "B", r=[0, 4.999]).value.tolist() == [2.0, 2.0]


def test_kd_by_hand_triangle():
    pts = pd.DataFrame({"x": [0.0, 3.0, 0.0], "y": [0.0, 0.0, 4.0], "type": "A"})
    r = np.array([1.0, 2, 3, 3.5, 4, 5, 6, 7])
    # distances 3, 4, 5: sd 1, type-7 IQR 1 → bw = 0.9 · (1/1.34) · 3^(-1/5); none mirrored
    bw = 0.9 * (1 / 1.34) * 3 ** (-0.2)
    d = np.array([3.0, 4.0, 5.0])
    expected = norm.pdf(r[:, None], d, bw).sum(1) / (3 - norm.cdf(0, d, bw).sum())
    # binning costs up to ~2e-5 relative in the far tails (r = 1, 7: 5.5 bandwidths out)
    np.testing.assert_allclose(kd(pts, "A", r=r).value, expected, rtol=5e-5)
    # pair weights w_i w_j = 1·2, 1·3, 2·3 for distances 3, 4, 5
    pts["w"] = [1.0, 2.0, 3.0]
    pw = np.array([2.0, 3.0, 6.0])
    expected = (pw * norm.pdf(r[:, None], d, bw)).sum(1) / (11 - (pw * norm.cdf(0, d, bw)).sum())
    np.testing.assert_allclose(kd(pts, "A", r=r, weight="w").value, expected, rtol=5e-5)


def test_kd_too_few_pairs_is_nan():
    pts = pd.DataFrame({"x": [0.0, 1.0, 50.0], "y": [0.0, 0.0, 0.0], "type": ["A", "B", "B"]})
    assert kd(pts, "A", "B", r=[1, 2]).value.isna().all()  # one pair within 2·max(r)


# ------------------------------------------------------------ dbmss values
@pytest.mark.parametrize("name", ["QRosea", "VAmericana"])
def test_m_matches_dbmss(paracou, reference, name):
    expected = dbmss(reference, name)
    out = m_function(
        paracou, "V. Americana", NEIGHBOURS[name], r=R_PARACOU, mark="PointType",
        weight="PointWeight",
    )  # fmt: skip
    np.testing.assert_allclose(out.r, expected.r)
    np.testing.assert_allclose(out.value, expected.M, rtol=0, atol=1e-12)


@pytest.mark.parametrize("name", ["QRosea", "VAmericana"])
@pytest.mark.parametrize("weighted", [False, True])
def test_kd_matches_dbmss(paracou, reference, name, weighted):
    expected = dbmss(reference, name)
    column = "Kd_weighted" if weighted else "Kd_unweighted"
    out = kd(
        paracou, "V. Americana", NEIGHBOURS[name], r=R_PARACOU, mark="PointType",
        weight="PointWeight" if weighted else None,
    )  # fmt: skip
    # README d: an exact-kernel Kd is within 5e-3 relative of dbmss's binned density()
    np.testing.assert_allclose(out.value, expected[column], rtol=5e-3)


@pytest.mark.parametrize("name", ["QRosea", "VAmericana"])
def test_kd_bandwidth_is_r_bw_nrd0(paracou, reference, name):
    meta = dbmss(reference, name, "_meta")
    computer = KdComputer(paracou.x.to_numpy(), paracou.y.to_numpy(), R_PARACOU)
    types = paracou.PointType.to_numpy()
    computer(types == "V. Americana", types == NEIGHBOURS[name], None)
    np.testing.assert_allclose(computer.bandwidth, meta.bw_nrd0_unweighted[0], rtol=1e-12)


def test_kd_is_the_exact_kernel_sum(paracou):
    """The binned computation stays within 1e-5 of the pair-by-pair kernel sum."""
    va = paracou[paracou.PointType == "V. Americana"]
    xy = va[["x", "y"]].to_numpy()
    i, j = np.triu_indices(len(va), 1)
    d = np.hypot(*(xy[i] - xy[j]).T)
    w = va.PointWeight.to_numpy()
    computer = KdComputer(paracou.x.to_numpy(), paracou.y.to_numpy(), R_PARACOU)
    is_va = (paracou.PointType == "V. Americana").to_numpy()
    for weights, pair_weights in ((None, np.ones_like(d)), (paracou.PointWeight, w[i] * w[j])):
        ours = computer(is_va, is_va, None if weights is None else weights.to_numpy())
        exact = exact_kd(d, pair_weights, computer.bandwidth, R_PARACOU)
        np.testing.assert_allclose(ours, exact, rtol=1e-5)


# -------------------------------------------- large pattern (parallel path)
def test_parallel_path_matches_brute_force():
    rng = np.random.default_rng(7)
    n = 3000
    x, y = rng.uniform(0, 1000, n), rng.uniform(0, 500, n)
    types = rng.choice(3, n, p=[0.4, 0.3, 0.3])
    w = rng.uniform(1, 10, n)
    r = np.array([0.0, 10, 25, 50, 80])
    for nb in (0, 1):
        expected = brute_m(x, y, types == 0, types == nb, w, r)
        np.testing.assert_allclose(m_values(x, y, types == 0, types == nb, r, w), expected, 1e-12)
    a, b = np.c_[x, y][types == 0], np.c_[x, y][types == 1]
    d = cdist(a, b).ravel()
    pw = np.outer(w[types == 0], w[types == 1]).ravel()
    computer = KdComputer(x, y, r)
    ours = computer(types == 0, types == 1, w)
    np.testing.assert_allclose(ours, exact_kd(d, pw, computer.bandwidth, r), rtol=1e-5)
    np.testing.assert_allclose(kd_values(x, y, types == 0, types == 1, r, w), ours, rtol=1e-14)


@settings(max_examples=25, deadline=None)
@given(
    st.integers(5, 40),
    st.integers(0, 2**32 - 1),
    st.lists(st.floats(0, 12), min_size=1, max_size=6, unique=True),
)
def test_m_equals_brute_force_on_random_grids(n, seed, radii):
    rng = np.random.default_rng(seed)
    x, y = rng.integers(0, 10, n) / 2, rng.integers(0, 10, n) / 2  # ties and equal distances
    types = rng.integers(0, 3, n)
    types[0], types[1] = 0, 1
    w = rng.integers(1, 5, n).astype(float)
    r = np.sort(np.array(radii))
    for nb in (0, 1):
        expected = brute_m(x, y, types == 0, types == nb, w, r)
        np.testing.assert_allclose(m_values(x, y, types == 0, types == nb, r, w), expected, 1e-12)


def test_row_order_translation_and_scale(paracou):
    shuffled = paracou.sample(frac=1.0, random_state=3).reset_index(drop=True)
    moved = shuffled.assign(x=shuffled.x * 2 + 1000, y=shuffled.y * 2 - 50)
    args = {"mark": "PointType", "weight": "PointWeight"}
    base_m = m_function(paracou, "V. Americana", "Q. Rosea", r=R_PARACOU, **args).value
    base_kd = kd(paracou, "V. Americana", r=R_PARACOU, **args).value
    m2 = m_function(moved, "V. Americana", "Q. Rosea", r=2 * R_PARACOU, **args).value
    kd2 = kd(moved, "V. Americana", r=2 * R_PARACOU, **args).value
    np.testing.assert_allclose(m2, base_m, rtol=1e-12)
    np.testing.assert_allclose(2 * kd2, base_kd, rtol=1e-6)  # a density in 1/length


# ---------------------------------------------------------------- envelopes
@pytest.mark.parametrize("name", ["QRosea", "VAmericana"])
def test_envelopes_have_the_shape_of_dbmss(paracou, reference, name):
    """dbmss's envelopes come from R's random stream: compare the band and the verdicts."""
    peer = dbmss(reference, f"{name}", "_envelope_seed20240611")
    args = {"r": R_PARACOU, "mark": "PointType", "seed": 20240611}
    m = m_envelope(paracou, "V. Americana", NEIGHBOURS[name], weight="PointWeight", **args)
    k = kd_envelope(paracou, "V. Americana", NEIGHBOURS[name], **args)
    assert m.columns.tolist() == ["r", "value", "lower", "upper", "simulated_mean", "theoretical"]
    assert k.columns.tolist() == ["r", "value", "lower", "upper", "simulated_mean"]
    np.testing.assert_allclose(m.value, peer.M_obs, rtol=0, atol=1e-12)
    assert np.isnan(m.lower[0]) and np.isnan(peer.M_lo[0])  # M(0) undefined in simulations
    # 2.5 % quantiles of 99 simulations are noisy: a loose band around dbmss's
    width = (peer.M_hi - peer.M_lo)[2:]
    assert (np.abs(m.lower - peer.M_lo)[2:] <= 0.4 * width).all()
    assert (np.abs(m.upper - peer.M_hi)[2:] <= 0.4 * width).all()
    assert ((k.lower / peer.Kd_lo).between(0.75, 1.33)).all()
    assert ((k.upper / peer.Kd_hi).between(0.75, 1.33)).all()
    far = R_PARACOU >= 18
    if name == "QRosea":  # Q. Rosea avoids V. Americana: below the envelopes
        assert (m.value < m.lower)[far].all() and (peer.M_obs < peer.M_lo)[far].all()
        assert ((k.value < k.lower) == (peer.Kd_obs < peer.Kd_lo)).sum() >= 14  # of 16
    else:  # V. Americana is aggregated: above the envelopes
        far = R_PARACOU >= 8
        assert (m.value > m.upper)[far].all() and (peer.M_obs > peer.M_hi)[far].all()
        assert (k.value > k.upper)[R_PARACOU >= 4].all()
        assert (peer.Kd_obs > peer.Kd_hi)[R_PARACOU >= 4].all()


def test_envelopes_are_seeded(paracou):
    args = {"r": [5.0, 10.0, 20.0], "mark": "PointType", "weight": "PointWeight"}
    a = m_envelope(paracou, "V. Americana", simulations=19, seed=5, **args)
    b = m_envelope(paracou, "V. Americana", simulations=19, seed=5, **args)
    c = m_envelope(paracou, "V. Americana", simulations=19, seed=6, **args)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a.upper, c.upper)
    labelled = m_envelope(
        paracou, "V. Americana", simulations=19, seed=5, method="random_labelling", **args
    )
    assert not np.allclose(a.upper, labelled.upper)  # weights stay put under random labelling
    assert (a.lower <= a.upper).all() and (labelled.lower <= labelled.upper).all()


def test_envelopes_do_not_depend_on_the_number_of_threads(paracou):
    from numba import get_num_threads, set_num_threads

    args = {"r": R_PARACOU, "mark": "PointType", "simulations": 9, "seed": 3}
    threaded = kd_envelope(paracou, "V. Americana", "Q. Rosea", **args)
    before = get_num_threads()
    set_num_threads(1)
    try:
        single = kd_envelope(paracou, "V. Americana", "Q. Rosea", **args)
    finally:
        set_num_threads(before)
    pd.testing.assert_frame_equal(threaded, single)


def test_local_envelope_is_type7_quantiles():
    sims = np.arange(40.0).reshape(20, 2)
    sims[3, 1] = np.nan
    lower, upper = envelope_bounds(sims, alpha=0.1, kind="local")
    np.testing.assert_allclose(lower[0], np.quantile(sims[:, 0], 0.05))
    np.testing.assert_allclose(upper[0], np.quantile(sims[:, 0], 0.95))
    assert np.isnan(lower[1]) and np.isnan(upper[1])  # dbmss: undefined where any is NaN


def test_global_envelope_holds_one_minus_alpha_of_the_simulations():
    sims = np.random.default_rng(0).normal(size=(999, 5)).cumsum(axis=1)
    lower, upper = envelope_bounds(sims, alpha=0.05, kind="global")
    ordered = np.sort(sims, axis=0)
    k = int(np.flatnonzero(ordered[:, 0] == lower[0])[0])  # the k-th order statistics
    np.testing.assert_array_equal(lower, ordered[k])
    np.testing.assert_array_equal(upper, ordered[-1 - k])
    assert k > 0
    inside = ((sims >= lower) & (sims <= upper)).all(axis=1).mean()
    assert inside >= 0.95
    tighter = (sims >= ordered[k + 1]) & (sims <= ordered[-2 - k])
    assert tighter.all(axis=1).mean() < 0.95  # k is the largest that holds 95 %
    local_lower, _ = envelope_bounds(sims, alpha=0.05, kind="local")
    assert (lower <= local_lower).mean() > 0.9  # the global band is the wider one


def test_dbmss_global_envelope_by_hand():
    # 10 simulations, alpha 0.1: target 9. Round 1 drops the minimum and maximum
    # of each column (simulations 0, 9 in column 0; 1, 8 in column 1): 2..7 are kept.
    sims = np.array([[0.0, 5], [5, 0], [2, 2], [3, 3], [4, 4], [5, 5], [6, 6], [7, 7],
                     [8, 10], [9, 8]])  # fmt: skip
    lower, upper = envelope_bounds(sims, alpha=0.1, kind="global_dbmss")
    shift = (9 - 6) / 10
    np.testing.assert_allclose(lower, [2 + (0 - 2) * shift, 2 + (0 - 2) * shift])
    np.testing.assert_allclose(upper, [7 + (9 - 7) * shift, 7 + (10 - 7) * shift])


# ----------------------------------------------------------------- failures
def test_bad_input(four):
    with pytest.raises(InputError, match="points: expected a pandas DataFrame"):
        kd(four.to_numpy(), "A")
    with pytest.raises(InputError, match="mark: column 'kind' not found"):
        m_function(four, "A", mark="kind")
    with pytest.raises(InputError, match=r"reference: type 'Z' not found in column 'type'"):
        kd(four, "Z", r=[1])
    with pytest.raises(InputError, match="neighbor: type 'Z' not found"):
        m_function(four, "A", "Z", r=[1])
    with pytest.raises(InputError, match=r"x: column 'x' must hold finite numbers; 1 of 4 rows"):
        m_function(four.assign(x=[0, np.nan, 1, 2]), "A", r=[1])
    with pytest.raises(InputError, match="weight: column 'employees' must not be negative"):
        m_function(four.assign(employees=[1, -2, 3, 4]), "A", r=[1], weight="employees")
    with pytest.raises(InputError, match="r: expected strictly increasing distances"):
        m_function(four, "A", r=[2, 1])
    with pytest.raises(InputError, match="r: expected finite distances >= 0"):
        kd(four, "A", r=[-1, 1])
    with pytest.raises(InputError, match="r: Kd needs a largest distance > 0"):
        kd(four, "A", r=[0])
    with pytest.raises(InputError, match="points: expected at least one point"):
        kd(four.iloc[:0], "A")


def test_bad_envelope_options(four):
    with pytest.raises(InputError, match=r"method: expected one of \['random_location'"):
        m_envelope(four, "A", r=[1], method="random_shift")
    with pytest.raises(InputError, match=r"kind: expected one of \['local', 'global'"):
        kd_envelope(four, "A", r=[1], kind="pointwise")
    with pytest.raises(InputError, match="simulations: expected a positive integer"):
        m_envelope(four, "A", r=[1], simulations=0)
    with pytest.raises(InputError, match="alpha: expected a number strictly between 0 and 1"):
        m_envelope(four, "A", r=[1], alpha=1.5)
    with pytest.raises(InputError, match="seed: expected None"):
        m_envelope(four, "A", r=[1], seed="abc")
    with pytest.raises(InputError, match="simulations: 3 simulations are too few"):
        envelope_bounds(np.arange(6.0).reshape(3, 2), alpha=0.5, kind="global_dbmss")
