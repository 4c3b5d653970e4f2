"""The Pelican generator that publishes the venue, its pépites, its agenda and feeds."""

from __future__ import annotations

import gc
import itertools
import json
import os

from markupsafe import Markup
from pelican.generators import Generator
from pelican.utils import sanitised_join

from . import structured
from .agenda_pages import agenda_pages, by_month, categories
from .background import Background
from .feeds import build_events_rss, build_news_rss
from .ical import CalendarMaker, absolute_url
from .images import ImageMaker
from .incremental import affected, changed_slugs
from .loading import load_data
from .qrcodes import QrCodes
from .settings import data_path, project_root
from .site import SiteData, build_site
from .subscriptions import calendar_feeds


def load_site(settings: dict) -> SiteData:
    """Load, validate and prepare the data of the site (raises DataErrors)."""
    folder = data_path(settings)
    loaded = load_data(folder, project_root(settings))
    return build_site(loaded, settings, folder)


class TiersLieuGenerator(Generator):
    """Read data/ before anything is written, then write pages and feeds."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.qr_codes = QrCodes(self.settings.get("CACHE_PATH"))
        self.env.filters["qr_svg"] = self.qr_codes.inline
        self.env.globals["event_item_html"] = self._event_item_html
        self._event_items: dict[tuple, Markup] = {}
        self.only: set[str] | None = None
        """When set (by the preview), the only outputs to write; the others are kept as they are."""
        # Loading here happens before Pelican empties the output folder.
        self.site = load_site(self.settings)
        self.background = Background.start(self.site, self.settings)
        # The data lives as long as the build: keep the garbage collector from
        # walking through it again and again (thousands of events, millions of objects).
        gc.freeze()

    def generate_context(self):
        """Publish venue, pépites and events in the context shared by every template."""
        self.context.update(self.site.as_context())
        self.context["site"] = self.site
        self.context["pepite_groups"] = self._pepite_groups()
        self.context["agenda_categories"] = categories(self.site, self.settings)
        self.context["schedule_json"] = json.dumps(self._schedule(), separators=(",", ":"))
        feed = absolute_url(self.settings, self.settings["AGENDA_ICS_SAVE_AS"])
        self.context["webcal_url"] = "webcal://" + feed.split("://", 1)[-1]

    def _event_item_html(self, occurrence, event, show_category: bool, siteurl: str) -> Markup:
        """Render one line of a list of dates once, for every list it appears in."""
        key = (id(occurrence), event.slug, show_category, siteurl)
        if key not in self._event_items:
            template = self.get_template("partials/event_item")
            self._event_items[key] = Markup(template.render(
                occurrence=occurrence, event=event, show_category=show_category, SITEURL=siteurl))
        return self._event_items[key]

    def _schedule(self) -> dict:
        """Return the week and the closures, for the live « ouvert maintenant »."""
        hours: dict[str, list] = {}
        for line in self.site.venue.hours:
            for day in line.days:
                hours.setdefault(day.code, []).append([line.opens.strftime("%H:%M"), line.closes.strftime("%H:%M")])
        closed = [[item.start.isoformat(), item.end.isoformat()] for item in self.site.upcoming_closures()]
        return {"tz": self.site.timezone.key, "hours": hours, "closed": closed}

    def _pepite_groups(self) -> list[tuple[str, str, list]]:
        ordered = sorted(self.site.pepites, key=lambda pepite: ((pepite.data.kind or "~").lower(), pepite.data.name.lower()))
        groups = itertools.groupby(ordered, key=lambda pepite: pepite.data.kind or "Autres talents")
        return [(kind, members[0].kind_slug, members) for kind, group in groups for members in [list(group)]]

    def generate_output(self, writer):
        """Write every page, calendar and feed of the data."""
        self._make_pictures()
        self.calendars = CalendarMaker(self.site, self.settings)
        background, self.background = (self.background, None) if self.only is None else (None, self.background)
        if background is not None:
            background.collect_markdown(self.site.render)
            self.calendars.serialise_ahead(background, [*self.site.events, *self.site.removed])
        self._write_pages(writer)
        self._write_agenda_views(writer)
        self._write_events(writer)
        self._write_pepites(writer)
        # Calendars last: their events were serialised meanwhile, in a second process.
        self._write_event_calendars()
        self._write_feeds(writer)
        if background is not None:
            background.close()
        if self.wanted(self.settings["ROBOTS_SAVE_AS"]):
            self._write_text(self.settings["ROBOTS_SAVE_AS"], self._robots())

    def update(self, writer, paths: list[str]) -> bool:
        """Write again only what changed data files touch (the preview's fast path).

        Return False when the change is not one of events or pépites: the
        caller then builds the whole site. Raise DataErrors, writing
        nothing, when the data is wrong.
        """
        slugs = changed_slugs(paths, data_path(self.settings))
        if slugs is None:
            return False
        site = load_site(self.settings)
        # The full build wrote into its staging folder; updates go to the output itself.
        self.output_path = writer.output_path
        write, gone = affected(self.site, site, *slugs, self.settings)
        self.site = site
        self._event_items.clear()
        self.generate_context()
        self.only = write
        try:
            self.generate_output(writer)
        finally:
            self.only = None
        for save_as in sorted(gone):
            path = sanitised_join(self.output_path, save_as)
            if os.path.isfile(path):
                os.remove(path)
        return True

    def refresh(self, writer, outputs: set[str]) -> None:
        """Write again some outputs of unchanged data (after articles changed, say)."""
        self.output_path = writer.output_path
        self.only = outputs
        try:
            self.generate_output(writer)
        finally:
            self.only = None

    def _make_pictures(self):
        settings = self.settings
        cache = settings.get("CACHE_PATH") or "cache"
        make = ImageMaker(settings["PATH"], cache, settings["TIERSLIEU_IMAGE_WIDTHS"], self._write_always)
        for event in self.site.events:
            event.picture = make(event.data.image)
        for pepite in self.site.pepites:
            pepite.picture = make(pepite.data.photo)

    def wanted(self, *save_as: str) -> bool:
        """Tell whether an output is to be written in this run."""
        return self.only is None or any(name in self.only for name in save_as)

    def _page(self, writer, save_as: str, template: str, url: str = "", relative: bool = True, **extra):
        if not self.wanted(save_as):
            return
        writer.write_file(
            save_as, self.get_template(template), self.context,
            relative_urls=self.settings["RELATIVE_URLS"] and relative, page_url=url, **extra,
        )

    def _write_pages(self, writer):
        settings = self.settings
        jsonld = structured.venue_jsonld(self.site, settings)
        self._page(writer, settings["HOME_SAVE_AS"], "home", "", jsonld=jsonld)
        self._page(writer, settings["VENUE_SAVE_AS"], "venue", settings["VENUE_URL"], jsonld=jsonld)
        self._page(writer, settings["LEGAL_SAVE_AS"], "legal", settings["LEGAL_URL"])
        self._page(writer, settings["ACCESSIBILITY_SAVE_AS"], "accessibility", settings["ACCESSIBILITY_URL"])
        self._page(writer, settings["SEARCH_SAVE_AS"], "search", settings["SEARCH_URL"])
        # The 404 page is served at any depth: its links must be absolute.
        self._page(writer, settings["NOT_FOUND_SAVE_AS"], "404", "", relative=False)
        self._page(writer, settings["AGENDA_SAVE_AS"], "agenda", settings["AGENDA_URL"],
                   months=by_month(self.site.upcoming_occurrences(), self.site))
        self._page(writer, settings["PAST_EVENTS_SAVE_AS"], "past_events", settings["PAST_EVENTS_URL"],
                   months=by_month(self.site.past_occurrences(settings["TIERSLIEU_PAST_MONTHS"]), self.site))

    def _write_agenda_views(self, writer):
        for page in agenda_pages(self.site, self.settings):
            self._page(writer, page.save_as, page.template, page.url, **page.context)

    def _write_events(self, writer):
        site, settings = self.site, self.settings
        for event in site.events:
            if not self.wanted(event.save_as, event.ics_save_as):
                continue
            occurrence = event.next_occurrence(site.today)
            self._page(
                writer, event.save_as, "event", event.url, event=event, occurrence=occurrence,
                upcoming=[item for item in event.upcoming(site.today) if item is not occurrence],
                jsonld=structured.event_jsonld(event, occurrence, site, settings),
                google_link=structured.google_link(event, occurrence, site, settings),
                outlook_link=structured.outlook_link(event, occurrence, site, settings),
            )
            for alias in event.data.aliases:
                # The old address of a renamed event leads to its new page.
                self._page(writer, settings["EVENT_SAVE_AS"].format(slug=alias), "redirect",
                           settings["EVENT_URL"].format(slug=alias), relative=False, target=event, noindex=True)

    def _write_event_calendars(self):
        for event in self.site.events:
            if self.wanted(event.ics_save_as):
                self._write_bytes(event.ics_save_as, self.calendars.calendar([event], check_as=event.ics_save_as))

    def _write_pepites(self, writer):
        settings = self.settings
        self._page(writer, settings["PEPITES_SAVE_AS"], "pepites", settings["PEPITES_URL"])
        for pepite in self.site.pepites:
            self._page(writer, pepite.save_as, "pepite", pepite.url, pepite=pepite)

    def _write_feeds(self, writer):
        site, settings = self.site, self.settings
        feeds = calendar_feeds(site, settings)
        for feed in feeds:
            if not self.wanted(feed.save_as):
                continue
            calendar = self.calendars.calendar(feed.events, name=feed.name, check_as=feed.save_as,
                                               description=f"Les événements de {site.venue.name} : {feed.label}")
            self._write_bytes(feed.save_as, calendar)
            self._write_bytes(feed.qr_save_as, self.qr_codes.file(feed.https))
        self._page(writer, settings["SUBSCRIBE_SAVE_AS"], "subscribe", settings["SUBSCRIBE_URL"], feeds=feeds)
        if self.wanted(settings["EVENTS_RSS_SAVE_AS"]):
            self._write_bytes(settings["EVENTS_RSS_SAVE_AS"], build_events_rss(site, settings))
        if self.wanted(settings["NEWS_RSS_SAVE_AS"]):
            articles = self.context.get("articles", [])
            self._write_bytes(settings["NEWS_RSS_SAVE_AS"], build_news_rss(articles, site, settings))
        if self.wanted(settings["AGENDA_JSON_SAVE_AS"]):
            upcoming = [structured.event_jsonld(event, occurrence, site, settings)
                        for occurrence, event in site.upcoming_occurrences()]
            self._write_text(settings["AGENDA_JSON_SAVE_AS"], json.dumps(upcoming, ensure_ascii=False, indent=1) + "\n")

    def _robots(self) -> str:
        siteurl = (self.settings.get("SITEURL") or "").rstrip("/")
        return f"User-agent: *\nAllow: /\n\nSitemap: {siteurl}/{self.settings['SITEMAP_SAVE_AS']}\n"

    def _write_text(self, save_as: str, text: str):
        self._write_bytes(save_as, text.encode("utf-8"))

    def _write_bytes(self, save_as: str, data: bytes):
        if self.wanted(save_as):
            self._write_always(save_as, data)

    def _write_always(self, save_as: str, data: bytes):
        path = sanitised_join(self.output_path, save_as)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as stream:
            stream.write(data)
