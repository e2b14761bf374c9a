"""Demo content: joint projects among the demo organisations, searches, one introduction."""

from __future__ import annotations

import random

import pytest

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.directory.models import Membership, OrganisationType
from clusterdialog.web.networks import demo
from clusterdialog.web.networks.models import (
    Introduction,
    Notification,
    PartnerSearch,
    Project,
)

pytestmark = pytest.mark.django_db

TYPES = [OrganisationType.FIRM_SME] * 5 + [OrganisationType.FIRM_LARGE,
         OrganisationType.UNIVERSITY, OrganisationType.RESEARCH]  # fmt: skip


@pytest.fixture
def demo_directory(make_user, make_organisation, make_initiative):
    member = make_user(Role.MEMBER, "member@demo.local")
    manager = make_user(Role.MANAGER, "manager@demo.local")
    organisations = []
    for i in range(3):
        initiative = make_initiative(f"Demo {i}", is_demo=True, managers=[manager])
        for j, kind in enumerate(TYPES):
            organisation = make_organisation(f"Demo-Org {i}-{j}", type=kind, is_demo=True)
            Membership.objects.create(organisation=organisation, initiative=initiative)
            organisations.append(organisation)
    organisations[0].representatives.add(member)
    return member, organisations


def test_demo_adds_projects_searches_and_a_pending_introduction(demo_directory):
    member, organisations = demo_directory
    demo.load(random.Random(2026))
    projects = Project.objects.filter(is_demo=True).prefetch_related("participations")
    assert projects.count() == demo.PROJECTS == 60
    for project in projects:
        assert len(project.participations.all()) >= 2
        assert 2015 <= project.start.year <= 2025 and project.end > project.start
        assert [p.role for p in project.participations.all()].count("coordinator") == 1
    assert PartnerSearch.objects.filter(is_demo=True, status="open").count() == 4
    pending = Introduction.objects.get(status="requested")
    assert pending.target == organisations[0]
    assert Notification.objects.filter(recipient=member, introduction=pending).exists()


def test_demo_is_deterministic_and_loads_once(demo_directory):
    demo.load(random.Random(2026))
    titles = list(Project.objects.order_by("acronym").values_list("acronym", "title"))
    demo.load(random.Random(2026))
    assert Project.objects.count() == 60 and Introduction.objects.count() == 1
    Project.objects.all().delete()
    PartnerSearch.objects.all().delete()
    Introduction.objects.all().delete()
    demo.load(random.Random(2026))
    assert list(Project.objects.order_by("acronym").values_list("acronym", "title")) == titles
