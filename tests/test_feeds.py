"""RSS feeds of news and events, read back with feedparser."""

from __future__ import annotations

import calendar
import subprocess
from xml.etree import ElementTree

import feedparser
from conftest import ROOT


def test_news_feed_is_valid_rss_with_permalink_guids(built_site):
    feed = feedparser.parse(built_site.read("actualites.rss.xml"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.description
    assert feed.feed.link == "https://grange.example.org/actualites/"
    assert [entry.title for entry in feed.entries] == ["Deuxième article : « accents »", "Premier article"]
    for entry in feed.entries:
        assert entry.link.startswith("https://grange.example.org/actualites/2026/")
        assert entry.id == entry.link
    channel = ElementTree.fromstring(built_site.read("actualites.rss.xml").encode()).find("channel")
    for guid in channel.iter("guid"):
        assert guid.get("isPermaLink") == "true"
    assert "alert(" not in built_site.read("actualites.rss.xml")


def test_events_feed_lists_upcoming_events_with_date_in_title(built_site):
    feed = feedparser.parse(built_site.read("evenements.rss.xml"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.description
    assert feed.feed.link == "https://grange.example.org/agenda/"
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == 'Atelier "couture" du mardi — mardi 24 novembre 2026, 18 h 30 – 20 h'
    assert "Conférence passée" not in " ".join(titles)
    assert len(titles) == len({entry.id for entry in feed.entries}) == 6
    cancelled = next(entry for entry in feed.entries if entry.title.startswith("Fête"))
    assert cancelled.description.startswith("ANNULÉ")


def test_events_feed_pubdate_is_never_the_start_date(built_site):
    feed = feedparser.parse(built_site.read("evenements.rss.xml"))
    assert feed.entries
    for entry in feed.entries:
        # When the event was published or changed: its file's last commit, never its start.
        slug = entry.link.rstrip("/").rsplit("/", 1)[-1]
        last_commit = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", f"tests/sample_site/data/events/{slug}.yaml"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert calendar.timegm(entry.published_parsed) == int(last_commit), entry.title
