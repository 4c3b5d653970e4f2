"""Articles and pages as Pelican reads them: dates in the site's time zone, HTML sanitised, addresses percent-encoded."""

from __future__ import annotations

import functools
import re

from pelican.contents import Static

from .content_dates import to_site_timezone
from .kept_texts import recall
from .markup import sanitise
from .typography import french_html
from .urls import encode_urls, root_path, web_path


def read_content(instance) -> None:
    """Pelican's ``content_object_init``: dates in the site's time zone (content_dates.py), then sanitise the HTML.

    One receiver, so that the order is sure: blinker calls the receivers of a
    signal in no set order, and the address (``{date:%Y}``) comes from the date.
    """
    to_site_timezone(instance)
    sanitise_content(instance)


def sanitise_content(instance) -> None:
    """Sanitise the HTML of articles and pages, and their summary (no script, no event handler)."""
    content = getattr(instance, "_content", None)
    if hasattr(instance, "_update_content"):  # Pelican resolves « {static} » links there, as written
        instance._update_content = functools.partial(_encoded, instance._update_content)
    # An article's address from a « Slug: été » is written as is by templates and links: encode it once here.
    # Not a file of content/: reading its url would forbid an {attach} link to move it (pelican.contents.Static).
    url = None if isinstance(instance, Static) else instance.url  # Pelican formats it at each reading
    if url is not None and web_path(url) != url:
        instance.override_url = web_path(url)
    # Relative links are written from the site's root, as read from the page's own address (markup.sanitise).
    page = None if url is None else root_path(instance.settings.get("SITEURL"), url)
    if content:
        instance._content = clean_html(content, page)
    summary = instance.metadata.get("summary")
    if summary:
        instance.metadata["summary"] = clean_summary(summary, page)
        if hasattr(instance, "_summary"):
            instance._summary = instance.metadata["summary"]


def clean_html(content: str, page: str | None) -> str:
    """Return ``content`` sanitised (markup.sanitise, links rooted at ``page``) with French spacing (typography).

    Both are pure functions of the HTML and the address: the result is kept
    for the preview, whose update of the news reads every article again at
    each save (editors/preview.py), so that only the saved one is cleaned
    again; and from one build to the next (kept_texts.py).
    """
    return recall(("clean_html", content, page), lambda: _clean_html(content, page))


@functools.lru_cache(maxsize=2048)
def _clean_html(content: str, page: str | None) -> str:
    return french_html(sanitise(content, page))


def clean_summary(summary: str, page: str | None) -> str:
    """Return a ``Summary:``'s HTML sanitised (links rooted at ``page``) on one line (``_one_line``); kept as clean_html."""
    return recall(("clean_summary", summary, page), lambda: _clean_summary(summary, page))


@functools.lru_cache(maxsize=2048)
def _clean_summary(summary: str, page: str | None) -> str:
    return _one_line(sanitise(summary, page))


_LINE_BREAK = re.compile(r"[ \t]*\n\s*")


def _one_line(summary: str) -> str:
    """Return the HTML of a ``Summary:`` on one line: its continuation lines joined by a space.

    Python-Markdown's meta extension reads a header line indented by four
    spaces or more as the continuation of the previous one (markdown.extensions.meta,
    META_MORE_RE); Pelican joins the lines with a line break before Markdown
    makes HTML of them (pelican.readers.MarkdownReader._parse_metadata). A page
    shows that break as a space, but whatever reads the summary line by line (a
    feed reader, the text of the news list) keeps only the first line: joined by
    a space, as the page's description (``striptags``) and content_headers.read_headers
    already read them. A summary with preformatted text (« <pre> ») keeps its breaks.
    """
    return summary if "<pre" in summary else _LINE_BREAK.sub(" ", summary).strip()


def _encoded(resolve, content: str, siteurl: str) -> str:
    """Pelican's ``_update_content`` (``resolve``), its URLs then percent-encoded (urls.encode_urls)."""
    return encode_urls(resolve(content, siteurl))
