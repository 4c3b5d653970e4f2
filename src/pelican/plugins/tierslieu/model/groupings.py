"""Free-text groupings (a pépite's ``kind``, an event's ``category``): shown as written, slugified for URLs."""

from __future__ import annotations

import unicodedata
from typing import Annotated

from markupsafe import Markup
from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError
from unidecode import unidecode

from .titles import parse_name

MAX_GROUPING_CHARS = 80
"""Longest grouping: its slug becomes a file name of the site (agenda/categorie/<slug>.ics),
and a file name holds 255 bytes at most."""
MAX_SLUG_CHARS = 200
"""Longest text a slug is cut from: non-Latin scripts spell out longer in ASCII (中 is « Zhong »)."""


def slug_source(text: str) -> str:
    """Return the ASCII text Pelican's slugify cuts a slug from: tags stripped, NFKC, transliterated."""
    return unidecode(unicodedata.normalize("NFKC", Markup(text).striptags()))


def parse_grouping(value) -> str:
    """Accept a grouping of at most 80 characters (its slug cut from at most 200).

    Raises ``PydanticCustomError`` (French message) otherwise: a longer name
    would make a file name the system refuses; a hidden character is refused
    as in a name (``titles.parse_name``). A name without a letter or a
    digit (an empty slug) is refused where the slug is made: rules.py for
    categories, Pelican's log (content_log.py) for articles.
    """
    text = parse_name(value)
    source = slug_source(text)
    if len(text) > MAX_GROUPING_CHARS or len(source) > MAX_SLUG_CHARS:
        raise PydanticCustomError(
            "grouping_long",
            "« {value}… » est trop long pour devenir une adresse du site : {limit} caractères au plus "
            "(moins en écriture non latine)",
            {"value": text[:30], "limit": MAX_GROUPING_CHARS},
        )
    return text


Grouping = Annotated[
    str,
    BeforeValidator(parse_grouping),
    WithJsonSchema({"type": ["string", "number", "boolean"], "maxLength": MAX_GROUPING_CHARS}),
]
