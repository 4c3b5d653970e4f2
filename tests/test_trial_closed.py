"""An attacker trial of the closure advice: a date moved into a closure, and an event on a public holiday.

The advice « l'événement du … tombe pendant une fermeture du lieu » is
given at the ``moved:`` line of a series date moved there (not at
'start'), and its kin « … tombe un jour férié (…) » when data/venue.yaml
says ``closed_on_public_holidays: true`` (editors/advice.py).
"""

from __future__ import annotations

import pytest
from conftest import write_files
from test_editors import check
from test_guide import guide_text

HOLIDAY = "attention : l'événement du 2027-05-06 tombe un jour férié (Ascension), où le lieu est fermé (closed_on_public_holidays)"


def closed_advice(site, capsys, text: str) -> list[str]:
    """Write ``text`` as data/events/z.yaml and return the closure and holiday advice on it, paths from the site."""
    write_files(site, {"data/events/z.yaml": "title: Z\ndescription: Oui.\n" + text})
    status, out, err = check(site, capsys)
    assert status == 0 and err == []
    return [
        line.removeprefix(f"{site}/")
        for line in out
        if "data/events/z.yaml" in line and ("fermeture du lieu" in line or "jour férié" in line)
    ]


def test_a_series_date_moved_into_a_closure_is_advised_at_its_moved_line(site_copy, capsys):
    text = "start: 2026-12-05 10:00\nrepeat:\n  freq: weekly\n  count: 3\n  moved:\n    2026-12-12: 2026-12-30 10:00\n"
    assert closed_advice(site_copy, capsys, text) == [
        (
            "data/events/z.yaml:8: attention : l'événement du 2026-12-30 tombe pendant une fermeture du lieu "
            "(Fêtes de fin d'année)"
        )
    ]


def test_an_event_on_a_public_holiday_is_advised_at_its_start_line(site_copy, capsys):
    assert closed_advice(site_copy, capsys, "start: 2027-05-06 14:00\n") == [f"data/events/z.yaml:3: {HOLIDAY}"]


def test_the_guide_quotes_the_holiday_advice():
    assert f"| `{HOLIDAY}`" in guide_text()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A date of the series itself: at 'start'.
        ("start: 2027-04-29 14:00\nrepeat:\n  freq: weekly\n  count: 2\n", [f"data/events/z.yaml:3: {HOLIDAY}"]),
        # A date moved onto a holiday: at its 'moved:' line.
        (
            "start: 2027-04-22 14:00\nrepeat:\n  freq: weekly\n  count: 2\n  moved:\n    2027-04-29: 2027-05-01 14:00\n",
            [
                (
                    "data/events/z.yaml:8: attention : l'événement du 2027-05-01 tombe un jour férié (Fête du Travail), "
                    "où le lieu est fermé (closed_on_public_holidays)"
                )
            ],
        ),
        # Several days: the holiday's own date is told.
        (
            "start: 2027-05-05\nend: 2027-05-07\n",
            [
                (
                    "data/events/z.yaml:3: attention : l'événement du 2027-05-05 tombe un jour férié "
                    "(Ascension, le 2027-05-06), où le lieu est fermé (closed_on_public_holidays)"
                )
            ],
        ),
        # Christmas inside the venue's closure: the closure alone is told.
        (
            "start: 2026-12-25 15:00\n",
            [
                (
                    "data/events/z.yaml:3: attention : l'événement du 2026-12-25 tombe pendant une fermeture du lieu "
                    "(Fêtes de fin d'année)"
                )
            ],
        ),
        # A cancelled date is not advised on.
        ("start: 2027-04-29 14:00\nrepeat:\n  freq: weekly\n  count: 2\n  except: [2027-05-06]\n", []),
        # Held elsewhere, or online only: the venue need not be open (as for closures).
        ("start: 2027-05-06 14:00\nlocation: Salle des fêtes, Chevreuse\n", []),
        ("start: 2027-05-06 14:00\nonline: https://visio.example.org/z\nonline_only: true\n", []),
    ],
)
def test_public_holidays_are_advised_as_closures(site_copy, capsys, text, expected):
    assert closed_advice(site_copy, capsys, text) == expected


def test_a_venue_open_on_public_holidays_gets_no_holiday_advice(site_copy, capsys):
    venue = site_copy / "data/venue.yaml"
    venue.write_text(
        venue.read_text(encoding="utf-8").replace(
            "closed_on_public_holidays: true", "closed_on_public_holidays: false"
        ),
        encoding="utf-8",
    )
    assert closed_advice(site_copy, capsys, "start: 2027-05-06 14:00\n") == []
