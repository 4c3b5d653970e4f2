"""Gather the network venues and their upcoming events, each event once whoever lists it.

The build reads only the last good copies (network/copies.py) and the
feeds that are files of the project; it never goes on the network. An
event listed by several sources (the same UID and start, or the same
title and start, a title the feed gave; ours included, as the network's fair) is one
``NetworkEvent`` naming them all. Problems never stop the build: they are
``Network.notices``, that the build prints as French warnings on stderr
(not logged, so that ``--fatal warnings`` builds go on) and ``invoke
check`` shows as advice (SPEC section 2).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from pelican.plugins.tierslieu.dates import add_months, short_date
from pelican.plugins.tierslieu.model.network import NetworkVenueData

from . import copies
from .items import FeedError, FeedItem

WINDOW_MONTHS = 3
"""Only the next three months of a feed are expanded and shown (issue 15)."""
MAX_FILE_BYTES = 5 * 1024 * 1024
NEXT_PER_VENUE = 3


@dataclass(eq=False)
class NetworkVenue:
    """A network venue with what was read of its feed.

    ``state`` is ``ok`` (shown), ``none`` (no calendar), ``unread`` (never
    fetched), ``stale`` (copy older than copies.STALE_DAYS, not shown) or
    ``broken`` (unreadable, not shown). ``read_at`` is when the copy was read
    (None for a file of the project, read at each build).
    """

    slug: str
    data: NetworkVenueData
    source: str
    state: str = "none"
    read_at: datetime | None = None
    items: list[FeedItem] = field(default_factory=list)
    next_events: list[NetworkEvent] = field(default_factory=list)

    @property
    def local_feed(self) -> bool:
        """Tell whether the feed is a file of the project (read at every build)."""
        return bool(self.data.calendar) and not self.data.calendar_is_url


@dataclass(eq=False)
class NetworkEvent:
    """One upcoming event of the network, with every source that lists it.

    ``start``/``end`` as recurrence.Occurrence (aware datetimes, or dates
    for all-day events, ``end`` exclusive), so dates.format_occurrence says
    it; ``ours`` is our own (occurrence, event) when we list it too.
    """

    item: FeedItem
    venues: list[NetworkVenue] = field(default_factory=list)
    ours: tuple | None = None

    start = property(lambda self: self.item.start)
    end = property(lambda self: self.item.end)
    all_day = property(lambda self: self.item.all_day)
    title = property(lambda self: self.item.title)

    @property
    def cancelled(self) -> bool:
        """Tell whether the event is cancelled: ours says so, or else every venue that lists it."""
        if self.ours is not None:
            return bool(self.ours[0].cancelled)
        return self.item.cancelled

    @property
    def tentative(self) -> bool:
        """Tell whether the event is « à confirmer »: ours says so (status: tentative), or else the feed (STATUS:TENTATIVE)."""
        if self.ours is not None:
            return self.ours[0].status.value == "tentative"
        return self.item.tentative and not self.item.cancelled

    @property
    def last_day(self) -> date:
        """Return the last day the event touches (inclusive), as recurrence.Occurrence does."""
        if self.all_day:
            return self.end - timedelta(days=1)
        return (self.end - timedelta(microseconds=1)).date() if self.end > self.start else self.start.date()

    def days(self, zone: tzinfo) -> tuple[date, date]:
        """Return the first and the last local day (inclusive) in ``zone``, the site's time zone."""
        if self.all_day:
            return self.start, self.last_day
        start, end = self.start.astimezone(zone), self.end.astimezone(zone)
        return start.date(), max(start.date(), (end - timedelta(microseconds=1)).date())

    @property
    def url(self) -> str:
        """Return the event's page at its venue (the feed's URL), else the first venue's site ('' if none)."""
        if self.item.url:
            return self.item.url
        return next((venue.data.website for venue in self.venues if venue.data.website), "")


@dataclass
class Network:
    """The network venues and their upcoming events, from ``today`` to ``until`` (inclusive)."""

    venues: list[NetworkVenue]
    events: list[NetworkEvent]
    today: date
    until: date
    zone: tzinfo
    notices: list[tuple[str, int, str]] = field(default_factory=list)
    """Problems of the feeds, as (file shown to editors, line, French message)."""

    def by_day(self) -> list[tuple[date, list[NetworkEvent]]]:
        """Return each day with events, with every event on every day it covers (SPEC section 3)."""
        days: dict[date, list[NetworkEvent]] = {}
        for event in self.events:
            first, last = event.days(self.zone)
            day = max(first, self.today)
            while day <= min(last, self.until):
                days.setdefault(day, []).append(event)
                day += timedelta(days=1)
        return sorted(days.items(), key=lambda pair: pair[0])

    def upcoming(self, limit: int) -> list[NetworkEvent]:
        """Return the next date of the ``limit`` soonest events not cancelled (one per series, as the home's own list)."""
        return _one_per_series(self.events, limit)


def _one_per_series(events: list[NetworkEvent], limit: int) -> list[NetworkEvent]:
    """Return the first date of the first ``limit`` events not cancelled, a series (one title) once."""
    seen: set[str] = set()
    result = []
    for event in events:
        key = _title_key(event.title)
        if not event.cancelled and key not in seen:
            seen.add(key)
            result.append(event)
    return result[:limit]


def gather(sources: list, config, ours: list[tuple]) -> Network:
    """Read every network venue of ``sources`` (loading.Source of data/network/) into a Network.

    ``config`` is settings.PluginSettings (build date, time zone, copies
    folder); ``ours`` the site's upcoming (occurrence, event) pairs, merged
    with the network's when both list one event.
    """
    zone, today = config.timezone, config.build_date
    until = add_months(today, WINDOW_MONTHS)
    folder = os.path.join(config.project_root, config.network_copies)
    venues, notices = [], []
    for source in sorted(sources, key=lambda source: source.slug):
        venue = NetworkVenue(source.slug, source.model, source.display)
        line = source.document.line_of(("calendar",)) if source.document else 1
        notices += [(source.display, line, warning) for warning in _read(venue, source, folder, config, until)]
        venues.append(venue)
    events = _merge(venues, ours, zone, today)
    for venue in venues:
        venue.next_events = _one_per_series([event for event in events if venue in event.venues], NEXT_PER_VENUE)
    return Network(venues, events, today, until, zone, notices)


def _read(venue: NetworkVenue, source, folder: str, config, until: date) -> list[str]:
    """Fill ``venue.items`` and ``venue.state``; return the warnings (French), none when all is read as written."""
    data, zone, today = venue.data, config.timezone, config.build_date
    if not data.calendar:
        return []
    name, warnings = f"agenda de « {data.name} »", []
    if data.calendar_is_url:
        found = copies.find(folder, venue.slug, data.calendar)
        failed = _failure(copies.last_failure(folder, venue.slug, data.calendar), zone)
        if found is None:
            venue.state = "unread"
            why = failed or "lancez « invoke fetch-network »"
            return [f"{name} jamais lu : {why} ; ses événements ne sont pas affichés"]
        venue.read_at = found.read_at
        if found.read_at.astimezone(zone).date() < today - timedelta(days=copies.STALE_DAYS):
            venue.state = "stale"
            old = f"{name} lu pour la dernière fois le {found.read_at:%d/%m/%Y} : trop ancien, il n'est plus affiché"
            return [f"{old} ; {failed}" if failed else old]
        path = found.path
        if failed:  # the copy is still shown; the nightly fetch's failure is told all the same
            kept = f"la copie lue le {found.read_at:%d/%m/%Y à %H:%M} UTC reste affichée (14 jours au plus)"
            warnings.append(f"{name} : {failed} ; {kept}")
    else:
        path = os.path.join(config.project_root, data.calendar)
    feed_zone = ZoneInfo(data.timezone) if data.timezone else zone
    try:
        with open(path, "rb") as stream:
            body = stream.read(MAX_FILE_BYTES + 1)
        if len(body) > MAX_FILE_BYTES:
            raise FeedError(f"flux trop gros (plus de {MAX_FILE_BYTES // 1_000_000} Mo)")
        notes: list[str] = []
        from .reading import read_items  # noqa: PLC0415 - the readers only load when a feed is read

        venue.items = read_items(body, feed_zone, today, until, notes)
    except (OSError, FeedError) as error:
        venue.state = "broken"
        reason = error.reason if isinstance(error, FeedError) else "fichier illisible"
        return [*warnings, f"{name} illisible : {reason} ; ses événements ne sont pas affichés"]
    venue.state = "ok"
    return warnings + [f"{name} : {note}" for note in notes]


def _failure(failure: copies.Failure | None, zone: tzinfo) -> str:
    """Say the last failed fetch: « la dernière tentative (30 novembre 2026) a échoué : … » ('' if none)."""
    if failure is None:
        return ""
    return f"la dernière tentative ({short_date(failure.at.astimezone(zone))}) a échoué : {failure.reason}"


def _title_key(title: str) -> str:
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


def _instant(value: date | datetime) -> object:
    return value.astimezone(UTC) if isinstance(value, datetime) else value


def _merge(venues: list[NetworkVenue], ours: list[tuple], zone, today: date) -> list[NetworkEvent]:
    """Make one NetworkEvent per event, whoever lists it; keep those a network venue lists."""
    found: dict[tuple, NetworkEvent] = {}

    def keys(uid: str, title: str, start, titled: bool = True) -> list[tuple]:
        when = _instant(start)
        return [("uid", uid, when)] * bool(uid) + [("title", _title_key(title), when)] * titled

    for occurrence, event in ours:
        item = FeedItem(event.uid, event.data.title, occurrence.start, occurrence.end, occurrence.all_day, False)
        merged = NetworkEvent(item, ours=(occurrence, event))
        for key in keys(event.uid, event.data.title, occurrence.start):
            found.setdefault(key, merged)
    events: list[NetworkEvent] = []
    listed: set[int] = set()
    for venue in venues:
        for item in venue.items if venue.state == "ok" else []:
            candidates = keys(item.uid, item.title, item.start, item.titled)  # an untitled event: by UID only
            merged = next((found[key] for key in candidates if key in found), None)
            if merged is None:
                merged = NetworkEvent(item)
            elif merged.ours is None and _better(item, merged.item):
                merged.item = item
            if venue not in merged.venues:
                merged.venues.append(venue)
            if id(merged) not in listed:
                listed.add(id(merged))
                events.append(merged)
            for key in candidates:
                found.setdefault(key, merged)
    events = [event for event in events if event.days(zone)[1] >= today]
    return sorted(events, key=lambda event: (_sort_instant(event.start, zone), event.title, event.item.uid))


def _better(new: FeedItem, old: FeedItem) -> bool:
    """Tell whether another source's item says more: taking place where the other says cancelled, or with a page."""
    return (old.cancelled and not new.cancelled) or (new.cancelled == old.cancelled and bool(new.url) and not old.url)


def _sort_instant(value: date | datetime, zone) -> datetime:
    return value if isinstance(value, datetime) else datetime(value.year, value.month, value.day, tzinfo=zone)
