"""Request and response schemas of the directory API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Schema
from pydantic import AfterValidator, Field

from clusterdialog.web.directory.models import (
    InitiativeStatus,
    LegalForm,
    MembershipRole,
    OrganisationType,
    RegionLevel,
)

__all__ = [
    "InitiativeIn",
    "InitiativeList",
    "InitiativeOut",
    "InitiativePatch",
    "MembershipIn",
    "MembershipList",
    "MembershipOut",
    "MembershipPatch",
    "OrganisationIn",
    "OrganisationList",
    "OrganisationOut",
    "OrganisationPatch",
    "RegionList",
    "RegionOut",
    "Text",
]


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    return value


#: A string without NUL characters (PostgreSQL cannot store them).
Text = Annotated[str, AfterValidator(_no_nul)]
Slug = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]+$", max_length=255)]
Status = Literal[tuple(InitiativeStatus.values)]  # type: ignore[valid-type]
Legal = Literal[("", *LegalForm.values)]  # type: ignore[valid-type]
OrgType = Literal[tuple(OrganisationType.values)]  # type: ignore[valid-type]
Role = Literal[tuple(MembershipRole.values)]  # type: ignore[valid-type]
Level = Literal[tuple(RegionLevel.values)]  # type: ignore[valid-type]
Name = Annotated[Text, Field(min_length=1, max_length=255)]
Year = Annotated[int, Field(ge=1900, le=2100)]
Fte = Annotated[Decimal, Field(ge=0, max_digits=5, decimal_places=2)]
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]
Codes = Annotated[list[Annotated[Text, Field(max_length=255)]], Field(max_length=500)]


class InitiativeOut(Schema):
    slug: str
    name: str
    url: str
    description: str
    technology_fields: list[str] = Field(description="slugs of the technology fields")
    industries: list[str] = Field(description="WZ 2008 codes")
    regions: list[str] = Field(description="official region keys")
    founding_year: int | None
    legal_form: str
    management_organisation: str | None = Field(description="slug of the organisation")
    management_staff_fte: float | None
    funding_sources: list[str] = Field(description="slugs of the funding sources")
    website: str
    status: str
    published: bool
    updated: dt.datetime


class InitiativeList(Schema):
    count: int
    items: list[InitiativeOut]


class InitiativeIn(Schema):
    name: Name
    slug: Slug | None = None
    description: Annotated[Text, Field(max_length=20000)] = ""
    technology_fields: Codes = []
    industries: Codes = []
    regions: Codes = []
    founding_year: Year | None = None
    legal_form: Legal = ""
    management_organisation: Slug | None = None
    management_staff_fte: Fte | None = None
    funding_sources: Codes = []
    website: Annotated[Text, Field(max_length=200)] = ""
    status: Status = InitiativeStatus.ACTIVE.value
    published: bool = False
    managers: list[Annotated[Text, Field(max_length=254)]] | None = Field(
        None, description="e-mail addresses of the cluster managers (state administrator only)"
    )


class InitiativePatch(Schema):
    name: Name | None = None
    description: Annotated[Text, Field(max_length=20000)] | None = None
    technology_fields: Codes | None = None
    industries: Codes | None = None
    regions: Codes | None = None
    founding_year: Year | None = None
    legal_form: Legal | None = None
    management_organisation: Slug | None = None
    management_staff_fte: Fte | None = None
    funding_sources: Codes | None = None
    website: Annotated[Text, Field(max_length=200)] | None = None
    status: Status | None = None
    published: bool | None = None
    managers: list[Annotated[Text, Field(max_length=254)]] | None = None


class OrganisationOut(Schema):
    slug: str
    name: str
    url: str
    type: str
    description: str
    industries: list[str] = Field(description="WZ 2008 codes")
    region: str | None = Field(description="official key of the Kreis")
    city: str
    postcode: str
    street: str
    latitude: float | None
    longitude: float | None
    website: str
    employees: int | None
    published: bool
    updated: dt.datetime


class OrganisationList(Schema):
    count: int
    items: list[OrganisationOut]


class OrganisationIn(Schema):
    name: Name
    slug: Slug | None = None
    type: OrgType
    description: Annotated[Text, Field(max_length=20000)] = ""
    industries: Codes = []
    region: Annotated[Text, Field(max_length=12)] | None = None
    city: Annotated[Text, Field(max_length=120)] = ""
    postcode: Annotated[Text, Field(max_length=10)] = ""
    street: Annotated[Text, Field(max_length=200)] = ""
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    website: Annotated[Text, Field(max_length=200)] = ""
    employees: Annotated[int, Field(ge=0, le=2_000_000_000)] | None = None
    published: bool = True
    representatives: list[Annotated[Text, Field(max_length=254)]] | None = Field(
        None, description="e-mail addresses of the representatives (state administrator only)"
    )


class OrganisationPatch(Schema):
    name: Name | None = None
    type: OrgType | None = None
    description: Annotated[Text, Field(max_length=20000)] | None = None
    industries: Codes | None = None
    region: Annotated[Text, Field(max_length=12)] | None = None
    city: Annotated[Text, Field(max_length=120)] | None = None
    postcode: Annotated[Text, Field(max_length=10)] | None = None
    street: Annotated[Text, Field(max_length=200)] | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    website: Annotated[Text, Field(max_length=200)] | None = None
    employees: Annotated[int, Field(ge=0, le=2_000_000_000)] | None = None
    published: bool | None = None
    representatives: list[Annotated[Text, Field(max_length=254)]] | None = None


class MembershipOut(Schema):
    id: int
    initiative: str = Field(description="slug of the initiative")
    organisation: str = Field(description="slug of the organisation")
    role: str
    since: dt.date | None
    until: dt.date | None


class MembershipList(Schema):
    count: int
    items: list[MembershipOut]


class MembershipIn(Schema):
    initiative: Slug
    organisation: Slug
    role: Role = MembershipRole.MEMBER.value
    since: dt.date | None = None
    until: dt.date | None = None


class MembershipPatch(Schema):
    role: Role | None = None
    since: dt.date | None = None
    until: dt.date | None = None


class RegionOut(Schema):
    code: str
    name: str
    level: Level
    parent: str | None = Field(None, description="official key of the enclosing region")
    latitude: float | None = None
    longitude: float | None = None
    geometry: dict | None = Field(
        None, description="GeoJSON geometry (WGS84); in the detail or with ?geometry=1"
    )


class RegionList(Schema):
    count: int
    items: list[RegionOut]
