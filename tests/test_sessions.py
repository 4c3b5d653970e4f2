"""Sessions: the programme of an event (SPEC section 2, ``sessions:``), through the real build."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date

import pytest
from clients import all_clients
from conftest import SAMPLE, build, json_ld, write_files
from icalendar import Calendar
from test_calendar_identity import git

from pelican.plugins.tierslieu.model.errors import DataErrors

DOMAIN = "grange.example.org"
OPEN_DAY = """\
    title: Journée portes ouvertes
    start: 2027-06-02 10:00
    end: 2027-06-02 18:00
    category: Portes ouvertes
    pepites: [minimal]
    sessions:
      - start: "14:00"
        end: "16:00"
        title: Atelier de réparation
        place: L'atelier
        pepites: [repair]
        category: Atelier
      - start: "10:00"
        end: "18:00"
        title: Marché de producteurs
        place: La cour
      - start: "12:30"
        end: "12:50"
        title: L'Impact Score en 20 minutes
        id: impact-score
        place: Salle du relais
        pepites: [eloise-berenger]
        description: Un outil de notation de l'impact social.
      - start: "13:00"
        end: "13:20"
        title: Se reconvertir
        place: Salle du relais
"""


@pytest.fixture(scope="module")
def open_day(tmp_path_factory):
    """The sample site with a one-day event and its programme, built once."""
    root = tmp_path_factory.mktemp("sessions")
    site = root / "site"
    shutil.copytree(SAMPLE, site)
    write_files(site, {"data/events/portes-ouvertes.yaml": OPEN_DAY})
    return build(site, root / "out")


def events_of(path) -> dict[str, object]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(component["UID"]): component for component in calendar.walk("VEVENT")}


def test_the_event_page_shows_the_programme_in_time_order_with_anchors(open_day):
    html = open_day.read("agenda/portes-ouvertes/index.html")
    anchors = re.findall(r'<li id="(session-[^"]+)" class="session', html)
    assert anchors == [
        "session-marche-de-producteurs-1000",
        "session-impact-score",
        "session-se-reconvertir-1300",
        "session-atelier-de-reparation-1400",
    ]
    # Three places: a grid with one column per place on wide screens, the order of the page unchanged.
    assert 'class="timetable timetable-places" style="--places: 3"' in html
    assert '<span style="grid-column: 2">Salle du relais</span>' in html
    impact = html[html.index('id="session-impact-score"') :]
    impact = impact[: impact.index("</li>")]
    assert "12 h 30</time> – <time" in impact
    assert "Éloïse Bérenger" in impact
    assert 'href="../../agenda/portes-ouvertes/portes-ouvertes--impact-score.ics" download' in impact
    assert "calendar.google.com" in impact and "outlook.live.com" in impact


def test_a_session_alone_goes_to_a_calendar_with_its_parent(open_day):
    alone = events_of(open_day.output / "agenda/portes-ouvertes/portes-ouvertes--impact-score.ics")
    uid = f"portes-ouvertes--impact-score@{DOMAIN}"
    assert list(alone) == [uid]
    talk = alone[uid]
    assert str(talk["SUMMARY"]) == "L'Impact Score en 20 minutes"
    assert talk["DTSTART"].dt.isoformat() == "2027-06-02T12:30:00+02:00"
    assert talk["DTEND"].dt.isoformat() == "2027-06-02T12:50:00+02:00"
    assert str(talk["RELATED-TO"]) == f"portes-ouvertes@{DOMAIN}"
    assert talk["RELATED-TO"].params["RELTYPE"] == "PARENT"
    assert str(talk["LOCATION"]).startswith("Salle du relais, La Grange d'Essai")
    assert str(talk["URL"]) == f"https://{DOMAIN}/agenda/portes-ouvertes/#session-impact-score"


def test_each_feed_carries_what_spec_says(open_day):
    event, talk = f"portes-ouvertes@{DOMAIN}", f"portes-ouvertes--impact-score@{DOMAIN}"
    workshop = f"portes-ouvertes--atelier-de-reparation-1400@{DOMAIN}"
    own = events_of(open_day.output / "agenda/portes-ouvertes/portes-ouvertes.ics")
    assert len(own) == 5 and event in own and talk in own
    whole = events_of(open_day.output / "agenda.ics")
    assert event in whole and not any("--" in uid for uid in whole)
    description = str(whole[event]["DESCRIPTION"])
    assert "Programme :\n10 h – 18 h : Marché de producteurs (La cour)\n" in description.replace("\u00a0", " ")
    assert "12 h 30 – 12 h 50 : L'Impact Score en 20 minutes (Salle du relais), avec Éloïse Bérenger" in (
        description.replace("\u00a0", " ")
    )
    # The pépite who gives the talk has it in her feed; the one in the event's `pepites:` has the event.
    assert talk in events_of(open_day.output / "pepites/eloise-berenger/agenda.ics")
    assert event not in events_of(open_day.output / "pepites/eloise-berenger/agenda.ics")
    assert set(events_of(open_day.output / "pepites/minimal/agenda.ics")) == {event}
    # A category feed: the event, and a session only when its own category differs.
    assert set(events_of(open_day.output / "agenda/categorie/portes-ouvertes.ics")) == {event}
    assert workshop in events_of(open_day.output / "agenda/categorie/atelier.ics")


def test_four_clients_agree_on_the_sessions(open_day):
    views = all_clients(open_day.output / "agenda/portes-ouvertes/portes-ouvertes.ics", date(2027, 12, 31))
    reference = views["icalendar"]
    assert reference[f"portes-ouvertes--impact-score@{DOMAIN}"] == [
        ("2027-06-02T10:30:00.000Z", "2027-06-02T10:50:00.000Z")
    ]
    assert len(reference) == 5
    for name, view in views.items():
        assert view == reference, name


def test_json_ld_and_agenda_json_carry_sub_events(open_day):
    data = json_ld(open_day.read("agenda/portes-ouvertes/index.html"))
    names = [item["name"] for item in data["subEvent"]]
    assert names == ["Marché de producteurs", "L'Impact Score en 20 minutes", "Se reconvertir", "Atelier de réparation"]
    talk = data["subEvent"][1]
    assert talk["startDate"] == "2027-06-02T12:30:00+02:00"
    assert talk["superEvent"] == {
        "@type": "Event",
        "name": "Journée portes ouvertes",
        "url": f"https://{DOMAIN}/agenda/portes-ouvertes/",
    }
    assert talk["performer"][0]["name"] == "Éloïse Bérenger"
    agenda = json.loads(open_day.raw("agenda.json"))
    entry = next(item for item in agenda if item["name"] == "Journée portes ouvertes")
    assert entry["subEvent"] == data["subEvent"]


def test_pepite_pages_list_the_sessions_they_lead_and_the_agenda_counts_them(open_day):
    page = open_day.read("pepites/eloise-berenger/index.html")
    assert 'href="../../agenda/portes-ouvertes/#session-impact-score">L&#39;Impact Score en 20 minutes</a>' in page
    assert "Salle du relais, programme de « Journée portes ouvertes »" in page
    agenda = open_day.read("agenda/index.html")
    assert agenda.count('data-event="portes-ouvertes"') == 1
    assert "programme · 4 sessions" in agenda


@pytest.mark.parametrize(
    ("sessions", "expected"),
    [
        (
            '  - {start: "09:00", end: "10:00", title: Trop tôt}\n',
            (
                "data/events/jpo.yaml:6: session « Trop tôt » (09:00–10:00) hors de l'événement (10:00–18:00) : "
                "une session a lieu pendant son événement"
            ),
        ),
        (
            '  - {start: "12:00", end: "11:00", title: À rebours}\n',
            "data/events/jpo.yaml:6: session « À rebours » : 'end' (11:00) doit être après 'start' (12:00)",
        ),
        (
            '  - {start: "12:00", end: "13:00", title: Atelier}\n  - {start: "12:00", end: "12:30", title: atelier}\n',
            (
                "data/events/jpo.yaml:7: session « atelier » : l'identifiant 'atelier-1200' est déjà celui de la "
                "session de la ligne 6 : donnez-lui un 'id:' à elle (minuscules, chiffres, tirets)"
            ),
        ),
        (
            '  - {start: "12:00", end: "13:00", title: A, id: tour}\n  - {start: "14:00", end: "15:00", title: B, id: tour}\n',
            (
                "data/events/jpo.yaml:7: session « B » : l'identifiant 'tour' est déjà celui de la "
                "session de la ligne 6 : changez son 'id:'"
            ),
        ),
        (
            '  - {start: "12:00", end: "13:00", title: Atelier, pepites: [repare]}\n',
            "data/events/jpo.yaml:6: pépite 'repare' inconnue (vouliez-vous dire 'repair' ?)",
        ),
        (
            '  - {start: "midi", end: "13:00", title: Atelier}\n',
            (
                "data/events/jpo.yaml:6: 'start' : heure (HH:MM) ou date et heure (AAAA-MM-JJ HH:MM) attendue, "
                "reçu « midi »"
            ),
        ),
    ],
)
def test_a_wrong_session_is_told_at_its_line(site_copy, sessions, expected):
    head = "title: JPO\nstart: 2027-06-02 10:00\nend: 2027-06-02 18:00\npepites: [repair]\nsessions:\n"
    (site_copy / "data/events/jpo.yaml").write_text(head + sessions, encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        build(site_copy, site_copy.parent / "out")
    assert [str(error).replace(str(site_copy) + "/", "") for error in caught.value.errors] == [expected]


def test_a_series_has_no_sessions_and_a_week_needs_dates(site_copy):
    write_files(
        site_copy,
        {
            "data/events/serie.yaml": """\
                title: Atelier
                start: 2027-01-05 14:00
                repeat: {freq: weekly}
                sessions:
                  - {start: "14:00", end: "15:00", title: Début}
                """,
            "data/events/semaine.yaml": """\
                title: Semaine ouverte
                start: 2027-05-10
                end: 2027-05-14
                sessions:
                  - {start: "14:00", end: "15:00", title: Atelier}
                  - {start: 2027-05-15 14:00, end: 2027-05-15 15:00, title: Trop tard}
                """,
        },
    )
    with pytest.raises(DataErrors) as caught:
        build(site_copy, site_copy.parent / "out")
    assert [str(error).replace(str(site_copy) + "/", "") for error in caught.value.errors] == [
        (
            "data/events/semaine.yaml:5: session « Atelier » : l'événement dure plusieurs jours, donnez la date "
            "et l'heure de 'start' (AAAA-MM-JJ 14:00)"
        ),
        (
            "data/events/semaine.yaml:6: session « Trop tard » (2027-05-15 14:00–2027-05-15 15:00) hors de "
            "l'événement (du 2027-05-10 au 2027-05-14) : une session a lieu pendant son événement"
        ),
        (
            "data/events/serie.yaml:4: une série ('repeat') ne peut pas avoir de 'sessions' : faites un événement "
            "par date de programme"
        ),
    ]


def test_a_removed_session_stays_cancelled_for_eight_weeks(site_copy, tmp_path):
    git(site_copy, "init", "-q")
    git(site_copy, "add", ".")
    git(site_copy, "commit", "-qm", "first", when="2026-10-01T10:00:00+02:00")
    path = site_copy / "data/events/salon-artisans.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - start: 2026-12-12 14:00")
    path.write_text(text[:start], encoding="utf-8")  # the last session, « Réparer son grille-pain », goes
    git(site_copy, "commit", "-qam", "no repair", when="2026-11-10T10:00:00+01:00")
    site = build(site_copy, tmp_path / "out")
    uid = f"salon-artisans--reparer@{DOMAIN}"
    for feed in ("agenda/salon-artisans/salon-artisans.ics", "pepites/repair/agenda.ics"):
        ghost = events_of(tmp_path / "out" / feed)[uid]
        assert str(ghost["STATUS"]) == "CANCELLED", feed
        assert ghost["DTSTART"].dt.isoformat() == "2026-12-12T14:00:00+01:00"
    assert uid not in events_of(tmp_path / "out/agenda/categorie/marche.ics")  # its category is its event's
    assert "session-reparer" not in site.read("agenda/salon-artisans/index.html")
    assert not (tmp_path / "out/agenda/salon-artisans/salon-artisans--reparer.ics").exists()
    # Nine weeks after the change the ghost is gone.
    build(site_copy, tmp_path / "later", TIERSLIEU_BUILD_DATE="2027-01-15")
    assert uid not in events_of(tmp_path / "later/agenda/salon-artisans/salon-artisans.ics")


def test_a_typed_backslash_in_a_session_stays_as_typed_in_its_calendar(site_copy, tmp_path):
    typed = "a\\n b\\N c\\; d\\, e"  # as typed in YAML: a backslash before n, N, ; and , (RFC 5545 3.3.11)
    session = f"  - start: \"10:00\"\n    end: \"11:00\"\n    title: 'Titre {typed}'\n    place: 'Salle {typed}'\n"
    event = "title: Journée\nstart: 2027-06-02 10:00\nend: 2027-06-02 18:00\nsessions:\n" + session
    write_files(site_copy, {"data/events/journee.yaml": event})
    out = build(site_copy, tmp_path / "out").output
    [talk] = [item for uid, item in events_of(out / "agenda/journee/journee.ics").items() if "--" in uid]
    assert str(talk["SUMMARY"]) == f"Titre {typed}"
    assert str(talk["LOCATION"]).startswith(f"Salle {typed}, ")


@pytest.mark.parametrize(("status", "label"), [("postponed", "reporté"), ("tentative", "à confirmer")])
def test_sessions_follow_a_postponed_or_tentative_event(site_copy, tmp_path, status, label):
    event = OPEN_DAY.replace(
        "    category: Portes ouvertes\n", f"    category: Portes ouvertes\n    status: {status}\n"
    )
    write_files(site_copy, {"data/events/portes-ouvertes.yaml": event})
    site = build(site_copy, tmp_path / "out")
    uid = f"portes-ouvertes--impact-score@{DOMAIN}"
    for feed in ("agenda/portes-ouvertes/portes-ouvertes.ics", "pepites/eloise-berenger/agenda.ics"):
        assert str(events_of(tmp_path / "out" / feed)[uid]["STATUS"]) == "TENTATIVE", feed
    page = site.read("pepites/eloise-berenger/index.html")
    item = page[: page.index("programme de « Journée portes ouvertes »")]
    assert f'<span class="badge">{label}</span>' in item[item.rindex("<li") :]
    programme = site.read("agenda/portes-ouvertes/index.html")
    impact = programme[programme.index('id="session-impact-score"') :]
    assert f'<span class="badge">{label}</span>' in impact[: impact.index("</li>")]


def test_the_programme_of_an_event_abroad_says_its_times_are_local(site_copy, tmp_path):
    # The page's header gives Paris times first: the timetable's times, in the event's zone, say so.
    abroad = OPEN_DAY.replace(
        "title: Journée portes ouvertes\n", "title: Journée à Montréal\n    timezone: America/Toronto\n"
    )
    write_files(site_copy, {"data/events/montreal.yaml": abroad, "data/events/portes-ouvertes.yaml": OPEN_DAY})
    built = build(site_copy, tmp_path / "out")
    html = built.read("agenda/montreal/index.html")
    programme = html[html.index('<h2 id="programme">') :]
    assert '<p class="timetable-zone">Horaires en heure locale (America/Toronto)</p>' in programme
    assert programme.index("timetable-zone") < programme.index('<div class="timetable')
    assert "10 h</time> – <time" in programme  # the session's own 10:00 in Toronto, not 16 h in Paris
    assert "timetable-zone" not in built.read("agenda/portes-ouvertes/index.html")
