"""Partner feeds that took minutes or lost their good events (network trial): read in bounded time, as written."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import dateutil.rrule
import pytest
from conftest import ROOT, build, write_files
from pelican.settings import read_settings
from test_network_feeds import feed

from pelican.plugins.tierslieu.dates import format_occurrence
from pelican.plugins.tierslieu.editors.checking import run_check
from pelican.plugins.tierslieu.network.reading import plain_text, read_items
from pelican.plugins.tierslieu.network.series import bounded_years

PARIS = ZoneInfo("Europe/Paris")
TODAY, UNTIL = date(2026, 11, 24), date(2027, 2, 24)
BOUND = 10.0  # seconds: generous; each feed reads in well under one, the unguarded reading took from 6 s to forever
DAILY_FROM_YEAR_ONE = "UID:y1\r\nDTSTART:00010101T100000Z\r\nDTEND:00010101T110000Z\r\nRRULE:FREQ=DAILY\r\nSUMMARY:An 1"
NEVER = [
    f"UID:never{index}\r\nDTSTART:20260101T100000Z\r\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30{count}\r\nSUMMARY:Jamais"
    for index, count in enumerate(["", ";COUNT=3"] * 4)
]


def read_quickly(data: bytes, notes: list[str] | None = None, first: date = TODAY, last: date = UNTIL) -> list:
    started = time.perf_counter()
    items = read_items(data, PARIS, first, last, notes)
    assert time.perf_counter() - started < BOUND
    return items


def every_day_at_ten() -> list[datetime]:
    return [datetime(2026, 11, 24, 10, tzinfo=UTC) + timedelta(days=days) for days in range((UNTIL - TODAY).days + 1)]


def test_a_daily_series_from_1900_gives_each_day_of_the_window_at_ten_utc():
    data = feed(
        "UID:d\r\nDTSTART:19000101T100000Z\r\nDTEND:19000101T110000Z\r\nRRULE:FREQ=DAILY\r\nSUMMARY:Chaque jour"
    )
    items = read_quickly(data)
    assert [item.start for item in items] == every_day_at_ten()
    assert all(item.end - item.start == timedelta(hours=1) for item in items)


def test_a_daily_series_from_year_one_is_read_in_bounded_time():
    notes: list[str] = []
    items = read_quickly(feed(DAILY_FROM_YEAR_ONE), notes)
    assert [item.start for item in items] == every_day_at_ten()
    assert notes == []


def test_rules_that_never_occur_are_read_in_bounded_time():
    notes: list[str] = []
    assert read_quickly(feed(*NEVER), notes) == []
    assert notes == []


def test_a_weekly_series_moved_forward_keeps_its_weekday_its_exdates_and_its_moved_dates():
    # 1900-01-03 is a Wednesday, 6622 weeks before 2026-12-02: every other Wednesday from then, at 18:30 in Paris.
    series = (
        "UID:w\r\nDTSTART;TZID=Europe/Paris:19000103T183000\r\nDTEND;TZID=Europe/Paris:19000103T200000\r\n"
        "RRULE:FREQ=WEEKLY;INTERVAL=2\r\nEXDATE;TZID=Europe/Paris:20261216T183000\r\nSUMMARY:Atelier"
    )
    moved = "UID:w\r\nRECURRENCE-ID;TZID=Europe/Paris:20261230T183000\r\nDTSTART;TZID=Europe/Paris:20261231T100000\r\n"
    moved += "DTEND;TZID=Europe/Paris:20261231T120000\r\nSUMMARY:Atelier déplacé"
    items = read_quickly(feed(series, moved), last=date(2027, 1, 31))
    shown = [(item.start.astimezone(PARIS).strftime("%a %Y-%m-%d %H:%M"), item.title) for item in items]
    assert shown == [
        ("Wed 2026-12-02 18:30", "Atelier"),
        ("Thu 2026-12-31 10:00", "Atelier déplacé"),
        ("Wed 2027-01-13 18:30", "Atelier"),
        ("Wed 2027-01-27 18:30", "Atelier"),
    ]


def test_a_counted_series_too_long_to_reach_the_window_is_left_out_with_a_note():
    counted = "UID:c\r\nDTSTART:00010101T100000Z\r\nRRULE:FREQ=DAILY;COUNT=999999\r\nSUMMARY:Compté"
    sparse = "UID:s\r\nDTSTART:00010101T100000Z\r\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=5\r\nSUMMARY:Rare"
    good = "UID:g\r\nDTSTART:20261201T100000Z\r\nSUMMARY:Bon"
    notes: list[str] = []
    items = read_quickly(feed(counted, sparse, good), notes)
    assert [item.title for item in items] == ["Bon"]
    assert notes == [
        f"« {title} » : série commencée le 01/01/0001 et comptée (COUNT) : trop longue à dérouler jusqu'à aujourd'hui "
        ": non affiché"
        for title in ("Compté", "Rare")
    ]


def test_a_short_counted_series_from_1900_is_still_read():
    items = read_quickly(feed("UID:c\r\nDTSTART:19000101T100000Z\r\nRRULE:FREQ=YEARLY;COUNT=200\r\nSUMMARY:Fête"))
    assert [item.start for item in items] == [datetime(2027, 1, 1, 10, tzinfo=UTC)]


def test_dateutil_s_year_bound_is_put_back_after_the_expansion():
    real = dateutil.rrule.datetime
    rule = dateutil.rrule.rrule(dateutil.rrule.DAILY, dtstart=datetime(2026, 1, 1), bymonth=2, bymonthday=30)
    with bounded_years(2028):
        assert dateutil.rrule.datetime.MAXYEAR == 2028
        assert list(rule) == []
    assert dateutil.rrule.datetime is real


def test_network_feeds_that_hung_are_checked_and_built_in_bounded_time(site_copy, tmp_path, capsys):
    write_files(
        site_copy,
        {
            "network-feeds/k.ics": feed(DAILY_FROM_YEAR_ONE, *NEVER).decode(),
            "data/network/k.yaml": "name: K\ntown: Méré\ncalendar: network-feeds/k.ics\n",
        },
    )
    override = {
        "PATH": str(site_copy / "content"),
        "DATA_PATH": str(site_copy / "data"),
        "SETTINGS_DIR": str(site_copy),
    }
    started = time.perf_counter()
    status = run_check(
        [read_settings(str(ROOT / "pelicanconf.py"), override={**override, "TIERSLIEU_BUILD_DATE": "2026-11-24"})]
    )
    site = build(site_copy, tmp_path / "out", **override)
    assert time.perf_counter() - started < 2 * BOUND
    assert status == 0
    assert "k.yaml" not in capsys.readouterr().err
    agenda = site.read("reseau/agenda/index.html")
    assert agenda.count("An 1") == (UNTIL - TODAY).days + 1


def test_a_vevent_with_two_starts_is_left_out_alone_with_a_note():
    good = [f"UID:g{day}\r\nDTSTART:202612{day:02}T100000Z\r\nSUMMARY:Bon {day}" for day in range(1, 7)]
    bad = "UID:m\r\nDTSTART:20261204T100000Z\r\nDTSTART:20261205T100000Z\r\nSUMMARY:M"
    notes: list[str] = []
    items = read_items(feed(bad, *good), PARIS, TODAY, UNTIL, notes)
    assert [item.title for item in items] == [f"Bon {day}" for day in range(1, 7)]
    assert notes == ["1 événement illisible laissé de côté (DTSTART en double)"]


def test_vevents_with_unreadable_dates_are_counted_and_named_in_french():
    bad = [
        "UID:a\r\nDTSTART:20261204T100000Z\r\nDURATION:zz\r\nSUMMARY:A",
        "UID:b\r\nDTSTART:20261204T100000Z\r\nRRULE:FREQ=FOO\r\nSUMMARY:B",
        "UID:c\r\nDTSTART:20261204T100000Z\r\nRRULE:FREQ=FOO\r\nSUMMARY:C",
    ]
    notes: list[str] = []
    assert read_items(feed(*bad, "UID:g\r\nDTSTART:20261201T100000Z\r\nSUMMARY:Bon"), PARIS, TODAY, UNTIL, notes)
    assert notes == ["3 événements illisibles laissés de côté (DURATION illisible, RRULE illisible)"]


def test_a_date_start_with_a_time_end_is_an_all_day_event_of_its_day():
    notes: list[str] = []
    data = feed("UID:d\r\nDTSTART;VALUE=DATE:20261206\r\nDTEND:20261206T150000Z\r\nSUMMARY:Journée")
    [item] = read_items(data, PARIS, TODAY, UNTIL, notes)
    assert (item.all_day, item.start, item.end) == (True, date(2026, 12, 6), date(2026, 12, 7))
    assert notes == [
        (
            "« Journée » : jour sans heure (DTSTART;VALUE=DATE) mais fin avec heure (DTEND:20261206T150000Z) : "
            "montré sur 1 jour entier, l'heure n'est pas devinée"
        )
    ]


def test_an_unknown_tzid_is_read_in_the_venue_s_zone_with_one_note():
    events = [f"UID:{day}\r\nDTSTART;TZID=Nowhere/Land:202612{day}T100000\r\nSUMMARY:Z" for day in (16, 17)]
    notes: list[str] = []
    items = read_items(feed(*events), PARIS, TODAY, UNTIL, notes)
    assert [item.start for item in items] == [datetime(2026, 12, day, 10, tzinfo=PARIS) for day in (16, 17)]
    assert notes == ["fuseau « Nowhere/Land » inconnu : heures lues dans le fuseau du lieu (Europe/Paris)"]


def test_an_end_before_the_start_is_shown_without_end():
    [item] = read_items(
        feed("UID:e\r\nDTSTART:20261210T180000Z\r\nDTEND:20261210T170000Z\r\nSUMMARY:E"), PARIS, TODAY, UNTIL
    )
    assert item.end == item.start
    assert format_occurrence(item, PARIS) == "jeudi 10 décembre 2026, 19\u00a0h"


def test_bidirectional_controls_of_partner_text_are_dropped():
    assert plain_text("\u202egnp.exe\u202c et \u2066x\u2069 \u202a\u202b\u202d", 100, one_line=True) == "gnp.exe et x"
    data = feed("UID:b\r\nDTSTART:20261210T180000Z\r\nSUMMARY:\u202egnp.exe\u202c\r\nLOCATION:\u2067Salle\u2069")
    [item] = read_items(data, PARIS, TODAY, UNTIL)
    assert (item.title, item.location) == ("gnp.exe", "Salle")


def test_a_negative_duration_is_an_end_before_the_start_shown_without_end():
    notes: list[str] = []
    data = feed(
        "UID:n\r\nDTSTART:20261205T100000Z\r\nDURATION:-PT2H\r\nSUMMARY:N",
        "UID:z\r\nDTSTART:20261206T100000Z\r\nDURATION:PT0S\r\nSUMMARY:Z",
        "UID:d\r\nDTSTART;VALUE=DATE:20261207\r\nDURATION:-P1D\r\nSUMMARY:D",
    )
    negative, zero, day = read_items(data, PARIS, TODAY, UNTIL, notes)
    assert (negative.start, negative.end) == (datetime(2026, 12, 5, 10, tzinfo=UTC),) * 2
    assert format_occurrence(negative, PARIS) == "samedi 5 décembre 2026, 11\u00a0h"
    assert (zero.start, zero.end) == (datetime(2026, 12, 6, 10, tzinfo=UTC),) * 2
    assert (day.all_day, day.start, day.end, notes) == (True, date(2026, 12, 7), date(2026, 12, 8), [])


def test_an_exrule_is_told_ignored_once_per_feed():
    series = "RRULE:FREQ=WEEKLY;COUNT=4\r\nEXRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=2\r\nSUMMARY:X"
    one, two = f"UID:x\r\nDTSTART:20261201T100000Z\r\n{series}", f"UID:y\r\nDTSTART:20261202T100000Z\r\n{series}"
    notes: list[str] = []
    items = read_items(feed(one), PARIS, TODAY, UNTIL, notes)
    assert [item.start.day for item in items] == [1, 8, 15, 22]
    assert notes == [
        "1 événement a une règle d'exclusion EXRULE, abandonnée par la RFC 5545 : ignorée, toutes ses dates sont montrées"
    ]
    notes = []
    assert len(read_items(feed(one, two), PARIS, TODAY, UNTIL, notes)) == 8
    assert notes == [
        (
            "2 événements ont une règle d'exclusion EXRULE, abandonnée par la RFC 5545 : "
            "ignorée, toutes leurs dates sont montrées"
        )
    ]


MASTER = "UID:s\r\nDTSTART:20261201T180000Z\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:Atelier"
CANCELLED = "UID:s\r\nRECURRENCE-ID:20261208T180000Z\r\nDTSTART:20261208T180000Z\r\nSTATUS:CANCELLED\r\nSUMMARY:Atelier"
MOVED = "UID:s\r\nRECURRENCE-ID:20261208T180000Z\r\nDTSTART:20261209T180000Z\r\nSUMMARY:Atelier déplacé"
DUPLICATE_NOTE = (
    "1 modification en double d'une même date (même UID et RECURRENCE-ID) laissée de côté : "
    "la plus récente (SEQUENCE, puis DTSTAMP) est montrée"
)


@pytest.mark.parametrize(
    ("cancelled", "moved", "shown"),
    [
        # The highest SEQUENCE wins, whichever is written first.
        ("SEQUENCE:2", "SEQUENCE:1", "cancelled"),
        ("SEQUENCE:1", "SEQUENCE:2", "moved"),
        # Same SEQUENCE: the latest DTSTAMP or LAST-MODIFIED wins.
        ("SEQUENCE:1\r\nDTSTAMP:20261120T100000Z", "SEQUENCE:1\r\nDTSTAMP:20261110T100000Z", "cancelled"),
        ("DTSTAMP:20261101T100000Z\r\nLAST-MODIFIED:20261121T100000Z", "DTSTAMP:20261120T100000Z", "cancelled"),
    ],
)
@pytest.mark.parametrize("order", ["cancelled first", "moved first"])
def test_of_two_overrides_of_one_date_the_latest_is_kept_with_a_note(cancelled, moved, shown, order):
    overrides = [f"{CANCELLED}\r\n{cancelled}", f"{MOVED}\r\n{moved}"]
    if order == "moved first":
        overrides.reverse()
    notes: list[str] = []
    items = read_items(feed(MASTER, *overrides), PARIS, TODAY, UNTIL, notes)
    second = [(item.start.day, item.title, item.cancelled) for item in items][1]
    assert second == ((8, "Atelier", True) if shown == "cancelled" else (9, "Atelier déplacé", False))
    assert len(items) == 3
    assert notes == [DUPLICATE_NOTE]


def test_a_counted_series_whose_start_is_not_an_occurrence_counts_the_start_as_the_first():
    # RFC 5545 3.8.5.3: DTSTART is the first instance of COUNT; 2026-12-01 is not the last weekday of December.
    rule = "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3"
    series = f"UID:m\r\nDTSTART;TZID=Europe/Paris:20261201T090000\r\n{rule}\r\nSUMMARY:Fin de mois"
    once = (
        "UID:o\r\nDTSTART;TZID=Europe/Paris:20261202T090000\r\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=1\r\nSUMMARY:Une"
    )
    matching = "UID:k\r\nDTSTART;TZID=Europe/Paris:20261203T090000\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\nSUMMARY:Deux"
    items = read_quickly(feed(series, once, matching), last=date(2027, 6, 30))
    shown = sorted((item.title, item.start.astimezone(PARIS).strftime("%Y-%m-%d %H:%M")) for item in items)
    assert shown == [
        ("Deux", "2026-12-03 09:00"),
        ("Deux", "2026-12-10 09:00"),
        ("Fin de mois", "2026-12-01 09:00"),
        ("Fin de mois", "2026-12-31 09:00"),
        ("Fin de mois", "2027-01-29 09:00"),
        ("Une", "2026-12-02 09:00"),
    ]
