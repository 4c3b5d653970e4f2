"""Bad input through the real build: a non-zero exit, every message, no damage to the site."""

from __future__ import annotations

import pytest
from conftest import run_build, snapshot, write_files

BAD_EVENT = "tilte: Oups\nstart: 2027-02-30 10:00\npepites: [personne]\n"


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_bad_data_leaves_the_previous_site_untouched(site_copy, tmp_path, settings):
    output = tmp_path / "output"
    first = run_build(site_copy, output, settings)
    assert first.returncode == 0, first.stderr
    before = snapshot(output)
    write_files(site_copy, {"data/events/oups.yaml": BAD_EVENT})
    second = run_build(site_copy, output, settings)
    assert second.returncode != 0
    assert snapshot(output) == before
    assert not list(tmp_path.glob(".output-staging-*"))


def test_bad_data_reports_every_problem_with_file_and_line(site_copy, tmp_path):
    write_files(site_copy, {
        "data/events/oups.yaml": BAD_EVENT,
        "data/pepites/sans-metier.yaml": "name: Sans Métier\n",
    })
    build = run_build(site_copy, tmp_path / "output")
    assert build.returncode != 0
    lines = build.stderr.splitlines()
    data = str(site_copy / "data")
    expected = [
        f"{data}/events/oups.yaml:1: clé inconnue 'tilte' (vouliez-vous dire 'title' ?)",
        f"{data}/events/oups.yaml:1: clé obligatoire 'title' manquante",
        f"{data}/events/oups.yaml:2: 'start' : date impossible « 2027-02-30 10:00 »",
        f"{data}/events/oups.yaml:3: pépite 'personne' inconnue (pépites : eloise-berenger, minimal, repair, sans-metier)",
        f"{data}/pepites/sans-metier.yaml:1: clé obligatoire 'trade' manquante",
    ]
    for line in expected:
        assert line in lines, build.stderr
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"content/premier-article.md": "Date: 2026-10-01\n\nPas de titre.\n"},
         "content/premier-article.md:1: l'article n'a pas de titre : ajoutez « Title: … » en première ligne"),
        ({"content/premier-article.md": "Title: Date folle\nDate: le 12 du mois\n\nTexte.\n"},
         "content/premier-article.md:2: date illisible « le 12 du mois » : écrivez par exemple « Date: 2026-11-24 10:00 »"),
    ],
)
def test_bad_content_fails_the_build_and_keeps_the_site(site_copy, tmp_path, files, message):
    output = tmp_path / "output"
    assert run_build(site_copy, output, "publishconf.py").returncode == 0
    before = snapshot(output)
    write_files(site_copy, files)
    build = run_build(site_copy, output, "publishconf.py")
    assert build.returncode != 0
    assert f"{site_copy}/{message}" in build.stderr.splitlines()
    assert snapshot(output) == before


def test_messages_are_never_wrapped(site_copy, tmp_path):
    long_name = "x" * 120
    write_files(site_copy, {f"data/events/{long_name}.yaml": "title: X\nstart: 2027-01-12\nfoo: bar\n"})
    build = run_build(site_copy, tmp_path / "output")
    assert f"{site_copy}/data/events/{long_name}.yaml:3: clé inconnue 'foo'" in build.stderr.splitlines()
