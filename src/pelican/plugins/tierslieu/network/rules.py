"""Tell whether a VEVENT's RRULE has a part out of the ranges of RFC 5545 section 3.3.10 (network/screening.py)."""

from __future__ import annotations

import re

RANGES = {
    "BYSECOND": (0, 60, False),
    "BYMINUTE": (0, 59, False),
    "BYHOUR": (0, 23, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYMONTH": (1, 12, False),
    "BYSETPOS": (1, 366, True),
}
"""Each BY part's lowest and highest value, and whether it may be negative (counted from the end), RFC 5545 section 3.3.10."""
_WEEKDAY = re.compile(r"([+-]?)([0-9]{1,2})?(SU|MO|TU|WE|TH|FR|SA)")
"""A BYDAY value: a weekday, with an ordinal of 1 to 53 (or -1 to -53) before it or not."""


def rule_fault(rule) -> str:
    """Return « RRULE illisible (INTERVAL) », « RRULE illisible (BYMONTH) »… for a part out of its range, or ''.

    ``rule`` is icalendar's vRecur (or None). RFC 5545 section 3.3.10:
    INTERVAL is a positive integer (dateutil loops for ever on INTERVAL=0
    and refuses a negative one); BYMONTH is 1 to 12, BYMONTHDAY ±1 to ±31,
    BYHOUR 0 to 23, BYMINUTE 0 to 59, BYSECOND 0 to 60, BYYEARDAY ±1 to
    ±366, BYWEEKNO ±1 to ±53, BYSETPOS ±1 to ±366, BYDAY a weekday with an
    ordinal of ±1 to ±53 or none (dateutil shows only DTSTART, unsaid, for
    BYMONTH=0). The VEVENT is then left out alone, its feed is read.
    """
    if rule is None:
        return ""
    try:
        intervals = rule.get("INTERVAL")
        if intervals and not all(int(value) >= 1 for value in intervals):
            return "RRULE illisible (INTERVAL)"
        for part, (low, high, signed) in RANGES.items():
            if not all(_within(value, low, high, signed) for value in rule.get(part) or []):
                return f"RRULE illisible ({part})"
        if not all(_weekday(value) for value in rule.get("BYDAY") or []):
            return "RRULE illisible (BYDAY)"
    except (AttributeError, TypeError, ValueError):
        return "RRULE illisible"
    return ""


def _within(value, low: int, high: int, signed: bool) -> bool:
    number = int(str(value))
    return low <= abs(number) <= high if signed and number < 0 else low <= number <= high


def _weekday(value) -> bool:
    match = _WEEKDAY.fullmatch(str(value).strip().upper())
    return bool(match) and (match.group(2) is None or 1 <= int(match.group(2)) <= 53)  # noqa: PLR2004
