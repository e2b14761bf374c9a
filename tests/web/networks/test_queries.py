"""List pages keep a constant number of queries however many rows they show."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clusterdialog.web.accounts.models import Role
from clusterdialog.web.networks.models import Introduction, PartnerSearch, Project

pytestmark = pytest.mark.django_db


def _fill(n: int, make_organisation, requester):
    for i in range(n):
        organisation = make_organisation(f"Org {n}-{i}")
        project = Project.objects.create(title=f"Projekt {n}-{i}")
        project.organisations.add(organisation)
        PartnerSearch.objects.create(
            organisation=organisation, title=f"Suche {i}", text="…", wanted_types=["research"]
        )
        Introduction.objects.create(requester=requester, target=organisation, message="Hallo")


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/netzwerke/projekte/",
        "/netzwerke/partnersuche/",
        "/netzwerke/vorstellungen/",
        "/api/projects",
    ],
)
def test_list_pages_need_the_same_queries_for_2_and_20_rows(
    client, make_user, make_organisation, url, django_assert_max_num_queries
):
    user = make_user(Role.MEMBER)
    client.force_login(user)
    _fill(2, make_organisation, user)
    few = _count(client, url)
    _fill(18, make_organisation, user)
    with django_assert_max_num_queries(few):
        client.get(url)
