"""Content lines folded by ical/folding.py exactly as icalendar's ``_foldline`` folds them (RFC 5545 section 3.1)."""

from __future__ import annotations

import random
import sys

import pytest
from icalendar import Calendar, Event
from icalendar.parser import content_line

from pelican.plugins.tierslieu.ical.folding import fold, library_fold, use_fast_folding

PIECES = ["a", "é", "€", "😀", "\\", "^", ",", ";", " ", "\\n", "^n", "'", "x" * 10, "é" * 7]
"""ASCII, 2-, 3- and 4-octet characters, the escapes that are never cut from what they escape, and runs."""


@pytest.mark.parametrize("limit", [75, 10, 4, 3])
def test_random_lines_are_folded_where_icalendar_folds_them(limit):
    rng = random.Random(1501)
    for length in list(range(0, 90)) + [rng.randrange(90, 1200) for _ in range(400)]:
        line = "".join(rng.choice(PIECES) for _ in range(length))
        assert fold(line, limit) == library_fold(line, limit), line


def test_code_points_of_every_utf8_length_at_every_place_around_the_limit():
    edges = [0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, sys.maxunicode]
    for code in [*range(0, 0x100), *edges, *range(0x100, sys.maxunicode + 1, 257)]:
        character = chr(code)
        if character == "\n" or 0xD800 <= code <= 0xDFFF:  # never in a content line; not encodable
            continue
        for before in (70, 72, 73, 74, 75):
            line = "a" * before + character + "b" * 3
            assert fold(line) == library_fold(line), hex(code)


def test_an_escape_is_never_the_last_character_of_a_piece():
    line = "DESCRIPTION:" + "x" * 61 + "\\n" + "y" * 20  # the backslash would be the 74th octet
    folded = fold(line)
    assert folded == library_fold(line)
    assert folded.split("\r\n ")[0].endswith("x") and folded.split("\r\n ")[1].startswith("\\n")
    assert all(len(piece.encode()) <= 74 for piece in folded.split("\r\n "))


def test_icalendar_writes_its_lines_through_it():
    assert use_fast_folding()
    assert content_line._foldline is fold
    event = Event()
    event.add("summary", "Atelier de réparation de vélos : " + "pièces détachées, " * 8)
    calendar = Calendar()
    calendar.add_component(event)
    written = calendar.to_ical().decode()
    line = next(line for line in written.split("\r\n") if line.startswith("SUMMARY"))
    assert len(line.encode()) == 74  # folded at 74 octets, as icalendar does
    assert Calendar.from_ical(written).walk("VEVENT")[0]["SUMMARY"].startswith("Atelier de réparation")
