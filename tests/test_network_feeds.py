"""Feeds read as they really are (pure): origins, series, time zones, untrusted text, the local times of clients."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from clients import instant, read_icalendar, read_node
from conftest import ROOT, require_tool

from pelican.plugins.tierslieu.network.reading import FeedError, read_items

PARIS = ZoneInfo("Europe/Paris")
TODAY, UNTIL = date(2026, 11, 24), date(2027, 2, 24)
FEEDS = ROOT / "network-feeds"


def feed(*events: str, head: str = "") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{event.strip()}\r\nEND:VEVENT\r\n" for event in events)
    text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//FR\r\n{head}{body}END:VCALENDAR\r\n"
    return text.replace("\n", "\r\n").replace("\r\r\n", "\r\n").encode()


def local(value: datetime) -> str:
    return value.astimezone(PARIS).strftime("%Y-%m-%d %H:%M")


def test_a_gancio_feed_in_utc_is_shown_in_local_time():
    items = read_items((FEEDS / "la-fabrique-des-essarts.ics").read_bytes(), PARIS, TODAY, UNTIL)
    assert [(local(item.start), local(item.end), item.title) for item in items][:2] == [
        ("2026-12-05 10:00", "2026-12-05 13:00", "Initiation à la découpe laser"),
        ("2026-12-16 18:30", "2026-12-16 21:00", "Repair café de Noël"),
    ]
    assert items[0].url == "https://agenda.fabrique-essarts.example.org/event/initiation-decoupe-laser"


def test_a_google_feed_with_x_wr_timezone_keeps_its_times_and_loses_its_markup():
    items = read_items((FEEDS / "le-moulin-partage.ics").read_bytes(), PARIS, TODAY, UNTIL)
    market = items[0]
    assert (local(market.start), local(market.end)) == ("2026-12-12 15:00", "2026-12-12 18:00")
    assert market.description == "Marché de créateurs au moulin : céramique, bijoux, textile.\nVin chaud offert."
    stage = items[1]
    assert (stage.all_day, stage.start, stage.end) == (True, date(2027, 1, 16), date(2027, 1, 18))


def test_a_weekly_series_drops_its_exdates_marks_a_cancelled_date_and_moves_another():
    items = read_items((FEEDS / "l-atelier-du-lavoir.ics").read_bytes(), PARIS, TODAY, date(2027, 1, 20))
    series = [(local(item.start), item.cancelled, item.title) for item in items if item.uid.startswith("tricot")]
    assert series == [
        ("2026-11-25 14:30", False, "Tricot-café du mercredi"),
        ("2026-12-02 14:30", False, "Tricot-café du mercredi"),
        ("2026-12-09 14:30", True, "Tricot-café du mercredi"),
        ("2026-12-16 14:30", False, "Tricot-café du mercredi"),
        ("2027-01-06 14:30", False, "Tricot-café du mercredi"),
        ("2027-01-14 14:30", False, "Tricot-café (exceptionnellement le jeudi)"),
        ("2027-01-20 14:30", False, "Tricot-café du mercredi"),
    ]


def test_floating_times_are_read_in_the_venue_s_time_zone():
    data = feed("UID:f\r\nDTSTART:20261201T100000\r\nDTEND:20261201T110000\r\nSUMMARY:F")
    [paris] = read_items(data, PARIS, TODAY, UNTIL)
    [montreal] = read_items(data, ZoneInfo("America/Montreal"), TODAY, UNTIL)
    assert paris.start == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert montreal.start == datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


def test_only_the_next_three_months_are_expanded_and_a_runaway_series_is_bounded():
    data = feed(
        "UID:d\r\nDTSTART:20261125T100000Z\r\nRRULE:FREQ=DAILY\r\nSUMMARY:Tous les jours",
        "UID:s\r\nDTSTART:20261125T100000Z\r\nRRULE:FREQ=SECONDLY\r\nSUMMARY:Sans fin",
        "UID:late\r\nDTSTART:20270601T100000Z\r\nSUMMARY:Trop tard",
    )
    items = read_items(data, PARIS, TODAY, UNTIL)
    daily = [item for item in items if item.uid == "d"]
    assert daily[-1].start.date() == UNTIL
    assert len(items) <= 400
    assert all(item.uid != "late" for item in items)


def test_missing_and_duplicate_uids_are_tolerated():
    data = feed(
        "DTSTART:20261201T100000Z\r\nSUMMARY:Sans UID 1",
        "DTSTART:20261202T100000Z\r\nSUMMARY:Sans UID 2",
        "UID:x\r\nDTSTART:20261203T100000Z\r\nSUMMARY:Premier",
        "UID:x\r\nDTSTART:20261204T100000Z\r\nSUMMARY:Second",
    )
    assert [item.title for item in read_items(data, PARIS, TODAY, UNTIL)] == [
        "Sans UID 1",
        "Sans UID 2",
        "Premier",
        "Second",
    ]


@pytest.mark.parametrize(
    ("event", "start", "end"),
    [
        ("DTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261214", date(2026, 12, 15), date(2026, 12, 16)),
        ("DTSTART:20261215T170000Z\r\nDTEND:20261215T160000Z", "2026-12-15 18:00", "2026-12-15 18:00"),
        ("DTSTART;TZID=Europe/Paris:20261215T180000\r\nDTEND:20261201T100000Z", "2026-12-15 18:00", "2026-12-15 18:00"),
        ("DTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261215", date(2026, 12, 15), date(2026, 12, 16)),
    ],
)
def test_an_end_before_the_start_counts_as_no_end(event, start, end):
    """RFC 5545 3.6.1: without DTEND, a date start lasts one day and a time start ends when it starts."""
    [item] = read_items(feed(f"UID:a\r\n{event}\r\nSUMMARY:A"), PARIS, TODAY, UNTIL)
    shown = [
        value if isinstance(value, date) and not isinstance(value, datetime) else local(value)
        for value in (item.start, item.end)
    ]
    assert shown == [start, end]


INJECTED = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_every_text_field_becomes_plain_text_and_links_must_be_http():
    data = feed(
        f"UID:{INJECTED}\r\nDTSTART:20261201T100000Z\r\nSUMMARY:Atelier{INJECTED}\r\n"
        f"DESCRIPTION:Texte {INJECTED}\\nBEGIN:VEVENT\r\nLOCATION:Salle {INJECTED}\r\nURL:javascript:alert(1)"
    )
    [item] = read_items(data, PARIS, TODAY, UNTIL)
    for text in (item.uid, item.title, item.description, item.location):
        assert "<" not in text and "script" not in text.lower() and "onerror" not in text
    assert item.title == "Atelier"
    assert item.url == ""


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<!DOCTYPE html><html></html>", "une page web (HTML ou XML), pas un calendrier iCalendar"),
        (b"hello", "ce n'est pas un calendrier iCalendar (il ne commence pas par BEGIN:VCALENDAR)"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026", "flux tronqué (il ne finit pas par END:VCALENDAR)"),
        (
            feed("UID:a\r\nDTSTART:20261201T100000\r\nSUMMARY:A", head="X-WR-TIMEZONE:Mars/Olympus\r\n"),
            "fuseau « Mars/Olympus » inconnu (X-WR-TIMEZONE) : il faut un fuseau IANA comme Europe/Paris",
        ),
        (
            feed("UID:a\r\nDTSTART:20261201T100000\r\nSUMMARY:A", head="X-WR-TIMEZONE:../../etc\r\n"),
            "fuseau « ../../etc » inconnu (X-WR-TIMEZONE) : il faut un fuseau IANA comme Europe/Paris",
        ),
    ],
)
def test_a_feed_that_is_not_icalendar_is_refused_with_a_reason(data, reason):
    with pytest.raises(FeedError) as raised:
        read_items(data, PARIS, TODAY, UNTIL)
    assert raised.value.reason == reason


@pytest.mark.parametrize("name", ["la-fabrique-des-essarts", "le-moulin-partage", "l-atelier-du-lavoir"])
def test_the_times_shown_are_those_icalendar_and_ical_js_give(name, tmp_path):
    require_tool(__import__("shutil").which("node") is not None, "node")
    path = FEEDS / f"{name}.ics"
    ours = sorted(
        (instant(item.start), instant(item.end)) for item in read_items(path.read_bytes(), PARIS, TODAY, UNTIL)
    )
    window = (instant(datetime(2026, 11, 24, tzinfo=PARIS)), instant(datetime(2027, 2, 25, tzinfo=PARIS)))

    def within(clients: dict) -> list:
        pairs = [pair for pairs in clients.values() for pair in pairs]
        return sorted(pair for pair in pairs if pair[1] > window[0][: len(pair[1])] and pair[0] < window[1])

    until = date(2027, 2, 25)
    assert ours == within(read_icalendar(path, until))
    assert ours == within(read_node("icaljs_dump.js", path, until))


def test_private_and_confidential_events_are_left_out_and_counted():
    data = feed(
        "UID:p\r\nDTSTART:20261201T100000Z\r\nCLASS:PRIVATE\r\nSUMMARY:rdv medical prive\r\nDESCRIPTION:dossier confidentiel",
        "UID:c\r\nDTSTART:20261202T100000Z\r\nCLASS:CONFIDENTIAL\r\nSUMMARY:Conseil restreint",
        "UID:s\r\nDTSTART:20261203T100000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\nSUMMARY:Atelier",
        "UID:s\r\nRECURRENCE-ID:20261204T100000Z\r\nDTSTART:20261204T150000Z\r\nCLASS:PRIVATE\r\nSUMMARY:Atelier privé",
        "UID:x\r\nDTSTART:20261205T100000Z\r\nRRULE:FREQ=DAILY;COUNT=2\r\nCLASS:X-SECRET\r\nSUMMARY:Série cachée",
        "UID:x\r\nRECURRENCE-ID:20261206T100000Z\r\nDTSTART:20261206T150000Z\r\nSUMMARY:Date déplacée",
        "UID:o\r\nDTSTART:20261207T100000Z\r\nCLASS:public\r\nSUMMARY:Ouvert",
    )
    notes: list[str] = []
    items = read_items(data, PARIS, TODAY, UNTIL, notes)
    assert [(local(item.start), item.title) for item in items] == [
        ("2026-12-03 11:00", "Atelier"),
        ("2026-12-05 11:00", "Atelier"),
        ("2026-12-07 11:00", "Ouvert"),
    ]
    assert notes == ["4 événements privés (CLASS:PRIVATE ou CONFIDENTIAL) laissés de côté"]


def test_a_fold_inside_a_utf8_character_is_undone_before_decoding():
    data = feed(
        "UID:u\r\nDTSTART:20261201T100000Z\r\nSUMMARY:Atelier caract\xc3\r\n \xa8re\r\nLOCATION:Salle d\r\n\t'été"
    )
    data = data.replace("\xc3".encode(), b"\xc3").replace("\xa8".encode(), b"\xa8")
    notes: list[str] = []
    [item] = read_items(data, PARIS, TODAY, UNTIL, notes)
    assert (item.title, item.location, notes) == ("Atelier caractère", "Salle d'été", [])
