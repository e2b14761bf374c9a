"""Statistics loaded into the platform and the stored observation runs computed from them.

A :class:`StatisticsDataset` is a long regional table (region × industry ×
period → employment) kept as a Parquet file under ``MEDIA_ROOT`` with its
provenance (source, SHA-256 of the input, reader, publisher's credit line,
package version).  An :class:`ObservationRun` stores what
:func:`clusterdialog.monitoring.field_observation` returned for one initiative's
industries and regions on one dataset; it is keyed by a hash of its inputs and
recomputed only when the dataset or the initiative's industries or regions change.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdialog.web.directory.models import Initiative

__all__ = ["DatasetSource", "StatisticsDataset", "ObservationRun"]


class DatasetSource(models.TextChoices):
    DEMO = "demo", _("Demo data shipped with the platform")
    UPLOAD = "upload", _("Uploaded file")


def dataset_path(instance: StatisticsDataset, filename: str) -> str:
    return f"analytics/datasets/{uuid.uuid4().hex}.parquet"


class StatisticsDataset(models.Model):
    """A regional employment panel with provenance, stored as Parquet."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=DatasetSource.choices)
    file = models.FileField(_("Parquet file"), upload_to=dataset_path, max_length=300)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256 of the input"), max_length=64)
    reader = models.CharField(_("reader"), max_length=40, blank=True)
    table = models.CharField(_("table code"), max_length=100, blank=True)
    credit = models.TextField(_("credit line"), blank=True)
    provenance = models.JSONField(_("provenance"), default=dict, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    regions = models.PositiveIntegerField(_("regions"), default=0)
    industries = models.PositiveIntegerField(_("industries"), default=0)
    periods = models.JSONField(_("periods"), default=list, blank=True)
    package_version = models.CharField(_("package version"), max_length=40, blank=True)
    active = models.BooleanField(
        _("used for the observation"),
        default=True,
        help_text=_("The newest active dataset feeds the initiatives' observation."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("statistics dataset")
        verbose_name_plural = _("statistics datasets")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return self.name


class ObservationRun(models.Model):
    """The stored result of the data-based observation of one initiative on one dataset."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="observation_runs",
    )
    dataset = models.ForeignKey(
        StatisticsDataset,
        verbose_name=_("dataset"),
        on_delete=models.CASCADE,
        related_name="runs",
    )
    #: SHA-256 of dataset hash, industries, regions and package version.
    key = models.CharField(_("input key"), max_length=64)
    industries = models.JSONField(_("industries used"), default=list)
    regions = models.JSONField(_("regions used"), default=list)
    #: Long result records (region, industry, period, employment, lq, growth_percent, stars …).
    result = models.JSONField(_("result"), default=list)
    message = models.TextField(_("message"), blank=True)
    #: Data-quality warnings of the computation (suppressed cells, territorial changes).
    warnings = models.JSONField(_("data-quality warnings"), default=list, blank=True)
    package_version = models.CharField(_("package version"), max_length=40, blank=True)
    created = models.DateTimeField(_("computed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("observation run")
        verbose_name_plural = _("observation runs")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "dataset", "key"], name="observationrun_unique_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative} / {self.dataset}"
