"""Charts of the observation (employment and LQ of the field per region over time)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from clusterdialog.web.monitoring.charts import line_chart

__all__ = ["observation_charts"]


def observation_charts(summary: dict, limit: int = 5) -> list[dict]:
    """Two line charts (employment, location quotient) of the field, one line per region."""
    regions = summary["regions"][:limit]
    if not regions:
        return []
    out = []
    for column, title in (("employment", _("Employment")), ("lq", _("Location quotient"))):
        series = [
            {
                "label": region["name"],
                "points": [(row["period"], row.get(column)) for row in region["rows"]],
            }
            for region in regions
        ]
        out.append({"title": title, "svg": line_chart(series, label=title, width=460)})
    return out
