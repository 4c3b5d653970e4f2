"""RSS feeds of news and events, read back with feedparser."""

from __future__ import annotations

from xml.etree import ElementTree

import feedparser


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
    for entry in feed.entries:
        published = entry.published_parsed
        assert (published.tm_year, published.tm_mon, published.tm_mday) <= (2026, 11, 24)
