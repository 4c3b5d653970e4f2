"""Broken links of editors' texts: event descriptions, pépites' bios and articles, told as advice (advice.py).

A link to a page of the site is checked whether it is written from the site's root (« /agenda/atelier/ »),
as the site's own full address (« https://mon-lieu.fr/agenda/atelier/ », SITEURL): GUIDE section 8, or
relative to the page the text is shown on (« ../atelier/ », RFC 3986 section 5.2): an article's or a page's
own address (ARTICLE_URL, PAGE_URL), an event's or a pépite's page for a data text.
"""

from __future__ import annotations

import os
import re
import string
from urllib.parse import SplitResult, urljoin, urlsplit

from pelican.plugins.tierslieu.data_links import content_page_address, markdown_files
from pelican.plugins.tierslieu.markup import MarkdownRenderer
from pelican.plugins.tierslieu.model.loading import LoadedData, display_path
from pelican.plugins.tierslieu.remote_images import line_of_address

from .addresses import Addresses
from .rendered import rendered_links, source_lines

_PELICAN_LINKS = ("{", "|")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def broken_links(loaded: LoadedData, settings: dict, root: str, addresses: Addresses) -> list[tuple[str, int, str]]:
    """Return (file, line, message) for each link to a page or file the build does not write.

    The message is « lien cassé vers « … » », or, for the address of an
    article or page Pelican holds back (``addresses.unpublished``), « lien
    vers « … », une actualité pas encore publiée (brouillon) : le lien
    serait cassé » (or « programmée pour le 2026-12-25 10:00 »). The address
    is told as written, at the line it is written on (for a data/ text, the
    first line from its key's that holds it, as its placeholder errors are
    told: remote_images.line_of_address). ``addresses`` are the build's
    (addresses.py). Links Pelican resolves (« {filename} ») are checked by the
    build (content_log.py, unpublished_links.py), and in a data/ text any link
    of their form is an error (data_links.py: no advice is printed then);
    links to other sites are not followed.
    """
    content = settings["PATH"]
    pages = {path: content_page_address(path, content, settings) for path in markdown_files(content)}
    siteurl = (settings.get("SITEURL") or "").rstrip("/")
    render = MarkdownRenderer(settings).unsanitised
    result = []
    texts, fields = [], []
    for s in loaded.events:
        page = "/" + settings["EVENT_URL"].format(slug=s.slug)
        texts.append((s, ("description",), s.model.description, page))
        texts += [(s, ("sessions", i, "description"), one.description, page) for i, one in enumerate(s.model.sessions)]
        fields += [(s, (name,), getattr(s.model, name)) for name in ("registration", "online")]
        fields += [(s, ("sessions", i, "registration"), one.registration) for i, one in enumerate(s.model.sessions)]
    texts += [(s, ("bio",), s.model.bio, "/" + settings["PEPITE_URL"].format(slug=s.slug)) for s in loaded.pepites]
    fields += [(s, ("website",), s.model.website) for s in loaded.pepites]
    for source, loc, text, page in texts:
        links = rendered_links(render(text)) if text else []
        start = source.document.line_of(loc)
        for target, _image, why in _broken_links(links, addresses, content, content, siteurl, page):
            result.append((source.display, line_of_address(source.path, start, target), _told(target, why)))
    for source, loc, url in fields:
        if url and _own_path(url, siteurl).startswith("/"):  # an address of the site itself, not another's
            for target, _image, why in _broken_links([(False, url)], addresses, content, content, siteurl):
                result.append((source.display, source.document.line_of(loc), _told(target, why)))
    for path, page in pages.items():
        with open(path, encoding="utf-8") as stream:
            lines = stream.read().splitlines()
        found = _broken_links(
            rendered_links(render("\n".join(lines))), addresses, os.path.dirname(path), content, siteurl, page
        )
        numbers = source_lines(lines, [written for written, _image, _why in found])
        for (target, image, why), number in zip(found, numbers, strict=True):
            if target.startswith(_PELICAN_LINKS) or (image and not _own_path(target, siteurl).startswith("/")):
                # Pelican resolves the first (content_log.py); an image by a plain path is an error
                # (content_images.py): both are errors of the build and of check already.
                continue
            result.append((display_path(path, root), number, _told(target, why)))
    return result


def _told(target: str, why: tuple[str, str] | None) -> str:
    if why is None:
        return f"lien cassé vers « {target} »"
    reason, what = why
    return f"lien vers « {target} », {what} pas encore publiée ({reason}) : le lien serait cassé"


def _own_path(target: str, siteurl: str) -> str:
    """Return a link to the site's own full address as a path from its root (« /agenda/x/ »); others as they are.

    The site's own address in any spelling a browser reads as it (RFC 3986 section 6.2.3, and RFC 9110
    section 4.2 for http and https): either scheme, the host in any case, the scheme's default port
    written out (« :443 », « :80 »), repeated slashes (« //pepites/x/ », served as « /pepites/x/ »).
    """
    try:
        own, link = urlsplit(siteurl), urlsplit(target)
        same_port = _port(own) == _port(link)
    except ValueError:  # a port that is no number: not the site
        return target
    if not siteurl or link.scheme.lower() not in _DEFAULT_PORTS or not link.hostname:
        return target
    if link.hostname != own.hostname or not same_port or link.username or link.password:
        return target
    path, base = _SLASHES.sub("/", link.path), _SLASHES.sub("/", own.path).rstrip("/")
    if base and path != base and not path.startswith(base + "/"):
        return target
    rest = path[len(base) :] or "/"
    return f"{rest}?{link.query}" if link.query else rest


_DEFAULT_PORTS = {"http": 80, "https": 443}
_SLASHES = re.compile(r"/{2,}")


def _port(parts: SplitResult) -> int | None:
    """Return the port of an address, None for its scheme's default (raises ValueError for a bad port)."""
    port = parts.port
    return None if port == _DEFAULT_PORTS.get(parts.scheme.lower()) else port


def _broken_links(
    links: list[tuple[bool, str]],
    addresses: Addresses,
    folder: str,
    content: str,
    siteurl: str,
    page: str | None = None,
) -> list[tuple[str, bool, tuple[str, str] | None]]:
    """Return (link as written, whether an image, why unpublished or None) for each of ``links`` that leads nowhere.

    ``links`` are (whether an image, address) pairs as rendered_links reads them from a text's HTML.

    With ``page`` (the path of the page the text is shown on, « /agenda/atelier/ »), a relative link
    (« ../x/ ») is checked as the address the browser reads from that page (RFC 3986 section 5.2).
    """
    broken = []
    for image, address in links:
        written = address.split("#", 1)[0]
        target = _own_path(written, siteurl)
        if page and target and not target.startswith(("/", "{", "|")) and not _SCHEME.match(target):
            # Dot segments above the root stop at it (RFC 3986 section 5.2.4); urljoin drops the root's « / ».
            target = "/" + urljoin(page, target).lstrip("/")
        target = _without_dot_segments(_unreserved_decoded(target))
        if target.startswith("//"):  # another site, its scheme left out (RFC 3986 4.2): not followed
            continue
        if target.startswith(("{filename}", "{static}")):
            relative = target.split("}", 1)[1]
            base = content if relative.startswith("/") else folder
            if not os.path.exists(os.path.join(base, relative.lstrip("/"))):
                broken.append((target, bool(image), None))
        elif image and not re.match(r"^[a-z]+:", target) and _page(target) not in addresses.known:
            broken.append((written, True, addresses.unpublished.get(_page(target))))
        elif target.startswith("/") and not image and _page(target) not in addresses.known:
            broken.append((written, False, addresses.unpublished.get(_page(target))))
    return broken


def _unreserved_decoded(target: str) -> str:
    """Return a path from the site's root with its percent-encoded unreserved characters decoded.

    RFC 3986 section 2.3: « %2D » is « - » (as are letters, digits, « . », « _ », « ~ »), so
    « /pepites/karim%2Dbenali/ » is « /pepites/karim-benali/ ». Other encodings stay as written
    (« %C3%A9 », « %2F »); anything but a path from the root is returned as written, and so is the query.
    """
    path, mark, query = target.partition("?")
    if not path.startswith("/") or path.startswith("//") or "%" not in path:
        return target
    return _ESCAPE.sub(lambda found: _unreserved(found.group(0)), path) + mark + query


_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")  # RFC 3986 section 2.3


def _unreserved(escape: str) -> str:
    character = chr(int(escape[1:], 16))
    return character if character in _UNRESERVED else escape


def _without_dot_segments(target: str) -> str:
    """Return a path from the site's root with its « . » and « .. » segments resolved, as a browser does.

    RFC 3986 section 5.2.4 (« /./le-lieu/./ » is « /le-lieu/ », a last « . » or « .. » keeps the slash),
    by urljoin. A path whose « .. » would climb above the root is returned as written (it leads nowhere
    on the site); so is anything else (another site, « {filename}… »), and the query stays.
    """
    path, mark, query = target.partition("?")
    if not path.startswith("/") or path.startswith("//") or "." not in path:
        return target
    resolved = urljoin(_SENTINEL, "./" + path.lstrip("/"))
    if not resolved.startswith(_SENTINEL):
        return target
    return resolved[len(_SENTINEL) - 1 :] + mark + query


_SENTINEL = "/dot-segments-base/"  # a folder below the root: a « .. » climbing above the root leaves it


def _page(target: str) -> str:
    """Return the page a path leads to: its query left out (the server reads the path: RFC 3986 section 3.4)."""
    target = target.split("?", 1)[0]
    return target if target.endswith("/") or "." in os.path.basename(target) else target + "/"
