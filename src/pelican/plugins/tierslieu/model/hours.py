"""The closing time of a day's opening hours: ``HH:MM``, or ``24:00`` for midnight at the end of the day.

``24:00`` is ISO 8601's notation for the end of a day: a venue
open until midnight closes at 24:00 of that day, not at 00:00, which
comes before any opening time. Python's ``time`` has no 24:00: it is read
as END_OF_DAY (``time.max``), which sorts after every other time of the
day, and written back by ``clock_text``.
"""

from __future__ import annotations

from datetime import time
from typing import Annotated

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .fields import parse_clock

END_OF_DAY = time.max
"""The closing time ``24:00``: after every time of the day."""
MIDNIGHT_TEXT = "24:00"


def parse_closing(value) -> time:
    """Parse a closing time: ``HH:MM`` as parse_clock, or ``24:00`` (END_OF_DAY); PydanticCustomError otherwise.

    A wrong value's message names 24:00 too, besides parse_clock's format.
    """
    if isinstance(value, str) and value.strip() == MIDNIGHT_TEXT:
        return END_OF_DAY
    try:
        return parse_clock(value)
    except PydanticCustomError as error:
        if error.type != "time_expected":
            raise
        raise PydanticCustomError(
            "time_expected",
            "heure attendue au format HH:MM (24:00 pour minuit), reçu « {value} »",
            error.context,
        ) from None


def clock_text(value: time) -> str:
    """Write a time as the data files do: ``HH:MM``, ``24:00`` for END_OF_DAY."""
    return MIDNIGHT_TEXT if value == END_OF_DAY else value.strftime("%H:%M")


ClosingClock = Annotated[
    time,
    BeforeValidator(parse_closing),
    WithJsonSchema({"type": "string", "pattern": r"^(([01]?\d|2[0-3]):[0-5]\d|24:00)$"}),
]
