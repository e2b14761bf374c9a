"""Schemas of the monitoring API."""

from __future__ import annotations

import datetime

from ninja import Field, Schema

__all__ = [
    "KpiOut",
    "KpiList",
    "ValueOut",
    "ReportOut",
    "ReportList",
    "ReportCreate",
    "ValueIn",
    "ReportPatch",
    "ReviewIn",
    "BenchmarkRow",
    "TrendPoint",
    "TrendRow",
    "BenchmarkOut",
]


class KpiOut(Schema):
    key: str
    name_de: str
    name_en: str
    unit: str
    definition_de: str
    definition_en: str
    higher_is_better: bool
    frequency: str
    derivable: bool
    active: bool


class KpiList(Schema):
    count: int
    items: list[KpiOut]


class ValueOut(Schema):
    kpi: str
    value: float | None
    derived: bool
    note: str


class ReportOut(Schema):
    id: int
    initiative: str
    initiative_name: str
    year: int
    status: str
    comment: str
    review_comment: str
    submitted_at: datetime.datetime | None
    reviewed_at: datetime.datetime | None
    values: list[ValueOut]


class ReportList(Schema):
    count: int
    items: list[ReportOut]


class ReportCreate(Schema):
    initiative: str = Field(..., max_length=255, description="slug of the initiative")
    year: int = Field(..., ge=1990, le=2100)


class ValueIn(Schema):
    kpi: str = Field(..., max_length=60)
    value: float | None = Field(None, ge=0, le=1e15)
    note: str = Field("", max_length=500)


class ReportPatch(Schema):
    comment: str | None = Field(None, max_length=10_000)
    values: list[ValueIn] = Field(default_factory=list, max_length=200)


class ReviewIn(Schema):
    comment: str = Field("", max_length=10_000)


class BenchmarkRow(Schema):
    kpi: str
    value: float | None
    peers: int
    percentile_rank: float | None
    peer_median: float | None
    peer_p25: float | None
    peer_p75: float | None
    suppressed: bool


class TrendPoint(Schema):
    year: int
    value: float | None
    peer_median: float | None
    gap: float | None
    suppressed: bool


class TrendRow(Schema):
    kpi: str
    points: list[TrendPoint]


class BenchmarkOut(Schema):
    initiative: str
    year: int | None
    peers: str
    peer_count: int
    min_peers: int
    rows: list[BenchmarkRow]
    trend: list[TrendRow]
