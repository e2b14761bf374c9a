"""Benchmarking shows the own values and aggregates of at least five peers, never a peer's
raw values; a manager cannot open another initiative's records by page or endpoint."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from clusterdialog.web.monitoring import dashboards
from clusterdialog.web.monitoring.models import Assessment, Survey, Wissensbilanz

# Own members 4040 and events 10 against five peers (chosen so that peers' extremes are
# recognisable in any output):
#   members: peers 1111, 2323, 3737, 5353, 6767 → 3 worse, no tie → rank 100·3/5 = 60;
#            median 3737, quartiles (linear) 2323 and 5353.
#   events:  peers 5, 10, 15, 20, 25 → 1 worse, 1 tie → rank 100·(1 + ½)/5 = 30;
#            median 15, quartiles 10 and 20.
MEMBERS = [1111, 2323, 3737, 5353, 6767]
EVENTS = [5, 10, 15, 20, 25]


@pytest.fixture
def compared(initiative, period, peers, approved_report, field):
    initiative.technology_fields.add(field)
    approved_report(initiative, period, {"members": 4040, "events": 10})
    created = peers(
        period, [{"members": m, "events": e} for m, e in zip(MEMBERS, EVENTS, strict=True)]
    )
    for peer in created:
        peer.technology_fields.add(field)
    return created


def test_percentile_ranks_and_quartiles_by_hand(initiative, compared):
    rows = {row["kpi"].key: row for row in dashboards.benchmark(initiative)["rows"]}
    members, events = rows["members"], rows["events"]
    assert (members["value"], members["peers"], members["percentile_rank"]) == (4040, 5, 60)
    assert (members["peer_p25"], members["peer_median"], members["peer_p75"]) == (2323, 3737, 5353)
    assert (events["percentile_rank"], events["peer_median"]) == (30, 15)
    assert (events["peer_p25"], events["peer_p75"]) == (10, 20)
    assert not members["suppressed"]


def test_fewer_than_five_peers_hide_every_aggregate(initiative, period, approved_report, peers):
    approved_report(initiative, period, {"members": 4040})
    peers(period, [{"members": m} for m in MEMBERS[:4]])
    (row,) = dashboards.benchmark(initiative)["rows"]
    assert row["suppressed"] and row["peers"] == 4
    assert row["percentile_rank"] is None and row["peer_median"] is None
    assert row["peer_p25"] is None and row["peer_p75"] is None


def test_peer_groups_field_and_size(initiative, compared, period, peers):
    # Two more initiatives outside the field and small (10 members): in "all", not in "field".
    peers(period, [{"members": 10}, {"members": 12}])
    assert dashboards.benchmark(initiative, group="all")["peers"] == 7
    assert dashboards.benchmark(initiative, group="field")["peers"] == 5
    # Size class of 4040 members is "large": the two small ones drop out.
    assert dashboards.benchmark(initiative, group="size")["peers"] == 5


def test_benchmark_page_shows_aggregates_but_no_peer_values(login, initiative, compared, manager):
    page = login(manager).get(reverse("monitoring:benchmark", args=[initiative.slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "3.737" in html  # the median (German grouping)
    assert "<svg" in html  # radar chart
    for raw in ("1.111", "6.767", "1111", "6767"):
        assert raw not in html, raw
    for peer in compared:
        assert peer.name not in html


def test_benchmark_endpoint_shows_aggregates_but_no_peer_values(
    client, initiative, compared, manager, token_for
):
    token = token_for(manager)
    response = client.get(
        f"/api/monitoring/benchmark/{initiative.slug}", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 200
    body = response.json()
    members = next(row for row in body["rows"] if row["kpi"] == "members")
    assert (members["percentile_rank"], members["peer_median"]) == (60, 3737)
    numbers = json.dumps(body)
    assert "1111" not in numbers and "6767" not in numbers
    assert all(peer.slug not in numbers for peer in compared)


def test_manager_cannot_open_a_peers_records_by_url(
    login, initiative, compared, manager, period, admin
):
    peer = compared[0]
    report = peer.kpi_reports.get()
    assessment = Assessment.objects.create(initiative=peer, date=period.end, answers={})
    statement = Wissensbilanz.objects.create(initiative=peer, title="WB", date=period.end)
    survey = Survey.objects.create(initiative=peer, title="Umfrage")
    client = login(manager)
    urls = [
        reverse("monitoring:report_detail", args=[report.pk]),
        reverse("monitoring:report_edit", args=[report.pk]),
        reverse("monitoring:report_history", args=[report.pk]),
        reverse("monitoring:dashboard", args=[peer.slug]),
        reverse("monitoring:benchmark", args=[peer.slug]),
        reverse("monitoring:targets", args=[peer.slug]),
        reverse("monitoring:initiative_pdf", args=[peer.slug]),
        reverse("monitoring:assessment_list", args=[peer.slug]),
        reverse("monitoring:assessment_detail", args=[assessment.pk]),
        reverse("monitoring:wb_list", args=[peer.slug]),
        reverse("monitoring:wb_detail", args=[statement.pk]),
        reverse("monitoring:wb_evaluation", args=[statement.pk]),
        reverse("monitoring:wb_pdf", args=[statement.pk]),
        reverse("monitoring:survey_list", args=[peer.slug]),
        reverse("monitoring:survey_detail", args=[survey.pk]),
        reverse("monitoring:portfolio"),
        reverse("monitoring:portfolio_xlsx"),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
    # The report list holds the own reports only.
    html = client.get(reverse("monitoring:report_list")).content.decode()
    assert peer.name not in html
    # The administrator sees them.
    assert (
        login(admin).get(reverse("monitoring:report_detail", args=[report.pk])).status_code == 200
    )


def test_manager_cannot_read_a_peers_report_through_the_api(
    client, initiative, compared, manager, token_for, approved_report, period
):
    own = initiative.kpi_reports.get()
    peer_report = compared[0].kpi_reports.get()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for(manager)}"}
    assert client.get(f"/api/monitoring/reports/{peer_report.pk}", **auth).status_code == 403
    listed = client.get("/api/monitoring/reports", **auth).json()
    assert [item["id"] for item in listed["items"]] == [own.pk]
    assert listed["count"] == 1
    filtered = client.get(f"/api/monitoring/reports?initiative={compared[0].slug}", **auth).json()
    assert filtered == {"count": 0, "items": []}
    assert client.get(f"/api/monitoring/benchmark/{compared[0].slug}", **auth).status_code == 403
    patch = client.patch(
        f"/api/monitoring/reports/{peer_report.pk}",
        {"values": [{"kpi": "members", "value": 1}]},
        content_type="application/json",
        **auth,
    )
    assert patch.status_code == 403
    assert client.get("/api/monitoring/reports").status_code == 401


def test_public_profile_sections_hide_kpi_values(rf, initiative, compared, manager, make_user):
    from django.contrib.auth.models import AnonymousUser

    from clusterdialog.web.monitoring.profile import initiative_sections

    request = rf.get("/")
    request.user = AnonymousUser()
    assert initiative_sections(request, initiative) == []
    request.user = make_user("member")
    assert initiative_sections(request, initiative) == []
    request.user = manager
    (section,) = initiative_sections(request, initiative)
    values = {row["kpi"].key: row["value"] for row in section["context"]["rows"]}
    assert values == {"members": 4040, "events": 10}


def test_trend_hides_years_with_fewer_than_five_peers(
    initiative, compared, approved_report, login, manager
):
    import datetime

    from clusterdialog.web.monitoring.models import ReportingPeriod

    earlier = ReportingPeriod.objects.create(year=2024, due_date=datetime.date(2025, 3, 31))
    approved_report(initiative, earlier, {"members": 4000})
    for peer, members in zip(compared[:4], (1000, 2000, 3000, 9999), strict=True):
        approved_report(peer, earlier, {"members": members})
    trend = {item["kpi"].key: item["points"] for item in dashboards.benchmark(initiative)["trend"]}
    first, second = trend["members"]
    assert (first["year"], first["value"], first["suppressed"]) == (2024, 4000, True)
    assert first["peer_median"] is None and first["gap"] is None
    assert (second["year"], second["peer_median"], second["gap"]) == (2025, 3737, 4040 - 3737)
    html = login(manager).get(reverse("monitoring:benchmark", args=[initiative.slug])).content
    assert b"9.999" not in html and b"9999" not in html
