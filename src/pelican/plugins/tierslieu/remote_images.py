"""Images hosted on another site (« ![x](https://…) », « <img src="https://…"> »): refused, check and build alike.

The site loads nothing from another site (its /mentions-legales/ says so,
and GDPR art. 5.1.c: the other site would see each visitor's address and
page). An image of a data text (a description, a bio) or of an article
given by an address with a scheme (« https: ») or a host (« //hôte/ ») is
an error at its line; « data: » images, in the page itself, are not.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlparse

import lxml.html

from .markup import MarkdownRenderer, bracket_problem
from .model.errors import DataError
from .model.loading import Source

REMOTE = (
    "image hébergée ailleurs « {address} » : le site ne charge rien d'un autre site "
    "(les visiteurs seraient suivis) ; copiez l'image dans content/images/ et citez-la avec {cite}/images/…"
)


def is_remote(address: str) -> bool:
    """Return True for an address another site serves (a scheme other than « data: », or « //hôte »)."""
    parsed = urlparse(address.strip())
    return bool(parsed.netloc) or (bool(parsed.scheme) and parsed.scheme.lower() != "data")


def remote_sources(html: str) -> list[str]:
    """Return the ``src`` of each image of rendered HTML that another site serves, in order."""
    if "<img" not in html.lower():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="body")
    return [image.get("src", "").strip() for image in root.iter("img") if is_remote(image.get("src", ""))]


def markdown_problems(source: Source, keys: list[tuple], render: MarkdownRenderer) -> list[DataError]:
    """Refuse, at the key's line, a Markdown text whose brackets would make rendering take minutes (markup.py).

    Else its images hosted on another site are refused (remote_images.py).
    """
    errors = []
    for key in keys if source.model is not None and source.document is not None else []:
        value = source.model
        for part in key:
            value = value[part] if isinstance(part, int) else getattr(value, part, None)
        problem = bracket_problem(value) if isinstance(value, str) else None
        if problem is not None:
            errors.append(DataError(source.display, source.document.line_of(key), f"'{key[-1]}' : {problem[1]}"))
        elif isinstance(value, str):
            errors += remote_in_data(source, key, value, render)
    return errors


def remote_in_data(source: Source, loc: tuple, text: str, render: Callable[[str], str]) -> list[DataError]:
    """Refuse each image of the Markdown ``text`` (at key path ``loc`` of ``source``) another site serves.

    ``render`` is the site's renderer (markup.MarkdownRenderer), so that reference images
    (« ![x][r] ») count too. The line is the first, from the key's, where the address is written.
    """
    if "![" not in text and "<img" not in text.lower():
        return []
    start = source.document.line_of(loc)
    return [
        DataError(source.display, _line_of(source.path, start, address), REMOTE.format(address=address, cite=""))
        for address in remote_sources(str(render(text)))
    ]


def remote_in_article(number: int, target: str, display: str) -> DataError | None:
    """Return the refusal of the image ``target`` written at line ``number`` of an article, if another site serves it."""
    if not is_remote(target):
        return None
    return DataError(display, number, REMOTE.format(address=target, cite="{static}"))


_REFERENCE = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?([^\s>]+)")
_IMAGE_REFERENCE = re.compile(r"!\[([^\]]*)\](?!\()(?:\s?\[([^\]]*)\])?")


def remote_references(lines: list[str], display: str) -> list[DataError]:
    """Refuse, at its definition's line, each reference (« [r]: https://… ») an image of the article uses."""
    used = set()
    for line in lines:
        for alt, label in _IMAGE_REFERENCE.findall(line):
            used.add(" ".join((label or alt).lower().split()))
    errors = []
    for number, line in enumerate(lines, start=1):
        found = _REFERENCE.match(line)
        if found and " ".join(found.group(1).lower().split()) in used and is_remote(found.group(2)):
            errors.append(DataError(display, number, REMOTE.format(address=found.group(2), cite="{static}")))
    return errors


def _line_of(path: str, start: int, address: str) -> int:
    """Return the first line of the file at ``path``, from ``start``, where ``address`` is written (else ``start``)."""
    try:
        with open(path, encoding="utf-8") as stream:
            lines = stream.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return start
    needle = address[:60]
    return next((number for number in range(start, len(lines) + 1) if needle in lines[number - 1]), start)
