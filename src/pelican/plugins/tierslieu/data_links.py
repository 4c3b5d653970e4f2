"""Pelican's placeholder links (« {filename}… », « {static}… ») in data/ texts: refused, check and build alike.

Pelican replaces « {filename} », « {static} », « {attach} », « {index} », « {tag} », « {category} » and
« {author} » (and the old « |filename| » spelling: its INTRASITE_LINK_REGEX) in what it reads from content/
only (pelican.contents.Content._update_content). A data/ text (an event's or a session's description, a
pépite's bio, the venue's description or an offer's) is rendered by the plugin (markup.MarkdownRenderer):
such a link would be published as typed, « href="{filename}/x.md" », a link to nothing. Each is an error at
the line it is written on, giving the page's address to write instead when the target exists (GUIDE
section 8: in data/, the site's full address). The address of an article or a page of content/ is read from
its header as Pelican makes it (``content_page_address``); editors/links.py reads it the same way.
"""

from __future__ import annotations

import os
import re
from datetime import date
from html import unescape
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

import lxml.html
from pelican.utils import slugify

from .model.errors import DataError, DataErrors
from .model.loading import Source
from .spellings import groupings_of

if TYPE_CHECKING:
    from .markup import MarkdownRenderer

PELICAN_WORDS = ("filename", "static", "attach", "index", "tag", "category", "author")
"""The words Pelican replaces between « {…} » or « |…| » (pelican.contents.Content._link_replacer)."""

_OPENING, _CLOSING = r"(?:[{|]|%7B|%7C)", r"(?:[}|]|%7D|%7C)"
PLACEHOLDER = re.compile(rf"^\s*({_OPENING})([a-z]+)({_CLOSING})(.*)$", re.S | re.I)
"""A link of Pelican's form (its INTRASITE_LINK_REGEX), « {what} » or « |what| », then the value.

Any case and any word (« {FILENAME} », « {Static} », « {foo} »: Pelican itself knows the lower-case words
only), and their percent-encoded forms (« %7Bfilename%7D », « %7C…%7C »: RFC 3986 section 2.1, case-
insensitive): none is an address a browser can follow from a data/ text.
"""


def placeholder_links(html: str) -> list[str]:
    """Return each ``href`` or ``src`` of an HTML fragment that is a Pelican placeholder link (PLACEHOLDER)."""
    if not _may_hold(html):
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="body")
    found = []
    for element in root.iter("a", "img"):
        value = element.get("href" if element.tag == "a" else "src")
        if value and PLACEHOLDER.match(value):
            found.append(value.strip())
    return found


def _may_hold(text: str) -> bool:
    """Tell cheaply whether ``text`` may hold a placeholder link (most texts hold none)."""
    return "{" in text or "|" in text or "%7" in text


_PUBLISHED = re.compile(rf'\b(?:href|src)="(\s*{_OPENING}[a-z]+{_CLOSING}[^"]*)"', re.I)


def refuse_placeholders(html: str) -> str:
    """Return ``html``; raise DataErrors if this sanitised HTML of a data/ text holds « href="{filename}… ».

    Any form PLACEHOLDER matches (« {FILENAME}… », « %7Bstatic%7D… », « {foo}… »). check_loaded refuses
    these links at their line first (DataTextLinks); this is the last guard of the renderer
    (markup.MarkdownRenderer), so that none is ever published as typed. Told at « data/ », line 1.
    """
    found = _PUBLISHED.search(html) if _may_hold(html) else None
    if found:
        link = unescape(found.group(1)).strip()
        message = (
            f"lien « {link} » dans un texte de data/ : les liens « {{…}} » ne marchent que dans content/ ; "
            "écrivez l'adresse complète de la page (celle du site en ligne, suivie de son chemin)"
        )
        raise DataErrors([DataError("data/", 1, message)])
    return html


class DataTextLinks:
    """Refuse the placeholder links of data/ texts (see the module); ``settings`` are Pelican's, defaults applied."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.content = settings["PATH"]
        self._groupings: dict[str, set[str]] | None = None

    def problems(self, source: Source, loc: tuple, text: str, render: MarkdownRenderer, line_of) -> list[DataError]:
        """Return a DataError for each placeholder link of ``text`` (key path ``loc`` of ``source``).

        ``line_of(path, start, address)`` finds the line the address is written on (from the key's line).
        The message is « lien « {filename}/x.md » : les liens « {filename} » ne marchent que dans content/ ;
        dans data/, écrivez … » (refusal).
        """
        if not _may_hold(text):
            return []
        start = source.document.line_of(loc)
        return [
            DataError(source.display, line_of(source.path, start, link), self.refusal(link))
            for link in placeholder_links(render.unsanitised(text))
        ]

    def refusal(self, link: str) -> str:
        """Return the French refusal of the placeholder ``link`` (PLACEHOLDER) written in a data/ text.

        A known word in any case or percent-encoded is told in the form Pelican reads (« {filename} »); an
        unknown one (« {foo} ») is told as written: « lien « {foo}/x » : « {foo} » n'est pas une adresse ; … ».
        """
        opening, what, closing, value = PLACEHOLDER.match(link).groups()
        opening, closing = unquote(opening), unquote(closing)
        if what.lower() not in PELICAN_WORDS:
            return (
                f"lien « {link} » : « {opening}{what}{closing} » n'est pas une adresse ; dans data/, "
                "écrivez l'adresse complète de la page voulue (celle du site en ligne, suivie de son chemin : "
                "« /agenda/… », « /pepites/… »)"
            )
        what = what.lower()
        told = f"lien « {link} » : les liens « {opening}{what}{closing} » ne marchent que dans content/ ; dans data/, "
        if what == "author":
            return told + "et ce site ne publie pas de page d'auteur : retirez ce lien"
        address = self.address(what, value.split("#", 1)[0].split("?", 1)[0])
        if address:
            noun = "de la page" if address.endswith("/") else "du fichier"
            return told + f"écrivez l'adresse complète {noun} : celle du site en ligne, suivie de « {address} »"
        missing = {
            "tag": f"et aucune actualité n'a l'étiquette « {value} »",
            "category": f"et aucune actualité n'a la catégorie « {value} »",
        }.get(what, f"et « {value} » n'est pas un fichier de content/")
        return told + (
            "écrivez l'adresse complète de la page voulue (celle du site en ligne, suivie de son chemin : "
            f"« /agenda/… », « /pepites/… ») ; {missing}"
        )

    def address(self, what: str, value: str) -> str | None:
        """Return the address, from the site's root (« /actualites/2026/x/ »), that the link names; None if none."""
        settings = self.settings
        if what == "index":
            return "/" + settings.get("INDEX_SAVE_AS", "index.html").removesuffix("index.html")
        if what in ("tag", "category"):
            slug = slugify(value, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS") or [])
            if slug not in self._known_groupings()[what]:
                return None
            return "/" + settings[f"{what.upper()}_URL"].format(slug=slug)
        for written in dict.fromkeys((value, unquote(value))):  # as written, or percent-decoded as Pelican reads it
            relative = os.path.normpath(written.lstrip("/")) if written.strip("/") else ""
            path = os.path.join(self.content, relative)
            if relative and not relative.startswith("..") and os.path.isfile(path):
                break
        else:
            return None
        if what == "filename" and path.endswith((".md", ".markdown")):
            return content_page_address(path, self.content, settings)
        return "/" + quote(relative.replace(os.sep, "/"))

    def _known_groupings(self) -> dict[str, set[str]]:
        """Return the slugs of the tags and categories the articles of content/ name (read once)."""
        if self._groupings is None:
            subs = self.settings.get("SLUG_REGEX_SUBSTITUTIONS") or []
            self._groupings = {"tag": set(), "category": set()}
            for path in markdown_files(self.content):
                for key, _number, name in groupings_of(path):
                    self._groupings["tag" if key == "Tags" else "category"].add(slugify(name, regex_subs=subs))
            if self.settings.get("DEFAULT_CATEGORY"):
                self._groupings["category"].add(slugify(self.settings["DEFAULT_CATEGORY"], regex_subs=subs))
        return self._groupings


def markdown_files(content: str) -> list[str]:
    """Return the Markdown files (« .md ») of ``content``, sorted; regular files only (a FIFO would block a read)."""
    found = []
    for folder, subfolders, files in os.walk(content):
        subfolders.sort()
        paths = [os.path.join(folder, name) for name in sorted(files) if name.endswith(".md")]
        found += [path for path in paths if os.path.isfile(path) and not os.path.islink(path)]
    return found


_HEADER = re.compile(r"^(Title|Slug|Date):[ \t]*(.*?)\s*$", re.M | re.I)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def content_page_address(path: str, content: str, settings: dict) -> str | None:
    """Return the address of an article or page of content/ as /path/ (ARTICLE_URL or PAGE_URL), or None.

    The slug is its « Slug: » or, as Pelican makes it, its title slugified (pelican.utils.slugify with the
    SLUG_REGEX_SUBSTITUTIONS of the settings); an article needs its « Date: ». None for a file without them.
    """
    with open(path, encoding="utf-8", errors="replace") as stream:
        header = {name.lower(): value for name, value in _HEADER.findall(stream.read(2000).split("\n\n", 1)[0])}
    folder = os.path.relpath(path, content).split(os.sep)[0]
    is_page = folder in settings.get("PAGE_PATHS", ["pages"])
    slug = header.get("slug") or slugify(
        header.get("title", ""),
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )
    found = _DATE.match(header.get("date", ""))
    try:
        when = date(*map(int, found.groups())) if found else None
        if not slug or not (is_page or when):
            return None
        return "/" + settings["PAGE_URL" if is_page else "ARTICLE_URL"].format(slug=slug, date=when)
    except (KeyError, ValueError, IndexError, AttributeError):  # a date that is no date, a URL of other fields
        return None
