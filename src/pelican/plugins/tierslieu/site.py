"""The venue, its pépites and its events, ready for templates and feeds."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from markupsafe import Markup
from pelican.utils import slugify
from pydantic import ValidationError

from . import opening
from .history import Change, change_of, deleted_files, file_history
from .markup import MarkdownRenderer
from .model import events, models
from .model.errors import DataErrors
from .model.loading import YAML_SUFFIXES, LoadedData, Source
from .model.yamlfile import parse_yaml
from .recurrence import Occurrence, expand
from .rules import check_loaded
from .settings import build_date, site_domain, site_timezone


def add_months(day: date, months: int) -> date:
    """Return the same day ``months`` later (the last day of a shorter month)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


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
        """Return the occurrences that end today or later."""
        return [occurrence for occurrence in self.occurrences if occurrence.last_day >= today]

    def next_occurrence(self, today: date) -> Occurrence:
        """Return the next occurrence not excluded from the series (else the next, else the last)."""
        ahead = self.upcoming(today)
        live = [occurrence for occurrence in ahead if not occurrence.excluded]
        return (live or ahead or self.occurrences)[-1 if not (live or ahead) else 0]


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
    removed: list[Event] = field(default_factory=list)
    """Events deleted lately, kept in the feeds as cancelled."""
    closures: list[opening.Closure] = field(default_factory=list)
    """Closures and (if the venue says so) public holidays, from a year ago to the horizon."""
    _upcoming: list | None = field(default=None, repr=False)

    def upcoming_closures(self) -> list[opening.Closure]:
        """Return the closures still to come."""
        return opening.upcoming(self.closures, self.today)

    def week(self) -> list[opening.Day]:
        """Return the opening hours of the seven days from the build date."""
        return opening.week_from(self.venue, self.today, self.closures)

    def upcoming_occurrences(self) -> list[tuple[Occurrence, Event]]:
        """Return every occurrence still to come, in date order (computed once: many pages list them)."""
        if self._upcoming is None:
            pairs = [(occurrence, event) for event in self.events for occurrence in event.upcoming(self.today)]
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
            if since <= occurrence.last_day < self.today
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


def sort_instant(value: date | datetime, zone: tzinfo) -> datetime:
    """Return a comparable instant: all-day events sort at midnight local time."""
    if isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day, tzinfo=zone)


def build_site(loaded: LoadedData, settings: dict, data_folder: str) -> SiteData:
    """Turn validated data into the objects templates and feeds use.

    Raise DataErrors when the rules that need the settings (rules.py) were
    not checked at load and fail.
    """
    if not loaded.checked:
        problems = check_loaded(loaded, settings)
        if problems:
            raise DataErrors(problems)
        loaded.checked = True
    render = MarkdownRenderer(settings)
    zone = site_timezone(settings)
    today = build_date(settings)
    horizon = add_months(today, settings["TIERSLIEU_UPCOMING_MONTHS"])
    regex = settings.get("SLUG_REGEX_SUBSTITUTIONS")
    pepites = [_pepite(source, settings, render, regex) for source in loaded.pepites]
    by_slug = {pepite.slug: pepite for pepite in pepites}
    history = file_history(data_folder)
    domain = site_domain(settings)
    events = [_event(source, settings, render, zone, horizon, history, domain, regex) for source in loaded.events]
    events.sort(key=lambda event: (sort_instant(event.occurrences[0].start, zone), event.slug))
    for event in events:
        event.pepites = [by_slug[slug] for slug in event.data.pepites]
        for pepite in event.pepites:
            pepite.events.append(event)
    venue = loaded.venue
    intro = (venue.description or "").strip().split("\n\n")[0]
    venue_html = {"description": render(venue.description), "intro": render(intro)}
    venue_html.update({f"offer:{offer.name}": render(offer.description) for offer in venue.offers})
    site = SiteData(venue, venue_html, pepites, events, today, horizon, zone, domain, render)
    site.closures = opening.closures(venue, add_months(today, -12), horizon)
    site.removed = removed_events(site, settings, os.path.join(data_folder, "events"))
    return site


def _pepite(source: Source, settings: dict, render: MarkdownRenderer, regex) -> Pepite:
    data: models.PepiteData = source.model
    return Pepite(
        slug=source.slug,
        data=data,
        source=source.display,
        url=settings["PEPITE_URL"].format(slug=source.slug),
        save_as=settings["PEPITE_SAVE_AS"].format(slug=source.slug),
        kind_slug=slugify(data.kind or "autres", regex_subs=regex or []),
        render=render,
    )


def _event(source: Source, settings: dict, render, zone, horizon, history, domain, regex) -> Event:
    return make_event(source.slug, source.model, source.path, change_of(source.path, history),
                      settings, render, zone, horizon, domain, regex)


def make_event(slug: str, data: events.EventData, path: str, change: Change, settings: dict,
               render, zone, horizon, domain, regex, url: str | None = None) -> Event:
    """Return an event with its dates, its pages and its calendar identity."""
    if isinstance(data.start, datetime) and data.start.tzinfo is not None:
        event_zone = data.start.tzinfo
    else:
        event_zone = ZoneInfo(data.timezone) if data.timezone else zone
    identity = data.aliases[0] if data.aliases else slug
    return Event(
        slug=slug,
        data=data,
        source=path,
        uid=f"{identity}@{domain}",
        url=url or settings["EVENT_URL"].format(slug=slug),
        save_as=settings["EVENT_SAVE_AS"].format(slug=slug),
        ics_url=settings["EVENT_ICS_URL"].format(slug=slug),
        ics_save_as=settings["EVENT_ICS_SAVE_AS"].format(slug=slug),
        zone=event_zone,
        category_slug=slugify(data.category, regex_subs=regex or []) if data.category else "",
        render=render,
        change=change,
        occurrences=expand(data, event_zone, max(horizon, _first_day(data) + timedelta(days=1))),
    )


def removed_events(site: SiteData, settings: dict, folder: str) -> list[Event]:
    """Return events whose file was deleted lately: subscribers must see them cancelled.

    A deleted event stays in the feed as STATUS:CANCELLED for
    TIERSLIEU_DELETED_WEEKS weeks, so that calendars drop it cleanly
    instead of keeping a ghost. A file renamed with its old name in
    ``aliases:`` is not a deletion.
    """
    weeks = settings["TIERSLIEU_DELETED_WEEKS"]
    since = datetime.combine(site.today - timedelta(weeks=weeks), datetime.min.time(), tzinfo=site.timezone)
    known = {event.slug for event in site.events} | {alias for event in site.events for alias in event.data.aliases}
    result = []
    for deletion in deleted_files(folder, since):
        slug = os.path.splitext(os.path.basename(deletion.name))[0]
        if slug in known or not deletion.name.endswith(YAML_SUFFIXES):
            continue
        document, problems = parse_yaml(deletion.text, deletion.name)
        try:
            data = events.EventData.model_validate(document.data) if document and not problems else None
        except ValidationError:
            data = None
        if data is None:
            continue
        data = data.model_copy(update={"status": events.Status.cancelled})
        change = Change(deletion.revisions, deletion.deleted)  # the deletion is a change too
        known.add(slug)
        result.append(make_event(slug, data, deletion.name, change, settings, site.render, site.timezone,
                                 site.horizon, site.domain, settings.get("SLUG_REGEX_SUBSTITUTIONS"),
                                 url=settings["AGENDA_URL"]))
    return result


def _first_day(data: events.EventData) -> date:
    return data.start.date() if isinstance(data.start, datetime) else data.start
