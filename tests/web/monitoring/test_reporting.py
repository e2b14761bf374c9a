"""The reporting cycle: derived values, editing, submit, approve/return, history, overdue."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.monitoring import services
from clusterdialog.web.monitoring.models import KpiReport, KpiValue, ReportingPeriod, ReportStatus


def values_of(report) -> dict:
    return {v.kpi.key: (v.value, v.derived) for v in report.values.select_related("kpi")}


def test_opening_a_report_fills_in_the_membership_figures(initiative, period, manager):
    report = services.open_report(initiative, period, manager)
    values = values_of(report)
    # Hand-computed in the initiative fixture.
    assert values["members"] == (4.0, True)
    assert values["share_sme"] == (50.0, True)
    assert values["share_research"] == (25.0, True)
    assert values["new_members"] == (1.0, True)
    assert values["leaving_members"] == (1.0, True)
    assert values["management_fte"] == (2.5, True)
    assert values["joint_projects"] == (None, False)
    assert report.status == ReportStatus.DRAFT
    # Opening again returns the same report.
    assert services.open_report(initiative, period, manager).pk == report.pk


def test_manager_opens_edits_and_submits_through_the_pages(login, initiative, period, manager):
    client = login(manager)
    response = client.post(
        reverse("monitoring:report_open", args=[initiative.slug]), {"period": period.pk}
    )
    report = KpiReport.objects.get(initiative=initiative, period=period)
    assert response.url == reverse("monitoring:report_edit", args=[report.pk])
    page = client.get(response.url).content.decode()
    assert 'name="value_members"' in page and 'value="4.0"' in page
    data = {f"value_{key}": "" for key in values_of(report)}
    data.update(
        {
            "value_members": "5",
            "value_joint_projects": "3",
            "note_joint_projects": "BMBF",
            "comment": "Erster Bericht",
        }
    )
    response = client.post(reverse("monitoring:report_edit", args=[report.pk]), data)
    assert response.status_code == 302
    values = values_of(report)
    assert values["members"] == (5.0, False)  # changed by hand: no longer derived
    assert values["joint_projects"] == (3.0, False)
    assert KpiValue.objects.get(report=report, kpi__key="joint_projects").note == "BMBF"
    response = client.post(reverse("monitoring:report_submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by == manager
    # Submitted: no more edits by the manager.
    assert client.get(reverse("monitoring:report_edit", args=[report.pk])).status_code == 403


def test_admin_returns_with_a_comment_then_approves(login, initiative, period, manager, admin):
    report = services.open_report(initiative, period, manager)
    services.submit_report(report, manager)
    client = login(admin)
    # Returning needs a comment.
    client.post(reverse("monitoring:report_return", args=[report.pk]), {"comment": " "})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    client.post(reverse("monitoring:report_return", args=[report.pk]), {"comment": "FuE fehlt"})
    report.refresh_from_db()
    assert (report.status, report.review_comment) == (ReportStatus.RETURNED, "FuE fehlt")
    # The admin cannot approve a returned report; the manager can edit it again.
    assert client.post(reverse("monitoring:report_approve", args=[report.pk])).status_code == 403
    manager_client = login(manager)
    assert (
        manager_client.get(reverse("monitoring:report_edit", args=[report.pk])).status_code == 200
    )
    manager_client.post(reverse("monitoring:report_submit", args=[report.pk]))
    client = login(admin)
    client.post(reverse("monitoring:report_approve", args=[report.pk]), {"comment": "Danke"})
    report.refresh_from_db()
    assert (report.status, report.reviewed_by) == (ReportStatus.APPROVED, admin)


def test_only_the_admin_reviews_and_only_managers_submit(
    login, initiative, period, manager, other_manager, admin, make_user
):
    report = services.open_report(initiative, period, manager)
    # The admin may not submit the manager's report, another manager may not either.
    assert (
        login(admin).post(reverse("monitoring:report_submit", args=[report.pk])).status_code == 403
    )
    other = login(other_manager)
    assert other.post(reverse("monitoring:report_submit", args=[report.pk])).status_code == 403
    services.submit_report(report, manager)
    for user in (manager, other_manager, make_user(Role.AGENCY), make_user(Role.ANALYST)):
        response = login(user).post(reverse("monitoring:report_approve", args=[report.pk]))
        assert response.status_code == 403, user.role
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_anonymous_visitors_are_sent_to_the_login(client, initiative, period, manager):
    report = services.open_report(initiative, period, manager)
    for url in (
        reverse("monitoring:report_detail", args=[report.pk]),
        reverse("monitoring:dashboard", args=[initiative.slug]),
        reverse("monitoring:portfolio"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/anmelden/" in response.url


def test_every_change_is_kept_in_the_history(login, initiative, period, manager, admin):
    report = services.open_report(initiative, period, manager)
    services.save_report(report, {"joint_projects": (3, "")}, manager)
    services.save_report(report, {"joint_projects": (4, "")}, manager)
    services.submit_report(report, manager)
    services.approve_report(report, admin)
    reasons = list(
        report.history.order_by("history_date").values_list("history_change_reason", flat=True)
    )
    assert reasons == ["opened", "submitted", "approved"]
    value = KpiValue.objects.get(report=report, kpi__key="joint_projects")
    assert [h.value for h in value.history.order_by("history_date")] == [None, 3.0, 4.0]
    assert value.history.latest().history_user == manager
    page = login(admin).get(reverse("monitoring:report_history", args=[report.pk])).content.decode()
    assert "3 → 4" in page
    assert manager.email in page or str(manager) in page


def test_refreshing_the_derived_values_after_members_changed(
    initiative, period, manager, make_organisation
):
    from clusterdialog.web.directory.models import Membership

    report = services.open_report(initiative, period, manager)
    Membership.objects.create(
        organisation=make_organisation("Org F"),
        initiative=initiative,
        since=datetime.date(2025, 9, 1),
    )
    assert services.refresh_derived_values(report, manager) >= 2
    values = values_of(report)
    assert values["members"] == (5.0, True)
    assert values["new_members"] == (2.0, True)
    assert values["share_sme"] == (60.0, True)  # A, B, F of 5


def test_overdue_reports_are_flagged_on_the_admin_start_page(
    login, initiative, make_initiative, period, manager, admin
):
    # 2025 is due on 31 March 2026; today (the test run) is later, and nothing is submitted.
    assert datetime.date.today() > period.due_date
    late = make_initiative("Spätes Netz")
    services.open_report(initiative, period, manager)
    rows = services.overdue_reports()
    assert {row["initiative"].name for row in rows} == {"Photonik-Netz", "Spätes Netz"}
    expected_days = (datetime.date.today() - period.due_date).days
    assert all(row["days_overdue"] == expected_days for row in rows)
    page = login(admin).get(reverse("accounts:start")).content.decode()
    assert "Spätes Netz" in page and "überfällig" in page
    # Submitted reports are no longer overdue.
    report = KpiReport.objects.get(initiative=initiative)
    services.submit_report(report, manager)
    assert [row["initiative"] for row in services.overdue_reports()] == [late]


def test_reports_due_on_the_manager_start_page(login, initiative, period, manager):
    ReportingPeriod.objects.create(year=2024, due_date=datetime.date(2025, 3, 31))
    page = login(manager).get(reverse("accounts:start")).content.decode()
    assert "Photonik-Netz" in page
    rows = services.reports_due(manager)
    assert [(row["year"], row["status"], row["overdue"]) for row in rows] == [
        (2024, None, True),
        (2025, None, True),
    ]


def test_targets_with_history(login, initiative, manager, kpis):
    client = login(manager)
    year = datetime.date.today().year
    response = client.post(
        reverse("monitoring:targets", args=[initiative.slug]),
        {f"target_members_{year}": "40", f"target_events_{year}": "12"},
    )
    assert response.status_code == 302
    targets = {(t.kpi.key, t.year): t.value for t in initiative.kpi_targets.select_related("kpi")}
    assert targets == {("members", year): 40.0, ("events", year): 12.0}
    assert initiative.kpi_targets.get(kpi__key="members").history.count() == 1


@pytest.mark.parametrize("role", [Role.MEMBER, Role.AGENCY, Role.ANALYST])
def test_other_roles_cannot_open_a_dashboard(login, initiative, make_user, role):
    response = login(make_user(role)).get(reverse("monitoring:dashboard", args=[initiative.slug]))
    assert response.status_code == 403


def test_catalogue_is_public_and_edited_by_the_admin(client, login, kpis, admin, manager):
    page = client.get(reverse("monitoring:kpi_list")).content.decode()
    assert "Anteil KMU" in page
    kpi = kpis["press_mentions"]
    assert login(manager).get(reverse("monitoring:kpi_edit", args=[kpi.pk])).status_code == 403
    client = login(admin)
    response = client.post(
        reverse("monitoring:kpi_edit", args=[kpi.pk]),
        {
            "key": "press_mentions",
            "name_de": "Medienberichte",
            "name_en": "Media reports",
            "unit": "count",
            "definition_de": "",
            "definition_en": "",
            "higher_is_better": "on",
            "frequency": "annual",
            "active": "on",
            "order": 5,
        },
    )
    assert response.status_code == 302
    kpi.refresh_from_db()
    assert kpi.name_de == "Medienberichte"
    # Seeding again keeps the admin's edit.
    assert services.seed_kpis() == 0
    kpi.refresh_from_db()
    assert kpi.name_de == "Medienberichte"


def test_events_and_participants_come_from_the_dialogue_app(
    initiative, period, manager, make_user, make_initiative
):
    from django.utils import timezone

    from clusterdialog.web.dialogue.models import Event, Registration

    def event(day, owner=initiative):
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
        return Event.objects.create(
            title=f"Treffen {day}",
            initiative=owner,
            start=start,
            end=start + datetime.timedelta(hours=2),
        )

    people = [make_user("member") for _ in range(4)]
    may = event(datetime.date(2025, 5, 10))  # 3 confirmed, 2 attended → 2
    for person, attended in zip(people[:3], (True, True, False), strict=True):
        Registration.objects.create(event=may, user=person, status="confirmed", attended=attended)
    september = event(datetime.date(2025, 9, 1))  # 4 confirmed, attendance not marked → 4
    for person in people:
        Registration.objects.create(event=september, user=person, status="confirmed")
    Registration.objects.create(
        event=event(datetime.date(2024, 6, 1)), user=people[0], status="confirmed"
    )
    event(datetime.date(2025, 6, 1), owner=make_initiative("Andere"))
    values = services.derived_values(initiative, period)
    assert (values["events"], values["event_participants"]) == (2.0, 6.0)
