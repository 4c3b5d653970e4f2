"""`invoke newsletter AAAA-MM`: the month's programme as an e-mail (HTML and plain text), production links."""

from __future__ import annotations

import os
import re
import subprocess

import pytest
from conftest import sample_settings, write_files
from inscriptis import get_text
from test_tasks import invoke, project  # noqa: F401 - the fixture of the tasks' tests

from pelican.plugins.tierslieu.agenda_pages import agenda_pages
from pelican.plugins.tierslieu.editors.newsletter import UNSUBSCRIBE_MARK, newsletter_items
from pelican.plugins.tierslieu.generator import load_site

PRODUCTION = "https://coworkingjp.example.org/"  # publishconf.py's SITEURL


def test_the_newsletter_is_mail_ready_html_with_production_links(project, tmp_path):  # noqa: F811 - the fixture
    result = invoke(project, "newsletter", "2026-12", "--output", str(tmp_path / "lettres"))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "lettres/programme-2026-12.html").read_text(encoding="utf-8")
    assert "<style" not in html and "<script" not in html and "class=" not in html
    assert '<table role="presentation" width="600"' in html
    links = re.findall(r'(?:href|src)="([^"]+)"', html)
    assert links and all(link.startswith(PRODUCTION) or link == UNSUBSCRIBE_MARK for link in links), links
    assert f'<a href="{PRODUCTION}agenda/programme/2026-12/" style="color:#8a3b12;">Voir en ligne</a>' in html
    assert html.count(UNSUBSCRIBE_MARK) == 1
    assert "Tous les mardis de 18 h 30 à 20 h : les 1er, 8, 15, 22 et 29 (annulé) décembre" in html
    assert "programme : 3 sessions" in html
    # Nothing of it lands in the site, nor in the project (the folder is git-ignored when it is the default).
    assert not (project / "output").exists()
    assert "/lettres/" in (project / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_plain_text_twin_says_what_the_html_says(project, tmp_path):  # noqa: F811 - the fixture
    invoke(project, "newsletter", "2026-12", "--output", str(tmp_path))
    text = (tmp_path / "programme-2026-12.txt").read_text(encoding="utf-8")
    read = get_text((tmp_path / "programme-2026-12.html").read_text(encoding="utf-8"))  # a plain-text reader
    titles = ['Atelier "couture" du mardi', "Salon des artisans"]
    for version in (text, read):
        assert [title for title in titles if title in version] == titles
        assert version.index(titles[0]) < version.index(titles[1])
        assert "Tous les mardis de 18 h 30 à 20 h : les 1er, 8, 15, 22 et 29 (annulé) décembre" in version
    assert f"Voir en ligne : {PRODUCTION}agenda/programme/2026-12/" in text
    assert f"{PRODUCTION}agenda/salon-artisans/" in text and f"Se désinscrire : {UNSUBSCRIBE_MARK}" in text


def test_the_newsletter_has_the_lines_of_the_printable_programme():
    settings = sample_settings()
    site = load_site(settings)
    page = next(page for page in agenda_pages(site) if page.save_as == "agenda/programme/2026-12/index.html")
    printed = [
        item.event.data.title if hasattr(item, "event") else item[1].data.title for item in page.context["occurrences"]
    ]
    assert [item["title"] for item in newsletter_items(site, page.context["month"], settings["PATH"])] == printed
    assert len(printed) == 2


def test_a_wrong_month_is_told_in_french(project, tmp_path):  # noqa: F811 - the fixture
    result = invoke(project, "newsletter", "2026-13", "--output", str(tmp_path / "lettres"))
    assert result.returncode == 1
    assert "Erreur : mois attendu au format AAAA-MM (par exemple 2027-03), reçu « 2026-13 »" in result.stderr
    assert not (tmp_path / "lettres").exists()


def test_a_newsletter_on_bad_data_says_it_was_not_written(project):  # noqa: F811 - the fixture
    write_files(project, {"data/events/oups.yaml": "tilte: X\nstart: 2027-01-12\n"})
    broken = invoke(project, "newsletter", "2027-01")
    assert broken.returncode == 1
    assert broken.stderr.splitlines()[-1] == "2 erreurs dans data/ et content/ ; la lettre n'a pas été écrite."
    assert not (project / "lettres").exists()


def test_a_month_of_year_zero_is_told_as_a_wrong_month(project, tmp_path):  # noqa: F811 - the fixture
    result = invoke(project, "newsletter", "0000-01", "--output", str(tmp_path / "lettres"))
    assert result.returncode == 1
    assert "Erreur : mois attendu au format AAAA-MM (par exemple 2027-03), reçu « 0000-01 »" in result.stderr
    assert "Erreur interne" not in result.stderr


def test_a_month_without_a_programme_page_is_refused(project, tmp_path):  # noqa: F811 - the fixture
    result = invoke(project, "newsletter", "2030-01", "--output", str(tmp_path / "lettres"))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "Erreur : pas de programme en ligne pour janvier 2030 : la lettre y renverrait ; le site en publie "
        "de novembre 2026 à novembre 2027 (« invoke newsletter 2026-11 » à « invoke newsletter 2027-11 »)"
    )
    assert not (tmp_path / "lettres").exists()


def test_a_date_moved_into_another_month_says_so_in_the_newsletter_and_the_printable_programme(
    project,  # noqa: F811 - the fixture
    tmp_path,
):
    """A series date moved from 31 March to 2 April is said « déplacé » in April, as the agenda says it."""
    event = (
        "title: Atelier du mercredi\nstart: 2027-03-17 18:00\nend: 2027-03-17 20:00\n"
        "repeat:\n  freq: weekly\n  count: 3\n  moved:\n    2027-03-31: 2027-04-02 18:00\n"
    )
    write_files(project, {"data/events/atelier-mercredi.yaml": event})
    result = invoke(project, "newsletter", "2027-04", "--output", str(tmp_path))
    assert result.returncode == 0, result.stderr
    moved = "(déplacé, au lieu du mercredi 31 mars 2027)"
    text = (tmp_path / "programme-2027-04.txt").read_text(encoding="utf-8")
    assert re.search(r"^Vendredi 2 avril 2027.* \(déplacé, au lieu du mercredi 31 mars 2027\)$", text, re.M), text
    assert moved in get_text((tmp_path / "programme-2027-04.html").read_text(encoding="utf-8"))
    # March says where its 31st went, in the letter and on paper.
    result = invoke(project, "newsletter", "2027-03", "--output", str(tmp_path))
    assert result.returncode == 0, result.stderr
    away = "les 17 et 24 mars ; la date du 31 mars 2027 est déplacée au vendredi 2 avril 2027 à 18 h"
    assert away in (tmp_path / "programme-2027-03.txt").read_text(encoding="utf-8")
    result = invoke(project, "build")
    assert result.returncode == 0, result.stderr
    programme = (project / "output/agenda/programme/2027-04/index.html").read_text(encoding="utf-8")
    assert moved in programme
    assert away in (project / "output/agenda/programme/2027-03/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("output", "shown"),
    [
        ("data/events", "data/events"),
        ("content", "content"),
        ("output", "output"),
        (".git", ".git"),
        (".cache/lettres", ".cache/lettres"),
        ("cache", "cache"),
        ("network-copies", "network-copies"),
        ("network-feeds", "network-feeds"),
        ("theme/templates", "theme/templates"),
        ("src", "src"),
        ("tests", "tests"),
        ("lettres/../data", "data"),
        (".", "."),
        ("lettres/..", "."),
        (".venv", ".venv"),
        ("node_modules", "node_modules"),
        ("schemas", "schemas"),
        ("docs", "docs"),
        ("Content", "Content"),
        ("DATA/Events", "DATA/Events"),
        ("Output/agenda", "Output/agenda"),
        ("Node_Modules", "Node_Modules"),
    ],
)
def test_a_newsletter_is_never_written_into_a_folder_the_project_reads(project, output, shown):  # noqa: F811
    before = sorted(str(path) for path in project.rglob("*"))
    result = invoke(project, "newsletter", "2026-12", f"--output={output}")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"Erreur : --output : la lettre n'a pas sa place dans {shown}/, un dossier du projet que la construction, "
        "les tests ou git lisent ; rien n'a été écrit ; gardez lettres/ (par défaut) ou choisissez un dossier "
        "hors du projet"
    )
    assert sorted(str(path) for path in project.rglob("*")) == before


REFUSED = (
    "Erreur : --output : la lettre n'a pas sa place dans {}/, un dossier du projet que la construction, les tests "
    "ou git lisent ; rien n'a été écrit ; gardez lettres/ (par défaut) ou choisissez un dossier hors du projet"
)


@pytest.mark.parametrize(
    ("link", "points_to", "output", "shown", "what"),
    [
        ("node_modules", "outside", "node_modules", "node_modules", ""),  # npm's folder, a link out of the project
        ("node_modules", "outside", "node_modules/lettres", "node_modules/lettres", ""),
        ("lettres", "outside", "lettres", "lettres", ""),
        ("brouillons", "content", "brouillons", "brouillons", "un lien vers content/, "),  # inside, to content/
        ("nmlink", "node_modules", "nmlink", "nmlink", "un lien vers node_modules/, "),
        ("lettres/nm", "node_modules", "lettres/nm", "lettres/nm", "un lien vers node_modules/, "),
        ("nmlink", "node_modules", "nmlink/sub", "nmlink/sub", "le même dossier que node_modules/sub/, "),
        ("outside/raccourci", "lettres", "outside/raccourci", "{}/raccourci", "un lien vers lettres/, "),  # into it
        ("outside/projet", ".", "outside/projet", "{}/projet", "un lien vers ./, "),
    ],
)
def test_a_newsletter_never_follows_a_link_out_of_or_into_the_project(
    project,  # noqa: F811 - the fixture
    tmp_path,
    link,
    points_to,
    output,
    shown,
    what,
):
    outside = tmp_path / "outside"
    outside.mkdir()
    places = {"outside": outside}
    source = tmp_path / link if link.startswith("outside/") else project / link
    target = places.get(points_to) or project / points_to
    target.mkdir(exist_ok=True)
    source.parent.mkdir(exist_ok=True)
    source.symlink_to(target, target_is_directory=True)
    before = sorted(str(path) for path in [*project.rglob("*"), *outside.rglob("*"), *target.rglob("*")])
    given = str(tmp_path / output) if output.startswith("outside/") else output
    result = invoke(project, "newsletter", "2026-12", f"--output={given}")
    assert result.returncode == 1
    expected = REFUSED.format(shown.format(outside)).replace("/, un dossier", f"/, {what}un dossier")
    assert result.stderr.strip().splitlines()[-1] == expected
    after = sorted(str(path) for path in [*project.rglob("*"), *outside.rglob("*"), *target.rglob("*")])
    assert after == before


@pytest.mark.parametrize("link", ["node_modules", ".venv"])
@pytest.mark.parametrize("below", ["", "/lettres", "/lettres/2027"])
def test_a_newsletter_is_never_written_into_the_real_folder_a_project_folder_links_to(
    project,  # noqa: F811 - the fixture
    tmp_path,
    link,
    below,
):
    """node_modules/ linked to /shared/node_modules: --output=/shared/node_modules wrote into the project's tools."""
    shared = tmp_path / "shared"
    target = shared / link.lstrip(".")
    target.mkdir(parents=True)
    (target / "outil.js").write_text("// npm\n", encoding="utf-8")
    (project / link).symlink_to(target, target_is_directory=True)
    before = sorted(str(path) for path in [*project.rglob("*"), *shared.rglob("*")])
    result = invoke(project, "newsletter", "2026-12", f"--output={target}{below}")
    assert result.returncode == 1
    expected = REFUSED.format(f"{target}{below}").replace(
        "/, un dossier", f"/, le même dossier que {link}{below}/, un dossier"
    )
    assert result.stderr.strip().splitlines()[-1] == expected
    assert sorted(str(path) for path in [*project.rglob("*"), *shared.rglob("*")]) == before
    # A folder beside it, outside the project, still takes the letter.
    result = invoke(project, "newsletter", "2026-12", f"--output={shared}/lettres{below}")
    assert result.returncode == 0, result.stderr
    assert (shared / f"lettres{below}" / "programme-2026-12.html").exists()


def git(folder, *arguments):
    identity = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org"}
    committer = {"GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(
        ["git", *arguments], cwd=folder, check=True, capture_output=True, env={**os.environ, **identity, **committer}
    )


@pytest.mark.parametrize(
    ("output", "shown"),
    [("notes", "notes"), ("notes/2027", "notes/2027"), ("NOTES", "NOTES"), ("publishconf.py", "publishconf.py")],
)
def test_a_newsletter_is_never_written_into_a_folder_git_tracks(project, output, shown):  # noqa: F811 - the fixture
    write_files(project, {"notes/reunion.md": "Compte rendu\n"})
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "projet")
    before = sorted(str(path) for path in project.rglob("*"))
    result = invoke(project, "newsletter", "2026-12", f"--output={output}")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == REFUSED.format(shown)
    assert sorted(str(path) for path in project.rglob("*")) == before


@pytest.mark.parametrize("output", ["lettres", "lettres/2027/mars", "brouillons"])
def test_lettres_and_a_new_untracked_folder_still_take_the_letter_in_a_git_project(project, output):  # noqa: F811
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "projet")
    result = invoke(project, "newsletter", "2026-12", f"--output={output}")
    assert result.returncode == 0, result.stderr
    assert (project / output / "programme-2026-12.html").exists()
    assert (project / output / "programme-2026-12.txt").exists()


def test_a_newsletter_goes_into_lettres_by_default(project):  # noqa: F811 - the fixture
    result = invoke(project, "newsletter", "2026-12")
    assert result.returncode == 0, result.stderr
    assert (project / "lettres/programme-2026-12.html").exists()


def test_a_postponed_a_tentative_and_a_full_event_say_so_in_the_letter_and_on_paper(project, tmp_path):  # noqa: F811
    """Trial 9: the programme and the letter printed a postponed event as if it took place at its old date."""
    events = {
        "data/events/conference-reportee.yaml": (
            "title: Conférence\nstart: 2027-03-10 18:00\nend: 2027-03-10 20:00\nstatus: postponed\n"
        ),
        "data/events/sortie-a-confirmer.yaml": "title: Sortie\nstart: 2027-03-11 18:00\nstatus: tentative\n",
        "data/events/atelier-complet.yaml": (
            "title: Atelier complet\nstart: 2027-03-12 18:00\nfull: true\n"
            "registration: https://inscription.example.org/atelier\n"
        ),
        "data/events/club-reporte.yaml": (
            "title: Club du jeudi\nstart: 2027-03-04 18:00\nend: 2027-03-04 19:00\nstatus: postponed\n"
            "repeat:\n  freq: weekly\n  count: 3\n"
        ),
    }
    write_files(project, events)
    result = invoke(project, "newsletter", "2027-03", "--output", str(tmp_path))
    assert result.returncode == 0, result.stderr
    said = ["Conférence (reporté)", "Sortie (à confirmer)", "Atelier complet (complet)", "Club du jeudi (reporté)"]
    text = (tmp_path / "programme-2027-03.txt").read_text(encoding="utf-8")
    html = get_text((tmp_path / "programme-2027-03.html").read_text(encoding="utf-8"))
    assert all(line in text.splitlines() for line in said), text
    assert all(line in html for line in said), html
    result = invoke(project, "build")
    assert result.returncode == 0, result.stderr
    printed = (project / "output/agenda/programme/2027-03/index.html").read_text(encoding="utf-8")
    assert [f"<h2>{line}</h2>" in printed for line in said] == [True] * 4
