"""Read a VEVENT's end as RFC 5545 lets it be: of DTSTART's value type, never before it, in whole days for a date.

RFC 5545 section 3.8.2.2 wants DTEND of DTSTART's value type, and
sections 3.8.2.5 and 3.6.1 a DURATION in whole days (dur-day, dur-week)
for a date DTSTART: an event on a day stays on whole days whatever its
end says, no hour is invented for it. recurring-ical-events would turn
``DTSTART;VALUE=DATE:20261226`` with ``DURATION:PT1H`` into 0 h – 1 h;
ical.js (Thunderbird) reads it as the day 26 December, and drops the
hours of such a DURATION (``P1DT2H`` lasts one day).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from icalendar import vDDDTypes

_DAY = timedelta(days=1)


def mend_end(event, zone: tzinfo) -> str:
    """Make the end of a VEVENT readable as written (see the module); return what was read otherwise, or ''.

    ``zone`` is the venue's time zone (floating times are read in it).
    A negative DURATION or a DTEND before DTSTART is dropped (as if none: a
    date lasts its day, a time is shown without end); a zero DURATION is
    kept (RFC 5545 section 3.6.1 allows it). A date DTEND of a time start
    ends at 0 h that day, or not at all (_midnight_end's note is returned).
    A date DTSTART with a DURATION that has hours lasts its whole days, one at least (as ical.js:
    ``P1DT2H`` one day, ``PT1H`` the day itself); with a DTEND that has a
    time, the days up to the one that time falls on (a time at midnight
    ends the day before). What is returned then says it, in French, to
    follow « « title » : jour sans heure (DTSTART;VALUE=DATE) mais … »:
    « durée en heures (DURATION:PT1H) » or « fin avec heure
    (DTEND:20261228T100000Z) », then the days shown (date_note).
    """
    duration = event.get("DURATION")
    if duration is not None and duration.dt < timedelta(0):
        del event["DURATION"]
        duration = None
    start, end = event.get("DTSTART"), event.get("DTEND")
    if start is None:
        return ""
    all_day = not isinstance(start.dt, datetime)
    if all_day and end is None and duration is not None and duration.dt % _DAY:
        days = max(1, duration.dt.days)
        written = f"durée en heures (DURATION:{duration.to_ical().decode()})"
        event["DURATION"] = vDDDTypes(days * _DAY)
        return date_note(written, days)
    if end is None:
        return ""
    if all_day and isinstance(end.dt, datetime):
        written = f"fin avec heure (DTEND:{end.to_ical().decode()})"
        days = max(1, (_day_after(end.dt, zone) - start.dt).days)
        del event["DTEND"]
        event.add("DTEND", start.dt + days * _DAY)
        return date_note(written, days)
    if not all_day and not isinstance(end.dt, datetime):
        return _midnight_end(event, start.dt, end)
    try:
        if end.dt < start.dt:
            del event["DTEND"]
    except TypeError:  # a floating time against an aware one: left to the reading of the occurrence
        pass
    return ""


def _midnight_end(event, start: datetime, end) -> str:
    """Make a date DTEND of a time DTSTART midnight of that day, in the start's zone, when after the start; else drop it.

    ical.js (Thunderbird) reads ``DTSTART;TZID=Europe/Paris:20261205T100000``
    with ``DTEND;VALUE=DATE:20261206`` as ending 6 December at 0 h; RFC 5545
    section 3.8.2.2 wants DTEND of DTSTART's value type. Return the French
    note: « fin sans heure (DTEND;VALUE=DATE:20261206) d'un événement à
    heure : lue le 06/12/2026 à 0 h » or « … : avant le début, montré sans
    fin ».
    """
    day = end.dt
    written = f"fin sans heure (DTEND;VALUE=DATE:{day:%Y%m%d}) d'un événement à heure"
    midnight = datetime.combine(day, time(), start.tzinfo)
    del event["DTEND"]
    if midnight <= start:
        return f"{written} : avant le début, montré sans fin"
    event.add("DTEND", midnight)
    return f"{written} : lue le {day.day:02}/{day.month:02}/{day.year:04} à 0 h"


def _day_after(value: datetime, zone: tzinfo) -> date:
    """Return the day after the last one a time end touches, in ``zone`` (the day itself for midnight)."""
    local = value.astimezone(zone) if value.tzinfo is not None else value
    return local.date() + (_DAY if local.time() != time() else timedelta(0))


def date_note(written: str, days: int) -> str:
    """Return the French note about a date DTSTART whose end (``written``) had hours, shown on ``days`` whole days."""
    shown = "1 jour entier" if days == 1 else f"{days} jours entiers"
    return f"jour sans heure (DTSTART;VALUE=DATE) mais {written} : montré sur {shown}, l'heure n'est pas devinée"
