"""The calendar feed, read back by icalendar and by Mozilla's ical.js."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from conftest import SAMPLE, build, node, snapshot
from icalendar import Calendar


@pytest.fixture(scope="module")
def feed_bytes(built_site) -> bytes:
    return (built_site.output / "agenda.ics").read_bytes()


@pytest.fixture(scope="module")
def calendar(feed_bytes) -> Calendar:
    return Calendar.from_ical(feed_bytes)


@pytest.fixture(scope="module")
def icaljs(built_site) -> dict:
    return json.loads(node("icaljs_dump.js", str(built_site.output / "agenda.ics"), "2027-12-31"))


def masters(calendar: Calendar) -> dict:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e}


def test_lines_end_with_crlf_and_fold_at_75_octets(feed_bytes):
    assert feed_bytes.endswith(b"\r\n")
    lines = feed_bytes.split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # a multi-byte character is never split across lines


def test_calendar_has_name_refresh_hints_and_timezones(calendar):
    assert str(calendar["NAME"]) == "La Grange d'Essai — Agenda"
    assert str(calendar["X-WR-CALNAME"]) == "La Grange d'Essai — Agenda"
    assert calendar["X-PUBLISHED-TTL"] == "PT6H"
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    used = {str(e["DTSTART"].params["TZID"]) for e in calendar.walk("VEVENT") if "TZID" in e["DTSTART"].params}
    defined = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert used == {"Europe/Paris", "America/Toronto"}
    assert used <= defined


def test_vtimezones_use_yearly_rules_not_rdate_lists(calendar):
    for zone in calendar.walk("VTIMEZONE"):
        for observance in zone.subcomponents:
            assert "RDATE" not in observance
            assert "RRULE" in observance


def test_every_event_has_identity_stamp_url_and_status(calendar):
    events = masters(calendar)
    assert sorted(events) == sorted(
        f"{slug}@grange.example.org"
        for slug in (
            "atelier-hebdo",
            "salon-artisans",
            "conference-passee",
            "fete-annulee",
            "visio-montreal",
            "journee-ete",
            "decalage-explicite",
        )
    )
    for uid, event in events.items():
        assert "DTSTAMP" in event
        assert str(event["URL"]) == f"https://grange.example.org/agenda/{uid.split('@')[0]}/"
        assert str(event["STATUS"]) in ("CONFIRMED", "CANCELLED")
    assert str(events["fete-annulee@grange.example.org"]["STATUS"]) == "CANCELLED"


def test_all_day_event_ends_the_day_after_its_last_day(calendar):
    salon = masters(calendar)["salon-artisans@grange.example.org"]
    assert salon["DTSTART"].dt == date(2026, 12, 11)
    assert salon["DTEND"].dt == date(2026, 12, 14)


def test_series_has_rrule_exdate_and_moved_override(calendar):
    series = masters(calendar)["atelier-hebdo@grange.example.org"]
    rule = series["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["TU"]
    assert rule["UNTIL"] == [datetime(2027, 4, 6, 21, 59, 59, tzinfo=UTC)]
    exdates = [
        d.dt
        for ex in ([series["EXDATE"]] if not isinstance(series["EXDATE"], list) else series["EXDATE"])
        for d in ex.dts
    ]
    assert [d.astimezone(UTC) for d in exdates] == [datetime(2026, 12, 29, 17, 30, tzinfo=UTC)]
    overrides = [e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" in e]
    assert len(overrides) == 1
    assert overrides[0]["RECURRENCE-ID"].dt.astimezone(UTC) == datetime(2027, 3, 30, 16, 30, tzinfo=UTC)
    assert overrides[0]["DTSTART"].dt.astimezone(UTC) == datetime(2027, 3, 31, 16, 30, tzinfo=UTC)


def test_icaljs_sees_the_same_events_as_icalendar(calendar, icaljs):
    ours = masters(calendar)
    theirs = {event["uid"]: event for event in icaljs["events"]}
    assert sorted(theirs) == sorted(ours)
    for uid, event in ours.items():
        seen = theirs[uid]
        assert seen["summary"] == str(event["SUMMARY"])
        assert seen["description"] == str(event["DESCRIPTION"])
        assert seen["location"] == str(event["LOCATION"])
        assert seen["occurrences"][0] == [instant(event["DTSTART"].dt), instant(event["DTEND"].dt)]


def instant(value) -> str:
    """Write a DATE or DATE-TIME the way the ical.js dump does."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return value.isoformat()


def test_icaljs_expands_the_series_across_the_clock_change(icaljs):
    series = next(e for e in icaljs["events"] if e["uid"].startswith("atelier-hebdo@"))
    starts = [start for start, _end in series["occurrences"]]
    assert len(starts) == 22  # 23 Tuesdays from 3 November to 6 April, less 29 December
    assert "2026-12-29T17:30:00.000Z" not in starts
    assert starts[0] == "2026-11-03T17:30:00.000Z"  # 18:30 in winter time (UTC+1)
    assert "2027-03-23T17:30:00.000Z" in starts
    assert "2027-03-31T16:30:00.000Z" in starts  # moved, 18:30 in summer time (UTC+2)
    assert starts[-1] == "2027-04-06T16:30:00.000Z"


def test_titles_with_special_characters_round_trip(calendar, icaljs):
    title = "Fête « d'hiver » : annulée, désolé ; vraiment\\"
    assert str(masters(calendar)["fete-annulee@grange.example.org"]["SUMMARY"]) == title
    assert any(event["summary"] == title for event in icaljs["events"])


def test_single_event_file_has_no_calendar_name(built_site):
    single = Calendar.from_ical((built_site.output / "agenda/salon-artisans/salon-artisans.ics").read_bytes())
    assert "NAME" not in single and "X-WR-CALNAME" not in single
    # The event, then its programme (SPEC section 2: the event's own file holds every session).
    assert [str(e["UID"]) for e in single.walk("VEVENT")] == [
        "salon-artisans@grange.example.org",
        "salon-artisans--demonstration-de-tournage-1000@grange.example.org",
        "salon-artisans--reparer@grange.example.org",
        "salon-artisans--le-mot-des-artisans-1600@grange.example.org",
    ]


def test_same_sources_give_the_same_bytes(built_site, tmp_path):
    again = build(SAMPLE, tmp_path / "again")
    first, second = snapshot(built_site.output), snapshot(again.output)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
