"""The calendar feeds a partner can subscribe to, and the ways to subscribe."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from .ical.vevents import absolute_url, in_feed_window
from .site import Event, SiteData


@dataclass
class CalendarFeed:
    """One subscribable calendar: the whole agenda, a category, or a pépite's events."""

    name: str
    label: str
    save_as: str
    events: list[Event]
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



def calendar_feeds(site: SiteData, settings: dict) -> list[CalendarFeed]:
    """Return the whole agenda, then one feed per category, then one per pépite."""
    months = settings["TIERSLIEU_PAST_MONTHS"]
    window = [event for event in [*site.events, *site.removed] if in_feed_window(event, site, months)]
    venue = site.venue.name
    feeds = [_feed(f"{venue} — Agenda", "Tout l'agenda", settings["AGENDA_ICS_SAVE_AS"], window, settings)]
    categories = sorted({(event.category_slug, event.data.category) for event in window if event.category_slug})
    for slug, category in categories:
        members = [event for event in window if event.category_slug == slug]
        save_as = settings["CATEGORY_ICS_SAVE_AS"].format(slug=slug)
        feeds.append(_feed(f"{venue} — {category}", category, save_as, members, settings))
    for pepite in site.pepites:
        members = [event for event in pepite.events if event in window]
        if members:
            save_as = settings["PEPITE_ICS_SAVE_AS"].format(slug=pepite.slug)
            feeds.append(_feed(f"{venue} — {pepite.data.name}", pepite.data.name, save_as, members, settings))
    return feeds


def _feed(name: str, label: str, save_as: str, events: list[Event], settings: dict) -> CalendarFeed:
    qr = settings["SUBSCRIBE_URL"] + "qr-" + quote(save_as.replace("/", "-").removesuffix(".ics"), safe="-") + ".svg"
    return CalendarFeed(name, label, save_as, events, absolute_url(settings, save_as), qr)
