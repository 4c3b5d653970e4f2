"""Gathering the network: each event once whoever lists it, the best of what its sources say."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from test_loading import load_ok

from pelican.plugins.tierslieu.network.gathering import gather
from pelican.plugins.tierslieu.network.reading import NOT_UTF8


def feed(*events: str) -> str:
    body = "".join(f"BEGIN:VEVENT\r\n{event}\r\nEND:VEVENT\r\n" for event in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n"


def network_of(tmp_path, feeds: dict[str, str | bytes]):
    files = {}
    for slug, text in feeds.items():
        (tmp_path / "feeds").mkdir(exist_ok=True)
        (tmp_path / "feeds" / f"{slug}.ics").write_bytes(text if isinstance(text, bytes) else text.encode())
        files[f"data/network/{slug}.yaml"] = f"name: {slug.title()}\ntown: Méré\ncalendar: feeds/{slug}.ics\n"
    sources = load_ok(tmp_path, files).network
    config = SimpleNamespace(
        timezone=ZoneInfo("Europe/Paris"),
        build_date=date(2026, 11, 24),
        project_root=str(tmp_path),
        network_copies="copies",
    )
    return gather(sources, config, [])


def test_an_event_listed_twice_is_one_with_both_sources_and_the_best_of_each(tmp_path):
    network = network_of(
        tmp_path,
        {
            "alpha": feed("UID:a1\r\nDTSTART:20261205T090000Z\r\nSUMMARY:Fête du réseau\r\nSTATUS:CANCELLED"),
            "beta": feed(
                "UID:b1\r\nDTSTART:20261205T090000Z\r\nSUMMARY:FÊTE du  réseau !\r\nURL:https://beta.example.org/fete"
            ),
        },
    )
    [event] = network.events
    assert [venue.slug for venue in event.venues] == ["alpha", "beta"]
    assert not event.cancelled  # one source says it takes place
    assert event.url == "https://beta.example.org/fete"


def test_an_event_on_several_days_is_on_every_day_within_the_window(tmp_path):
    network = network_of(
        tmp_path, {"alpha": feed("UID:x\r\nDTSTART;VALUE=DATE:20261120\r\nDTEND;VALUE=DATE:20261127\r\nSUMMARY:Expo")}
    )
    assert [day for day, _events in network.by_day()] == [date(2026, 11, day) for day in (24, 25, 26)]


def test_the_next_events_of_a_venue_show_a_series_once(tmp_path):
    network = network_of(
        tmp_path,
        {
            "alpha": feed(
                "UID:s\r\nDTSTART:20261202T130000Z\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:Tricot",
                "UID:o\r\nDTSTART:20261210T130000Z\r\nSUMMARY:Contes",
            )
        },
    )
    assert [event.title for event in network.venues[0].next_events] == ["Tricot", "Contes"]
    assert [event.title for event in network.upcoming(1)] == ["Tricot"]


def test_a_series_repeating_more_than_daily_is_left_out_with_a_warning(tmp_path):
    network = network_of(
        tmp_path,
        {
            "alpha": feed(
                "UID:h1\r\nDTSTART:20261205T090000Z\r\nRRULE:FREQ=HOURLY\r\nSUMMARY:Toutes les heures",
                "UID:m1\r\nDTSTART:20261205T090000Z\r\nRRULE:FREQ=MINUTELY;COUNT=5\r\nSUMMARY:Chaque minute",
                "UID:d1\r\nDTSTART:20261205T090000Z\r\nRRULE:FREQ=DAILY;COUNT=2\r\nSUMMARY:Chaque jour",
            )
        },
    )
    assert [event.title for event in network.events] == ["Chaque jour", "Chaque jour"]
    assert network.notices == [
        (
            "data/network/alpha.yaml",
            3,
            (
                "agenda de « Alpha » : « Toutes les heures », « Chaque minute » : répété plus d'une fois par jour (RRULE) "
                "ou selon une règle illisible : non affiché"
            ),
        )
    ]


def test_a_feed_not_in_utf8_is_read_as_latin1_with_a_warning(tmp_path):
    text = feed("UID:c1\r\nDTSTART:20261205T090000Z\r\nSUMMARY:Café à l’étage")
    network = network_of(tmp_path, {"alpha": text.encode("cp1252")})
    assert [event.title for event in network.events] == ["Café à l’étage"]
    [(path, line, message)] = network.notices
    assert (path, line) == ("data/network/alpha.yaml", 3)
    assert message == "agenda de « Alpha » : " + NOT_UTF8
    assert "UTF-8" in NOT_UTF8 and "Windows-1252" in NOT_UTF8
