"""VTIMEZONE components with yearly rules, read alike by every calendar client.

icalendar can add VTIMEZONEs itself, but writes each transition into one
long comma-separated RDATE list, which Mozilla's ical.js and vobject
misread (summer times an hour off). Here each kind of transition becomes
one STANDARD or DAYLIGHT component with a yearly RRULE, as Outlook, Apple
and Google write them; a zone whose rule changes within the years used
gets one component per transition instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

from pelican.plugins.tierslieu.model.weekdays import ByDay, Weekday


@dataclass(frozen=True)
class Transition:
    """One change of UTC offset: the local wall time it happens at, and the offsets."""

    local: datetime
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool

    def rule(self) -> tuple:
        """Describe the transition as a yearly rule: month, ranked weekday, time."""
        day = self.local.day
        month_length = ((self.local.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)).day
        rank = -1 if day + 7 > month_length else (day - 1) // 7 + 1
        return (
            self.daylight,
            self.local.month,
            ByDay(Weekday.of(self.local), rank).ical,
            self.local.time(),
            self.offset_from,
            self.offset_to,
            self.name,
        )


def transitions(zone: ZoneInfo, first_year: int, last_year: int) -> list[Transition]:
    """Return the offset changes of a zone between two years (inclusive)."""
    found = []
    moment = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    step = timedelta(days=1)
    while moment < end:
        after = moment + step
        if moment.astimezone(zone).utcoffset() != after.astimezone(zone).utcoffset():
            found.append(_locate(zone, moment, after))
        moment = after
    return found


def _locate(zone: ZoneInfo, low: datetime, high: datetime) -> Transition:
    while high - low > timedelta(minutes=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
            low = middle
        else:
            high = middle
    high = high.replace(second=0, microsecond=0)
    before = low.astimezone(zone).utcoffset()
    after_local = high.astimezone(zone)
    return Transition(
        local=(high + before).replace(tzinfo=None),
        offset_from=before,
        offset_to=after_local.utcoffset(),
        name=after_local.tzname() or "",
        daylight=bool(after_local.dst()),
    )


@cache
def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """Build the VTIMEZONE of an IANA zone for the years an calendar uses."""
    zone = ZoneInfo(tzid)
    component = Timezone()
    component.add("TZID", tzid)
    changes = transitions(zone, first_year, last_year)
    if not changes:
        moment = datetime(first_year, 1, 1, tzinfo=zone)
        component.add_component(
            _observance(False, datetime(1970, 1, 1), moment.utcoffset(), moment.utcoffset(), moment.tzname())
        )
        return component
    rules: dict[tuple, Transition] = {}
    for change in changes:
        rules.setdefault(change.rule(), change)
    years = {change.local.year for change in changes}
    yearly = len(changes) == len(rules) * len(years) and len(years) == last_year - first_year + 1
    for rule, change in sorted(rules.items(), key=lambda item: item[1].local) if yearly else []:
        observance = _observance(change.daylight, change.local, change.offset_from, change.offset_to, change.name)
        observance.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": rule[1], "BYDAY": rule[2]})
        component.add_component(observance)
    if not yearly:
        for change in changes:
            component.add_component(
                _observance(change.daylight, change.local, change.offset_from, change.offset_to, change.name)
            )
    return component


def _observance(daylight: bool, start: datetime, offset_from: timedelta, offset_to: timedelta, name: str):
    observance = TimezoneDaylight() if daylight else TimezoneStandard()
    observance.add("DTSTART", start)
    observance.add("TZOFFSETFROM", offset_from)
    observance.add("TZOFFSETTO", offset_to)
    if name:
        observance.add("TZNAME", name)
    return observance


def years_of(values: list[date]) -> tuple[int, int]:
    """Return the first and last year a VTIMEZONE must cover (one year of margin)."""
    years = [value.year for value in values]
    return min(years) - 1, max(years) + 1
