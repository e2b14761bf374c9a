"""Query counts of the busy pages do not grow with the number of records (2 vs 20)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterdialog.web.directory.models import (
    ContactPerson,
    FundingSource,
    Industry,
    Membership,
    TechnologyField,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def populate(reference, regions, make_initiative, make_organisation, users):
    """``populate(n)``: n initiatives, each with regions, fields, industries, funding,
    n members and a public contact; n organisations with industries."""
    field = TechnologyField.objects.get(slug="photonik")
    industry = Industry.objects.get(code="26")
    source = FundingSource.objects.get(slug="land-bw")
    counter = iter(range(10_000))

    def make(n: int):
        organisations = []
        for _ in range(n):
            k = next(counter)
            org = make_organisation(f"Org {k}", slug=f"org-{k}", region=regions["08111"])
            org.industries.set([industry])
            organisations.append(org)
        initiatives = []
        for _ in range(n):
            k = next(counter)
            initiative = make_initiative(
                f"Initiative {k}",
                slug=f"ini-{k}",
                managers=[users["manager"]],
                description="photonics network",
            )
            initiative.regions.set([regions["08111"], regions["08115"]])
            initiative.technology_fields.set([field])
            initiative.industries.set([industry])
            initiative.funding_sources.set([source])
            ContactPerson.objects.create(initiative=initiative, name=f"Person {k}", public=True)
            for org in organisations:
                Membership.objects.create(initiative=initiative, organisation=org)
            initiatives.append(initiative)
        return initiatives, organisations

    return make


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(context.captured_queries)


PAGES = [
    ("/verzeichnis/initiativen/", None),
    ("/verzeichnis/initiativen/", {"q": "photonics", "region": "08", "industry": "C"}),
    ("/verzeichnis/organisationen/", None),
    ("/verzeichnis/organisationen/", {"q": "org", "region": "081", "industry": "C"}),
    ("/verzeichnis/atlas/", None),
    ("/verzeichnis/atlas/daten.json", None),
    ("/api/initiatives", None),
    ("/api/organisations", None),
    ("/api/memberships", None),
]


@pytest.mark.parametrize(("url", "params"), PAGES)
@pytest.mark.parametrize("signed_in", [False, True])
def test_list_search_and_atlas_queries_are_constant(
    client, users, populate, url, params, signed_in
):
    if signed_in:
        client.force_login(users["manager"])
    populate(2)
    small = count_queries(client, url, params)
    populate(18)
    large = count_queries(client, url, params)
    assert large == small, f"{url}: {small} queries for 2 records, {large} for 20"


def test_profile_pages_have_constant_queries(
    client, users, populate, django_assert_max_num_queries
):
    (small_initiative, *_), (small_org, *_) = populate(2)
    small = count_queries(client, f"/verzeichnis/initiativen/{small_initiative.slug}/")
    small_org_count = count_queries(client, f"/verzeichnis/organisationen/{small_org.slug}/")
    (large_initiative, *_), (large_org, *_) = populate(20)
    assert count_queries(client, f"/verzeichnis/initiativen/{large_initiative.slug}/") == small
    assert (
        count_queries(client, f"/verzeichnis/organisationen/{large_org.slug}/") == small_org_count
    )
    with django_assert_max_num_queries(small):
        client.get(f"/verzeichnis/initiativen/{large_initiative.slug}/")
