"""Template filters of the monitoring pages: numbers, shares and traffic lights in the locale."""

from __future__ import annotations

import math

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

register = template.Library()

LIGHT_NAMES = {
    "green": _("target met"),
    "yellow": _("target nearly met"),
    "red": _("target missed"),
}


def _finite(value) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else number


@register.filter
def num(value, decimals=2):
    """A number in the locale: whole numbers without decimals, others with up to ``decimals``."""
    number = _finite(value)
    if number is None:
        return "–"
    if number.is_integer():
        return number_format(int(number), 0, force_grouping=True)
    return number_format(round(number, int(decimals)), int(decimals), force_grouping=True)


@register.filter
def percent(value, decimals=0):
    """A share 0–1 as per cent in the locale (``0.8`` → ``80 %``)."""
    number = _finite(value)
    if number is None:
        return "–"
    return f"{number_format(round(number * 100, int(decimals)), int(decimals))} %"


@register.filter
def light(value):
    """A traffic light dot with its meaning as text for screen readers."""
    if value not in LIGHT_NAMES:
        return format_html('<span class="muted">–</span>')
    return format_html(
        '<span class="light {}" role="img" title="{}" aria-label="{}"></span>',
        value,
        LIGHT_NAMES[value],
        LIGHT_NAMES[value],
    )


@register.filter
def get(mapping, key):
    """``mapping[key]`` in templates (``None`` if missing)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def show(value):
    """A value of the history: numbers in the locale, nothing as a dash, the rest as text."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return num(value)
    return value


UNIT_SUFFIXES = {"percent": "%", "eur": "€", "fte": _("FTE")}


@register.filter
def unit(key):
    """The short sign of a unit after a number (nothing for counts and scores)."""
    return UNIT_SUFFIXES.get(key, "")
