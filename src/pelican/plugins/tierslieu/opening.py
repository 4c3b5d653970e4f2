"""When the venue is open: weekly hours, closures and French public holidays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from .forked import Pending, start_in_child
from .model import models
from .model.weekdays import Weekday


@dataclass(frozen=True)
class Closure:
    """Days the venue is closed, first and last included."""

    start: date
    end: date
    reason: str | None
    holiday: bool = False


@dataclass(frozen=True)
class Day:
    """What one day looks like: its opening hours, or the closure that empties it."""

    day: date
    hours: list[tuple[time, time]]
    closure: Closure | None

    @property
    def is_open(self) -> bool:
        """Tell whether the venue opens at all that day."""
        return bool(self.hours) and self.closure is None


def closures(venue: models.VenueData, first: date, last: date) -> list[Closure]:
    """Return the venue's closures and, if it says so, French public holidays, in order.

    The `holidays` package knows the movable feasts (Easter Monday,
    Ascension, Whit Monday): no table of ours to keep up to date.
    """
    result = [Closure(item.start, item.end, item.reason) for item in venue.closures]
    if venue.closed_on_public_holidays:
        days = french_holidays(first.year, last.year)
        result += [Closure(day, day, name, holiday=True) for day, name in days if first <= day <= last]
    return sorted(result, key=lambda closure: (closure.start, closure.end))


_HOLIDAYS: dict[tuple[int, int], tuple[tuple[date, str], ...]] = {}
_AHEAD: dict[tuple[int, int], Pending] = {}


def expect_holidays(first_year: int, last_year: int) -> None:
    """Start computing France's public holidays of these years now, in a forked child, for ``french_holidays``.

    Called before the data is read (generator.load_site): the child works
    on the second core while this process reads data/. Nothing is started
    for years already known to this process.
    """
    key = (first_year, last_year)
    if key not in _HOLIDAYS and key not in _AHEAD:
        _AHEAD[key] = start_in_child(_french_holidays, first_year, last_year)


def known_holidays() -> dict[tuple[int, int], tuple[tuple[date, str], ...]]:
    """Return the holidays this process knows, by (first year, last year) (picklable: data_cache keeps them)."""
    return dict(_HOLIDAYS)


def adopt_holidays(known: dict | None) -> None:
    """Take holidays computed by an earlier build (``known_holidays``): no child is started for those years (None: nothing)."""
    for key, days in (known or {}).items():
        if isinstance(key, tuple) and isinstance(days, tuple):
            _HOLIDAYS.setdefault(key, days)


def forget_expected() -> None:
    """Drop the holidays started ahead and not asked for (a venue open on public holidays): no child left running."""
    while _AHEAD:
        _AHEAD.popitem()[1].cancel()


def french_holidays(first_year: int, last_year: int) -> tuple[tuple[date, str], ...]:
    """Return France's public holidays of these years (inclusive) in date order, named in French.

    Computed by the `holidays` package in a forked child (forked.py: its
    rules of every country stay out of the build's memory), started ahead
    by ``expect_holidays`` or now, once per process for the same years (the
    preview rebuilds often).
    """
    key = (first_year, last_year)
    if key not in _HOLIDAYS:
        pending = _AHEAD.pop(key, None) or start_in_child(_french_holidays, first_year, last_year)
        _HOLIDAYS[key] = pending.result()
    return _HOLIDAYS[key]


def _french_holidays(first_year: int, last_year: int) -> tuple[tuple[date, str], ...]:
    import holidays  # noqa: PLC0415 - imported where it is used: in the child process

    days = holidays.country_holidays("FR", years=range(first_year, last_year + 1), language="fr")
    return tuple(sorted(days.items()))


def day_of(venue: models.VenueData, day: date, known: list[Closure]) -> Day:
    """Return the opening hours of one day, or its closure."""
    weekday = Weekday.of(day)
    hours = sorted((line.opens, line.closes) for line in venue.hours if weekday in line.days)
    closure = next((item for item in known if item.start <= day <= item.end), None)
    return Day(day, hours, closure)


def next_closure(known: list[Closure], today: date) -> Closure | None:
    """Return the first closure that ends today or later."""
    return next((item for item in known if item.end >= today), None)


def upcoming(known: list[Closure], today: date) -> list[Closure]:
    """Return the closures still to come (or under way)."""
    return [item for item in known if item.end >= today]


def week_from(venue: models.VenueData, today: date, known: list[Closure]) -> list[Day]:
    """Return the seven days from today."""
    return [day_of(venue, today + timedelta(days=offset), known) for offset in range(7)]
