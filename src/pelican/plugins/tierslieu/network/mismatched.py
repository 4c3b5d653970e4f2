"""Times of a feed written against their value type: a UTC time with a TZID, a RECURRENCE-ID unlike its series' DTSTART.

RFC 5545 section 3.3.5: « The "TZID" property parameter MUST NOT be
applied to DATE-TIME properties whose time values are specified in UTC »;
icalendar 7 reads ``DTSTART;TZID=Europe/Paris:20270120T090000Z`` as 9 h
in Paris, ical.js (Thunderbird) as 9 h UTC: the « Z » wins here too
(untied_utc, told by utc_note). RFC 5545 section 3.8.4.4: a
RECURRENCE-ID has the value type of its series' DTSTART; one without time
for a series with times (or the reverse) matched nothing, and its series
showed the date it replaces beside it: here it replaces the occurrences
of that day (match_by_day, told). A floating RECURRENCE-ID (no « Z », no
TZID) of a series in a zone is read at that wall-clock time in the
series' zone (match_by_day, told): ical.js matches it for a series with a
TZID, and nothing for a series in UTC.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

import recurring_ical_events
from icalendar import Calendar
from icalendar.parser import Contentline

from .series import bounded_years

MARK = "X-TIERSLIEU-UTC"
"""The parameter that keeps, in place of the TZID taken off a UTC time, the zone it named (for utc_note)."""
_ZONED_UTC = re.compile(
    r"^(?:DTSTART|DTEND|RDATE|EXDATE|RECURRENCE-ID);[^\r\n]*TZID[^\r\n]*:"
    r"[0-9]{8}T[0-9]{6}Z(?:,[0-9]{8}T[0-9]{6}Z)*(?=\r?$)",
    re.IGNORECASE | re.MULTILINE,
)
"""A date-time property whose every value is in UTC (« Z ») and whose parameters may name a TZID."""
_TIMED = ("DTSTART", "DTEND", "RECURRENCE-ID", "RDATE", "EXDATE")


def untied_utc(text: str) -> str:
    """Return ``text`` (unfolded) with the TZID of every UTC value of DTSTART, DTEND, RDATE, EXDATE, RECURRENCE-ID made MARK.

    RFC 5545 section 3.3.5 (see the module): the time is read in UTC, as
    ical.js reads it; a list of values of which some are not UTC is left
    as written.
    """
    return _ZONED_UTC.sub(lambda match: without_tzid(match.group(), MARK), text)


def without_tzid(line: str, keep_as: str = "") -> str:
    """Return an unfolded content line without its TZID parameter, the zone kept as parameter ``keep_as`` if given.

    A line icalendar cannot split, or without a TZID, is returned as
    written (untrusted input: icalendar then judges it).
    """
    try:
        name, params, value = Contentline(line).parts()
    except Exception:  # noqa: BLE001 - untrusted input: a line icalendar cannot split is left to it as written
        return line
    zone = params.pop("TZID", None)
    if zone is None:
        return line
    if keep_as:
        params[keep_as] = str(zone)
    rest = params.to_ical().decode()
    return f"{name};{rest}:{value}" if rest else f"{name}:{value}"


def utc_note(event, title: str) -> list[str]:
    """Return the French note about a VEVENT whose UTC times had a TZID (untied_utc), or [].

    « « title » : heure en UTC (Z) avec un fuseau (TZID=Europe/Paris) : lue
    en UTC, comme la lisent les agendas (RFC 5545 section 3.3.5) ».
    """
    zones = []
    for name in _TIMED:
        found = event.get(name)
        for value in found if isinstance(found, list) else [found]:
            zone = str(value.params.get(MARK) or "") if value is not None else ""
            if zone and zone not in zones:
                zones.append(zone)
    if not zones:
        return []
    named = ", ".join(f"TZID={zone}" for zone in zones[:3])
    return [
        f"« {title} » : heure en UTC (Z) avec un fuseau ({named}) : lue en UTC, comme la lisent les agendas (RFC 5545 section 3.3.5)"
    ]


def match_by_day(calendar, since: datetime, title: Callable[[object], str]) -> list[str]:
    """Make each RECURRENCE-ID of another value type than its series' DTSTART replace that day's occurrences; return the notes.

    A RECURRENCE-ID without time of a series with times replaces the
    occurrences whose start is on that day (local to the series' DTSTART):
    it takes the first one's time, the others become EXDATE. One with a
    time of a series of dates replaces the date it is on (as written).
    One that falls on no occurrence, or outside ``since`` … the end of the
    next year (where no occurrence is shown), is left as written (the
    expander shows it as an occurrence of its own). A floating one (no
    zone) of a series in a zone replaces the occurrence at that wall-clock
    time in the series' zone, told: « « title » : RECURRENCE-ID sans fuseau
    alors que la série en a un : lue dans le fuseau de la série (UTC), le
    12/01/2027 à 10 h, qu'elle remplace (RFC 5545 section 3.8.4.4) ». ``title`` gives a
    VEVENT's title. Note: « « title » : RECURRENCE-ID sans heure alors que
    la série a une heure : reconnue par son jour, le 10/12/2026, qu'elle
    remplace (RFC 5545 section 3.8.4.4) ».
    """
    masters: dict[str, object] = {}
    wanted: dict[str, list[tuple[object, date]]] = {}
    first, last = since.date() - timedelta(days=1), date(since.year + 2, 1, 1)
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID") or "").strip()
        if "RECURRENCE-ID" not in event:
            masters.setdefault(uid, event)
            continue
        day = _mismatched_day(event, masters.get(uid))
        if day is not None and first <= day < last:
            wanted.setdefault(uid, []).append((event, day))
    notes = []
    for uid, overrides in wanted.items():
        starts = _starts_by_day(masters[uid], min(day for _, day in overrides), max(day for _, day in overrides))
        for event, day in overrides:
            found = starts.get(day)
            floating = _floating(event.get("RECURRENCE-ID").dt, found)
            if floating:
                del event["RECURRENCE-ID"]
                event.add("RECURRENCE-ID", floating)
                notes.append(_floating_note(title(event), floating))
                continue
            if not found or _is_floating(event.get("RECURRENCE-ID").dt):
                continue
            timed = isinstance(found[0], datetime)
            del event["RECURRENCE-ID"]
            event.add("RECURRENCE-ID", found[0])
            for other in found[1:]:
                masters[uid].add("EXDATE", other)
            kind = (
                "sans heure alors que la série a une heure"
                if timed
                else "avec heure alors que la série est en jours entiers"
            )
            shown = f"{day.day:02}/{day.month:02}/{day.year:04}"
            notes.append(
                f"« {title(event)} » : RECURRENCE-ID {kind} : reconnue par son jour, le {shown}, "
                "qu'elle remplace (RFC 5545 section 3.8.4.4)"
            )
    return notes


def _mismatched_day(event, master) -> date | None:
    """Return the day of an override's RECURRENCE-ID when its value type is not its series' DTSTART's, or it is floating and the series' is not, else None."""
    recurrence = event.get("RECURRENCE-ID")
    start = master.get("DTSTART") if master is not None else None
    if start is None or recurrence is None or isinstance(recurrence, list) or isinstance(start, list):
        return None
    try:
        moment, planned = recurrence.dt, start.dt
    except Exception:  # noqa: BLE001 - untrusted input: an unreadable value is left to the expander
        return None
    zoned = isinstance(planned, datetime) and planned.tzinfo is not None
    same_type = isinstance(moment, datetime) == isinstance(planned, datetime)
    if not isinstance(moment, date) or (same_type and not (_is_floating(moment) and zoned)):
        return None
    return moment.date() if isinstance(moment, datetime) else moment


def _is_floating(moment) -> bool:
    return isinstance(moment, datetime) and moment.tzinfo is None


def _floating(moment, found: list | None) -> datetime | None:
    """Return the occurrence start among ``found`` at the wall-clock time of a floating RECURRENCE-ID, else None."""
    if not _is_floating(moment):
        return None
    return next((start for start in found or [] if start.replace(tzinfo=None) == moment), None)


def _floating_note(title: str, start: datetime) -> str:
    zone = getattr(start.tzinfo, "key", None) or start.tzname()
    clock = f"{start.hour} h {start.minute:02}" if start.minute else f"{start.hour} h"
    return (
        f"« {title} » : RECURRENCE-ID sans fuseau alors que la série en a un : lue dans le fuseau de la série "
        f"({zone}), le {start.day:02}/{start.month:02}/{start.year:04} à {clock}, qu'elle remplace "
        "(RFC 5545 section 3.8.4.4)"
    )


def _starts_by_day(master, first: date, last: date) -> dict[date, list]:
    """Return the occurrence starts of the series ``master`` from ``first`` to ``last``, by their local day, in order."""
    alone = Calendar()
    alone.add_component(master)
    query = recurring_ical_events.of(alone, skip_bad_series=True)
    try:
        with bounded_years(last.year + 1):
            found = list(query.between(first - timedelta(days=1), last + timedelta(days=2)))
    except Exception:  # noqa: BLE001 - untrusted input: a series that cannot be expanded is left to the expander
        return {}
    days: dict[date, list] = {}
    for occurrence in found:
        start = occurrence["DTSTART"].dt
        days.setdefault(start.date() if isinstance(start, datetime) else start, []).append(start)
    return {day: sorted(starts) for day, starts in days.items()}
