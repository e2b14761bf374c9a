"""Collaboration data of the platform: joint projects, partner searches, introductions.

Networks are of organisations only (never of persons): a :class:`Project` links
the directory's organisations through :class:`ProjectParticipation` rows, next
to the initiatives' memberships and the dialogue's event attendance.  Heavy
analyses are stored runs (:class:`NetworkSnapshot`, :class:`ValueChainRun`),
keyed by a hash of their input, so a page shows a stored result until the data
change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from clusterdialog.web.directory.models import (
    Industry,
    Initiative,
    Organisation,
    OrganisationType,
    TechnologyField,
)

__all__ = [
    "ProjectSource",
    "Project",
    "ParticipationRole",
    "ProjectParticipation",
    "IdentifierScheme",
    "OrganisationIdentifier",
    "PartnerSearchStatus",
    "PartnerSearch",
    "IntroductionStatus",
    "Introduction",
    "NotificationKind",
    "Notification",
    "SnapshotScope",
    "NetworkSnapshot",
    "ValueChainRun",
]


class ProjectSource(models.TextChoices):
    MANUAL = "manual", _("Entered on the platform")
    IMPORT = "import", _("Imported participation list")
    CORDIS = "cordis", _("CORDIS (EU research framework programmes)")


class Project(models.Model):
    """A joint project of organisations (research, innovation, cooperation)."""

    title = models.CharField(_("title"), max_length=500)
    acronym = models.CharField(_("acronym"), max_length=60, blank=True)
    description = models.TextField(_("description"), blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    programme = models.CharField(_("funding programme"), max_length=200, blank=True)
    total_funding = models.DecimalField(
        _("total funding (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(
        _("source"), max_length=20, choices=ProjectSource.choices, default=ProjectSource.MANUAL
    )
    external_id = models.CharField(_("external identifier"), max_length=80, blank=True)
    organisations = models.ManyToManyField(
        Organisation,
        through="ProjectParticipation",
        verbose_name=_("participating organisations"),
        related_name="projects",
    )
    published = models.BooleanField(_("published"), default=True)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")
        ordering = ["-start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(start__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="project_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="project_unique_external_id",
            ),
        ]
        indexes = [models.Index(fields=["published", "start"])]

    def __str__(self) -> str:
        return f"{self.acronym} – {self.title}" if self.acronym else self.title

    @property
    def start_year(self) -> int | None:
        return self.start.year if self.start else None


class ParticipationRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    PARTICIPANT = "participant", _("Participant")
    PARTNER = "partner", _("Associated partner")


class ProjectParticipation(models.Model):
    """One organisation's part in a joint project."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="participations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="project_participations",
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=ParticipationRole.choices,
        default=ParticipationRole.PARTICIPANT,
    )
    contribution = models.DecimalField(
        _("funding received (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("project participation")
        verbose_name_plural = _("project participations")
        ordering = ["project", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="participation_unique_organisation"
            ),
            models.CheckConstraint(
                condition=models.Q(contribution__isnull=True) | models.Q(contribution__gte=0),
                name="participation_contribution_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} in {self.project_id}"


class IdentifierScheme(models.TextChoices):
    CORDIS_PIC = "cordis_pic", _("CORDIS participant identification code (PIC)")


class OrganisationIdentifier(models.Model):
    """An external identifier of a directory organisation (e.g. its CORDIS PIC)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="external_identifiers",
    )
    scheme = models.CharField(_("scheme"), max_length=20, choices=IdentifierScheme.choices)
    value = models.CharField(_("identifier"), max_length=80)

    class Meta:
        verbose_name = _("external identifier")
        verbose_name_plural = _("external identifiers")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "value"], name="identifier_unique_value")
        ]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.value}"


class PartnerSearchStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class PartnerSearch(models.Model):
    """A post "looking for a partner with …" by an organisation."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("searching organisation"),
        on_delete=models.CASCADE,
        related_name="partner_searches",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="partner_searches",
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("what you are looking for"))
    #: OrganisationType values wanted (empty: any).
    wanted_types = models.JSONField(_("wanted types of organisation"), default=list, blank=True)
    wanted_industries = models.ManyToManyField(
        Industry, verbose_name=_("wanted industries (WZ 2008)"), blank=True, related_name="+"
    )
    technology_fields = models.ManyToManyField(
        TechnologyField, verbose_name=_("technology fields"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PartnerSearchStatus.choices,
        default=PartnerSearchStatus.OPEN,
    )
    is_demo = models.BooleanField(_("demo record"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner search")
        verbose_name_plural = _("partner searches")
        ordering = ["-created"]
        indexes = [models.Index(fields=["status", "created"])]

    def __str__(self) -> str:
        return self.title

    def wanted_type_labels(self) -> list[str]:
        labels = dict(OrganisationType.choices)
        return [str(labels.get(value, value)) for value in self.wanted_types]


class IntroductionStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Introduction(models.Model):
    """A request to be introduced to an organisation, answered by its representatives."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="introductions_requested",
    )
    requester_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introductions_sent",
    )
    target = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation asked"),
        on_delete=models.CASCADE,
        related_name="introductions_received",
    )
    partner_search = models.ForeignKey(
        PartnerSearch,
        verbose_name=_("in reply to the partner search"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introductions",
    )
    message = models.TextField(_("message"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=IntroductionStatus.choices,
        default=IntroductionStatus.REQUESTED,
    )
    response = models.TextField(_("answer"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo record"), default=False)
    created = models.DateTimeField(_("requested at"), auto_now_add=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        ordering = ["-created"]
        indexes = [models.Index(fields=["target", "status"])]

    def __str__(self) -> str:
        return f"{self.requester_id} → {self.target_id} ({self.status})"


class NotificationKind(models.TextChoices):
    INTRODUCTION_REQUESTED = "introduction_requested", _("Introduction requested")
    INTRODUCTION_ACCEPTED = "introduction_accepted", _("Introduction accepted")
    INTRODUCTION_DECLINED = "introduction_declined", _("Introduction declined")


class Notification(models.Model):
    """A message for one user, shown on the start page until read."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="network_notifications",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=NotificationKind.choices)
    introduction = models.ForeignKey(
        Introduction,
        verbose_name=_("introduction"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"


class SnapshotScope(models.TextChoices):
    INITIATIVE = "initiative", _("Initiative")
    ORGANISATION = "organisation", _("Organisation")
    ALL = "all", _("All organisations")


class NetworkSnapshot(models.Model):
    """A stored network analysis: metrics, communities and gaps of one scope and year.

    ``input_hash`` is the SHA-256 of the participation table the run used, so a
    page reuses the stored run while the data are unchanged.
    """

    scope = models.CharField(_("scope"), max_length=20, choices=SnapshotScope.choices)
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="network_snapshots",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="network_snapshots",
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    input_hash = models.CharField(_("hash of the input"), max_length=64)
    parameters = models.JSONField(_("parameters"), default=dict)
    metrics = models.JSONField(_("computed metrics"), default=dict)
    version = models.CharField(_("software version"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("computed for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("computed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("network snapshot")
        verbose_name_plural = _("network snapshots")
        ordering = ["-created"]
        indexes = [models.Index(fields=["scope", "initiative", "organisation", "year"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.initiative_id or self.organisation_id or ''} {self.year or ''}"


class ValueChainRun(models.Model):
    """A stored value-chain analysis of an initiative (suppliers, customers, gaps)."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="value_chain_runs",
    )
    input_hash = models.CharField(_("hash of the input"), max_length=64)
    parameters = models.JSONField(_("parameters"), default=dict)
    result = models.JSONField(_("result"), default=dict)
    version = models.CharField(_("software version"), max_length=40, blank=True)
    created = models.DateTimeField(_("computed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("value-chain analysis")
        verbose_name_plural = _("value-chain analyses")
        ordering = ["-created"]
        indexes = [models.Index(fields=["initiative", "input_hash"])]

    def __str__(self) -> str:
        return f"value chain of {self.initiative_id}"
