"""Schemas of the analytics API."""

from __future__ import annotations

import datetime

from ninja import Schema

__all__ = ["DatasetOut", "DatasetList", "ObservationRow", "ObservationOut"]


class DatasetOut(Schema):
    id: int
    name: str
    source: str
    sha256: str
    reader: str
    table: str
    credit: str
    rows: int
    regions: int
    industries: int
    periods: list[int]
    package_version: str
    active: bool
    created: datetime.datetime


class DatasetList(Schema):
    count: int
    items: list[DatasetOut]


class ObservationRow(Schema):
    region: str
    region_name: str | None = None
    industry: str
    period: int
    employment: float | None
    lq: float | None
    growth_percent: float | None
    stars: int | None
    size_star: bool | None
    specialisation_star: bool | None
    focus_star: bool | None


class ObservationOut(Schema):
    initiative: str
    dataset: int | None
    credit: str
    industries: list[str]
    regions: list[str]
    message: str
    computed_at: datetime.datetime | None
    rows: list[ObservationRow]
