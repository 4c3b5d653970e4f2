"""One spelling per page: groupings (event categories, pépite kinds, article categories and tags) and their slugs.

A grouping is shown as written and its page is at its slug (SPEC section 2):
two spellings of one slug would share one page under one of the two names,
and a slug without a letter or digit would make an address with no name.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from pelican.utils import slugify

from .model.errors import DataError
from .model.loading import Source
from .model.texts import hidden_character

_HEADER = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)$")


@dataclass(frozen=True)
class Slugs:
    """Pelican's slugify with the site's SLUG_REGEX_SUBSTITUTIONS: how groupings become URLs."""

    substitutions: list
    known: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """The slugs given so far: a grouping is named by many files, and Pelican's slugify is slow."""

    def __call__(self, text: str) -> str:
        """Return the slug of a free-text grouping (``kind``, ``category``)."""
        slug = self.known.get(text)
        if slug is None:
            slug = self.known[text] = _slug(text, tuple(tuple(pair) for pair in self.substitutions))
        return slug


@functools.lru_cache(maxsize=8192)
def _slug(text: str, substitutions: tuple[tuple[str, str], ...]) -> str:
    """Return Pelican's slug of ``text``: kept between loads (the preview loads data/ again at each save)."""
    return slugify(text, regex_subs=substitutions)


_PLACE = {"category": "la page de la catégorie", "kind": "ce groupe de l'annuaire des pépites"}
_SAME = {"category": "auraient la même page", "kind": "feraient deux groupes de même adresse dans l'annuaire"}


def categories(sources: list[Source], slugs: Slugs, key: str = "category") -> list[DataError]:
    """Give every category (or pépite ``kind``: a group and its HTML id) a page of its own, spelt one way.

    A category is shown as written and its page is at its slug (SPEC
    section 2): a slug without a letter or a digit (« !!! », « — ») would
    make an address with no name, and two spellings of one slug
    (« Atelier », « atelier ») would share one page under one of the two
    names. The second spelling is refused, naming the file of the first.
    A spelling with a hidden character (``texts.hidden_character``) is
    refused where it is written, and never offered as the one to copy.
    """
    errors: list[DataError] = []
    first: dict[str, tuple[str, Source, tuple]] = {}
    for source, where_in, name in _data_groupings(sources, key):
        if hidden_character(name):  # refused at its line, named (model/titles.parse_name): never the spelling to copy
            continue
        line = source.document.line_of(where_in)
        slug = slugs(name)
        if not any(character.isalnum() for character in slug):
            errors.append(
                DataError(
                    source.display,
                    line,
                    f"'{key}' : « {name} » ne peut pas donner d'adresse à {_PLACE[key]} : "
                    "écrivez-la avec des lettres ou des chiffres (par exemple « Atelier »)",
                )
            )
        elif slug not in first:
            first[slug] = (name, source, where_in)
        elif first[slug][0] != name:
            known, where, known_in = first[slug]
            errors.append(
                DataError(
                    source.display,
                    line,
                    f"'{key}' : « {name} » et « {known} » ({where.display}:{where.document.line_of(known_in)}) "
                    f"{_SAME[key]} : écrivez « {known} » comme dans {where.display}",
                )
            )
    return errors


def grouping_spellings(files: list[tuple[str, str]], settings: dict) -> list[DataError]:
    """Refuse a category or a tag spelt two ways with one slug (« vie du lieu », « Vie du lieu »).

    ``files`` are ``(path, display)`` of Markdown files, in reading order.
    Pelican would merge both into one page, named after whichever it met
    first; the second spelling is refused at its line, naming the file and
    line of the first (as event categories, rules.py). Slugs are Pelican's,
    with the site's SLUG_REGEX_SUBSTITUTIONS. A spelling with a hidden character is
    left out (refused at its line, never offered as the one to copy).
    """
    substitutions = settings.get("SLUG_REGEX_SUBSTITUTIONS") or []
    first: dict[tuple[str, str], tuple[str, str, int]] = {}
    errors = []
    for path, display in files:
        for key, number, name in groupings_of(path):
            if hidden_character(name):  # refused at its line (content_check._addresses): never the spelling to copy
                continue
            slug = slugify(name, regex_subs=substitutions)
            if slug and not any(character.isalnum() for character in slug):
                # « --- » gives the address « - » (an empty slug is told from Pelican's own warning: content_log.py).
                message = (
                    f"'{key}' : « {name} » ne donne pas d'adresse : écrivez-la avec au moins une lettre ou un chiffre"
                )
                errors.append(DataError(display, number, message))
                continue
            known = first.setdefault((key, slug), (name, display, number))
            if known[0] != name:
                errors.append(
                    DataError(
                        display,
                        number,
                        f"'{key}' : « {name} » et « {known[0]} » ({known[1]}:{known[2]}) auraient la même page : "
                        f"écrivez « {known[0]} » comme dans {known[1]}",
                    )
                )
    return errors


def groupings_of(path: str) -> list[tuple[str, int, str]]:
    """Return ``(key, line, name)`` of the category and each tag in a Markdown file's metadata."""
    with open(path, "rb") as stream:
        text = stream.read().decode("utf-8", "replace")
    return groupings_in(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def groupings_in(lines: list[str]) -> list[tuple[str, int, str]]:
    """Return ``(key, line, name)`` of the category and each tag in the metadata of a Markdown file's ``lines``."""
    found = []
    for number, line in enumerate(lines, start=1):
        match = _HEADER.match(line)
        if not match:
            break
        key, value = match.group(1).lower(), match.group(2).strip()
        if key == "category":
            found.append(("Category", number, value))
        elif key == "tags":
            found += [("Tags", number, tag.strip()) for tag in value.split(";" if ";" in value else ",")]
    return [(key, number, name) for key, number, name in found if name]


def _data_groupings(sources: list[Source], key: str) -> list[tuple[Source, tuple, str]]:
    """Return (source, where in its document, name) of every ``key`` of ``sources``, sessions' categories included.

    A session's category has its own feed and page (SPEC section 2, sessions), spelt like the events' ones.
    """
    found = []
    for source in sources:
        model = source.model
        if model is None:
            continue
        if getattr(model, key, None):
            found.append((source, (key,), getattr(model, key)))
        for index, session in enumerate(getattr(model, "sessions", None) or []):
            if key == "category" and session.category:
                found.append((source, ("sessions", index, "category"), session.category))
    return found
