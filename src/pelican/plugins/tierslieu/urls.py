"""The URL scheme of the site: every address of ours, in one place.

Addresses follow Pelican's families (``ARTICLE_URL`` / ``ARTICLE_SAVE_AS``):
each family is a pair of settings, a URL relative to SITEURL ending in ``/``
and the file it is saved as. Python code and templates (the ``urls`` global)
both ask this object, so a family is formatted in one place only.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlsplit

# What stays as written in a URL: RFC 3986's reserved characters, « % » (already encoded) and « ~ ».
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


@functools.lru_cache(maxsize=16384)
def web_path(path: str) -> str:
    """Return a URL or path with spaces and non-ASCII characters percent-encoded (RFC 3986, UTF-8).

    « images/photo été 1.jpg » → « images/photo%20%C3%A9t%C3%A9%201.jpg ».
    Idempotent: reserved characters and existing « %XX » stay as they are.
    A pure function of ``path``, asked for the same addresses by many pages: kept (lru_cache).
    """
    return quote(path, safe=_URL_SAFE)


@dataclass(frozen=True)
class Address:
    """One output's address: ``url`` (relative to SITEURL) and ``save_as`` (relative to the output folder)."""

    url: str
    save_as: str


class Urls:
    """Format the addresses of the site from the plugin's settings.

    ``settings`` is the typed settings object (settings.PluginSettings); its
    URL templates take ``{slug}`` or ``{date}`` as Pelican's own do.
    """

    def __init__(self, settings) -> None:
        self._s = settings
        self.siteurl = settings.siteurl

    # Pages of one item ------------------------------------------------------------------------

    def event(self, slug: str) -> Address:
        """Return the page of an event (``agenda/<slug>/``)."""
        return Address(self._s.event_url.format(slug=slug), self._s.event_save_as.format(slug=slug))

    def event_ics(self, slug: str) -> Address:
        """Return the calendar file of one event (``agenda/<slug>/<slug>.ics``)."""
        return Address(self._s.event_ics_url.format(slug=slug), self._s.event_ics_save_as.format(slug=slug))

    def pepite(self, slug: str) -> Address:
        """Return the page of a pépite (``pepites/<slug>/``)."""
        return Address(self._s.pepite_url.format(slug=slug), self._s.pepite_save_as.format(slug=slug))

    def pepite_ics(self, slug: str) -> Address:
        """Return the calendar feed of a pépite's events."""
        save_as = self._s.pepite_ics_save_as.format(slug=slug)
        return Address(save_as, save_as)

    def category(self, slug: str) -> Address:
        """Return the agenda page of one category."""
        return Address(self._s.agenda_category_url.format(slug=slug), self._s.agenda_category_save_as.format(slug=slug))

    def category_ics(self, slug: str) -> Address:
        """Return the calendar feed of one category."""
        save_as = self._s.category_ics_save_as.format(slug=slug)
        return Address(save_as, save_as)

    def month(self, month: date) -> Address:
        """Return the month grid of ``month`` (any day of it)."""
        return Address(self._s.agenda_month_url.format(date=month), self._s.agenda_month_save_as.format(date=month))

    def programme(self, month: date) -> Address:
        """Return the printable programme of ``month``."""
        return Address(self._s.programme_url.format(date=month), self._s.programme_save_as.format(date=month))

    def feed_qr(self, feed_save_as: str) -> Address:
        """Return the QR code image (SVG) of a calendar feed, beside the subscribe page."""
        name = quote(feed_save_as.replace("/", "-").removesuffix(".ics"), safe="-")
        save_as = f"{self._s.subscribe_url}qr-{name}.svg"
        return Address(save_as, save_as)

    # Pages of the site ------------------------------------------------------------------------

    def page(self, name: str) -> Address:
        """Return an output of the site by its family name: ``home``, ``venue``, ``agenda``, ``agenda_ics``…

        A file without a ``*_URL`` setting (a feed) is served at its ``save_as``.
        """
        save_as = getattr(self._s, f"{name}_save_as")
        return Address(getattr(self._s, f"{name}_url", save_as), save_as)

    # Absolute forms ---------------------------------------------------------------------------

    def absolute(self, path: str) -> str:
        """Return ``path`` (relative to SITEURL) as an absolute address under SITEURL, percent-encoded (``web_path``)."""
        return web_path(f"{self.siteurl}/{path}")

    @staticmethod
    def webcal(url: str) -> str:
        """Return the ``webcal://`` form of an http(s) address (opens the calendar app)."""
        return "webcal://" + url.split("://", 1)[-1]


def root_path(siteurl: str | None, url: str) -> str:
    """Return a page's address from the server's root: SITEURL's path, then ``url`` (« /lieu/actualites/x/ »)."""
    return f"{urlsplit(siteurl or '').path.rstrip('/')}/{url}"


_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')


def encode_urls(html: str) -> str:
    """Percent-encode the ``href`` and ``src`` of every tag of serialised HTML (``urls.web_path``).

    Pelican writes a « {static} » link to « images/photo été.jpg » as is;
    a space ends a URL in feeds and for many clients. Text between tags is
    left alone.
    """

    def inside(tag: re.Match) -> str:
        return _URL_ATTRIBUTE.sub(lambda found: f'{found.group(1)}="{web_path(found.group(2))}"', tag.group(0))

    return _TAG.sub(inside, html)
