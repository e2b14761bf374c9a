"""Issue 5, requirement 9: a full reporting cycle in a real browser (Debian's chromium).

A cluster manager opens her initiative's report for a period, fills in a figure
and submits it; the ministry returns it with a comment; the manager corrects the
figure and submits again; the ministry approves.  Each step is checked in the
database as well as on the page.
"""

from __future__ import annotations

import datetime as dt

import pytest

from clusterdialog.web.monitoring.models import KpiReport, ReportingPeriod, ReportStatus
from clusterdialog.web.monitoring.services import seed_kpis
from tests.web.browser.helpers import sign_in

pytestmark = pytest.mark.browser


def _switch_user(page, email: str) -> None:
    page.context.clear_cookies()
    sign_in(page, email)


def test_report_is_submitted_returned_corrected_and_approved(page, accounts, make_initiative):
    seed_kpis()  # the catalogue (live-server tests start from an empty database)
    period = ReportingPeriod.objects.create(year=2025, due_date=dt.date(2026, 3, 31))
    initiative = make_initiative("Cluster Holz und Bau Schwarzwald", managers=[accounts["manager"]])

    sign_in(page, "manager@demo.local")
    page.goto(f"/monitoring/initiativen/{initiative.slug}/")
    page.select_option("select[name=period]", str(period.pk))
    page.click(f"form[action='/monitoring/initiativen/{initiative.slug}/bericht/'] button")
    page.wait_for_url("**/bearbeiten/")
    page.fill("input[name=value_joint_projects]", "4")
    page.click("button[name=submit]")
    page.locator(".messages").wait_for()
    report = KpiReport.objects.get(initiative=initiative, period=period)
    assert report.status == ReportStatus.SUBMITTED
    assert report.values.get(kpi__key="joint_projects").value == 4

    _switch_user(page, "ministry@demo.local")
    page.goto(f"/monitoring/berichte/{report.pk}/")
    page.fill("textarea[name=comment]", "Bitte die Zahl der Projekte prüfen.")
    page.click(f"button[formaction='/monitoring/berichte/{report.pk}/zurueckgeben/']")
    page.locator(".messages").wait_for()
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED

    _switch_user(page, "manager@demo.local")
    page.goto(f"/monitoring/berichte/{report.pk}/")
    assert "Bitte die Zahl der Projekte prüfen." in page.inner_text("main")
    page.goto(f"/monitoring/berichte/{report.pk}/bearbeiten/")
    page.fill("input[name=value_joint_projects]", "5")
    page.click("button[name=submit]")
    page.locator(".messages").wait_for()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    _switch_user(page, "ministry@demo.local")
    page.goto(f"/monitoring/berichte/{report.pk}/")
    page.click(f"form[action='/monitoring/berichte/{report.pk}/freigeben/'] button:not(.danger)")
    page.locator(".messages").wait_for()
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert report.values.get(kpi__key="joint_projects").value == 5
