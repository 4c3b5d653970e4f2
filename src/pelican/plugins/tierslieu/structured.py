"""schema.org JSON-LD and "add to my calendar" links, from the same data as the pages."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode

from .ical.vevents import location_text
from .recurrence import Occurrence
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
            "closes": hours.closes.strftime("%H:%M"),
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
    locations: list = [place]
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
        result["performer"] = [
            {
                "@type": "Organization" if pepite.data.organisation else "Person",
                "name": pepite.data.name,
                "url": site.urls.absolute(pepite.url),
            }
            for pepite in event.pepites
        ]
    return result


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
