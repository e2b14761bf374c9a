"""iCalendar (RFC 5545) export of one event.

Text values escape backslash, semicolon, comma and line breaks (section 3.3.11);
content lines are folded at 75 octets (section 3.1) without splitting a UTF-8
character; times are written in UTC (``…Z``) so that no ``VTIMEZONE`` is needed.
"""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["escape_text", "fold_line", "event_to_ical"]


def escape_text(value: str) -> str:
    r"""Escape a TEXT value.

    >>> escape_text("Raum 1, Haus; A\\B\nZeile 2")
    'Raum 1\\, Haus\\; A\\\\B\\nZeile 2'
    """
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold_line(line: str, limit: int = 75) -> str:
    """Fold a content line into chunks of at most ``limit`` octets (continuations start
    with a space, which counts towards their limit).

    >>> fold_line("A" * 80)
    'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\\r\\n AAAAA'
    """
    chunks: list[str] = []
    current = ""
    current_bytes = 0
    budget = limit
    for char in line:
        size = len(char.encode("utf-8"))
        if current_bytes + size > budget:
            chunks.append(current)
            current, current_bytes, budget = "", 0, limit - 1
        current += char
        current_bytes += size
    chunks.append(current)
    return "\r\n ".join(chunks)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_to_ical(
    *,
    uid: str,
    title: str,
    start: datetime,
    end: datetime,
    description: str = "",
    location: str = "",
    url: str = "",
    stamp: datetime,
) -> str:
    """One ``VCALENDAR`` with one ``VEVENT``, lines ending in CRLF.

    Parameters
    ----------
    uid
        A globally unique identifier (e.g. ``event-17@host``).
    start, end, stamp
        Aware datetimes (any zone; written in UTC).
    """
    for name, moment in (("start", start), ("end", end), ("stamp", stamp)):
        if moment.tzinfo is None:
            raise ValueError(f"{name} must be an aware datetime, got naive {moment!r}")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//clusterdialog//Cluster-Dialog//DE",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid)}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(start)}",
        f"DTEND:{_utc(end)}",
        f"SUMMARY:{escape_text(title)}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append("STATUS:CONFIRMED")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold_line(line) + "\r\n" for line in lines)
