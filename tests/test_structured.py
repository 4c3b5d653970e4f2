"""schema.org JSON-LD and "add to my calendar" links (structured.py), on the sample's data."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import sample_settings

from pelican.plugins.tierslieu import structured
from pelican.plugins.tierslieu.generator import load_site

ADDRESS = {
    "@type": "PostalAddress",
    "streetAddress": "2 rue du Four",
    "postalCode": "01000",
    "addressLocality": "Bourg-en-Bresse",
    "addressCountry": "NO",
}


@pytest.fixture(scope="module")
def sample():
    settings = sample_settings()
    site = load_site(settings)
    return site, settings, {event.slug: event for event in site.events}


def jsonld(sample, slug, pick=lambda event, site: event.next_occurrence(site.today)):
    site, _settings, events = sample
    event = events[slug]
    return structured.event_jsonld(event, pick(event, site), site)


def test_occurrence_of_a_series_is_an_event_at_its_own_date(sample):
    data = jsonld(sample, "atelier-hebdo")
    assert data["@type"] == "Event" and data["@context"] == "https://schema.org"
    assert (data["startDate"], data["endDate"]) == ("2026-11-24T18:30:00+01:00", "2026-11-24T20:00:00+01:00")
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"] == {"@type": "Place", "name": "La Grange d'Essai", "address": ADDRESS}
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "La Grange d'Essai",
        "url": "https://grange.example.org/",
    }
    assert data["performer"] == [
        {"@type": "Person", "name": "Éloïse Bérenger", "url": "https://grange.example.org/pepites/eloise-berenger/"},
        {"@type": "Organization", "name": "Les Réparateurs", "url": "https://grange.example.org/pepites/repair/"},
    ]
    assert data["description"] == "Chaque mardi soir"
    assert "offers" not in data


def test_cancelled_date_of_a_series_says_cancelled(sample):
    data = jsonld(sample, "atelier-hebdo", lambda event, _site: next(o for o in event.occurrences if o.cancelled))
    assert data["startDate"] == "2026-12-29T18:30:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_cancelled_event_says_cancelled(sample):
    assert jsonld(sample, "fete-annulee")["eventStatus"] == "https://schema.org/EventCancelled"


def test_all_day_event_has_dates_and_a_free_offer(sample):
    data = jsonld(sample, "salon-artisans")
    assert (data["startDate"], data["endDate"]) == ("2026-12-11", "2026-12-13")
    assert data["offers"] == {
        "@type": "Offer",
        "url": "https://grange.example.org/agenda/salon-artisans/",
        "availability": "https://schema.org/InStock",
        "description": "Gratuit",
        "price": 0,
        "priceCurrency": "EUR",
    }


def test_full_event_is_sold_out_with_its_registration_address(sample):
    offers = jsonld(sample, "journee-ete")["offers"]
    assert offers == {
        "@type": "Offer",
        "url": "https://inscription.example.org/ete",
        "availability": "https://schema.org/SoldOut",
        "description": "10 €",
    }


def test_calendar_links_of_an_all_day_event_end_the_day_after(sample):
    site, _settings, events = sample
    event = events["salon-artisans"]
    occurrence = event.next_occurrence(site.today)
    google = parse_qs(urlsplit(structured.google_link(event, occurrence, site)).query)
    assert google["dates"] == ["20261211/20261214"] and google["ctz"] == ["Europe/Paris"]
    outlook = parse_qs(urlsplit(structured.outlook_link(event, occurrence, site)).query)
    assert (outlook["startdt"], outlook["enddt"], outlook["allday"]) == (["2026-12-11"], ["2026-12-14"], ["true"])


def test_calendar_links_of_a_timed_event_are_in_utc_for_google(sample):
    site, _settings, events = sample
    event = events["atelier-hebdo"]
    occurrence = event.next_occurrence(site.today)
    google = parse_qs(urlsplit(structured.google_link(event, occurrence, site)).query)
    assert google["dates"] == ["20261124T173000Z/20261124T190000Z"]
    assert google["details"] == ["Chaque mardi soir\nhttps://grange.example.org/agenda/atelier-hebdo/"]
    outlook = parse_qs(urlsplit(structured.outlook_link(event, occurrence, site)).query)
    assert outlook["startdt"] == ["2026-11-24T18:30:00+01:00"] and outlook["allday"] == ["false"]


def test_venue_is_a_local_business_with_hours_and_closures(sample):
    site, _settings, _ = sample
    data = structured.venue_jsonld(site)
    assert data["@type"] == "LocalBusiness" and data["address"] == ADDRESS
    assert data["openingHoursSpecification"][0]["dayOfWeek"][0] == "Monday"
    assert {
        "@type": "OpeningHoursSpecification",
        "validFrom": "2026-12-25",
        "validThrough": "2026-12-25",
        "opens": "00:00",
        "closes": "00:00",
        "description": "Noël",
    } in data["specialOpeningHoursSpecification"]
