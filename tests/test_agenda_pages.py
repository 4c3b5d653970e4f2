"""The month grid and the grouping by month (agenda_pages.py), on hand-made occurrences."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from pelican.plugins.tierslieu.agenda_pages import (
    by_month,
    earlier_this_month,
    local_day,
    month_grid,
    months_covered,
)
from pelican.plugins.tierslieu.model.events import EventData
from pelican.plugins.tierslieu.recurrence import Occurrence

PARIS = ZoneInfo("Europe/Paris")
UTC = ZoneInfo("UTC")
SITE = SimpleNamespace(timezone=PARIS)


EVENT = EventData(title="Test", start=date(2027, 1, 1))


def all_day(first: date, last: date, name: str):
    """An all-day occurrence from ``first`` to ``last`` inclusive (its end is exclusive, as DTEND)."""
    return Occurrence(first, last + timedelta(days=1), first, event=EVENT), name


def timed(start: datetime, end: datetime, name: str):
    return Occurrence(start, end, start, event=EVENT), name


def days_holding(grid, name: str) -> list[date]:
    return [day for week in grid for day, pairs in week if any(pair[1] == name for pair in pairs)]


def test_grid_has_whole_weeks_from_monday():
    grid = month_grid(date(2027, 1, 1), [], SITE)
    assert len(grid) == 5 and all(len(week) == 7 for week in grid)
    assert grid[0][0][0] == date(2026, 12, 28) and grid[-1][-1][0] == date(2027, 1, 31)
    assert all(day.weekday() == 0 for day, _ in (week[0] for week in grid))


def test_event_across_a_month_boundary_shows_on_its_days_of_this_month_only():
    salon = all_day(date(2027, 1, 30), date(2027, 2, 2), "salon")
    january = month_grid(date(2027, 1, 1), [salon], SITE)
    assert days_holding(january, "salon") == [date(2027, 1, 30), date(2027, 1, 31)]
    february = month_grid(date(2027, 2, 1), [salon], SITE)
    assert days_holding(february, "salon") == [date(2027, 2, 1), date(2027, 2, 2)]


def test_days_of_other_months_in_the_grid_stay_empty():
    new_year = all_day(date(2026, 12, 31), date(2027, 1, 1), "reveillon")
    january = month_grid(date(2027, 1, 1), [new_year], SITE)
    assert days_holding(january, "reveillon") == [date(2027, 1, 1)]  # 31 December is in the grid, but empty


def test_timed_event_falls_on_its_local_days():
    late = timed(datetime(2027, 1, 31, 23, 30, tzinfo=UTC), datetime(2027, 2, 1, 0, 30, tzinfo=UTC), "late")
    assert local_day(late[0], SITE) == date(2027, 2, 1)  # 00:30 in Paris
    assert days_holding(month_grid(date(2027, 1, 1), [late], SITE), "late") == []
    assert days_holding(month_grid(date(2027, 2, 1), [late], SITE), "late") == [date(2027, 2, 1)]
    night = timed(datetime(2027, 1, 30, 22, 0, tzinfo=PARIS), datetime(2027, 1, 31, 0, 0, tzinfo=PARIS), "night")
    assert days_holding(month_grid(date(2027, 1, 1), [night], SITE), "night") == [date(2027, 1, 30)]  # ends at midnight


def test_the_current_months_grid_keeps_the_days_already_past():
    """A month view shows its whole month: what happened on the 3rd stays on the 3rd after it."""
    salon = all_day(date(2027, 1, 30), date(2027, 2, 2), "salon")  # began last month, ended this one
    workshop = timed(datetime(2027, 2, 3, 14, 0, tzinfo=PARIS), datetime(2027, 2, 3, 16, 0, tzinfo=PARIS), "atelier")
    old = all_day(date(2027, 1, 10), date(2027, 1, 10), "janvier")
    past = [workshop, salon, old]  # latest first, as SiteData.past_occurrences returns them
    site = SimpleNamespace(timezone=PARIS, today=date(2027, 2, 10), past_occurrences=lambda months: past)
    earlier = earlier_this_month(site)
    assert [name for _, name in earlier] == ["salon", "atelier"]  # January's own event is not on the grid
    grid = month_grid(date(2027, 2, 1), earlier, site)
    assert days_holding(grid, "salon") == [date(2027, 2, 1), date(2027, 2, 2)]
    assert days_holding(grid, "atelier") == [date(2027, 2, 3)]


def names_by_month(groups) -> list[tuple[date, list[str]]]:
    return [(month, [name for _, name in items]) for month, items in groups]


def test_by_month_lists_an_occurrence_in_every_month_it_covers():
    pairs = [
        all_day(date(2027, 1, 30), date(2027, 2, 2), "a"),
        timed(datetime(2027, 1, 31, 23, 30, tzinfo=UTC), datetime(2027, 2, 1, 0, 30, tzinfo=UTC), "b"),
        timed(datetime(2027, 2, 3, 10, 0, tzinfo=PARIS), datetime(2027, 2, 3, 11, 0, tzinfo=PARIS), "c"),
    ]
    assert names_by_month(by_month(pairs, SITE, date(2027, 1, 1), date(2027, 12, 31))) == [
        (date(2027, 1, 1), ["a"]),
        (date(2027, 2, 1), ["a", "b", "c"]),
    ]


def test_by_month_lists_a_long_event_in_each_month_once_and_keeps_date_order():
    expo = all_day(date(2026, 10, 15), date(2027, 1, 10), "expo")
    late = all_day(date(2026, 11, 28), date(2026, 11, 28), "late")
    night = timed(datetime(2026, 12, 31, 22, 0, tzinfo=PARIS), datetime(2027, 1, 1, 2, 0, tzinfo=PARIS), "night")
    groups = by_month([expo, late, night], SITE, date(2026, 11, 24), date(2027, 11, 24))
    assert names_by_month(groups) == [
        (date(2026, 11, 1), ["expo", "late"]),  # October is before the window: the expo starts its list in November
        (date(2026, 12, 1), ["expo", "night"]),
        (date(2027, 1, 1), ["expo", "night"]),
    ]


def test_by_month_ends_at_the_window_but_keeps_a_later_start():
    years = all_day(date(2027, 3, 1), date(2031, 6, 30), "years")
    later = all_day(date(2028, 5, 2), date(2028, 5, 2), "later")
    groups = by_month([years, later], SITE, date(2026, 11, 24), date(2027, 4, 30))
    assert names_by_month(groups) == [
        (date(2027, 3, 1), ["years"]),
        (date(2027, 4, 1), ["years"]),  # not 50 months more
        (date(2028, 5, 1), ["later"]),  # past the horizon, but an event of its own
    ]


def test_by_month_latest_first_for_the_past():
    residence = all_day(date(2026, 9, 20), date(2026, 10, 5), "residence")
    talk = timed(datetime(2026, 10, 15, 19, 0, tzinfo=PARIS), datetime(2026, 10, 15, 21, 0, tzinfo=PARIS), "talk")
    groups = by_month([talk, residence], SITE, date(2025, 11, 24), date(2026, 11, 24), latest_first=True)
    assert names_by_month(groups) == [(date(2026, 10, 1), ["talk", "residence"]), (date(2026, 9, 1), ["residence"])]


def test_months_covered_reads_local_days_and_exclusive_ends():
    assert months_covered(all_day(date(2027, 1, 30), date(2027, 2, 2), "a")[0], SITE) == [
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]
    to_midnight = timed(datetime(2027, 1, 31, 20, 0, tzinfo=PARIS), datetime(2027, 2, 1, 0, 0, tzinfo=PARIS), "m")
    assert months_covered(to_midnight[0], SITE) == [date(2027, 1, 1)]  # ends as February begins: January only
    utc_night = timed(datetime(2027, 3, 31, 21, 0, tzinfo=UTC), datetime(2027, 3, 31, 23, 0, tzinfo=UTC), "u")
    assert months_covered(utc_night[0], SITE) == [date(2027, 3, 1), date(2027, 4, 1)]  # 23:00 to 01:00 in Paris
