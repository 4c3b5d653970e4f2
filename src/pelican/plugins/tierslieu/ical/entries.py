"""What every VEVENT of ours starts with, and how its times are written (RFC 5545)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from icalendar import Event as VEvent

from .text import Text


def ical_time(value):
    """Return a value icalendar writes as TZID local time, UTC, or a DATE."""
    if isinstance(value, datetime) and isinstance(value.tzinfo, ZoneInfo):
        return value
    if isinstance(value, datetime):
        # A fixed offset has no IANA name: publish the instant in UTC.
        return value.astimezone(UTC)
    return value


def timed_vevent(event, uid: str, title: str, span: tuple, status: str) -> VEvent:
    """Return a VEVENT with what every entry of ours starts with: its identity, version, title, times, status.

    DTSTAMP and LAST-MODIFIED are the event file's last change, SEQUENCE its
    count of changes (history.py); ``span`` is (start, end), DTEND left out
    when the end is not later (RFC 5545 3.6.1: DTEND must be after DTSTART).
    """
    (start, end), component = span, VEvent()
    component.add("UID", uid)
    component.add("DTSTAMP", event.change.modified)
    component.add("LAST-MODIFIED", event.change.modified)
    component.add("SEQUENCE", event.change.revisions)
    component.add("SUMMARY", Text(title))
    component.add("DTSTART", ical_time(start))
    if end > start:
        component.add("DTEND", ical_time(end))
    component.add("STATUS", status)
    return component
