"""Partner feeds whose times are written against their value type (attacker trial 17): shown as meant, and told.

A RECURRENCE-ID without time of a series with times (RFC 5545 section
3.8.4.4), a TZID on a UTC time (section 3.3.5), a DTEND without time of a
DTSTART with one (section 3.8.2.2).
"""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from clients import read_node
from conftest import ROOT, require_tool
from icalendar import Calendar
from test_network_build import check_and_build_venue
from test_network_feeds import feed

from pelican.plugins.tierslieu.network.reading import read_items

PARIS = ZoneInfo("Europe/Paris")
TODAY, UNTIL = date(2026, 11, 24), date(2027, 2, 24)
PARIS_ZONE = (  # ical.js reads a TZID it has no VTIMEZONE for as a floating time: the feeds it reads here define it
    "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
    "TZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
)
WEEKLY = (
    "UID:yoga\r\nDTSTART;TZID=Europe/Paris:20261203T090000\r\nDTEND;TZID=Europe/Paris:20261203T100000\r\n"
    "RRULE:FREQ=WEEKLY;COUNT=4\r\nSUMMARY:Yoga"
)
MOVED = (
    "UID:yoga\r\nRECURRENCE-ID;VALUE=DATE:20261210\r\nDTSTART;TZID=Europe/Paris:20261211T090000\r\n"
    "DTEND;TZID=Europe/Paris:20261211T100000\r\nSUMMARY:Yoga (décalé au vendredi)"
)
MOVED_NOTE = (
    "« Yoga (décalé au vendredi) » : RECURRENCE-ID sans heure alors que la série a une heure : "
    "reconnue par son jour, le 10/12/2026, qu'elle remplace (RFC 5545 section 3.8.4.4)"
)
YOGA = [
    ("Yoga", "2026-12-03 09:00"),
    ("Yoga (décalé au vendredi)", "2026-12-11 09:00"),
    ("Yoga", "2026-12-17 09:00"),
    ("Yoga", "2026-12-24 09:00"),
]
MARKET = "UID:marche\r\nDTSTART;VALUE=DATE:20261203\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nSUMMARY:Marché"
MARKET_MOVED = (
    "UID:marche\r\nRECURRENCE-ID;TZID=Europe/Paris:20261210T100000\r\nDTSTART;VALUE=DATE:20261211\r\n"
    "SUMMARY:Marché (décalé)"
)
UTC_TZID = (
    "UID:utc\r\nDTSTART;TZID=Europe/Paris:20270120T090000Z\r\nDTEND;TZID=Europe/Paris:20270120T100000Z\r\n"
    "SUMMARY:Conférence"
)
UTC_NOTE = (
    "« Conférence » : heure en UTC (Z) avec un fuseau (TZID=Europe/Paris) : lue en UTC, "
    "comme la lisent les agendas (RFC 5545 section 3.3.5)"
)
DATE_END = (
    "UID:fin\r\nDTSTART;TZID=Europe/Paris:20261205T100000\r\nDTEND;VALUE=DATE:20261206\r\nSUMMARY:Portes ouvertes"
)
DATE_END_NOTE = (
    "« Portes ouvertes » : fin sans heure (DTEND;VALUE=DATE:20261206) d'un événement à heure : lue le 06/12/2026 à 0 h"
)


def local(value: datetime) -> str:
    return value.astimezone(PARIS).strftime("%Y-%m-%d %H:%M")


def test_a_recurrence_id_without_time_replaces_that_day_of_a_timed_series():
    notes: list[str] = []
    items = read_items(feed(WEEKLY, MOVED), PARIS, TODAY, UNTIL, notes)
    assert [(item.title, local(item.start)) for item in items] == YOGA
    assert [local(item.end) for item in items][1] == "2026-12-11 10:00"
    assert notes == [MOVED_NOTE]


def test_a_recurrence_id_with_time_replaces_that_day_of_a_date_series():
    notes: list[str] = []
    items = read_items(feed(MARKET, MARKET_MOVED), PARIS, TODAY, UNTIL, notes)
    assert [(item.title, item.start.isoformat(), item.end.isoformat()) for item in items] == [
        ("Marché", "2026-12-03", "2026-12-04"),
        ("Marché (décalé)", "2026-12-11", "2026-12-12"),
        ("Marché", "2026-12-17", "2026-12-18"),
        ("Marché", "2026-12-24", "2026-12-25"),
    ]
    assert notes == [
        (
            "« Marché (décalé) » : RECURRENCE-ID avec heure alors que la série est en jours entiers : "
            "reconnue par son jour, le 10/12/2026, qu'elle remplace (RFC 5545 section 3.8.4.4)"
        )
    ]


def test_a_recurrence_id_without_time_replaces_every_time_of_that_day():
    twice = WEEKLY.replace("COUNT=4", "COUNT=8;BYHOUR=9,15")
    notes: list[str] = []
    items = read_items(feed(twice, MOVED), PARIS, TODAY, UNTIL, notes)
    assert [(item.title, local(item.start)) for item in items][:4] == [
        ("Yoga", "2026-12-03 09:00"),
        ("Yoga", "2026-12-03 15:00"),
        ("Yoga (décalé au vendredi)", "2026-12-11 09:00"),
        ("Yoga", "2026-12-17 09:00"),
    ]
    assert notes == [MOVED_NOTE]


def test_a_recurrence_id_on_no_day_of_its_series_is_shown_as_before_without_note():
    notes: list[str] = []
    items = read_items(feed(WEEKLY, MOVED.replace("20261210", "20261209")), PARIS, TODAY, UNTIL, notes)
    assert [(item.title, local(item.start)) for item in items] == [
        ("Yoga", "2026-12-03 09:00"),
        ("Yoga", "2026-12-10 09:00"),
        ("Yoga (décalé au vendredi)", "2026-12-11 09:00"),
        ("Yoga", "2026-12-17 09:00"),
        ("Yoga", "2026-12-24 09:00"),
    ]
    assert notes == []


def test_a_utc_time_with_a_tzid_is_read_in_utc():
    notes: list[str] = []
    [item] = read_items(feed(UTC_TZID), PARIS, TODAY, UNTIL, notes)
    assert (local(item.start), local(item.end)) == ("2027-01-20 10:00", "2027-01-20 11:00")
    assert notes == [UTC_NOTE]


@pytest.mark.parametrize(
    ("end", "until", "told"),
    [
        ("20261206", "2026-12-06 00:00", "lue le 06/12/2026 à 0 h"),
        ("20261205", "2026-12-05 10:00", "avant le début, montré sans fin"),
    ],
)
def test_a_date_end_of_a_timed_start_is_midnight_that_day_when_after_the_start(end, until, told):
    notes: list[str] = []
    [item] = read_items(feed(DATE_END.replace("20261206", end)), PARIS, TODAY, UNTIL, notes)
    assert (item.all_day, local(item.start), local(item.end)) == (False, "2026-12-05 10:00", until)
    assert notes == [f"« Portes ouvertes » : fin sans heure (DTEND;VALUE=DATE:{end}) d'un événement à heure : {told}"]


def test_the_times_are_those_ical_js_reads(tmp_path):
    """ical.js reads the Z as UTC, a date DTEND as 0 h, and the override as we do once its RECURRENCE-ID has its time.

    With the RECURRENCE-ID without time, ical.js (strictExceptions, as Thunderbird) matches nothing and leaves the
    override out: it shows Thursday 10 December, not the Friday the venue moved it to.
    """
    require_tool(shutil.which("node") is not None, "node")
    path = tmp_path / "f.ics"
    path.write_bytes(feed(UTC_TZID, DATE_END, head=PARIS_ZONE))
    theirs = read_node("icaljs_dump.js", path, UNTIL)
    assert theirs["utc"] == [("2027-01-20T09:00:00.000Z", "2027-01-20T10:00:00.000Z")]
    assert theirs["fin"] == [("2026-12-05T09:00:00.000Z", "2026-12-06")]  # a date: 0 h in the start's zone
    ours = {item.uid: item for item in read_items(path.read_bytes(), PARIS, TODAY, UNTIL)}
    assert ours["utc"].start.isoformat() == "2027-01-20T09:00:00+00:00"
    assert ours["fin"].end == datetime(2026, 12, 6, tzinfo=PARIS)
    timed = MOVED.replace("RECURRENCE-ID;VALUE=DATE:20261210", "RECURRENCE-ID;TZID=Europe/Paris:20261210T090000")
    path.write_bytes(feed(WEEKLY, timed, head=PARIS_ZONE))
    theirs = [local(datetime.fromisoformat(start)) for start, _ in read_node("icaljs_dump.js", path, UNTIL)["yoga"]]
    path.write_bytes(feed(WEEKLY, MOVED, head=PARIS_ZONE))
    ours = [local(item.start) for item in read_items(path.read_bytes(), PARIS, TODAY, UNTIL)]
    assert theirs == ours == [start for _, start in YOGA]


def test_check_and_build_show_each_as_meant_and_tell_it(site_copy, tmp_path, capsys):
    checked, built, site = check_and_build_venue(
        site_copy, tmp_path, capsys, "Voisin", "v", feed(WEEKLY, MOVED, UTC_TZID, DATE_END)
    )
    for note in (MOVED_NOTE, UTC_NOTE, DATE_END_NOTE):
        assert f"data/network/v.yaml:4: attention : agenda de « Voisin » : {note}" in checked
        assert f"data/network/v.yaml:4: avertissement : agenda de « Voisin » : {note}" in built
    agenda = site.read("reseau/agenda/index.html")
    assert "jeudi 10 décembre" not in agenda.lower() and agenda.count("Yoga") == 4
    assert "vendredi 11 décembre 2026, 9 h – 10 h" in agenda
    assert "du samedi 5 décembre 2026, 10 h, au dimanche 6 décembre 2026, 0 h" in agenda
    assert "mercredi 20 janvier 2027, 10 h – 11 h" in agenda
    [place] = json.loads(site.raw("reseau.json"))
    assert [(event["name"], event["startDate"], event["endDate"]) for event in place["event"]] == [
        ("Yoga", "2026-12-03T09:00:00+01:00", "2026-12-03T10:00:00+01:00"),
        ("Portes ouvertes", "2026-12-05T10:00:00+01:00", "2026-12-06T00:00:00+01:00"),
        ("Yoga (décalé au vendredi)", "2026-12-11T09:00:00+01:00", "2026-12-11T10:00:00+01:00"),
        ("Yoga", "2026-12-17T09:00:00+01:00", "2026-12-17T10:00:00+01:00"),
        ("Yoga", "2026-12-24T09:00:00+01:00", "2026-12-24T10:00:00+01:00"),
        ("Conférence", "2027-01-20T10:00:00+01:00", "2027-01-20T11:00:00+01:00"),
    ]
    calendar = Calendar.from_ical(site.raw("reseau.ics"))
    assert sorted(
        (local(event["DTSTART"].dt), local(event["DTEND"].dt), str(event["SUMMARY"]))
        for event in calendar.walk("VEVENT")
    ) == [
        ("2026-12-03 09:00", "2026-12-03 10:00", "Yoga"),
        ("2026-12-05 10:00", "2026-12-06 00:00", "Portes ouvertes"),
        ("2026-12-11 09:00", "2026-12-11 10:00", "Yoga (décalé au vendredi)"),
        ("2026-12-17 09:00", "2026-12-17 10:00", "Yoga"),
        ("2026-12-24 09:00", "2026-12-24 10:00", "Yoga"),
        ("2027-01-20 10:00", "2027-01-20 11:00", "Conférence"),
    ]


@pytest.mark.parametrize("note", [MOVED_NOTE, UTC_NOTE, DATE_END_NOTE])
def test_the_guide_s_table_of_feed_notes_quotes_each(note):
    quoted = "« … »" + note[note.index(" : ") :]
    assert f"| `{quoted}` |" in (ROOT / "GUIDE.md").read_text(encoding="utf-8")
