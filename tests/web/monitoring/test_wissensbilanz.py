"""The Wissensbilanz workshop pages show what the pure functions compute (hand-checked)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from clusterdialog.monitoring import DEFAULT_FACTORS
from clusterdialog.web.monitoring import workshops
from clusterdialog.web.monitoring.models import WbMeasure, WbRating


@pytest.fixture
def statement(initiative, manager):
    """Four factors a, b, c, d (the first four defaults) rated by three participants.

    Factor a: R1 60/90/30 (mean 60), R2 90/90/60 (80), R3 30/60/30 (40) →
    quantity 60, quality 80, systematic 40, overall 60, spread 80 − 40 = 40,
    std = √((0² + 20² + 20²)/3) = 16.33.  b, c, d: one rater, 60 everywhere.

    Impact matrix (row influences column)::

            a  b  c  d      active
        a   –  3  2  0        5
        b   1  –  0  0        1
        c   0  2  –  3        5
        d   0  1  3  –        4      mean 3.75
     passive 1  6  5  3              mean 3.75

    roles: a active, b passive, c critical, d active (4 > 3.75, 3 < 3.75).
    """
    statement = workshops.create_statement(
        initiative, title="WB 2025", date=datetime.date(2025, 6, 1), user=manager
    )
    keys = [f.key for f in DEFAULT_FACTORS[:4]]
    statement.factors.exclude(key__in=keys).delete()
    a, b, c, d = keys
    for rater, values in {"R1": (60, 90, 30), "R2": (90, 90, 60), "R3": (30, 60, 30)}.items():
        workshops.save_ratings(
            statement,
            rater,
            dict(zip([(a, "quantity"), (a, "quality"), (a, "systematic")], values, strict=True)),
        )
    workshops.save_ratings(
        statement,
        "R4",
        {(k, dim): 60 for k in (b, c, d) for dim in ("quantity", "quality", "systematic")},
    )
    cells = {(a, b): 3, (a, c): 2, (b, a): 1, (c, b): 2, (c, d): 3, (d, b): 1, (d, c): 3}
    workshops.save_impact_matrix(statement, cells)
    return statement


def test_results_by_hand(statement):
    result = workshops.results(statement)
    a, b, c, d = [f.key for f in DEFAULT_FACTORS[:4]]
    qqs = result.qqs.loc[a]
    assert (qqs["quantity"], qqs["quality"], qqs["systematic"], qqs["overall"]) == (60, 80, 40, 60)
    assert qqs["spread"] == 40
    assert qqs["std"] == pytest.approx((800 / 3) ** 0.5)
    impact = result.impact
    assert impact["active_sum"].to_dict() == {a: 5, b: 1, c: 5, d: 4}
    assert impact["passive_sum"].to_dict() == {a: 1, b: 6, c: 5, d: 3}
    assert impact["role"].to_dict() == {a: "active", b: "passive", c: "critical", d: "active"}
    assert result.portfolio.loc[a, "influence_weight"] == pytest.approx(5 / 3.75)


def test_evaluation_page_shows_the_pure_results(login, manager, statement):
    html = login(manager).get(reverse("monitoring:wb_evaluation", args=[statement.pk])).content
    html = html.decode()
    a, b, c, d = [f.key for f in DEFAULT_FACTORS[:4]]
    roles = dict(re.findall(r'data-factor="([a-z_]+)">.*?data-role="([a-z]+)"', html, re.S))
    assert roles == {a: "active", b: "passive", c: "critical", d: "active"}
    row = re.search(rf'<tr data-factor="{a}">(.*?)</tr>', html, re.S).group(1)
    numbers = re.findall(r'class="number[^"]*">(?:<strong>)?([\d,]+)', row)
    assert numbers[:6] == ["60", "80", "40", "60", "40", "16,3"]
    assert "<svg" in html  # the potential portfolio


def test_rating_form_per_participant(login, manager, statement):
    a = DEFAULT_FACTORS[0].key
    client = login(manager)
    page = client.get(reverse("monitoring:wb_rating", args=[statement.pk]), {"rater": "R1"})
    assert 'value="90" selected' in page.content.decode()
    response = client.post(
        reverse("monitoring:wb_rating", args=[statement.pk]),
        {"rater": "Neu", f"r_{a}_quantity": "120", f"r_{a}_quality": "0"},
    )
    assert response.status_code == 302
    assert set(WbRating.objects.filter(rater="Neu").values_list("value", flat=True)) == {0, 120}
    # Values outside the steps of 30 are refused.
    response = client.post(
        reverse("monitoring:wb_rating", args=[statement.pk]), {"rater": "X", f"r_{a}_quality": "45"}
    )
    assert response.status_code == 200
    assert not WbRating.objects.filter(rater="X").exists()


def test_impact_matrix_form_round_trip(login, manager, statement):
    keys = [f.key for f in DEFAULT_FACTORS[:4]]
    client = login(manager)
    data = {f"i_{s}__{t}": "0" for s in keys for t in keys if s != t}
    data[f"i_{keys[0]}__{keys[1]}"] = "2"
    client.post(reverse("monitoring:wb_impact", args=[statement.pk]), data)
    matrix = workshops.impact_matrix(statement)
    assert int(matrix.to_numpy().sum()) == 2
    assert matrix.loc[keys[0], keys[1]] == 2


def test_measures_and_comparison_over_time(login, manager, statement, initiative):
    client = login(manager)
    client.post(
        reverse("monitoring:wb_measures", args=[statement.pk]),
        {"title": "Moderationsschulung", "owner": "Geschäftsführung", "deadline": "2025-12-31"},
    )
    assert WbMeasure.objects.get().owner == "Geschäftsführung"
    later = workshops.create_statement(
        initiative, title="WB 2026", date=datetime.date(2026, 6, 1), user=manager
    )
    a = DEFAULT_FACTORS[0].key
    workshops.save_ratings(
        later, "R1", {(a, "quantity"): 90, (a, "quality"): 90, (a, "systematic"): 90}
    )
    rows = {row["factor"]: row for row in workshops.compare(statement, later)}
    assert (rows[a]["rating_before"], rows[a]["rating_after"]) == (60, 90)
    assert (rows[a]["change"], rows[a]["direction"]) == (30, "improved")
    html = client.get(reverse("monitoring:wb_compare", args=[later.pk, statement.pk])).content
    assert b'data-direction="improved"' in html


def test_other_managers_cannot_rate(login, other_manager, statement):
    client = login(other_manager)
    assert client.get(reverse("monitoring:wb_rating", args=[statement.pk])).status_code == 403
    assert client.post(reverse("monitoring:wb_impact", args=[statement.pk]), {}).status_code == 403
