"""schema.org JSON-LD and "add to my calendar" links, from the same data as the pages."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time
from urllib.parse import urlencode

from .ical.vevents import location_text
from .model.hours import END_OF_DAY
from .recurrence import Occurrence
from .sessions import Session
from .site import Event, SiteData


def postal_address(site: SiteData) -> dict:
    """Return the venue's address as a schema.org PostalAddress."""
    address = site.venue.address
    return {
        "@type": "PostalAddress",
        "streetAddress": address.street,
        "postalCode": address.postal_code,
        "addressLocality": address.city,
        "addressCountry": address.country,
    }


def venue_jsonld(site: SiteData) -> dict:
    """Return the venue as a schema.org LocalBusiness."""
    venue = site.venue
    data: dict = {
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": venue.name,
        "url": site.urls.absolute(""),
        "address": postal_address(site),
    }
    optional = {"description": venue.tagline, "email": venue.email, "telephone": venue.phone}
    data.update({key: value for key, value in optional.items() if value})
    if venue.geo:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": venue.geo.lat, "longitude": venue.geo.lon}
    data["openingHoursSpecification"] = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [day.schema_name for day in hours.days],
            "opens": hours.opens.strftime("%H:%M"),
            "closes": _closes(hours.closes),
        }
        for hours in venue.hours
    ]
    special = [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": closure.start.isoformat(),
            "validThrough": closure.end.isoformat(),
            "opens": "00:00",
            "closes": "00:00",
            **({"description": closure.reason} if closure.reason else {}),
        }
        for closure in site.upcoming_closures()
    ]
    if special:
        data["specialOpeningHoursSpecification"] = special
    if venue.links:
        data["sameAs"] = [link.url for link in venue.links if link.url.startswith("http")]
    return data


def event_jsonld(event: Event, occurrence: Occurrence, site: SiteData) -> dict:
    """Return one occurrence of an event as a schema.org Event."""
    data = event.data
    place = {"@type": "Place", "name": location_text(event, site)}
    if data.location is None:
        place.update(name=site.venue.name, address=postal_address(site))
    locations: list = [] if data.online_only else [place]  # online only: its VirtualLocation alone
    if data.online:
        locations.append({"@type": "VirtualLocation", "url": data.online})
    result: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": data.title,
        "url": site.urls.absolute(event.url),
        "startDate": occurrence.start.isoformat(),
        # schema.org's endDate of an all-day event is its last day (a Date), not RFC 5545's exclusive DTEND.
        "endDate": (occurrence.last_day if occurrence.all_day else occurrence.end).isoformat(),
        "eventStatus": occurrence.status.schema_org,
        "eventAttendanceMode": _attendance(event),
        "location": locations if len(locations) > 1 else place,
        "organizer": {"@type": "Organization", "name": site.venue.name, "url": site.urls.absolute("")},
    }
    if data.summary:
        result["description"] = data.summary
    if data.price or data.registration or data.free:
        result["offers"] = _offer(event, site)
    if event.pepites:
        result["performer"] = _performers(event.pepites, site)
    if event.sessions:
        result["subEvent"] = [session_jsonld(session, site) for session in event.sessions]
    return result


def _performers(pepites: list, site: SiteData) -> list[dict]:
    return [
        {
            "@type": "Organization" if pepite.data.organisation else "Person",
            "name": pepite.data.name,
            "url": site.urls.absolute(pepite.url),
        }
        for pepite in pepites
    ]


def session_jsonld(session: Session, site: SiteData) -> dict:
    """Return a session as a schema.org Event whose ``superEvent`` is its event (named by name and URL)."""
    event, data = session.event, session.data
    place = {"@type": "Place", "name": location_text(event, site)}
    if data.place:
        place["name"] = f"{data.place}, {place['name']}"
    result: dict = {
        "@type": "Event",
        "name": data.title,
        "url": site.urls.absolute(session.url),
        "startDate": session.start.isoformat(),
        "endDate": session.end.isoformat(),
        "eventStatus": session.status.schema_org,
        "location": place,
        "superEvent": {"@type": "Event", "name": event.data.title, "url": site.urls.absolute(event.url)},
    }
    if data.price or data.registration:
        offer = {"@type": "Offer", "url": data.registration or site.urls.absolute(session.url)}
        offer["availability"] = "https://schema.org/SoldOut" if data.full else "https://schema.org/InStock"
        result["offers"] = {**offer, **({"description": data.price} if data.price else {})}
    if session.pepites:
        result["performer"] = _performers(session.pepites, site)
    return result


def session_links(session: Session, site: SiteData) -> dict:
    """Return a session's Google Calendar and Outlook.com links (``google``, ``outlook``)."""
    title, url = session.data.title, site.urls.absolute(session.url)
    where = location_text(session.event, site)
    where = f"{session.data.place}, {where}" if session.data.place else where
    google = {
        "action": "TEMPLATE",
        "text": title,
        "dates": f"{_utc(session.start)}/{_utc(session.end)}",
        "ctz": getattr(session.zone, "key", site.timezone.key),
        "details": url,
        "location": where,
    }
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        "startdt": session.start.isoformat(),
        "enddt": session.end.isoformat(),
        "allday": "false",
        "body": url,
        "location": where,
    }
    return {
        "google": "https://calendar.google.com/calendar/render?" + urlencode(google),
        "outlook": "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(outlook),
    }


def agenda_json(site: SiteData) -> bytes:
    """Return agenda.json: the upcoming occurrences as schema.org Events (with their ``subEvent``), as UTF-8."""
    upcoming = [event_jsonld(event, occurrence, site) for occurrence, event in site.upcoming_occurrences()]
    return (json.dumps(upcoming, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _attendance(event: Event) -> str:
    if not event.data.online:
        return "https://schema.org/OfflineEventAttendanceMode"
    if event.data.online_only:
        return "https://schema.org/OnlineEventAttendanceMode"
    return "https://schema.org/MixedEventAttendanceMode"


def _offer(event: Event, site: SiteData) -> dict:
    data = event.data
    offer: dict = {
        "@type": "Offer",
        "url": data.registration or site.urls.absolute(event.url),
        "availability": "https://schema.org/SoldOut" if data.full else "https://schema.org/InStock",
    }
    if data.price:
        offer["description"] = data.price
    if data.free:
        offer.update(price=0, priceCurrency="EUR")
    return offer


def google_link(event: Event, occurrence: Occurrence, site: SiteData) -> str:
    """Return a Google Calendar "add event" link (no script needed)."""
    if occurrence.all_day:
        dates = f"{occurrence.start:%Y%m%d}/{occurrence.end:%Y%m%d}"  # the end is exclusive, as Google's
    else:
        dates = f"{_utc(occurrence.start)}/{_utc(occurrence.end)}"
    query = {
        "action": "TEMPLATE",
        "text": event.data.title,
        "dates": dates,
        "ctz": getattr(event.zone, "key", site.timezone.key),
        "details": f"{event.data.summary or ''}\n{site.urls.absolute(event.url)}".strip(),
        "location": location_text(event, site),
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_link(event: Event, occurrence: Occurrence, site: SiteData) -> str:
    """Return an Outlook.com "new event" link (no script needed)."""
    start, end = occurrence.start.isoformat(), occurrence.end.isoformat()  # the end is exclusive, as Outlook's
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.data.title,
        "startdt": start,
        "enddt": end,
        "allday": "true" if occurrence.all_day else "false",
        "body": f"{event.data.summary or ''}\n{site.urls.absolute(event.url)}".strip(),
        "location": location_text(event, site),
    }
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(query)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _closes(value: time) -> str:
    """Return schema.org's ``closes`` for a closing time: ``HH:MM``; ``23:59`` for 24:00 (END_OF_DAY).

    Not « 24:00 », which schema.org's Time (ISO 8601, XSD 1.1) reads as 00:00, nor « 00:00 »: with opens
    00:00 it says closed all day, as the closures below do. Google's LocalBusiness guide writes an open-all-day
    venue as opens 00:00, closes 23:59.
    """
    return "23:59" if value == END_OF_DAY else value.strftime("%H:%M")
