"""The feed gate: a calendar that breaks RFC 5545 is never written.

Checked on the bytes, as a client receives them, in one pass (thousands of
events must not cost a second): CRLF line ends, lines of at most 75
octets with no multi-byte character split, one property per line (an
unescaped newline would start a new one), a VTIMEZONE for every TZID,
DTEND after DTSTART, and one VEVENT per UID and RECURRENCE-ID. Values are
read with icalendar's own types.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from icalendar import vDDDTypes

# NAME *(;PARAM=VALUE *(,VALUE)) ":" — a quoted parameter value may hold ":" and ";".
_CONTENT_LINE = re.compile(rb'^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):')
_TZID = re.compile(rb';TZID=("[^"]*"|[^";:,]*)')


MAX_OCTETS = 75  # RFC 5545, section 3.1


class FeedError(ValueError):
    """A calendar feed that would break subscribers' calendars."""


def check_calendar(data: bytes, name: str) -> None:
    """Raise FeedError with every problem of a calendar file."""
    FeedGate().check_parts(data, [], b"", name)


class FeedGate:
    """Check calendar files made of shared parts, reading each part once."""

    def __init__(self):
        self._parts: dict[int, _Part] = {}

    def check_parts(self, head: bytes, parts: list[bytes], end: bytes, name: str) -> None:
        """Check the file ``head + parts + end``; raise FeedError on any problem."""
        pieces = [self._part(head), *(self._part(part) for part in parts), self._part(end)]
        problems = [problem for piece in pieces for problem in piece.problems]
        if not end.endswith(b"\r\n") and not head.endswith(b"\r\n"):
            problems.append("le fichier ne finit pas par CRLF")
        zones = set().union(*(piece.zones for piece in pieces))
        used = set().union(*(piece.tzids for piece in pieces))
        problems += [f"TZID {tzid} sans VTIMEZONE" for tzid in sorted(used - zones)]
        keys = [key for piece in pieces for key in piece.keys]
        problems += [f"UID manquant ou en double : {uid}" for uid, _ in _duplicates(keys)]
        if problems:
            raise FeedError(f"{name} refusé : " + " ; ".join(problems[:10]))

    def _part(self, data: bytes) -> _Part:
        # Parts are the same bytes objects from file to file: their identity is their key.
        found = self._parts.get(id(data))
        if found is None or found.data is not data:
            found = self._parts[id(data)] = _Part(data)
        return found


class _Part:
    """What the gate learnt of one piece of a calendar file."""

    def __init__(self, data: bytes):
        self.data = data
        self.problems, properties = _check_lines(data)
        self.zones = {value.decode() for name, _, value in properties if name == b"TZID"}
        self.tzids = {tzid.decode().strip('"') for _, params, _ in properties for tzid in _TZID.findall(params)}
        self.keys: list[tuple[str, str]] = []
        event: dict[bytes, tuple[bytes, bytes]] = {}
        inside = False
        for name, params, value in properties:
            if name == b"BEGIN" and value == b"VEVENT":
                event, inside = {}, True
            elif name == b"END" and value == b"VEVENT":
                self._event(event)
                inside = False
            elif inside and name not in (b"BEGIN", b"END"):
                event.setdefault(name, (params, value))

    def _event(self, event: dict) -> None:
        uid = event.get(b"UID", (b"", b""))[1].decode()
        self.keys.append((uid, event.get(b"RECURRENCE-ID", (b"", b""))[1].decode()))
        if not uid:
            self.problems.append("UID manquant")
        if b"DTSTART" not in event:
            self.problems.append(f"{uid} : DTSTART manquant")
        elif b"DTEND" in event and not _instant(*event[b"DTEND"]) > _instant(*event[b"DTSTART"]):
            self.problems.append(f"{uid} : DTEND n'est pas après DTSTART")


def _duplicates(keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    twice = []
    for key in keys:
        if key in seen:
            twice.append(key)
        seen.add(key)
    return twice


def _check_lines(data: bytes) -> tuple[list[str], list[tuple[bytes, bytes, bytes]]]:
    """Check the physical lines; return problems and the unfolded (name, params, value).

    A part with no problem (nearly all of them) is checked as a whole, by C
    code: CRLF only, UTF-8 throughout (a character split by a fold would
    not decode: CR and LF never occur inside a multi-byte character), no
    line over 75 octets; its lines are then only unfolded and matched. A
    part where anything fails is read again line by line, so that each
    problem names its line.
    """
    if not (data.endswith(b"\r\n") and data.count(b"\n") == data.count(b"\r") == data.count(b"\r\n")):
        return _check_each_line(data)
    physical = data.split(b"\r\n")
    if max(map(len, physical)) > MAX_OCTETS or not _decodes(data):
        return _check_each_line(data)
    lines: list[list] = []  # [unfolded line, its match while it has no continuation]
    for line in physical[:-1]:
        if line[:1] in (b" ", b"\t") and lines:
            lines[-1][0] += line[1:]
            lines[-1][1] = None
        else:
            match = _CONTENT_LINE.match(line)
            if match is None:
                return _check_each_line(data)
            lines.append([line, match])
    properties = []
    for line, match in lines:
        found = match or _CONTENT_LINE.match(line)
        properties.append((found.group(1).upper(), found.group(2), line[found.end() :]))
    return [], properties


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _check_each_line(data: bytes) -> tuple[list[str], list[tuple[bytes, bytes, bytes]]]:
    """``_check_lines``, one physical line at a time: every problem with its line number."""
    problems: list[str] = []
    if data and not data.endswith(b"\r\n"):
        problems.append("le fichier ne finit pas par CRLF")
    unfolded: list[bytes] = []
    for number, line in enumerate(data.split(b"\r\n")[:-1], start=1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"ligne {number} : fin de ligne sans CRLF")
        if len(line) > MAX_OCTETS:
            problems.append(f"ligne {number} : {len(line)} octets ({MAX_OCTETS} au plus)")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"ligne {number} : caractère coupé par le pliage")
        if line[:1] in (b" ", b"\t") and unfolded:
            unfolded[-1] += line[1:]
        elif _CONTENT_LINE.match(line):
            unfolded.append(line)
        else:
            problems.append(f"ligne {number} : propriété illisible")
    properties = []
    for line in unfolded:
        match = _CONTENT_LINE.match(line)
        properties.append((match.group(1).upper(), match.group(2), line[match.end() :]))
    return problems, properties


def _instant(params: bytes, value: bytes) -> datetime:
    """Read a DATE or DATE-TIME with icalendar, as a comparable instant."""
    tzid = _TZID.search(params)
    parsed = vDDDTypes.from_ical(value.decode(), timezone=tzid.group(1).decode().strip('"') if tzid else None)
    if isinstance(parsed, datetime):
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=ZoneInfo("UTC"))
        return parsed
    if isinstance(parsed, date):
        return datetime(parsed.year, parsed.month, parsed.day, tzinfo=ZoneInfo("UTC"))
    raise FeedError(f"valeur de date illisible : {value.decode()}")
