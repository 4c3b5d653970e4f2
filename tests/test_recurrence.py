"""Dates of events and series (recurrence.py), on hand-made events."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from pelican.plugins.tierslieu.model.events import EventData as Event
from pelican.plugins.tierslieu.recurrence import expand, series_starts

PARIS = ZoneInfo("Europe/Paris")
FAR = date(2030, 12, 31)


def event(**fields) -> Event:
    return Event.model_validate({"title": "Essai", **fields})


def starts(item: Event, horizon: date = FAR) -> list[str]:
    return [occurrence.start.isoformat() for occurrence in expand(item, PARIS, horizon)]


def test_single_event_lasts_one_hour_by_default():
    [occurrence] = expand(event(start="2027-01-12 14:00"), PARIS, FAR)
    assert occurrence.start == datetime(2027, 1, 12, 14, 0, tzinfo=PARIS)
    assert occurrence.end - occurrence.start == timedelta(hours=1)
    assert occurrence.original == occurrence.start
    assert not (occurrence.cancelled or occurrence.moved or occurrence.all_day)


def test_weekly_series_keeps_its_local_time_across_the_clock_change():
    item = event(
        start="2027-03-16 18:30",
        end="2027-03-16 20:00",
        repeat={"freq": "weekly", "byday": ["tu"], "until": "2027-04-06"},
    )
    occurrences = expand(item, PARIS, FAR)
    assert [o.start.isoformat() for o in occurrences] == [
        "2027-03-16T18:30:00+01:00",
        "2027-03-23T18:30:00+01:00",
        "2027-03-30T18:30:00+02:00",
        "2027-04-06T18:30:00+02:00",  # summer time from 28 March
    ]
    assert all(o.end - o.start == timedelta(minutes=90) for o in occurrences)


def test_except_keeps_the_date_marked_cancelled():
    item = event(start="2027-03-16 18:30", repeat={"freq": "weekly", "until": "2027-03-30", "except": ["2027-03-23"]})
    occurrences = expand(item, PARIS, FAR)
    assert [(o.start.date().isoformat(), o.cancelled) for o in occurrences] == [
        ("2027-03-16", False),
        ("2027-03-23", True),
        ("2027-03-30", False),
    ]


def test_moved_date_keeps_its_original_for_the_feed():
    item = event(
        start="2027-03-16 18:30",
        end="2027-03-16 20:00",
        repeat={"freq": "weekly", "until": "2027-03-30", "moved": {"2027-03-23": "2027-03-25 10:00"}},
    )
    moved = expand(item, PARIS, FAR)[1]
    assert moved.moved and not moved.cancelled
    assert moved.start == datetime(2027, 3, 25, 10, 0, tzinfo=PARIS)
    assert moved.end == datetime(2027, 3, 25, 11, 30, tzinfo=PARIS)
    assert moved.original == datetime(2027, 3, 23, 18, 30, tzinfo=PARIS)


def test_a_date_both_moved_and_cancelled_stays_where_it_was_cancelled():
    item = event(
        start="2027-03-16 18:30",
        repeat={"freq": "weekly", "count": 2, "except": ["2027-03-23"], "moved": {"2027-03-23": "2027-03-25 10:00"}},
    )
    last = expand(item, PARIS, FAR)[-1]
    assert (last.start.date(), last.cancelled, last.moved) == (date(2027, 3, 23), True, False)


def test_count_gives_that_many_dates():
    item = event(start="2027-01-05 09:00", repeat={"freq": "daily", "interval": 2, "count": 4})
    assert starts(item) == [
        "2027-01-05T09:00:00+01:00",
        "2027-01-07T09:00:00+01:00",
        "2027-01-09T09:00:00+01:00",
        "2027-01-11T09:00:00+01:00",
    ]


def test_the_horizon_cuts_a_counted_series():
    item = event(start="2027-01-05 09:00", repeat={"freq": "weekly", "count": 10})
    assert starts(item, horizon=date(2027, 1, 19)) == [
        "2027-01-05T09:00:00+01:00",
        "2027-01-12T09:00:00+01:00",
        "2027-01-19T09:00:00+01:00",
    ]


def test_until_is_the_last_possible_day_included():
    item = event(start="2027-01-05 20:00", repeat={"freq": "weekly", "until": "2027-01-19"})
    assert starts(item)[-1] == "2027-01-19T20:00:00+01:00"
    assert len(starts(item)) == 3


def test_the_horizon_cuts_an_open_or_longer_series():
    open_series = event(start="2027-01-05 20:00", repeat={"freq": "weekly"})
    assert len(starts(open_series, horizon=date(2027, 2, 1))) == 4
    longer = event(start="2027-01-05 20:00", repeat={"freq": "weekly", "until": "2028-01-01"})
    assert starts(longer, horizon=date(2027, 1, 12)) == ["2027-01-05T20:00:00+01:00", "2027-01-12T20:00:00+01:00"]


def test_monthly_ranked_days():
    last_friday = event(start="2027-01-29 18:00", repeat={"freq": "monthly", "byday": ["-1fr"], "count": 3})
    assert [s[:10] for s in starts(last_friday)] == ["2027-01-29", "2027-02-26", "2027-03-26"]
    first_tuesday = event(start="2027-01-05 18:00", repeat={"freq": "monthly", "byday": ["1tu"], "until": "2027-04-30"})
    assert [s[:10] for s in starts(first_tuesday)] == ["2027-01-05", "2027-02-02", "2027-03-02", "2027-04-06"]


def test_all_day_series_gives_dates_and_spans_its_days():
    item = event(start="2027-01-29", end="2027-01-30", repeat={"freq": "monthly", "byday": ["-1fr"], "count": 2})
    occurrences = expand(item, PARIS, FAR)
    assert [(o.start, o.end) for o in occurrences] == [
        (date(2027, 1, 29), date(2027, 1, 31)),
        (date(2027, 2, 26), date(2027, 2, 28)),
    ]  # ends exclusive, as DTEND
    assert all(o.all_day for o in occurrences)
    assert occurrences[0].last_day == date(2027, 1, 30)
    assert occurrences[0].original == date(2027, 1, 29)


def test_single_all_day_event_ends_on_its_day():
    [occurrence] = expand(event(start="2027-02-03"), PARIS, FAR)
    assert (occurrence.start, occurrence.end, occurrence.last_day) == (
        date(2027, 2, 3),
        date(2027, 2, 4),
        date(2027, 2, 3),
    )


def test_last_day_of_a_timed_occurrence_ending_at_midnight_is_the_day_before():
    [occurrence] = expand(event(start="2027-02-03 20:00", end="2027-02-04 00:00"), PARIS, FAR)
    assert occurrence.last_day == date(2027, 2, 3)


def test_series_starts_are_naive_local_times():
    item = event(start="2027-01-05 09:00", repeat={"freq": "yearly", "count": 2})
    assert series_starts(item.start, item.repeat, FAR) == [datetime(2027, 1, 5, 9, 0), datetime(2028, 1, 5, 9, 0)]
