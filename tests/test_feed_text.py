"""Any text an editor types round-trips through the feed and never creates a property."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime

import pytest
from conftest import node, sample_settings
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from pydantic_core import PydanticCustomError

from pelican.plugins.tierslieu.generator import load_site
from pelican.plugins.tierslieu.history import Change
from pelican.plugins.tierslieu.ical.gate import FeedError, check_calendar
from pelican.plugins.tierslieu.ical.vevents import build_calendar
from pelican.plugins.tierslieu.model import events
from pelican.plugins.tierslieu.model.fields import parse_line
from pelican.plugins.tierslieu.model.texts import clean_text
from pelican.plugins.tierslieu.model.titles import parse_title

CHANGE = Change(1, datetime(2026, 11, 1, 9, 0).astimezone())


@pytest.fixture(scope="module")
def site_and_settings():
    conf = sample_settings()
    return load_site(conf), conf


def event_with(site, conf, slug: str, **texts) -> object:
    data = events.EventData.model_validate(
        {"start": "2027-01-12 10:00", **{k: clean_text(v) for k, v in texts.items()}}
    )
    return site.make_event(slug, data, slug + ".yaml", CHANGE)


def expected(text: str) -> str:
    return unicodedata.normalize("NFC", clean_text(text)).strip()  # data texts are read as NFC (fields.py)


def is_title(text: str) -> bool:
    """Tell whether a title is accepted: not only tags, not only invisible characters (model/titles.py)."""
    try:
        parse_title(clean_text(text))
    except PydanticCustomError:
        return False
    return True


def is_line(text: str) -> bool:
    """Tell whether a one-line text (a location) is accepted: no character shown as nothing (model/fields.py)."""
    try:
        parse_line(clean_text(text))
    except PydanticCustomError:
        return False
    return True


texts = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=200)
# A title or a location holds one line: a line break there is refused (model/fields.parse_line).
lines = texts.map(lambda text: re.sub(r"\r\n?|\n", " ", text))
# Prose without Markdown: words of letters and digits (the description is Markdown, shown as its page shows it).
prose = st.text(alphabet=st.characters(categories=("L", "Nd")) | st.just(" "), min_size=1, max_size=200)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=lines, description=prose, location=lines)
def test_any_text_round_trips_through_the_feed(site_and_settings, title, description, location):
    assume(expected(title) and expected(description).strip() and expected(location))
    assume(is_title(title) and is_line(location))
    site, conf = site_and_settings
    event = event_with(site, conf, "essai", title=title, description=description, location=location)
    data = build_calendar(site, [event], name="Essai")
    check_calendar(data, "essai.ics")
    vevent = next(iter(Calendar.from_ical(data).walk("VEVENT")))
    # Plain-text fields as typed, tags and all (a calendar shows text).
    assert str(vevent["SUMMARY"]) == expected(title)
    assert str(vevent["LOCATION"]) == expected(location)
    words = " ".join(expected(description).split())
    assert str(vevent["DESCRIPTION"]) == f"{words}\n\nhttps://grange.example.org/agenda/essai/"
    assert sorted(vevent.keys()) == sorted(
        [
            "UID",
            "DTSTAMP",
            "LAST-MODIFIED",
            "SEQUENCE",
            "SUMMARY",
            "DTSTART",
            "DTEND",
            "STATUS",
            "URL",
            "DESCRIPTION",
            "LOCATION",
        ]
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(titles=st.lists(lines, min_size=1, max_size=20))
def test_icaljs_reads_any_title_as_written(site_and_settings, tmp_path_factory, titles):
    titles = [title for title in titles if expected(title) and is_title(title)]
    assume(titles)
    site, conf = site_and_settings
    events = [event_with(site, conf, f"e{index}", title=title) for index, title in enumerate(titles)]
    path = tmp_path_factory.mktemp("feed") / "feed.ics"
    path.write_bytes(build_calendar(site, events, name="Essai"))
    seen = {event["uid"]: event["summary"] for event in json.loads(node("icaljs_dump.js", str(path)))["events"]}
    assert seen == {f"e{index}@grange.example.org": expected(title) for index, title in enumerate(titles)}


GOOD = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//FR\r\nBEGIN:VEVENT\r\nUID:a@x\r\n"
    b"DTSTAMP:20261101T000000Z\r\nDTSTART:20270112T100000Z\r\nDTEND:20270112T110000Z\r\n"
    b"SUMMARY:Essai\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_feed_gate_accepts_a_correct_calendar():
    check_calendar(GOOD, "ok.ics")


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        (GOOD.replace(b"\r\n", b"\n"), "CRLF"),
        (GOOD.replace(b"SUMMARY:Essai", b"SUMMARY:" + b"x" * 80), "75 au plus"),
        (GOOD.replace(b"SUMMARY:Essai", b"SUMMARY:" + "é".encode()[:1] + b"\r\n " + "é".encode()[1:]), "coupé"),
        (GOOD.replace(b"SUMMARY:Essai", b"SUMMARY:Essai\r\nX-INJECTED"), "propriété illisible"),
        (GOOD.replace(b"DTSTART:20270112T100000Z", b"DTSTART;TZID=Europe/Paris:20270112T100000"), "sans VTIMEZONE"),
        (GOOD.replace(b"DTEND:20270112T110000Z", b"DTEND:20270112T090000Z"), "DTEND n'est pas après DTSTART"),
        (
            GOOD.replace(
                b"END:VEVENT\r\n",
                b"END:VEVENT\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20261101T000000Z\r\n"
                b"DTSTART:20270113T100000Z\r\nEND:VEVENT\r\n",
            ),
            "en double",
        ),
    ],
)
def test_feed_gate_refuses_a_broken_calendar(broken, problem):
    with pytest.raises(FeedError, match=problem):
        check_calendar(broken, "broken.ics")


TYPED = "a\\n b\\N c\\; d\\, e\\\\ f"  # a backslash before n, N, ;, , and another backslash, as typed in YAML
ESCAPED = r"a\\n b\\N c\\\; d\\\, e\\\\ f"  # the same in the file (RFC 5545 3.3.11)


def test_a_typed_backslash_stays_two_characters_in_every_text_property(site_and_settings, tmp_path):
    """RFC 5545 3.3.11: « \\N » typed is escaped « \\\\N », never a line break (icalendar's escape_char reads it as one)."""
    site, conf = site_and_settings
    event = event_with(
        site,
        conf,
        "essai",
        title=f"Titre {TYPED}",
        summary=f"Résumé {TYPED}",
        price=f"Prix {TYPED}",
        location=f"Salle {TYPED}",
        category=f"Atelier {TYPED}",
    )
    path = tmp_path / "essai.ics"
    path.write_bytes(build_calendar(site, [event], name=f"Agenda {TYPED}", description=f"Tout {TYPED}"))
    check_calendar(path.read_bytes(), "essai.ics")
    calendar = Calendar.from_ical(path.read_bytes())
    vevent = calendar.walk("VEVENT")[0]
    description = f"Résumé {TYPED}\n\nTarif : Prix {TYPED}\n\nhttps://grange.example.org/agenda/essai/"
    seen = {
        "NAME": str(calendar["NAME"]),  # icalendar reads it as typed in the file (escaped)
        "X-WR-CALNAME": str(calendar["X-WR-CALNAME"]),  # icalendar reads it as typed in the file (escaped)
        "DESCRIPTION": str(calendar["DESCRIPTION"]),
        "X-WR-CALDESC": str(calendar["X-WR-CALDESC"]),  # icalendar reads it as typed in the file (escaped)
        "SUMMARY": str(vevent["SUMMARY"]),
        "LOCATION": str(vevent["LOCATION"]),
        "EVENT DESCRIPTION": str(vevent["DESCRIPTION"]),
        "CATEGORIES": [str(name) for name in vevent["CATEGORIES"].cats],
    }
    assert seen == {
        "NAME": f"Agenda {ESCAPED}",
        "X-WR-CALNAME": f"Agenda {ESCAPED}",
        "DESCRIPTION": f"Tout {TYPED}",
        "X-WR-CALDESC": f"Tout {ESCAPED}",
        "SUMMARY": f"Titre {TYPED}",
        "LOCATION": f"Salle {TYPED}",
        "EVENT DESCRIPTION": description,
        "CATEGORIES": [f"Atelier {TYPED}"],
    }
    dump = json.loads(node("icaljs_dump.js", str(path)))
    assert dump["name"] == f"Agenda {ESCAPED}"  # ical.js gives an X- property as it is in the file
    [shown] = dump["events"]
    assert (shown["summary"], shown["location"], shown["description"]) == (
        f"Titre {TYPED}",
        f"Salle {TYPED}",
        description,
    )
