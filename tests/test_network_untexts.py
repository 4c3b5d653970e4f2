"""Partner feeds that write a text in base64, leave events untitled, or write rules and zones out of range (attacker trial).

RFC 5545: SUMMARY, DESCRIPTION, LOCATION… are TEXT (VALUE=BINARY is for
ATTACH only, sections 3.2.7 and 3.3.1): such a property is read as absent,
never decoded, and told; two untitled events are never one by their
placeholder title; a BY part out of its range (section 3.3.10) leaves its
VEVENT out, told; an EXDATE in an unknown zone is read in the venue's, told.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT
from test_network_build import check_and_build_venue
from test_network_feeds import feed

from pelican.plugins.tierslieu.network.reading import read_items

PARIS = ZoneInfo("Europe/Paris")
TODAY, UNTIL = date(2026, 11, 24), date(2027, 2, 24)
BASE64 = "ENCODING=BASE64;VALUE=BINARY:PHNjcmlwdD4="
"""« <script> » in base64: never decoded, never shown."""
BINARY_TITLE = f"UID:b1\r\nDTSTART:20270105T100000Z\r\nSUMMARY;{BASE64}\r\nDESCRIPTION;{BASE64}\r\nLOCATION;{BASE64}"
BINARY_TITLE_NOTE = (
    "« Sans titre » du 05/01/2027 : SUMMARY en binaire (ENCODING=BASE64), "
    "DESCRIPTION en binaire (ENCODING=BASE64), LOCATION en binaire (ENCODING=BASE64) : non lus"
)
UNTITLED = (
    "UID:u1\r\nDTSTART:20270106T170000Z\r\nDESCRIPTION:Première",
    "UID:u2\r\nDTSTART:20270106T170000Z\r\nSUMMARY:\r\nDESCRIPTION:Seconde",
    "UID:u3\r\nDTSTART:20270106T170000Z\r\nSUMMARY:\\n\r\nDESCRIPTION:Troisième",
)
BYMONTH = "UID:r1\r\nDTSTART:20270107T100000Z\r\nRRULE:FREQ=MONTHLY;BYMONTH=0;COUNT=3\r\nSUMMARY:Chorale"
BYMONTH_NOTE = "1 événement illisible laissé de côté (RRULE illisible (BYMONTH))"
EXCLUDED = (
    "UID:x1\r\nDTSTART:20270105T090000Z\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"
    "EXDATE;TZID=Bogus/Zone:20270112T100000\r\nSUMMARY:Cours"
)
ZONE_NOTE = "fuseau « Bogus/Zone » inconnu : heures lues dans le fuseau du lieu (Europe/Paris)"


def local(value: datetime) -> str:
    return value.astimezone(PARIS).strftime("%Y-%m-%d %H:%M")


def read(*events: str) -> tuple[list, list[str]]:
    notes: list[str] = []
    return read_items(feed(*events), PARIS, TODAY, UNTIL, notes), notes


@pytest.mark.parametrize(
    ("name", "field", "absent"),
    [
        ("SUMMARY", "title", "Sans titre"),
        ("DESCRIPTION", "description", ""),
        ("LOCATION", "location", ""),
        ("URL", "url", ""),
        ("UID", "uid", "sans-uid-0"),
        ("STATUS", "cancelled", False),
    ],
)
def test_a_text_property_in_base64_is_read_as_absent_and_told(name, field, absent):
    text = {"SUMMARY": "Concert", "DESCRIPTION": "Texte", "LOCATION": "Salle", "URL": "https://a.example.org/"}
    lines = [f"{key}:{value}" for key, value in text.items() if key != name] + [f"{name};{BASE64}"]
    [item], notes = read("DTSTART:20270105T100000Z\r\n" + ("UID:k1\r\n" if name != "UID" else "") + "\r\n".join(lines))
    assert getattr(item, field) == absent
    shown = [str(value) for value in vars(item).values()]
    assert not [value for value in shown if "vBinary(" in value or "b'" in value]
    named = "« Sans titre » du 05/01/2027" if name == "SUMMARY" else "« Concert »"
    assert notes == [f"{named} : {name} en binaire (ENCODING=BASE64) : non lu"]


def test_a_repeated_text_property_is_read_as_absent_and_told():
    [item], notes = read("UID:d1\r\nDTSTART:20270105T100000Z\r\nSUMMARY:Bal\r\nDESCRIPTION:un\r\nDESCRIPTION:deux")
    assert (item.title, item.description) == ("Bal", "")
    assert notes == ["« Bal » : DESCRIPTION en double : non lu"]


def test_untitled_events_at_one_start_are_both_read():
    items, notes = read(*UNTITLED)
    assert [(item.uid, item.title, item.titled, item.description) for item in items] == [
        ("u1", "Sans titre", False, "Première"),
        ("u2", "Sans titre", False, "Seconde"),
        ("u3", "Sans titre", False, "Troisième"),
    ]
    assert notes == []


@pytest.mark.parametrize(
    ("rule", "part"),
    [
        ("FREQ=MONTHLY;BYMONTH=0", "BYMONTH"),
        ("FREQ=YEARLY;BYMONTH=13", "BYMONTH"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY"),
        ("FREQ=MONTHLY;BYMONTHDAY=-32", "BYMONTHDAY"),
        ("FREQ=DAILY;BYHOUR=24", "BYHOUR"),
        ("FREQ=DAILY;BYMINUTE=60", "BYMINUTE"),
        ("FREQ=DAILY;BYSECOND=61", "BYSECOND"),
        ("FREQ=YEARLY;BYYEARDAY=367", "BYYEARDAY"),
        ("FREQ=YEARLY;BYWEEKNO=54", "BYWEEKNO"),
        ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", "BYSETPOS"),
        ("FREQ=MONTHLY;BYDAY=54MO", "BYDAY"),
        ("FREQ=MONTHLY;BYDAY=0MO", "BYDAY"),
    ],
)
def test_a_rule_part_out_of_its_range_leaves_the_event_out_and_is_told(rule, part):
    items, notes = read(
        f"UID:r1\r\nDTSTART:20270107T100000Z\r\nRRULE:{rule};COUNT=3\r\nSUMMARY:Chorale",
        "UID:k\r\nDTSTART:20270108T100000Z\r\nSUMMARY:Bal",
    )
    assert [item.title for item in items] == ["Bal"]
    assert notes == [f"1 événement illisible laissé de côté (RRULE illisible ({part}))"]


def test_rule_parts_at_the_ends_of_their_ranges_are_read():
    rule = "FREQ=MONTHLY;BYDAY=-1SU,+1MO;BYMONTH=1,12;BYSETPOS=-1;BYHOUR=23;BYMINUTE=59;COUNT=2"
    items, notes = read(f"UID:r2\r\nDTSTART:20261227T235900Z\r\nRRULE:{rule}\r\nSUMMARY:Veillée")
    assert len(items) == 2
    assert notes == []


def test_an_exdate_in_an_unknown_zone_is_read_in_the_venue_s_zone_and_told():
    items, notes = read(EXCLUDED)
    assert [local(item.start) for item in items] == ["2027-01-05 10:00", "2027-01-19 10:00"]
    assert notes == [ZONE_NOTE]


def test_check_and_build_show_no_repr_keep_untitled_events_apart_and_tell_each(site_copy, tmp_path, capsys):
    checked, built, site = check_and_build_venue(
        site_copy, tmp_path, capsys, "Voisin", "v", feed(BINARY_TITLE, *UNTITLED, BYMONTH, EXCLUDED)
    )
    for note in (BINARY_TITLE_NOTE, BYMONTH_NOTE, ZONE_NOTE):
        assert f"data/network/v.yaml:4: attention : agenda de « Voisin » : {note}" in checked
        assert f"data/network/v.yaml:4: avertissement : agenda de « Voisin » : {note}" in built
    for page in ("reseau/index.html", "reseau/agenda/index.html", "reseau.json", "reseau.ics"):
        assert "vBinary(" not in site.raw(page) and "PHNjcmlwdD4" not in site.raw(page)
    [place] = json.loads(site.raw("reseau.json"))
    listed = sorted((event["name"], event["startDate"], event.get("description", "")) for event in place["event"])
    assert listed == [
        ("Cours", "2027-01-05T10:00:00+01:00", ""),
        ("Cours", "2027-01-19T10:00:00+01:00", ""),
        ("Sans titre", "2027-01-05T11:00:00+01:00", ""),
        ("Sans titre", "2027-01-06T18:00:00+01:00", "Première"),
        ("Sans titre", "2027-01-06T18:00:00+01:00", "Seconde"),
        ("Sans titre", "2027-01-06T18:00:00+01:00", "Troisième"),
    ]


@pytest.mark.parametrize(
    "note", ["« Concert » : SUMMARY en binaire (ENCODING=BASE64) : non lu", "« Bal » : DESCRIPTION en double : non lu"]
)
def test_the_guide_s_table_of_feed_notes_quotes_each(note):
    quoted = "« … »" + note[note.index(" : ") :]
    assert f"| `{quoted}` |" in (ROOT / "GUIDE.md").read_text(encoding="utf-8")


def test_the_guide_s_table_quotes_an_out_of_range_rule():
    assert f"| `{BYMONTH_NOTE}` |" in (ROOT / "GUIDE.md").read_text(encoding="utf-8")
