"""Expand a feed's series inside the window only, in a time bounded by the window whatever the rule says.

recurring-ical-events expands the series with dateutil's rrule, which
iterates every rule from its DTSTART, and stops a rule that never matches
only past ``datetime.MAXYEAR``. A series started in year 1, or a rule
that never occurs (``BYMONTH=2;BYMONTHDAY=30``), would cost minutes: so
a DAILY or WEEKLY series without COUNT starts again shortly before the
window (``bring_forward``, exact), a COUNT series that would iterate more
than MAX_ITERATIONS times before the window is left out, and the
expansion ends with the year after the window (``bounded_years``).
"""

from __future__ import annotations

import contextlib
import datetime as datetime_module
import threading
import types
from collections.abc import Iterator
from datetime import datetime, timedelta

import dateutil.rrule
import recurring_ical_events

MAX_ITERATIONS = 100_000
"""Periods (days for DAILY, weeks for WEEKLY…) a series with COUNT may run before the window; more is left out."""
_PERIOD_DAYS = {"DAILY": 1, "WEEKLY": 7}
"""Days of one period of the frequencies moved forward (MONTHLY and YEARLY from year 1 take a few thousand steps)."""
_PERIODS_PER_YEAR = {"DAILY": 366, "WEEKLY": 53, "MONTHLY": 12, "YEARLY": 1}
_NOT_FILTERS = ("BYHOUR", "BYMINUTE", "BYSECOND")
"""Parts of a rule that never leave a period without occurrence (the others may: BYMONTHDAY=30 in February)."""
_LOCK = threading.Lock()


def occurrences(calendar, since: datetime, until: datetime) -> list:
    """Return the VEVENT occurrences of ``calendar`` (components) between ``since`` and ``until``, in one pass.

    ``calendar`` has been through ``bring_forward``. Raise what
    recurring-ical-events raises on a feed it cannot read.
    """
    query = recurring_ical_events.of(calendar, skip_bad_series=True)
    with bounded_years(until.year + 1):
        return list(query.between(since, until))


@contextlib.contextmanager
def bounded_years(last_year: int) -> Iterator[None]:
    """Make dateutil's rrule stop every rule after ``last_year`` while the block runs.

    dateutil.rrule's ``_iter`` (python-dateutil 2.9, rrule.py near line
    904) ends a rule that yields nothing, whatever its UNTIL, only when its
    year passes ``datetime.MAXYEAR`` (9999): a rule that never occurs
    iterates every day or month up to year 9999 (seconds per VEVENT).
    The module reads that bound as ``datetime.MAXYEAR`` at each step, so
    while the block runs its ``datetime`` name is a module that delegates
    everything to the real ``datetime`` but says ``MAXYEAR = last_year``;
    no occurrence after ``last_year`` is needed by the window. A lock keeps
    two threads from swapping it at once; the real module is put back
    whatever happens.
    """
    bounded = types.ModuleType("datetime")
    bounded.__dict__.update(vars(datetime_module))
    bounded.MAXYEAR = min(last_year, datetime_module.MAXYEAR)
    with _LOCK:
        real = dateutil.rrule.datetime
        dateutil.rrule.datetime = bounded
        try:
            yield
        finally:
            dateutil.rrule.datetime = real


def bring_forward(event, since: datetime) -> str:
    """Move a VEVENT's series that starts long before ``since`` close to it; return why to leave it out, or ''.

    A DAILY or WEEKLY rule without COUNT has its DTSTART (and DTEND)
    moved forward by a whole number of periods (INTERVAL days, 7 ×
    INTERVAL days) to a time one period at least before ``since``: the
    occurrences are the same instants (an aware time keeps its wall-clock
    time when days are added, as the rule's own steps do), RDATE, EXDATE
    and RECURRENCE-ID stay absolute. A rule with COUNT keeps its DTSTART
    (the count starts there) but is left out (French reason returned)
    when it would iterate more than MAX_ITERATIONS periods before the
    window: its COUNT is bigger, or a BY part may leave periods empty. ``event`` has readable DTSTART, DTEND and RRULE (screening).
    """
    rule = event.get("RRULE")
    start = event.get("DTSTART")
    if rule is None or start is None:
        return ""
    frequency = str(_first(rule.get("FREQ")) or "").upper()
    interval = max(1, int(_first(rule.get("INTERVAL")) or 1))
    first = start.dt.date() if isinstance(start.dt, datetime) else start.dt
    days_before = (since.date() - first).days
    if rule.get("COUNT") is not None:
        periods = days_before * _PERIODS_PER_YEAR.get(frequency, 366) // 365 // interval
        filtered = any(key.startswith("BY") and key not in _NOT_FILTERS for key in rule)
        if periods > MAX_ITERATIONS and (filtered or int(_first(rule.get("COUNT"))) > MAX_ITERATIONS):
            return f"série commencée le {first.day:02}/{first.month:02}/{first.year:04} et comptée (COUNT) : trop longue à dérouler jusqu'à aujourd'hui"
        return ""
    if frequency not in _PERIOD_DAYS:
        return ""
    period = _PERIOD_DAYS[frequency] * interval
    end = event.get("DTEND")
    try:
        length = max(0, (end.dt - start.dt).days) if end is not None else 0
    except TypeError:  # a floating start and an aware end: their gap is unknown, the margin covers a day
        length = 1
    steps = (days_before - length - 2) // period - 1  # two days of margin for time zones
    if steps > 0:
        shift = timedelta(days=steps * period)
        start.dt = start.dt + shift
        if end is not None:
            end.dt = end.dt + shift
    return ""


def drop_time_parts(event) -> None:
    """Take BYSECOND, BYMINUTE and BYHOUR out of the RRULE of a VEVENT whose DTSTART is a date (no time).

    RFC 5545 section 3.3.10: « The BYSECOND, BYMINUTE and BYHOUR rule
    parts MUST NOT be specified when the associated "DTSTART" property has
    a DATE value type », and are to be ignored when a feed has them anyway
    (as ical.js does). dateutil would make times of day of them, which
    the date occurrences are then compared with and lost (« WEEKLY;COUNT=2;BYHOUR=10 »
    from 12 January gave 12 January only, ical.js gives 12 and 19). Nothing
    is told: the RFC says to ignore them. ``event`` has readable DTSTART
    and RRULE (screening).
    """
    rule = event.get("RRULE")
    start = event.get("DTSTART")
    if rule is None or start is None or isinstance(start.dt, datetime):
        return
    for part in _NOT_FILTERS:
        rule.pop(part, None)


def count_from_start(event, last_year: int) -> None:
    """Lower by one the COUNT of a VEVENT whose DTSTART is not an occurrence of its RRULE.

    RFC 5545 section 3.8.5.3: « The COUNT rule part is counted from the
    DTSTART, which is always the first instance »; recurring-ical-events
    adds DTSTART to dateutil's occurrences, which count only the matching
    ones: « DTSTART 1 December (a Tuesday), the last weekday of the month,
    COUNT=3 » would give 4 dates. A COUNT of 1 leaves DTSTART alone (the
    RRULE is dropped). The rule's first occurrence is searched until
    ``last_year`` (bounded_years). ``event`` has readable DTSTART and RRULE.
    """
    rule = event.get("RRULE")
    start = event.get("DTSTART")
    if rule is None or start is None or rule.get("COUNT") is None:
        return
    count = int(_first(rule.get("COUNT")))
    first = start.dt if isinstance(start.dt, datetime) else datetime.combine(start.dt, datetime.min.time())
    try:
        recurrence = dateutil.rrule.rrulestr(rule.to_ical().decode(), dtstart=first)
        with bounded_years(max(first.year, last_year)):
            matches = next(iter(recurrence), None) == first
    except (ValueError, TypeError):  # a rule dateutil cannot read: recurring-ical-events skips the series
        return
    if matches:
        return
    if count <= 1:
        del event["RRULE"]
    else:
        rule["COUNT"] = [count - 1]


def _first(value):
    return value[0] if isinstance(value, list) and value else value
