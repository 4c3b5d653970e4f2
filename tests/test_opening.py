"""Opening hours, closures and French public holidays (opening.py)."""

from __future__ import annotations

from datetime import date, time

from pelican.plugins.tierslieu.model.models import VenueData as Venue
from pelican.plugins.tierslieu.opening import Closure, closures, day_of, next_closure, upcoming, week_from


def venue(holidays: bool = True) -> Venue:
    return Venue.model_validate(
        {
            "name": "Lieu",
            "address": {"street": "1 rue", "postal_code": "78760", "city": "Jouars"},
            "hours": [
                {"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00", "closes": "12:30"},
                {"days": ["tu", "th"], "opens": "14:00", "closes": "18:30"},
            ],
            "closures": [{"start": "2026-12-24", "end": "2027-01-01", "reason": "Fêtes"}],
            "closed_on_public_holidays": holidays,
        }
    )


def test_public_holidays_are_closures_in_french():
    found = closures(venue(), date(2027, 1, 2), date(2027, 6, 30))
    assert [(item.start, item.reason) for item in found if item.holiday] == [
        (date(2027, 3, 29), "Lundi de Pâques"),
        (date(2027, 5, 1), "Fête du Travail"),
        (date(2027, 5, 6), "Ascension"),
        (date(2027, 5, 8), "Fête de la Victoire"),
        (date(2027, 5, 17), "Lundi de Pentecôte"),
    ]


def test_closures_are_sorted_and_holidays_only_when_the_venue_says_so():
    found = closures(venue(), date(2026, 12, 1), date(2027, 1, 31))
    assert [(item.start, item.end, item.reason, item.holiday) for item in found] == [
        (date(2026, 12, 24), date(2027, 1, 1), "Fêtes", False),
        (date(2026, 12, 25), date(2026, 12, 25), "Noël", True),
        (date(2027, 1, 1), date(2027, 1, 1), "Jour de l'an", True),
    ]
    assert [item.reason for item in closures(venue(holidays=False), date(2026, 12, 1), date(2027, 1, 31))] == ["Fêtes"]


def test_day_has_its_hours_in_order_or_its_closure():
    known = closures(venue(), date(2026, 11, 1), date(2027, 12, 31))
    tuesday = day_of(venue(), date(2026, 11, 24), known)
    assert tuesday.hours == [(time(9, 0), time(12, 30)), (time(14, 0), time(18, 30))]
    assert tuesday.is_open and tuesday.closure is None
    assert day_of(venue(), date(2026, 11, 25), known).hours == [(time(9, 0), time(12, 30))]
    saturday = day_of(venue(), date(2026, 11, 28), known)
    assert (saturday.hours, saturday.is_open) == ([], False)
    christmas_eve = day_of(venue(), date(2026, 12, 24), known)
    assert christmas_eve.closure.reason == "Fêtes" and not christmas_eve.is_open
    assert day_of(venue(), date(2027, 5, 6), known).closure.reason == "Ascension"


def test_next_and_upcoming_closures_count_the_one_under_way():
    known = [
        Closure(date(2026, 11, 2), date(2026, 11, 3), "Passée"),
        Closure(date(2026, 11, 20), date(2026, 11, 30), "En cours"),
        Closure(date(2026, 12, 25), date(2026, 12, 25), "Noël", holiday=True),
    ]
    assert next_closure(known, date(2026, 11, 24)).reason == "En cours"
    assert [item.reason for item in upcoming(known, date(2026, 11, 24))] == ["En cours", "Noël"]
    assert next_closure(known, date(2027, 1, 1)) is None


def test_week_from_today_has_seven_days():
    week = week_from(venue(), date(2026, 12, 21), closures(venue(), date(2026, 12, 1), date(2027, 1, 31)))
    assert [day.day.day for day in week] == [21, 22, 23, 24, 25, 26, 27]
    assert [day.is_open for day in week] == [True, True, True, False, False, False, False]
