"""Views by month and by day show an event in every month and on every day it covers (SPEC section 3).

The sample's today is 2026-11-24. The events added here cross a month
boundary, began before the month shown, or end in another month once read
in the site's time zone.
"""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from conftest import BUILD_DATE, ROOT, build, write_files
from pelican.settings import read_settings

from pelican.plugins.tierslieu.agenda_pages import agenda_pages, past_by_month, upcoming_by_month
from pelican.plugins.tierslieu.generator import load_site
from pelican.plugins.tierslieu.settings import apply_defaults

EVENTS = {
    # Began last month, runs to January: listed in November, December and January.
    "data/events/expo-gravures.yaml": "title: Exposition de gravures\nstart: 2026-10-15\nend: 2027-01-10\n"
    "category: Exposition\n",
    # 30 January to 2 February, all day: January and February.
    "data/events/marche-chandeleur.yaml": "title: Marché de la Chandeleur\nstart: 2027-01-30\nend: 2027-02-02\n",
    # From 22:00 on the last day of February to 02:00 on 1 March.
    "data/events/nuit-etoiles.yaml": "title: Nuit des étoiles\nstart: 2027-02-28 22:00\nend: 2027-03-01 02:00\n",
    # Past: 20 September to 5 October.
    "data/events/residence.yaml": "title: Résidence d'artiste\nstart: 2026-09-20\nend: 2026-10-05\n",
    # Past, began before the twelve months the past page shows.
    "data/events/fresque.yaml": "title: Fresque du relais\nstart: 2025-10-01\nend: 2025-12-10\n",
    # 23 November 22:30-23:30 in Toronto is 24 November 04:30-05:30 in Paris: today, not past.
    "data/events/visio-nuit.yaml": "title: Visio de nuit\nstart: 2026-11-23 22:30\nend: 2026-11-23 23:30\n"
    "timezone: America/Toronto\n",
}


@pytest.fixture
def venue(site_copy):
    write_files(site_copy, EVENTS)
    return site_copy


@pytest.fixture
def site(venue):
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(venue / "content"),
            "DATA_PATH": str(venue / "data"),
            "SITEURL": "https://grange.example.org",
            "TIERSLIEU_BUILD_DATE": BUILD_DATE,
        },
    )
    apply_defaults(settings)
    return load_site(settings)


def slugs(pairs) -> list[str]:
    """Return the slug of each line: a pair (occurrence, event), or a series' line of the month (SeriesLine)."""
    return [item.event.slug if hasattr(item, "event") else item[1].slug for item in pairs]


def page_context(site, save_as: str) -> dict:
    return next(page.context for page in agenda_pages(site) if page.save_as == save_as)


def days_of(context: dict, slug: str) -> list[date]:
    return [day for week in context["weeks"] for day, pairs in week if slug in slugs(pairs)]


def test_the_agenda_lists_an_event_in_every_month_it_covers(site):
    months = {month: slugs(pairs) for month, pairs in upcoming_by_month(site)}
    assert date(2026, 10, 1) not in months  # the expo began in October, but the agenda starts this month
    assert months[date(2026, 11, 1)][:3] == ["expo-gravures", "visio-nuit", "atelier-hebdo"]
    assert months[date(2026, 12, 1)][0] == "expo-gravures"
    assert [slug for slug in months[date(2027, 1, 1)] if slug != "atelier-hebdo"] == [
        "expo-gravures",
        "fete-annulee",
        "marche-chandeleur",
    ]
    assert [slug for slug in months[date(2027, 2, 1)] if slug != "atelier-hebdo"] == [
        "marche-chandeleur",
        "nuit-etoiles",
    ]
    assert months[date(2027, 3, 1)][0] == "nuit-etoiles"  # it began on 28 February, it ends on 1 March
    assert all(len(pairs) == len(set(map(id, pairs))) for pairs in dict(upcoming_by_month(site)).values())


def test_month_pages_and_programmes_show_what_runs_in_their_month(site):
    november = page_context(site, "agenda/2026/11/index.html")
    assert days_of(november, "expo-gravures") == [date(2026, 11, day) for day in range(1, 31)]
    assert days_of(november, "visio-nuit") == [date(2026, 11, 24)]
    january = page_context(site, "agenda/2027/01/index.html")
    assert days_of(january, "expo-gravures") == [date(2027, 1, day) for day in range(1, 11)]
    assert days_of(january, "marche-chandeleur") == [date(2027, 1, 30), date(2027, 1, 31)]
    february = page_context(site, "agenda/2027/02/index.html")
    assert days_of(february, "marche-chandeleur") == [date(2027, 2, 1), date(2027, 2, 2)]
    assert days_of(february, "nuit-etoiles") == [date(2027, 2, 28)]
    assert slugs(february["occurrences"])[:1] == ["marche-chandeleur"]
    march = page_context(site, "agenda/2027/03/index.html")
    assert days_of(march, "nuit-etoiles") == [date(2027, 3, 1)]
    programme = page_context(site, "agenda/programme/2027-02/index.html")
    assert [slug for slug in slugs(programme["occurrences"]) if slug != "atelier-hebdo"] == [
        "marche-chandeleur",
        "nuit-etoiles",
    ]
    assert "expo-gravures" in slugs(page_context(site, "agenda/programme/2026-12/index.html")["occurrences"])
    assert "expo-gravures" not in slugs(page_context(site, "agenda/programme/2027-02/index.html")["occurrences"])


def test_the_past_page_lists_an_event_in_each_month_latest_first(site):
    added = {"residence", "fresque"}
    months = [(month, [slug for slug in slugs(pairs) if slug in added]) for month, pairs in past_by_month(site)]
    assert [(month, names) for month, names in months if names] == [
        (date(2026, 10, 1), ["residence"]),
        (date(2026, 9, 1), ["residence"]),
        (date(2025, 12, 1), ["fresque"]),
        (date(2025, 11, 1), ["fresque"]),  # October 2025 is before the twelve months
    ]


def test_the_home_shows_a_running_event_and_one_of_today_in_the_sites_time_zone(site):
    assert slugs(site.next_events(4)) == ["expo-gravures", "visio-nuit", "atelier-hebdo", "salon-artisans"]
    assert "visio-nuit" not in slugs(site.past_occurrences(12))


def test_the_category_page_lists_a_running_event(site):
    assert slugs(page_context(site, "agenda/categorie/exposition/index.html")["occurrences"]) == ["expo-gravures"]


def test_built_pages_show_the_months_and_elide_de(venue, tmp_path):
    built = build(venue, tmp_path / "output")

    def read(path: str) -> str:  # entities read: « d'avril » is written « d&#39;avril »
        return html.unescape(built.read(path))

    february = read("agenda/2027/02/index.html")
    assert "<h1>Agenda de février 2027</h1>" in february
    grid = february.split("<h2>En détail</h2>")[0]
    assert grid.count("Marché de la Chandeleur</a>") == 2  # 1 and 2 February
    assert "Marché de la Chandeleur" in february.split("<h2>En détail</h2>")[1]
    programme = read("agenda/programme/2027-02/index.html")
    assert "<title>Programme de février 2027 — " in programme
    assert "Marché de la Chandeleur" in programme and "Nuit des étoiles" in programme
    assert "<h1>Programme d'avril 2027</h1>" in read("agenda/programme/2027-04/index.html")
    august = read("agenda/2027/08/index.html")
    assert "<h1>Agenda d'août 2027</h1>" in august
    assert "<caption>Événements d'août 2027, semaine par semaine</caption>" in august
    assert "<title>Agenda d'octobre 2027 — " in read("agenda/2027/10/index.html")
    agenda = read("agenda/index.html")
    sections = dict(re.findall(r'<section aria-labelledby="mois-(\d{4}-\d{2})">(.*?)</section>', agenda, re.S))
    assert [month for month, text in sections.items() if "Exposition de gravures" in text] == [
        "2026-11",
        "2026-12",
        "2027-01",
    ]
    assert [month for month, text in sections.items() if "Marché de la Chandeleur" in text] == ["2027-01", "2027-02"]
    assert [text.count('data-event="expo-gravures"') for text in sections.values()][:4] == [1, 1, 1, 0]
    past = read("agenda/passes/index.html")
    past_sections = re.findall(r'<section aria-labelledby="mois-(\d{4}-\d{2})">(.*?)</section>', past, re.S)
    assert [month for month, text in past_sections if "Résidence d'artiste" in text] == ["2026-10", "2026-09"]
