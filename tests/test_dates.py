"""Dates, times and prices in French (dates.py)."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from pelican.plugins.tierslieu.dates import (
    clock,
    days_label,
    format_local,
    format_occurrence,
    long_date,
    month_year,
    of,
    of_month,
    price,
    short_date,
    weekday_name,
)
from pelican.plugins.tierslieu.model.events import EventData
from pelican.plugins.tierslieu.model.weekdays import Weekday
from pelican.plugins.tierslieu.recurrence import Occurrence

PARIS = ZoneInfo("Europe/Paris")
TORONTO = ZoneInfo("America/Toronto")
NBSP = "\u00a0"


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


EVENT = EventData(title="Test", start=date(2027, 1, 1))


def timed(start: datetime, end: datetime) -> Occurrence:
    return Occurrence(start, end, start, event=EVENT)


def test_first_of_the_month_is_1er():
    assert long_date(date(2026, 12, 1)) == "mardi 1er décembre 2026"
    assert short_date(datetime(2027, 1, 1, 10, 0)) == "1er janvier 2027"
    assert long_date(date(2027, 3, 31)) == "mercredi 31 mars 2027"


def test_month_and_weekday_names():
    assert month_year(date(2027, 6, 1)) == "juin 2027"
    assert weekday_name(date(2027, 8, 15)) == "dimanche"


@pytest.mark.parametrize(
    ("month", "text"),
    [
        (1, "de janvier 2027"),
        (2, "de février 2027"),
        (3, "de mars 2027"),
        (4, "d'avril 2027"),
        (5, "de mai 2027"),
        (6, "de juin 2027"),
        (7, "de juillet 2027"),
        (8, "d'août 2027"),
        (9, "de septembre 2027"),
        (10, "d'octobre 2027"),
        (11, "de novembre 2027"),
        (12, "de décembre 2027"),
    ],
)
def test_de_before_a_month_is_elided_before_a_vowel(month, text):
    assert of_month(date(2027, month, 1)) == text
    assert of_month(datetime(2027, month, 15, 10, 0)) == text


def test_de_is_elided_before_any_vowel_sound_and_kept_before_consonants():
    assert of("Écoute") == "d'Écoute"
    assert of("œuvres") == "d'œuvres"
    assert of("Atelier") == "d'Atelier"
    assert of("Yvelines") == "d'Yvelines"
    assert of("Jouars") == "de Jouars"
    assert of("123") == "de 123"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (time(18, 30), "18 h 30"),
        (time(9, 0), "9 h"),
        (time(0, 5), "0 h 05"),
        (datetime(2027, 1, 1, 12, 0), "12 h"),
    ],
)
def test_clock_the_french_way_with_no_break_spaces(value, text):
    assert clock(value) == text.replace(" ", NBSP)


def test_timed_occurrence_is_a_day_and_a_range_of_hours():
    occurrence = timed(datetime(2026, 11, 24, 18, 30, tzinfo=PARIS), datetime(2026, 11, 24, 20, 0, tzinfo=PARIS))
    assert plain(format_occurrence(occurrence, PARIS)) == "mardi 24 novembre 2026, 18 h 30 – 20 h"


def test_occurrence_is_said_in_the_site_time_zone():
    occurrence = timed(datetime(2027, 3, 20, 10, 0, tzinfo=TORONTO), datetime(2027, 3, 20, 11, 30, tzinfo=TORONTO))
    assert plain(format_occurrence(occurrence, PARIS)) == "samedi 20 mars 2027, 15 h – 16 h 30"
    assert plain(format_local(occurrence)) == "samedi 20 mars 2027, 10 h – 11 h 30 (heure locale, America/Toronto)"


def test_timed_occurrence_over_several_days_names_both_ends():
    occurrence = timed(datetime(2027, 2, 5, 18, 0, tzinfo=PARIS), datetime(2027, 2, 7, 12, 0, tzinfo=PARIS))
    assert (
        plain(format_occurrence(occurrence, PARIS))
        == "du vendredi 5 février 2027, 18 h, au dimanche 7 février 2027, 12 h"
    )


def test_all_day_occurrences():
    one_day = Occurrence(date(2027, 5, 1), date(2027, 5, 2), date(2027, 5, 1), event=EVENT)  # end exclusive
    assert format_occurrence(one_day, PARIS) == "samedi 1er mai 2027"
    assert format_local(one_day) == ""
    salon = Occurrence(date(2026, 12, 11), date(2026, 12, 14), date(2026, 12, 11), event=EVENT)
    assert format_occurrence(salon, PARIS) == "du vendredi 11 décembre 2026 au dimanche 13 décembre 2026"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal(15), "15 €"),
        (Decimal("12.5"), "12,50 €"),
        (Decimal("180.50"), "180,50 €"),
        (Decimal(1200), "1 200 €"),
    ],
)
def test_prices_in_euros(value, text):
    assert plain(price(value)).replace("\u202f", " ") == text


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (["mo", "tu", "we", "th", "fr"], "du lundi au vendredi"),
        (["fr", "mo", "we", "th", "tu"], "du lundi au vendredi"),
        (["mo", "tu"], "lundi et mardi"),
        (["mo", "we", "fr"], "lundi, mercredi et vendredi"),
        (["sa"], "samedi"),
    ],
)
def test_days_label(days, text):
    assert days_label([Weekday(code) for code in days]) == text


@pytest.mark.parametrize(
    ("zone", "start", "site", "local"),
    [
        (
            "Pacific/Pago_Pago",
            datetime(2027, 2, 3, 20, 0),
            "jeudi 4 février 2027, 8 h – 9 h",
            "mercredi 3 février 2027, 20 h – 21 h (heure locale, Pacific/Pago_Pago)",
        ),
        (
            "Pacific/Auckland",
            datetime(2027, 2, 4, 8, 0),
            "mercredi 3 février 2027, 20 h – 21 h",
            "jeudi 4 février 2027, 8 h – 9 h (heure locale, Pacific/Auckland)",
        ),
    ],
)
def test_local_time_is_said_with_its_local_day(zone, start, site, local):
    start = start.replace(tzinfo=ZoneInfo(zone))
    occurrence = timed(start, start.replace(hour=start.hour + 1))
    # The site's day is said first (and cached): the local day must not be taken from it.
    assert plain(format_occurrence(occurrence, PARIS)) == site
    assert plain(format_local(occurrence)) == local


@pytest.mark.parametrize(("zone", "name"), [("Etc/GMT+12", "UTC−12"), ("Etc/GMT-14", "UTC+14"), ("Etc/UTC", "UTC")])
def test_an_etc_zone_is_named_by_its_offset_with_the_posix_sign_inverted(zone, name):
    start = datetime(2027, 2, 3, 20, 0, tzinfo=ZoneInfo(zone))
    assert plain(format_local(timed(start, start.replace(hour=21)))).endswith(f"(heure locale, {name})")
