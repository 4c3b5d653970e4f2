"""Publishing rules: errors of `invoke check` and of production builds; development builds let them pass.

A shallow clone (SEQUENCE and LAST-MODIFIED need the history) and an
example value left by a scaffold are refused at their file and line by
`invoke check` (both settings files) and by a production build
(publishconf.py), with the same lines; a development build builds.
"""

from __future__ import annotations

import subprocess

import pytest
from conftest import build, write_files
from test_calendar_identity import git
from test_editors import check

from pelican.plugins.tierslieu.model.errors import DataErrors
from pelican.plugins.tierslieu.publishing import find_placeholder

LEFT = "valeur d'exemple laissée : « {} » ; remplacez-la ou supprimez la ligne"
SHALLOW = (
    "le dépôt git est un clone superficiel (sans son historique) : la SEQUENCE et la date LAST-MODIFIED "
    "des événements seraient fausses dans les agendas ; récupérez l'historique avec « git fetch --unshallow » "
    "(en CI : « fetch-depth: 0 » à l'étape checkout)"
)
OUTSIDE_GIT = (
    "attention : ce dossier n'est pas dans un dépôt git : chaque événement aurait la SEQUENCE 0 et la date de son "
    "fichier, et les agendas abonnés pourraient ignorer ses changements ; publiez depuis un clone git"
)


def production_errors(site, output) -> list[str]:
    """Build ``site`` with publishconf.py; return the problems it refused (none when it built)."""
    try:
        build(site, output, "publishconf.py")
    except DataErrors as errors:
        assert not output.exists()
        return [str(error) for error in errors.errors]
    return []


def test_a_shallow_clone_is_a_publishing_error(site_copy, tmp_path, capsys):
    git(site_copy, "init", "-q")
    git(site_copy, "add", ".")
    git(site_copy, "commit", "-qm", "first")
    write_files(site_copy, {"data/events/nouveau.yaml": "title: Nouveau\nstart: 2027-02-03 18:00\n"})
    git(site_copy, "add", ".")
    git(site_copy, "commit", "-qm", "second")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", site_copy.as_uri(), str(clone)], check=True, capture_output=True
    )
    line = f"{clone}/data/events:1: {SHALLOW}"
    status, _, err = check(clone, capsys)
    assert status == 1
    assert err == [line, "1 erreur dans data/ et content/ ; à corriger avant de publier."]
    assert production_errors(clone, tmp_path / "prod") == [line]
    build(clone, tmp_path / "dev")  # a development build builds
    git(clone, "fetch", "-q", "--unshallow")
    capsys.readouterr()  # what the production build printed
    status, _, err = check(clone, capsys)
    assert status == 0 and err == []


def test_outside_git_is_advice_that_never_blocks(site_copy, tmp_path, capsys):
    status, out, err = check(site_copy, capsys)
    assert status == 0 and err == []
    assert out.count(f"{site_copy}/data/events:1: {OUTSIDE_GIT}") == 1
    build(site_copy, tmp_path / "prod", "publishconf.py")  # advice is no warning of the build


def test_inside_git_there_is_no_history_advice(site_copy, capsys):
    git(site_copy, "init", "-q")
    git(site_copy, "add", ".")
    git(site_copy, "commit", "-qm", "first")
    status, out, _ = check(site_copy, capsys)
    assert status == 0
    assert not any("dépôt git" in line for line in out)


def test_example_values_left_are_errors_of_check_and_publish_only(site_copy, tmp_path, capsys):
    write_files(
        site_copy,
        {
            "data/events/atelier.yaml": (
                "## Lien d'inscription (https://…) :\n"
                "title: Atelier\n"
                "start: 2027-02-03 18:00\n"
                "registration: https://…\n"
                "summary: À compléter\n"
                "description: |\n"
                "  Un atelier.\n"
                "\n"
                "  à compléter plus tard\n"
                "pepites: [repair]\n"
            ),
            "data/pepites/zoe.yaml": "name: Zoé\ntrade: Potière\nwebsite: https://…\nlinks: [{label: Site, url: https://…}]\n",
            "content/publie.md": (
                "Title: Publié\nDate: 2026-11-01 10:00\nSummary: À compléter : une phrase.\nStatus: published\n\n"
                "Un vrai paragraphe, et [un lien](https://…).\n\nÀ compléter : écrivez ici.\n"
            ),
            "content/brouillon.md": (
                "Title: Brouillon\nDate: 2026-11-01 10:00\nSummary: À compléter\nStatus: draft\n\nÀ compléter.\n"
            ),
        },
    )
    expected = [
        f"{site_copy}/content/publie.md:3: " + LEFT.format("Summary: À compléter : une phrase."),
        f"{site_copy}/content/publie.md:6: " + LEFT.format("https://…"),
        f"{site_copy}/content/publie.md:8: " + LEFT.format("À compléter : écrivez ici."),
        f"{site_copy}/data/events/atelier.yaml:4: " + LEFT.format("https://…"),
        f"{site_copy}/data/events/atelier.yaml:5: " + LEFT.format("À compléter"),
        f"{site_copy}/data/events/atelier.yaml:9: " + LEFT.format("à compléter plus tard"),
        f"{site_copy}/data/pepites/zoe.yaml:3: " + LEFT.format("https://…"),
        f"{site_copy}/data/pepites/zoe.yaml:4: " + LEFT.format("https://…"),
    ]
    status, _, err = check(site_copy, capsys)
    assert status == 1
    assert err == [*expected, "8 erreurs dans data/ et content/ ; à corriger avant de publier."]
    assert production_errors(site_copy, tmp_path / "prod") == expected
    build(site_copy, tmp_path / "dev")  # the development build (and the preview) show the page


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("https://…", "https://…"),
        ("Voir https://exemple.org/… pour s'inscrire", "https://exemple.org/…"),
        ("mailto:…", "mailto:…"),
        ("contact@…", "contact@…"),
        ("a compléter", None),  # without its accent, a word of the editor's own
        ("À COMPLÉTER", "À COMPLÉTER"),
        ("Première ligne\n  À compléter ici\n", "À compléter ici"),
        ("Une phrase qui résume l'article.", "Une phrase qui résume l'article."),
        ("Coopérative, association… Trois structures", None),
        ("Bientôt…", None),
        ("https://exemple.org/atelier", None),
        ("Salle des fêtes", None),
    ],
)
def test_what_counts_as_an_example_value(text, shown):
    assert find_placeholder(text) == shown
