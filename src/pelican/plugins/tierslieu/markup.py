"""Markdown from data/ and content/, rendered like Pelican's articles and sanitised."""

from __future__ import annotations

import nh3
from markdown import Markdown
from markupsafe import Markup

from .typography import french_html

# Tags and attributes Markdown (with Pelican's default extensions) produces.
_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start"},
}
_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise(html: str) -> str:
    """Remove scripts, event handlers and javascript: URLs from HTML."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel=None,
        filter_style_properties={"text-align"},
    )


class MarkdownRenderer:
    """Render Markdown text with the site's MARKDOWN settings, then sanitise it."""

    def __init__(self, settings: dict):
        options = settings.get("MARKDOWN") or {}
        self._md = Markdown(
            extensions=options.get("extensions", []),
            extension_configs=options.get("extension_configs", {}),
            output_format=options.get("output_format", "html5"),
        )
        self._cache: dict[str, Markup] = {}

    def remember(self, rendered: dict[str, Markup]) -> None:
        """Take Markdown rendered elsewhere (the background process) as already done."""
        self._cache.update(rendered)

    def __call__(self, text: str | None) -> Markup:
        """Return safe HTML for a Markdown text (empty for None)."""
        if not text:
            return Markup("")
        if text not in self._cache:
            html = self._md.reset().convert(text)
            self._cache[text] = Markup(french_html(sanitise(html)))
        return self._cache[text]
