"""The network's outputs: « Le réseau », « Ailleurs dans le réseau », reseau.ics and reseau.json (SPEC section 3).

Entries of the output plan (plan.Output), written only when data/network/
holds a venue. They depend on ``network:*`` (a venue or its feed changed)
and on any event of ours (an event both we and a venue list is shown once).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, time

from icalendar import Event as VEvent

from pelican.plugins.tierslieu.ical.gate import check_calendar
from pelican.plugins.tierslieu.ical.text import Text
from pelican.plugins.tierslieu.ical.vevents import calendar_head

ANY_NETWORK = "network:*"
DEPENDS_ON = frozenset({ANY_NETWORK, "event:*"})


def network_outputs(site, output_class) -> list:
    """Return the plan's entries of the network (``output_class`` is plan.Output), none without venues."""
    network = site.network
    if network is None or not network.venues:
        return []
    urls = site.urls
    page, agenda = urls.page("network"), urls.page("network_agenda")
    ics, feed = urls.page("network_ics").save_as, urls.page("network_json").save_as

    def places() -> dict:
        return {"network": network, "jsonld": [place_jsonld(venue, site, events=False) for venue in network.venues]}

    return [
        output_class(page.save_as, "page network", "network", places, url=page.url, depends_on=DEPENDS_ON),
        output_class(
            agenda.save_as,
            "page network_agenda",
            "network_agenda",
            lambda: {"network": network, "days": network.by_day()},
            url=agenda.url,
            depends_on=DEPENDS_ON,
        ),
        output_class(ics, "reseau.ics", depends_on=DEPENDS_ON, build=lambda: network_calendar(site)),
        output_class(feed, "reseau.json", depends_on=DEPENDS_ON, build=lambda: network_json(site)),
    ]


def network_uid(venue_slug: str, uid: str, start: date | datetime, domain: str) -> str:
    """Return the UID of one occurrence in reseau.ics: the venue's slug, then a digest of the feed's UID and start."""
    instant = start.astimezone(UTC).isoformat() if isinstance(start, datetime) else start.isoformat()
    digest = hashlib.sha256(f"{uid}\n{instant}".encode()).hexdigest()[:20]
    return f"{venue_slug}-{digest}@{domain}"


def network_calendar(site) -> bytes:
    """Return reseau.ics: each upcoming occurrence of the network its own VEVENT, times in UTC (RFC 5545)."""
    network = site.network
    name = f"Le réseau de {site.venue.name}"
    text = "Les événements des lieux du réseau, pour les trois mois qui viennent"
    calendar = calendar_head(site, frozenset(), (network.today.year, network.until.year), name=name, description=text)
    used: set[str] = set()
    for event in network.events:
        component = _vevent(event, site)
        uid, number = str(component["UID"]), 2
        while uid in used:  # one VEVENT per UID (the gate's rule), whatever the feeds gave
            uid = f"{component['UID']}-{number}"
            number += 1
        component["UID"] = uid
        used.add(uid)
        calendar.add_component(component)
    data = calendar.to_ical()
    check_calendar(data, site.urls.page("network_ics").save_as)
    return data


def _vevent(event, site) -> VEvent:
    venue = event.venues[0]
    item = event.item
    component = VEvent()
    component.add("UID", network_uid(venue.slug, item.uid or item.title, item.start, site.domain))
    component.add("DTSTAMP", _stamp(venue, site))
    component.add("DTSTART", _utc(item.start))
    if item.end > item.start:  # an event without duration has no DTEND (RFC 5545 section 3.6.1)
        component.add("DTEND", _utc(item.end))
    component.add("SUMMARY", Text(item.title))
    component.add("STATUS", _ical_status(event))
    component.add("LOCATION", Text(item.location or f"{venue.data.name}, {venue.data.town}"))
    link = site.urls.absolute(event.ours[1].url) if event.ours else event.url
    if link:
        component.add("URL", link)
    names = ", ".join(source_names(event, site))
    description = "\n\n".join(part for part in (item.description, f"Annoncé par : {names}", link) if part)
    component.add("DESCRIPTION", Text(description))
    return component


def _ical_status(event) -> str:
    """Return the STATUS of an event in reseau.ics: ours as our agenda.ics says it, else the feed's (RFC 5545 section 3.8.1.11)."""
    if event.ours is not None:
        return event.ours[0].status.ical
    if event.cancelled:
        return "CANCELLED"
    return "TENTATIVE" if event.tentative else "CONFIRMED"


def source_names(event, site) -> list[str]:
    """Return who lists the event: us first when we do, then the network venues."""
    return ([site.venue.name] if event.ours else []) + [venue.data.name for venue in event.venues]


def _stamp(venue, site) -> datetime:
    """Return DTSTAMP: when the venue's copy was read, else the build date (never the clock)."""
    if venue.read_at is not None:
        return venue.read_at.astimezone(UTC)
    return datetime.combine(site.today, time(), UTC)


def _utc(value: date | datetime) -> date | datetime:
    return value.astimezone(UTC) if isinstance(value, datetime) else value


def network_json(site) -> bytes:
    """Return reseau.json: the venues as schema.org ``Place`` objects, each with its upcoming ``Event`` objects."""
    places = [place_jsonld(venue, site, events=True) for venue in site.network.venues]
    return (json.dumps(places, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def place_jsonld(venue, site, events: bool) -> dict:
    """Return a network venue as a schema.org Place (with its upcoming events when ``events``)."""
    data = venue.data
    place: dict = {"@context": "https://schema.org", "@type": "Place", "name": data.name}
    if data.summary:
        place["description"] = data.summary
    address = {"@type": "PostalAddress", "addressLocality": data.town, "addressCountry": "FR"}
    if data.address:
        address.update(
            streetAddress=data.address.street,
            postalCode=data.address.postal_code,
            addressLocality=data.address.city,
            addressCountry=data.address.country,
        )
    place["address"] = address
    if data.geo:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": data.geo.lat, "longitude": data.geo.lon}
    if data.website:
        place["url"] = data.website
    if events:
        upcoming = [event for event in site.network.events if venue in event.venues]
        place["event"] = [_event_jsonld(event, venue, site) for event in upcoming]
    return place


def _event_jsonld(event, venue, site) -> dict:
    """Return one network event as a schema.org Event; an all-day event ends on its last day, included (as agenda.json)."""
    item = event.item
    status = "EventCancelled" if event.cancelled else "EventScheduled"
    data = {
        "@type": "Event",
        "name": item.title,
        "startDate": _iso(item.start, site),
        "endDate": _iso(event.last_day if item.all_day else item.end, site),
        "eventStatus": f"https://schema.org/{status}",
        "location": {"@type": "Place", "name": item.location or venue.data.name},
        "organizer": [{"@type": "Organization", "name": name} for name in source_names(event, site)],
    }
    link = site.urls.absolute(event.ours[1].url) if event.ours else event.url
    if link:
        data["url"] = link
    if item.description:
        data["description"] = item.description
    return data


def _iso(value: date | datetime, site) -> str:
    return value.astimezone(site.timezone).isoformat() if isinstance(value, datetime) else value.isoformat()
