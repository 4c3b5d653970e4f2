"""Phone numbers as editors write them (« 01 99 00 27 60 », « +33 1 99 00 27 60 »), and their tel: link."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .fields import line_text
from .texts import hidden_in_address, short

MIN_DIGITS = 6
"""Fewest digits of a phone number: a short number of a French company has 4, but none shown for a venue has under 6."""
PHONE_PATTERN = r"\+?[0-9 .()\-]*"
"""What a phone number is written with: digits, spaces, dots, hyphens, parentheses, a leading +."""


def parse_phone(value) -> str:
    """Accept a phone number (``PHONE_PATTERN``, at least ``MIN_DIGITS`` digits) as written.

    A script or an address (« javascript:alert(1) ») would become a ``tel:`` link (RFC 3966 numbers are
    digits and visual separators). Raises PydanticCustomError ``phone`` with a French message, and
    ``hidden_character`` for a character shown as nothing (``texts.hidden_in_address``).
    """
    text = line_text(value).strip()
    if hidden := hidden_in_address(text, "le numéro"):
        raise PydanticCustomError("hidden_character", hidden)
    if not re.fullmatch(PHONE_PATTERN, text) or sum(char.isdigit() for char in text) < MIN_DIGITS:
        raise PydanticCustomError(
            "phone",
            "numéro de téléphone « {value} » invalide : écrivez des chiffres (au moins 6), avec si besoin des "
            "espaces, points, tirets, parenthèses et un + au début, par exemple « 01 99 00 27 60 » ou "
            "« +33 1 99 00 27 60 »",
            {"value": short(text)},
        )
    return text


def tel_link(phone: str) -> str:
    """Return the ``tel:`` link of a phone number accepted by ``parse_phone``: its digits and its + only."""
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


Phone = Annotated[
    str,
    BeforeValidator(parse_phone),
    # YAML 1.2 editors' tools read an unquoted 0199002760 as a number: it is a number of digits too.
    WithJsonSchema(
        {"anyOf": [{"type": "string", "pattern": rf"^\s*{PHONE_PATTERN}\s*$"}, {"type": "integer", "minimum": 0}]}
    ),
]

__all__ = ["MIN_DIGITS", "PHONE_PATTERN", "Phone", "parse_phone", "tel_link"]
