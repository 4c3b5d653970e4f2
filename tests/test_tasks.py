"""The invoke tasks on bad input or a bad argument: French lines, a non-zero status, never a traceback.

Each runs the venv's ``invoke`` in a copy of the project (the tasks work in
the folder of tasks.py).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, build_env, write_files

INVOKE = ROOT / ".venv" / "bin" / "invoke"
BROKEN_SETTINGS = "SITEURL = (\n"
SETTINGS_LINE = "erreur de syntaxe Python ('(' was never closed) ; corrigez-le puis relancez."


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's files with the sample's content/ and data/, without tools, builds, caches or tests."""
    if not INVOKE.exists():
        pytest.skip("invoke is not installed in .venv")
    target = tmp_path / "projet"
    ignored = shutil.ignore_patterns(
        ".venv", "node_modules", "output", "cache", ".git", "tests", "__pycache__", ".*_cache", ".output*"
    )
    shutil.copytree(ROOT, target, ignore=ignored)
    # The sample venue, not the demo's: the project's tests never depend on a venue's own data.
    for folder in ("content", "data"):
        shutil.rmtree(target / folder)
        shutil.copytree(SAMPLE / folder, target / folder)
    return target


def invoke(project: Path, *arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``invoke ARGUMENTS`` in the project (``env`` added to its environment); check it shows no traceback."""
    result = subprocess.run(
        [str(INVOKE), *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        env=build_env(**(env or {})),
        check=False,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def break_settings(project: Path) -> int:
    """Append an unclosed parenthesis to pelicanconf.py; return its line."""
    settings = project / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text + BROKEN_SETTINGS, encoding="utf-8")
    return text.count("\n") + 1


@pytest.mark.parametrize("task", ["build", "publish"])
def test_a_build_task_on_bad_data_prints_the_problems(project, task):
    write_files(project, {"data/events/oups.yaml": "tilte: X\nstart: 2027-01-12\n"})
    result = invoke(project, task)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "data/events/oups.yaml:1: clé inconnue 'tilte' (vouliez-vous dire 'title' ?)",
        "data/events/oups.yaml:1: clé obligatoire 'title' manquante",
        "2 erreurs dans data/ et content/ ; le site n'a pas été reconstruit.",
    ]
    assert not (project / "output").exists()


def test_fetch_network_on_bad_data_says_it_fetched_nothing(project):
    write_files(project, {"data/events/oups.yaml": "tilte: X\nstart: 2027-01-12\n"})
    result = invoke(project, "fetch-network")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "2 erreurs dans data/ et content/ ; aucun agenda n'a été téléchargé."


@pytest.mark.parametrize("task", ["build", "publish"])
def test_a_build_task_that_succeeds_says_so_in_french(project, task):
    result = invoke(project, task)
    assert result.returncode == 0, result.stderr
    assert "Done:" not in result.stdout + result.stderr  # Pelican's English closing line is left out
    assert re.fullmatch(r"Site construit dans output/ : \d+ pages, en \d+,\d s\.", result.stdout.strip())


def free_port() -> int:
    """A port nothing listens on at the moment (the system's choice)."""
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def test_ctrl_c_without_a_terminal_stops_the_preview_quietly(project):
    preview = subprocess.Popen(
        [str(INVOKE), "serve", "--port", str(free_port())],
        cwd=project,
        stdin=subprocess.DEVNULL,  # as when started from an editor's button: no terminal
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=build_env(),
        start_new_session=True,
    )
    try:
        assert "Aperçu : http://" in preview.stdout.readline() + preview.stdout.readline()
    finally:
        os.killpg(preview.pid, signal.SIGINT)  # Ctrl+C reaches the whole group, as from a terminal
        rest = preview.communicate(timeout=60)[0]
    assert preview.returncode in (0, 130)
    assert "Erreur" not in rest and "Traceback" not in rest, rest
    assert not list((project / "cache").glob("erreur-*.log"))


@pytest.mark.parametrize(
    "arguments", [["build"], ["publish"], ["check"], ["serve"], ["new-pepite", "Zoé", "--trade", "Potière"]]
)
def test_a_mistake_in_the_settings_is_one_line_at_its_place(project, arguments):
    line = break_settings(project)
    result = invoke(project, *arguments)
    assert result.returncode == 1
    assert result.stderr == f"pelicanconf.py:{line}: {SETTINGS_LINE}\n"


@pytest.mark.parametrize("arguments", [["build"], ["publish"], ["check"], ["serve"]])
def test_a_wrong_value_in_the_settings_is_one_line_at_its_place(project, arguments):
    settings = project / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text + 'TIMEZONE = "Mars/Olympus"\n', encoding="utf-8")
    result = invoke(project, *arguments)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        (
            f"pelicanconf.py:{text.count(chr(10)) + 1}: réglage TIMEZONE : valeur 'Mars/Olympus' invalide ; "
            "attendu : un fuseau horaire connu, par exemple Europe/Paris"
        ),
        "1 erreur dans les réglages ; le site n'a pas été reconstruit.",
    ]
    assert not list((project / "cache").glob("erreur-*.log"))


def test_check_on_bad_data(project):
    write_files(project, {"data/pepites/sans-metier.yaml": "name: Sans Métier\n"})
    result = invoke(project, "check")
    assert result.returncode == 1
    assert "data/pepites/sans-metier.yaml:1: clé obligatoire 'trade' manquante" in result.stderr.splitlines()


def test_new_event_with_a_wrong_date(project):
    result = invoke(project, "new-event", "Atelier", "--start", "demain")
    assert result.returncode == 1
    assert result.stderr == (
        "Erreur : date (AAAA-MM-JJ) ou date et heure (AAAA-MM-JJ HH:MM) attendue, reçu « demain »\n"
    )


def test_new_pepite_where_a_file_takes_the_folder_s_place(project):
    shutil.rmtree(project / "data/pepites")
    (project / "data/pepites").write_text("", encoding="utf-8")
    result = invoke(project, "new-pepite", "Zoé", "--trade", "Potière")
    assert result.returncode == 1
    assert result.stderr == (
        "Erreur : data/pepites: un fichier porte déjà ce nom ; renommez-le ou supprimez-le puis relancez.\n"
    )


def test_new_article_with_a_title_that_makes_no_name(project):
    before = sorted(path.name for path in (project / "content").iterdir())
    result = invoke(project, "new-article", "!!!")
    assert result.returncode == 1
    assert result.stderr == "Erreur : impossible de faire un nom de fichier avec « !!! »\n"
    assert sorted(path.name for path in (project / "content").iterdir()) == before


def test_schema_where_a_file_takes_the_folder_s_place(project):
    shutil.rmtree(project / "schemas")
    (project / "schemas").write_text("", encoding="utf-8")
    result = invoke(project, "schema")
    assert result.returncode == 1
    assert result.stderr == (
        "Erreur : schemas: un fichier porte déjà ce nom ; renommez-le ou supprimez-le puis relancez.\n"
    )


@pytest.mark.parametrize("port", ["abc", "0", "70000"])
def test_serve_with_a_wrong_port(project, port):
    result = invoke(project, "serve", "--port", port)
    assert result.returncode == 1
    assert result.stderr == f"Erreur : --port attend un numéro de port entre 1 et 65535, reçu « {port} ».\n"


@pytest.mark.parametrize("port", ["abc", "0", "70000"])
def test_serve_with_a_wrong_port_variable_names_the_variable(project, port):
    result = invoke(project, "serve", env={"PORT": port})
    assert result.returncode == 1
    assert result.stderr == (f"Erreur : la variable PORT attend un numéro de port entre 1 et 65535, reçu « {port} ».\n")


def test_serve_names_port_when_both_are_given(project):
    result = invoke(project, "serve", "--port", "abc", env={"PORT": "8123"})
    assert result.stderr == "Erreur : --port attend un numéro de port entre 1 et 65535, reçu « abc ».\n"


def test_serve_documents_its_port(project):
    result = invoke(project, "serve", "--help")
    assert result.returncode == 0
    assert "-p STRING, --port=STRING" in result.stdout
    assert "port du serveur (8000, ou la variable PORT ; s'il" in result.stdout


def test_check_on_the_command_line(project):
    result = invoke(project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    *advice, summary = result.stdout.splitlines()
    # The copy is outside git: that is one of the pieces of advice.
    assert any("n'est pas dans un dépôt git" in line for line in advice)
    assert summary == f"Aucune erreur : 3 pépites, 7 événements, {len(advice)} conseils ci-dessus."


def test_the_list_of_tasks_speaks_french(project):
    listing = invoke(project, "--list").stdout
    descriptions = " ".join(line.split(None, 1)[1] for line in listing.splitlines()[1:] if len(line.split()) > 1)
    assert len(listing.splitlines()) > 10
    assert not re.search(r"\b(the|and|with|into|of|Build|Create|Run|Write|Measure|Remove)\b", descriptions), (
        descriptions
    )


def test_sigterm_to_invoke_serve_frees_its_port(project):
    port = free_port()
    preview = subprocess.Popen(
        [str(INVOKE), "serve", "--port", str(port)],
        cwd=project,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=build_env(),
    )
    assert "Aperçu : http://" in preview.stdout.readline() + preview.stdout.readline()
    preview.terminate()  # SIGTERM to invoke's own process only, as `kill PID` does
    preview.communicate(timeout=60)
    with socket.socket() as probe:
        probe.bind(("localhost", port))  # nothing of the preview holds the port any more
