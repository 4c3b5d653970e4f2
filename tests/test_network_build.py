"""The network in a real build: read from copies and project files only, never failing, never fetching, never markup."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from conftest import ROOT, build, snapshot, write_files
from feed_server import FEED, FeedServer
from icalendar import Calendar
from pelican.settings import read_settings

from pelican.plugins.tierslieu.editors.checking import run_check
from pelican.plugins.tierslieu.model.loading import load_data
from pelican.plugins.tierslieu.network.fetching import Limits, fetch_network

READ = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
OLD = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)
INJECTED = '<script>alert("x")</script><img src=x onerror=alert(1)>'
HOSTILE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//FR\r\nBEGIN:VEVENT\r\n"
    f"UID:{INJECTED}\r\nDTSTART:20261210T170000Z\r\nDTEND:20261210T180000Z\r\n"
    f"SUMMARY:Concert{INJECTED}\\nBEGIN:VEVENT\r\nDESCRIPTION:{INJECTED}\\nATTACH:http://evil.example/\r\n"
    f"LOCATION:Salle{INJECTED}\r\nURL:javascript:alert(1)\r\nEND:VEVENT\r\n"
    # No DTEND, then one UID twice, then no UID at all: all tolerated, reseau.ics still passes the gate.
    "BEGIN:VEVENT\r\nUID:instant\r\nDTSTART:20261211T170000Z\r\nSUMMARY:Instant\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:twice\r\nDTSTART:20261212T170000Z\r\nSUMMARY:Twice A\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:twice\r\nDTSTART:20261212T170000Z\r\nSUMMARY:Twice B\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nDTSTART:20261213T170000Z\r\nSUMMARY:Sans UID\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def venue_text(name: str, calendar: str | None = None) -> str:
    return f"name: {name}\ntown: Méré\nwebsite: https://{name.lower()}.example.org/\n" + (
        f"calendar: {calendar}\n" if calendar else ""
    )


def check_and_build_venue(site_copy, tmp_path, capsys, name: str, slug: str, data: bytes) -> tuple[str, str, object]:
    """Give the sample site a network venue ``name`` whose calendar is ``data``; run check then a build.

    Returns what check printed, what the build printed on stderr, and the built site; check must succeed.
    """
    write_files(
        site_copy,
        {f"feeds/{slug}.ics": data.decode(), f"data/network/{slug}.yaml": venue_text(name, f"feeds/{slug}.ics")},
    )
    override = {
        "PATH": str(site_copy / "content"),
        "DATA_PATH": str(site_copy / "data"),
        "SETTINGS_DIR": str(site_copy),
    }
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={**override, "TIERSLIEU_BUILD_DATE": "2026-11-24"})
    assert run_check([settings]) == 0
    checked = "".join(capsys.readouterr())
    site = build(site_copy, tmp_path / "out", **override)
    return checked, capsys.readouterr().err, site


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


def network_site(site, server) -> dict:
    """Give the sample site a network of every kind of venue; return the build's settings."""
    server.routes.update({"/good.ics": FEED, "/old.ics": FEED})
    write_files(
        site,
        {
            "feeds/hostile.ics": HOSTILE,
            "feeds/broken.ics": "<!DOCTYPE html><html><body>Oups</body></html>",
            "data/network/fabrique.yaml": venue_text("Fabrique", server.url("/good.ics")),
            "data/network/hostile.yaml": venue_text("Hostile", "feeds/hostile.ics"),
            "data/network/broken.yaml": venue_text("Broken", "feeds/broken.ics"),
            "data/network/stale.yaml": venue_text("Stale", server.url("/old.ics")),
            "data/network/unread.yaml": venue_text("Unread", server.url("/never.ics")),
            "data/network/quiet.yaml": venue_text("Quiet"),
        },
    )
    copies = site / "copies"
    network = load_data(str(site / "data"), str(site)).network
    fetch_network([source for source in network if source.slug == "stale"], str(copies), OLD, Limits())
    fetch_network([source for source in network if source.slug == "fabrique"], str(copies), READ, Limits())
    return {"SETTINGS_DIR": str(site), "TIERSLIEU_NETWORK_COPIES": str(copies)}


def no_network(monkeypatch):
    """Make any connection of the build fail loudly."""

    def refuse(*args, **kwargs):
        raise AssertionError("the build tried to connect")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_the_network_is_built_from_copies_and_files_without_fetching(site_copy, tmp_path, server, monkeypatch, capsys):
    settings = network_site(site_copy, server)
    no_network(monkeypatch)
    site = build(site_copy, tmp_path / "out", **settings)
    err = capsys.readouterr().err
    assert "data/network/broken.yaml:4: avertissement : agenda de « Broken » illisible : une page web" in err
    notices = [line for line in err.splitlines() if "data/network/" in line]
    assert len(notices) == len(set(notices)) == 3  # broken, stale, unread: each once
    assert (
        "data/network/stale.yaml:4: avertissement : agenda de « Stale » lu pour la dernière fois le 01/11/2026" in err
    )
    assert "data/network/unread.yaml:4: avertissement : agenda de « Unread » jamais lu" in err
    page = site.read("reseau/index.html")
    assert "Agenda lu le vendredi 20 novembre 2026 à 7 h." in page
    assert "Agenda lu pour la dernière fois le dimanche 1er novembre 2026 : trop ancien" in page
    assert "Agenda pas encore lu." in page and "Pas d'agenda en ligne." in page
    assert "Son agenda n'a pas pu être lu" in page
    agenda = site.read("reseau/agenda/index.html")
    assert "jeudi 3 décembre 2026, 18 h – 20 h" in agenda and "Soirée jeux" in agenda
    assert "Concert" in agenda
    # Stale copies are not shown: its events (the same feed) appear once, for the Fabrique only.
    assert agenda.count("Soirée jeux") == 1
    assert "Réseau</a>" in site.read("index.html")
    assert "Ailleurs dans le réseau" in site.read("index.html")


def test_no_markup_or_script_from_a_feed_reaches_any_output(site_copy, tmp_path, server, monkeypatch):
    settings = network_site(site_copy, server)
    no_network(monkeypatch)
    site = build(site_copy, tmp_path / "out", allow_warnings=False, **settings)
    for name, data in snapshot(site.output).items():
        if name.endswith((".html", ".ics", ".json", ".xml")):
            text = data.decode("utf-8")
            assert "onerror" not in text, name
            assert 'alert("x")' not in text and "alert(1)" not in text, name
            assert not any(line.startswith("ATTACH") for line in text.splitlines()), name
    calendar = Calendar.from_ical(site.raw("reseau.ics"))
    events = calendar.walk("VEVENT")
    concert = next(event for event in events if str(event["SUMMARY"]).startswith("Concert"))
    assert str(concert["SUMMARY"]) == "Concert BEGIN:VEVENT"
    assert ("ATTACH" not in concert and "URL" not in concert) or str(concert.get("URL", "")).startswith("https://")
    assert len([line for line in site.raw("reseau.ics").splitlines() if line == "BEGIN:VEVENT"]) == len(events)
    titles = [str(event["SUMMARY"]) for event in events]
    assert {"Instant", "Twice A", "Twice B", "Sans UID"} <= set(titles)
    assert len({str(event["UID"]) for event in events}) == len(events)
    assert "DTEND" not in next(event for event in events if str(event["SUMMARY"]) == "Instant")


def test_reseau_ics_and_reseau_json_follow_the_spec(site_copy, tmp_path, server, monkeypatch):
    settings = network_site(site_copy, server)
    no_network(monkeypatch)
    site = build(site_copy, tmp_path / "out", **settings)
    calendar = Calendar.from_ical(site.raw("reseau.ics"))
    [party] = [event for event in calendar.walk("VEVENT") if str(event["SUMMARY"]) == "Soirée jeux"]
    assert str(party["UID"]).startswith("fabrique-") and str(party["UID"]).endswith("@grange.example.org")
    assert party["DTSTART"].dt == datetime(2026, 12, 3, 17, 0, tzinfo=UTC)
    assert str(party["LOCATION"]) == "Fabrique, Méré"  # the feed gives none: the venue's name
    assert str(party["STATUS"]) == "CONFIRMED"
    assert party["DTSTAMP"].dt == READ
    places = json.loads(site.raw("reseau.json"))
    assert [place["name"] for place in places] == ["Broken", "Fabrique", "Hostile", "Quiet", "Stale", "Unread"]
    fabrique = places[1]
    assert fabrique["@type"] == "Place"
    assert fabrique["address"]["addressLocality"] == "Méré"
    assert [(event["name"], event["startDate"]) for event in fabrique["event"]] == [
        ("Soirée jeux", "2026-12-03T18:00:00+01:00")
    ]
    assert places[4]["event"] == []  # stale: not shown


def test_with_every_venue_unreachable_the_build_is_byte_identical(site_copy, tmp_path, server, capsys):
    settings = network_site(site_copy, server)
    first = build(site_copy, tmp_path / "first", **settings)
    network = load_data(str(site_copy / "data"), str(site_copy)).network
    server.__exit__()
    _done, warnings = fetch_network(network, settings["TIERSLIEU_NETWORK_COPIES"], datetime.now(UTC), Limits())
    assert len(warnings) == 3  # fabrique, stale, unread: every feed at an address
    second = build(site_copy, tmp_path / "second", **settings)
    assert snapshot(first.output) == snapshot(second.output)


def test_a_venue_deleted_from_data_network_disappears(site_copy, tmp_path, server):
    settings = network_site(site_copy, server)
    build(site_copy, tmp_path / "first", **settings)
    write_files(site_copy, {"data/network/fabrique.yaml": None})
    site = build(site_copy, tmp_path / "second", **settings)
    for name in ("reseau/index.html", "reseau/agenda/index.html", "reseau.ics", "reseau.json", "index.html"):
        assert "Fabrique" not in site.raw(name) and "Soirée jeux" not in site.raw(name), name


def test_without_network_venues_there_is_no_network_output(built_site):
    assert not (built_site.output / "reseau").exists()
    assert not (built_site.output / "reseau.ics").exists()
    assert "Réseau</a>" not in built_site.read("index.html")


def test_our_own_agenda_read_back_as_a_network_feed_is_shown_once_naming_both(built_site, site_copy, tmp_path, server):
    server.routes["/agenda.ics"] = (built_site.output / "agenda.ics").read_bytes()
    write_files(site_copy, {"data/network/jumelle.yaml": venue_text("Jumelle", server.url("/agenda.ics"))})
    network = load_data(str(site_copy / "data"), str(site_copy)).network
    _done, warnings = fetch_network(network, str(tmp_path / "copies"), READ, Limits())
    assert warnings == []
    site = build(
        site_copy, tmp_path / "out", SETTINGS_DIR=str(site_copy), TIERSLIEU_NETWORK_COPIES=str(tmp_path / "copies")
    )
    agenda = site.raw("reseau/agenda/index.html")
    # Every event of the twin's feed is one of ours: each is shown once, naming both, linking to our page.
    assert agenda.count("annoncé par La Grange d&#39;Essai, <a") > 3
    assert "annoncé par <a" not in agenda
    assert re.search(r'<a class="u-url p-name" href="\.\./\.\./agenda/atelier-hebdo/">', agenda)


def test_check_shows_a_feed_problem_as_advice_that_never_blocks(site_copy, capsys):

    write_files(site_copy, {"data/network/unread.yaml": venue_text("Unread", "https://unread.example.org/a.ics")})
    override = {
        "PATH": str(site_copy / "content"),
        "DATA_PATH": str(site_copy / "data"),
        "TIERSLIEU_BUILD_DATE": "2026-11-24",
        "TIERSLIEU_NETWORK_COPIES": str(site_copy / "copies"),
    }
    status = run_check(
        [read_settings(str(ROOT / name), override=override) for name in ("pelicanconf.py", "publishconf.py")]
    )
    out, err = capsys.readouterr()
    assert status == 0
    expected = (
        f"{site_copy}/data/network/unread.yaml:4: attention : agenda de « Unread » jamais lu : "
        "lancez « invoke fetch-network » ; ses événements ne sont pas affichés"
    )
    assert out.splitlines().count(expected) == 1
    assert "unread.yaml" not in err and "avertissement" not in out  # said once, as advice, not per settings file


def test_network_venues_named_alike_or_as_our_venue_are_refused(site_copy, capsys):
    write_files(
        site_copy,
        {
            "data/network/moulin.yaml": venue_text("Le Moulin").replace("le moulin.", "moulin."),
            "data/network/moulin-bis.yaml": venue_text("le  MOULIN").replace("le  moulin.", "bis."),
            "data/network/grange.yaml": venue_text("La grange d'Essai").replace("la grange d'essai.", "grange."),
        },
    )
    override = {"PATH": str(site_copy / "content"), "DATA_PATH": str(site_copy / "data")}
    override["TIERSLIEU_BUILD_DATE"] = "2026-11-24"
    status = run_check([read_settings(str(ROOT / "pelicanconf.py"), override=override)])
    _, err = capsys.readouterr()
    assert status == 1
    problems = [line.replace(f"{site_copy}/", "") for line in err.splitlines() if line.startswith(str(site_copy))]
    assert problems == [
        (
            "data/network/grange.yaml:1: 'name' : « La grange d'Essai » est le nom de notre lieu (data/venue.yaml) : "
            "le réseau montre les autres lieux, nos événements y sont déjà ; supprimez ce fichier ou nommez un autre lieu"
        ),
        (
            "data/network/moulin-bis.yaml:1: 'name' : « le  MOULIN » est aussi le nom du lieu du réseau de "
            "data/network/moulin.yaml:1 (« Le Moulin ») : donnez à chaque lieu son nom"
        ),
        (
            "data/network/moulin.yaml:1: 'name' : « Le Moulin » est aussi le nom du lieu du réseau de "
            "data/network/moulin-bis.yaml:1 (« le  MOULIN ») : donnez à chaque lieu son nom"
        ),
    ]


def test_the_build_says_why_the_last_fetch_failed(site_copy, tmp_path, server, monkeypatch, capsys):
    failed_at = datetime(2026, 11, 23, 3, 17, tzinfo=UTC)
    server.routes.update({"/old.ics": FEED})
    write_files(
        site_copy,
        {
            "data/network/w404.yaml": venue_text("W 404", server.url("/missing.ics")).replace("w 404", "w404"),
            "data/network/stale.yaml": venue_text("Stale", server.url("/old.ics")),
        },
    )
    copies = site_copy / "copies"
    network = load_data(str(site_copy / "data"), str(site_copy)).network
    stale = [source for source in network if source.slug == "stale"]
    fetch_network(stale, str(copies), OLD, Limits())
    server.routes.pop("/old.ics")
    fetch_network(network, str(copies), failed_at, Limits())
    assert json.loads((copies / "stale.json").read_text())["read_at"] == "2026-11-01T06:00:00+00:00"  # copy kept
    no_network(monkeypatch)
    build(site_copy, tmp_path / "out", SETTINGS_DIR=str(site_copy), TIERSLIEU_NETWORK_COPIES=str(copies))
    err = capsys.readouterr().err
    assert (
        "data/network/w404.yaml:4: avertissement : agenda de « W 404 » jamais lu : la dernière tentative "
        "(23 novembre 2026) a échoué : le serveur répond 404 (adresse introuvable) ; ses événements ne sont pas affichés"
    ) in err
    assert (
        "data/network/stale.yaml:4: avertissement : agenda de « Stale » lu pour la dernière fois le 01/11/2026 : "
        "trop ancien, il n'est plus affiché ; la dernière tentative (23 novembre 2026) a échoué : "
        "le serveur répond 404 (adresse introuvable)"
    ) in err
    monkeypatch.undo()
    server.routes["/missing.ics"] = FEED  # read well at last: the failure is forgotten
    fetch_network(network, str(copies), READ, Limits())
    assert "failure" not in json.loads((copies / "w404.json").read_text())


def check_lines(site, capsys) -> list[str]:
    """Run ``invoke check``'s check on ``site`` (copies in site/copies); return its lines about data/network/."""
    override = {
        "PATH": str(site / "content"),
        "DATA_PATH": str(site / "data"),
        "TIERSLIEU_BUILD_DATE": "2026-11-24",
        "TIERSLIEU_NETWORK_COPIES": str(site / "copies"),
    }
    assert run_check([read_settings(str(ROOT / "pelicanconf.py"), override=override)]) == 0
    out, err = capsys.readouterr()
    return [line.replace(f"{site}/", "") for line in (out + err).splitlines() if "data/network/" in line]


def test_back_at_the_copy_s_address_after_a_failure_elsewhere_the_copy_is_shown(
    site_copy, tmp_path, server, monkeypatch, capsys
):
    """The editor's sequence: feed.ics read; missing.ics tried (404); feed.ics again, server down; check; build."""
    server.routes["/feed.ics"] = "good"
    copies = str(site_copy / "copies")

    def fetch_at(path: str, when: datetime) -> None:
        write_files(site_copy, {"data/network/fabrique.yaml": venue_text("Fabrique", server.url(path))})
        fetch_network(load_data(str(site_copy / "data"), str(site_copy)).network, copies, when, Limits())

    fetch_at("/feed.ics", READ)
    fetch_at("/missing.ics", datetime(2026, 11, 21, 6, 0, tzinfo=UTC))
    assert check_lines(site_copy, capsys) == [  # the copy of feed.ics is not missing.ics's
        (
            "data/network/fabrique.yaml:4: attention : agenda de « Fabrique » jamais lu : la dernière tentative "
            "(21 novembre 2026) a échoué : le serveur répond 404 (adresse introuvable) ; ses événements ne sont pas affichés"
        )
    ]
    server.__exit__()
    fetch_at("/feed.ics", datetime(2026, 11, 22, 6, 0, tzinfo=UTC))
    failed = (  # no « jamais lu »: the copy of 20/11 counts again, and the failure of 22/11 is told (trial 8)
        "data/network/fabrique.yaml:4: attention : agenda de « Fabrique » : la dernière tentative (22 novembre 2026) "
        "a échoué : serveur injoignable (adresse inconnue, connexion refusée ou certificat invalide) ; la copie lue "
        f"le {READ:%d/%m/%Y à %H:%M} UTC reste affichée (14 jours au plus)"
    )
    assert check_lines(site_copy, capsys) == [failed]
    no_network(monkeypatch)
    site = build(site_copy, tmp_path / "out", SETTINGS_DIR=str(site_copy), TIERSLIEU_NETWORK_COPIES=copies)
    warned = failed.replace("attention", "avertissement")
    assert [line for line in capsys.readouterr().err.splitlines() if "data/network/" in line] == [warned]
    assert "Soirée jeux" in site.raw("reseau/agenda/index.html")


def test_a_site_without_a_network_never_loads_the_feed_readers():
    """The recurrence and fetching libraries weigh megabytes in the build's peak memory (SPEC section 5)."""
    script = (
        "import sys; sys.path.insert(0, 'tests')\n"
        "from conftest import sample_settings\n"
        "from pelican.plugins.tierslieu.generator import load_site\n"
        "import pelican.plugins.tierslieu.integration\n"
        "load_site(sample_settings())\n"
        "print(sorted(m for m in ('recurring_ical_events', 'x_wr_timezone', 'httpx') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


STATUSES = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//FR\r\n"
    "BEGIN:VEVENT\r\nUID:maybe\r\nDTSTART:20261210T170000Z\r\nDTEND:20261210T180000Z\r\nSTATUS:TENTATIVE\r\n"
    "SUMMARY:Bal peut-être\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:sure\r\nDTSTART:20261211T170000Z\r\nSUMMARY:Bal certain\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:stage\r\nDTSTART;VALUE=DATE:20261215\r\nDURATION:P3D\r\nSUMMARY:Stage\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:secret\r\nDTSTART:20261212T170000Z\r\nCLASS:PRIVATE\r\nSUMMARY:rdv medical prive\r\n"
    "DESCRIPTION:dossier confidentiel\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def statuses_site(site_copy, tmp_path):
    """Build the sample site with one network venue whose feed (a file) says STATUS, all-day and CLASS."""
    write_files(site_copy, {"feeds/v.ics": STATUSES, "data/network/v.yaml": venue_text("Voisin", "feeds/v.ics")})
    return build(site_copy, tmp_path / "out", SETTINGS_DIR=str(site_copy))


def test_a_partner_s_tentative_event_stays_tentative_everywhere(site_copy, tmp_path):
    site = statuses_site(site_copy, tmp_path)
    calendar = Calendar.from_ical(site.raw("reseau.ics"))
    status = {str(event["SUMMARY"]): str(event["STATUS"]) for event in calendar.walk("VEVENT")}
    assert (status["Bal peut-être"], status["Bal certain"]) == ("TENTATIVE", "CONFIRMED")
    [place] = json.loads(site.raw("reseau.json"))
    status = {event["name"]: event["eventStatus"] for event in place["event"]}
    assert status["Bal peut-être"] == "https://schema.org/EventScheduled"  # as agenda.json: schema.org has no tentative
    agenda = site.read("reseau/agenda/index.html")
    line = next(line for line in agenda.splitlines() if "Bal peut-être" in line)
    assert '<span class="badge">à confirmer</span>' in line
    assert agenda.count("à confirmer") == 1


def test_reseau_json_ends_an_all_day_event_on_its_last_day_as_the_page_does(site_copy, tmp_path):
    site = statuses_site(site_copy, tmp_path)
    [place] = json.loads(site.raw("reseau.json"))
    [stage] = [event for event in place["event"] if event["name"] == "Stage"]
    assert (stage["startDate"], stage["endDate"]) == ("2026-12-15", "2026-12-17")
    [ball] = [event for event in place["event"] if event["name"] == "Bal certain"]
    assert ball["endDate"] == "2026-12-11T18:00:00+01:00"  # no end: as its start, unchanged


def test_a_partner_s_private_event_reaches_no_output(site_copy, tmp_path, capsys):
    site = statuses_site(site_copy, tmp_path)
    for name, data in snapshot(site.output).items():
        if name.endswith((".html", ".ics", ".json", ".xml")):
            text = data.decode("utf-8")
            assert "rdv medical" not in text and "dossier confidentiel" not in text, name
    err = capsys.readouterr().err
    assert "agenda de « Voisin » : 1 événement privé (CLASS:PRIVATE ou CONFIDENTIAL) laissé de côté" in err
