"""The VTIMEZONEs the feeds carry (timezones.py): yearly rules, fixed zones, zones whose rules changed."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from pelican.plugins.tierslieu.ical.timezones import transitions, vtimezone, years_of


def observances(tzid: str, first: int, last: int) -> list[dict]:
    return [
        {
            "kind": part.name,
            "start": part["DTSTART"].dt,
            "from": part["TZOFFSETFROM"].td,
            "to": part["TZOFFSETTO"].td,
            "name": str(part.get("TZNAME", "")),
            "rule": part["RRULE"].to_ical().decode() if "RRULE" in part else None,
        }
        for part in vtimezone(tzid, first, last).subcomponents
    ]


def test_paris_gets_one_yearly_rule_per_kind_of_change():
    assert str(vtimezone("Europe/Paris", 2026, 2028)["TZID"]) == "Europe/Paris"
    assert observances("Europe/Paris", 2026, 2028) == [
        {
            "kind": "DAYLIGHT",
            "start": datetime(2026, 3, 29, 2, 0),
            "from": timedelta(hours=1),
            "to": timedelta(hours=2),
            "name": "CEST",
            "rule": "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        },
        {
            "kind": "STANDARD",
            "start": datetime(2026, 10, 25, 3, 0),
            "from": timedelta(hours=2),
            "to": timedelta(hours=1),
            "name": "CET",
            "rule": "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
        },
    ]


def test_toronto_second_sunday_of_march_is_a_ranked_day():
    rules = [item["rule"] for item in observances("America/Toronto", 2026, 2028)]
    assert rules == ["FREQ=YEARLY;BYDAY=2SU;BYMONTH=3", "FREQ=YEARLY;BYDAY=1SU;BYMONTH=11"]


@pytest.mark.parametrize(("tzid", "offset", "name"), [("Asia/Tokyo", 9, "JST"), ("UTC", 0, "UTC")])
def test_zone_without_daylight_saving_gets_one_fixed_standard_observance(tzid, offset, name):
    assert observances(tzid, 2026, 2028) == [
        {
            "kind": "STANDARD",
            "start": datetime(1970, 1, 1),
            "from": timedelta(hours=offset),
            "to": timedelta(hours=offset),
            "name": name,
            "rule": None,
        },
    ]


def test_zone_that_dropped_daylight_saving_gets_one_observance_per_change():
    # Mexico City kept summer time until October 2022, and none in 2023.
    found = observances("America/Mexico_City", 2021, 2023)
    assert [(item["kind"], item["start"]) for item in found] == [
        ("DAYLIGHT", datetime(2021, 4, 4, 2, 0)),
        ("STANDARD", datetime(2021, 10, 31, 2, 0)),
        ("DAYLIGHT", datetime(2022, 4, 3, 2, 0)),
        ("STANDARD", datetime(2022, 10, 30, 2, 0)),
    ]
    assert all(item["rule"] is None for item in found)


def test_zone_whose_rule_changed_gets_one_observance_per_change():
    # The United States moved summer time to March in 2007.
    found = observances("America/New_York", 2006, 2008)
    assert [item["start"].date() for item in found] == [
        date(2006, 4, 2),
        date(2006, 10, 29),
        date(2007, 3, 11),
        date(2007, 11, 4),
        date(2008, 3, 9),
        date(2008, 11, 2),
    ]
    assert all(item["rule"] is None for item in found)


def test_transitions_are_found_to_the_minute_in_local_time():
    found = transitions(ZoneInfo("Europe/Paris"), 2027, 2027)
    assert [(item.local, item.daylight, item.name) for item in found] == [
        (datetime(2027, 3, 28, 2, 0), True, "CEST"),
        (datetime(2027, 10, 31, 3, 0), False, "CET"),
    ]
    assert found[0].rule() == (True, 3, "-1SU", time(2, 0), timedelta(hours=1), timedelta(hours=2), "CEST")


def test_years_of_adds_a_year_of_margin():
    assert years_of([date(2026, 11, 24), date(2027, 4, 6), datetime(2026, 12, 1, 10, 0)]) == (2025, 2028)
