"""Bad input through the real build: every message, no damage to the site; and what the command line says."""

from __future__ import annotations

import pytest
from conftest import SAMPLE, build, run_build, snapshot, write_files

from pelican.plugins.tierslieu.model.errors import DataErrors

BAD_EVENT = "tilte: Oups\nstart: 2027-02-30 10:00\npepites: [personne]\n"
BAD_CONTENT = [
    (
        {"content/premier-article.md": "Date: 2026-10-01\n\nPas de titre.\n"},
        "content/premier-article.md:1: l'article n'a pas de titre : ajoutez « Title: … » en première ligne",
    ),
    (
        {"content/premier-article.md": "Title: Date folle\nDate: le 12 du mois\n\nTexte.\n"},
        "content/premier-article.md:2: date illisible « le 12 du mois » : écrivez par exemple « Date: 2026-11-24 10:00 »",
    ),
]


def expected_data_errors(site) -> list[str]:
    data = str(site / "data")
    return [
        f"{data}/events/oups.yaml:1: clé inconnue 'tilte' (vouliez-vous dire 'title' ?)",
        f"{data}/events/oups.yaml:1: clé obligatoire 'title' manquante",
        f"{data}/events/oups.yaml:2: 'start' : date impossible « 2027-02-30 10:00 »",
        f"{data}/events/oups.yaml:3: pépite 'personne' inconnue (pépites : eloise-berenger, minimal, repair, sans-metier)",
        f"{data}/pepites/sans-metier.yaml:1: clé obligatoire 'trade' manquante",
    ]


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_bad_data_leaves_the_previous_site_untouched(site_copy, tmp_path, settings):
    output = tmp_path / "output"
    build(site_copy, output, settings)
    before = snapshot(output)
    write_files(site_copy, {"data/events/oups.yaml": BAD_EVENT})
    with pytest.raises(DataErrors):
        build(site_copy, output, settings)
    assert snapshot(output) == before
    assert not list(tmp_path.glob(".output-staging-*"))


def test_bad_data_raises_every_problem_with_file_and_line(site_copy, tmp_path, capsys):
    write_files(site_copy, {"data/events/oups.yaml": BAD_EVENT, "data/pepites/sans-metier.yaml": "name: Sans Métier\n"})
    with pytest.raises(DataErrors) as raised:
        build(site_copy, tmp_path / "output")
    assert [str(error) for error in raised.value.errors] == expected_data_errors(site_copy)
    assert capsys.readouterr().err.splitlines() == [*expected_data_errors(site_copy), str(raised.value)]
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(("files", "message"), BAD_CONTENT)
def test_bad_content_fails_the_build_and_keeps_the_site(site_copy, tmp_path, files, message):
    output = tmp_path / "output"
    build(site_copy, output, "publishconf.py")
    before = snapshot(output)
    write_files(site_copy, files)
    with pytest.raises(DataErrors) as raised:
        build(site_copy, output, "publishconf.py")
    assert f"{site_copy}/{message}" in [str(error) for error in raised.value.errors]
    assert snapshot(output) == before


# The command line: exit codes, and the lines an editor reads on stderr.


def test_command_line_build_succeeds_without_warnings(tmp_path):
    result = run_build(SAMPLE, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr
    assert (tmp_path / "output" / "agenda.ics").exists()


def test_command_line_reports_every_data_problem_with_file_and_line(site_copy, tmp_path):
    write_files(site_copy, {"data/events/oups.yaml": BAD_EVENT, "data/pepites/sans-metier.yaml": "name: Sans Métier\n"})
    result = run_build(site_copy, tmp_path / "output")
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    for line in expected_data_errors(site_copy):
        assert line in lines, result.stderr
    assert "5 erreurs dans data/ et content/ ; le site n'a pas été reconstruit." in lines
    assert "Traceback" not in result.stderr and "CRITICAL" not in result.stderr + result.stdout
    assert not (tmp_path / "output").exists()


def test_command_line_fails_on_bad_content(site_copy, tmp_path):
    files, message = BAD_CONTENT[0]
    write_files(site_copy, files)
    result = run_build(site_copy, tmp_path / "output", "publishconf.py")
    assert result.returncode != 0
    assert f"{site_copy}/{message}" in result.stderr.splitlines()


def test_messages_are_never_wrapped(site_copy, tmp_path):
    long_name = "x" * 120
    write_files(site_copy, {f"data/events/{long_name}.yaml": "title: X\nstart: 2027-01-12\nfoo: bar\n"})
    result = run_build(site_copy, tmp_path / "output")
    assert f"{site_copy}/data/events/{long_name}.yaml:3: clé inconnue 'foo'" in result.stderr.splitlines()
