"""The venue, its pépites and its events, ready for templates and feeds."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from markupsafe import Markup

from . import opening
from .dates import add_months
from .deletions import removed_events
from .history import Change, change_of, file_history
from .markup import MarkdownRenderer
from .model import events, models
from .model.errors import DataErrors
from .model.loading import LoadedData, Source
from .network.gathering import gather
from .recurrence import Occurrence, expand, local_days, sort_instant
from .rules import check_loaded
from .sessions import attach_sessions
from .settings import PluginSettings
from .spellings import Slugs
from .urls import Urls


@dataclass(eq=False)
class Pepite:
    """A pépite (resident member or local talent) with its page and its events."""

    slug: str
    data: models.PepiteData
    source: str
    """The data file, as shown to editors (data/pepites/<slug>.yaml)."""
    url: str
    save_as: str
    kind_slug: str
    render: MarkdownRenderer
    events: list[Event] = field(default_factory=list)
    sessions: list = field(default_factory=list)
    """The sessions (sessions.Session) the pépite leads."""
    picture: object = None
    """The responsive variants of the photo (images.ResponsiveImage), made at output time."""

    @property
    def bio_html(self) -> Markup:
        """Return the bio as safe HTML (rendered on first use)."""
        return self.render(self.data.bio)


@dataclass(eq=False)
class Event:
    """An event or a series, with its dates, pages and calendar identity."""

    slug: str
    data: events.EventData
    source: str
    uid: str
    url: str
    save_as: str
    ics_url: str
    ics_save_as: str
    zone: tzinfo
    category_slug: str
    render: MarkdownRenderer
    change: Change
    occurrences: list[Occurrence]
    pepites: list[Pepite] = field(default_factory=list)
    sessions: list = field(default_factory=list)
    """The programme (sessions.Session), in time order."""
    removed_sessions: list = field(default_factory=list)
    """Sessions removed from the file lately, kept in the feeds as cancelled (deletions.removed_sessions)."""
    continued: list = field(default_factory=list)
    """The last EventData of deleted files with this event's UID, newest first (deletions.removed_events)."""
    picture: object = None
    """The responsive variants of the image (images.ResponsiveImage), made at output time."""

    @property
    def description_html(self) -> Markup:
        """Return the description as safe HTML (rendered on first use)."""
        return self.render(self.data.description)

    @property
    def is_series(self) -> bool:
        """Tell whether the event repeats."""
        return self.data.repeat is not None

    @property
    def own_timezone(self) -> bool:
        """Tell whether the event is held in a time zone of its own."""
        return self.data.timezone is not None

    def upcoming(self, today: date) -> list[Occurrence]:
        """Return the occurrences that end today or later, in order of start.

        By start, not by the series' order: a ``moved:`` date may come before
        the series' first dates (RFC 5545 section 3.8.4.4, RECURRENCE-ID).
        """
        ahead = [occurrence for occurrence in self.occurrences if occurrence.last_day >= today]
        return sorted(ahead, key=self._start_key)

    def next_occurrence(self, today: date) -> Occurrence:
        """Return the earliest upcoming occurrence by start not excluded from the series (else the next, else the last)."""
        ahead = self.upcoming(today)
        live = [occurrence for occurrence in ahead if not occurrence.excluded]
        if live or ahead:
            return (live or ahead)[0]
        return max(self.occurrences, key=self._start_key)

    def _start_key(self, occurrence: Occurrence) -> datetime:
        return sort_instant(occurrence.start, self.zone)


@dataclass(eq=False)
class SiteData:
    """Everything the plugin publishes in Pelican's context."""

    venue: models.VenueData
    venue_html: dict[str, Markup]
    pepites: list[Pepite]
    events: list[Event]
    today: date
    horizon: date
    timezone: ZoneInfo
    domain: str
    render: MarkdownRenderer
    config: PluginSettings
    """The plugin's settings, typed (settings.PluginSettings)."""
    urls: Urls
    """The site's addresses (urls.Urls)."""
    make_event: EventMaker
    """Turns an event file into a published event (used for deleted files, and by tests)."""
    removed: list[Event] = field(default_factory=list)
    """Events deleted lately, kept in the feeds as cancelled."""
    closures: list[opening.Closure] = field(default_factory=list)
    """Closures and (if the venue says so) public holidays, from a year ago to the horizon."""
    network: object = None
    """The network venues and their events (network.gathering.Network)."""
    _upcoming: list | None = field(default=None, repr=False)

    def upcoming_closures(self) -> list[opening.Closure]:
        """Return the closures still to come."""
        return opening.upcoming(self.closures, self.today)

    def week(self) -> list[opening.Day]:
        """Return the opening hours of the seven days from the build date."""
        return opening.week_from(self.venue, self.today, self.closures)

    def upcoming_occurrences(self) -> list[tuple[Occurrence, Event]]:
        """Return every occurrence still to come, in date order (computed once: many pages list them).

        Still to come: its last local day (``local_days``) is today or later, as a running exhibition.
        """
        if self._upcoming is None:
            pairs = [
                (occurrence, event)
                for event in self.events
                for occurrence in event.occurrences
                if local_days(occurrence, self.timezone)[1] >= self.today
            ]
            self._upcoming = sorted(pairs, key=lambda pair: (sort_instant(pair[0].start, self.timezone), pair[1].slug))
        return self._upcoming

    def next_events(self, limit: int) -> list[tuple[Occurrence, Event]]:
        """Return the next occurrence of the ``limit`` soonest events (one per event)."""
        seen: set[str] = set()
        result = []
        for occurrence, event in self.upcoming_occurrences():
            if event.slug not in seen and not occurrence.cancelled:
                seen.add(event.slug)
                result.append((occurrence, event))
        return result[:limit]

    def past_occurrences(self, months: int) -> list[tuple[Occurrence, Event]]:
        """Return the occurrences of the last ``months`` months, latest first."""
        since = add_months(self.today, -months)
        pairs = [
            (occurrence, event)
            for event in self.events
            for occurrence in event.occurrences
            if since <= local_days(occurrence, self.timezone)[1] < self.today
        ]
        return sorted(pairs, key=lambda pair: (sort_instant(pair[0].start, self.timezone), pair[1].slug), reverse=True)

    def as_context(self) -> dict:
        """Return what templates see: venue, pepites, events, upcoming_events."""
        return {
            "venue": self.venue,
            "venue_html": self.venue_html,
            "pepites": self.pepites,
            "events": self.events,
            "upcoming_events": self.upcoming_occurrences(),
            "today": self.today,
        }


def closure_span(config: PluginSettings) -> tuple[date, date]:
    """Return the first and last days the venue's closures are listed for: a year back, to the agenda's horizon."""
    return add_months(config.build_date, -12), add_months(config.build_date, config.upcoming_months)


def build_site(loaded: LoadedData, settings: dict, data_folder: str, config: PluginSettings | None = None) -> SiteData:
    """Turn validated data into the objects templates and feeds use.

    ``settings`` are Pelican's, with the plugin's defaults applied
    (settings.apply_defaults). Raise DataErrors when the rules that need
    the settings (rules.py) were not checked at load and fail.
    """
    if not loaded.checked:
        problems = check_loaded(loaded, settings)
        if problems:
            raise DataErrors(problems)
        loaded.checked = True
    config = config or PluginSettings.from_pelican(settings)  # ``config``: the caller's, already read
    urls = Urls(config)
    render = MarkdownRenderer(settings)
    today, zone = config.build_date, config.timezone
    horizon = add_months(today, config.upcoming_months)
    slugs = Slugs(settings.get("SLUG_REGEX_SUBSTITUTIONS") or [])
    make = EventMaker(urls, render, zone, horizon, config.domain, slugs)
    pepites = [_pepite(source, urls, render, slugs) for source in loaded.pepites]
    by_slug = {pepite.slug: pepite for pepite in pepites}
    history = file_history(data_folder)
    events = [
        make(source.slug, source.model, source.path, change_of(source.path, history, source.model.aliases))
        for source in loaded.events
    ]
    events.sort(key=lambda event: (sort_instant(event.occurrences[0].start, zone), event.slug))
    for event in events:
        event.pepites = [by_slug[slug] for slug in event.data.pepites]
        for pepite in event.pepites:
            pepite.events.append(event)
    venue = loaded.venue
    intro = (venue.description or "").strip().split("\n\n")[0]
    venue_html = {"description": render(venue.description), "intro": render(intro)}
    venue_html.update({f"offer:{offer.name}": render(offer.description) for offer in venue.offers})
    site = SiteData(venue, venue_html, pepites, events, today, horizon, zone, config.domain, render, config, urls, make)
    site.closures = opening.closures(venue, *closure_span(config))
    site.removed = removed_events(site, os.path.join(data_folder, "events"), history)
    site.network = gather(loaded.network, config, site.upcoming_occurrences())
    attach_sessions(site, slugs, os.path.join(data_folder, "events"))
    return site


@dataclass(frozen=True)
class EventMaker:
    """Turn an event file into a published event: its dates, its pages and its calendar identity.

    ``horizon`` is the last day whose occurrences are computed; ``domain``
    the host of SITEURL, the right-hand part of every UID (SPEC section 2).
    """

    urls: Urls
    render: MarkdownRenderer
    zone: ZoneInfo
    horizon: date
    domain: str
    slugs: Slugs

    def __call__(self, slug: str, data: events.EventData, path: str, change: Change, url: str | None = None) -> Event:
        """Return the event of ``data``, read from ``path`` (``url``: its page, if not its own)."""
        if isinstance(data.start, datetime) and data.start.tzinfo is not None:
            event_zone = data.start.tzinfo
        else:
            event_zone = ZoneInfo(data.timezone) if data.timezone else self.zone
        identity = data.aliases[0] if data.aliases else slug
        page, calendar = self.urls.event(slug), self.urls.event_ics(slug)
        first_day = data.start.date() if isinstance(data.start, datetime) else data.start
        return Event(
            slug=slug,
            data=data,
            source=path,
            uid=f"{identity}@{self.domain}",
            url=url or page.url,
            save_as=page.save_as,
            ics_url=calendar.url,
            ics_save_as=calendar.save_as,
            zone=event_zone,
            category_slug=self.slugs(data.category) if data.category else "",
            render=self.render,
            change=change,
            occurrences=expand(data, event_zone, max(self.horizon, first_day + timedelta(days=1))),
        )


def _pepite(source: Source, urls: Urls, render: MarkdownRenderer, slugs: Slugs) -> Pepite:
    data: models.PepiteData = source.model
    page = urls.pepite(source.slug)
    return Pepite(
        slug=source.slug,
        data=data,
        source=source.display,
        url=page.url,
        save_as=page.save_as,
        kind_slug=slugs(data.kind or "autres"),
        render=render,
    )
