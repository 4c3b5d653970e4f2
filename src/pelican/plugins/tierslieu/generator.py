"""The Pelican generator that publishes the venue, its pépites, its agenda and feeds."""

from __future__ import annotations

import gc
import itertools
import json
import os

from markupsafe import Markup
from pelican.generators import ArticlesGenerator, Generator
from pelican.utils import sanitised_join

from . import opening, parallel
from .agenda_pages import categories
from .background import Background
from .faults import say
from .ical.vevents import CalendarMaker
from .images import ImageMaker
from .model.hours import clock_text
from .model.loading import load_data
from .plan import Output, Tools, plan
from .qrcodes import QrCodes
from .rules import check_loaded
from .settings import PluginSettings, data_path, project_root
from .site import SiteData, build_site, closure_span

DEFAULT_FAMILY, DEFAULT_FAMILY_SLUG = "Autres talents", "autres-talents"
"""The directory's group of pépites without a ``kind`` (last), and its HTML id's slug."""


def load_site(settings: dict) -> SiteData:
    """Load, validate and prepare the data of the site (raises DataErrors).

    France's public holidays of the closures' years are started first, in
    a forked child (opening.expect_holidays), while data/ is read here.
    """
    folder = data_path(settings)
    config = PluginSettings.from_pelican(settings)
    first, last = closure_span(config)
    opening.expect_holidays(first.year, last.year)
    try:
        loaded = load_data(folder, project_root(settings), lambda loaded: check_loaded(loaded, settings))
        return build_site(loaded, settings, folder, config)
    finally:
        opening.forget_expected()


class TiersLieuGenerator(Generator):
    """Read data/ before anything is written, then write the output plan.

    ``integration`` (integration.Integration) is set on the subclass that
    the integration hands to Pelican, one per Pelican instance.
    """

    integration = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.qr_codes = QrCodes(self.settings.get("CACHE_PATH"))
        self.env.filters["qr_svg"] = self.qr_codes.inline
        self.env.globals["event_item_html"] = self._event_item_html
        self._event_items: dict[tuple, Markup] = {}
        # Loaded by the integration before the run (with the checks of content/), else here.
        self.site = self.integration.take_site() if self.integration is not None else load_site(self.settings)
        self.outputs: list[Output] = []
        self.background = Background.start(self.site)
        self.shared_news = None
        """Pelican's articles generator's ``generate_output``, when it is written in turn with the pages (``share_news``)."""
        if self.integration is not None:
            self.integration.generator = self

    def generate_context(self):
        """Publish venue, pépites and events in the context shared by every template, and plan the outputs."""
        self.context.update(self.site.as_context())
        notices = self.site.network.notices if self.site.network and self.settings["TIERSLIEU_FEED_NOTICES"] else []
        for path, line, text in notices:
            # Printed, not logged: a network venue's feed never fails a build, --fatal warnings included.
            say(f"{path}:{line}: avertissement : {text}")  # a closed terminal is no fault: the build goes on
        self.context["site"] = self.site
        self.context["pepite_groups"] = self._pepite_groups()
        self.context["agenda_categories"] = categories(self.site)
        self.context["schedule_json"] = json.dumps(self._schedule(), separators=(",", ":"))
        urls = self.site.urls
        self.context["urls"] = urls
        self.context["webcal_url"] = urls.webcal(urls.absolute(urls.page("agenda_ics").save_as))
        self.calendars = CalendarMaker(self.site)
        tools = Tools(self.calendars, self.qr_codes, lambda: self.context.get("articles", []))
        self.outputs = plan(self.site, tools)

    def _event_item_html(self, occurrence, event, show_category: bool, siteurl: str) -> Markup:
        """Render one line of a list of dates once, for every list it appears in."""
        key = (id(occurrence), event.slug, show_category, siteurl)
        if key not in self._event_items:
            template = self.get_template("partials/event_item")
            self._event_items[key] = Markup(
                template.render(occurrence=occurrence, event=event, show_category=show_category, SITEURL=siteurl)
            )
        return self._event_items[key]

    def _schedule(self) -> dict:
        """Return the week and the closures, for the live « ouvert maintenant »."""
        hours: dict[str, list] = {}
        for line in self.site.venue.hours:
            for day in line.days:
                hours.setdefault(day.code, []).append([clock_text(line.opens), clock_text(line.closes)])
        closed = [[item.start.isoformat(), item.end.isoformat()] for item in self.site.upcoming_closures()]
        return {"tz": self.site.timezone.key, "hours": hours, "closed": closed}

    def _pepite_groups(self) -> list[tuple[str, str, list]]:
        """Return (name, slug of its « famille-… » id, pépites) for each family, « Autres talents » last.

        The families' slugs are distinct (spellings.categories refuses two kinds of one slug); the
        pépites without a kind get one no family has (a kind « Autres » is « autres »): HTML ids are unique.
        """

        def family(pepite) -> str | None:  # a kind written « Autres talents » is the group of those without one
            return None if pepite.kind_slug == DEFAULT_FAMILY_SLUG else pepite.data.kind

        ordered = sorted(
            self.site.pepites, key=lambda pepite: ((family(pepite) or "~").lower(), pepite.data.name.lower())
        )
        groups = itertools.groupby(ordered, key=lambda pepite: family(pepite) or DEFAULT_FAMILY)
        result = [(kind, members) for kind, group in groups for members in [list(group)]]
        taken = {pepite.kind_slug for pepite in self.site.pepites if family(pepite)}
        candidates = [DEFAULT_FAMILY_SLUG, *(f"{DEFAULT_FAMILY_SLUG}-{n}" for n in range(2, len(taken) + 3))]
        spare = next(slug for slug in candidates if slug not in taken)
        return [(kind, members[0].kind_slug if family(members[0]) else spare, members) for kind, members in result]

    def generate_output(self, writer):
        """Write every output of the plan."""
        self.write(writer, self.outputs, background=self.background)
        self.background = None

    def write(self, writer, outputs: list[Output], background: Background | None = None) -> None:
        """Write ``outputs`` (part of the plan, in plan order) into the writer's folder.

        With the background process (a full build), the pages are shared
        with a forked worker (parallel.py); files made by ``build`` stay here.
        The data lives as long as the build: the garbage collector is kept
        from walking through it again and again while pages render (thousands
        of events, millions of objects), and let go at the end.
        """
        self.output_path = writer.output_path
        gc.freeze()
        try:
            self._make_pictures()
            if background is not None:
                background.collect_markdown(self.site.render)
                self.calendars.serialise_ahead(background, [*self.site.events, *self.site.removed])
            pages = [output for output in outputs if output.template is not None]
            if background is not None and parallel.worth_it(self.site, len(pages)):
                self._write_shared(writer, pages, [output for output in outputs if output.template is None])
                outputs = []
            for output in outputs:
                self._write(writer, output)
        finally:
            if background is not None:
                background.close()
            gc.unfreeze()

    def share_news(self, generators) -> None:
        """Let Pelican's articles generator write its news in turn with our pages, when a worker shares them.

        Called once every source is read (integration.after_reading): its
        ``generate_output`` then writes nothing where Pelican calls it, and
        is one item of ``_write_shared`` instead, before the pages.
        """
        pages = sum(1 for output in self.outputs if output.template is not None)
        if self.background is None or not parallel.worth_it(self.site, pages):
            return
        for generator in generators:
            if isinstance(generator, ArticlesGenerator):
                self.shared_news = generator.generate_output
                generator.generate_output = _write_nothing

    def _write_shared(self, writer, pages: list[Output], kept: list[Output]) -> None:
        """Write ``pages`` (and Pelican's news) with a forked worker; ``kept`` here first (parallel.py)."""
        news, self.shared_news = self.shared_news, None
        recorded = getattr(self.integration, "written", None)  # the pages Pelican's writer wrote (sitemap)
        start = len(recorded) if recorded is not None else 0

        def write(item) -> None:
            if isinstance(item, Output):
                self._write(writer, item)
            else:
                item(writer)

        gathered = parallel.render_shared(
            [news, *pages] if news is not None else pages,
            write,
            first=kept,
            gather=(lambda: recorded[start:]) if recorded is not None else None,
        )
        if recorded is not None:
            recorded.extend(gathered)

    def replace_site(self, site: SiteData) -> list[Output]:
        """Take newly loaded data (the preview's fast path); return the outputs of the old plan."""
        old = self.outputs
        self.site = site
        self._event_items.clear()
        self.generate_context()
        return old

    def _write(self, writer, output: Output) -> None:
        if output.template is not None:
            writer.write_file(
                output.save_as,
                self.get_template(output.template),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"] and output.relative,
                page_url=output.url,
                **output.context(),
            )
        else:
            self._write_bytes(output.save_as, output.build())

    def _make_pictures(self):
        settings = self.settings
        cache = settings.get("CACHE_PATH") or "cache"
        make = ImageMaker(settings["PATH"], cache, settings["TIERSLIEU_IMAGE_WIDTHS"], self._write_bytes)
        for event in self.site.events:
            event.picture = make(event.data.image)
        for pepite in self.site.pepites:
            pepite.picture = make(pepite.data.photo)

    def _write_bytes(self, save_as: str, data: bytes):
        path = sanitised_join(self.output_path, save_as)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as stream:
            stream.write(data)


def _write_nothing(writer) -> None:
    """Stand in for Pelican's articles generator's output, written in turn with the pages (``share_news``)."""
