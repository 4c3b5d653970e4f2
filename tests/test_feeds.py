"""RSS feeds of news and events, read back with feedparser."""

from __future__ import annotations

import calendar
import json
import subprocess
from html.parser import HTMLParser
from xml.etree import ElementTree

import feedparser
from conftest import ROOT, build, write_files
from icalendar import Calendar


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
    assert cancelled.description.startswith("<p>ANNULÉ — samedi 16 janvier 2027, 15 h – 16 h<br />")


def test_events_feed_pubdate_is_never_the_start_date(built_site):
    feed = feedparser.parse(built_site.read("evenements.rss.xml"))
    assert feed.entries
    for entry in feed.entries:
        # When the event was published or changed: its file's last commit on this branch (a merge counts
        # as the change it brings, history.py), never its start.
        slug = entry.link.rstrip("/").rsplit("/", 1)[-1]
        last_commit = subprocess.run(
            ["git", "log", "-1", "--first-parent", "--format=%ct", "--", f"tests/sample_site/data/events/{slug}.yaml"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        assert calendar.timegm(entry.published_parsed) == int(last_commit), entry.title


COMPOST = """title: Atelier compost
start: 2027-04-03 10:00
summary: Apprendre à composter <b>chez soi</b>
price: 5 €
registration: https://mairie.example.org/inscription
description: |
  Un atelier **pratique** pour bien démarrer.<br>
  Inscription sur [le site de la mairie](https://mairie.example.org/compost).

  - apporter des gants ;
  - apporter un seau.
"""


def test_description_is_the_plain_text_of_the_page_with_links_written_out(site_copy, tmp_path):
    write_files(site_copy, {"data/events/atelier-compost.yaml": COMPOST})
    build(site_copy, tmp_path / "out")
    calendar_ = Calendar.from_ical((tmp_path / "out/agenda.ics").read_bytes())
    vevent = next(e for e in calendar_.walk("VEVENT") if str(e["UID"]) == "atelier-compost@grange.example.org")
    assert str(vevent["DESCRIPTION"]) == (
        "Apprendre à composter ‹b›chez soi‹/b›\n\n"  # its words, never a tag a client might render (SPEC section 3)
        "Un atelier pratique pour bien démarrer.\n"
        "Inscription sur le site de la mairie (https://mairie.example.org/compost).\n\n"
        "  * apporter des gants ;\n"
        "  * apporter un seau.\n\n"
        "Tarif : 5 €\n\n"
        "Inscription : https://mairie.example.org/inscription\n\n"
        "https://grange.example.org/agenda/atelier-compost/"
    )
    # The events RSS carries the same text, as HTML paragraphs.
    feed = feedparser.parse((tmp_path / "out/evenements.rss.xml").read_bytes())
    entry = next(e for e in feed.entries if e.link.endswith("/agenda/atelier-compost/"))
    assert entry.description == (
        "<p>samedi 3 avril 2027, 10\xa0h – 11\xa0h<br />\nLa Grange d'Essai, 2 rue du Four, 01000 Bourg-en-Bresse</p>\n"
        "<p>Apprendre à composter ‹b›chez soi‹/b›</p>\n"
        "<p>Un atelier pratique pour bien démarrer.<br />\n"
        "Inscription sur le site de la mairie (https://mairie.example.org/compost).</p>\n"
        "<p>  * apporter des gants ;<br />\n  * apporter un seau.</p>\n"
        "<p>Tarif : 5 €</p>\n<p>Inscription : https://mairie.example.org/inscription</p>"
    )


class _Rendered(HTMLParser):
    """What a reader renders of an HTML value: its elements, their attributes and its text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.text = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]

    def handle_data(self, data):
        self.text += data


HOSTILE = {
    "title": "<script>alert(1)</script> & co",
    "summary": '"><img src=x onerror=alert(1)>',
    "location": "<b onmouseover=alert(1)>Salle</b>",
    "price": "</p><script>alert(2)</script>",
}


def test_plain_text_fields_reach_the_events_rss_escaped(site_copy, tmp_path):
    fields = "".join(f"{key}: {json.dumps(value)}\n" for key, value in HOSTILE.items())
    write_files(site_copy, {"data/events/hostile.yaml": fields + "start: 2027-04-03 10:00\n"})
    build(site_copy, tmp_path / "out")
    # Read without feedparser's sanitiser: what a reader that trusts the feed would render.
    feed = feedparser.parse((tmp_path / "out/evenements.rss.xml").read_bytes(), sanitize_html=False)
    assert not feed.bozo, feed.get("bozo_exception")
    entry = next(e for e in feed.entries if e.link.endswith("/agenda/hostile/"))
    # A title is plain text, as typed: feedparser reads it as such, tags and all (a reader shows it as text).
    assert entry.title_detail.type == "text/plain"
    assert entry.title.replace("\xa0", " ") == HOSTILE["title"] + " — samedi 3 avril 2027, 10 h – 11 h"
    # The description is HTML: plain-text fields go in escaped, never as markup; the summary and the price are
    # the calendar's DESCRIPTION, where what reads as a tag is shown « ‹b› » (SPEC section 3: never HTML source).
    description = _Rendered(entry.description)
    assert set(description.tags) == {"p", "br"} and description.attributes == []
    summary, price = '">‹img src=x onerror=alert(1)›', "‹/p›‹script›alert(2)‹/script›"
    assert description.text.replace("\xa0", " ") == (
        f"samedi 3 avril 2027, 10 h – 11 h\n{HOSTILE['location']}\n{summary}\nTarif : {price}"
    )
    for entry in feed.entries:
        for html in (entry.description,):
            rendered = _Rendered(html)
            assert "script" not in rendered.tags
            assert not [name for name in rendered.attributes if name.startswith("on")]
