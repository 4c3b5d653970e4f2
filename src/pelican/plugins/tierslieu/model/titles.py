"""Titles and names: plain text, shown as typed everywhere, never made only of HTML tags.

A title is plain text (SPEC section 4): the page shows « Atelier <débutants> »
escaped, calendars and feeds as typed. One made only of tags (« <b></b> »,
« <script></script> ») would read as nothing wherever tags are taken as
HTML (a feed reader, a search result), so it is refused.
"""

from __future__ import annotations

import html
from typing import Annotated

import nh3
from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .fields import line_text
from .texts import hidden_character, invisible_only, plainly_shown, short


def markup_only(text: str) -> bool:
    """Tell whether ``text`` is empty once its HTML tags (and a script's or style's content) are dropped.

    Tags as an HTML parser reads them (nh3, html5ever); entities decoded;
    spaces, no-break spaces included, stripped. « a < b » is text. Without
    « < » there is no tag: the parser is skipped (most titles; loading).
    """
    if "<" not in text:
        return not (html.unescape(text) if "&" in text else text).strip()
    return not html.unescape(nh3.clean(text, tags=set())).strip()


def parse_name(value) -> str:
    """Accept a name (a tag, a partner's name…): text on one line (``fields.line_text``) without a hidden character.

    Raises PydanticCustomError ``hidden_character`` for a character shown as nothing (``texts.hidden_character``:
    a soft hyphen, a zero-width space, a Hangul filler…): « Cat » U+00AD « égorie » would look like « Catégorie »
    and be another name, another address (attacker trial of hidden characters).
    """
    text = line_text(value)
    message = hidden_character(text)
    if message:
        raise PydanticCustomError("hidden_character", message)
    return text


def parse_title(value) -> str:
    """Accept a title or a name: a name (``parse_name``) that is not only HTML tags.

    Raises PydanticCustomError ``empty`` when it shows nothing (``texts.invisible_only``), as an empty
    value, ``hidden_character`` (``parse_name``) and ``markup_only`` (told in French at its line).
    """
    text = line_text(value)
    if not plainly_shown(text):  # one search tells most titles apart (texts.MAYBE_HIDDEN)
        if text and invisible_only(text):  # zero-width spaces, direction marks, soft hyphens: shown blank
            raise PydanticCustomError("empty", "valeur vide : écrivez une valeur après les deux-points")
        text = parse_name(text)
    if text and markup_only(text):
        raise PydanticCustomError("markup_only", MARKUP_ONLY, {"value": short(text)})
    return text


MARKUP_ONLY = (
    "« {value} » n'est fait que de balises HTML : ce champ est du texte simple, affiché tel quel "
    "(calendriers, flux, pages) ; écrivez-y des mots"
)
Name = Annotated[str, BeforeValidator(parse_name), WithJsonSchema({"type": ["string", "number", "boolean"]})]
"""A name on one line (``parse_name``); the JSON Schema as fields.Line."""
Title = Annotated[
    str, BeforeValidator(parse_title), WithJsonSchema({"type": ["string", "number", "boolean"]})
]  # as fields.Text
