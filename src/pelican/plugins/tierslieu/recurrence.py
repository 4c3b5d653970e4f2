"""The dates of an event: one occurrence, or the expanded dates of a series.

dateutil computes the series with the same RRULE semantics the calendar
feed publishes, in local wall-clock time, so that a weekly 18:30 workshop
stays at 18:30 on both sides of a clock change.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from dateutil import rrule

from .model.events import EventData, Repeat, Status

_FREQ = {"daily": rrule.DAILY, "weekly": rrule.WEEKLY, "monthly": rrule.MONTHLY, "yearly": rrule.YEARLY}
DEFAULT_DURATION = timedelta(hours=1)


@dataclass(frozen=True)
class Occurrence:
    """One date of an event, which knows its event.

    ``start`` and ``end`` are aware datetimes for a timed event, dates for an
    all-day one. ``end`` is EXCLUSIVE, as DTEND in RFC 5545 (section 3.6.1):
    the instant a timed occurrence ends (``start`` itself for one without
    duration), the day AFTER the last day of an all-day one. ``last_day`` is
    the last day the occurrence touches, inclusive, for every kind.
    """

    start: date | datetime
    end: date | datetime
    original: date | datetime
    """The date this occurrence was planned on (RECURRENCE-ID when moved)."""
    excluded: bool = False
    """The date is in the series' ``except:`` (EXDATE): this date only is cancelled."""
    moved: bool = False
    """The date is in the series' ``moved:``: ``start`` is not ``original``."""
    event: EventData = field(kw_only=True, compare=False, repr=False)
    """What the event's file says (its status among others)."""

    @property
    def all_day(self) -> bool:
        """Tell whether the occurrence spans whole days."""
        return not isinstance(self.start, datetime)

    @property
    def last_day(self) -> date:
        """Return the last day the occurrence touches (inclusive), in its own time zone."""
        if self.all_day:
            return self.end - timedelta(days=1)
        return (self.end - timedelta(microseconds=1)).date() if self.end > self.start else self.start.date()

    @property
    def status(self) -> Status:
        """Return the status of this date: cancelled when excluded, else the event's."""
        return Status.cancelled if self.excluded else self.event.status

    @property
    def cancelled(self) -> bool:
        """Tell whether this date will not take place (the event is cancelled, or the date excluded)."""
        return self.status.is_cancelled


def duration(event: EventData) -> timedelta:
    """Return how long one occurrence lasts: ``end`` minus ``start``, ``end`` exclusive.

    An all-day event lasts whole days, its last day included (one day
    without ``end``); a timed event without ``end`` lasts DEFAULT_DURATION.
    """
    if event.all_day:
        return (event.end or event.start) - event.start + timedelta(days=1)
    if event.end is None:
        return DEFAULT_DURATION
    return event.end - event.start


def localise(value: date | datetime, zone: tzinfo) -> date | datetime:
    """Attach the event's time zone to a local date-time; dates stay dates."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value


def expand(event: EventData, zone: tzinfo, horizon: date) -> list[Occurrence]:
    """Return every occurrence of an event that starts on or before ``horizon``."""
    length = duration(event)
    if event.repeat is None:
        start = localise(event.start, zone)
        return [Occurrence(start, start + length, start, event=event)]
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
        result.append(
            Occurrence(
                start, start + length, original, day in cancelled, day in moved and day not in cancelled, event=event
            )
        )
    # A date planned past the horizon but moved within it is shown where it now is (views by date, agenda.json).
    planned = {item.original if event.all_day else item.original.date() for item in result}
    for day, start in sorted(moved.items()):
        if day not in planned and day not in cancelled and _day_of(start) <= horizon:
            original = day if event.all_day else localise(datetime.combine(day, event.start.time()), zone)
            result.append(Occurrence(start, start + length, original, moved=True, event=event))
    return result


def _day_of(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def exceptions(event: EventData, zone: tzinfo) -> list[Occurrence]:
    """Return a series' excluded and moved dates, in date order, whatever the horizon.

    ``expand`` stops at the site's horizon, but a feed that publishes the
    RRULE must carry every EXDATE and every RECURRENCE-ID override of it
    (RFC 5545 section 3.8.5.1 and 3.8.4.4), or a calendar would show the
    dates ``except:`` cancels and the ones ``moved:`` moves. The rules
    (rules.py) have checked that each of these days is a date of the series.
    """
    repeat = event.repeat
    if repeat is None:
        return []
    length = duration(event)
    cancelled = set(repeat.except_)
    result = []
    for day in sorted(cancelled | set(repeat.moved)):
        original = day if event.all_day else localise(datetime.combine(day, event.start.time()), zone)
        if day in cancelled:
            result.append(Occurrence(original, original + length, original, excluded=True, event=event))
        else:
            start = localise(repeat.moved[day], zone)
            result.append(Occurrence(start, start + length, original, moved=True, event=event))
    return result


def series_starts(first: date | datetime, repeat: Repeat, horizon: date, lazy: bool = False):
    """Return the planned local starts of a series up to ``horizon`` (included): a list, an iterator if ``lazy``.

    RFC 5545 (section 3.3.10) forbids COUNT and UNTIL in one rule, and
    dateutil warns that it will refuse them: a series with ``count`` is
    expanded by its count alone, and its dates past the horizon dropped.
    """
    # Naive: two aware starts at the same instant in two zones are equal, and would share their dates.
    dtstart = first.replace(tzinfo=None) if isinstance(first, datetime) else datetime.combine(first, time())
    rule = (dtstart, repeat.freq.value, repeat.interval, repeat.count, tuple(d.rrule for d in repeat.byday))
    if not lazy:  # the preview derives every series again at each save: the same rule gives the same dates
        return list(_starts(*rule, repeat.until, horizon))
    return _rule_starts(*rule, repeat.until, horizon)


@functools.lru_cache(maxsize=1024)
def _starts(*rule) -> tuple[datetime, ...]:
    """Return ``_rule_starts(*rule)`` as a tuple, kept: its arguments are immutable values."""
    return tuple(_rule_starts(*rule))


def _rule_starts(dtstart: datetime, freq: str, interval: int, count, days: tuple, until, horizon: date):
    """Return an iterator of the local starts of a rule (``series_starts``'s, its fields as values) up to ``horizon``."""
    last = datetime.combine(horizon, time.max)
    end = None
    if count is None:
        end = last if until is None else min(last, datetime.combine(until, time.max))
    rule = rrule.rrule(_FREQ[freq], dtstart=dtstart, interval=interval, count=count, byweekday=days or None, until=end)
    # The dates come in order: stop at the first one past the horizon.
    return itertools.takewhile(lambda start: start <= last, rule)


LATER_DATES_COUNTED = 5000
"""Past this many dates after the horizon, a series is said to go on (``dates_after``), not counted."""


def dates_after(event: EventData, after: date) -> tuple[int, date | None] | None:
    """Return how many planned dates a series has after the day ``after``, and its last one; None if it never ends.

    ``expand`` stops at the site's horizon: a yearly series of three dates
    shows one; the page says the others from this count. Dates of
    ``except:`` are not counted; a ``moved:`` date counts where it now is
    (not at all if moved back on or before ``after``: ``expand`` shows it).
    (0, None) for an event that does not repeat, or a series over by
    then. A series of more than LATER_DATES_COUNTED dates after it is said
    to go on, as one without an end.
    """
    repeat = event.repeat
    if repeat is None:
        return 0, None
    if repeat.count is None and repeat.until is None:
        return None
    far = repeat.until or date(datetime.max.year, 12, 31)
    limit = datetime.combine(after, time.max)
    later = itertools.islice(
        (start for start in series_starts(event.start, repeat, far, lazy=True) if start > limit),
        LATER_DATES_COUNTED + 1,
    )
    days = []
    for start in later:
        day = start.date()
        if day in repeat.except_:
            continue
        new = _day_of(repeat.moved[day]) if day in repeat.moved else day
        if new > after:  # a date moved back within the shown dates is among them already (expand)
            days.append(new)
    if len(days) > LATER_DATES_COUNTED:
        return None
    return len(days), (max(days) if days else None)


def local_days(occurrence: Occurrence, zone: tzinfo) -> tuple[date, date]:
    """Return the first and the last day (inclusive) an occurrence covers, as dates in ``zone``.

    All-day occurrences keep their own dates (their end is exclusive, so
    the last day is ``Occurrence.last_day``); a timed one is read in
    ``zone``, the site's time zone, and an end at midnight does not touch
    the next day.
    """
    if occurrence.all_day:
        return occurrence.start, occurrence.last_day
    start = occurrence.start.astimezone(zone)
    end = occurrence.end.astimezone(zone)
    return start.date(), max(start.date(), (end - timedelta(microseconds=1)).date())


def sort_instant(value: date | datetime, zone: tzinfo) -> datetime:
    """Return a comparable instant: all-day events sort at midnight local time."""
    if isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day, tzinfo=zone)
