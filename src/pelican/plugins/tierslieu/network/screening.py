"""Screen a feed's VEVENTs before their series are expanded: what cannot be read well is left out or mended, and told.

A VEVENT whose DTSTART, DTEND, DURATION or RRULE is repeated or
unreadable (an RRULE that is not a recur value, network/vevents.py), or
whose RDATE, EXDATE or RECURRENCE-ID is unreadable, is left out alone
(the rest of the feed is shown); a SEQUENCE out of range is ignored; a series
repeating more than daily (by its FREQ, or by more than MAX_PER_DAY times a
day through BYHOUR, BYMINUTE and BYSECOND), or counted from so long ago that
it would take too long to expand, is left out; an end of another value type than the
start, or before it, is dropped (RFC 5545 sections 3.8.2.2 and 3.6.1), an
event on a date stays on whole days whatever hours its end has (network/ends.py), and
so is an RDATE without time (VALUE=DATE) of a timed VEVENT; the BYHOUR,
BYMINUTE and BYSECOND of a date series are ignored (RFC 5545 3.3.10); a
TZID the feed does not define is read in the venue's time zone. A text
that is not one (base64, repeated) is taken out first (network/untexts.py).
Every VEVENT gets a UID of its own.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta, tzinfo

from icalendar import vRecur
from icalendar.prop import vBroken

from .ends import mend_end
from .mismatched import match_by_day, utc_note
from .overrides import drop_duplicate_overrides, exrule_note
from .periods import period_starts
from .rules import rule_fault
from .series import bring_forward, count_from_start, drop_time_parts
from .text import plain_text
from .untexts import UNTITLED, drop_untexts
from .vevents import FAULT, sequence_notes, tzid_notes

TITLE_CHARS = 200
_TOO_FREQUENT = ("SECONDLY", "MINUTELY", "HOURLY")
"""Series frequencies no venue's agenda uses: such a series is left out rather than expanded by the million."""
MAX_PER_DAY = 6
"""Times a day a rule may repeat (the product of its BYHOUR, BYMINUTE and BYSECOND counts): a few sessions, not thousands."""
_TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
_KINDS = {"DTSTART": date, "DTEND": date, "DURATION": timedelta, "RRULE": vRecur}
"""The properties a VEVENT's dates hang on, and the type each must read as (a datetime is a date)."""
_LISTS = ("RDATE", "EXDATE", "RECURRENCE-ID")
"""Properties of a series that icalendar keeps as vBroken when it cannot read them (``EXDATE:20270202T100000Z,``)."""


def screen(calendar, zone: tzinfo, since: datetime, notes: list[str] | None = None) -> None:
    """Leave out or mend the VEVENTs of ``calendar`` (see the module), telling in ``notes`` (French) what was done.

    ``zone`` is the venue's time zone, ``since`` the window's first
    instant. Notes: « N événement(s) illisible(s) laissé(s) de côté (…) »,
    the titles of series left out and why (more than daily, more than
    MAX_PER_DAY times a day, counted from too long ago), each date DTSTART
    whose DURATION or DTEND had hours (ends.mend_end), the RDATE without
    time of a timed VEVENT left out (untimed_note), each TZID unknown once, the
    VEVENTs with an EXRULE and the duplicate overrides left out (counted),
    the VEVENTs left out as not public (see is_public, counted).
    """
    faults: Counter[str] = Counter()
    frequent: list[str] = []
    too_long: list[tuple[str, str]] = []
    unknown: list[str] = []
    dropped: list[tuple[str, int]] = []
    ends: list[str] = drop_untexts(calendar, TITLE_CHARS) + sequence_notes(calendar, title_of)
    ends += tzid_notes(calendar, title_of)
    private = _leave_out_private(calendar)
    for event in list(calendar.subcomponents):
        if event.name != "VEVENT":
            continue
        fault = _fault(event)
        if fault or _too_frequent(event):
            calendar.subcomponents.remove(event)
            if fault:
                faults[fault] += 1
            else:
                frequent.append(title_of(event))
            continue
        mended = mend_end(event, zone)
        if mended:
            ends.append(f"« {title_of(event)} » : {mended}")
        ends += utc_note(event, title_of(event))
        ends += period_starts(event, zone, title_of(event))
        untimed = _drop_untimed_rdates(event)
        if untimed:
            dropped.append((title_of(event), untimed))
        drop_time_parts(event)
        reason = _crowded(event) or bring_forward(event, since)
        if reason:
            calendar.subcomponents.remove(event)
            too_long.append((title_of(event), reason))
            continue
        count_from_start(event, since.year + 2)
        unknown += [name for name in dict.fromkeys(_unknown_zones(event, zone)) if name not in unknown]
    ends += match_by_day(calendar, since, title_of)
    duplicates = drop_duplicate_overrides(calendar)
    if notes is not None:
        notes += private_note(private)
        notes += _notes(faults, frequent, too_long, unknown, zone)
        notes += ends + [untimed_note(title, count) for title, count in dropped]
        notes += exrule_note(calendar) + duplicates
    _give_uids(calendar)


def is_public(component) -> bool:
    """Tell whether a VEVENT (or an occurrence of one) may be published: its CLASS is PUBLIC or absent.

    RFC 5545 section 3.8.1.3: PUBLIC is the default; PRIVATE and
    CONFIDENTIAL are not public, and a value an application does not know
    is read as PRIVATE.
    """
    value = component.get("CLASS")
    if value is None:
        return True
    return not isinstance(value, list) and str(value).strip().upper() == "PUBLIC"


def _leave_out_private(calendar) -> int:
    """Take out the VEVENTs of ``calendar`` that are not public, with every override of a series that is not; count them.

    An override not public of a public series is counted but kept: its
    occurrence replaces the series' date, and reading.py leaves it out
    (is_public), so that neither it nor the date it replaces is shown.
    """
    events = [component for component in calendar.subcomponents if component.name == "VEVENT"]
    hidden = [event for event in events if not is_public(event)]
    private_series = {str(event.get("UID") or "") for event in hidden if "RECURRENCE-ID" not in event}
    private_series.discard("")
    for event in events:
        if (not is_public(event) and "RECURRENCE-ID" not in event) or str(event.get("UID") or "") in private_series:
            calendar.subcomponents.remove(event)
    return len(hidden)


def private_note(count: int) -> list[str]:
    """Return the French note about ``count`` VEVENTs left out as not public, or [] when none is."""
    if not count:
        return []
    if count == 1:
        return ["1 événement privé (CLASS:PRIVATE ou CONFIDENTIAL) laissé de côté"]
    return [f"{count} événements privés (CLASS:PRIVATE ou CONFIDENTIAL) laissés de côté"]


def _notes(faults: Counter, frequent: list[str], too_long: list, unknown: list[str], zone: tzinfo) -> list[str]:
    notes = []
    if faults:
        count = sum(faults.values())
        plural = "s" if count > 1 else ""
        why = ", ".join(sorted(faults))
        notes.append(f"{count} événement{plural} illisible{plural} laissé{plural} de côté ({why})")
    if frequent:
        shown = ", ".join(f"« {title} »" for title in frequent[:3]) + (" …" if len(frequent) > 3 else "")  # noqa: PLR2004
        notes.append(f"{shown} : répété plus d'une fois par jour (RRULE) ou selon une règle illisible : non affiché")
    notes += [f"« {title} » : {reason} : non affiché" for title, reason in too_long]
    here = getattr(zone, "key", None) or str(zone)
    notes += [f"fuseau « {name} » inconnu : heures lues dans le fuseau du lieu ({here})" for name in unknown]
    return notes


def title_of(event) -> str:
    """Return a VEVENT's title as shown in notes (plain text, one line), « Sans titre » when it has none."""
    return plain_text(event.get("SUMMARY"), TITLE_CHARS, one_line=True) or UNTITLED


def _fault(event) -> str:
    """Return why a VEVENT's dates cannot be read (« DTSTART en double », « RRULE illisible », « EXDATE illisible »), or ''."""
    if FAULT in event:  # a rule that is not a recur value (vevents.marked)
        return "RRULE illisible"
    for name in _LISTS:
        found = event.get(name)
        if any(isinstance(value, vBroken) for value in (found if isinstance(found, list) else [found])):
            return f"{name} illisible"
    for name, kind in _KINDS.items():
        value = event.get(name)
        if isinstance(value, list):
            return f"{name} en double"
        try:
            readable = value is None or isinstance(value if kind is vRecur else value.dt, kind)
        except Exception:  # noqa: BLE001 - untrusted input: icalendar keeps a value it could not parse as a broken property
            readable = False
        if not readable:
            return f"{name} illisible"
    return rule_fault(event.get("RRULE"))


def _too_frequent(event) -> bool:
    """Tell whether a VEVENT repeats more than daily, or has a rule without a readable frequency (left out both)."""
    try:
        rule = event.get("RRULE")
        if rule is None:
            return False
        frequency = rule.get("FREQ")
        return str(frequency[0] if isinstance(frequency, list) else frequency).upper() in _TOO_FREQUENT
    except Exception:  # noqa: BLE001 - untrusted input: a rule that cannot be read is left out
        return True


def _crowded(event) -> str:
    """Return why a rule repeating more than MAX_PER_DAY times a day is left out (French), or ''.

    A DAILY rule with ``BYHOUR=0,…,23;BYMINUTE=0,…,59;BYSECOND=0,10,…,50``
    gives 8,640 times a day (RFC 5545 section 3.3.10: each BYxxx part
    expands the period, every combination of the three is a time), as many
    as a sub-daily FREQ: counted before the expansion, whatever the FREQ.
    """
    rule = event.get("RRULE")
    if rule is None:
        return ""
    per_day = 1
    for part in _TIME_PARTS:
        values = rule.get(part)
        if values is not None:
            per_day *= len(set(values)) if isinstance(values, list) else 1
    if per_day <= MAX_PER_DAY:
        return ""
    return f"répété {per_day} fois par jour (RRULE : BYHOUR × BYMINUTE × BYSECOND) ; {MAX_PER_DAY} au plus"


def _drop_untimed_rdates(event) -> int:
    """Take out the RDATE values without time (VALUE=DATE) of a VEVENT whose DTSTART has one; count them.

    RFC 5545 section 3.8.5.2 wants RDATE of DTSTART's value type: a date
    gives no time to a timed event, and no time is invented for it
    (recurring-ical-events would show it at midnight, ical.js as a day
    without time, node-ical drops it). A property left without value goes.
    """
    start = event.get("DTSTART")
    if start is None or not isinstance(start.dt, datetime) or "RDATE" not in event:
        return 0
    found = event["RDATE"]
    try:
        lists = [
            (values, [value for value in values.dts if isinstance(value.dt, (datetime, tuple))])
            for values in (found if isinstance(found, list) else [found])
        ]
    except Exception:  # noqa: BLE001 - untrusted input: an unreadable RDATE is left to the expander (skip_bad_series)
        return 0
    count = sum(len(values.dts) - len(timed) for values, timed in lists)
    if count:
        del event["RDATE"]
        for values, timed in lists:
            if timed:
                values.dts[:] = timed
                event.add("RDATE", values)
    return count


def untimed_note(title: str, count: int) -> str:
    """Return the French note about ``count`` RDATE without time of the timed VEVENT ``title``, left out."""
    dates = "1 date RDATE sans heure laissée" if count == 1 else f"{count} dates RDATE sans heure laissées"
    return f"« {title} » : {dates} de côté (l'événement a une heure, elle n'est pas devinée)"


def _unknown_zones(event, zone: tzinfo) -> list[str]:
    """Return the TZIDs of DTSTART, DTEND, RDATE and EXDATE that named no zone (icalendar left their times floating).

    Each is read in the venue's time zone ``zone``, as the floating times
    of DTSTART are (reading.py): an ``EXDATE;TZID=Bogus/Zone:20270112T100000``
    takes out the occurrence at 10 h in ``zone``, whatever the series' zone
    (recurring-ical-events would match a floating EXDATE in the series' zone and in UTC).
    """
    start = event.get("DTSTART")
    zoned = start is not None and isinstance(start.dt, datetime) and start.dt.tzinfo is not None
    names = []
    for name in ("DTSTART", "DTEND", "RDATE", "EXDATE"):
        found = event.get(name)
        for value in found if isinstance(found, list) else [found] * (found is not None):
            zone_name = str(value.params.get("TZID") or "")
            parts = value.dts if hasattr(value, "dts") else [value]
            floating = [part for part in parts if isinstance(part.dt, datetime) and part.dt.tzinfo is None]
            if zone_name and floating:
                names.append(plain_text(zone_name, 60, one_line=True))
                for part in floating if zoned and name in ("RDATE", "EXDATE") else []:
                    part.dt = part.dt.replace(tzinfo=zone)
    return names


def _give_uids(calendar) -> None:
    """Give a VEVENT without UID one of its own, and a second master of one UID another (both are kept)."""
    masters: set[str] = set()
    for index, event in enumerate(calendar.walk("VEVENT")):
        uid = str(event.get("UID") or "").strip()
        if not uid:
            event["UID"] = uid = f"sans-uid-{index}"
        if "RECURRENCE-ID" not in event:
            if uid in masters:
                event["UID"] = f"{uid}#{index}"
            masters.add(str(event["UID"]))
