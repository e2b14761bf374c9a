"""Template filters of the dialogue app: safe markup, percentages, file sizes."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from clusterdialog.web.dialogue.markup import render_markup

register = template.Library()


@register.filter
def markup(text: str):
    """Render user text with the markdown-lite conventions (everything escaped)."""
    return render_markup(text)


@register.filter
def percent(value, digits: int = 0) -> str:
    """A share 0–1 as a percentage in the active locale (``0.25`` → ``25 %``)."""
    if value is None or value == "":
        return "–"
    return f"{number_format(float(value) * 100, int(digits))}\u00a0%"


@register.filter
def decimal(value, digits: int = 1) -> str:
    """A number with ``digits`` decimals in the active locale; ``–`` for none."""
    if value is None or value == "":
        return "–"
    return number_format(float(value), int(digits))


@register.filter
def megabytes(size: int) -> str:
    """A file size in the active locale: KB below 100 KB (at least 1), else MB with one
    decimal."""
    size = size or 0
    if size < 100 * 1024:
        return f"{max(1, round(size / 1024))}\u00a0KB"
    return f"{number_format(size / 1024 / 1024, 1)}\u00a0MB"
