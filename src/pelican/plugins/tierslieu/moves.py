"""What a series' ``moved:`` line may not say, in French: a value of another kind than 'start', the date itself."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

MOVED_NOWHERE = "'moved' : la date du {day} n'est pas déplacée : la nouvelle date est la même ; retirez la ligne"
"""A ``moved:`` line whose new date (and time) is the original one: calendars would say « déplacé » for nothing."""


def moved_nowhere(original: date | datetime, target: date | datetime, zone: tzinfo) -> bool:
    """Tell whether a series date ``original`` (naive: the rule's time in ``zone``) is « moved » to itself.

    ``target`` is the ``moved:`` value, of the kind of 'start': a naive
    time is read in ``zone`` (the event's), an aware one is the instant it says.
    """
    if isinstance(original, datetime) and isinstance(target, datetime):
        if target.tzinfo is None:
            return original == target
        return original.replace(tzinfo=zone) == target
    day = original.date() if isinstance(original, datetime) else original
    return not isinstance(target, datetime) and day == target


def moved_kind(start: date | datetime, day: date, target_day: date) -> str:
    """Say that a 'moved' value must be of the kind of 'start' (a date, or a date and time), with the line to write.

    RFC 5545 section 3.8.4.4: a RECURRENCE-ID and its DTSTART have the value type of the series' DTSTART.
    """
    if isinstance(start, datetime):
        kind, example = (
            "une date et une heure, comme 'start'",
            f"{day.isoformat()}: {target_day.isoformat()} {start:%H:%M}",
        )
    else:
        kind, example = (
            "une date sans heure, comme 'start' (série sur des journées entières)",
            (f"{day.isoformat()}: {target_day.isoformat()}"),
        )
    return f"'moved' : la nouvelle date du {day.isoformat()} doit être {kind} : écrivez par exemple « {example} »"
