"""A small collaboration world for the networks tests.

Initiative "Antriebe" with members A (firm, represented by ``rep_a``), B (firm),
C (firm) and D (firm); projects P1 {A, B}, P2 {B, C}, P3 {A, B}.  So the
members' network is the path A –2– B –1– C with D isolated.  Two peer
initiatives each have one university and one firm.  ``outsider`` represents an
organisation outside everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.directory.models import (
    Industry,
    Initiative,
    Membership,
    Organisation,
    OrganisationType,
)
from clusterdialog.web.networks.models import Project, ProjectParticipation


@dataclass
class World:
    initiative: Initiative
    organisations: dict[str, Organisation]
    projects: dict[str, Project]
    manager: object
    rep_a: object
    rep_b: object
    outsider: object
    admin: object
    analyst: object


def add_project(title: str, members, start=date(2020, 1, 1), end=date(2022, 12, 31), **fields):
    project = Project.objects.create(title=title, start=start, end=end, **fields)
    for organisation in members:
        ProjectParticipation.objects.create(project=project, organisation=organisation)
    return project


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Argon2 is tested in accounts; a fast hasher keeps these tests quick on 2 cores."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db, make_user, make_organisation, make_initiative, region) -> World:
    industry = Industry.objects.create(code="29", name_de="Kraftwagen", level=2)
    manager = make_user(Role.MANAGER, "manager@net.test")
    rep_a = make_user(Role.MEMBER, "rep-a@net.test")
    rep_b = make_user(Role.MEMBER, "rep-b@net.test")
    outsider = make_user(Role.MEMBER, "outsider@net.test")
    admin = make_user(Role.STATE_ADMIN, "admin@net.test")
    analyst = make_user(Role.ANALYST, "analyst@net.test")
    organisations = {
        name: make_organisation(f"Firma {name}", slug=f"firma-{name.lower()}") for name in "ABCD"
    }
    for organisation in organisations.values():
        organisation.industries.add(industry)
    organisations["A"].representatives.add(rep_a)
    organisations["B"].representatives.add(rep_b)
    elsewhere = make_organisation("Anderswo GmbH", slug="anderswo")
    elsewhere.representatives.add(outsider)
    initiative = make_initiative("Antriebe", managers=[manager], slug="antriebe")
    initiative.industries.add(industry)
    initiative.regions.add(region)
    for organisation in organisations.values():
        Membership.objects.create(organisation=organisation, initiative=initiative)
    for peer in ("nord", "sued"):
        other = make_initiative(f"Peer {peer}", slug=f"peer-{peer}")
        uni = make_organisation(
            f"Universität {peer}", slug=f"uni-{peer}", type=OrganisationType.UNIVERSITY
        )
        firm = make_organisation(f"Werk {peer}", slug=f"werk-{peer}")
        for organisation in (uni, firm):
            Membership.objects.create(organisation=organisation, initiative=other)
    o = organisations
    projects = {
        "P1": add_project("Projekt 1", [o["A"], o["B"]]),
        "P2": add_project("Projekt 2", [o["B"], o["C"]]),
        "P3": add_project("Projekt 3", [o["A"], o["B"]], start=date(2021, 3, 1), end=None),
    }
    return World(
        initiative, organisations, projects, manager, rep_a, rep_b, outsider, admin, analyst
    )
