"""Prices in euros as an editor types them: 15, 12.5, « 12,50 € »; cents at most."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError
from unidecode import unidecode

from .fields import parse_text

PRICE_PATTERN = r"\s*\d+(?:[.,]\d{1,2}0*)?\s*€?\s*"
"""A price the loader accepts: euros and at most two decimals (cents; trailing zeros aside)."""
_EXPECTED = "prix attendu (un nombre, par exemple 15 ou 12.50), reçu « {value} »"


def parse_price(value) -> Decimal:
    """Parse a price in euros: 15, 12.5 or 12,50; more than two decimals (10.005) is refused, as no page shows it.

    Raises ``PydanticCustomError`` with a French message (the rounded price to write, for too many decimals).
    """
    text = parse_text(value)
    if re.fullmatch(r"\s*\d+[.,]\d+\s*€?\s*", text) and not re.fullmatch(PRICE_PATTERN, text):
        cents = Decimal(text.replace(",", ".").replace("€", "").strip()).quantize(Decimal("0.01"), ROUND_HALF_UP)
        raise PydanticCustomError(
            "price_cents",
            "prix « {value} » : au plus deux décimales (les centimes), par exemple « {cents} »",
            {"value": text, "cents": str(cents)},
        )
    if not re.fullmatch(PRICE_PATTERN, text):
        raise PydanticCustomError("price", _EXPECTED, {"value": text})
    text = text.replace(",", ".").replace("€", "").strip()
    try:
        price = Decimal(text)
    except InvalidOperation:
        raise PydanticCustomError("price", _EXPECTED, {"value": text}) from None
    if not price.is_finite() or price < 0:
        raise PydanticCustomError("price", "prix attendu (un nombre positif), reçu « {value} »", {"value": text})
    return price


_AMOUNT = re.compile(r"(?:€|\bEUR|\beuros?\b)\s*(\d+(?:[.,]\d+)?)|(\d+(?:[.,]\d+)?)\s*(?:€|EUR\b|euros?\b)", re.I)


def paid_amount(text: str) -> str | None:
    """Return the first amount above zero that a price text names (« 25 € », « 5 euros », « EUR 8 »), or None.

    « Gratuit », « Entrée libre », « 0 € » name none. Used (by ``says_free``) to refuse ``free: true`` beside a price that
    is not free (schema.org Offer: price 0 must be what the page says too, model/events.py).
    """
    for match in _AMOUNT.finditer(text):
        number = match.group(1) or match.group(2)
        if Decimal(number.replace(",", ".")) > 0:
            return match.group().strip()
    return None


_FREE = re.compile(
    r"\bgratuit(?:e|s|es)?\b|\b(?:entree|acces)\s+libre\b|\blibre\s+acces\b"
    r"|(?<![\d.,])0+(?:[.,]0+)?\s*(?:€|eur\b|euros?\b)|^\s*0+(?:[.,]0+)?\s*$"
)
_NOT_FREE = re.compile(r"\bpayant|\b(?:non|pas)[\s-]+gratuit")


def says_free(text: str) -> bool:
    """Tell whether a price text says the entry is free: « Gratuit », « Entrée libre », « Accès libre », « 0 € ».

    A text that names an amount above zero (``paid_amount``), says
    « payant » or « non gratuit », or says nothing of the price being nil
    (« Prix libre », « Participation libre », « sur place », « ∞ € ») does
    not: schema.org's Offer ``price`` 0 (https://schema.org/price, what
    ``free: true`` gives, structured.py) must be what the page says too.
    Accents and capitals aside (Unidecode).
    """
    plain = unidecode(text).lower()
    return not paid_amount(text) and not _NOT_FREE.search(plain) and bool(_FREE.search(plain))


Price = Annotated[
    Decimal,
    BeforeValidator(parse_price),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": f"^{PRICE_PATTERN}$"}]}),
]

__all__ = ["PRICE_PATTERN", "Price", "paid_amount", "parse_price", "says_free"]
