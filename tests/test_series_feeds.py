"""A series' exceptions far in the future: every feed with the RRULE carries all of them (issue 11, F9)."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from conftest import SAMPLE, build, write_files
from icalendar import Calendar

PARIS = ZoneInfo("Europe/Paris")
# The sample's build date is 2026-11-24 and its horizon a year later: these series lie beyond it.
FAR_WEEKLY = """\
    title: Série lointaine
    start: 2028-11-20 10:00
    end: 2028-11-20 12:00
    repeat:
      freq: weekly
      count: 4
      except: [2028-11-27, 2028-12-04]
      moved:
        2028-12-11: 2028-12-12 15:00
"""
FAR_ALL_DAY = """\
    title: Semaine lointaine
    start: 2028-12-25
    end: 2028-12-31
    repeat:
      freq: weekly
      count: 3
      except: [2029-01-01]
"""


@pytest.fixture(scope="module")
def far_site(tmp_path_factory):
    """The sample site with two series whose exceptions lie past the horizon, built once."""
    root = tmp_path_factory.mktemp("far")
    site = root / "site"
    shutil.copytree(SAMPLE, site)
    write_files(
        site, {"data/events/serie-lointaine.yaml": FAR_WEEKLY, "data/events/semaine-lointaine.yaml": FAR_ALL_DAY}
    )
    build(site, root / "out")
    return root / "out"


def starts(path, summary: str) -> list:
    """Return the starts recurring_ical_events expands from a feed for the event called ``summary``."""
    calendar = Calendar.from_ical(path.read_bytes())
    found = recurring_ical_events.of(calendar).between(date(2028, 1, 1), date(2030, 1, 1))
    return sorted((event["DTSTART"].dt for event in found if str(event["SUMMARY"]) == summary), key=str)


WEEKLY = [datetime(2028, 11, 20, 10, 0, tzinfo=PARIS), datetime(2028, 12, 12, 15, 0, tzinfo=PARIS)]
ALL_DAY = [date(2028, 12, 25), date(2029, 1, 8)]


@pytest.mark.parametrize(
    ("feed", "summary", "expected"),
    [
        ("agenda/serie-lointaine/serie-lointaine.ics", "Série lointaine", WEEKLY),
        ("agenda.ics", "Série lointaine", WEEKLY),
        ("agenda/semaine-lointaine/semaine-lointaine.ics", "Semaine lointaine", ALL_DAY),
        ("agenda.ics", "Semaine lointaine", ALL_DAY),
    ],
)
def test_every_exception_is_in_the_feed(far_site, feed, summary, expected):
    """The dates a calendar expands are those the page shows: except: cancels, moved: moves."""
    matches = sorted(far_site.rglob(feed.rsplit("/", 1)[-1]))
    assert matches, feed
    assert starts(matches[0], summary) == expected


def test_the_page_names_the_same_exceptions(far_site):
    """The page says which dates are cancelled, the feed above drops the same ones."""
    page = next(far_site.rglob("serie-lointaine/index.html")).read_text(encoding="utf-8")
    assert "27 novembre 2028" in page
    assert "4 décembre 2028" in page
