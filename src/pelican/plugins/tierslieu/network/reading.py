"""Read a network venue's iCalendar feed as it really is, trusting nothing in it.

The feed comes from another site (Gancio, Mobilizon, Google Calendar, The
Events Calendar, OpenAgenda, a site built with this kit): icalendar parses
it (RFC 5545), x-wr-timezone repairs Google's ``X-WR-TIMEZONE`` feeds,
recurring-ical-events expands series (RRULE, RDATE, EXDATE, RECURRENCE-ID)
inside a window only, in bounded time (network/series.py), once the
VEVENTs that cannot be read well are left out or mended
(network/screening.py). Every text becomes plain text of bounded length
(HTML descriptions through inscriptis), every link must be http(s); a
feed that cannot be read raises ``FeedError`` with the reason in French.
No warning of the libraries reaches the editor (they are English and
Python's): what a feed has wrong is told by the notes, in French.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import x_wr_timezone
from icalendar import Calendar

from .items import FeedError, FeedItem
from .mismatched import untied_utc, without_tzid
from .screening import TITLE_CHARS, is_public, screen, title_of
from .text import plain_text, safe_url
from .untexts import UNTITLED
from .vevents import expand_apart, marked

__all__ = ["FeedError", "FeedItem", "parse_feed", "plain_text", "read_items", "safe_url"]

TEXT_CHARS = 1000
"""Longest description kept (characters); the rest is cut with « … »."""
PLACE_CHARS = 300
UID_CHARS = 255
MAX_OCCURRENCES = 400
"""Occurrences kept per feed within the window."""
MAX_PER_SERIES = 100
"""Occurrences kept per UID: a daily series over three months fits, a runaway series does not hide the others."""
MAX_COMPONENTS = 5000
"""VEVENTs read per feed: a bigger feed is refused, as a calendar of a venue never holds that many."""


NOT_UTF8 = (
    "le flux n'est pas en UTF-8 (la règle des calendriers, RFC 5545 section 3.1.4) : il est lu comme du "
    "Windows-1252 (Latin-1) ; vérifiez ses accents sur le site, et demandez au lieu un flux en UTF-8"
)


def parse_feed(data: bytes, notes: list[str] | None = None) -> Calendar:
    """Parse the bytes of a feed into a calendar in standard form (X-WR-TIMEZONE applied); raise FeedError.

    A feed that is not UTF-8 is read as Windows-1252 (a superset of
    Latin-1 for its letters), and NOT_UTF8 is added to ``notes``. A feed
    cut inside « BEGIN:VCALENDAR » is told truncated, not foreign. A BOM
    and blank lines before it are skipped (icalendar refuses a BOM). The
    libraries' warnings are silenced (icalendar 7 warns
    GloballyUniqueTZIDGuessed on a TZID such as
    ``/mozilla.org/20050126_1/Europe/Paris``, and reads it as the zone its
    name ends with, Europe/Paris). A date (8 digits without « T ») of
    DTSTART, DTEND, RDATE, EXDATE or RECURRENCE-ID stays a date whatever
    TZID it carries (RFC 5545 section 3.3.4; _untied_dates), as ical.js reads it,
    and a time in UTC (« Z ») stays in UTC (section 3.3.5; mismatched.untied_utc).
    """
    with warnings.catch_warnings(action="ignore"):
        return _parse(data, notes)


def _parse(data: bytes, notes: list[str] | None) -> Calendar:
    head = data[:512].lstrip(_LEADING).upper()
    if head and b"BEGIN:VCALENDAR".startswith(head.rstrip()):
        # Cut inside its first line: httpx keeps only the Content-Length bytes, and drops the rest unsaid.
        raise FeedError("flux tronqué (il ne finit pas par END:VCALENDAR)")
    if not head.startswith(b"BEGIN:VCALENDAR"):
        if head.startswith((b"<!DOCTYPE", b"<HTML", b"<?XML", b"<")):
            raise FeedError("une page web (HTML ou XML), pas un calendrier iCalendar")
        raise FeedError("ce n'est pas un calendrier iCalendar (il ne commence pas par BEGIN:VCALENDAR)")
    if not data.rstrip().upper().endswith(b"END:VCALENDAR"):
        raise FeedError("flux tronqué (il ne finit pas par END:VCALENDAR)")
    try:
        calendar = Calendar.from_ical(marked(untied_utc(_untied_dates(_decoded(data.lstrip(_LEADING), notes)))))
    except Exception:  # noqa: BLE001 - untrusted input: any fault of the parser on it is an unreadable feed
        raise FeedError("calendrier illisible (ses lignes ne suivent pas la RFC 5545)") from None
    if not isinstance(calendar, Calendar) or calendar.name != "VCALENDAR":
        raise FeedError("calendrier illisible (pas de VCALENDAR)")
    if len(calendar.walk("VEVENT")) > MAX_COMPONENTS:
        raise FeedError(f"plus de {MAX_COMPONENTS} événements : ce n'est pas l'agenda d'un lieu")
    zone_name = str(calendar.get("X-WR-TIMEZONE", "") or "").strip()
    if zone_name and not _known_zone(zone_name):
        shown = plain_text(zone_name, 60, one_line=True)
        raise FeedError(f"fuseau « {shown} » inconnu (X-WR-TIMEZONE) : il faut un fuseau IANA comme Europe/Paris")
    try:
        return x_wr_timezone.to_standard(calendar)
    except Exception:  # noqa: BLE001 - untrusted input, as above
        raise FeedError("fuseau X-WR-TIMEZONE illisible : il faut un fuseau IANA comme Europe/Paris") from None


_LEADING = b"\xef\xbb\xbf \t\r\n"
"""What may come before BEGIN:VCALENDAR: a UTF-8 byte order mark, white space."""
_FOLD = re.compile(rb"\r?\n[ \t]")
"""A folded line's break: RFC 5545 section 3.1 folds octets, so a fold may split a UTF-8 character."""


def _decoded(data: bytes, notes: list[str] | None) -> str:
    """Return ``data`` unfolded (its octets), then decoded as UTF-8, else as Windows-1252 with NOT_UTF8 added to ``notes``.

    Unfolding comes first (RFC 5545 section 3.1: a CRLF followed by one
    space or tab is removed; a bare LF too, as icalendar reads it), so that
    a character cut by a fold is whole again before the encoding is decided.
    """
    data = _FOLD.sub(b"", data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if notes is not None:
            notes.append(NOT_UTF8)
        return data.decode("cp1252", errors="replace")


_ZONED_DATE = re.compile(
    r"^(?:DTSTART|DTEND|RDATE|EXDATE|RECURRENCE-ID);[^\r\n]*TZID[^\r\n]*:[0-9]{8}(?:,[0-9]{8})*(?=\r?$)",
    re.IGNORECASE | re.MULTILINE,
)
"""A date property (8 digits without « T », VALUE=DATE or not) whose parameters may name a TZID."""


def _untied_dates(text: str) -> str:
    """Return ``text`` (unfolded) with the TZID of every date value of DTSTART, DTEND, RDATE, EXDATE, RECURRENCE-ID taken out.

    RFC 5545 section 3.3.4: a DATE has no time zone, a TZID on it is to be
    ignored. icalendar 7 reads ``DTSTART;TZID=Europe/Paris;VALUE=DATE:20261203``
    (and the same without VALUE=DATE) as a time at midnight in that zone,
    which the agenda would show as « 0 h »; ical.js (Thunderbird) reads it
    as the day 3 December, and so is it read here once its TZID is gone.
    """
    return _ZONED_DATE.sub(lambda match: without_tzid(match.group()), text)


def _known_zone(name: str) -> bool:
    """Tell whether ``name`` is an IANA time zone of this machine's database (zoneinfo)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def read_items(data: bytes, zone: tzinfo, first: date, last: date, notes: list[str] | None = None) -> list[FeedItem]:
    """Return the occurrences of a feed that touch ``first`` … ``last`` (days in ``zone``), in start order.

    Floating times (no TZID, no Z) are read in ``zone``, the venue's
    ``timezone:``. At most MAX_OCCURRENCES (MAX_PER_SERIES per UID). Raise
    FeedError on an unreadable feed, and only FeedError. What is read
    otherwise than written (not UTF-8, series left out) is added to
    ``notes``, in French.
    """
    calendar = parse_feed(data, notes)
    try:
        with warnings.catch_warnings(action="ignore"):  # as parse_feed: no library's warning reaches the editor
            return _expand(calendar, zone, first, last, notes)
    except FeedError:
        raise
    except Exception:  # noqa: BLE001 - untrusted input: any fault of the parsers on it is an unreadable feed
        raise FeedError("série ou date illisible") from None


def _expand(calendar: Calendar, zone: tzinfo, first: date, last: date, notes: list[str] | None) -> list[FeedItem]:
    since = datetime.combine(first, time(), zone)
    until = datetime.combine(last + timedelta(days=1), time(), zone)
    screen(calendar, zone, since, notes)
    found = []
    components, left_out = expand_apart(calendar, since, until, title_of)
    if notes is not None:
        notes += left_out
    for component in components:
        if not is_public(component):  # an override not public of a public series (screening.py counted it)
            continue
        try:
            item = _item(component, zone)
        except Exception:  # noqa: BLE001 - untrusted input: an occurrence that cannot be read is left out
            item = None
        if item is not None and _instant(item.start, zone) < until:
            found.append(item)
    found.sort(key=lambda item: (_instant(item.start, zone), item.title, item.uid))
    items, per_uid = [], Counter()
    for item in found:
        per_uid[item.uid] += 1
        if per_uid[item.uid] <= MAX_PER_SERIES:
            items.append(item)
    return items[:MAX_OCCURRENCES]


def _instant(value: date | datetime, zone: tzinfo) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(), zone)


def _moment(value, zone: tzinfo) -> date | datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, date):
        return value
    return None


def _item(component, zone: tzinfo) -> FeedItem | None:
    start_property = component.get("DTSTART")
    start = _moment(start_property.dt if start_property is not None else None, zone)
    if start is None:
        return None
    all_day = not isinstance(start, datetime)
    end_property = component.get("DTEND")
    end = _moment(end_property.dt if end_property is not None else None, zone)
    if end is None or isinstance(end, datetime) == all_day or end <= start:
        end = start + timedelta(days=1) if all_day else start
    status = str(component.get("STATUS") or "").strip().upper()
    title = plain_text(component.get("SUMMARY"), TITLE_CHARS, one_line=True)
    return FeedItem(
        uid=plain_text(component.get("UID"), UID_CHARS, one_line=True),
        title=title or UNTITLED,
        titled=bool(title),
        start=start,
        end=end,
        all_day=all_day,
        cancelled=status == "CANCELLED",
        tentative=status == "TENTATIVE",
        description=plain_text(component.get("DESCRIPTION"), TEXT_CHARS),
        location=plain_text(component.get("LOCATION"), PLACE_CHARS, one_line=True),
        url=safe_url(component.get("URL")),
    )
