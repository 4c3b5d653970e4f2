"""The dates of an event: one occurrence, or the expanded dates of a series.

dateutil computes the series with the same RRULE semantics the calendar
feed publishes, in local wall-clock time, so that a weekly 18:30 workshop
stays at 18:30 on both sides of a clock change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from dateutil import rrule

from .models import Event, Repeat

_FREQ = {"daily": rrule.DAILY, "weekly": rrule.WEEKLY, "monthly": rrule.MONTHLY, "yearly": rrule.YEARLY}
DEFAULT_DURATION = timedelta(hours=1)


@dataclass(frozen=True)
class Occurrence:
    """One date of an event: aware datetimes for timed events, dates for all-day ones."""

    start: date | datetime
    end: date | datetime
    original: date | datetime
    """The date this occurrence was planned on (RECURRENCE-ID when moved)."""
    cancelled: bool = False
    moved: bool = False

    @property
    def all_day(self) -> bool:
        """Tell whether the occurrence spans whole days."""
        return not isinstance(self.start, datetime)

    @property
    def last_day(self) -> date:
        """Return the last day the occurrence touches."""
        if self.all_day:
            return self.end
        return (self.end - timedelta(microseconds=1)).date() if self.end > self.start else self.start.date()


def duration(event: Event) -> timedelta:
    """Return how long one occurrence lasts (days count inclusively for all-day events)."""
    if event.end is None:
        return timedelta(0) if event.all_day else DEFAULT_DURATION
    return event.end - event.start


def localise(value: date | datetime, zone: tzinfo) -> date | datetime:
    """Attach the event's time zone to a local date-time; dates stay dates."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value


def expand(event: Event, zone: tzinfo, horizon: date) -> list[Occurrence]:
    """Return every occurrence of an event that starts on or before ``horizon``."""
    length = duration(event)
    if event.repeat is None:
        start = localise(event.start, zone)
        return [Occurrence(start, start + length, start)]
    repeat = event.repeat
    moved = {day: localise(when, zone) for day, when in repeat.moved.items()}
    cancelled = set(repeat.except_)
    result = []
    for naive in series_starts(event.start, repeat, horizon):
        original = naive.date() if event.all_day else localise(naive, zone)
        day = naive.date()
        start = moved.get(day, original)
        if day in cancelled:
            start = original
        result.append(Occurrence(start, start + length, original, day in cancelled, day in moved and day not in cancelled))
    return result


def series_starts(first: date | datetime, repeat: Repeat, horizon: date) -> list[datetime]:
    """Return the planned local starts of a series up to ``horizon`` (included)."""
    dtstart = first.replace(tzinfo=None) if isinstance(first, datetime) else datetime.combine(first, time())
    until = datetime.combine(horizon, time.max)
    if repeat.until is not None:
        until = min(until, datetime.combine(repeat.until, time.max))
    rule = rrule.rrule(
        _FREQ[repeat.freq.value],
        dtstart=dtstart,
        interval=repeat.interval,
        count=repeat.count,
        byweekday=[day.rrule for day in repeat.byday] or None,
        until=until,
    )
    return list(rule)

