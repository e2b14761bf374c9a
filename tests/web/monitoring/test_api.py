"""The monitoring API: catalogue, reports with the review cycle, the same permissions."""

from __future__ import annotations

import pytest

from clusterdialog.web.monitoring.models import KpiReport, ReportStatus


@pytest.fixture
def api(client, token_for):
    def call(method, url, user=None, data=None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token_for(user)}"} if user else {}
        send = getattr(client, method)
        if data is None:
            return send(url, **headers)
        return send(url, data, content_type="application/json", **headers)

    return call


def test_catalogue_is_public(api, kpis):
    body = api("get", "/api/monitoring/kpis?limit=200").json()
    assert body["count"] == 15
    assert [k["key"] for k in body["items"]][:2] == ["members", "share_sme"]
    assert api("get", "/api/monitoring/kpis/share_sme").json()["unit"] == "percent"
    assert api("get", "/api/monitoring/kpis/unknown").status_code == 404


def test_full_cycle_through_the_api(api, initiative, period, manager, admin):
    created = api(
        "post", "/api/monitoring/reports", manager, {"initiative": initiative.slug, "year": 2025}
    )
    assert created.status_code == 200
    report = created.json()
    values = {v["kpi"]: v for v in report["values"]}
    assert (values["members"]["value"], values["members"]["derived"]) == (4.0, True)
    url = f"/api/monitoring/reports/{report['id']}"
    patched = api(
        "patch",
        url,
        manager,
        {"comment": "Bitte prüfen", "values": [{"kpi": "joint_projects", "value": 7}]},
    )
    assert patched.status_code == 200
    assert {v["kpi"]: v["value"] for v in patched.json()["values"]}["joint_projects"] == 7
    # The admin may not submit; the manager may not approve.
    assert api("post", f"{url}/submit", admin).status_code == 403
    assert api("post", f"{url}/submit", manager).json()["status"] == "submitted"
    assert api("post", f"{url}/approve", manager, {"comment": ""}).status_code == 403
    # Submitted: no more changes (409), no second submission (409).
    assert api("patch", url, manager, {"comment": "x"}).status_code == 409
    assert api("post", f"{url}/submit", manager).status_code == 409
    # Returning needs a comment (422).
    response = api("post", f"{url}/return", admin, {"comment": ""})
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid"
    assert (
        api("post", f"{url}/return", admin, {"comment": "FuE fehlt"}).json()["status"] == "returned"
    )
    api("post", f"{url}/submit", manager)
    approved = api("post", f"{url}/approve", admin, {"comment": "ok"})
    assert approved.json()["status"] == "approved"
    assert api("post", f"{url}/approve", admin, {"comment": "again"}).status_code == 409
    assert KpiReport.objects.get().status == ReportStatus.APPROVED
    assert (
        KpiReport.objects.get().history.count() == 6
    )  # opened, comment, 2× submit, return, approve


def test_errors_in_the_one_shape(api, initiative, period, manager, other_manager):
    assert api("get", "/api/monitoring/reports").status_code == 401
    missing = api("get", "/api/monitoring/reports/999999", manager)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    forbidden = api(
        "post",
        "/api/monitoring/reports",
        other_manager,
        {"initiative": initiative.slug, "year": 2025},
    )
    assert forbidden.status_code == 403 and forbidden.json()["error"]["code"] == "forbidden"
    no_period = api(
        "post", "/api/monitoring/reports", manager, {"initiative": initiative.slug, "year": 2031}
    )
    assert no_period.status_code == 404
    invalid = api("post", "/api/monitoring/reports", manager, {"initiative": initiative.slug})
    assert invalid.status_code == 422
    report = api(
        "post", "/api/monitoring/reports", manager, {"initiative": initiative.slug, "year": 2025}
    ).json()
    unknown_kpi = api(
        "patch",
        f"/api/monitoring/reports/{report['id']}",
        manager,
        {"values": [{"kpi": "nonsense", "value": 1}]},
    )
    assert unknown_kpi.status_code == 422


def test_admin_lists_all_reports_with_filters(api, initiative, period, peers, admin, manager):
    created = peers(period, [{"members": 10}, {"members": 20}])
    api("post", "/api/monitoring/reports", manager, {"initiative": initiative.slug, "year": 2025})
    body = api("get", "/api/monitoring/reports?limit=1", admin).json()
    assert body["count"] == 3 and len(body["items"]) == 1
    drafts = api("get", "/api/monitoring/reports?status=draft", admin).json()
    assert [item["initiative"] for item in drafts["items"]] == [initiative.slug]
    one = api("get", f"/api/monitoring/reports?initiative={created[0].slug}", admin).json()
    assert one["count"] == 1


def test_values_outside_their_unit_are_refused(api, initiative, period, manager):
    report = api(
        "post", "/api/monitoring/reports", manager, {"initiative": initiative.slug, "year": 2025}
    ).json()
    url = f"/api/monitoring/reports/{report['id']}"
    response = api("patch", url, manager, {"values": [{"kpi": "share_sme", "value": 120}]})
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["loc"] == ["share_sme"]
    response = api(
        "patch", url, manager, {"values": [{"kpi": "member_satisfaction", "value": 0.5}]}
    )
    assert response.status_code == 422
    assert (
        api("patch", url, manager, {"values": [{"kpi": "share_sme", "value": 55}]}).status_code
        == 200
    )
