"""Field types of the data model: values as an editor types them in YAML.

Every parser here takes the text that was typed and raises a
``PydanticCustomError`` whose message is French, for the editor.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from functools import cache
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .texts import LINE_TAIL, hidden_character, hidden_in_address, invisible_only, plainly_shown
from .weekdays import BYDAY_PATTERN, CODES, ByDay, Weekday

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
EMAIL_PATTERN = r"""[^@\s<>"']+@[^@\s<>"']+\.[^@\s<>"']+"""
SLUG_PATTERN = r"[a-z0-9]+(?:[-_][a-z0-9]+)*"


def _fail(kind: str, message: str, **context) -> PydanticCustomError:
    return PydanticCustomError(kind, message, context or None)


def _text(value) -> str:
    if value is None:
        raise _fail("empty", "valeur vide : écrivez une valeur après les deux-points")
    if isinstance(value, (dict, list)):
        raise _fail("text_expected", "une valeur simple est attendue, pas une liste ni un bloc")
    text = str(value)
    return (text if text.isascii() else unicodedata.normalize("NFC", text)).strip()  # one « été » (yamlfile._scalar)


FIRST_YEAR, LAST_YEAR = 1900, 2200
"""Years a date may have: wide enough for any venue's history and plans, and far
from Python's year 9999, which a series, an end date or a time zone shift would
overflow (date arithmetic raises OverflowError near it)."""


def _make_date(text: str, year: str, month: str, day: str) -> date:
    try:
        result = date(int(year), int(month), int(day))
    except ValueError:
        raise _fail("impossible_date", "date impossible « {value} »", value=text) from None
    if not FIRST_YEAR <= result.year <= LAST_YEAR:
        raise _fail(
            "date_range",
            "date « {value} » hors limites : l'année doit être entre {first} et {last}",
            value=text,
            first=FIRST_YEAR,
            last=LAST_YEAR,
        )
    return result


def parse_date(value) -> date:
    """Parse ``AAAA-MM-JJ`` into a date."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    text = _text(value)
    match = _DATE.match(text)
    if not match:
        raise _fail("date_expected", "date attendue au format AAAA-MM-JJ, reçu « {value} »", value=text)
    return _make_date(text, *match.groups())


def parse_when(value) -> date | datetime:
    """Parse a date (all-day) or a date-time, local or with an explicit offset."""
    if isinstance(value, (date, datetime)):
        return value
    text = _text(value)
    if _DATE.match(text):
        return parse_date(text)
    match = _DATETIME.match(text)
    if not match:
        raise _fail(
            "when_expected",
            "date (AAAA-MM-JJ) ou date et heure (AAAA-MM-JJ HH:MM) attendue, reçu « {value} »",
            value=text,
        )
    year, month, day, hour, minute, second, offset = match.groups()
    if second not in (None, "00"):  # pages show minutes: other seconds would reach the feeds only (SPEC section 2)
        raise _fail(
            "time_seconds",
            "heure avec des secondes « {value} » : écrivez l'heure en heures et minutes (HH:MM), par exemple « {short} »",
            value=text,
            short=f"{year}-{month}-{day} {hour}:{minute}{offset or ''}",
        )
    day_value = _make_date(text, year, month, day)
    try:
        moment = time(int(hour), int(minute))
    except ValueError:
        raise _fail("impossible_time", "heure impossible « {value} »", value=text) from None
    result = datetime.combine(day_value, moment)
    if offset:
        iso = result.isoformat() + ("+00:00" if offset == "Z" else offset)
        try:
            result = datetime.fromisoformat(iso)
        except ValueError:
            raise _fail("bad_offset", "décalage horaire illisible « {value} »", value=text) from None
    return result


def parse_clock(value) -> time:
    """Parse an hour of the day, ``HH:MM``."""
    if isinstance(value, time):
        return value
    text = _text(value)
    match = _TIME.match(text)
    if match:
        try:
            return time(int(match.group(1)), int(match.group(2)))
        except ValueError:
            pass
    raise _fail("time_expected", "heure attendue au format HH:MM, reçu « {value} »", value=text)


def parse_email(value) -> str:
    """Accept one plausible e-mail address, without a character shown as nothing (``texts.hidden_in_address``)."""
    text = _text(value)
    if hidden := hidden_in_address(text):
        raise _fail("hidden_character", hidden)
    if not re.fullmatch(EMAIL_PATTERN, text):
        raise _fail("email", "adresse e-mail invalide « {value} »", value=text)
    return text


# Files of the system's zone folder that are no place: the build machine's own zone, tzdata's placeholder.
_NOT_PLACES = {"localtime", "Factory", "posixrules"}


@cache
def _zone_names() -> frozenset[str]:
    """Return the IANA zone names a file may give (zoneinfo.available_timezones, without _NOT_PLACES)."""
    names = available_timezones() - _NOT_PLACES
    return frozenset(name for name in names if not name.startswith(("posix/", "right/")))


def parse_timezone(value) -> str:
    """Accept an IANA time zone name such as Europe/Paris."""
    text = _text(value)
    if text in _zone_names():
        try:
            ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            pass
        else:
            return text
    raise _fail(
        "timezone",
        "fuseau horaire inconnu « {value} » (exemple : Europe/Paris)",
        value=text,
    )


def parse_byday(value) -> ByDay:
    """Accept a weekday code (mo … su), optionally with a rank such as 1tu or -1fr."""
    if isinstance(value, ByDay):
        return value
    text = _text(value)
    try:
        return ByDay.parse(text)
    except ValueError:
        raise _fail(
            "byday",
            "jour « {value} » inconnu : mo, tu, we, th, fr, sa, su (1tu = 1er mardi, -1fr = dernier vendredi)",
            value=text,
        ) from None


def parse_weekday(value) -> Weekday:
    """Accept a weekday code: mo, tu, we, th, fr, sa, su."""
    if isinstance(value, Weekday):
        return value
    text = _text(value)
    try:
        return Weekday(text)
    except ValueError:
        raise _fail("weekday", "jour « {value} » inconnu : mo, tu, we, th, fr, sa ou su", value=text) from None


def parse_text(value) -> str:
    """Accept plain text (a YAML scalar)."""
    return _text(value)


def line_text(value) -> str:
    """Accept text on one line (a title, a place, a price…): a line break is refused.

    Plain-text outputs (the newsletter's text twin, calendars' one-line
    fields) would show the second line as an entry of its own (issue 11).
    Raises PydanticCustomError ``line_break``. Names check their characters
    their own way (``titles.parse_name``); other one-line texts are ``parse_line``.
    """
    text = _text(value)
    if "\n" in text:
        raise _fail("line_break", "retour à la ligne")
    return text


def shown_text(text: str) -> str:
    """Return a text shown as is (one line, or plain text that is no Markdown) if none of its characters is hidden.

    Raises PydanticCustomError ``empty`` when it shows nothing (``texts.invisible_only``: « \u200e\u200f »,
    « \u2800 »), as an empty value, and ``hidden_character`` for a character shown as nothing
    (``texts.hidden_character``, LINE_TAIL; attacker trial of hidden characters).
    """
    plain = plainly_shown(text)  # one search: nearly every text
    if text and (text.isspace() if plain else invisible_only(text)):
        raise _fail("empty", "valeur vide : écrivez une valeur après les deux-points")
    if not plain and (hidden := hidden_character(text, LINE_TAIL)):
        raise _fail("hidden_character", hidden)
    return text


def parse_line(value) -> str:
    """Accept text on one line (``line_text``) without a character shown as nothing (``shown_text``)."""
    return shown_text(line_text(value))


def parse_plain(value) -> str:
    """Accept plain text, not Markdown, shown as typed (legal ``host``): ``shown_text``, line breaks allowed."""
    return shown_text(_text(value))


def parse_slug(value) -> str:
    """Accept a slug: lowercase ASCII letters, digits and hyphens."""
    text = _text(value)
    if not re.fullmatch(SLUG_PATTERN, text):
        raise _fail(
            "slug", "nom de fichier « {value} » invalide (minuscules sans accents, chiffres et tirets)", value=text
        )
    return text


# JSON Schemas for editors' tools, which read YAML 1.2: there, `2027-01-12`,
# `18:30` and `2027-01-12 14:00` are strings, and `78760` or `true` are not.
# VS Code's YAML extension checks `format: date` by shape only (it takes
# 2027-02-30), so dates are patterns that hold the loader's calendar rules:
# years FIRST_YEAR to LAST_YEAR, days per month, 29 February in leap years only
# (Gregorian: every 4th year but 1900, 2100 and 2200; 2000 is one).
_YEAR = r"(?:19\d\d|2[01]\d\d|2200)"
_MONTH_DAY = r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
_LEAP_YEAR = r"(?:(?:19|2[01])(?:0[48]|[2468][048]|[13579][26])|2000)"
DATE_PATTERN = rf"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
"""A date the loader accepts (``parse_date``), as a regular expression without anchors."""
DATETIME_PATTERN = rf"{DATE_PATTERN}[T ](?:[01]\d|2[0-3]):[0-5]\d(?::00)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?"
"""A date and time the loader accepts (``parse_when``): hours 00–23, minutes (seconds only as ':00', as ISO 8601 exports write them), an optional UTC offset under 24 h."""
_DATE_SCHEMA = {"type": "string", "format": "date", "pattern": f"^{DATE_PATTERN}$"}
_DATETIME_SCHEMA = {"type": "string", "pattern": f"^{DATETIME_PATTERN}$"}
_SCALAR = {"type": ["string", "number", "boolean"]}
_BOOL_WORDS = ["true", "false", "yes", "no", "on", "off", "y", "n", "t", "f", "1", "0"]

LocalDate = Annotated[date, BeforeValidator(parse_date), WithJsonSchema(_DATE_SCHEMA)]
When = Annotated[
    date | datetime, BeforeValidator(parse_when), WithJsonSchema({"anyOf": [_DATE_SCHEMA, _DATETIME_SCHEMA]})
]
Clock = Annotated[
    time, BeforeValidator(parse_clock), WithJsonSchema({"type": "string", "pattern": r"^([01]?\d|2[0-3]):[0-5]\d$"})
]
Email = Annotated[
    str, BeforeValidator(parse_email), WithJsonSchema({"type": "string", "pattern": f"^{EMAIL_PATTERN}$"})
]
TimezoneName = Annotated[
    str, BeforeValidator(parse_timezone), WithJsonSchema({"type": "string", "enum": sorted(_zone_names())})
]
SeriesDay = Annotated[ByDay, BeforeValidator(parse_byday), WithJsonSchema({"type": "string", "pattern": BYDAY_PATTERN})]
WeekdayCode = Annotated[Weekday, BeforeValidator(parse_weekday), WithJsonSchema({"enum": list(CODES)})]
Text = Annotated[str, BeforeValidator(parse_text), WithJsonSchema(_SCALAR)]
Line = Annotated[str, BeforeValidator(parse_line), WithJsonSchema(_SCALAR)]
"""Text on one line without a character shown as nothing (``parse_line``)."""
Plain = Annotated[str, BeforeValidator(parse_plain), WithJsonSchema(_SCALAR)]
"""Plain text shown as typed, line breaks allowed, without a character shown as nothing (``parse_plain``)."""
Slug = Annotated[str, BeforeValidator(parse_slug), WithJsonSchema({"type": "string", "pattern": f"^{SLUG_PATTERN}$"})]
Flag = Annotated[
    bool,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "boolean"},
                {"enum": [0, 1]},
                {"type": "string", "enum": sorted({v for w in _BOOL_WORDS for v in (w, w.upper(), w.capitalize())})},
            ]
        }
    ),
]
Number = Annotated[
    float, WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}]})
]
Count = Annotated[
    int, WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": r"^[1-9]\d*$"}]})
]
