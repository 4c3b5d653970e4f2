"""Partner feeds an outside attacker wrote (network trial): no hang, no English, no hour invented, each fault told."""

from __future__ import annotations

import json
import shutil
import time
import warnings
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from clients import read_node
from conftest import ROOT, build, require_tool, write_files
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


CHRISTMAS = "UID:noel\r\nDTSTART;VALUE=DATE:20261226\r\nDURATION:PT1H\r\nSUMMARY:Noël au jardin"
CHRISTMAS_NOTE = (
    "« Noël au jardin » : jour sans heure (DTSTART;VALUE=DATE) mais durée en heures (DURATION:PT1H) : "
    "montré sur 1 jour entier, l'heure n'est pas devinée"
)
DATE_ENDS = [
    ("DURATION:PT1H", date(2026, 12, 27), "durée en heures (DURATION:PT1H)", "1 jour entier"),
    ("DURATION:P1DT2H", date(2026, 12, 27), "durée en heures (DURATION:P1DT2H)", "1 jour entier"),
    ("DURATION:P2D", date(2026, 12, 28), "", ""),
    ("DURATION:P1W", date(2027, 1, 2), "", ""),
    ("DTEND:20261228T100000Z", date(2026, 12, 29), "fin avec heure (DTEND:20261228T100000Z)", "3 jours entiers"),
    ("DTEND:20261227T230000Z", date(2026, 12, 28), "fin avec heure (DTEND:20261227T230000Z)", "2 jours entiers"),
]


@pytest.mark.parametrize(("end", "until", "written", "shown"), DATE_ENDS)
def test_a_date_start_stays_on_whole_days_whatever_hours_its_end_has(end, until, written, shown):
    """RFC 5545 3.8.2.5, 3.6.1: a DATE DTSTART lasts whole days; hours are not invented at midnight, but told."""
    notes: list[str] = []
    [item] = read_items(
        feed(f"UID:d\r\nDTSTART;VALUE=DATE:20261226\r\n{end}\r\nSUMMARY:Fête"), PARIS, TODAY, UNTIL, notes
    )
    assert (item.all_day, item.start, item.end) == (True, date(2026, 12, 26), until)
    told = f"« Fête » : jour sans heure (DTSTART;VALUE=DATE) mais {written} : montré sur {shown}, l'heure n'est pas devinée"
    assert notes == ([told] if written else [])


@pytest.mark.parametrize(("end", "until", "written", "shown"), DATE_ENDS)
def test_a_date_start_s_days_are_those_ical_js_shows(end, until, written, shown, tmp_path):
    """ical.js drops a DURATION's hours from a date (PT1H: the day itself, ended as it starts) and keeps a time DTEND."""
    require_tool(shutil.which("node") is not None, "node")
    path = tmp_path / "f.ics"
    path.write_bytes(feed(f"UID:d\r\nDTSTART;VALUE=DATE:20261226\r\n{end}\r\nSUMMARY:Fête"))
    [item] = read_items(path.read_bytes(), PARIS, TODAY, UNTIL)
    [(start, their_end)] = read_node("icaljs_dump.js", path, UNTIL)["d"]
    assert start == item.start.isoformat()
    if "T" in their_end:  # a time DTEND: ical.js ends in the last day it touches (midnight ends the day before), ours
        last = (datetime.fromisoformat(their_end).astimezone(PARIS) - timedelta(microseconds=1)).date()
        assert last == item.end - timedelta(days=1)
    else:  # a zero length is shown by ical.js on the day it starts, as our one day
        assert max(date.fromisoformat(their_end), item.start + timedelta(days=1)) == item.end


def test_the_page_reseau_json_and_reseau_ics_show_a_date_with_hours_as_its_day(site_copy, tmp_path, capsys):
    write_files(
        site_copy,
        {"feeds/n.ics": feed(CHRISTMAS).decode(), "data/network/n.yaml": venue_text("Voisin", "feeds/n.ics")},
    )
    site = build(site_copy, tmp_path / "out", SETTINGS_DIR=str(site_copy))
    err = capsys.readouterr().err
    assert f"data/network/n.yaml:4: avertissement : agenda de « Voisin » : {CHRISTMAS_NOTE}" in err
    agenda = site.read("reseau/agenda/index.html")
    assert "samedi 26 décembre 2026" in agenda
    assert ", 0 h" not in agenda and "– 1 h" not in agenda
    [place] = json.loads(site.raw("reseau.json"))
    [event] = place["event"]
    assert (event["name"], event["startDate"], event["endDate"]) == ("Noël au jardin", "2026-12-26", "2026-12-26")
    [vevent] = Calendar.from_ical(site.raw("reseau.ics")).walk("VEVENT")
    assert (vevent["DTSTART"].dt, vevent["DTEND"].dt) == (date(2026, 12, 26), date(2026, 12, 27))


ZONED_DATES = {  # RFC 5545 3.3.4: a DATE has no time zone, its TZID is ignored (as ical.js does)
    "a": "UID:a\r\nDTSTART;TZID=Europe/Paris;VALUE=DATE:20261203\r\nDTEND;TZID=Europe/Paris;VALUE=DATE:20261204\r\nSUMMARY:A",
    "b": "UID:b\r\nDTSTART;TZID=Europe/Paris;VALUE=DATE:20261203\r\nSUMMARY:B",
    "c": "UID:c\r\nDTSTART;TZID=Europe/Paris:20261217\r\nSUMMARY:C",
    "s": (
        "UID:s\r\nDTSTART;TZID=Europe/Paris;VALUE=DATE:20261207\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n"
        "RDATE;TZID=Europe/Paris;VALUE=DATE:20261210\r\nEXDATE;TZID=Europe/Paris;VALUE=DATE:20261214\r\nSUMMARY:S\r\n"
        "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:s\r\nRECURRENCE-ID;TZID=Europe/Paris;VALUE=DATE:20261221\r\n"
        "DTSTART;TZID=Europe/Paris;VALUE=DATE:20261222\r\nSUMMARY:S"
    ),
}
ZONED_DAYS = {
    "a": [("2026-12-03", "2026-12-04")],
    "b": [("2026-12-03", "2026-12-04")],
    "c": [("2026-12-17", "2026-12-18")],
    "s": [
        ("2026-12-07", "2026-12-08"),
        ("2026-12-10", "2026-12-11"),
        ("2026-12-22", "2026-12-23"),
        ("2026-12-28", "2026-12-29"),
    ],
}


@pytest.mark.parametrize("key", ZONED_DATES)
def test_a_date_with_a_tzid_is_a_day_not_midnight(key):
    notes: list[str] = []
    items = read_items(feed(ZONED_DATES[key]), PARIS, TODAY, UNTIL, notes)
    assert all(item.all_day for item in items)
    assert [(item.start.isoformat(), item.end.isoformat()) for item in items] == ZONED_DAYS[key]
    assert notes == []


@pytest.mark.parametrize("key", ["a", "b", "s"])  # ical.js refuses the whole feed of « c » (a date without VALUE=DATE)
def test_a_date_with_a_tzid_is_read_as_ical_js_reads_it(key, tmp_path):
    require_tool(shutil.which("node") is not None, "node")
    path = tmp_path / "f.ics"
    path.write_bytes(feed(ZONED_DATES[key]))
    items = read_items(path.read_bytes(), PARIS, TODAY, UNTIL)
    assert read_node("icaljs_dump.js", path, UNTIL)[key] == ZONED_DAYS[key]
    assert [(item.start.isoformat(), item.end.isoformat()) for item in items] == ZONED_DAYS[key]


def test_the_page_reseau_json_and_reseau_ics_show_a_date_with_a_tzid_as_its_day(site_copy, tmp_path, capsys):
    events = (
        ZONED_DATES["a"].replace("SUMMARY:A", "SUMMARY:Marché"),
        ZONED_DATES["c"].replace("SUMMARY:C", "SUMMARY:Bal"),
    )
    write_files(
        site_copy,
        {"feeds/z.ics": feed(*events).decode(), "data/network/z.yaml": venue_text("Voisin", "feeds/z.ics")},
    )
    site = build(site_copy, tmp_path / "out", SETTINGS_DIR=str(site_copy))
    assert "avertissement" not in capsys.readouterr().err
    agenda = site.read("reseau/agenda/index.html")
    assert "jeudi 3 décembre 2026" in agenda and "jeudi 17 décembre 2026" in agenda
    assert " 0 h" not in agenda
    [place] = json.loads(site.raw("reseau.json"))
    assert sorted((event["name"], event["startDate"], event["endDate"]) for event in place["event"]) == [
        ("Bal", "2026-12-17", "2026-12-17"),
        ("Marché", "2026-12-03", "2026-12-03"),
    ]
    calendar = Calendar.from_ical(site.raw("reseau.ics"))
    assert sorted(
        (str(event["SUMMARY"]), event["DTSTART"].dt, event["DTEND"].dt) for event in calendar.walk("VEVENT")
    ) == [
        ("Bal", date(2026, 12, 17), date(2026, 12, 18)),
        ("Marché", date(2026, 12, 3), date(2026, 12, 4)),
    ]
    assert "T230000Z" not in site.raw("reseau.ics")


BYHOUR_DATES = (
    "UID:n\r\nDTSTART;VALUE=DATE:20270112\r\nRRULE:FREQ=WEEKLY;COUNT=2;BYHOUR=10\r\nSUMMARY:N18 jour entier byhour"
)
BYHOUR_DAYS = [("2027-01-12", "2027-01-13"), ("2027-01-19", "2027-01-20")]


@pytest.mark.parametrize("parts", ["BYHOUR=10", "BYHOUR=10;BYMINUTE=30", "BYHOUR=8,9,10,11;BYMINUTE=0,30;BYSECOND=0"])
def test_the_time_parts_of_a_date_series_are_ignored(parts):
    """RFC 5545 3.3.10: BYHOUR, BYMINUTE and BYSECOND of a DATE DTSTART are ignored, nothing is told (dates lost before)."""
    notes: list[str] = []
    items = read_items(feed(BYHOUR_DATES.replace("BYHOUR=10", parts)), PARIS, TODAY, UNTIL, notes)
    assert all(item.all_day for item in items)
    assert [(item.start.isoformat(), item.end.isoformat()) for item in items] == BYHOUR_DAYS
    assert notes == []


def test_the_time_parts_of_a_date_series_are_ignored_as_ical_js_does(tmp_path):
    require_tool(shutil.which("node") is not None, "node")
    path = tmp_path / "f.ics"
    path.write_bytes(feed(BYHOUR_DATES))
    assert read_node("icaljs_dump.js", path, UNTIL)["n"] == BYHOUR_DAYS
    items = read_items(path.read_bytes(), PARIS, TODAY, UNTIL)
    assert [(item.start.isoformat(), item.end.isoformat()) for item in items] == BYHOUR_DAYS


def test_the_page_and_reseau_ics_show_both_days_of_a_date_series_with_byhour(site_copy, tmp_path, capsys):
    write_files(
        site_copy,
        {"feeds/n.ics": feed(BYHOUR_DATES).decode(), "data/network/n.yaml": venue_text("Voisin", "feeds/n.ics")},
    )
    site = build(site_copy, tmp_path / "out", SETTINGS_DIR=str(site_copy))
    assert "avertissement" not in capsys.readouterr().err
    agenda = site.read("reseau/agenda/index.html")
    assert "mardi 12 janvier 2027" in agenda and "mardi 19 janvier 2027" in agenda
    assert "10 h" not in agenda
    calendar = Calendar.from_ical(site.raw("reseau.ics"))
    days = sorted((event["DTSTART"].dt, event["DTEND"].dt) for event in calendar.walk("VEVENT"))
    assert days == [(date(2027, 1, 12), date(2027, 1, 13)), (date(2027, 1, 19), date(2027, 1, 20))]


@pytest.mark.parametrize("rule", ["FREQ=WEEKLY;INTERVAL=0", "FREQ=DAILY;INTERVAL=0", "FREQ=WEEKLY;INTERVAL=-1"])
def test_an_interval_below_one_leaves_its_event_out_quickly_and_the_others_stay(rule):
    """Attacker trial 16: INTERVAL=0 hung check, builds and the preview (dateutil never moves on)."""
    stuck = (
        "UID:t1@x\r\nDTSTART;TZID=Europe/Paris:20261210T100000\r\nDTEND;TZID=Europe/Paris:20261210T110000\r\n"
        f"RRULE:{rule}\r\nSUMMARY:zzInterval0"
    )
    notes: list[str] = []
    started = time.perf_counter()
    items = read_items(feed(stuck, MOZILLA), PARIS, TODAY, UNTIL, notes)
    assert time.perf_counter() - started < BOUND
    assert [item.title for item in items] == ["Goûter de Noël"]
    assert "1 événement illisible laissé de côté (RRULE illisible (INTERVAL))" in notes
