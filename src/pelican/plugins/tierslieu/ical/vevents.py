"""The iCalendar feeds (RFC 5545 + RFC 7986), built with icalendar.

Pure functions: events in, ``icalendar.Calendar`` out. Nothing here reads
the clock: DTSTAMP and LAST-MODIFIED come from each event file's history.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, vDDDTypes, vDuration, vGeo
from icalendar import Event as VEvent

from pelican.plugins.tierslieu.dates import add_months
from pelican.plugins.tierslieu.markup import untagged
from pelican.plugins.tierslieu.model.events import Status
from pelican.plugins.tierslieu.recurrence import Occurrence, exceptions
from pelican.plugins.tierslieu.site import Event, SiteData

from .entries import ical_time, timed_vevent
from .folding import use_fast_folding
from .gate import FeedGate
from .text import Text, categories
from .timezones import vtimezone, years_of

PRODID = "-//tierslieu//Site d'un tiers-lieu//FR"

use_fast_folding()  # icalendar's folding of content lines, the same without a step per character (folding.py)


class CalendarMaker:
    """Make calendar files, serialising each event's VEVENTs once per build.

    The same event appears in the whole agenda, its category's feed, each
    of its pépites' feeds and its own file: icalendar serialises its
    components once, and each file is icalendar's calendar (properties and
    VTIMEZONEs) with those serialised components placed before its end.
    Every file passes the feed gate, which checks each event's part once.
    """

    _END = b"END:VCALENDAR\r\n"

    def __init__(self, site: SiteData):
        self.site = site
        self.gate = FeedGate()
        self._blocks: dict[int, bytes] = {}
        self._heads: dict[tuple, bytes] = {}
        self._ahead: tuple | None = None
        # One range of years for every VTIMEZONE of the build, so heads can be shared.
        days = [
            day
            for event in [*site.events, *site.removed]
            for day in (_day(event.occurrences[0].start), event.occurrences[-1].last_day)
        ]
        # Exceptions past the horizon are in the feeds too (event_components): their years as well.
        days += [_day(change.start) for event in [*site.events, *site.removed] for change in _changes(event)]
        self.years = years_of(days or [site.today])

    def serialise_ahead(self, background, events: list[Event]) -> None:
        """Have the background process serialise these events' VEVENTs meanwhile."""
        if background is not None:
            self._ahead = (events, background, background.serialise(len(events)))

    def _collect(self) -> None:
        events, background, future = self._ahead
        self._ahead = None
        blocks = background.blocks(future)
        for event, block in zip(events, blocks, strict=True):
            self._blocks.setdefault(id(event), block)

    def event_bytes(self, event: Event) -> bytes:
        """Return the serialised VEVENTs of one event (cached)."""
        key = id(event)
        if key not in self._blocks and self._ahead is not None:
            self._collect()
        if key not in self._blocks:
            components = item_components(event, self.site)
            self._blocks[key] = b"".join(component.to_ical() for component in components)
        return self._blocks[key]

    def calendar(
        self, events: list[Event], name: str | None = None, description: str | None = None, check_as: str | None = None
    ) -> bytes:
        """Return a calendar file of ``events`` (``name`` None: a single-event file).

        With ``check_as``, the file must pass the feed gate (FeedError otherwise).
        """
        zones = frozenset(zone for event in events for zone in _zone_ids(event))
        key = (name, description, zones)
        if key not in self._heads:
            head = calendar_head(self.site, zones, self.years, name, description).to_ical()
            if not head.endswith(self._END):  # pragma: no cover - icalendar always ends so
                raise ValueError("unexpected end of a calendar")
            self._heads[key] = head[: -len(self._END)]
        blocks = [self.event_bytes(event) for event in events]
        if check_as:
            self.gate.check_parts(self._heads[key], blocks, self._END, check_as)
        return self._heads[key] + b"".join(blocks) + self._END


def calendar_head(
    site: SiteData,
    zones: frozenset[str],
    years: tuple[int, int],
    name: str | None = None,
    description: str | None = None,
) -> Calendar:
    """Return a calendar's own properties and the VTIMEZONEs of ``zones``."""
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    if name is not None:
        # TEXT values (RFC 5545 3.3.11): icalendar leaves NAME and the X-WR- ones unescaped unless told.
        calendar.add("NAME", Text(name))
        calendar.add("X-WR-CALNAME", Text(name))
        if description:
            calendar.add("DESCRIPTION", Text(description))
            calendar.add("X-WR-CALDESC", Text(description))
        calendar.add("X-WR-TIMEZONE", str(site.timezone.key))
        refresh = site.config.calendar_refresh
        calendar.add("REFRESH-INTERVAL", vDDDTypes(_duration(refresh)), parameters={"VALUE": "DURATION"})
        calendar.add("X-PUBLISHED-TTL", refresh)
    for tzid in sorted(zones):
        calendar.add_component(vtimezone(tzid, *years))
    return calendar


def build_calendar(
    site: SiteData, events: list[Event], name: str | None = None, description: str | None = None
) -> bytes:
    """Return the bytes of a calendar of ``events`` (``name`` None: a single-event file)."""
    return CalendarMaker(site).calendar(events, name, description)


def in_feed_window(event: Event, site: SiteData, months: int) -> bool:
    """Tell whether an event belongs to the feed: the last ``months`` and the future."""
    since = add_months(site.today, -months)
    if event.data.repeat is not None and event.data.repeat.until is None and event.data.repeat.count is None:
        return True
    return event.occurrences[-1].last_day >= since


def item_components(item, site: SiteData) -> list[VEvent]:
    """Return the VEVENTs of an event, or of a session (sessions.Session)."""
    if hasattr(item, "occurrences"):
        return event_components(item, site)
    from .sessions import session_components  # noqa: PLC0415 - it imports this module

    return session_components(item, site)


def event_components(event: Event, site: SiteData) -> list[VEvent]:
    """Return the VEVENT of an event, then one override per moved occurrence."""
    first = event.occurrences[0]
    master = _vevent(event, site, first.original, _end_of(event, first.original))
    if event.data.repeat is not None:
        master.add("RRULE", _rrule(event))
        # Every exception of the series, not only those before the site's horizon.
        changes = exceptions(event.data, event.zone)
        for occurrence in changes:
            if occurrence.excluded:
                master.add("EXDATE", ical_time(occurrence.original))
    else:
        changes = []
    components = [master]
    for occurrence in changes:
        if occurrence.moved:
            components.append(_override(event, site, occurrence))
    return components


def _override(event: Event, site: SiteData, occurrence: Occurrence) -> VEvent:
    component = _vevent(event, site, occurrence.start, occurrence.end)
    component.add("RECURRENCE-ID", ical_time(occurrence.original))
    return component


def _vevent(event: Event, site: SiteData, start, end) -> VEvent:
    data = event.data
    component = timed_vevent(event, event.uid, data.title, (start, end), data.status.ical)
    url = site.urls.absolute(event.url)
    component.add("URL", url)
    component.add("DESCRIPTION", Text(_description(event, url)))
    component.add("LOCATION", Text(location_text(event, site)))
    if data.location is None and not data.online_only and site.venue.geo is not None:
        component.add("GEO", vGeo((site.venue.geo.lat, site.venue.geo.lon)))
    if data.category:
        component.add("CATEGORIES", categories([data.category]))
    if data.online:
        component.add("CONFERENCE", data.online, parameters={"VALUE": "URI", "FEATURE": "VIDEO"})
    return component


def _description(event: Event, url: str) -> str:
    parts = description_parts(event, url)
    if event.data.status is Status.postponed:
        parts.insert(0, "REPORTÉ : la nouvelle date sera annoncée.")
    parts.append(url)
    return "\n\n".join(parts)


def practical_lines(data) -> list[str]:
    """Return the plain-text lines of an event's or a session's ``full``, ``price`` and ``registration`` (the price ``untagged``)."""
    lines = ["Complet."] if data.full else []
    lines += [f"Tarif : {untagged(data.price)}"] if data.price else []
    return lines + ([f"Inscription : {data.registration}"] if data.registration else [])


def description_parts(event: Event, page: str) -> list[str]:
    """Return what the event's page tells, as plain-text paragraphs (no Markdown, no HTML source).

    The summary with what reads as a tag shown « ‹b› » (markup.untagged), the description as its page shows it
    (markup.plain_text: links written out, relative ones from ``page``, its address), then "Complet.", the price (without its tags),
    the registration and video links. Used by the calendar's DESCRIPTION
    and the events RSS (SPEC section 3).
    """
    data = event.data
    summary = untagged(data.summary) if data.summary else None
    parts = [text for text in (summary, event.render.text(data.description, page)) if text]
    parts += practical_lines(data)
    if data.online:
        parts.append(f"En ligne : {data.online}")
    if event.sessions:
        from .sessions import programme_text  # noqa: PLC0415 - it imports this module

        parts.append(programme_text(event))
    return parts


def location_text(event: Event, site: SiteData) -> str:
    """Return where the event takes place: « En ligne » (online_only), its own location, else the venue's address."""
    if event.data.online_only:
        return "En ligne"
    if event.data.location:
        return event.data.location
    address = site.venue.address
    return f"{site.venue.name}, {address.street}, {address.postal_code} {address.city}"


def _end_of(event: Event, start):
    first = event.occurrences[0]
    return start + (first.end - first.start)


def _rrule(event: Event) -> dict:
    repeat = event.data.repeat
    rule: dict = {"FREQ": repeat.freq.value.upper()}
    if repeat.interval != 1:
        rule["INTERVAL"] = repeat.interval
    if repeat.byday:
        rule["BYDAY"] = [day.ical for day in repeat.byday]
    if repeat.count is not None:
        rule["COUNT"] = repeat.count
    if repeat.until is not None:
        rule["UNTIL"] = _until(event, repeat.until)
    return rule


def _until(event: Event, last_day: date):
    """Return UNTIL: the end of the last local day, in UTC for timed series (RFC 5545)."""
    if event.occurrences[0].all_day:
        return last_day
    local_end = datetime.combine(last_day, datetime.max.time()).replace(microsecond=0, tzinfo=event.zone)
    return local_end.astimezone(UTC)


def _zone_ids(event: Event) -> set[str]:
    if not hasattr(event, "occurrences"):  # a session: always timed
        return {event.zone.key} if isinstance(event.zone, ZoneInfo) else set()
    if event.occurrences[0].all_day or not isinstance(event.zone, ZoneInfo):
        return set()
    return {event.zone.key}


def _changes(event: Event) -> list[Occurrence]:
    return exceptions(event.data, event.zone) if hasattr(event, "data") else []


def _day(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def _duration(text: str) -> timedelta:
    """Parse the ISO 8601 durations used for refresh hints (PT6H, P1D)."""
    return vDuration.from_ical(text)
