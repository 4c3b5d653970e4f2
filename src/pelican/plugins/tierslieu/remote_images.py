"""Images the site would publish broken or loading from another site: refused, check and build alike.

The site loads nothing from another site (its /mentions-legales/ says so,
and GDPR art. 5.1.c: the other site would see each visitor's address and
page). An image of a data text (a description, a bio) or of an article
given by an address with a scheme (« https: ») or a host (« //hôte/ ») is
an error at its line. So is one the sanitiser (markup.sanitise, which keeps
only http(s), mailto and tel addresses) would publish without a working
``src``: a « data: » image, another scheme (« javascript: », « file: »…),
an ``<img>`` with no ``src`` (``srcset`` is not kept).
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import lxml.html

from .data_links import DataTextLinks
from .html_nesting import html_nesting_problem
from .markup import MarkdownRenderer, bracket_problem
from .model.errors import DataError
from .model.loading import Source

REMOTE = (
    "image hébergée ailleurs « {address} » : le site ne charge rien d'un autre site "
    "(les visiteurs seraient suivis) ; copiez l'image dans content/images/ et citez-la avec {cite}/images/…"
)
EMBEDDED = (
    "image intégrée au texte (« {address} ») : enregistrez-la dans content/images/ "
    "et liez-la avec « {cite}/images/son-nom.png »"
)
REFUSED = (
    "adresse d'image refusée « {address} » : le site ne publierait qu'une image cassée ; "
    "enregistrez l'image dans content/images/ et liez-la avec « {cite}/images/son-nom.png »"
)
NO_SOURCE = (
    "image sans adresse (src) : le site publierait une image cassée (srcset seul n'est pas gardé) ; "
    "donnez le chemin de son fichier, « {cite}/images/son-nom.png »"
)
EMBEDDED_SHOWN = 30
"""Characters of a « data: » address quoted in EMBEDDED (the rest is the image itself, often kilobytes)."""


def is_remote(address: str) -> bool:
    """Return True for an address another site serves (« http: », « https: », or a host: « //hôte/ »)."""
    parsed = urlparse(address.strip())
    return bool(parsed.netloc) or parsed.scheme.lower() in ("http", "https")


def image_problem(address: str | None, cite: str) -> str | None:
    """Return the French refusal of an image's address (None: kept), ``cite`` the prefix to advise (« {static} »).

    No address (None or blank): NO_SOURCE; « data: »: EMBEDDED (its first
    EMBEDDED_SHOWN characters quoted); another site's: REMOTE; any other
    scheme: REFUSED (markup.sanitise drops it, or keeps mailto:/tel:, no
    image). Relative paths and Pelican's links (« {static}… ») are kept.
    """
    if address is None or not address.strip():
        return NO_SOURCE.format(cite=cite)
    address = address.strip()
    scheme = urlparse(address).scheme.lower()
    if scheme == "data":
        shown = address if len(address) <= EMBEDDED_SHOWN else address[:EMBEDDED_SHOWN] + "…"
        return EMBEDDED.format(address=shown, cite=cite)
    if is_remote(address):
        return REMOTE.format(address=address, cite=cite)
    return REFUSED.format(address=address, cite=cite) if scheme else None


def image_sources(html: str) -> list[str | None]:
    """Return the ``src`` of each image of HTML, in order (None where it has none)."""
    if "<img" not in html.lower():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="body")
    return [image.get("src") for image in root.iter("img")]


def markdown_problems(
    source: Source, keys: list[tuple], render: MarkdownRenderer, links: DataTextLinks | None = None
) -> list[DataError]:
    """Refuse, at the key's line, a Markdown text whose brackets or HTML tags would make rendering take minutes.

    The bounds are markup.bracket_problem's and html_nesting.html_nesting_problem's.

    Else its images with a refused address are refused (image_problem), and with ``links`` its links
    Pelican resolves in content/ only (« {filename}… »: data_links.py), at the line each is written on.
    """
    errors = []
    for key in keys if source.model is not None and source.document is not None else []:
        value = source.model
        for part in key:
            value = value[part] if isinstance(part, int) else getattr(value, part, None)
        problem = (bracket_problem(value) or html_nesting_problem(value)) if isinstance(value, str) else None
        if problem is not None:
            errors.append(DataError(source.display, source.document.line_of(key), f"'{key[-1]}' : {problem[1]}"))
        elif isinstance(value, str):
            errors += remote_in_data(source, key, value, render)
            errors += links.problems(source, key, value, render, line_of_address) if links else []
    return errors


def remote_in_data(source: Source, loc: tuple, text: str, render: MarkdownRenderer) -> list[DataError]:
    """Refuse each image of the Markdown ``text`` (at key path ``loc`` of ``source``) with a problem (image_problem).

    ``render`` is the site's renderer (markup.MarkdownRenderer): its HTML before
    sanitising, so that reference images (« ![x][r] ») count too and an address
    the sanitiser drops is still seen. The line is the first, from the key's,
    where the address is written.
    """
    if "![" not in text and "<img" not in text.lower():
        return []
    start = source.document.line_of(loc)
    errors = []
    for address in image_sources(render.unsanitised(text)):
        problem = image_problem(address, "")
        if problem is not None:
            line = line_of_address(source.path, start, address.strip() if address and address.strip() else "<img")
            errors.append(DataError(source.display, line, problem))
    return errors


def remote_in_article(number: int, target: str | None, display: str) -> DataError | None:
    """Return the refusal of the image ``target`` written at line ``number`` of an article, if any (image_problem)."""
    problem = image_problem(target, "{static}")
    return None if problem is None else DataError(display, number, problem)


_REFERENCE = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?([^\s>]+)")
_IMAGE_REFERENCE = re.compile(r"!\[([^\]]*)\](?!\()(?:\s?\[([^\]]*)\])?")


def remote_references(lines: list[str], display: str) -> list[DataError]:
    """Refuse, at its definition's line, each reference (« [r]: https://… ») an image of the article uses, if refused."""
    errors = []
    for number, target in image_references(lines):
        refused = remote_in_article(number, target, display)
        errors += [refused] if refused else []
    return errors


def image_references(lines: list[str]) -> list[tuple[int, str]]:
    """Return (line, address) of each reference definition (« [r]: chemin ») an image of ``lines`` uses (« ![x][r] »).

    Labels match regardless of case and spaces (CommonMark, « link reference definitions »).
    """
    used = set()
    for line in lines:
        for alt, label in _IMAGE_REFERENCE.findall(line):
            used.add(" ".join((label or alt).lower().split()))
    found = []
    for number, line in enumerate(lines, start=1):
        match = _REFERENCE.match(line)
        if match and " ".join(match.group(1).lower().split()) in used:
            found.append((number, match.group(2)))
    return found


def line_of_address(path: str, start: int, address: str) -> int:
    """Return the first line of the file at ``path``, from ``start``, where ``address`` is written (else ``start``).

    An address written whole (between spaces, brackets, angle brackets or quotes, as editors/rendered.py
    reads it) is preferred, so that « /../x/ » is not found inside « /a/../x/ »; else the first line that
    holds its first 60 characters.
    """
    try:
        with open(path, encoding="utf-8") as stream:
            lines = stream.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return start
    numbers = range(start, len(lines) + 1)
    whole = re.compile(r"(?<![^\s(<\"'=])" + re.escape(address) + r"(?![^\s)>\"'#])")
    needle = address[:60]
    return next((number for number in numbers if whole.search(lines[number - 1])), None) or next(
        (number for number in numbers if needle in lines[number - 1]), start
    )
