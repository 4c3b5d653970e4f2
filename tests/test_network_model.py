"""Network venues as data (data/network/<slug>.yaml): validated like the rest, with file, line and French."""

from __future__ import annotations

import os

from test_loading import errors_of, load_ok

GOOD = """
name: La Fabrique des Essarts
town: Les Essarts-le-Roi
kind: Tiers-lieu
address: {street: 2 rue de la Gare, postal_code: "78690", city: Les Essarts-le-Roi}
geo: {lat: 48.71, lon: 1.89}
website: https://fabrique.example.org/
summary: Un atelier partagé
calendar: https://fabrique.example.org/agenda.ics
timezone: Europe/Paris
"""


def test_a_network_venue_is_read_with_every_field(tmp_path):
    loaded = load_ok(tmp_path, {"data/network/fabrique.yaml": GOOD})
    [source] = loaded.network
    assert source.slug == "fabrique"
    assert source.model.town == "Les Essarts-le-Roi"
    assert source.model.calendar_is_url
    assert source.model.geo.lat == 48.71


def test_a_calendar_path_inside_the_project_is_read(tmp_path):
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "a.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    loaded = load_ok(tmp_path, {"data/network/a.yaml": "name: A\ntown: B\ncalendar: ./feeds/a.ics\n"})
    assert loaded.network[0].model.calendar == "feeds/a.ics"
    assert not loaded.network[0].model.calendar_is_url


def test_unknown_key_and_missing_town_are_reported_at_their_lines(tmp_path):
    messages = errors_of(tmp_path, {"data/network/a.yaml": "name: A\ncalendr: https://a.example/x.ics\n"})
    assert messages == [
        "data/network/a.yaml:1: clé obligatoire 'town' manquante",
        "data/network/a.yaml:2: clé inconnue 'calendr' (vouliez-vous dire 'calendar' ?)",
    ]


def test_a_calendar_must_be_http_or_a_path_inside_the_project(tmp_path):
    files = {
        "data/network/a.yaml": "name: A\ntown: B\ncalendar: file:///etc/passwd\n",
        "data/network/b.yaml": "name: B\ntown: B\n\ncalendar: ../../outside.ics\n",
        "data/network/c.yaml": "name: C\ntown: B\ncalendar: /etc/passwd\n",
        "data/network/d.yaml": "name: D\ntown: B\ncalendar: feeds/missing.ics\n",
    }
    messages = errors_of(tmp_path, files)
    assert messages == [
        (
            "data/network/a.yaml:3: 'calendar' : calendrier « file:///etc/passwd » refusé : une adresse https://… ou http://…, "
            "ou un chemin dans le projet (network-feeds/lieu.ics)"
        ),
        (
            "data/network/b.yaml:4: 'calendar' : calendrier « ../../outside.ics » refusé : un chemin relatif au dossier du projet, "
            "sans en sortir"
        ),
        (
            "data/network/c.yaml:3: 'calendar' : calendrier « /etc/passwd » refusé : un chemin relatif au dossier du projet, "
            "sans en sortir"
        ),
        "data/network/d.yaml:3: calendrier « feeds/missing.ics » introuvable (chemin depuis le projet)",
    ]


def test_a_calendar_link_leading_out_of_the_project_is_refused(tmp_path):
    outside = tmp_path / "outside.ics"
    outside.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    project = tmp_path / "project"
    (project / "feeds").mkdir(parents=True)
    (project / "feeds" / "a.ics").symlink_to(outside)
    messages = errors_of(project, {"data/network/a.yaml": "name: A\ntown: B\ncalendar: feeds/a.ics\n"})
    assert messages == ["data/network/a.yaml:3: calendrier « feeds/a.ics » hors du projet (lien)"]


def test_a_bad_time_zone_and_a_bad_website_are_refused(tmp_path):
    text = "name: A\ntown: B\ntimezone: Europe/Pariss\nwebsite: javascript:alert(1)\n"
    messages = errors_of(tmp_path, {"data/network/a.yaml": text})
    assert len(messages) == 2
    assert messages[0].startswith("data/network/a.yaml:3: 'timezone' : fuseau horaire inconnu « Europe/Pariss »")
    assert messages[1].startswith("data/network/a.yaml:4: 'website' : adresse « javascript:alert(1) » refusée")


def test_a_calendar_address_urllib_cannot_read_is_refused_in_french(tmp_path):
    files = {
        "data/network/a.yaml": 'name: A\ntown: B\ncalendar: "http://[::1"\n',
        "data/network/b.yaml": 'name: B\ntown: B\ncalendar: "network-feeds/%2e%2e/x.ics"\n',
    }
    assert errors_of(tmp_path, files) == [
        (
            "data/network/a.yaml:3: 'calendar' : calendrier « http://[::1 » refusé : une adresse https://… ou "
            "http://…, ou un chemin dans le projet (network-feeds/lieu.ics)"
        ),
        "data/network/b.yaml:3: calendrier « network-feeds/%2e%2e/x.ics » introuvable (chemin depuis le projet)",
    ]


def test_a_calendar_under_a_build_tool_or_source_folder_or_not_ics_is_refused(tmp_path):
    # A build reading output/ or cache/ would read its own previous build; .git, .venv, node_modules,
    # data/ and content/ are the tools' and the editors' files, never a partner's feed.
    paths = [
        "output/agenda.ics",
        "./cache/network/x.ics",
        ".git/x.ics",
        "feeds/.hidden/x.ics",
        ".venv/x.ics",
        "node_modules/x.ics",
        "data/network/x.ics",
        "Content/x.ics",
        "network-feeds/agenda.txt",
    ]
    files = {f"data/network/v{index}.yaml": f"name: A\ntown: B\ncalendar: {path}\n" for index, path in enumerate(paths)}
    messages = errors_of(tmp_path, files)
    folder = (
        "refusé : ce dossier est celui du site construit, des outils ou de vos données "
        "(output/, cache/, dossiers cachés, node_modules/, data/, content/) ; "
        "rangez le fichier dans un dossier à lui (network-feeds/lieu.ics)"
    )
    assert messages == [
        f"data/network/v{index}.yaml:3: 'calendar' : calendrier « {path} » {folder}"
        for index, path in enumerate(paths[:-1])
    ] + [
        (
            "data/network/v8.yaml:3: 'calendar' : calendrier « network-feeds/agenda.txt » refusé : "
            "un fichier iCalendar finit par .ics (network-feeds/lieu.ics)"
        )
    ]


def test_a_calendar_in_a_plain_project_folder_is_kept(tmp_path):
    (tmp_path / "network-feeds" / "output").mkdir(parents=True)
    (tmp_path / "network-feeds" / "output" / "a.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    loaded = load_ok(tmp_path, {"data/network/a.yaml": "name: A\ntown: B\ncalendar: network-feeds/output/a.ics\n"})
    assert loaded.network[0].model.calendar == "network-feeds/output/a.ics"


def test_a_named_pipe_as_calendar_is_not_an_ordinary_file(tmp_path):
    (tmp_path / "feeds").mkdir()
    os.mkfifo(tmp_path / "feeds" / "a.ics")
    messages = errors_of(tmp_path, {"data/network/a.yaml": "name: A\ntown: B\ncalendar: feeds/a.ics\n"})
    assert messages == ["data/network/a.yaml:3: calendrier « feeds/a.ics » : ce n'est pas un fichier ordinaire"]
