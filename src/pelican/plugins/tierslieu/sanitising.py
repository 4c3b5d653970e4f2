"""Articles and pages as Pelican reads them: their HTML sanitised, their addresses percent-encoded."""

from __future__ import annotations

import functools

from pelican.contents import Static

from .markup import encode_urls, sanitise
from .typography import french_html
from .urls import root_path, web_path


def sanitise_content(instance) -> None:
    """Sanitise the HTML of articles and pages, and their summary (no script, no event handler)."""
    content = getattr(instance, "_content", None)
    if hasattr(instance, "_update_content"):  # Pelican resolves « {static} » links there, as written
        instance._update_content = functools.partial(_encoded, instance._update_content)
    # An article's address from a « Slug: été » is written as is by templates and links: encode it once here.
    # Not a file of content/: reading its url would forbid an {attach} link to move it (pelican.contents.Static).
    if not isinstance(instance, Static) and web_path(instance.url) != instance.url:
        instance.override_url = web_path(instance.url)
    # Relative links are written from the site's root, as read from the page's own address (markup.sanitise).
    page = None if isinstance(instance, Static) else root_path(instance.settings.get("SITEURL"), instance.url)
    if content:
        instance._content = french_html(sanitise(content, page))
    summary = instance.metadata.get("summary")
    if summary:
        instance.metadata["summary"] = sanitise(summary, page)
        if hasattr(instance, "_summary"):
            instance._summary = instance.metadata["summary"]


def _encoded(resolve, content: str, siteurl: str) -> str:
    """Pelican's ``_update_content`` (``resolve``), its URLs then percent-encoded (markup.encode_urls)."""
    return encode_urls(resolve(content, siteurl))
