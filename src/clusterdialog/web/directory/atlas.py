"""Data of the cluster atlas: Kreis shapes shaded by initiatives, initiative markers.

Only published initiatives appear (the atlas is public, and the same answer
for everybody can be cached).  An initiative's marker stands at the mean of
the representative points of the regions it covers; a Kreis counts the
initiatives covering it, directly or through its Regierungsbezirk or Land.
Four queries whatever the number of initiatives; :func:`cached_atlas` keeps
the finished document (and its ETag) in Django's cache, keyed by the filters,
the language and a stamp of the published initiatives (count, highest id,
latest change), so that repeated requests cost two small queries.
"""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache
from django.db.models import Count, Max, Prefetch
from django.urls import reverse
from django.utils.translation import get_language

from clusterdialog.web.directory.models import Initiative, Region, RegionLevel, TechnologyField
from clusterdialog.web.directory.regions import GEOMETRY_CREDIT
from clusterdialog.web.directory.services import (
    InitiativeFilters,
    covered_kreise,
    filter_initiatives,
)

__all__ = ["CACHE_SECONDS", "atlas_initiatives", "atlas_payload", "cached_atlas", "payload_etag"]

#: Longest time a cached atlas document is reused (changes of the Kreise themselves,
#: which the stamp does not see, show after this time).
CACHE_SECONDS = 300


def atlas_initiatives(filters: InitiativeFilters):
    """Published initiatives matching ``filters`` with their regions and fields prefetched."""
    return (
        filter_initiatives(Initiative.objects.filter(published=True), filters)
        .only("pk", "slug", "name")
        .prefetch_related(
            Prefetch(
                "regions",
                queryset=Region.objects.only("pk", "code", "latitude", "longitude"),
            ),
            Prefetch("technology_fields", queryset=TechnologyField.objects.all()),
        )
        .order_by("name", "pk")
    )


def _marker(regions) -> tuple[float | None, float | None]:
    points = [(r.latitude, r.longitude) for r in regions if r.latitude is not None]
    if not points:
        return None, None
    return (
        round(sum(p[0] for p in points) / len(points), 5),
        round(sum(p[1] for p in points) / len(points), 5),
    )


def atlas_payload(filters: InitiativeFilters, initiatives=None) -> dict:
    """The JSON document of ``atlas/daten.json``.

    ``regions``: every Kreis with ``code``, ``name``, ``geometry`` (GeoJSON)
    and ``initiatives`` (how many of the shown initiatives cover it);
    ``initiatives``: ``slug``, ``name``, ``url``, ``latitude``, ``longitude``,
    ``fields`` (names) and ``regions`` (codes); ``credit``: the geometry's
    credit line.
    """
    if initiatives is None:
        initiatives = list(atlas_initiatives(filters))
    kreise = list(
        Region.objects.filter(level=RegionLevel.KREIS)
        .only("code", "name", "geometry")
        .order_by("code")
    )
    kreis_codes = {kreis.code for kreis in kreise}
    counts = dict.fromkeys(kreis_codes, 0)
    url_pattern = reverse("directory:initiative_detail", args=["slug-placeholder"])
    items = []
    for initiative in initiatives:
        regions = list(initiative.regions.all())
        codes = sorted(region.code for region in regions)
        for code in covered_kreise(codes, kreis_codes):
            counts[code] += 1
        latitude, longitude = _marker(regions)
        items.append(
            {
                "slug": initiative.slug,
                "name": initiative.name,
                "url": url_pattern.replace("slug-placeholder", initiative.slug),
                "latitude": latitude,
                "longitude": longitude,
                "fields": [field.name for field in initiative.technology_fields.all()],
                "regions": codes,
            }
        )
    return {
        "credit": GEOMETRY_CREDIT,
        "filters": {"field": filters.field, "industry": filters.industry},
        "regions": [
            {
                "code": kreis.code,
                "name": kreis.name,
                "initiatives": counts[kreis.code],
                "geometry": kreis.geometry,
            }
            for kreis in kreise
        ],
        "initiatives": items,
    }


def cached_atlas(filters: InitiativeFilters) -> tuple[dict, bytes, str]:
    """The atlas document, its JSON body and ETag, from the cache when still current."""
    stamp = Initiative.objects.filter(published=True).aggregate(
        count=Count("pk"), highest=Max("pk"), latest=Max("updated")
    )
    kreise = Region.objects.filter(level=RegionLevel.KREIS).aggregate(
        count=Count("pk"), highest=Max("pk")
    )
    key_source = json.dumps(
        [get_language(), filters.field, filters.industry, stamp, kreise], default=str
    )
    key = "directory:atlas:" + hashlib.sha256(key_source.encode()).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return cached
    payload = atlas_payload(filters)
    body = dumps(payload)
    result = (payload, body, payload_etag(body))
    cache.set(key, result, CACHE_SECONDS)
    return result


def payload_etag(body: bytes) -> str:
    """A strong ETag for a response body (SHA-256, shortened)."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def dumps(payload: dict) -> bytes:
    """Compact UTF-8 JSON."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
