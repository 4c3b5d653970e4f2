"""Dates and times in French, with Babel (never the system locale)."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, tzinfo
from decimal import Decimal

from babel.dates import format_date as babel_date
from babel.numbers import format_currency, format_decimal

from .model.hours import END_OF_DAY
from .model.weekdays import Weekday
from .recurrence import Occurrence

LOCALE = "fr_FR"


def _day(value: date | datetime) -> date:
    # The caches are keyed on the local day, never on an aware date-time:
    # two aware date-times of the same instant in two zones are equal (and
    # hash alike) though their local days differ.
    return value.date() if isinstance(value, datetime) else value


def long_date(value: date | datetime) -> str:
    """Format a date as « mercredi 4 juin 2025 » (« 1er » for the first of the month); a date-time by its local day."""
    return _long_date(_day(value))


@functools.lru_cache(maxsize=4096)
def _long_date(day: date) -> str:
    return f"{babel_date(day, 'EEEE', locale=LOCALE)} {short_date(day)}"


def short_date(value: date | datetime) -> str:
    """Format a date as « 4 juin 2025 », « 1er juin 2025 »; a date-time by its local day."""
    return _short_date(_day(value))


@functools.lru_cache(maxsize=4096)
def _short_date(day: date) -> str:
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {babel_date(day, 'MMMM y', locale=LOCALE)}"


def month_year(value: date | datetime) -> str:
    """Format a month as « juin 2025 »; a date-time by its local day."""
    return _month_year(_day(value))


@functools.lru_cache(maxsize=512)
def _month_year(day: date) -> str:
    return babel_date(day, "LLLL y", locale=LOCALE)


# The letters that make « de » elide to « d' » before a month name (avril,
# août, octobre): French elides before a vowel sound, and no month begins
# with an aspirated h.
_VOWELS = frozenset("aàâeéèêëiîïoôuùûüyœæ")


def of(text: str) -> str:
    """Put « de » before a French word or phrase, elided before a vowel: « de juin », « d'août »."""
    return f"d'{text}" if text[:1].lower() in _VOWELS else f"de {text}"


def of_month(value: date | datetime) -> str:
    """Format « de » and a month: « de décembre 2026 », « d'avril 2027 », « d'août 2027 »."""
    return of(month_year(value))


def seconds(value: float, digits: int = 1) -> str:
    """Format a duration in seconds the French way, with a decimal comma: « 8,2 », « 1,55 » (Babel's fr_FR)."""
    return format_decimal(value, format="0." + "0" * digits, locale=LOCALE)


def clock(value: time | datetime) -> str:
    """Format a time of day the French way: « 9 h », « 18 h 30 »; a closing time of 24:00 (END_OF_DAY) « 24 h »."""
    # No-break spaces: "18 h 30" never splits across two lines.
    if value == END_OF_DAY:
        return "24\u00a0h"
    if value.minute:
        return f"{value.hour}\u00a0h\u00a0{value.minute:02d}"
    return f"{value.hour}\u00a0h"


@functools.lru_cache(maxsize=8192)
def format_occurrence(occurrence: Occurrence, zone: tzinfo) -> str:
    """Say when an occurrence takes place, in the site's time zone, in French.

    A time whose end is its start (a partner's event without end, or with
    an end before its start) is said alone: « jeudi 10 décembre 2026, 19 h ».
    """
    if occurrence.all_day:
        last = occurrence.last_day
        if last == occurrence.start:
            return long_date(occurrence.start)
        return f"du {long_date(occurrence.start)} au {long_date(last)}"
    start = occurrence.start.astimezone(zone)
    end = occurrence.end.astimezone(zone)
    if end == start:  # a partner's event without end (ours always last): its start alone
        return f"{long_date(start)}, {clock(start)}"
    if start.date() == end.date():
        return f"{long_date(start)}, {clock(start)} – {clock(end)}"
    return f"du {long_date(start)}, {clock(start)}, au {long_date(end)}, {clock(end)}"


def format_local(occurrence: Occurrence) -> str:
    """Say when an occurrence takes place in its own time zone (for events abroad), by its local days.

    « mercredi 3 février 2027, 20 h – 21 h (heure locale, Pacific/Pago_Pago) »;
    an ``Etc/GMT±N`` zone is named by its offset, « UTC−12 » for
    Etc/GMT+12 (IANA tz database, file etcetera: POSIX signs are inverted).
    Empty for an all-day occurrence.
    """
    if occurrence.all_day:
        return ""
    start, end = occurrence.start, occurrence.end
    name = zone_name(start)
    if end.date() == start.date():
        return f"{long_date(start)}, {clock(start)} – {clock(end)} (heure locale, {name})"
    return f"du {long_date(start)}, {clock(start)}, au {long_date(end)}, {clock(end)} (heure locale, {name})"


def zone_name(moment: datetime) -> str:
    """Name the time zone of an aware ``moment``: its IANA key, « UTC−12 » for Etc/GMT+12 (see format_local)."""
    key = getattr(moment.tzinfo, "key", None)
    if key and key.startswith("Etc/"):
        minutes = int(moment.utcoffset().total_seconds()) // 60
        if not minutes:
            return "UTC"
        sign = "+" if minutes > 0 else "\u2212"
        hours, rest = divmod(abs(minutes), 60)
        return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
    return key or moment.tzname() or ""


def price(value: Decimal) -> str:
    """Format a price in euros, French style: « 15 € », « 12,50 € »."""
    text = format_currency(value, "EUR", locale=LOCALE)
    return text.replace(",00\u00a0€", "\u00a0€")


def days_label(days: list[Weekday]) -> str:
    """Say which days a line of opening hours covers: « du lundi au vendredi »."""
    ordered = sorted(set(days), key=lambda day: day.index)
    indexes = [day.index for day in ordered]
    contiguous = indexes == list(range(indexes[0], indexes[0] + len(indexes)))
    if len(ordered) > len(("first", "last")) and contiguous:
        return f"du {ordered[0].french} au {ordered[-1].french}"
    labels = [day.french for day in ordered]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " et " + labels[-1]


def iso(value: date | datetime) -> str:
    """Return ISO 8601 (with its UTC offset for date-times), for machines."""
    return value.isoformat()


def weekday_name(value: date) -> str:
    """Return the French name of a weekday: « mardi »."""
    return Weekday.of(value).french


def capfirst(text: str) -> str:
    """Return ``text`` with its first character upper-cased and the rest as written.

    Not ``str.capitalize`` (nor Jinja's ``capitalize`` filter), which
    lower-cases the rest: « (heure locale, pacific/auckland) ».
    """
    return text[:1].upper() + text[1:]


FILTERS = {
    "capfirst": capfirst,
    "weekday": weekday_name,
    "date_long": long_date,
    "date_short": short_date,
    "month_year": month_year,
    "of_month": of_month,
    "clock": clock,
    "price_eur": price,
    "days_label": days_label,
    "iso": iso,
    "zone_name": zone_name,
}


def add_months(day: date, months: int) -> date:
    """Return the same day ``months`` later (the last day of a shorter month)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


@functools.lru_cache(maxsize=4096)  # pure; the preview checks every text again at each save
def missing_time(value: date | datetime, zone: tzinfo) -> datetime | None:
    """Return the first time that exists after a local time skipped by a clock change, or None.

    A local time in the hour the clocks skip (02:30 on the last Sunday of
    March in Europe/Paris) names no instant: it is detected by a round trip
    through UTC. An ambiguous time (the repeated autumn hour) exists: it is
    taken as its first occurrence (``fold=0``) everywhere.
    """
    if not isinstance(value, datetime) or value.tzinfo is not None:
        return None
    back = value.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    return back if back != value else None


def missing_time_message(name: str, value: datetime, after: datetime, zone: tzinfo) -> str:
    """Return the French message for ``value`` of key ``name``, a local time ``zone`` skips (see missing_time)."""
    return (
        f"'{name}' : {value:%Y-%m-%d %H:%M} n'existe pas en {getattr(zone, 'key', zone)} "
        f"(les horloges avancent d'une heure cette nuit-là) : écrivez par exemple {after:%Y-%m-%d %H:%M}"
    )
