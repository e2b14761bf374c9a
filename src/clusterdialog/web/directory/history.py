"""Audit history of initiatives and organisations: one record per save, readable diffs.

django-simple-history writes a historical record on every ``save()`` and on
every change of a tracked many-to-many field.  A form that changes three
fields and two relations would leave three records; :func:`save_tracked`
leaves exactly one per user action, holding the final state.
:func:`history_entries` turns the records into "who, when, what changed"
with ``diff_against`` of each record with the one before it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.core.paginator import Paginator
from django.db import models, transaction
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.utils import get_m2m_reverse_field_name

__all__ = ["EXCLUDED_FIELDS", "history_entries", "save_tracked"]

#: Fields left out of the diffs (bookkeeping, not content).
EXCLUDED_FIELDS = ("created", "updated", "is_demo")
_PAGE_SIZE = 20
#: Whole numbers shown without thousands separator.
_YEAR_FIELDS = {"founding_year"}


@transaction.atomic
def save_tracked(instance: models.Model, set_relations: Callable[[], None] | None = None):
    """Save ``instance`` and its relations, leaving one historical record.

    Parameters
    ----------
    instance : Initiative or Organisation
        The record, changed but not yet saved.
    set_relations : callable, optional
        Sets the many-to-many relations once the record has a primary key
        (e.g. a ModelForm's ``save_m2m``).

    Notes
    -----
    The first save and the relations are written without history; a final
    save writes one record with the complete state.  For a new record that one
    record is marked as the creation (``+``).
    """
    creating = instance.pk is None
    instance.skip_history_when_saving = True
    try:
        instance.save()
        if set_relations is not None:
            set_relations()
    finally:
        del instance.skip_history_when_saving
    instance.save()
    if creating:
        latest = instance.history.order_by("-history_id").values_list("history_id", flat=True)[:1]
        type(instance).history.model.objects.filter(history_id__in=list(latest)).update(
            history_type="+"
        )
    return instance


def _display(field, value, names: dict) -> str:
    """A readable value of ``field`` for the history page."""
    if value is None or value == "" or value == []:
        return "—"
    if field.many_to_many:
        return ", ".join(sorted(names.get((field.related_model, pk), str(pk)) for pk in value))
    if field.is_relation:
        return names.get((field.related_model, value), str(value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field.name in _YEAR_FIELDS:
        return str(value)
    if isinstance(value, int | float | Decimal):
        return number_format(value)
    return str(value)


def history_entries(instance: models.Model, page_number) -> tuple[list[dict], object]:
    """The entries of one page of ``instance``'s history, newest first.

    Each entry: ``date``, ``user``, ``kind`` (created/changed/deleted) and
    ``changes``, a list of ``(label, old, new)`` from ``diff_against``.
    Returns the entries and the page (for the pagination links).
    """
    model = type(instance)
    records = instance.history.select_related("history_user").order_by(
        "-history_date", "-history_id"
    )
    page = Paginator(records, _PAGE_SIZE).get_page(page_number)
    shown = list(page.object_list)
    # the record just before the oldest shown one, to diff it too
    older = records.filter(history_id__lt=shown[-1].history_id).first() if shown else None
    pairs = list(zip(shown, [*shown[1:], older], strict=True))
    raw: list[tuple[object, list]] = []
    wanted: dict[type, set] = {}
    for record, previous in pairs:
        if previous is None or record.history_type == "+":
            raw.append((record, []))
            continue
        delta = record.diff_against(previous, excluded_fields=EXCLUDED_FIELDS)
        changes = []
        for change in delta.changes:
            field = model._meta.get_field(change.field)
            old, new = change.old, change.new
            if field.many_to_many:
                key = get_m2m_reverse_field_name(field)
                old = [row[key] for row in old]
                new = [row[key] for row in new]
                wanted.setdefault(field.related_model, set()).update(old + new)
            elif field.is_relation:
                wanted.setdefault(field.related_model, set()).update(
                    v for v in (old, new) if v is not None
                )
            changes.append((field, old, new))
        raw.append((record, changes))
    names = {}
    for related, pks in wanted.items():
        for obj in related.objects.filter(pk__in=pks):
            names[(related, obj.pk)] = str(obj)
    kinds = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
    entries = []
    for record, changes in raw:
        entries.append(
            {
                "when": record.history_date,
                "user": record.history_user,
                "kind": kinds.get(record.history_type, record.history_type),
                "changes": [
                    (
                        capfirst(str(field.verbose_name)),
                        _display(field, old, names),
                        _display(field, new, names),
                    )
                    for field, old, new in changes
                ],
            }
        )
    return entries, page
