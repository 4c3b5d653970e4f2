"""The output plan: every file the plugin writes, in one list.

``plan(site, tools)`` returns one ``Output`` per file: where it goes, how
it is made (a template and its context, or a bytes builder), what it
depends on. The generator writes the plan, the preview the part a change
touches (``Output.affected_by``), the sitemap takes its HTML pages.

Dependencies are keys: ``event:<slug>``, ``pepite:<slug>``, or the wildcards
``ANY_EVENT``, ``ANY_PEPITE``, ``ANY_ARTICLE`` (any item of the kind changed).
Any other change (the venue, the theme, the settings) rebuilds the whole site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import structured
from .agenda_pages import agenda_pages, past_by_month, upcoming_by_month
from .feeds import build_events_rss, build_news_rss
from .model.yamlfile import alias_lines
from .sessions import timetable
from .sharing import share_links
from .subscriptions import calendar_feeds

ANY_EVENT = "event:*"
ANY_PEPITE = "pepite:*"
ANY_ARTICLE = "article:*"
LISTS = frozenset({ANY_EVENT, ANY_PEPITE})
"""What lists of events depend on: any event, and any pépite (lines name them)."""


def event_key(slug: str) -> str:
    """Return the dependency key of one event."""
    return f"event:{slug}"


def pepite_key(slug: str) -> str:
    """Return the dependency key of one pépite."""
    return f"pepite:{slug}"


@dataclass(eq=False)
class Output:
    """One file of the site.

    Either ``template`` (a theme template name) with ``context`` (a callable
    returning the template's extra variables, called only when written), or
    ``build`` (a callable returning the file's bytes). ``url`` is the page's
    address relative to SITEURL; ``relative`` is False for pages served at
    another depth (the 404 page, redirections); ``source`` names what asks
    for the file, for collision messages.
    """

    save_as: str
    source: str
    template: str | None = None
    context: Callable[[], dict] = dict
    build: Callable[[], bytes] | None = None
    url: str = ""
    depends_on: frozenset[str] = frozenset()
    relative: bool = True
    noindex: bool = False
    origin: tuple[str, int] | None = None
    """The data file and line that ask for this output, when there is one."""

    @property
    def is_page(self) -> bool:
        """Tell whether the output is an HTML page of the sitemap."""
        return self.template is not None and self.save_as.endswith(".html") and not self.noindex

    def affected_by(self, changes: Iterable[str]) -> bool:
        """Tell whether a change of these keys (``event:<slug>``…) touches this output."""
        for key in changes:
            kind = key.split(":", 1)[0]
            if key in self.depends_on or f"{kind}:*" in self.depends_on:
                return True
        return False


@dataclass
class Tools:
    """What the plan's builders need besides the site: the makers of files of this build."""

    calendars: object
    """ical.CalendarMaker of this build."""
    qr_codes: object
    """qrcodes.QrCodes of this build."""
    articles: Callable[[], list]
    """Return Pelican's published articles (for the news feed)."""


def plan(site, tools: Tools) -> list[Output]:
    """Return every output of the site's data, calendars of single events after the pages that show them."""
    outputs = _site_pages(site, tools)
    outputs += [_agenda_page(page, site) for page in agenda_pages(site)]
    for event in site.events:
        outputs += _event_pages(event, site, tools)
    outputs += _pepite_pages(site, tools)
    # Calendars of single events late: their VEVENTs may be serialised meanwhile in a second process.
    outputs += [output for event in site.events for output in _event_calendars(event, tools)]
    outputs += _feeds(site, tools)
    from .network.outputs import network_outputs  # noqa: PLC0415 - it makes entries of this module's Output

    outputs += network_outputs(site, Output)
    robots = site.urls.page("robots").save_as
    sitemap = site.urls.absolute(site.urls.page("sitemap").save_as)
    outputs.append(Output(robots, "robots.txt", build=f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n".encode))
    return outputs


def _site_pages(site, tools: Tools) -> list[Output]:
    urls = site.urls

    def venue_page(name: str, template: str, depends_on=frozenset(), **extra) -> Output:
        address = urls.page(name)
        return Output(
            address.save_as, f"page {name}", template, url=address.url, depends_on=frozenset(depends_on), **extra
        )

    jsonld = lambda: {"jsonld": structured.venue_jsonld(site)}  # noqa: E731 - shared by two pages
    return [
        venue_page("home", "home", {*LISTS, ANY_ARTICLE, "network:*"}, context=jsonld),
        venue_page("venue", "venue", context=jsonld),
        venue_page("legal", "legal"),
        venue_page("accessibility", "accessibility"),
        venue_page("search", "search", LISTS),  # it names the categories of the agenda
        # The 404 page is served at any depth: its links must be absolute.
        venue_page("not_found", "404", relative=False, noindex=True),
        venue_page("agenda", "agenda", LISTS, context=lambda: {"months": upcoming_by_month(site)}),
        venue_page(
            "past_events",
            "past_events",
            LISTS,
            context=lambda: {"months": past_by_month(site)},
        ),
    ]


def _agenda_page(page, site) -> Output:
    origin = None
    if "category" in page.context:  # the first event that names the category
        origin = next(
            ((event.source, 1) for event in site.events if event.data.category == page.context["category"]), None
        )
    return Output(
        page.save_as,
        f"page {page.template}",
        page.template,
        url=page.url,
        depends_on=LISTS,
        context=lambda: page.context,
        noindex=bool(page.context.get("noindex")),
        origin=origin,
    )


def _event_keys(event) -> frozenset[str]:
    """Return what an event's page and calendars depend on: the event, its pépites and its sessions' pépites."""
    pepites = {pepite.slug for pepite in event.pepites} | {p.slug for s in event.sessions for p in s.pepites}
    return frozenset({event_key(event.slug), *(pepite_key(slug) for slug in pepites)})


def _event_pages(event, site, tools: Tools) -> list[Output]:
    urls = site.urls
    depends_on = _event_keys(event)

    def context() -> dict:
        occurrence = event.next_occurrence(site.today)
        return {
            "event": event,
            "occurrence": occurrence,
            "upcoming": [item for item in event.upcoming(site.today) if item is not occurrence],
            "jsonld": structured.event_jsonld(event, occurrence, site),
            "google_link": structured.google_link(event, occurrence, site),
            "outlook_link": structured.outlook_link(event, occurrence, site),
            "timetable": timetable(event),
            "share": share_links(event, occurrence, site),
            "session_links": {session.id: structured.session_links(session, site) for session in event.sessions},
        }

    outputs = [
        Output(
            event.save_as,
            event.source,
            "event",
            context,
            url=event.url,
            depends_on=depends_on,
            origin=(event.source, 1),
        )
    ]
    lines = alias_lines(event.source) if event.data.aliases else []
    for index, alias in enumerate(event.data.aliases):
        # The old address of a renamed event leads to its new page.
        address = urls.event(alias)
        outputs.append(
            Output(
                address.save_as,
                f"{event.source} (aliases: {alias})",
                "redirect",
                lambda: {"target": event, "noindex": True},
                url=address.url,
                depends_on=depends_on,
                relative=False,
                noindex=True,
                origin=(event.source, lines[index] if index < len(lines) else 1),
            )
        )
    return outputs


def _event_calendars(event, tools: Tools) -> list[Output]:
    """Return the event's own calendar (the event and its sessions), then one calendar per session."""
    depends_on = _event_keys(event)
    items = [(event.ics_save_as, [event, *event.sessions, *event.removed_sessions])]
    items += [(item.ics_save_as, [item]) for item in event.sessions]
    return [
        Output(
            save_as,
            event.source,
            depends_on=depends_on,
            origin=(event.source, 1),
            build=lambda save_as=save_as, members=members: tools.calendars.calendar(members, check_as=save_as),
        )
        for save_as, members in items
    ]


def _pepite_pages(site, tools: Tools) -> list[Output]:
    address = site.urls.page("pepites")
    outputs = [Output(address.save_as, "page pepites", "pepites", url=address.url, depends_on=LISTS)]
    for pepite in site.pepites:
        events = {event.slug for event in pepite.events} | {session.event.slug for session in pepite.sessions}
        depends_on = frozenset({pepite_key(pepite.slug), *(event_key(slug) for slug in events)})
        outputs.append(
            Output(
                pepite.save_as,
                pepite.source,
                "pepite",
                lambda pepite=pepite: {"pepite": pepite},
                url=pepite.url,
                depends_on=depends_on,
                origin=(pepite.source, 1),
            )
        )
    return outputs


def _feeds(site, tools: Tools) -> list[Output]:
    urls = site.urls
    feeds = calendar_feeds(site)
    outputs = []
    for feed in feeds:
        description = f"Les événements de {site.venue.name} : {feed.label}"
        outputs.append(
            Output(
                feed.save_as,
                f"flux {feed.label}",
                depends_on=LISTS,
                build=lambda feed=feed, text=description: tools.calendars.calendar(
                    feed.events, name=feed.name, check_as=feed.save_as, description=text
                ),
            )
        )
        outputs.append(
            Output(
                feed.qr_save_as, f"code QR de {feed.save_as}", build=lambda feed=feed: tools.qr_codes.file(feed.https)
            )
        )
    subscribe = urls.page("subscribe")
    outputs.append(
        Output(
            subscribe.save_as,
            "page subscribe",
            "subscribe",
            lambda: {"feeds": feeds},
            url=subscribe.url,
            depends_on=LISTS,
        )
    )
    outputs.append(
        Output(
            urls.page("events_rss").save_as,
            "flux RSS des événements",
            depends_on=LISTS,
            build=lambda: build_events_rss(site),
        )
    )
    outputs.append(
        Output(
            urls.page("news_rss").save_as,
            "flux RSS des actualités",
            depends_on=frozenset({ANY_ARTICLE}),
            build=lambda: build_news_rss(tools.articles(), site),
        )
    )
    agenda_json = lambda: structured.agenda_json(site)  # noqa: E731 - one line
    outputs.append(Output(urls.page("agenda_json").save_as, "agenda.json", depends_on=LISTS, build=agenda_json))
    return outputs
