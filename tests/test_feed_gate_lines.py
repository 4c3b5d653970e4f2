"""The feed gate reads a whole part at once when nothing is wrong, line by line otherwise: the same answer either way."""

from __future__ import annotations

import random

import pytest
from conftest import ROOT

from pelican.plugins.tierslieu.ical import gate
from pelican.plugins.tierslieu.ical.gate import FeedError, check_calendar

CALENDAR = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//essai//FR\r\nBEGIN:VEVENT\r\nUID:un@example.org\r\n"
    b"DTSTAMP:20261124T000000Z\r\nDTSTART;TZID=Europe/Paris:20261201T100000\r\n"
    b"DTEND;TZID=Europe/Paris:20261201T120000\r\nSUMMARY:Atelier de r\xc3\xa9paration de v\xc3\xa9los \xe2\x80\x94 "
    b"pi\xc3\xa8ces d\xc3\xa9tach\xc3\xa9es et \r\n  conseils\r\nDESCRIPTION;LANGUAGE=fr:Ligne\\, avec \xe2\x82\xac "
    b"et \xf0\x9f\x98\x80\r\n\t fin\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
DAMAGE = [b"\n", b"\r", b"\r\n", b"\xc3", b"\xa9", b" ", b"\t", b"x" * 80, b";", b":", b"\r\n ", b"\x00", b"\xf0\x9f"]


def _samples() -> list[bytes]:
    rng = random.Random(5545)
    feeds = [path.read_bytes() for path in sorted((ROOT / "tests").rglob("*.ics"))][:20]
    samples = [CALENDAR, b"", b"\r\n", b" BEGIN:VCALENDAR\r\n", CALENDAR[:-2], *feeds]
    for _ in range(400):
        data = bytearray(rng.choice([CALENDAR, *feeds[:3]]) if feeds else CALENDAR)
        for _ in range(rng.randrange(1, 3)):
            place = rng.randrange(len(data) + 1)
            data[place:place] = rng.choice(DAMAGE)
        samples.append(bytes(data))
    return samples


def test_the_whole_part_reading_and_the_line_by_line_reading_agree():
    samples = _samples()
    assert len(samples) > 400
    for data in samples:
        assert gate._check_lines(data) == gate._check_each_line(data), data[:200]


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (b"SUMMARY:a\nb\r\n", "ligne 4 : fin de ligne sans CRLF"),
        (b"SUMMARY:" + b"x" * 70 + b"\r\n", r"ligne 4 : 78 octets \(75 au plus\)"),
        (b"SUMMARY:caf\xc3\r\n \xa9\r\n", "ligne 4 : caractère coupé par le pliage"),
        (b"pas une propri\xc3\xa9t\xc3\xa9\r\n", "ligne 4 : propriété illisible"),
    ],
)
def test_a_broken_line_is_still_named_by_its_number(damage, said):
    head, tail = CALENDAR.split(b"BEGIN:VEVENT\r\n", 1)
    with pytest.raises(FeedError, match=said):
        check_calendar(head + damage + b"BEGIN:VEVENT\r\n" + tail, "essai.ics")
