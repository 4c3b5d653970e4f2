"""The calendar feeds a partner can subscribe to, and the ways to subscribe."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from .ical.vevents import in_feed_window
from .site import Event, SiteData


@dataclass
class CalendarFeed:
    """One subscribable calendar: the whole agenda, a category, or a pépite's events."""

    name: str
    label: str
    save_as: str
    events: list
    """The events and sessions (sessions.Session) of the feed."""
    https: str
    qr_save_as: str

    @property
    def webcal(self) -> str:
        """Return the webcal:// address (opens the calendar app on desktops and iPhones)."""
        return "webcal://" + self.https.split("://", 1)[-1]

    @property
    def google(self) -> str:
        """Return Google Calendar's "add by URL" link."""
        return "https://calendar.google.com/calendar/render?" + urlencode({"cid": self.webcal})

    @property
    def outlook_com(self) -> str:
        """Return Outlook.com's "subscribe from the web" link."""
        return "https://outlook.live.com/calendar/0/addfromweb?" + urlencode({"url": self.https, "name": self.name})

    @property
    def microsoft_365(self) -> str:
        """Return Microsoft 365's "subscribe from the web" link."""
        return "https://outlook.office.com/calendar/0/addfromweb?" + urlencode({"url": self.https, "name": self.name})


def calendar_feeds(site: SiteData) -> list[CalendarFeed]:
    """Return the whole agenda, then one feed per category, then one per pépite."""
    urls = site.urls
    window = [event for event in [*site.events, *site.removed] if in_feed_window(event, site, site.config.past_months)]
    venue = site.venue.name
    feeds = [_feed(f"{venue} — Agenda", "Tout l'agenda", urls.page("agenda_ics").save_as, window, urls)]
    # Sessions go to a category feed when their category differs from their event's, and to their pépites' feeds.
    sessions = [session for event in window for session in [*event.sessions, *event.removed_sessions]]
    categories = {(event.category_slug, event.data.category) for event in window if event.category_slug}
    categories |= {(item.category_slug, item.data.category) for item in sessions if item.own_category}
    for slug, category in sorted(categories):
        members = [event for event in window if event.category_slug == slug]
        members += [item for item in sessions if item.own_category and item.category_slug == slug]
        feeds.append(_feed(f"{venue} — {category}", category, urls.category_ics(slug).save_as, members, urls))
    in_window = {id(event) for event in window}  # events compare by value: a set of identities, not a list search
    for pepite in site.pepites:
        members = [event for event in pepite.events if id(event) in in_window]
        members += [item for item in sessions if pepite in item.pepites]
        if members:
            save_as = urls.pepite_ics(pepite.slug).save_as
            feeds.append(_feed(f"{venue} — {pepite.data.name}", pepite.data.name, save_as, members, urls))
    return feeds


def _feed(name: str, label: str, save_as: str, events: list[Event], urls) -> CalendarFeed:
    return CalendarFeed(name, label, save_as, events, urls.absolute(save_as), urls.feed_qr(save_as).save_as)
