"""Walk every URL pattern of the platform on the demo content.

For each pattern the walk finds arguments under which the state administrator
gets a page (real slugs and ids of the demo records), then asks again as an
anonymous visitor: pages not listed in :data:`PUBLIC` must refuse (redirect to
the sign-in page, 401, 403 or 404), public pages must answer.  A new page is
non-public until it is listed here, so nothing becomes public by accident.
The API has its own tests (tests/web/test_api_permissions.py, test_openapi.py).
"""

from __future__ import annotations

import itertools
import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from clusterdialog.web.accounts.models import User

#: URL names anonymous visitors may open (published content, sign-in, language, map data).
PUBLIC = {
    "home",
    "set_language",
    "javascript-catalog",
    "accounts:login",
}
#: Public pages are the ones whose name matches these patterns (lists, profiles, map, calendar).
PUBLIC_PATTERNS = [
    r"directory:(initiative|organisation)_(list|detail)",
    r"directory:atlas(_data)?",
    r"directory:index",
    r"dialogue:(index|event_list|event_detail|event_ical|calendar)",
    # official statistics of a published initiative's field, the KPI definitions, and
    # published joint projects (public funding data) are public by design
    r"analytics:observation",
    r"monitoring:kpi_list",
    r"networks:project_(list|detail)",
]
#: Pages that only answer POST (actions); anonymous POSTs are checked instead of GETs.
REFUSED = {302, 401, 403, 404, 405}


def is_public(name: str) -> bool:
    return name in PUBLIC or any(re.fullmatch(p, name) for p in PUBLIC_PATTERNS)


def patterns(resolver=None, prefix="", namespace=""):
    """(name, pattern) for every named URL pattern outside the API."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            if inner == "api" or str(entry.pattern).startswith("api/"):
                continue
            full = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from patterns(entry, prefix + str(entry.pattern), full)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, entry


def candidate_values() -> dict[str, list]:
    """Values for URL arguments, by converter kind: slugs, codes and ids of the demo records."""
    slugs: list[str] = []
    ints: list[int] = []
    strings: list[str] = []
    for model in apps.get_models():
        if model._meta.app_label not in {
            "directory", "dialogue", "monitoring", "networks", "analytics",
        } or model.__name__.startswith("Historical"):  # fmt: skip
            continue
        first = model.objects.order_by("pk").first()
        if first is None:
            continue
        ints.append(first.pk)
        for field in ("slug", "code", "key"):
            value = getattr(first, field, None)
            if isinstance(value, str):
                (slugs if field == "slug" else strings).append(value)
    ints = list(dict.fromkeys(ints + [1, 2024, 2025]))
    return {"int": ints, "slug": list(dict.fromkeys(slugs)), "str": strings + slugs}


def urls_for(name: str, pattern: URLPattern, values: dict[str, list]):
    """Every combination of candidate arguments for the pattern (capped)."""
    converters = dict(pattern.pattern.converters)
    regex_groups = getattr(pattern.pattern, "regex", None)
    if not converters and regex_groups is not None and regex_groups.groupindex:
        converters = dict.fromkeys(regex_groups.groupindex)  # re_path: try everything
    if not converters:
        yield reverse(name)
        return
    choices = []
    for key, converter in converters.items():
        kind = type(converter).__name__
        if converter is None:
            plain = [str(v) for v in values["int"]] + values["slug"] + ["csv", "xlsx", "json"]
            choices.append([(key, v) for v in plain])
        elif kind == "IntConverter":
            choices.append([(key, v) for v in values["int"]])
        elif kind == "SlugConverter":
            choices.append([(key, v) for v in values["slug"]])
        else:
            choices.append([(key, v) for v in values["str"] + values["slug"]])
    for combination in itertools.islice(itertools.product(*choices), 400):
        try:
            yield reverse(name, kwargs=dict(combination))
        except Exception:  # noqa: BLE001 (an argument that does not fit the pattern)
            continue


@pytest.mark.django_db
def test_every_non_public_page_refuses_anonymous_visitors(client, settings):
    from clusterdialog.web.seeding.demo import load_demo

    settings.DEMO = True  # the demo accounts' password "demo" is accepted only in demo mode
    load_demo()
    admin = User.objects.get(email="ministry@demo.local")
    values = candidate_values()
    checked, unreachable, leaks = [], [], []
    for name, pattern in sorted(patterns(), key=lambda item: item[0]):
        if name in ("set_language", "accounts:logout"):
            continue
        reached = None
        client.force_login(admin)
        for url in urls_for(name, pattern, values):
            response = client.get(url)
            if response.status_code in (200, 405):
                reached = (url, response.status_code)
                break
        client.logout()
        if reached is None:
            unreachable.append(name)
            continue
        url, admin_status = reached
        anonymous = client.get(url) if admin_status == 200 else client.post(url)
        checked.append(name)
        if is_public(name):
            if admin_status == 200 and anonymous.status_code != 200:
                leaks.append(f"{name} {url}: public page answers {anonymous.status_code}")
        elif anonymous.status_code not in REFUSED or (
            anonymous.status_code == 302 and "/konto/anmelden/" not in anonymous["Location"]
        ):
            leaks.append(f"{name} {url}: anonymous visitor got {anonymous.status_code}")
    assert not leaks, "\n".join(leaks)
    # the walk must really reach the pages: at most a few need arguments it cannot guess
    assert len(checked) >= 0.8 * (len(checked) + len(unreachable)), unreachable
