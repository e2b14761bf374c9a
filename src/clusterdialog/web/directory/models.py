"""The directory of the Cluster-Dialog: who is who, where, and in which initiative.

Initiatives and organisations keep an audit history of every change
(django-simple-history); contact persons are personal data with recorded
consent and are deleted for real on request, so they have no history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

__all__ = [
    "RegionLevel",
    "Region",
    "Industry",
    "TechnologyField",
    "FundingSource",
    "OrganisationType",
    "Organisation",
    "InitiativeStatus",
    "LegalForm",
    "Initiative",
    "MembershipRole",
    "Membership",
    "ContactPerson",
]


class BilingualName(models.Model):
    """Abstract base: a German and an English name, shown in the active language."""

    name_de = models.CharField(_("name (German)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self) -> str:
        if (get_language() or "de").startswith("en") and self.name_en:
            return self.name_en
        return self.name_de

    def __str__(self) -> str:
        return self.name


class RegionLevel(models.TextChoices):
    STATE = "state", _("State (Land)")
    DISTRICT = "district", _("Administrative district (Regierungsbezirk)")
    KREIS = "kreis", _("District (Kreis)")
    MUNICIPALITY = "municipality", _("Municipality (Gemeinde)")


class Region(models.Model):
    """A territorial unit keyed by its official key (AGS/ARS), in a hierarchy."""

    code = models.CharField(_("official key"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    #: GeoJSON geometry (EPSG:4326), simplified for the atlas; optional.
    geometry = models.JSONField(_("geometry"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "code"])]

    def __str__(self) -> str:
        return self.name


class Industry(BilingualName):
    """An industry of the WZ 2008 classification (section, division, group …)."""

    code = models.CharField(_("WZ 2008 code"), max_length=10, unique=True)
    level = models.PositiveSmallIntegerField(_("level"), default=1)

    class Meta:
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class TechnologyField(BilingualName):
    """A technology field (e.g. Mobility, Health, Photonics)."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("technology field")
        verbose_name_plural = _("technology fields")
        ordering = ["name_de"]


class FundingSource(BilingualName):
    """A funding source of initiatives (state programme, EU, members' fees …)."""

    class Kind(models.TextChoices):
        STATE = "state", _("State")
        FEDERAL = "federal", _("Federal")
        EU = "eu", _("EU")
        MUNICIPAL = "municipal", _("Municipal")
        MEMBERS = "members", _("Members' fees")
        PRIVATE = "private", _("Private")

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["name_de"]


class OrganisationType(models.TextChoices):
    FIRM_SME = "firm_sme", _("Firm (SME)")
    FIRM_LARGE = "firm_large", _("Firm (large)")
    UNIVERSITY = "university", _("University")
    RESEARCH = "research", _("Research institute")
    CHAMBER = "chamber", _("Chamber")
    ASSOCIATION = "association", _("Association")
    AGENCY = "agency", _("Economic development agency")
    PUBLIC = "public", _("Public body")
    INVESTOR = "investor", _("Investor")
    OTHER = "other", _("Other")


class Organisation(models.Model):
    """A firm, university, institute, chamber, agency … with its location and industries."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("address name"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    description = models.TextField(_("description"), blank=True)
    industries = models.ManyToManyField(
        Industry, verbose_name=_("industries (WZ 2008)"), blank=True, related_name="organisations"
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region (Kreis)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("representatives"),
        blank=True,
        related_name="represented_organisations",
    )
    published = models.BooleanField(_("published"), default=True)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[industries])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [models.Index(fields=["published", "name"]), models.Index(fields=["type"])]

    def __str__(self) -> str:
        return self.name


class InitiativeStatus(models.TextChoices):
    FORMING = "forming", _("Being formed")
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    CLOSED = "closed", _("Closed")


class LegalForm(models.TextChoices):
    ASSOCIATION = "ev", _("Registered association (e.V.)")
    GMBH = "gmbh", _("Limited company (GmbH)")
    COOPERATIVE = "eg", _("Cooperative (eG)")
    PROJECT = "project", _("Funded project")
    AGENCY = "agency", _("Part of an agency or chamber")
    INFORMAL = "informal", _("Informal network")
    OTHER = "other", _("Other")


class Initiative(models.Model):
    """A cluster initiative or network: its profile, regions, management and funding."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("address name"), max_length=255, unique=True)
    description = models.TextField(_("description"), blank=True)
    technology_fields = models.ManyToManyField(
        TechnologyField, verbose_name=_("technology fields"), blank=True, related_name="initiatives"
    )
    industries = models.ManyToManyField(
        Industry, verbose_name=_("industries (WZ 2008)"), blank=True, related_name="initiatives"
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("regions covered"), blank=True, related_name="initiatives"
    )
    founding_year = models.PositiveSmallIntegerField(_("founding year"), null=True, blank=True)
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, blank=True
    )
    management_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("management organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_initiatives",
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cluster managers"),
        blank=True,
        related_name="managed_initiatives",
    )
    management_staff_fte = models.DecimalField(
        _("management staff (FTE)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    funding_sources = models.ManyToManyField(
        FundingSource, verbose_name=_("funding sources"), blank=True, related_name="initiatives"
    )
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.ACTIVE,
    )
    published = models.BooleanField(_("published"), default=False)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(
        m2m_fields=[technology_fields, industries, regions, funding_sources]
    )

    class Meta:
        verbose_name = _("cluster initiative")
        verbose_name_plural = _("cluster initiatives")
        ordering = ["name"]
        indexes = [models.Index(fields=["published", "name"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    FOUNDING = "founding", _("Founding member")
    BOARD = "board", _("Board member")
    PARTNER = "partner", _("Associated partner")
    MANAGEMENT = "management", _("Management")


class Membership(models.Model):
    """An organisation's membership in an initiative, with its period and role."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    since = models.DateField(_("member since"), null=True, blank=True)
    until = models.DateField(_("member until"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["initiative", "organisation"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(until__isnull=True)
                | models.Q(since__isnull=True)
                | models.Q(until__gte=models.F("since")),
                name="membership_until_after_since",
            ),
            models.UniqueConstraint(
                fields=["organisation", "initiative", "since"], name="membership_unique_period"
            ),
        ]
        indexes = [models.Index(fields=["initiative", "until"])]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.initiative}"


class ContactPerson(models.Model):
    """A contact person of an organisation or initiative (personal data, with consent)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    public = models.BooleanField(_("shown on the public profile"), default=False)
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_text = models.TextField(_("wording of the consent"), blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | models.Q(initiative__isnull=False),
                name="contact_belongs_somewhere",
            )
        ]

    def __str__(self) -> str:
        return self.name
