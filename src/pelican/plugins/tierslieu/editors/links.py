"""Broken links of editors' texts: event descriptions, pépites' bios and articles, told as advice (advice.py).

A link to a page of the site is checked whether it is written from the site's root (« /agenda/atelier/ »)
or as the site's own full address (« https://mon-lieu.fr/agenda/atelier/ », SITEURL): GUIDE section 8.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urljoin

from pelican.plugins.tierslieu.model.loading import LoadedData, display_path
from pelican.plugins.tierslieu.site import SiteData

_PELICAN_LINKS = ("{", "|")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)")


def known_urls(site: SiteData, settings: dict) -> set[str]:
    """Return the site's own page addresses, as /path/."""
    urls = {
        "/",
        "/" + settings["VENUE_URL"],
        "/" + settings["AGENDA_URL"],
        "/" + settings["PAST_EVENTS_URL"],
        "/" + settings["PEPITES_URL"],
        "/" + settings["NEWS_URL"],
        "/" + settings["LEGAL_URL"],
        "/" + settings["SUBSCRIBE_URL"],
    }
    urls |= {"/" + event.url for event in site.events}
    urls |= {"/" + settings["EVENT_URL"].format(slug=alias) for event in site.events for alias in event.data.aliases}
    urls |= {"/" + pepite.url for pepite in site.pepites}
    return urls


def broken_links(site: SiteData, loaded: LoadedData, settings: dict, root: str) -> list[tuple[str, int, str]]:
    """Return (file, line, « lien cassé vers « … » ») for each link to a page or file the site does not have.

    The address is told as written. Links Pelican resolves (« {filename} ») are checked by the build
    (content_log.py); links to other sites are not followed.
    """
    content = settings["PATH"]
    urls = known_urls(site, settings) | _article_urls(content, settings)
    siteurl = (settings.get("SITEURL") or "").rstrip("/")
    result = []
    texts = []
    for s in loaded.events:
        page = "/" + settings["EVENT_URL"].format(slug=s.slug)
        texts.append((s, ("description",), s.model.description, page))
        texts += [(s, ("sessions", i, "description"), one.description, page) for i, one in enumerate(s.model.sessions)]
    texts += [(s, ("bio",), s.model.bio, "/" + settings["PEPITE_URL"].format(slug=s.slug)) for s in loaded.pepites]
    for source, loc, text, page in texts:
        for target in _broken_links(text or "", urls, content, content, siteurl, page):
            result.append((source.display, source.document.line_of(loc), f"lien cassé vers « {target} »"))
    for path in _markdown_files(content):
        with open(path, encoding="utf-8") as stream:
            for number, line in enumerate(stream, start=1):
                for target in _broken_links(line, urls, os.path.dirname(path), content, siteurl):
                    if target.startswith(_PELICAN_LINKS) or not _own_path(target, siteurl).startswith("/"):
                        # Pelican resolves the first (content_log.py); an image by a plain path is an error
                        # (content_images.py): both are errors of the build and of check already.
                        continue
                    result.append((display_path(path, root), number, f"lien cassé vers « {target} »"))
    return result


def _own_path(target: str, siteurl: str) -> str:
    """Return a link to the site's own full address as a path from its root (« /agenda/x/ »); others as they are."""
    if siteurl and target.lower().startswith(siteurl.lower()):
        rest = target[len(siteurl) :]
        if not rest or rest.startswith("/"):
            return rest or "/"
    return target


def _broken_links(
    text: str, urls: set[str], folder: str, content: str, siteurl: str, page: str | None = None
) -> list[str]:
    """Return the links of ``text`` that lead nowhere, as written.

    With ``page`` (the path of the page a data text is shown on, « /agenda/atelier/ »), a relative link
    (« ../x/ ») is checked as the address the browser reads from that page (RFC 3986 section 5.2).
    """
    broken = []
    for image, address in _LINK.findall(text):
        written = address.split("#", 1)[0]
        target = _own_path(written, siteurl)
        if page and target and not target.startswith(("/", "{", "|")) and not _SCHEME.match(target):
            target = urljoin(page, target)
        if target.startswith("//"):  # another site, its scheme left out (RFC 3986 4.2): not followed
            continue
        if target.startswith(("{filename}", "{static}")):
            relative = target.split("}", 1)[1]
            base = content if relative.startswith("/") else folder
            if not os.path.exists(os.path.join(base, relative.lstrip("/"))):
                broken.append(target)
        elif (
            image
            and not re.match(r"^[a-z]+:", target)
            and not os.path.exists(os.path.join(content, target.lstrip("/")))
        ) or (
            target.startswith("/")
            and not image
            and _page(target) not in urls
            and not os.path.exists(os.path.join(content, target.lstrip("/")))
        ):
            broken.append(written)
    return broken


def _page(target: str) -> str:
    return target if target.endswith("/") or "." in os.path.basename(target) else target + "/"


def _markdown_files(content: str) -> list[str]:
    found = []
    for folder, subfolders, files in os.walk(content):
        subfolders.sort()
        paths = [os.path.join(folder, name) for name in sorted(files) if name.endswith(".md")]
        # Regular files only: a FIFO would block the read (check refuses it as an error already).
        found += [path for path in paths if os.path.isfile(path) and not os.path.islink(path)]
    return found


def _article_urls(content: str, settings: dict) -> set[str]:
    urls = set()
    for path in _markdown_files(content):
        with open(path, encoding="utf-8") as stream:
            header = stream.read(2000)
        slug = re.search(r"^Slug:\s*(\S+)", header, re.M | re.I)
        date = re.search(r"^Date:\s*(\d{4})", header, re.M | re.I)
        if slug and date:
            urls.add(
                "/"
                + settings.get("ARTICLE_URL", "{slug}/").replace("{date:%Y}", date.group(1)).format(slug=slug.group(1))
            )
    return urls
