"""Schemas of the events API.

Request bodies are plain pydantic models with strict types (no coercion of numbers to
text or timestamps); responses are ninja schemas.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator, BaseModel, BeforeValidator, StrictBool, StrictStr

from clusterdialog.web.dialogue.models import RegistrationStatus

__all__ = [
    "AgendaItemSchema",
    "AgendaItemOut",
    "EventOut",
    "EventList",
    "EventIn",
    "EventPatch",
    "RegistrationIn",
    "RegistrationOut",
]


def _text_only(value):
    """Dates and times come as ISO 8601 text (pydantic would read numbers as timestamps)."""
    if value is not None and not isinstance(value, str):
        raise ValueError("expected an ISO 8601 text, e.g. 2030-05-04T10:00:00+02:00")
    return value


def _whole_number(value):
    """A whole number: JSON ``5`` or ``5.0``; not text, not ``true``."""
    if value is None:
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("expected a whole number")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("expected a whole number")
        return int(value)
    return value


#: A seat count: a whole number from 1 to 1,000,000.
Capacity = Annotated[int, Field(ge=1, le=1_000_000), BeforeValidator(_whole_number)]
#: An online address: http(s) only.
WebAddress = Annotated[
    StrictStr,
    Field(max_length=200, pattern=r"^(https?://\S+)?$", description="http(s) address or empty"),
]

#: A date-time or time given as ISO 8601 text (without a zone: Europe/Berlin).
DateTimeText = Annotated[dt.datetime, BeforeValidator(_text_only)]


def _local_time(value: dt.time) -> dt.time:
    """Agenda times are wall-clock times of the event's day, without a time zone."""
    if value.tzinfo is not None:
        raise ValueError("expected a local time such as 09:30, without a time zone")
    return value


TimeText = Annotated[dt.time, BeforeValidator(_text_only), AfterValidator(_local_time)]

#: The event kinds, as the API accepts them (kept in step with ``EventKind`` by a test).
Kind = Literal["cluster_dialog", "initiative", "workshop", "webinar"]


class AgendaItemSchema(BaseModel):
    time: TimeText | None = None
    title: StrictStr = Field(..., min_length=1, max_length=300)


class AgendaItemOut(Schema):
    time: dt.time | None = None
    title: str


class EventOut(Schema):
    id: int
    title: str
    kind: str
    initiative: str | None = Field(None, description="slug of the initiative")
    description: str
    agenda: list[AgendaItemOut]
    start: dt.datetime
    end: dt.datetime
    place: str
    online: bool
    capacity: int | None
    registration_deadline: dt.datetime | None
    published: bool
    confirmed: int = Field(..., description="confirmed registrations")
    waiting: int = Field(..., description="people on the waiting list")
    url: str


class EventList(Schema):
    count: int
    items: list[EventOut]


class EventIn(BaseModel):
    """A new event. Times without a zone are read as Europe/Berlin."""

    title: StrictStr = Field(..., min_length=1, max_length=255)
    kind: Kind = "initiative"
    initiative: StrictStr | None = Field(None, description="slug of the initiative")
    description: StrictStr = ""
    agenda: list[AgendaItemSchema] = []
    start: DateTimeText
    end: DateTimeText
    place: StrictStr = Field("", max_length=300)
    online_url: WebAddress = ""
    capacity: Capacity | None = None
    registration_deadline: DateTimeText | None = None
    published: StrictBool = False


class EventPatch(BaseModel):
    """Fields to change; fields left out stay as they are. ``agenda`` replaces the agenda."""

    title: StrictStr | None = Field(None, min_length=1, max_length=255)
    kind: Kind | None = None
    initiative: StrictStr | None = None
    description: StrictStr | None = None
    agenda: list[AgendaItemSchema] | None = None
    start: DateTimeText | None = None
    end: DateTimeText | None = None
    place: StrictStr | None = Field(None, max_length=300)
    online_url: WebAddress | None = None
    capacity: Capacity | None = None
    registration_deadline: DateTimeText | None = None
    published: StrictBool | None = None


class RegistrationIn(BaseModel):
    organisation: StrictStr | None = Field(
        None, description="slug of an organisation you represent"
    )


class RegistrationOut(Schema):
    event: int
    status: str = Field(..., description=f"one of {', '.join(RegistrationStatus.values)}")
    waiting_position: int | None
    organisation: str | None
    promoted: list[int] = Field([], description="ids of registrations moved up (on cancel)")
