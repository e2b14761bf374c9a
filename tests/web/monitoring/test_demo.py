"""The monitoring's demo content on top of a small demo directory."""

from __future__ import annotations

import datetime
import random

import pytest
from django.urls import reverse

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.directory.models import Membership, OrganisationType
from clusterdialog.web.monitoring import demo, workshops
from clusterdialog.web.monitoring.models import (
    Assessment,
    KpiReport,
    KpiTarget,
    ReportStatus,
    SurveyWave,
    Wissensbilanz,
)


@pytest.fixture
def demo_directory(make_user, make_initiative, make_organisation):
    users = {
        role: make_user(role, f"{name}@demo.local")
        for role, name in (
            (Role.STATE_ADMIN, "ministry"),
            (Role.MANAGER, "manager"),
            (Role.MEMBER, "member"),
        )
    }
    initiatives = [
        make_initiative(f"Demo {i}", is_demo=True, managers=[users[Role.MANAGER]] if i == 0 else [])
        for i in range(3)
    ]
    for index in range(12):
        organisation = make_organisation(
            type=[OrganisationType.FIRM_SME, OrganisationType.RESEARCH][index % 2]
        )
        for initiative in initiatives:
            Membership.objects.create(
                organisation=organisation,
                initiative=initiative,
                since=datetime.date(2019 + index % 6, 1, 1),
            )
    return users, initiatives


def test_demo_load(demo_directory, client):
    users, initiatives = demo_directory
    demo.load(random.Random(2026))
    year = datetime.date.today().year
    approved = KpiReport.objects.filter(status=ReportStatus.APPROVED)
    assert approved.count() == 3 * demo.YEARS
    assert sorted(set(approved.values_list("period__year", flat=True))) == list(
        range(year - demo.YEARS, year)
    )
    draft = KpiReport.objects.get(status=ReportStatus.DRAFT)
    assert draft.initiative == initiatives[0] and draft.period.year == year
    assert KpiTarget.objects.filter(initiative=initiatives[1]).count() > 0
    # Derived values are the memberships' (12 members, half SMEs).
    members = approved.get(initiative=initiatives[1], period__year=year - 1).values.get(
        kpi__key="members"
    )
    assert (members.value, members.derived) == (12.0, True)
    assert Assessment.objects.filter(initiative=initiatives[0]).count() == 2
    statement = Wissensbilanz.objects.get()
    assert len(workshops.raters(statement)) == 4
    assert workshops.results(statement).portfolio is not None
    assert SurveyWave.objects.count() == 2
    # Loading again adds nothing.
    demo.load(random.Random(2026))
    assert KpiReport.objects.count() == 3 * demo.YEARS + 1
    # The pages of the demo manager work with the demo data.
    client.force_login(users[Role.MANAGER], backend="django.contrib.auth.backends.ModelBackend")
    for url in (
        reverse("monitoring:dashboard", args=[initiatives[0].slug]),
        reverse("monitoring:benchmark", args=[initiatives[0].slug]),
        reverse("monitoring:wb_evaluation", args=[statement.pk]),
        reverse("monitoring:survey_detail", args=[statement.initiative.surveys.get().pk]),
        reverse("accounts:start"),
    ):
        assert client.get(url).status_code == 200, url


def test_every_page_renders_with_the_demo_data(demo_directory, client):
    users, initiatives = demo_directory
    demo.load(random.Random(7))
    own = initiatives[0]
    statement = Wissensbilanz.objects.get()
    survey = own.surveys.get()
    assessment = Assessment.objects.filter(initiative=own).first()
    report = KpiReport.objects.filter(initiative=own, status=ReportStatus.APPROVED).first()
    draft = KpiReport.objects.get(status=ReportStatus.DRAFT)
    manager_pages = [
        reverse("monitoring:index"),
        reverse("monitoring:report_list"),
        reverse("monitoring:report_detail", args=[report.pk]),
        reverse("monitoring:report_edit", args=[draft.pk]),
        reverse("monitoring:report_history", args=[report.pk]),
        reverse("monitoring:targets", args=[own.slug]),
        reverse("monitoring:benchmark", args=[own.slug]) + "?peers=size",
        reverse("monitoring:assessment_list", args=[own.slug]),
        reverse("monitoring:assessment_create", args=[own.slug]),
        reverse("monitoring:assessment_detail", args=[assessment.pk]),
        reverse("monitoring:assessment_edit", args=[own.slug, assessment.pk]),
        reverse("monitoring:wb_list", args=[own.slug]),
        reverse("monitoring:wb_detail", args=[statement.pk]),
        reverse("monitoring:wb_factors", args=[statement.pk]),
        reverse("monitoring:wb_rating", args=[statement.pk]),
        reverse("monitoring:wb_impact", args=[statement.pk]),
        reverse("monitoring:wb_indicators", args=[statement.pk]),
        reverse("monitoring:wb_measures", args=[statement.pk]),
        reverse("monitoring:survey_list", args=[own.slug]),
        reverse("monitoring:survey_detail", args=[survey.pk]),
        reverse("monitoring:kpi_list"),
    ]
    client.force_login(users[Role.MANAGER], backend="django.contrib.auth.backends.ModelBackend")
    for url in manager_pages:
        assert client.get(url).status_code == 200, url
    admin_pages = [
        reverse("monitoring:index"),
        reverse("monitoring:portfolio") + "?sort=-members&kpi=members&kpi=events",
        reverse("monitoring:periods"),
        reverse("monitoring:kpi_create"),
        reverse("monitoring:assessment_settings"),
        reverse("monitoring:dashboard", args=[initiatives[1].slug]),
        reverse("accounts:start"),
        reverse("analytics:index"),
    ]
    client.force_login(users[Role.STATE_ADMIN], backend="django.contrib.auth.backends.ModelBackend")
    for url in admin_pages:
        assert client.get(url).status_code == 200, url
    # In English too.
    html = client.get(reverse("monitoring:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Portfolio of all initiatives" in html
    html = client.get(reverse("monitoring:index")).content.decode()
    assert "Portfolio aller Initiativen" in html
