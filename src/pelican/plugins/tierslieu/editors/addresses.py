"""The site's own addresses, as ``invoke check`` reads them for links (links.py): what the build writes, and not.

Read from the same sources as the build once Pelican has read content/
(checking.read_content): the output plan (plan.Output, every file of the
data: pages, calendars, feeds, robots.txt), the sitemap, and what Pelican
writes (articles, pages, categories, tags, their lists, static files:
collisions.content_writers). Articles and pages Pelican holds back (a
« Status: draft », or an article dated after the build while
WITH_FUTURE_DATES is off: pelican.contents.Article) are not written:
their would-be addresses are kept apart with the reason, the rule of
unpublished_links.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pelican.contents import Article, Content

from pelican.plugins.tierslieu.collisions import content_writers
from pelican.plugins.tierslieu.unpublished_links import header_draft

_INDEX = "index.html"


@dataclass
class Addresses:
    """The site's addresses as paths from its root (« /agenda/ », « /agenda.ics »).

    ``known``: every file the build writes, a folder's « index.html » also as
    the folder (« /x/ »). ``unpublished``: for an article or page held back,
    its would-be address mapped to why (« brouillon », « programmée pour le
    2026-12-25 10:00 ») and what it is (« une actualité », « une page »).
    """

    known: set[str] = field(default_factory=set)
    unpublished: dict[str, tuple[str, str]] = field(default_factory=dict)


def site_addresses(generators, outputs, sitemap: str, root: str) -> Addresses:
    """Return the Addresses of a build: Pelican's ``generators`` after reading, the plan's ``outputs``.

    ``sitemap`` is the sitemap's ``save_as`` (written by the build after
    the plan); ``root`` the project's folder (for content_writers).
    """
    addresses = Addresses()
    for output in outputs:
        addresses.known |= _forms(output.save_as) | _forms(output.url)
    addresses.known |= _forms(sitemap)
    for save_as in content_writers(generators, root):
        addresses.known |= _forms(save_as)
    for generator in generators:
        for name in ("drafts", "drafts_translations", "draft_pages", "draft_translations"):
            for item in getattr(generator, name, None) or []:
                held = _would_be(item)
                for form in _forms(held) - addresses.known:
                    addresses.unpublished[form] = _why(item)
    return addresses


def _would_be(item) -> str:
    """Return the address Pelican gives ``item`` once published (ARTICLE_URL or PAGE_URL, or its « URL: »)."""
    if hasattr(item, "override_url"):
        return item.override_url
    key = "url" if item.in_default_lang else "lang_url"
    try:
        return Content._expand_settings(item, key, "article" if isinstance(item, Article) else "page")
    except (KeyError, ValueError, AttributeError, IndexError):  # a URL setting of fields the item lacks
        return ""


def _why(item) -> tuple[str, str]:
    what = "une actualité" if isinstance(item, Article) else "une page"
    if header_draft(item) or not isinstance(item, Article):
        return "brouillon", what
    return f"programmée pour le {item.date:%Y-%m-%d %H:%M}", what


def _forms(address: str) -> set[str]:
    """Return an address or ``save_as`` as paths from the root: « x/index.html » is also « /x/ »."""
    if not address:
        return set()
    path = "/" + address.lstrip("/")
    forms = {path}
    if path.endswith("/" + _INDEX):
        forms.add(path[: -len(_INDEX)])
    elif path.endswith("/"):
        forms.add(path + _INDEX)
    return forms
