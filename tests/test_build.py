"""The sample site built for real: pages, navigation, escaping, French dates."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from conftest import json_ld

PAGES = [
    "index.html",
    "le-lieu/index.html",
    "agenda/index.html",
    "agenda/passes/index.html",
    "agenda/atelier-hebdo/index.html",
    "pepites/index.html",
    "pepites/eloise-berenger/index.html",
    "actualites/index.html",
    "actualites/2026/premier-article/index.html",
    "mentions-legales/index.html",
    "404.html",
]


class Links(HTMLParser):
    """Collect the <link> and <a> tags and the text of a page."""

    def __init__(self):
        super().__init__()
        self.links: list[dict] = []
        self.anchors: list[dict] = []
        self.scripts: list[dict] = []
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "a":
            self.anchors.append(attributes)
        elif tag == "script":
            self.scripts.append(attributes)


def parse(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def test_build_succeeds_without_warnings(built_site):
    assert built_site.returncode == 0
    assert built_site.stderr == ""  # what the build logged at WARNING and above


@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_french_with_navigation_and_feeds(built_site, page):
    html = built_site.read(page)
    parsed = parse(html)
    assert parsed.html_lang == "fr"
    nav = html[html.index("<nav") : html.index("</nav>")]
    for label in ("Le lieu", "Agenda", "Pépites", "Actualités"):
        assert f">{label}</a>" in nav
    alternates = {(link.get("type"), link.get("rel")) for link in parsed.links if link.get("rel") == "alternate"}
    assert ("application/rss+xml", "alternate") in alternates
    assert ("text/calendar", "alternate") in alternates


def test_alternate_links_resolve_to_the_feeds(built_site):
    parsed = parse(built_site.read("agenda/atelier-hebdo/index.html"))
    hrefs = {link["type"]: link["href"] for link in parsed.links if link.get("rel") == "alternate"}
    assert (built_site.output / "agenda/atelier-hebdo" / hrefs["text/calendar"]).resolve() == (
        built_site.output / "agenda.ics"
    ).resolve()
    assert (built_site.output / "agenda/atelier-hebdo" / hrefs["application/rss+xml"]).resolve() == (
        built_site.output / "actualites.rss.xml"
    ).resolve()


def test_agenda_links_the_events_feed_and_a_webcal_subscription(built_site):
    parsed = parse(built_site.read("agenda/index.html"))
    feeds = [link["href"] for link in parsed.links if link.get("type") == "application/rss+xml"]
    assert "../evenements.rss.xml" in feeds
    assert any(anchor.get("href") == "webcal://grange.example.org/agenda.ics" for anchor in parsed.anchors)


def test_agenda_expands_the_series_in_date_order_with_cancellations(built_site):
    html = built_site.read("agenda/index.html")
    whens = re.findall(r'<time class="(?:when )?dt-start" datetime="[^"]+">([^<]+)</time>', html)
    # A series is one line per month, at its first date, its dates listed inside it (SPEC section 3).
    assert whens[:7] == [
        "mardi 24 novembre 2026, 18 h 30 – 20 h",
        "mardi 1er décembre 2026, 18 h 30 – 20 h",
        "mardi 8 décembre 2026, 18 h 30 – 20 h",
        "mardi 15 décembre 2026, 18 h 30 – 20 h",
        "mardi 22 décembre 2026, 18 h 30 – 20 h",
        "mardi 29 décembre 2026, 18 h 30 – 20 h",
        "du vendredi 11 décembre 2026 au dimanche 13 décembre 2026",
    ]
    cancelled = html[html.index("mardi 29 décembre 2026") :][:300]
    assert "annulé" in cancelled
    moved = html[html.index("mercredi 31 mars 2027, 18 h 30 – 20 h") :][:300]
    assert "déplacé, au lieu du mardi 30 mars 2027" in moved  # the date it was planned on, said once
    assert "mardi 30 mars 2027, 18 h 30" not in html
    # Summer time: still 18 h 30 local after the clock change of 28 March 2027.
    assert "mardi 6 avril 2027, 18 h 30 – 20 h" in html
    assert "Conférence passée" not in html


def test_past_events_page_lists_past_events(built_site):
    html = built_site.read("agenda/passes/index.html")
    assert "Conférence passée" in html
    assert "jeudi 15 octobre 2026, 19 h – 21 h" in html


def test_titles_are_escaped_not_rejected(built_site):
    html = built_site.read("agenda/fete-annulee/index.html")
    assert "Fête « d&#39;hiver » : annulée, désolé ; vraiment\\" in html
    assert "Annulé." in html


def test_markdown_from_data_and_content_is_sanitised(built_site):
    for page in ("le-lieu/index.html", "actualites/2026/premier-article/index.html", "index.html"):
        html = built_site.read(page)
        assert "alert(" not in html
        assert "javascript:" not in html
        assert "onclick" not in html
    assert "<strong>grange</strong>" in built_site.read("le-lieu/index.html")


def test_venue_page_has_hours_prices_and_localbusiness(built_site):
    html = built_site.read("le-lieu/index.html")
    assert "Du lundi au vendredi : 9 h – 18 h 30" in html
    assert "15 € / jour" in html
    assert "180,50 € / mois" in html
    data = json_ld(html)
    assert data["@type"] == "LocalBusiness"
    assert data["address"]["postalCode"] == "01000"
    assert data["address"]["addressCountry"] == "NO"


def test_event_page_has_event_jsonld_and_add_to_calendar(built_site):
    html = built_site.read("agenda/atelier-hebdo/index.html")
    data = json_ld(html)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2026-11-24T18:30:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["address"]["addressLocality"] == "Bourg-en-Bresse"
    anchors = [anchor.get("href", "") for anchor in parse(html).anchors]
    assert "../../agenda/atelier-hebdo/atelier-hebdo.ics" in anchors
    assert any(href.startswith("https://calendar.google.com/") and "ctz=Europe%2FParis" in href for href in anchors)
    assert any(href.startswith("https://outlook.live.com/") for href in anchors)
    assert "Éloïse Bérenger" in html
    assert "mardi 1er décembre 2026" in html


def test_cancelled_event_jsonld_says_cancelled(built_site):
    data = json_ld(built_site.read("agenda/fete-annulee/index.html"))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_event_in_its_own_timezone_shows_both_times(built_site):
    html = built_site.read("agenda/visio-montreal/index.html")
    assert "samedi 20 mars 2027, 15 h – 16 h 30" in html
    assert "samedi 20 mars 2027, 10 h – 11 h 30 (heure locale, America/Toronto)" in html


def test_pepites_are_grouped_by_kind_and_list_their_events(built_site):
    html = built_site.read("pepites/index.html")
    headings = re.findall(r"<h2 id=\"famille-[^\"]+\">([^<]+)</h2>", html)
    assert headings == ["Artisan", "Association", "Autres talents"]
    page = built_site.read("pepites/eloise-berenger/index.html")
    assert "Salon des artisans" in page
    assert "Atelier &#34;couture&#34; du mardi" in page


def test_legal_page_comes_from_the_venue_data(built_site):
    html = built_site.read("mentions-legales/index.html")
    for text in ("Association La Grange", "Marie Test", "Hébergeur Exemple"):
        assert text in html


def test_news_uses_french_dates_and_home_shows_latest(built_site):
    assert "jeudi 1er octobre 2026" in built_site.read("actualites/2026/premier-article/index.html")
    home = built_site.read("index.html")
    assert home.index("Deuxième article") < home.index("Premier article")
    assert "Salon des artisans" in home


def test_robots_and_sitemap(built_site):
    assert "Sitemap: https://grange.example.org/sitemap.xml" in built_site.read("robots.txt")
    sitemap = built_site.read("sitemap.xml")
    assert "<loc>https://grange.example.org/agenda/atelier-hebdo/</loc>" in sitemap
    assert "<loc>https://grange.example.org/actualites/2026/premier-article/</loc>" in sitemap
    assert "404" not in sitemap


def test_pelican_feeds_are_replaced(built_site):
    assert not (built_site.output / "feeds").exists()
