"""What four independent calendar clients see in a feed, in one shape.

Each reader returns {uid: [(start, end), ...]}: timed values as UTC
ISO strings ("2027-03-31T16:30:00.000Z"), all-day values as dates
("2026-12-11", end exclusive, as in the feed).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import recurring_ical_events
import vobject
from conftest import node
from icalendar import Calendar

FROM = datetime(2000, 1, 1, tzinfo=UTC)


def instant(value) -> str:
    """Write a date or an aware date-time in the common shape."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return value.isoformat()


def read_icalendar(path, until: date) -> dict[str, list]:
    """Expand the feed with icalendar and recurring-ical-events."""
    calendar = Calendar.from_ical(path.read_bytes())
    result: dict[str, list] = {}
    for event in recurring_ical_events.of(calendar).between(FROM, datetime.combine(until, datetime.min.time(), UTC)):
        result.setdefault(str(event["UID"]), []).append((instant(event["DTSTART"].dt), instant(_end(event))))
    return {uid: sorted(items) for uid, items in result.items()}


def _end(event):
    if "DTEND" in event:
        return event["DTEND"].dt
    return event["DTSTART"].dt


def read_vobject(path, until: date) -> dict[str, list]:
    """Expand the feed with vobject, which reads our VTIMEZONEs itself."""
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    events = calendar.contents.get("vevent", [])
    overrides = {}
    for event in events:
        if "recurrence-id" in event.contents:
            overrides[(event.uid.value, _as_utc(event.recurrence_id.value))] = event
    result = {}
    for event in events:
        if "recurrence-id" in event.contents:
            continue
        start = event.dtstart.value
        length = (event.dtend.value - start) if "dtend" in event.contents else timedelta(0)
        rules = event.getrruleset(addRDate=True)
        starts = rules if rules is not None else [start]
        items = []
        for planned in starts:
            begin = planned
            if isinstance(start, date) and not isinstance(start, datetime) and isinstance(planned, datetime):
                begin = planned.date()
            if not _before(begin, until):
                break  # a series may run on forever
            moved = overrides.get((event.uid.value, _as_utc(begin)))
            if moved is not None:
                new_start = moved.dtstart.value
                items.append((instant(new_start), instant(moved.dtend.value)))
            else:
                items.append((instant(begin), instant(begin + length)))
        result[event.uid.value] = sorted(items)
    return result


def _as_utc(value):
    return value.astimezone(UTC) if isinstance(value, datetime) else value


def _before(value, until: date) -> bool:
    if isinstance(value, datetime):
        return value < datetime.combine(until, datetime.min.time(), UTC)
    return value < until


def read_node(script: str, path, until: date) -> dict[str, list]:
    """Expand the feed with a Node client (ical.js or node-ical)."""
    data = json.loads(node(script, str(path), until.isoformat()))
    return {event["uid"]: sorted(tuple(item) for item in event["occurrences"]) for event in data["events"]}


def all_clients(path, until: date) -> dict[str, dict[str, list]]:
    """Return what each of the four clients sees."""
    return {
        "icalendar": read_icalendar(path, until),
        "vobject": read_vobject(path, until),
        "ical.js": read_node("icaljs_dump.js", path, until),
        "node-ical": read_node("nodeical_dump.js", path, until),
    }
