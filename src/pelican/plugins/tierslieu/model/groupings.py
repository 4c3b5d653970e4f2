"""Free-text groupings (a pépite's ``kind``, an event's ``category``): shown as written, slugified for URLs."""

from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .fields import parse_text

MAX_GROUPING_CHARS = 80
"""Longest grouping: its slug becomes a file name of the site (agenda/categorie/<slug>.ics),
and a file name holds 255 bytes at most."""


def parse_grouping(value) -> str:
    """Accept a grouping of at most 80 characters, with a letter or a digit to make its address.

    Raises ``PydanticCustomError`` (French message) otherwise: a longer name
    would make a file name the system refuses, and one without a letter or a
    digit an empty slug (Pelican's slugify keeps only those).
    """
    text = parse_text(value)
    # NFKD is what the slug is made from: a few characters (ligatures, ﷺ) decompose into many.
    if len(text) > MAX_GROUPING_CHARS or len(unicodedata.normalize("NFKD", text)) > 3 * MAX_GROUPING_CHARS:
        raise PydanticCustomError(
            "grouping_long",
            "« {value}… » est trop long pour devenir une adresse du site : {limit} caractères au plus",
            {"value": text[:30], "limit": MAX_GROUPING_CHARS},
        )
    if text and not any(char.isalnum() for char in text):
        raise PydanticCustomError(
            "grouping_letters",
            "« {value} » ne peut pas devenir une adresse du site : écrivez au moins une lettre ou un chiffre",
            {"value": text},
        )
    return text


Grouping = Annotated[
    str,
    BeforeValidator(parse_grouping),
    WithJsonSchema({"type": ["string", "number", "boolean"], "maxLength": MAX_GROUPING_CHARS}),
]
