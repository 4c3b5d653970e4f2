"""The feed gate: a calendar that breaks RFC 5545 is never written.

Checked on the bytes, as a client receives them: CRLF line ends, lines of
at most 75 octets with no multi-byte character split, one property per
line (an unescaped newline would start a new one), a VTIMEZONE for every
TZID, DTEND after DTSTART, and one VEVENT per UID and RECURRENCE-ID.
"""

from __future__ import annotations

import re

from icalendar import Calendar

_CONTENT_LINE = re.compile(rb"^[A-Za-z0-9-]+(;[A-Za-z0-9-]+=(\"[^\"]*\"|[^\";:,]*)(,(\"[^\"]*\"|[^\";:,]*))*)*:")


class FeedError(ValueError):
    """A calendar feed that would break subscribers' calendars."""


def check_calendar(data: bytes, name: str) -> None:
    """Raise FeedError with every problem of a calendar file."""
    problems = _check_lines(data)
    if not problems:
        problems = _check_components(Calendar.from_ical(data))
    if problems:
        raise FeedError(f"{name} refusé : " + " ; ".join(problems[:10]))


def _check_lines(data: bytes) -> list[str]:
    problems = []
    if not data.endswith(b"\r\n"):
        problems.append("le fichier ne finit pas par CRLF")
    lines = data.split(b"\r\n")[:-1]
    for number, line in enumerate(lines, start=1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"ligne {number} : fin de ligne sans CRLF")
        if len(line) > 75:
            problems.append(f"ligne {number} : {len(line)} octets (75 au plus)")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"ligne {number} : caractère coupé par le pliage")
        if not line.startswith((b" ", b"\t")) and not _CONTENT_LINE.match(line):
            problems.append(f"ligne {number} : propriété illisible")
    return problems


def _check_components(calendar: Calendar) -> list[str]:
    problems = []
    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    seen: set[tuple[str, str]] = set()
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", ""))
        recurrence = event.get("RECURRENCE-ID")
        key = (uid, recurrence.to_ical().decode() if recurrence else "")
        if not uid or key in seen:
            problems.append(f"UID manquant ou en double : {uid}")
        seen.add(key)
        for name in ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE"):
            for prop in event.get(name) if isinstance(event.get(name), list) else [event.get(name)]:
                tzid = prop.params.get("TZID") if prop is not None else None
                if tzid and tzid not in zones:
                    problems.append(f"{uid} : TZID {tzid} sans VTIMEZONE")
        if "DTSTART" not in event or "DTEND" in event and not event["DTEND"].dt > event["DTSTART"].dt:
            problems.append(f"{uid} : DTEND n'est pas après DTSTART")
    return problems
