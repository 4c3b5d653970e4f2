"""Partner feeds an outside attacker wrote (network trial): no hang, no English, no hour invented, each fault told."""

from __future__ import annotations

import time
import warnings
from datetime import date, datetime
from zoneinfo import ZoneInfo

from conftest import ROOT, build, write_files
from icalendar import Calendar
from pelican.settings import read_settings
from test_network_build import venue_text
from test_network_feeds import feed

from pelican.plugins.tierslieu.editors.checking import run_check
from pelican.plugins.tierslieu.network.reading import read_items
from pelican.plugins.tierslieu.network.screening import MAX_PER_DAY

PARIS = ZoneInfo("Europe/Paris")
TODAY, UNTIL = date(2026, 11, 24), date(2027, 2, 24)
BOUND = 10.0  # seconds: generous; the feeds read in well under one, the unguarded build took 130 s and 2.7 GB
HOURS, MINUTES = ",".join(map(str, range(24))), ",".join(map(str, range(60)))
BOMB = (
    "UID:bombe\r\nDTSTART;TZID=Europe/Paris:20261201T000000\r\nDURATION:PT1M\r\n"
    f"RRULE:FREQ=DAILY;BYHOUR={HOURS};BYMINUTE={MINUTES};BYSECOND=0,10,20,30,40,50\r\nSUMMARY:Bombe"
)
BOMB_NOTE = (
    "« Bombe » : répété 8640 fois par jour (RRULE : BYHOUR × BYMINUTE × BYSECOND) ; "
    f"{MAX_PER_DAY} au plus : non affiché"
)
TWICE_A_DAY = (
    "UID:deux\r\nDTSTART;TZID=Europe/Paris:20261201T100000\r\nDTEND;TZID=Europe/Paris:20261201T110000\r\n"
    "RRULE:FREQ=DAILY;BYHOUR=10,15;UNTIL=20261203T230000Z\r\nSUMMARY:Deux fois"
)
MOZILLA = (
    "UID:moz\r\nDTSTART;TZID=/mozilla.org/20050126_1/Europe/Paris:20261226T150000\r\n"
    "DTEND;TZID=/mozilla.org/20050126_1/Europe/Paris:20261226T170000\r\nSUMMARY:Goûter de Noël"
)
UNTIMED_RDATE = (
    "UID:rdate\r\nDTSTART;TZID=Europe/Paris:20261229T100000\r\nDTEND;TZID=Europe/Paris:20261229T110000\r\n"
    "RDATE;VALUE=DATE:20261230,20261231\r\nSUMMARY:Atelier vacances"
)
UNTIMED_NOTE = (
    "« Atelier vacances » : 2 dates RDATE sans heure laissées de côté (l'événement a une heure, elle n'est pas devinée)"
)


def local(value: datetime) -> str:
    return value.astimezone(PARIS).strftime("%Y-%m-%d %H:%M")


def test_a_daily_rule_made_sub_daily_by_its_by_parts_is_left_out_quickly_and_the_others_stay():
    notes: list[str] = []
    started = time.perf_counter()
    items = read_items(feed(BOMB, TWICE_A_DAY), PARIS, TODAY, UNTIL, notes)
    assert time.perf_counter() - started < BOUND
    assert [(local(item.start), local(item.end)) for item in items] == [
        ("2026-12-01 10:00", "2026-12-01 11:00"),
        ("2026-12-01 15:00", "2026-12-01 16:00"),
        ("2026-12-02 10:00", "2026-12-02 11:00"),
        ("2026-12-02 15:00", "2026-12-02 16:00"),
        ("2026-12-03 10:00", "2026-12-03 11:00"),
        ("2026-12-03 15:00", "2026-12-03 16:00"),
    ]
    assert notes == [BOMB_NOTE]


def test_a_rule_of_a_few_times_a_day_is_kept_one_more_is_not():
    times = ",".join(str(hour) for hour in range(9, 9 + MAX_PER_DAY))
    kept = f"UID:k\r\nDTSTART:20261201T090000Z\r\nRRULE:FREQ=WEEKLY;BYHOUR={times};COUNT={MAX_PER_DAY}\r\nSUMMARY:K"
    crowded = f"UID:c\r\nDTSTART:20261201T090000Z\r\nRRULE:FREQ=YEARLY;BYHOUR={times};BYMINUTE=0,30\r\nSUMMARY:C"
    notes: list[str] = []
    items = read_items(feed(kept, crowded), PARIS, TODAY, UNTIL, notes)
    assert [item.start.hour for item in items] == list(range(9, 9 + MAX_PER_DAY))
    assert [item.title for item in items] == ["K"] * MAX_PER_DAY
    times_a_day = 2 * MAX_PER_DAY
    assert notes == [
        f"« C » : répété {times_a_day} fois par jour (RRULE : BYHOUR × BYMINUTE × BYSECOND) ; {MAX_PER_DAY} au plus : non affiché"
    ]


def test_the_bomb_is_checked_and_built_in_bounded_time_with_a_french_note(site_copy, tmp_path, capsys):
    write_files(
        site_copy,
        {
            "network-feeds/b.ics": feed(BOMB, TWICE_A_DAY).decode(),
            "data/network/b.yaml": "name: B\ntown: Méré\ncalendar: network-feeds/b.ics\n",
        },
    )
    override = {
        "PATH": str(site_copy / "content"),
        "DATA_PATH": str(site_copy / "data"),
        "SETTINGS_DIR": str(site_copy),
    }
    started = time.perf_counter()
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={**override, "TIERSLIEU_BUILD_DATE": "2026-11-24"})
    status = run_check([settings])
    site = build(site_copy, tmp_path / "out", **override)
    assert time.perf_counter() - started < 2 * BOUND
    assert status == 0
    err = capsys.readouterr().err
    assert f"data/network/b.yaml:3: avertissement : agenda de « B » : {BOMB_NOTE}" in err
    agenda = site.read("reseau/agenda/index.html")
    assert "Bombe" not in agenda
    assert agenda.count("Deux fois") == 6


def test_a_mozilla_tzid_is_read_in_paris_without_any_warning():
    notes: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        [item] = read_items(feed(MOZILLA), PARIS, TODAY, UNTIL, notes)
    assert [str(warning.message) for warning in caught] == []
    assert (local(item.start), local(item.end), notes) == ("2026-12-26 15:00", "2026-12-26 17:00", [])


def test_an_rdate_without_time_of_a_timed_event_is_left_out_with_a_note():
    notes: list[str] = []
    items = read_items(feed(UNTIMED_RDATE), PARIS, TODAY, UNTIL, notes)
    assert [(local(item.start), local(item.end)) for item in items] == [("2026-12-29 10:00", "2026-12-29 11:00")]
    assert notes == [UNTIMED_NOTE]


def test_timed_rdates_stay_beside_untimed_ones_left_out():
    rdates = "RDATE;VALUE=DATE:20261230\r\nRDATE;TZID=Europe/Paris:20261231T180000\r\nRDATE:20270102T170000Z,20270105"
    event = UNTIMED_RDATE.replace("RDATE;VALUE=DATE:20261230,20261231", rdates)
    notes: list[str] = []
    items = read_items(feed(event), PARIS, TODAY, UNTIL, notes)
    assert [(local(item.start), local(item.end)) for item in items] == [
        ("2026-12-29 10:00", "2026-12-29 11:00"),
        ("2026-12-31 18:00", "2026-12-31 19:00"),
        ("2027-01-02 18:00", "2027-01-02 19:00"),
    ]
    assert notes == [UNTIMED_NOTE]


def test_the_page_and_reseau_ics_show_the_guessed_zone_and_no_invented_hour(site_copy, tmp_path, capsys):
    write_files(
        site_copy,
        {
            "feeds/m.ics": feed(MOZILLA, UNTIMED_RDATE).decode(),
            "data/network/m.yaml": venue_text("Voisin", "feeds/m.ics"),
        },
    )
    site = build(site_copy, tmp_path / "out", SETTINGS_DIR=str(site_copy))
    err = capsys.readouterr().err
    assert "mozilla" not in err.lower() and "Warning" not in err
    assert f"data/network/m.yaml:4: avertissement : agenda de « Voisin » : {UNTIMED_NOTE}" in err
    agenda = site.read("reseau/agenda/index.html")
    assert "samedi 26 décembre 2026, 15 h – 17 h" in agenda
    assert "mardi 29 décembre 2026, 10 h – 11 h" in agenda
    assert ", 0 h" not in agenda and "– 1 h" not in agenda
    assert agenda.count("Atelier vacances") == 1
    calendar = Calendar.from_ical(site.raw("reseau.ics"))
    starts = sorted((str(event["SUMMARY"]), local(event["DTSTART"].dt)) for event in calendar.walk("VEVENT"))
    assert starts == [("Atelier vacances", "2026-12-29 10:00"), ("Goûter de Noël", "2026-12-26 15:00")]
