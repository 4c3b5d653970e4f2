"""A fault of one VEVENT of a partner feed stays with that VEVENT (attacker trial).

A rule that is not an RFC 5545 recur value (section 3.3.10: vCalendar
1.0's ``W1 TH #4``, no or unknown FREQ, a part twice) leaves its VEVENT
out, told, rather than showing its first date alone; an unreadable EXDATE
leaves its VEVENT out; a SEQUENCE that is not an integer 0 … 2³¹-1
(section 3.8.7.4) is ignored, told; two TZID on a date are told; a series
whose expansion raises is left out alone. The rest of the feed is shown.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT
from test_network_build import check_and_build_venue
from test_network_feeds import feed

from pelican.plugins.tierslieu.network import vevents
from pelican.plugins.tierslieu.network.reading import read_items

PARIS = ZoneInfo("Europe/Paris")
TODAY, UNTIL = date(2026, 11, 24), date(2027, 2, 24)
GOOD = "UID:ok\r\nDTSTART:20270110T100000Z\r\nSUMMARY:Atelier"
RULE_NOTE = "1 événement illisible laissé de côté (RRULE illisible)"
VCAL = "UID:v1\r\nDTSTART:20270107T100000Z\r\nRRULE:W1 TH #4\r\nSUMMARY:Conseil"
SEQUENCE = "UID:s1\r\nDTSTART:20270108T100000Z\r\nSEQUENCE:abc\r\nSUMMARY:Bal"
SEQUENCE_NOTE = "« Bal » : SEQUENCE illisible : ignorée"
EXDATE = "UID:e1\r\nDTSTART:20270105T100000Z\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE:20270112T100000Z,\r\nSUMMARY:Yoga"
EXDATE_NOTE = "1 événement illisible laissé de côté (EXDATE illisible)"
ZONES = "UID:z1\r\nDTSTART;TZID=America/New_York;TZID=Europe/Paris:20270109T100000\r\nSUMMARY:Chorale"
ZONES_NOTE = (
    "« Chorale » : deux TZID sur DTSTART (America/New_York, Europe/Paris) : heures lues dans le dernier (Europe/Paris)"
)


def local(value: datetime) -> str:
    return value.astimezone(PARIS).strftime("%Y-%m-%d %H:%M")


def read(*events: str, version: str = "2.0") -> tuple[list[tuple[str, str]], list[str]]:
    notes: list[str] = []
    data = feed(*events).replace(b"VERSION:2.0", f"VERSION:{version}".encode())
    items = read_items(data, PARIS, TODAY, UNTIL, notes)
    return [(item.title, local(item.start)) for item in items], notes


@pytest.mark.parametrize("version", ["2.0", "1.0"])
@pytest.mark.parametrize(
    "rule", ["W1 TH #4", "COUNT=3", "FREQ=FORTNIGHTLY;COUNT=3", "FREQ=WEEKLY;COUNT=3;COUNT=5", "FREQ=WEEKLY;COUNT"]
)
def test_a_rule_that_is_not_a_recur_value_leaves_its_event_out_and_is_told(rule, version):
    items, notes = read(f"UID:r1\r\nDTSTART:20270107T100000Z\r\nRRULE:{rule}\r\nSUMMARY:Conseil", GOOD, version=version)
    assert items == [("Atelier", "2027-01-10 11:00")]
    assert notes == [RULE_NOTE]


def test_a_recur_value_with_a_last_empty_part_or_lower_case_is_read():
    items, _ = read("UID:r1\r\nDTSTART:20270107T100000Z\r\nrrule:freq=weekly;count=2;\r\nSUMMARY:Conseil")
    assert items == [("Conseil", "2027-01-07 11:00"), ("Conseil", "2027-01-14 11:00")]


def test_a_feed_s_own_marks_are_taken_out():
    items, notes = read(GOOD + "\r\nX-TIERSLIEU-FAULT:RRULE illisible\r\nX-TIERSLIEU-TZIDS:DTSTART A B")
    assert items == [("Atelier", "2027-01-10 11:00")]
    assert notes == []


@pytest.mark.parametrize("value", ["abc", "1000000000000000000000000000000", "1099511627776", "-1", "2147483648"])
def test_an_unreadable_sequence_is_ignored_the_event_kept_and_told(value):
    items, notes = read(SEQUENCE.replace("abc", value), GOOD)
    assert items == [("Bal", "2027-01-08 11:00"), ("Atelier", "2027-01-10 11:00")]
    assert notes == [SEQUENCE_NOTE]


def test_a_sequence_at_the_ends_of_its_range_is_read_silently():
    items, notes = read(SEQUENCE.replace("abc", "0"), GOOD.replace("UID:ok", "UID:ok\r\nSEQUENCE:2147483647"))
    assert [title for title, _ in items] == ["Bal", "Atelier"]
    assert notes == []


def test_an_unreadable_exdate_leaves_its_series_out_alone():
    items, notes = read(EXDATE, GOOD)
    assert items == [("Atelier", "2027-01-10 11:00")]
    assert notes == [EXDATE_NOTE]


def test_two_tzid_on_a_date_are_read_as_the_last_and_told():
    items, notes = read(ZONES, GOOD)
    assert items == [("Chorale", "2027-01-09 10:00"), ("Atelier", "2027-01-10 11:00")]
    assert notes == [ZONES_NOTE]


def test_a_series_whose_expansion_raises_is_left_out_alone(monkeypatch):
    real = vevents.occurrences

    def failing(calendar, since, until):
        if any(str(event.get("UID")) == "bad" for event in calendar.walk("VEVENT")):
            raise ValueError
        return real(calendar, since, until)

    monkeypatch.setattr(vevents, "occurrences", failing)
    items, notes = read("UID:bad\r\nDTSTART:20270107T100000Z\r\nSUMMARY:Fête", GOOD)
    assert items == [("Atelier", "2027-01-10 11:00")]
    assert notes == ["« Fête » : série ou date illisible : non affiché"]


def test_check_and_build_show_the_rest_of_the_feed_and_tell_each_fault(site_copy, tmp_path, capsys):
    checked, built, site = check_and_build_venue(
        site_copy, tmp_path, capsys, "Moulin", "m", feed(VCAL, SEQUENCE, EXDATE, ZONES, GOOD)
    )
    assert "série ou date illisible" not in checked + built
    both = "2 événements illisibles laissés de côté (EXDATE illisible, RRULE illisible)"
    for note in (both, SEQUENCE_NOTE, ZONES_NOTE):
        assert f"data/network/m.yaml:4: attention : agenda de « Moulin » : {note}" in checked
        assert f"data/network/m.yaml:4: avertissement : agenda de « Moulin » : {note}" in built
    [place] = json.loads(site.raw("reseau.json"))
    assert sorted((event["name"], event["startDate"]) for event in place["event"]) == [
        ("Atelier", "2027-01-10T11:00:00+01:00"),
        ("Bal", "2027-01-08T11:00:00+01:00"),
        ("Chorale", "2027-01-09T10:00:00+01:00"),
    ]


@pytest.mark.parametrize(
    "note",
    [
        RULE_NOTE,
        EXDATE_NOTE,
        "« … » : SEQUENCE illisible : ignorée",
        "« … » : deux TZID sur DTSTART (America/New_York, Europe/Paris) : heures lues dans le dernier (Europe/Paris)",
        "« … » : série ou date illisible : non affiché",
    ],
)
def test_the_guide_s_table_quotes_each_new_note(note):
    assert f"| `{note}` |" in (ROOT / "GUIDE.md").read_text(encoding="utf-8")
