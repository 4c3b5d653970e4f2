"""The domain words, each with one source: weekdays, statuses, occurrences, published objects."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil import rrule

from pelican.plugins.tierslieu.models import Repeat
from pelican.plugins.tierslieu.weekdays import BYDAY_PATTERN, CODES, ByDay, Weekday

# Every form of every day, Monday first: code, iCalendar, dateutil, schema.org, French.
DAYS = [
    ("mo", "MO", rrule.MO, "Monday", "lundi"),
    ("tu", "TU", rrule.TU, "Tuesday", "mardi"),
    ("we", "WE", rrule.WE, "Wednesday", "mercredi"),
    ("th", "TH", rrule.TH, "Thursday", "jeudi"),
    ("fr", "FR", rrule.FR, "Friday", "vendredi"),
    ("sa", "SA", rrule.SA, "Saturday", "samedi"),
    ("su", "SU", rrule.SU, "Sunday", "dimanche"),
]


@pytest.mark.parametrize(("index", "forms"), list(enumerate(DAYS)))
def test_weekday_knows_every_form_of_its_day(index, forms):
    code, ical, dateutil_day, schema, french = forms
    day = Weekday(code)
    assert (day.code, day.ical, day.rrule, day.schema_name, day.french, day.index) == (
        code, ical, dateutil_day, schema, french, index)
    assert day.schema_url == f"https://schema.org/{schema}"
    # 2027-01-04 is a Monday.
    assert Weekday.of(date(2027, 1, 4) + timedelta(days=index)) is day
    assert date(2027, 1, 4 + index).weekday() == day.index


@pytest.mark.parametrize("day", list(Weekday))
def test_weekday_round_trips_through_every_form(day):
    assert Weekday(day.code) is day
    assert Weekday.from_ical(day.ical) is day
    assert Weekday.from_rrule(day.rrule) is day
    assert Weekday.from_rrule(day.rrule(-1)) is day
    assert Weekday.from_schema(day.schema_name) is day
    assert Weekday.from_schema(day.schema_url) is day
    assert Weekday.from_french(day.french) is day
    assert Weekday.from_french(day.french.capitalize()) is day
    assert Weekday.from_index(day.index) is day


@pytest.mark.parametrize(
    ("read", "text"),
    [(Weekday, "lu"), (Weekday.from_ical, "mo"), (Weekday.from_schema, "Lundi"), (Weekday.from_french, "Monday")],
)
def test_unknown_weekday_forms_are_refused(read, text):
    with pytest.raises(ValueError, match=text):
        read(text)


def test_weekday_index_out_of_the_week_is_refused():
    with pytest.raises(IndexError):
        Weekday.from_index(7)


def test_weekdays_are_in_week_order():
    assert CODES == ("mo", "tu", "we", "th", "fr", "sa", "su")
    assert [day.index for day in Weekday] == list(range(7))


@pytest.mark.parametrize(
    ("code", "rank", "ical", "dateutil_day"),
    [("tu", None, "TU", rrule.TU), ("1tu", 1, "1TU", rrule.TU(1)), ("-1fr", -1, "-1FR", rrule.FR(-1)),
     ("5su", 5, "5SU", rrule.SU(5))],
)
def test_byday_round_trips(code, rank, ical, dateutil_day):
    byday = ByDay.parse(code)
    assert byday.rank == rank
    assert (byday.code, byday.ical, byday.rrule, str(byday)) == (code, ical, dateutil_day, code)
    assert ByDay.parse(byday.code) == byday


@pytest.mark.parametrize("code", ["", "6tu", "0tu", "1", "tue", "TU", "1 tu"])
def test_malformed_byday_is_refused(code):
    with pytest.raises(ValueError):
        ByDay.parse(code)


def test_byday_pattern_is_the_schema_one():
    assert BYDAY_PATTERN == r"^([+-]?[1-5])?(mo|tu|we|th|fr|sa|su)$"


def test_repeat_reads_byday_as_values():
    repeat = Repeat.model_validate({"freq": "monthly", "byday": ["+2we", "-1fr", "su"]})
    assert repeat.byday == [ByDay(Weekday.we, 2), ByDay(Weekday.fr, -1), ByDay(Weekday.su)]
