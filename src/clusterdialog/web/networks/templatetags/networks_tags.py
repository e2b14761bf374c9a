"""Template filters of the networks app: shares as percentages, labels of library codes."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

register = template.Library()

#: Status and position codes of :mod:`clusterdialog.network` and :mod:`clusterdialog.valuechain`.
LABELS = {
    "missing": _("missing"),
    "under_represented": _("under-represented"),
    "over_represented": _("over-represented"),
    "typical": _("typical"),
    "covered": _("covered by members"),
    "weakly_linked": _("weakly linked"),
    "isolated": _("isolated"),
    "detached": _("detached"),
    "peripheral": _("peripheral"),
    "intermediate": _("intermediate"),
    "core": _("core"),
    "supplier": _("supplier"),
    "customer": _("customer"),
    "business": _("business"),
    "academia": _("science"),
    "government": _("public sector"),
    "other": _("other"),
}


@register.filter
def percent(value, digits: int = 1) -> str:
    """A share (0.417) as a localised percentage (``41,7 %``, ``41.7%``); a dash if missing."""
    if value is None or value == "":
        return "–"
    try:
        number = float(value) * 100
    except (TypeError, ValueError):
        return "–"
    text = number_format(number, int(digits))
    german = (get_language() or "de").startswith("de")
    return f"{text}\u00a0%" if german else f"{text}%"


@register.filter
def number(value, digits: int = 3) -> str:
    """A localised number with ``digits`` decimals; a dash for missing values."""
    if value is None or value == "":
        return "–"
    try:
        return number_format(float(value), int(digits), force_grouping=True)
    except (TypeError, ValueError):
        return "–"


@register.filter
def code_label(value) -> str:
    """The translated label of a status, position, role or sphere code."""
    return str(LABELS.get(value, value))
