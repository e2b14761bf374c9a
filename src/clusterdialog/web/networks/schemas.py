"""Schemas of the networks API (django-ninja)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Field, Schema

from clusterdialog.web.networks.models import ParticipationRole

__all__ = [
    "NetworkEdge",
    "NetworkNode",
    "NetworkOut",
    "ParticipationIn",
    "ParticipationOut",
    "ProjectDetail",
    "ProjectIn",
    "ProjectList",
    "ProjectOut",
    "ProjectPatch",
]


class ParticipationOut(Schema):
    organisation: str | None = Field(description="The organisation's address name (slug)")
    name: str
    role: str
    contribution: Decimal | None = None


class ProjectOut(Schema):
    id: int
    title: str
    acronym: str
    start: date | None = None
    end: date | None = None
    programme: str
    total_funding: Decimal | None = None
    source: str
    external_id: str
    published: bool
    participants: int


class ProjectDetail(ProjectOut):
    description: str
    participations: list[ParticipationOut]


class ProjectList(Schema):
    count: int
    items: list[ProjectOut]


class ParticipationIn(Schema):
    organisation: str = Field(description="The organisation's address name (slug)")
    role: ParticipationRole = ParticipationRole.PARTICIPANT
    contribution: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)


class ProjectIn(Schema):
    title: str = Field(min_length=1, max_length=500)
    acronym: str = Field("", max_length=60)
    description: str = ""
    start: date | None = None
    end: date | None = None
    programme: str = Field("", max_length=200)
    total_funding: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    published: bool = True
    participations: list[ParticipationIn] = []


class ProjectPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=500)
    acronym: str | None = Field(None, max_length=60)
    description: str | None = None
    start: date | None = None
    end: date | None = None
    programme: str | None = Field(None, max_length=200)
    total_funding: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    published: bool | None = None
    participations: list[ParticipationIn] | None = Field(
        None, description="Replaces the whole list of participants when given"
    )


class NetworkNode(Schema):
    id: str
    name: str
    slug: str | None = None
    type: str | None = None
    type_label: str
    member: bool
    degree: int
    strength: float | None = None
    betweenness: float | None = None
    eigenvector: float | None = None
    closeness: float | None = None
    constraint: float | None = None
    effective_size: float | None = None
    component: int | None = None
    community: int | None = None
    coreness: int | None = None


class NetworkEdge(Schema):
    source: str
    target: str
    weight: float


class NetworkOut(Schema):
    initiative: str
    year: int | None = None
    computed: str
    input_hash: str
    version: str
    summary: dict
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
