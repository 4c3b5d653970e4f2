"""Periods written where only a time may be: a RECURRENCE-ID or an EXDATE with VALUE=PERIOD, read as the period's start.

RFC 5545 section 3.8.4.4: a RECURRENCE-ID is a DATE-TIME or a DATE;
section 3.8.5.1: an EXDATE too (an RDATE may be a PERIOD, section
3.8.5.2, and is left as it is). icalendar 7 reads
``RECURRENCE-ID;VALUE=PERIOD:20270112T090000Z/PT1H`` as a (start,
duration) pair that matches no occurrence, so the series showed the date
it replaces beside the override; recurring-ical-events ignores such an
EXDATE, so the date it cancelled was shown as held. ical.js (Thunderbird) excludes the period's
start, and matches no override to it. Here both are read as the period's
start (the override replaces that occurrence, the EXDATE cancels it), and
told (period_starts).
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

SHOWN = 3
"""Excluded dates told in a note; « … » follows them when there are more."""


def period_starts(event, zone: tzinfo, title: str) -> list[str]:
    """Make the periods of a VEVENT's RECURRENCE-ID and EXDATE their starts; return the French notes, or [].

    ``zone`` is the venue's time zone (the time told is shown in it),
    ``title`` the VEVENT's. Notes: « « title » : RECURRENCE-ID en période
    (VALUE=PERIOD) : lue comme son début, le 12/01/2027 à 10 h (RFC 5545
    section 3.8.4.4) », and « « title » : EXDATE en période (VALUE=PERIOD) :
    lue comme son début, le 12/01/2027 à 11 h (RFC 5545 section 3.8.5.1) »
    (the first SHOWN dates, « … » after them).
    """
    notes = []
    recurrence = event.get("RECURRENCE-ID")
    start = _start(recurrence) if recurrence is not None and not isinstance(recurrence, list) else None
    if start is not None:
        del event["RECURRENCE-ID"]
        event.add("RECURRENCE-ID", start)
        notes.append(_note(title, "RECURRENCE-ID", [start], zone, "3.8.4.4"))
    found = event.get("EXDATE")
    starts = []
    for value in found if isinstance(found, list) else [found] if found is not None else []:
        for item in getattr(value, "dts", []):
            start = _start(item)
            if start is not None:
                item.dt = start
                starts.append(start)
        if value.params.get("VALUE", "").upper() == "PERIOD":
            del value.params["VALUE"]
    if starts:
        notes.append(_note(title, "EXDATE", starts, zone, "3.8.5.1"))
    return notes


def _start(value) -> date | None:
    """Return the start of a property's value when it is a period (a pair), else None."""
    moment = getattr(value, "dt", None)
    if isinstance(moment, tuple) and moment and isinstance(moment[0], date):
        return moment[0]
    return None


def _note(title: str, name: str, starts: list[date], zone: tzinfo, section: str) -> str:
    shown = ", le ".join(_when(start, zone) for start in starts[:SHOWN]) + (" …" if len(starts) > SHOWN else "")
    return (
        f"« {title} » : {name} en période (VALUE=PERIOD) : lue comme son début, le {shown} (RFC 5545 section {section})"
    )


def _when(value: date, zone: tzinfo) -> str:
    """Say a date or time the French way: « 12/01/2027 à 10 h », « 12/01/2027 à 9 h 30 » (in ``zone`` if zoned)."""
    if not isinstance(value, datetime):
        return f"{value.day:02}/{value.month:02}/{value.year:04}"
    if value.tzinfo is not None:
        value = value.astimezone(zone)
    clock = f"{value.hour} h {value.minute:02}" if value.minute else f"{value.hour} h"
    return f"{_when(value.date(), zone)} à {clock}"
