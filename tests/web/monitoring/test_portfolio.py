"""The ministry's portfolio: lights against targets, filters, sorting, constant query count."""

from __future__ import annotations

from django.urls import reverse

from clusterdialog.web.directory.models import Region, RegionLevel
from clusterdialog.web.monitoring import dashboards
from clusterdialog.web.monitoring.models import KpiTarget


def add_targets(initiative, kpis, year, **targets):
    for key, value in targets.items():
        KpiTarget.objects.create(initiative=initiative, kpi=kpis[key], year=year, value=value)


def test_lights_against_targets_by_hand(initiative, period, approved_report, kpis):
    # members 95 vs target 100: missed by 5 ≤ 10 % of 100 → yellow;
    # leaving members 6 vs target 5 (lower is better): missed by 1 > 0.5 → red;
    # events 12 vs 10 → green; share_sme without target → no light.
    approved_report(
        initiative, period, {"members": 95, "leaving_members": 6, "events": 12, "share_sme": 40}
    )
    add_targets(initiative, kpis, 2025, members=100, leaving_members=5, events=10)
    result = dashboards.portfolio(
        2025, columns=("members", "leaving_members", "events", "share_sme")
    )
    (row,) = result["rows"]
    lights = [cell["light"] for cell in row["values"]]
    assert lights == ["yellow", "red", "green", None]
    assert row["size"] == "medium"  # 95 members: 50–149
    counts = {item["kpi"].key: item for item in result["lights"]}
    assert (counts["members"]["yellow"], counts["events"]["green"]) == (1, 1)
    assert counts["share_sme"]["none"] == 1


def test_filters_and_sorting(make_initiative, period, approved_report, field, region, kpis):
    other_region = Region.objects.create(
        code="08212", name="Karlsruhe", level=RegionLevel.KREIS, parent=region.parent
    )
    a = make_initiative("Alpha")
    b = make_initiative("Beta")
    c = make_initiative("Gamma", status="dormant")
    a.technology_fields.add(field)
    a.regions.add(region)
    b.regions.add(other_region)
    c.regions.add(region)
    approved_report(a, period, {"members": 30})
    approved_report(b, period, {"members": 200})
    approved_report(c, period, {"members": 80})

    def names(**arguments):
        return [row["initiative"].name for row in dashboards.portfolio(2025, **arguments)["rows"]]

    assert names() == ["Alpha", "Beta", "Gamma"]
    assert names(field=field.slug) == ["Alpha"]
    assert names(region="08111") == ["Alpha", "Gamma"]
    assert names(region="08") == ["Alpha", "Beta", "Gamma"]  # the Land includes its Kreise
    assert names(size="large") == ["Beta"]
    assert names(size="small") == ["Alpha"]
    assert names(status="dormant") == ["Gamma"]
    assert names(sort="members", descending=True) == ["Beta", "Gamma", "Alpha"]
    assert names(sort="members") == ["Alpha", "Gamma", "Beta"]
    assert names(sort="name", descending=True) == ["Gamma", "Beta", "Alpha"]


def _add_initiatives(start, count, make_initiative, approved_report, period, field, region):
    for index in range(start, start + count):
        initiative = make_initiative(f"Netz {index:03d}")
        initiative.technology_fields.add(field)
        initiative.regions.add(region)
        approved_report(initiative, period, {"members": 20 + index, "events": 5})


def test_portfolio_page_query_count_is_constant(
    login, admin, make_initiative, approved_report, period, field, region
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(admin)
    counts = []
    for start, count in ((0, 2), (2, 18)):
        _add_initiatives(start, count, make_initiative, approved_report, period, field, region)
        client.get(reverse("monitoring:portfolio"))  # warm-up (session, catalogue)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("monitoring:portfolio"), {"year": 2025})
        assert response.status_code == 200
        assert response.content.decode().count('data-initiative="') == start + count
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_portfolio_is_for_the_ministry_only(login, manager, make_user):
    assert login(manager).get(reverse("monitoring:portfolio")).status_code == 403
    assert login(make_user("agency")).get(reverse("monitoring:portfolio")).status_code == 403
