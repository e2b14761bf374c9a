"""Tests of ECI, PCI and complexity outlook against ecomplexity, EconGeo and Datawheel."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from clusterdialog.data.panel import RegionalPanel
from clusterdialog.errors import ConvergenceError, DataQualityWarning, InputError
from clusterdialog.measures.complexity import eci, eci_matrix, economic_complexity, pci
from clusterdialog.measures.cooccurrence import presence_matrix
from clusterdialog.measures.diversity_ubiquity import diversity, ubiquity
from clusterdialog.measures.outlook import complexity_outlook, complexity_outlook_gain

CASES = ["a_toy_3x4", "a_rand_20x15"]


def long_input(reference, case: str) -> pd.DataFrame:
    wide = pd.read_csv(reference / case / "input_matrix.csv", index_col=0)
    return RegionalPanel.from_matrix(wide).to_long()


def peer(reference, case: str, name: str) -> pd.DataFrame:
    return pd.read_csv(reference / case / name, index_col=0)


def values(result: pd.DataFrame, key: str, column: str = "value") -> pd.Series:
    return result.set_index(key)[column]


def z(x) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return (x - x.mean()) / x.std()


def close(got: pd.Series, want: pd.Series, atol: float) -> None:
    np.testing.assert_allclose(got.loc[want.index].to_numpy(), want.to_numpy(), rtol=0, atol=atol)


# ----------------------------------------------------------------- by hand
def test_two_regions_by_hand():
    # M = [[1,1],[1,0]]: industry Markov matrix [[3/4,1/4],[1/2,1/2]], λ2 = 1/4,
    # kp = (1,-2), kc = (M/d)kp = (-1/2, 1); the diverse region gets the positive sign:
    # kc = (1/2, -1) -> ECI = (1, -1); PCI = (kp - mean kc)/sd kc = (-1, 3)
    e, p = eci_matrix(np.array([[1.0, 1.0], [1.0, 0.0]]))
    np.testing.assert_allclose(e, [1.0, -1.0], atol=1e-14)
    np.testing.assert_allclose(p, [-1.0, 3.0], atol=1e-14)
    e, p = eci_matrix(np.array([[1.0, 1.0], [1.0, 0.0]]), pci_standardise="own")
    np.testing.assert_allclose(p, [-1.0, 1.0], atol=1e-14)
    # Datawheel standardises with the sample sd: ±1/sqrt(2)
    e, p = eci_matrix(np.array([[1.0, 1.0], [1.0, 0.0]]), convention="datawheel")
    np.testing.assert_allclose(e, [2**-0.5, -(2**-0.5)], atol=1e-14)


def test_diversity_and_ubiquity_by_hand(reference):
    data = long_input(reference, "a_toy_3x4")
    assert values(diversity(data), "region").tolist() == [2, 2, 3]
    assert values(ubiquity(data), "industry").tolist() == [2, 2, 2, 1]


# -------------------------------------------------------------- peer values
@pytest.mark.parametrize("case", CASES)
def test_eci_pci_match_ecomplexity(reference, case):
    result = economic_complexity(long_input(reference, case))
    want_e, want_p = peer(reference, case, "eci.csv"), peer(reference, case, "pci.csv")
    close(values(result.eci, "region", "eci"), want_e["ecomplexity_eci"], atol=1e-10)
    close(values(result.pci, "industry", "pci"), want_p["ecomplexity_pci"], atol=1e-10)
    close(values(result.eci, "region", "diversity"), want_e["diversity"], atol=0)
    close(values(result.pci, "industry", "ubiquity"), want_p["ubiquity"], atol=0)


@pytest.mark.parametrize("case", CASES)
def test_eci_and_pci_functions_return_value_columns(reference, case):
    data = long_input(reference, case)
    got_e, got_p = eci(data), pci(data)
    assert list(got_e.columns) == ["region", "value"]
    assert list(got_p.columns) == ["industry", "value"]
    close(values(got_e, "region"), peer(reference, case, "eci.csv")["ecomplexity_eci"], 1e-10)
    close(values(got_p, "industry"), peer(reference, case, "pci.csv")["ecomplexity_pci"], 1e-10)


@pytest.mark.parametrize("case", CASES)
def test_econgeo_convention_reproduces_kci_tci(reference, case):
    data = long_input(reference, case)
    want_e, want_p = peer(reference, case, "eci.csv"), peer(reference, case, "pci.csv")
    got_e = values(eci(data, convention="econgeo"), "region")
    got_p = values(pci(data, convention="econgeo"), "industry")
    # the unrounded-Markov columns: same code minus EconGeo's 4-dp rounding
    close(got_e, want_e["econgeo_kci_unrounded_markov"], atol=1e-10)
    close(got_p, want_p["econgeo_tci_unrounded_markov"], atol=1e-10)
    # the rounded columns, after z-scoring (README: 5e-3)
    np.testing.assert_allclose(z(got_e.loc[want_e.index]), z(want_e["econgeo_kci"]), atol=5e-3)
    np.testing.assert_allclose(z(got_p.loc[want_p.index]), z(want_p["econgeo_tci"]), atol=5e-3)


@pytest.mark.parametrize("case", CASES)
def test_ecomplexity_agrees_with_econgeo_up_to_sign_and_scale(reference, case):
    data = long_input(reference, case)
    want_e, want_p = peer(reference, case, "eci.csv"), peer(reference, case, "pci.csv")
    got_e = values(eci(data), "region").loc[want_e.index]
    got_p = values(pci(data, pci_standardise="own"), "industry").loc[want_p.index]
    np.testing.assert_allclose(
        z(got_e), z(want_e["econgeo_kci_unrounded_markov"]), atol=1e-10
    )  # signs agree on both cases (README)
    tci = z(want_p["econgeo_tci_unrounded_markov"])
    sign = np.sign(np.dot(z(got_p), tci))  # EconGeo's tci sign rule differs (README)
    np.testing.assert_allclose(z(got_p), sign * tci, atol=1e-10)


@pytest.mark.parametrize("case", CASES)
def test_reflections_match_datawheel(reference, case):
    data = long_input(reference, case)
    want_e, want_p = peer(reference, case, "eci.csv"), peer(reference, case, "pci.csv")
    got_e = values(eci(data, method="reflections"), "region")
    got_p = values(pci(data, method="reflections", iterations=20), "industry")
    # README tolerance against Datawheel: 5e-3 (the loop is reproduced; observed ~1e-11)
    close(got_e, want_e["datawheel_eci_reflections20"], atol=5e-3)
    close(got_p, want_p["datawheel_pci_reflections20"], atol=5e-3)
    close(got_e, want_e["datawheel_eci_reflections20"], atol=1e-9)


@pytest.mark.parametrize("case", CASES)
def test_reflections_econgeo_matches_morc_mort(reference, case):
    data = long_input(reference, case)
    result = economic_complexity(data, method="reflections", convention="econgeo")
    close(
        values(result.eci, "region", "eci"),
        peer(reference, case, "eci.csv")["econgeo_morc_20"],
        1e-10,
    )
    close(
        values(result.pci, "industry", "pci"),
        peer(reference, case, "pci.csv")["econgeo_mort_20"],
        1e-10,
    )


@pytest.mark.parametrize("case", CASES)
def test_complexity_outlook_matches_ecomplexity(reference, case):
    data = long_input(reference, case)
    got = values(complexity_outlook(data), "region")
    close(got, peer(reference, case, "eci.csv")["ecomplexity_coi"], atol=1e-10)
    cog = complexity_outlook_gain(data).pivot(index="region", columns="industry", values="value")
    want = peer(reference, case, "cog_ecomplexity.csv")
    np.testing.assert_allclose(
        cog.loc[want.index, want.columns].to_numpy(), want.to_numpy(), rtol=0, atol=1e-10
    )


def textbook_eci(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """ecomplexity 0.5.3's algorithm, written out: eig of the industry Markov matrix."""
    d, u = m.sum(axis=1), m.sum(axis=0)
    w, v = np.linalg.eig((m / u).T @ (m / d[:, None]))
    kp = np.real(v[:, np.argsort(np.real(w))[-2]])
    kc = (m / d[:, None]) @ kp
    sign = np.sign(np.corrcoef(d, kc)[0, 1])
    kc, kp = sign * kc, sign * kp
    return (kc - kc.mean()) / kc.std(), (kp - kc.mean()) / kc.std()


@pytest.mark.parametrize("shape", [(400, 250), (250, 400)])
def test_large_matrices_use_lanczos_with_the_same_result(shape):
    rng = np.random.default_rng(7)
    size = rng.gamma(2, 1, (shape[0], 1)) * rng.gamma(2, 1, (1, shape[1]))
    nested = np.exp(3 * (rng.uniform(size=(shape[0], 1)) - rng.uniform(size=(1, shape[1]))))
    m = presence_matrix(rng.poisson(20 * size * np.minimum(nested, 1)))
    assert m.sum(axis=1).all() and m.sum(axis=0).all()
    e, p = eci_matrix(m)
    want_e, want_p = textbook_eci(m)
    np.testing.assert_allclose(e, want_e, atol=1e-10)
    np.testing.assert_allclose(p, want_p, atol=1e-10)


def test_undetermined_sign_warns():
    # equal diversities and ubiquities: neither sign rule applies (found by hypothesis)
    m = np.array([[1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0], [1.0, 0.0, 1.0, 0.0]])
    for rows in ([0, 1, 2], [1, 0, 2]):
        with pytest.warns(DataQualityWarning, match="sign of ECI is undetermined"):
            e, _ = eci_matrix(m[rows])
        np.testing.assert_allclose(e, [1.5**0.5, -(1.5**0.5), 0], atol=1e-12)


# ------------------------------------------------------------ data shapes
def test_periods_are_kept(reference):
    data = long_input(reference, "a_toy_3x4")
    two = pd.concat([data.assign(year=2020), data.assign(year=2021)])
    result = economic_complexity(two, period="year")
    assert list(result.eci.columns) == ["region", "year", "diversity", "eci"]
    assert list(result.pci.columns) == ["industry", "year", "ubiquity", "pci"]
    assert len(result.eci) == 6
    per_year = result.eci.pivot(index="region", columns="year", values="eci")
    np.testing.assert_allclose(per_year[2020], per_year[2021])


def test_zero_diversity_region_is_nan_with_a_warning(reference):
    data = long_input(reference, "a_rand_20x15")
    empty = pd.DataFrame({"region": "R99", "industry": data["industry"].unique(), "value": 0})
    with pytest.warns(DataQualityWarning, match=r"1 of 21 regions \(4.8%\)"):
        got = values(eci(pd.concat([data, empty])), "region")
    assert np.isnan(got["R99"])
    # the other regions keep ecomplexity's values
    close(got.drop("R99"), peer(reference, "a_rand_20x15", "eci.csv")["ecomplexity_eci"], 1e-10)
    with pytest.warns(DataQualityWarning, match="regions"):
        cog = complexity_outlook_gain(pd.concat([data, empty]))
    assert cog.loc[cog["region"] == "R99", "value"].isna().all()


def test_zero_ubiquity_industry_is_nan_with_a_warning(reference):
    data = long_input(reference, "a_toy_3x4")
    empty = pd.DataFrame({"region": ["R1", "R2", "R3"], "industry": "I9", "value": 0})
    with pytest.warns(DataQualityWarning, match="1 of 5 industries"):
        got = values(pci(pd.concat([data, empty])), "industry")
    assert np.isnan(got["I9"])
    close(got.drop("I9"), peer(reference, "a_toy_3x4", "pci.csv")["ecomplexity_pci"], 1e-10)


# ---------------------------------------------------------------- failures
def test_disconnected_network_raises():
    m = np.array([[1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 1, 1], [0, 0, 0, 1]], dtype=float)
    with pytest.raises(ConvergenceError, match=r"disconnected \(2 components\)"):
        eci_matrix(m)


def test_degenerate_second_eigenvalue_raises():
    with pytest.raises(ConvergenceError, match="not separated from the third"):
        eci_matrix(np.ones((3, 3)))


def test_too_few_regions_raises():
    with pytest.raises(ConvergenceError, match="at least 2 regions"):
        eci_matrix(np.array([[1.0, 1.0, 1.0]]))


def test_constant_reflections_raise():
    with pytest.raises(ConvergenceError, match="became constant"):
        eci_matrix(np.ones((3, 3)), method="reflections")


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"method": "power"}, r"method: expected one of \['eigenvector', 'reflections'\]"),
        ({"convention": "stata"}, "convention: expected one of"),
        ({"method": "reflections", "convention": "ecomplexity"}, "convention: expected one of"),
        ({"convention": "econgeo", "pci_standardise": "own"}, "pci_standardise: not available"),
        ({"method": "reflections", "pci_standardise": "eci"}, "pci_standardise: not available"),
        ({"pci_standardise": "mean"}, "pci_standardise: expected one of"),
        ({"iterations": 0}, "iterations: expected an integer >= 1"),
        ({"threshold": -1}, "threshold"),
    ],
)
def test_bad_options(reference, options, match):
    with pytest.raises(InputError, match=match):
        eci(long_input(reference, "a_toy_3x4"), **options)


# ------------------------------------------------------------- properties
connected = arrays(
    np.int64, st.tuples(st.integers(3, 9), st.integers(3, 7)), elements=st.integers(0, 40)
)


def eci_or_skip(m, **options):
    """ECI where it is defined and its sign is determined (else the example is skipped)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", DataQualityWarning)
            return eci_matrix(m, **options)
    except (ConvergenceError, DataQualityWarning):
        assume(False)


@settings(max_examples=40, deadline=None)
@given(connected, st.randoms(use_true_random=False))
def test_permuting_regions_permutes_eci(x, rnd):
    m = presence_matrix(x)
    assume(m.sum(axis=1).all() and m.sum(axis=0).all())
    e, p = eci_or_skip(m)
    order = list(range(m.shape[0]))
    rnd.shuffle(order)
    e2, p2 = eci_matrix(m[order])
    np.testing.assert_allclose(e2, e[order], atol=1e-8)
    np.testing.assert_allclose(p2, p, atol=1e-8)


@settings(max_examples=40, deadline=None)
@given(connected, st.integers(-20, 20))
def test_eci_is_invariant_to_scaling(x, power):
    # powers of two scale exactly, so exact ties LQ = 1 stay ties
    m = presence_matrix(x)
    assume(m.sum(axis=1).all() and m.sum(axis=0).all())
    e, p = eci_or_skip(m)
    e2, p2 = eci_matrix(presence_matrix(x * 2.0**power))
    np.testing.assert_allclose(e2, e, atol=1e-8)
    np.testing.assert_allclose(p2, p, atol=1e-8)


@settings(max_examples=40, deadline=None)
@given(connected)
def test_eci_is_standardised_and_signed(x):
    m = presence_matrix(x)
    assume(m.sum(axis=1).all() and m.sum(axis=0).all())
    e, _ = eci_or_skip(m)
    assert abs(e.mean()) < 1e-9 and abs(e.std() - 1) < 1e-9
    d = m.sum(axis=1)
    if np.ptp(d) > 0:
        assert np.corrcoef(d, e)[0, 1] >= -1e-12


def test_diversity_ubiquity_and_outlook_stay_importable_from_complexity():
    from clusterdialog.measures.complexity import complexity_outlook as old_outlook
    from clusterdialog.measures.complexity import complexity_outlook_gain as old_gain
    from clusterdialog.measures.complexity import diversity as old_diversity
    from clusterdialog.measures.complexity import ubiquity as old_ubiquity

    assert old_outlook is complexity_outlook and old_gain is complexity_outlook_gain
    assert old_diversity is diversity and old_ubiquity is ubiquity
