"""Series at a glance: each repeat rule told in French, checked against the dates the site shows."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from datetime import date, datetime, timedelta

import pytest
from conftest import ROOT, SAMPLE, build, require_tool, write_files
from test_browser import CHROMIUM

from pelican.plugins.tierslieu.model.events import EventData
from pelican.plugins.tierslieu.series import describe

# (file, repeat block and times, what the page says, a test every shown date passes, how many dates are shown)
RULES = [
    (
        "quinzaine",
        "start: 2026-12-03 18:00\nend: 2026-12-03 19:00\nrepeat: {freq: weekly, interval: 2}",
        "Tous les quinze jours, le jeudi, de 18 h à 19 h.",
        lambda days: all(day.weekday() == 3 for day in days) and _gaps(days) == {14},
        13,
    ),
    (
        "premier-samedi",
        "start: 2026-12-05 09:30\nend: 2026-12-05 12:00\nrepeat: {freq: monthly, byday: [1sa], count: 5}",
        "Le premier samedi du mois de 9 h 30 à 12 h, 5 fois.",
        lambda days: all(day.weekday() == 5 and day.day <= 7 for day in days),
        5,
    ),
    (
        "dernier-vendredi",
        "start: 2026-11-27 08:30\nend: 2026-11-27 10:00\nrepeat: {freq: monthly, byday: [-1fr], until: 2027-03-31}",
        "Le dernier vendredi du mois de 8 h 30 à 10 h, jusqu'au 31 mars 2027.",
        lambda days: all(day.weekday() == 4 and (day + timedelta(days=7)).month != day.month for day in days),
        5,
    ),
    (
        "deuxieme-quatrieme",
        "start: 2026-12-08 20:00\nend: 2026-12-08 22:00\nrepeat: {freq: monthly, byday: [2tu, 4tu], count: 6}",
        "Le deuxième et le quatrième mardi du mois de 20 h à 22 h, 6 fois.",
        lambda days: all(day.weekday() == 1 and (day.day - 1) // 7 in (1, 3) for day in days),
        6,
    ),
    (
        "trois-jours",
        "start: 2026-12-26\nrepeat: {freq: daily, count: 3}",
        "Tous les jours, 3 fois.",
        lambda days: days == [date(2026, 12, 26), date(2026, 12, 27), date(2026, 12, 28)],
        3,
    ),
    (
        "lundi-mercredi",
        "start: 2026-11-30 12:00\nend: 2026-11-30 13:00\nrepeat: {freq: weekly, byday: [mo, we], until: 2026-12-16}",
        "Tous les lundis et mercredis de 12 h à 13 h, jusqu'au 16 décembre 2026.",
        lambda days: [day.weekday() for day in days] == [0, 2] * 3 and days[-1] == date(2026, 12, 16),
        6,
    ),
    (
        "le-quinze",
        "start: 2026-12-15 19:00\nend: 2026-12-15 21:00\nrepeat: {freq: monthly, count: 4}",
        "Le 15 de chaque mois de 19 h à 21 h, 4 fois.",
        lambda days: all(day.day == 15 for day in days),
        4,
    ),
    (
        "fete",
        "start: 2027-07-14\nrepeat: {freq: yearly, count: 3}",
        "Chaque année, le 14 juillet, 3 fois.",
        lambda days: days == [date(2027, 7, 14)],  # the site shows the next twelve months
        1,
    ),
    (
        "trois-semaines",
        "start: 2026-12-02 10:00\nend: 2026-12-02 11:00\nrepeat: {freq: weekly, interval: 3, count: 4, except: [2026-12-23]}",
        "Toutes les trois semaines, le mercredi, de 10 h à 11 h, 4 fois, sauf le 23 décembre 2026.",
        lambda days: all(day.weekday() == 2 for day in days) and _gaps(days) == {21},
        4,
    ),
    (
        "bimestriel",
        "start: 2026-12-03 18:00\nend: 2026-12-03 20:00\nrepeat: {freq: monthly, interval: 2, byday: [1th], count: 3}",
        "Le premier jeudi du mois, tous les deux mois, de 18 h à 20 h, 3 fois.",
        lambda days: all(day.weekday() == 3 and day.day <= 7 for day in days) and [d.month for d in days] == [12, 2, 4],
        3,
    ),
    (
        "tous-les-deux-jours",
        "start: 2026-12-01 18:00\nend: 2026-12-01 19:00\nrepeat: {freq: daily, interval: 2, count: 4}",
        "Tous les deux jours de 18 h à 19 h, 4 fois.",
        lambda days: _gaps(days) == {2},
        4,
    ),
]


def _gaps(days: list[date]) -> set[int]:
    return {(later - earlier).days for earlier, later in itertools.pairwise(days)}


@pytest.fixture(scope="module")
def series_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("series")
    site = root / "site"
    shutil.copytree(SAMPLE, site)
    write_files(site, {f"data/events/{slug}.yaml": f"title: {slug}\n{rule}\n" for slug, rule, *_ in RULES})
    return build(site, root / "out")


def shown_dates(html: str) -> list[date]:
    """Return the dates an event page shows (its next date, then the following ones), in order."""
    values = re.findall(r'<time class="(?:dt-start|when)" datetime="([^"]+)"', html)
    return [datetime.fromisoformat(value).date() if "T" in value else date.fromisoformat(value) for value in values]


@pytest.mark.parametrize(("slug", "rule", "said", "holds", "count"), RULES, ids=[rule[0] for rule in RULES])
def test_each_rule_reads_in_french_and_matches_the_dates_shown(series_site, slug, rule, said, holds, count):
    html = series_site.read(f"agenda/{slug}/index.html")
    assert re.search(r'<span class="series-rule">(.*?)</span>', html).group(1).replace("&#39;", "'") == said
    days = shown_dates(html)
    assert len(days) == count
    assert days == sorted(days) and holds(days), days


def test_the_page_of_a_series_says_its_rule_before_its_next_date(series_site):
    html = series_site.read("agenda/atelier-hebdo/index.html")
    rule = (
        "Tous les mardis de 18 h 30 à 20 h, jusqu&#39;au 6 avril 2027, sauf le 29 décembre 2026 ; "
        "la date du 30 mars 2027 est déplacée au mercredi 31 mars 2027 à 18 h 30."
    )
    assert html.index(rule) < html.index("Prochaine date : <time") < html.index('id="dates"')
    assert 'mardi 29 décembre 2026, 18 h 30 – 20 h</time> <strong class="badge badge-cancelled">annulé' in html


def test_the_agenda_lists_a_series_once_a_month_with_every_date_behind_it(series_site):
    html = series_site.read("agenda/index.html")
    december = html[html.index('id="mois-2026-12"') : html.index('id="mois-2027-01"')]
    # Series with two dates or more in December: the sample's, and six of RULES (not the monthly or yearly ones).
    assert december.count('<li class="event-item series-item">') == 7
    line = december[december.index("Atelier &#34;couture&#34; du mardi") :]
    line = line[: line.index("</details>")]
    assert "Voir les 5 dates de décembre 2026" in line
    assert line.count('data-event="atelier-hebdo"') == 5
    assert line.count("data-cancelled-occurrence") == 1
    # Views by day still show every date.
    assert series_site.read("agenda/2026/12/index.html").count("couture") >= 5


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo venue, built once (its June programme and its open day are printed)."""
    require_tool(os.path.exists(CHROMIUM), f"Chromium ({CHROMIUM})")
    return build(ROOT, tmp_path_factory.mktemp("demo") / "out")


def printed_pages(page, pdf) -> int:
    """Print a built page to PDF with headless Chromium (A4, the page's own print styles); return its page count."""
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))


def test_a_month_with_a_weekly_series_prints_on_one_a4_page(demo, tmp_path):
    text = demo.read("agenda/programme/2027-06/index.html")
    assert "Tous les mardis de 14 h à 16 h : les 1er, 8, 15, 22 et 29 juin" in text
    assert printed_pages(demo.output / "agenda/programme/2027-06/index.html", tmp_path / "juin.pdf") == 1


def test_the_open_day_prints_as_its_programme_with_one_qr_code(demo, tmp_path):
    page = demo.output / "agenda/2027-06-02-journee-portes-ouvertes/index.html"
    html = demo.read("agenda/2027-06-02-journee-portes-ouvertes/index.html")
    assert html.count("<svg") == 1 and '<div class="qr print-only" aria-hidden="true"><svg' in html
    assert html.count('class="session h-event') == 10
    assert printed_pages(page, tmp_path / "jpo.pdf") == 1


@pytest.mark.parametrize(
    ("byday", "said"),
    [
        (["-5mo"], "le cinquième lundi en partant de la fin du mois"),
        (["-2fr"], "l'avant-dernier vendredi du mois"),
        (["-3we", "1mo"], "le troisième mercredi en partant de la fin et le premier lundi du mois"),
        (["1tu", "-2tu"], "le premier et l'avant-dernier mardi du mois"),
        (["1mo", "-3mo"], "le premier lundi et le troisième lundi en partant de la fin du mois"),
        (["-1fr"], "le dernier vendredi du mois"),
    ],
)
def test_ranks_from_the_end_read_in_french(byday, said):
    """« en partant de la fin » follows the weekday, and « le » is elided before « avant-dernier »."""
    event = EventData.model_validate(
        {"title": "A", "start": "2027-01-04 10:00", "repeat": {"freq": "monthly", "byday": byday, "count": 3}}
    )
    assert describe(event, brief=True) == said + " de 10 h à 11 h"


@pytest.mark.parametrize(
    ("count", "line"),
    [
        (20, "et 7 autres dates jusqu'au jeudi 20 mai 2027."),
        (14, "et une autre date, le jeudi 8 avril 2027."),
        (13, None),
    ],
)
def test_a_cut_list_of_next_dates_says_how_many_more_follow(site_copy, tmp_path, count, line):
    event = f"title: Club\nstart: 2027-01-07 18:00\nend: 2027-01-07 19:00\nrepeat: {{freq: weekly, count: {count}}}\n"
    write_files(site_copy, {"data/events/club.yaml": event})
    html = build(site_copy, tmp_path / "out").read("agenda/club/index.html").replace("\u00a0", " ")
    dates = html[html.index('id="dates"') :]
    dates = dates[: dates.index("</section>")]
    assert dates.count('<time class="when"') == 12
    assert re.findall(r'<p class="more-dates">([^<]*)</p>', dates) == ([line.replace("'", "&#39;")] if line else [])


def test_a_moved_date_keeps_its_own_hour_in_a_months_dates():
    """Programme and newsletter: « 15 (jeudi à 11 h, déplacé) », never the series' hours for a date moved elsewhen."""
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    from pelican.plugins.tierslieu.recurrence import expand  # noqa: PLC0415
    from pelican.plugins.tierslieu.series import occurrence_days  # noqa: PLC0415

    paris = ZoneInfo("Europe/Paris")
    data = EventData.model_validate(
        {
            "title": "Café du matin",
            "start": "2027-03-01 10:00",
            "end": "2027-03-01 10:30",
            "repeat": {
                "freq": "daily",
                "count": 40,
                "except": ["2027-03-05"],
                "moved": {"2027-03-31": "2027-04-15 11:00", "2027-04-02": "2027-02-28 18:00"},
            },
        }
    )
    occurrences = expand(data, paris, date(2027, 12, 31))
    event = type("Event", (), {"occurrences": occurrences})()

    def month(first: date) -> list:
        days = [item for item in occurrences if item.start.astimezone(paris).date().replace(day=1) == first]
        return sorted(days, key=lambda item: item.start)  # as the site lists them

    april = occurrence_days(month(date(2027, 4, 1)), event, zone=paris)
    assert april.startswith("les 1er, 3, 4, 5, 6, 7, 8, 9 et 15 (jeudi à 11 h, déplacé) avril ;")
    assert "la date du 2 avril 2027 est déplacée au dimanche 28 février 2027 à 18 h" in april
    march = occurrence_days(month(date(2027, 3, 1)), event, zone=paris)
    assert "la date du 31 mars 2027 est déplacée au jeudi 15 avril 2027 à 11 h" in march


def test_a_series_abroad_says_its_hours_are_local_everywhere_it_is_said():
    """Trial 11: « tous les mercredis de 12 h à 13 h » in Toronto read as Paris hours on the programme and the letter."""
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    from pelican.plugins.tierslieu.recurrence import expand  # noqa: PLC0415
    from pelican.plugins.tierslieu.series import occurrence_days  # noqa: PLC0415

    paris = ZoneInfo("Europe/Paris")
    data = EventData.model_validate(
        {
            "title": "Visio hebdo Toronto",
            "start": "2027-03-03 12:00",
            "end": "2027-03-03 13:00",
            "timezone": "America/Toronto",
            "repeat": {"freq": "weekly", "byday": ["we"], "count": 6, "moved": {"2027-03-17": "2027-03-18 12:00"}},
        }
    )
    assert describe(data, brief=True, zone=paris) == "tous les mercredis de 12 h à 13 h (heure locale, America/Toronto)"
    assert describe(data, brief=True, zone=ZoneInfo("America/Toronto")) == "tous les mercredis de 12 h à 13 h"
    occurrences = sorted(expand(data, ZoneInfo("America/Toronto"), date(2027, 12, 31)), key=lambda item: item.start)
    event = type("Event", (), {"occurrences": occurrences, "data": data})()
    march = [item for item in occurrences if item.start.month == 3]
    assert occurrence_days(march, event, zone=paris) == "les 3, 10, 18 (jeudi à 12 h, déplacé), 24 et 31 mars"


@pytest.mark.parametrize(
    ("slug", "line"),
    [
        ("fete", "Et 2 autres dates jusqu&#39;au samedi 14 juillet 2029."),  # past the twelve months the site shows
        ("quinzaine", "et les dates suivantes : la série n&#39;a pas de date de fin."),
        ("le-quinze", None),  # all four within the twelve months
    ],
)
def test_dates_past_the_horizon_are_said_never_hidden(series_site, slug, line):
    """Trial 12: a yearly series of three dates said « Pas d'autre date prévue » after its first one."""
    html = series_site.read(f"agenda/{slug}/index.html").replace("\u00a0", " ")
    dates = html[html.index('id="dates"') :]
    dates = dates[: dates.index("</section>")]
    assert re.findall(r'<p class="more-dates">([^<]*)</p>', dates) == ([line] if line else [])
    assert ("Pas d&#39;autre date prévue" in dates) == (slug == "le-quinze" and "<li" not in dates)


def test_a_daily_rule_kept_to_weekdays_says_or():
    """Trial 13: « s'ils tombent un lundi et mercredi »: a day falls on one weekday or another."""
    event = EventData.model_validate(
        {"title": "A", "start": "2027-01-04 10:00", "repeat": {"freq": "daily", "interval": 7, "byday": ["mo", "we"]}}
    )
    assert describe(event, brief=True) == "tous les sept jours, s'ils tombent un lundi ou un mercredi, de 10 h à 11 h"


def test_a_date_planned_past_the_horizon_and_moved_within_it_is_shown_where_it_is():
    """Attacker trial 16: yearly, count 2, 23 Dec 2027 moved to 2 Nov 2027 (within the twelve months shown)."""
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    from pelican.plugins.tierslieu.recurrence import dates_after, expand  # noqa: PLC0415

    paris = ZoneInfo("Europe/Paris")
    data = EventData.model_validate(
        {
            "title": "Déplacé plus tôt",
            "start": "2026-12-23 10:00",
            "end": "2026-12-23 11:00",
            "repeat": {"freq": "yearly", "count": 2, "moved": {"2027-12-23": "2027-11-02 10:00"}},
        }
    )
    horizon = date(2027, 11, 24)
    shown = expand(data, paris, horizon)
    assert [(item.start.date(), item.moved) for item in shown] == [
        (date(2026, 12, 23), False),
        (date(2027, 11, 2), True),
    ]
    assert shown[1].original.date() == date(2027, 12, 23)
    assert dates_after(data, horizon) == (0, None)  # the moved date is among those shown, not counted again
    later = EventData.model_validate(
        {
            "title": "Annuel",
            "start": "2026-12-20 10:00",
            "repeat": {"freq": "yearly", "count": 2, "moved": {"2027-12-20": "2028-01-03 10:00"}},
        }
    )
    assert dates_after(later, horizon) == (1, date(2028, 1, 3))  # said where it now is
