"""The days of the week, in every form the site reads or writes.

One ``Weekday`` member per day knows its editors' code (``mo`` as written
in YAML, after RFC 5545's two-letter codes), its iCalendar code (``MO``,
RFC 5545 section 3.3.10, "weekday"), dateutil's weekday, the schema.org
``DayOfWeek`` (https://schema.org/DayOfWeek), its French name and Python's
``date.weekday()`` index (Monday is 0). ``ByDay`` is a day of a series,
ranked or not (``1tu``: the first Tuesday; ``-1fr``: the last Friday).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from dateutil import rrule

SCHEMA_ORG = "https://schema.org/"


class Weekday(Enum):
    """A day of the week; its value is the editors' code (``mo`` … ``su``)."""

    mo = "mo"
    tu = "tu"
    we = "we"
    th = "th"
    fr = "fr"
    sa = "sa"
    su = "su"

    @property
    def code(self) -> str:
        """Return the editors' code, as written in YAML: ``mo``."""
        return self.value

    @property
    def index(self) -> int:
        """Return Python's ``date.weekday()`` index: 0 for Monday … 6 for Sunday."""
        return _ORDER.index(self)

    @property
    def ical(self) -> str:
        """Return the iCalendar code of RRULE's BYDAY (RFC 5545): ``MO``."""
        return self.value.upper()

    @property
    def rrule(self) -> rrule.weekday:
        """Return dateutil's weekday (``rrule.MO``), which takes a rank: ``rrule.MO(1)``."""
        return rrule.weekdays[self.index]

    @property
    def schema_name(self) -> str:
        """Return the schema.org day name, as in openingHoursSpecification: ``Monday``."""
        return _SCHEMA_NAMES[self.index]

    @property
    def schema_url(self) -> str:
        """Return the schema.org day as a URL: ``https://schema.org/Monday``."""
        return SCHEMA_ORG + self.schema_name

    @property
    def french(self) -> str:
        """Return the French name, lowercase as French writes it: ``lundi``."""
        return _FRENCH_NAMES[self.index]

    @classmethod
    def of(cls, day: date) -> Weekday:
        """Return the day of the week of a date."""
        return _ORDER[day.weekday()]

    @classmethod
    def from_index(cls, index: int) -> Weekday:
        """Return the day of Python's index (0 for Monday); IndexError outside 0–6."""
        if not 0 <= index < len(_ORDER):
            raise IndexError(index)
        return _ORDER[index]

    @classmethod
    def from_ical(cls, code: str) -> Weekday:
        """Return the day of an iCalendar code (``MO``); ValueError if unknown."""
        if code != code.upper():
            raise ValueError(code)
        return cls(code.lower())

    @classmethod
    def from_rrule(cls, day: rrule.weekday) -> Weekday:
        """Return the day of a dateutil weekday, whatever its rank."""
        return _ORDER[day.weekday]

    @classmethod
    def from_schema(cls, name: str) -> Weekday:
        """Return the day of a schema.org name or URL (``Monday``); ValueError if unknown."""
        short = name.removeprefix(SCHEMA_ORG)
        if short not in _SCHEMA_NAMES:
            raise ValueError(name)
        return _ORDER[_SCHEMA_NAMES.index(short)]

    @classmethod
    def from_french(cls, name: str) -> Weekday:
        """Return the day of a French name (``lundi``, any case); ValueError if unknown."""
        if name.lower() not in _FRENCH_NAMES:
            raise ValueError(name)
        return _ORDER[_FRENCH_NAMES.index(name.lower())]


_ORDER: tuple[Weekday, ...] = tuple(Weekday)
_SCHEMA_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FRENCH_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
CODES: tuple[str, ...] = tuple(day.code for day in Weekday)
"""The editors' codes in week order: mo, tu, we, th, fr, sa, su."""
BYDAY_PATTERN = rf"^([+-]?[1-5])?({'|'.join(CODES)})$"
"""A day of a series as editors write it: ``tu``, ``1tu``, ``-1fr`` (RFC 5545 ranks up to 5)."""


@dataclass(frozen=True)
class ByDay:
    """A day of a series: a weekday, with a rank in a month or year (``1tu``, ``-1fr``) or none."""

    weekday: Weekday
    rank: int | None = None

    @classmethod
    def parse(cls, code: str) -> ByDay:
        """Read the editors' form (``tu``, ``1tu``, ``+2we``, ``-1fr``); ValueError if malformed."""
        match = re.match(BYDAY_PATTERN, code)
        if not match:
            raise ValueError(code)
        rank, day = match.groups()
        return cls(Weekday(day), int(rank) if rank else None)

    @property
    def code(self) -> str:
        """Return the editors' form: ``1tu``."""
        return f"{self.rank if self.rank is not None else ''}{self.weekday.code}"

    @property
    def ical(self) -> str:
        """Return the BYDAY value of RFC 5545: ``1TU``, ``-1FR``, ``TU``."""
        return f"{self.rank if self.rank is not None else ''}{self.weekday.ical}"

    @property
    def rrule(self) -> rrule.weekday:
        """Return dateutil's weekday, ranked when the day is: ``rrule.TU(1)``."""
        day = self.weekday.rrule
        return day(self.rank) if self.rank is not None else day

    def __str__(self) -> str:
        return self.code
