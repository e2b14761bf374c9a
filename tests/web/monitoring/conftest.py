"""Fixtures of the monitoring tests: a managed initiative with hand-made memberships,
reporting periods and a factory of initiatives with approved reports."""

from __future__ import annotations

import datetime

import pytest

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.directory.models import Membership, OrganisationType, TechnologyField
from clusterdialog.web.monitoring.models import (
    Kpi,
    KpiReport,
    KpiValue,
    ReportingPeriod,
    ReportStatus,
)
from clusterdialog.web.monitoring.services import seed_kpis


@pytest.fixture
def kpis(db) -> dict[str, Kpi]:
    seed_kpis()
    return {kpi.key: kpi for kpi in Kpi.objects.all()}


@pytest.fixture
def period(db) -> ReportingPeriod:
    return ReportingPeriod.objects.create(year=2025, due_date=datetime.date(2026, 3, 31))


@pytest.fixture
def manager(make_user):
    return make_user(Role.MANAGER, "manager@test.local")


@pytest.fixture
def other_manager(make_user):
    return make_user(Role.MANAGER, "other-manager@test.local")


@pytest.fixture
def admin(make_user):
    return make_user(Role.STATE_ADMIN, "admin@test.local")


@pytest.fixture
def field(db) -> TechnologyField:
    return TechnologyField.objects.create(slug="photonik", name_de="Photonik", name_en="Photonics")


@pytest.fixture
def initiative(make_initiative, make_organisation, manager, region, kpis):
    """Managed by ``manager``; memberships chosen so that the 2025 figures are known by hand:

    ======  ==========  ==========  ==========  ==========================
    org     type        since       until       on 31.12.2025
    ======  ==========  ==========  ==========  ==========================
    A       firm_sme    2020-01-01  –           member
    B       firm_sme    2025-03-01  –           member, new in 2025
    C       university  2019-05-01  2025-06-30  left in 2025
    D       research    2021-01-01  –           member
    E       firm_large  2024-01-01  –           member
    ======  ==========  ==========  ==========  ==========================

    members 4, share SME 2/4 = 50 %, share research 1/4 = 25 %, new 1, leaving 1.
    """
    initiative = make_initiative("Photonik-Netz", managers=[manager], management_staff_fte=2.5)
    initiative.regions.add(region)
    rows = [
        ("A", OrganisationType.FIRM_SME, datetime.date(2020, 1, 1), None),
        ("B", OrganisationType.FIRM_SME, datetime.date(2025, 3, 1), None),
        ("C", OrganisationType.UNIVERSITY, datetime.date(2019, 5, 1), datetime.date(2025, 6, 30)),
        ("D", OrganisationType.RESEARCH, datetime.date(2021, 1, 1), None),
        ("E", OrganisationType.FIRM_LARGE, datetime.date(2024, 1, 1), None),
    ]
    for name, kind, since, until in rows:
        organisation = make_organisation(f"Org {name}", type=kind)
        Membership.objects.create(
            organisation=organisation, initiative=initiative, since=since, until=until
        )
    return initiative


@pytest.fixture
def approved_report(kpis, admin):
    """Create an approved report with ``{kpi_key: value}`` for an initiative and period."""

    def make(initiative, period, values: dict[str, float], status=ReportStatus.APPROVED):
        report = KpiReport.objects.create(
            initiative=initiative, period=period, status=status, reviewed_by=admin
        )
        KpiValue.objects.bulk_create(
            KpiValue(report=report, kpi=kpis[key], value=value) for key, value in values.items()
        )
        return report

    return make


@pytest.fixture
def peers(make_initiative, approved_report):
    """``peers(period, [values…], **fields)``: one published initiative per values dict."""

    def make(period, values_list, **fields):
        created = []
        for index, values in enumerate(values_list):
            initiative = make_initiative(f"Peer {index} {period.year}", **fields)
            approved_report(initiative, period, values)
            created.append(initiative)
        return created

    return make


@pytest.fixture
def login(client):
    def sign_in(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in
