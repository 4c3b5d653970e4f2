"""Partner feeds that write a period where a time must be, or a floating time against a zoned series (attacker trial).

A RECURRENCE-ID or an EXDATE with VALUE=PERIOD (RFC 5545 sections 3.8.4.4
and 3.8.5.1: DATE-TIME or DATE only) is read as the period's start; a
RECURRENCE-ID without zone of a series in a zone is read in the series'
zone. Each is told.
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
from test_network_mismatched import PARIS_ZONE

from pelican.plugins.tierslieu.network.reading import read_items

PARIS = ZoneInfo("Europe/Paris")
TODAY, UNTIL = date(2026, 11, 24), date(2027, 2, 24)
SERIES = "UID:a1\r\nDTSTART;TZID=Europe/Paris:20270105T100000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nSUMMARY:Atelier"
MOVED = (
    "UID:a1\r\nRECURRENCE-ID;VALUE=PERIOD:20270112T090000Z/PT1H\r\n"
    "DTSTART;TZID=Europe/Paris:20270113T150000\r\nSUMMARY:Atelier (déplacé)"
)
MOVED_NOTE = (
    "« Atelier (déplacé) » : RECURRENCE-ID en période (VALUE=PERIOD) : lue comme son début, "
    "le 12/01/2027 à 10 h (RFC 5545 section 3.8.4.4)"
)
EXCLUDED = (
    "UID:b1\r\nDTSTART:20270105T100000Z\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n"
    "EXDATE;VALUE=PERIOD:20270112T100000Z/PT1H\r\nSUMMARY:Cours"
)
EXCLUDED_NOTE = "« Cours » : EXDATE en période (VALUE=PERIOD) : lue comme son début, le 12/01/2027 à 11 h (RFC 5545 section 3.8.5.1)"
UTC_SERIES = "UID:c1\r\nDTSTART:20270105T100000Z\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nSUMMARY:Club"
FLOATING = "UID:c1\r\nRECURRENCE-ID:20270112T100000\r\nDTSTART:20270112T100000Z\r\nSTATUS:CANCELLED\r\nSUMMARY:Club"
FLOATING_NOTE = (
    "« Club » : RECURRENCE-ID sans fuseau alors que la série en a un : lue dans le fuseau de la série (UTC), "
    "le 12/01/2027 à 10 h, qu'elle remplace (RFC 5545 section 3.8.4.4)"
)


def local(value: datetime) -> str:
    return value.astimezone(PARIS).strftime("%Y-%m-%d %H:%M")


def shown(items) -> list[tuple[str, str, bool]]:
    return [(item.title, local(item.start), item.cancelled) for item in items]


def test_a_recurrence_id_written_as_a_period_replaces_the_occurrence_at_its_start():
    notes: list[str] = []
    items = read_items(feed(SERIES, MOVED), PARIS, TODAY, UNTIL, notes)
    assert shown(items) == [
        ("Atelier", "2027-01-05 10:00", False),
        ("Atelier (déplacé)", "2027-01-13 15:00", False),
        ("Atelier", "2027-01-19 10:00", False),
        ("Atelier", "2027-01-26 10:00", False),
    ]
    assert notes == [MOVED_NOTE]


def test_an_exdate_written_as_periods_cancels_the_occurrence_at_each_start():
    notes: list[str] = []
    items = read_items(feed(EXCLUDED), PARIS, TODAY, UNTIL, notes)
    assert shown(items) == [
        ("Cours", "2027-01-05 11:00", False),
        ("Cours", "2027-01-19 11:00", False),
        ("Cours", "2027-01-26 11:00", False),
    ]
    assert notes == [EXCLUDED_NOTE]
    several = EXCLUDED.replace("/PT1H", "/PT1H,20270119T100000Z/20270119T110000Z")
    notes = []
    items = read_items(feed(several + "\r\nEXDATE:20270126T100000Z"), PARIS, TODAY, UNTIL, notes)
    assert shown(items) == [("Cours", "2027-01-05 11:00", False)]
    assert notes == [EXCLUDED_NOTE.replace("à 11 h (", "à 11 h, le 19/01/2027 à 11 h (")]


@pytest.mark.parametrize(
    ("series", "zone", "at"),
    [
        (UTC_SERIES, "UTC", "11:00"),
        (UTC_SERIES.replace(":20270105T100000Z", ";TZID=Europe/Paris:20270105T100000"), "Europe/Paris", "10:00"),
    ],
    ids=["utc-series", "paris-series"],
)
def test_a_floating_recurrence_id_is_read_in_its_series_zone_and_told(series, zone, at):
    notes: list[str] = []
    items = read_items(feed(series, FLOATING), PARIS, TODAY, UNTIL, notes)
    assert [(local(item.start), item.cancelled) for item in items] == [
        (f"2027-01-05 {at}", False),
        ("2027-01-12 11:00", True),  # the override's own DTSTART, 10 h UTC
        (f"2027-01-19 {at}", False),
        (f"2027-01-26 {at}", False),
    ]
    assert notes == [FLOATING_NOTE.replace("(UTC)", f"({zone})")]


def test_a_floating_recurrence_id_at_no_time_of_its_series_is_left_as_written_without_note():
    notes: list[str] = []
    items = read_items(
        feed(UTC_SERIES, FLOATING.replace("T100000\r\nDTSTART", "T110000\r\nDTSTART")), PARIS, TODAY, UNTIL, notes
    )
    assert sum(item.cancelled for item in items) == 1 and len(items) == 5
    assert notes == []


def test_what_ical_js_reads_of_them(tmp_path):
    """ical.js excludes an EXDATE period's start, as we do; it matches no override to a RECURRENCE-ID period.

    A floating RECURRENCE-ID it matches at that wall-clock time for a series with a TZID, as we do, and to
    nothing for a series in UTC (its « Z » differs): there we replace that occurrence all the same, and tell it.
    """
    require_tool(shutil.which("node") is not None, "node")
    path = tmp_path / "f.ics"

    def theirs(*events: str) -> list[str]:
        path.write_bytes(feed(*events, head=PARIS_ZONE))
        [(_uid, found)] = read_node("icaljs_dump.js", path, UNTIL).items()
        return [local(datetime.fromisoformat(start)) for start, _ in found]

    assert theirs(EXCLUDED) == ["2027-01-05 11:00", "2027-01-19 11:00", "2027-01-26 11:00"]
    assert "2027-01-12 10:00" in theirs(SERIES, MOVED)  # the override matched nothing: the date is shown as planned
    moved = FLOATING.replace("STATUS:CANCELLED", "").replace("DTSTART:20270112T100000Z", "DTSTART:20270113T150000Z")
    paris = UTC_SERIES.replace(":20270105T100000Z", ";TZID=Europe/Paris:20270105T100000")
    assert "2027-01-13 16:00" in theirs(paris, moved) and "2027-01-12 10:00" not in theirs(paris, moved)
    assert "2027-01-12 11:00" in theirs(UTC_SERIES, moved) and "2027-01-13 16:00" not in theirs(UTC_SERIES, moved)
    ours = [local(item.start) for item in read_items(feed(UTC_SERIES, moved), PARIS, TODAY, UNTIL)]
    assert ours == ["2027-01-05 11:00", "2027-01-13 16:00", "2027-01-19 11:00", "2027-01-26 11:00"]


def test_check_and_build_show_each_as_meant_and_tell_it(site_copy, tmp_path, capsys):
    checked, built, site = check_and_build_venue(
        site_copy, tmp_path, capsys, "Voisin", "v", feed(SERIES, MOVED, EXCLUDED, UTC_SERIES, FLOATING)
    )
    for note in (MOVED_NOTE, EXCLUDED_NOTE, FLOATING_NOTE):
        assert f"data/network/v.yaml:4: attention : agenda de « Voisin » : {note}" in checked
        assert f"data/network/v.yaml:4: avertissement : agenda de « Voisin » : {note}" in built
    [place] = json.loads(site.raw("reseau.json"))
    listed = [
        (event["name"], event["startDate"], event["eventStatus"].rsplit("/", 1)[1])
        for event in place["event"]
        if "2027-01-12" <= event["startDate"] < "2027-01-14"
    ]
    assert sorted(listed) == [
        ("Atelier (déplacé)", "2027-01-13T15:00:00+01:00", "EventScheduled"),
        ("Club", "2027-01-12T11:00:00+01:00", "EventCancelled"),
    ]
    assert sum(event["name"] == "Atelier" for event in place["event"]) == 3
    assert sum(event["name"] == "Cours" for event in place["event"]) == 3
    assert sum(event["name"] == "Club" for event in place["event"]) == 4
    calendar = Calendar.from_ical(site.raw("reseau.ics"))
    days = sorted(
        (local(event["DTSTART"].dt), str(event["SUMMARY"]), str(event.get("STATUS")))
        for event in calendar.walk("VEVENT")
        if date(2027, 1, 12) <= event["DTSTART"].dt.date() <= date(2027, 1, 13)
    )
    assert days == [
        ("2027-01-12 11:00", "Club", "CANCELLED"),
        ("2027-01-13 15:00", "Atelier (déplacé)", "CONFIRMED"),
    ]


@pytest.mark.parametrize("note", [MOVED_NOTE, EXCLUDED_NOTE, FLOATING_NOTE])
def test_the_guide_s_table_of_feed_notes_quotes_each(note):
    quoted = "« … »" + note[note.index(" : ") :]
    assert f"| `{quoted}` |" in (ROOT / "GUIDE.md").read_text(encoding="utf-8")
