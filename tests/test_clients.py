"""Four independent clients read the same events, at the same instants, as the website shows."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from clients import all_clients

UNTIL = date(2027, 11, 24)  # the sample's build date plus the 12 months the site shows


def website_view(agenda_html: str) -> set[tuple[str, str]]:
    """Return (event slug, start) of each occurrence the agenda page shows as taking place."""
    shown = set()
    for item in re.finditer(
        r'<li class="h-event[^"]*" data-event="([^"]+)"( data-cancelled-occurrence)?>(.*?)</li>', agenda_html, re.S
    ):
        slug, cancelled, body = item.groups()
        if cancelled:
            continue
        start = re.search(r'datetime="([^"]+)"', body).group(1)
        shown.add((slug, _normalise(start)))
    return shown


def _normalise(value: str) -> str:
    if "T" not in value:
        return value
    return datetime.fromisoformat(value).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def upcoming_in_feed(view: dict[str, list], today: date) -> set[tuple[str, str]]:
    result = set()
    for uid, occurrences in view.items():
        for start, end in occurrences:
            last = end if "T" in end else (date.fromisoformat(end).toordinal() - 1)
            ends_after = (end >= today.isoformat()) if "T" in end else last >= today.toordinal()
            if ends_after:
                result.add((uid.split("@")[0], start))
    return result


@pytest.fixture(scope="module")
def views(built_site):
    return all_clients(built_site.output / "agenda.ics", UNTIL)


def test_four_clients_agree_on_every_event_and_instant(views):
    reference = views["icalendar"]
    assert len(reference) == 7
    for name, view in views.items():
        assert view == reference, name


def test_subscribers_see_what_the_website_shows(built_site, views):
    site = website_view(built_site.read("agenda/index.html"))
    assert len(site) > 20
    for name, view in views.items():
        feed = upcoming_in_feed(view, date(2026, 11, 24))
        feed -= {item for item in feed if item[0] == "fete-annulee"}  # cancelled: in both, shown as such
        assert feed == {item for item in site if item[0] != "fete-annulee"}, name
