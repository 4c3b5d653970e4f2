"""Read a network venue's iCalendar feed as it really is, trusting nothing in it.

The feed comes from another site (Gancio, Mobilizon, Google Calendar, The
Events Calendar, OpenAgenda, a site built with this kit): icalendar parses
it (RFC 5545), x-wr-timezone repairs Google's ``X-WR-TIMEZONE`` feeds,
recurring-ical-events expands series (RRULE, RDATE, EXDATE, RECURRENCE-ID)
inside a window only. Every text becomes plain text of bounded length
(HTML descriptions through inscriptis), every link must be http(s); a
feed that cannot be read raises ``FeedError`` with the reason in French.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import recurring_ical_events
import x_wr_timezone
from icalendar import Calendar
from inscriptis import get_text

TITLE_CHARS = 200
TEXT_CHARS = 1000
"""Longest description kept (characters); the rest is cut with « … »."""
PLACE_CHARS = 300
URL_CHARS = 500
UID_CHARS = 255
MAX_OCCURRENCES = 400
"""Occurrences kept per feed within the window."""
MAX_PER_SERIES = 100
"""Occurrences kept per UID: a daily series over three months fits, a runaway series does not hide the others."""
_TOO_FREQUENT = ("SECONDLY", "MINUTELY", "HOURLY")
"""Series frequencies no venue's agenda uses: such a series is left out rather than expanded by the million."""
MAX_COMPONENTS = 5000
"""VEVENTs read per feed: a bigger feed is refused, as a calendar of a venue never holds that many."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_MARKUP = re.compile(r"<\s*[a-zA-Z!/]")
_SPACES = re.compile(r"[ \t\r\f\v]+")


class FeedError(ValueError):
    """A feed that is not a readable iCalendar calendar; ``reason`` is French, for editors."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class FeedItem:
    """One occurrence read from a feed: plain text, aware times (or dates for all-day), http(s) link or ''.

    ``end`` is exclusive (the day after the last one for all-day events,
    as in iCalendar); ``uid`` is the feed's UID ('' when it gave none).
    """

    uid: str
    title: str
    start: date | datetime
    end: date | datetime
    all_day: bool
    cancelled: bool
    description: str = ""
    location: str = ""
    url: str = ""


def plain_text(value, limit: int, one_line: bool = False) -> str:
    """Return ``value`` as plain text: markup turned to text, control characters gone, at most ``limit`` characters."""
    if value is None:
        return ""
    text = str(value)
    if _MARKUP.search(text):
        text = get_text(text)
    text = _CONTROL.sub(" ", text)
    if one_line:
        text = " ".join(text.split())
    else:
        text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines())
        text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def safe_url(value) -> str:
    """Return ``value`` if it is an http(s) address without spaces or quotes, else ''."""
    if value is None:
        return ""
    text = str(value).strip()
    parts = urlsplit(text)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or len(text) > URL_CHARS
        or re.search(r"[\s\"'<>`\\]", text)
        or _CONTROL.search(text)
    ):
        return ""
    return text


NOT_UTF8 = (
    "le flux n'est pas en UTF-8 (la règle des calendriers, RFC 5545 section 3.1.4) : il est lu comme du "
    "Windows-1252 (Latin-1) ; vérifiez ses accents sur le site, et demandez au lieu un flux en UTF-8"
)


def parse_feed(data: bytes, notes: list[str] | None = None) -> Calendar:
    """Parse the bytes of a feed into a calendar in standard form (X-WR-TIMEZONE applied); raise FeedError.

    A feed that is not UTF-8 is read as Windows-1252 (a superset of
    Latin-1 for its letters), and NOT_UTF8 is added to ``notes``.
    """
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    if not head.startswith(b"BEGIN:VCALENDAR"):
        if head.startswith((b"<!DOCTYPE", b"<HTML", b"<?XML", b"<")):
            raise FeedError("une page web (HTML ou XML), pas un calendrier iCalendar")
        raise FeedError("ce n'est pas un calendrier iCalendar (il ne commence pas par BEGIN:VCALENDAR)")
    if not data.rstrip().upper().endswith(b"END:VCALENDAR"):
        raise FeedError("flux tronqué (il ne finit pas par END:VCALENDAR)")
    try:
        calendar = Calendar.from_ical(_decoded(data, notes))
    except Exception as error:  # noqa: BLE001 - untrusted input: any fault of the parser on it is an unreadable feed
        raise FeedError(f"calendrier illisible ({_short(error)})") from None
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
    except Exception as error:  # noqa: BLE001 - untrusted input, as above
        raise FeedError(f"fuseau X-WR-TIMEZONE illisible ({_short(error)})") from None


def _decoded(data: bytes, notes: list[str] | None) -> str:
    """Return ``data`` decoded as UTF-8, else as Windows-1252 with NOT_UTF8 added to ``notes``."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if notes is not None:
            notes.append(NOT_UTF8)
        return data.decode("cp1252", errors="replace")


def _known_zone(name: str) -> bool:
    """Tell whether ``name`` is an IANA time zone of this machine's database (zoneinfo)."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _short(error: Exception) -> str:
    return plain_text(error, 120, one_line=True) or type(error).__name__


def _tolerate_uids(calendar: Calendar, notes: list[str] | None = None) -> None:
    """Give a VEVENT without UID one of its own, and a second master of one UID another (both are kept).

    Series repeating more than daily are left out (_TOO_FREQUENT); an end
    before the start is dropped (the expander would swap them, showing the
    event on its end's day). The titles left out are told in ``notes``.
    """
    masters: set[str] = set()
    left_out: list[str] = []
    for event in list(calendar.subcomponents):
        if event.name == "VEVENT" and _too_frequent(event):
            calendar.subcomponents.remove(event)
            left_out.append(plain_text(event.get("SUMMARY"), TITLE_CHARS, one_line=True) or "Sans titre")
        elif event.name == "VEVENT" and _ends_before_start(event):
            del event["DTEND"]  # as if none: one day for a date, the start itself for a time (RFC 5545 3.6.1)
    if left_out and notes is not None:
        shown = ", ".join(f"« {title} »" for title in left_out[:3]) + (" …" if len(left_out) > 3 else "")  # noqa: PLR2004
        notes.append(f"{shown} : répété plus d'une fois par jour (RRULE) ou selon une règle illisible : non affiché")
    for index, event in enumerate(calendar.walk("VEVENT")):
        uid = str(event.get("UID") or "").strip()
        if not uid:
            event["UID"] = uid = f"sans-uid-{index}"
        if "RECURRENCE-ID" not in event:
            if uid in masters:
                event["UID"] = f"{uid}#{index}"
            masters.add(str(event["UID"]))


def _ends_before_start(event) -> bool:
    """Tell whether a VEVENT's DTEND is before its DTSTART (both dates, or both times; a mix is left to _item)."""
    try:
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        if isinstance(start, datetime) != isinstance(end, datetime):
            return False
        if isinstance(start, datetime) and (start.tzinfo is None) != (end.tzinfo is None):
            return False
        return end < start
    except Exception:  # noqa: BLE001 - untrusted input: missing or unreadable values are left to _item
        return False


def _too_frequent(event) -> bool:
    """Tell whether a VEVENT repeats more than daily, or has a rule that cannot be read (left out both)."""
    try:
        rule = event.get("RRULE")
        if rule is None:
            return False
        frequency = rule.get("FREQ")
        return str(frequency[0] if isinstance(frequency, list) else frequency).upper() in _TOO_FREQUENT
    except Exception:  # noqa: BLE001 - untrusted input: a rule that cannot be read is left out
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
        return _expand(calendar, zone, first, last, notes)
    except FeedError:
        raise
    except Exception as error:  # noqa: BLE001 - untrusted input: any fault of the parsers on it is an unreadable feed
        raise FeedError(f"série ou date illisible ({_short(error)})") from None


def _expand(calendar: Calendar, zone: tzinfo, first: date, last: date, notes: list[str] | None) -> list[FeedItem]:
    _tolerate_uids(calendar, notes)
    since = datetime.combine(first, time(), zone)
    until = datetime.combine(last + timedelta(days=1), time(), zone)
    items, per_uid = [], Counter()
    query = recurring_ical_events.of(calendar, skip_bad_series=True)
    for component in itertools.islice(query.after(since), MAX_OCCURRENCES * 10):
        try:
            item = _item(component, zone)
        except Exception:  # noqa: BLE001 - untrusted input: an occurrence that cannot be read is left out
            item = None
        if item is None:
            continue
        if _instant(item.start, zone) >= until:
            break
        per_uid[item.uid] += 1
        if per_uid[item.uid] > MAX_PER_SERIES:
            continue
        items.append(item)
        if len(items) >= MAX_OCCURRENCES:
            break
    return sorted(items, key=lambda item: (_instant(item.start, zone), item.title, item.uid))


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
    return FeedItem(
        uid=plain_text(component.get("UID"), UID_CHARS, one_line=True),
        title=plain_text(component.get("SUMMARY"), TITLE_CHARS, one_line=True) or "Sans titre",
        start=start,
        end=end,
        all_day=all_day,
        cancelled=str(component.get("STATUS") or "").strip().upper() == "CANCELLED",
        description=plain_text(component.get("DESCRIPTION"), TEXT_CHARS),
        location=plain_text(component.get("LOCATION"), PLACE_CHARS, one_line=True),
        url=safe_url(component.get("URL")),
    )
