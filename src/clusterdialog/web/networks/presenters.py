"""Stored network runs turned into what pages, the JSON endpoints and the API show.

Names are looked up when shown (not stored in the run), so renamed
organisations show their new name; unpublished organisations are named only
to the administrator and their own representatives.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from clusterdialog.web.directory.models import Organisation, OrganisationType
from clusterdialog.web.networks.models import NetworkSnapshot
from clusterdialog.web.networks.valuechains import SECTOR_NAMES

__all__ = [
    "directory_url",
    "network_payload",
    "organisation_labels",
    "sector_name",
    "type_label",
]

_TYPES = dict(OrganisationType.choices)


def type_label(value: str | None) -> str:
    return str(_TYPES.get(value, value or ""))


def sector_name(code: str) -> str:
    return str(SECTOR_NAMES.get(code, code))


def directory_url(kind: str, slug: str) -> str | None:
    """The directory's profile page of an initiative or organisation (None if not routed)."""
    try:
        return reverse(f"directory:{kind}_detail", kwargs={"slug": slug})
    except NoReverseMatch:
        return None


def organisation_labels(ids: Iterable[str | int], user) -> dict[str, dict]:
    """id text → ``name``, ``slug``, ``published``, ``url`` as ``user`` may see them."""
    keys = {int(i) for i in ids}
    admin = bool(user and user.is_authenticated and user.has_perm("directory.delete_organisation"))
    own = set()
    if user is not None and user.is_authenticated and not admin:
        own = set(user.represented_organisations.filter(pk__in=keys).values_list("pk", flat=True))
    out = {}
    for pk, name, slug, published in Organisation.objects.filter(pk__in=keys).values_list(
        "pk", "name", "slug", "published"
    ):
        shown = published or admin or pk in own
        out[str(pk)] = {
            "name": name if shown else _("Unpublished organisation"),
            "slug": slug if shown else None,
            "published": published,
            "url": directory_url("organisation", slug) if shown else None,
            "network_url": reverse("networks:organisation", kwargs={"slug": slug})
            if shown
            else None,
        }
    return out


def network_payload(snapshot: NetworkSnapshot, user, members: Iterable[str] = ()) -> dict:
    """Nodes with metrics and names, edges and summary of a stored run (JSON-safe)."""
    metrics = snapshot.metrics
    nodes = metrics.get("nodes", [])
    labels = organisation_labels([n["organisation"] for n in nodes], user)
    member_set = {str(m) for m in members}
    ego = metrics.get("ego")
    out_nodes = []
    for node in nodes:
        key = node["organisation"]
        label = labels.get(key, {"name": _("Deleted organisation"), "slug": None, "url": None})
        out_nodes.append(
            {
                **node,
                "id": key,
                "name": label["name"],
                "slug": label.get("slug"),
                "url": label.get("url") or label.get("network_url"),
                "type_label": type_label(node.get("type")),
                "member": key in member_set,
                "ego": key == ego,
            }
        )
    return {
        "scope": snapshot.scope,
        "year": snapshot.year,
        "computed": snapshot.created.isoformat(),
        "input_hash": snapshot.input_hash,
        "version": snapshot.version,
        "summary": metrics.get("summary", {}),
        "nodes": out_nodes,
        "edges": [{"id": f"{e['source']}-{e['target']}", **e} for e in metrics.get("edges", [])],
    }
