"""Demo accounts, demo content and scale seeding (clusterdialog.web.seeding)."""

from __future__ import annotations

import json
import random
from collections import Counter
from importlib.resources import files

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import RequestFactory, override_settings
from shapely.geometry import Point, shape

from clusterdialog.errors import InputError
from clusterdialog.web.accounts.models import Role, User
from clusterdialog.web.directory.models import (
    ContactPerson,
    Initiative,
    Membership,
    MembershipRole,
    Organisation,
    OrganisationType,
    Region,
)
from clusterdialog.web.directory.seed import load_reference_data
from clusterdialog.web.seeding.accounts import DEMO_ACCOUNTS, create_demo_accounts
from clusterdialog.web.seeding.demo import FIRMS, is_loaded, load_demo, load_directory
from clusterdialog.web.seeding.organisations import build_firms
from clusterdialog.web.seeding.places import KreisPlaces
from clusterdialog.web.seeding.scale import SCALE_PREFIX, seed_scale

DATA = files("clusterdialog.web.seeding") / "data"
INSTITUTIONS = json.loads((DATA / "institutions.json").read_text("utf-8"))
INITIATIVES = json.loads((DATA / "initiatives.json").read_text("utf-8"))
pytestmark = pytest.mark.django_db


def sign_in(email: str, password: str):
    """The user ``authenticate`` returns for a sign-in request (login throttling included)."""
    return authenticate(
        RequestFactory().post("/konto/anmelden/"), username=email, password=password
    )


# --- demo accounts -----------------------------------------------------------------------------


def test_demo_password_is_refused_outside_a_demo_installation(settings):
    settings.DEMO = False
    with pytest.raises(InputError, match="CLUSTERDIALOG_DEMO=1"):
        create_demo_accounts()
    assert not User.objects.exists()


def test_a_strong_password_passes_outside_a_demo_installation(settings):
    settings.DEMO = False
    users = create_demo_accounts("correct-Horse-battery-9")
    assert sign_in("analyst@demo.local", "correct-Horse-battery-9")
    assert users["analyst"].role == Role.ANALYST


def test_demo_accounts_one_per_role_and_idempotent(settings):
    settings.DEMO = True
    first = create_demo_accounts()
    assert sorted(first) == sorted(Role.values)
    assert [account.email for account in DEMO_ACCOUNTS] == [
        "ministry@demo.local",
        "agency@demo.local",
        "manager@demo.local",
        "member@demo.local",
        "analyst@demo.local",
    ]
    for account in DEMO_ACCOUNTS:
        user = sign_in(account.email, "demo")
        assert user is not None and user.role == account.role
    # a changed account is put back, nothing is duplicated
    User.objects.filter(email="member@demo.local").update(role=Role.ANALYST, is_active=False)
    second = create_demo_accounts()
    assert User.objects.count() == 5
    assert {role: user.pk for role, user in first.items()} == {
        role: user.pk for role, user in second.items()
    }
    member = User.objects.get(email="member@demo.local")
    assert member.role == Role.MEMBER and member.is_active


# --- demo content --------------------------------------------------------------------------------


@pytest.fixture(scope="class")
def demo_directory(django_db_setup, django_db_blocker):
    """The demo directory, built once for the class below and rolled back after it."""
    with django_db_blocker.unblock(), override_settings(DEMO=True), transaction.atomic():
        load_reference_data()
        accounts = create_demo_accounts()
        yield accounts, load_directory(random.Random(2026), accounts)
        transaction.set_rollback(True)


class TestDemoDirectory:
    """The directory part of the demo content (built once, read by every test)."""

    def test_demo_directory_counts_and_marks(self, demo_directory):
        _, created = demo_directory
        own_offices = sum(1 for spec in INITIATIVES if spec["management"] == "own")
        assert (len(INSTITUTIONS), own_offices, FIRMS) == (49, 14, 187)
        assert created["initiatives"] == Initiative.objects.count() == 25
        assert created["organisations"] == Organisation.objects.count() == 49 + 14 + 187
        assert created["memberships"] == Membership.objects.count()
        assert 850 <= created["memberships"] <= 950
        assert not Initiative.objects.filter(is_demo=False).exists()
        assert not Organisation.objects.filter(is_demo=False).exists()
        assert Initiative.objects.filter(published=False).count() == 1
        types = Counter(Organisation.objects.values_list("type", flat=True))
        assert types[OrganisationType.UNIVERSITY] == 11
        assert types[OrganisationType.RESEARCH] == 11
        assert types[OrganisationType.FIRM_SME] + types[OrganisationType.FIRM_LARGE] == 187

    def test_demo_initiatives_are_complete_profiles(self, demo_directory):
        for initiative in Initiative.objects.prefetch_related(
            "regions", "technology_fields", "industries", "funding_sources", "managers"
        ):
            assert 1 <= len(initiative.regions.all()) <= 3, initiative
            assert all(region.code.startswith("08") for region in initiative.regions.all())
            assert initiative.technology_fields.all(), initiative
            assert initiative.industries.all(), initiative
            assert initiative.funding_sources.all(), initiative
            assert 1995 <= initiative.founding_year <= 2026
            assert initiative.legal_form and initiative.management_organisation_id
            assert len(initiative.managers.all()) == 1
            # the management organisation is a member in the role "management"
            assert initiative.memberships.filter(
                organisation=initiative.management_organisation, role=MembershipRole.MANAGEMENT
            ).exists()
            assert initiative.contacts.filter(public=True).count() >= 1

    def test_demo_roles_have_their_records(self, demo_directory):
        accounts, _ = demo_directory
        managed = Initiative.objects.filter(managers=accounts["manager"]).order_by("name")
        assert [i.name for i in managed] == [
            "Automotive Cluster Neckar-Fils",
            "Photonik-Netzwerk Oberschwaben",
        ]
        represented = Organisation.objects.get(representatives=accounts["member"])
        assert represented.type == OrganisationType.FIRM_SME
        assert represented.memberships.filter(initiative__in=managed, until__isnull=True).exists()
        agency = Organisation.objects.get(representatives=accounts["agency"])
        assert agency.type == OrganisationType.AGENCY
        # invented managers of the other initiatives cannot sign in
        others = User.objects.filter(role=Role.MANAGER).exclude(pk=accounts["manager"].pk)
        assert others.count() == 23
        assert not any(user.has_usable_password() for user in others)

    def test_demo_organisations_lie_inside_their_kreis(self, demo_directory):
        outside = [
            org.name
            for org in Organisation.objects.select_related("region")
            if not shape(org.region.geometry).contains(Point(org.longitude, org.latitude))
        ]
        assert outside == []
        assert not Organisation.objects.filter(city="").exists()

    def test_demo_memberships_are_plausible(self, demo_directory):
        for membership in Membership.objects.select_related("initiative"):
            assert membership.since.year >= membership.initiative.founding_year
            assert membership.until is None or membership.until > membership.since
        ended = Membership.objects.filter(until__isnull=False).count()
        assert 10 <= ended <= 40
        pairs = Membership.objects.values_list("organisation", "initiative")
        assert len(set(pairs)) == len(pairs)

    def test_demo_contacts_have_recorded_consent(self, demo_directory):
        accounts, created = demo_directory
        assert created["contacts"] == ContactPerson.objects.count() > 25
        assert not ContactPerson.objects.filter(consent_given_at__isnull=True).exists()
        assert not ContactPerson.objects.filter(consent_text="").exists()
        assert set(ContactPerson.objects.values_list("consent_recorded_by", flat=True)) == {
            accounts["state_admin"].pk
        }
        assert all(
            email.endswith(".example")
            for email in ContactPerson.objects.values_list("email", flat=True)
        )


def test_firms_are_the_same_for_the_same_seed(region):
    places = KreisPlaces({region.code: region})

    def names(seed):
        return [
            (item.organisation.name, item.organisation.employees, item.industry_codes)
            for item in build_firms(random.Random(seed), places, 30, {})
        ]

    assert names(7) == names(7)
    assert names(7) != names(8)
    assert len({name for name, _, _ in names(7)}) == 30


def test_load_demo_runs_the_apps_once_and_then_reuses(settings):
    settings.DEMO = True
    assert not is_loaded()
    steps = []
    result = load_demo(progress=steps.append)
    assert result.created
    assert steps[:3] == ["reference", "accounts", "directory"]
    assert steps[3:] == result.apps
    order = ["dialogue", "monitoring", "networks", "analytics"]
    assert result.apps == [app for app in order if app in result.apps]
    assert result.counts["initiatives"] == 25 and result.counts["organisations"] == 250
    assert Region.objects.filter(level="kreis").count() == 44
    again = load_demo()
    assert not again.created and again.counts == result.counts


def test_seed_demo_command_needs_a_demo_installation(settings):
    settings.DEMO = False
    with pytest.raises(CommandError, match="CLUSTERDIALOG_DEMO=1"):
        call_command("seed_demo")


# --- scale seeding -------------------------------------------------------------------------------


def test_seed_scale_command_at_one_percent(capsys):
    call_command("seed_scale", "--scale", "0.01")
    # hand-computed: 1 % of 1,000 / 50,000 / 200,000 / 5,000
    assert Initiative.objects.filter(slug__startswith=SCALE_PREFIX).count() == 10
    assert Organisation.objects.filter(slug__startswith=SCALE_PREFIX).count() == 500
    assert Membership.objects.count() == 2000
    from clusterdialog.web.dialogue.models import Event

    assert Event.objects.count() == 50
    output = capsys.readouterr().out
    assert "Seeded 10 initiatives, 500 organisations, 2,000 memberships, 50 events" in output
    # every initiative has its links, every pair occurs once
    for initiative in Initiative.objects.all():
        assert initiative.regions.exists() and initiative.technology_fields.exists()
    pairs = Membership.objects.values_list("organisation", "initiative")
    assert len(set(pairs)) == 2000
    assert Organisation.objects.filter(industries__isnull=True).count() == 0
    # the ids continue after the seeded ones (PostgreSQL sequences reset)
    extra = Organisation.objects.create(
        name="Nach dem Seeding", slug="nach-dem-seeding", type="other"
    )
    assert extra.pk > Organisation.objects.exclude(pk=extra.pk).order_by("-pk")[0].pk


def test_seed_scale_is_deterministic_and_refuses_a_second_run():
    seed_scale(initiatives=5, organisations=40, memberships=60, events=0, seed=11)
    first = list(Organisation.objects.order_by("pk").values_list("name", "city", "employees"))
    links = sorted(Membership.objects.values_list("organisation__slug", "initiative__slug"))
    with pytest.raises(InputError, match="scale records already"):
        seed_scale(initiatives=5, organisations=40, memberships=60, events=0, seed=11)
    Membership.objects.all().delete()
    Initiative.objects.all().delete()
    Organisation.objects.all().delete()
    seed_scale(initiatives=5, organisations=40, memberships=60, events=0, seed=11)
    assert list(Organisation.objects.order_by("pk").values_list("name", "city", "employees")) == (
        first
    )
    assert sorted(Membership.objects.values_list("organisation__slug", "initiative__slug")) == (
        links
    )


def test_seed_scale_rejects_bad_counts():
    with pytest.raises(InputError, match="organisations must be a whole number"):
        seed_scale(organisations=-1)
    with pytest.raises(InputError, match="at most 6 distinct pairs"):
        seed_scale(initiatives=2, organisations=3, memberships=7, events=0)
    with pytest.raises(CommandError, match="--scale must be greater than 0"):
        call_command("seed_scale", "--scale", "0")
