"""The domain words, each with one source: weekdays, statuses, occurrences, published objects."""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from conftest import sample_settings
from dateutil import rrule
from pydantic import ValidationError

from pelican.plugins.tierslieu.generator import load_site
from pelican.plugins.tierslieu.history import Change
from pelican.plugins.tierslieu.model.events import EventData, Repeat, Status
from pelican.plugins.tierslieu.model.weekdays import BYDAY_PATTERN, CODES, ByDay, Weekday
from pelican.plugins.tierslieu.recurrence import DEFAULT_DURATION, Occurrence, duration, expand
from pelican.plugins.tierslieu.structured import event_jsonld

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
        code,
        ical,
        dateutil_day,
        schema,
        french,
        index,
    )
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
    [
        ("tu", None, "TU", rrule.TU),
        ("1tu", 1, "1TU", rrule.TU(1)),
        ("-1fr", -1, "-1FR", rrule.FR(-1)),
        ("5su", 5, "5SU", rrule.SU(5)),
    ],
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


# Status: one place says what a status becomes in each output.


@pytest.mark.parametrize(
    ("status", "cancelled", "ical", "schema_org", "label"),
    [
        (Status.confirmed, False, "CONFIRMED", "https://schema.org/EventScheduled", ""),
        (Status.tentative, False, "TENTATIVE", "https://schema.org/EventScheduled", "à confirmer"),
        (Status.postponed, False, "TENTATIVE", "https://schema.org/EventPostponed", "reporté"),
        (Status.cancelled, True, "CANCELLED", "https://schema.org/EventCancelled", "annulé"),
    ],
)
def test_status_knows_its_forms(status, cancelled, ical, schema_org, label):
    assert (status.is_cancelled, status.ical, status.schema_org, status.label) == (cancelled, ical, schema_org, label)


def test_every_status_has_every_form():
    for status in Status:
        assert status.ical in {"CONFIRMED", "TENTATIVE", "CANCELLED"}  # RFC 5545 section 3.8.1.11
        assert status.schema_org.startswith("https://schema.org/Event")


# Occurrence: the end is exclusive, as DTEND; last_day is inclusive.

PARIS = ZoneInfo("Europe/Paris")


def occurrences(**fields) -> list[Occurrence]:
    return expand(EventData.model_validate({"title": "A", **fields}), PARIS, date(2027, 12, 31))


def test_an_all_day_occurrence_ends_the_day_after_its_last_day():
    (one,) = occurrences(start="2027-03-10")
    assert (one.start, one.end, one.last_day) == (date(2027, 3, 10), date(2027, 3, 11), date(2027, 3, 10))
    (three,) = occurrences(start="2027-03-10", end="2027-03-12")
    assert (three.end, three.last_day) == (date(2027, 3, 13), date(2027, 3, 12))
    assert duration(EventData.model_validate({"title": "A", "start": "2027-03-10"})) == timedelta(days=1)


def test_a_timed_occurrence_ends_at_its_end_instant():
    (one,) = occurrences(start="2027-03-10 22:00", end="2027-03-11 00:00")
    assert one.end == datetime(2027, 3, 11, tzinfo=PARIS)
    assert one.last_day == date(2027, 3, 10)  # ending at midnight touches no minute of the next day
    (late,) = occurrences(start="2027-03-10 22:00", end="2027-03-11 01:00")
    assert late.last_day == date(2027, 3, 11)
    with pytest.raises(ValidationError, match=r"'end' \(2027-03-10 22:00\) doit être après 'start'"):
        occurrences(start="2027-03-10 22:00", end="2027-03-10 22:00")  # no zero-length timed event (issue 11)
    (default,) = occurrences(start="2027-03-10 18:00")
    assert default.end - default.start == DEFAULT_DURATION


def test_an_occurrence_knows_its_event_and_whether_it_is_cancelled():
    series = occurrences(start="2027-03-02", repeat={"freq": "weekly", "count": 3, "except": ["2027-03-09"]})
    assert [item.excluded for item in series] == [False, True, False]
    assert [item.cancelled for item in series] == [False, True, False]
    assert [item.status for item in series] == [Status.confirmed, Status.cancelled, Status.confirmed]
    assert all(item.event.title == "A" for item in series)
    cancelled = occurrences(start="2027-03-02", status="cancelled", repeat={"freq": "weekly", "count": 2})
    assert [(item.excluded, item.cancelled) for item in cancelled] == [(False, True), (False, True)]
    postponed = occurrences(start="2027-03-02", status="postponed")
    assert postponed[0].status is Status.postponed and not postponed[0].cancelled


# Published pépites and events: no delegation, so copies and missing attributes behave.


@pytest.fixture(scope="module")
def sample():
    settings = sample_settings()
    return load_site(settings), settings


def test_published_objects_copy_and_refuse_unknown_attributes(sample):
    site, _ = sample
    for published in (site.pepites[0], site.events[0]):
        duplicate = copy.copy(published)
        assert duplicate.slug == published.slug and duplicate.data is published.data
        with pytest.raises(AttributeError):
            _ = published.no_such_attribute
    with pytest.raises(AttributeError):
        _ = site.events[0].title  # what the file says is event.data.title


# schema.org values come from explicit keys, never from French words.


def jsonld_of(sample, **fields) -> dict:
    site, _settings = sample
    data = EventData.model_validate({"title": "A", "start": "2027-01-12 10:00", **fields})
    event = site.make_event("essai", data, "essai.yaml", Change(1, datetime(2026, 11, 1, 9, 0, tzinfo=PARIS)))
    event.pepites = [pepite for pepite in site.pepites if pepite.slug in data.pepites]
    return event_jsonld(event, event.occurrences[0], site)


def test_attendance_follows_online_and_online_only(sample):
    online = "https://visio.example.org/x"
    assert jsonld_of(sample)["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert jsonld_of(sample, online=online)["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert jsonld_of(sample, online=online, location="En ligne")["eventAttendanceMode"] == (
        "https://schema.org/MixedEventAttendanceMode"
    )
    assert jsonld_of(sample, online=online, online_only=True)["eventAttendanceMode"] == (
        "https://schema.org/OnlineEventAttendanceMode"
    )


def test_online_only_needs_a_link():
    with pytest.raises(ValidationError, match="online_only"):
        EventData.model_validate({"title": "A", "start": "2027-01-12", "online_only": True})


def test_a_free_event_has_a_zero_price_whatever_its_text(sample):
    assert "price" not in jsonld_of(sample, price="Gratuit")["offers"]
    offer = jsonld_of(sample, price="Entrée libre", free=True)["offers"]
    assert (offer["price"], offer["priceCurrency"], offer["description"]) == (0, "EUR", "Entrée libre")
    assert jsonld_of(sample, free=True)["offers"]["price"] == 0


def test_performers_are_organisations_when_the_file_says_so(sample):
    performers = jsonld_of(sample, pepites=["eloise-berenger", "repair", "minimal"])["performer"]
    kinds = {performer["url"].rstrip("/").rsplit("/", 1)[-1]: performer["@type"] for performer in performers}
    assert kinds == {"eloise-berenger": "Person", "repair": "Organization", "minimal": "Person"}
