"""RSS 2.0 feeds of news and of upcoming events, built with feedgen.

Pelican's own feed writer leaves the channel description empty and writes
``tag:`` guids without isPermaLink="false": both invalid RSS 2.0.
An item's title is plain text, written as typed (feedgen escapes it for
XML once): feedparser, the reference of feed readers, reads it back exactly
(« Café & <thé> »), where an HTML-escaped title would read « &lt;thé&gt; ».
An item's description is HTML: plain-text fields go in HTML-escaped
(SPEC section 4), so they show as written and never as markup.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from html import escape

import lxml.html
from feedgen.feed import FeedGenerator

from .dates import format_occurrence, long_date
from .ical.vevents import description_parts, location_text
from .site import Event, SiteData


def _channel(title: str, link: str, description: str, self_url: str) -> FeedGenerator:
    feed = FeedGenerator()
    feed.title(title)
    # feedgen gives RSS's <link> the last link added: the page, not the feed itself.
    feed.link(href=self_url, rel="self")
    feed.link(href=link, rel="alternate")
    feed.description(description)
    feed.language("fr")
    feed.generator("Pelican + tierslieu")
    return feed


def build_news_rss(articles: list, site: SiteData, limit: int = 20) -> bytes:
    """Return the RSS of the latest news articles."""
    venue = site.venue
    feed = _channel(
        f"{venue.name} — Actualités",
        site.urls.absolute(site.config.news_url),
        f"Les actualités de {venue.name}" + (f" : {venue.tagline}" if venue.tagline else ""),
        site.urls.absolute(site.config.news_rss_save_as),
    )
    newest = sorted(articles, key=lambda article: (article.date, article.slug), reverse=True)[:limit]
    for article in newest:
        url = site.urls.absolute(article.url)
        entry = feed.add_entry(order="append")
        entry.title(article.title)  # plain text (see the module's docstring)
        entry.link(href=url)
        entry.guid(url, permalink=True)
        entry.description(_absolute_links(str(article.summary), url))
        entry.pubDate(_aware(article.date, site))
        if getattr(article, "category", None):
            entry.category(term=str(article.category))
    if newest:
        feed.lastBuildDate(max(_aware(article.date, site) for article in newest))
    return feed.rss_str(pretty=True)


def _absolute_links(html: str, page: str) -> str:
    """Return HTML with each link and image written as a full address, read from ``page`` (the item's address).

    A feed reader shows an item away from the site, and RSS 2.0 gives no base address: « /actualites/x/ »
    or « #note » there would lead nowhere (lxml's make_links_absolute, RFC 3986 section 5.2).
    """
    if not html.strip():
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    root.make_links_absolute(page, resolve_base_href=False)
    text = escape(root.text, quote=False) if root.text else ""
    return text + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


def build_events_rss(site: SiteData) -> bytes:
    """Return the RSS of upcoming events: one item per event file, at its next date."""
    venue = site.venue
    feed = _channel(
        f"{venue.name} — Agenda",
        site.urls.absolute(site.config.agenda_url),
        f"Les prochains événements de {venue.name}",
        site.urls.absolute(site.config.events_rss_save_as),
    )
    upcoming = [event for event in site.events if event.upcoming(site.today)]
    upcoming.sort(key=lambda event: (_start_key(event, site), event.slug))
    for event in upcoming:
        occurrence = event.next_occurrence(site.today)
        url = site.urls.absolute(event.url)
        when = format_occurrence(occurrence, site.timezone)
        entry = feed.add_entry(order="append")
        label = occurrence.status.label or ("complet" if event.data.full else "")  # as programme.html says it
        moved = f" (déplacé, au lieu du {long_date(occurrence.original)})" if occurrence.moved else ""
        entry.title(f"{event.data.title}{f' ({label})' if label else ''} — {when}{moved}")
        entry.link(href=url)
        entry.guid(url, permalink=True)
        entry.description(_event_html(event, site, when))
        # pubDate is when the event was published or changed, never its start.
        entry.pubDate(event.change.modified)
        if event.data.category:
            entry.category(term=event.data.category)
    if upcoming:
        feed.lastBuildDate(max(event.change.modified for event in upcoming))
    return feed.rss_str(pretty=True)


def _event_html(event: Event, site: SiteData, when: str) -> str:
    """Return an item's description: its date, place and page text (description_parts), escaped, as HTML."""
    label = event.data.status.label  # « annulé », « reporté », « à confirmer »
    status = f"{label.upper()} — " if label else ""
    parts = [f"{status}{when}\n{location_text(event, site)}", *description_parts(event, site.urls.absolute(event.url))]
    paragraphs = [paragraph for part in parts for paragraph in part.split("\n\n")]
    return "\n".join(f"<p>{_lines(paragraph)}</p>" for paragraph in paragraphs)


def _lines(text: str) -> str:
    """Return plain text as HTML: escaped, each line break a <br>."""
    return "<br>\n".join(escape(line, quote=False) for line in text.split("\n"))


def _start_key(event: Event, site: SiteData) -> datetime:
    start = event.next_occurrence(site.today).start
    if isinstance(start, datetime):
        return start.astimezone(UTC)
    return datetime.combine(start, time(), tzinfo=site.timezone).astimezone(UTC)


def _aware(moment: datetime, site: SiteData) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=site.timezone)
