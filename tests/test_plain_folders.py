"""A plain file where the build writes a folder (output/, cache/): one French line at the start, the file untouched.

And an internal fault whose log cannot go into cache/ is still told in
French: the log goes to the system's temporary folder, or the line says
why it was not written (faults.report_fault).
"""

from __future__ import annotations

import errno
import os
import tempfile

import pytest
from conftest import build
from test_tasks import invoke, project  # noqa: F401 - the fixture

from pelican.plugins.tierslieu import faults
from pelican.plugins.tierslieu.model.errors import Abort

OUTPUT_IS_A_FILE = (
    "output/ est un fichier, pas un dossier : supprimez-le ou renommez-le (la construction y écrit le site)"
)
CACHE_IS_A_FILE = (
    "cache/ est un fichier, pas un dossier : supprimez-le ou renommez-le "
    "(le site y garde ses images réduites et ses codes QR)"
)


@pytest.mark.parametrize(
    ("names", "lines"),
    [
        (["output"], [OUTPUT_IS_A_FILE]),
        (["cache"], [CACHE_IS_A_FILE]),
        (["output", "cache"], [CACHE_IS_A_FILE, OUTPUT_IS_A_FILE]),
    ],
)
def test_a_file_in_place_of_a_folder_of_the_build_is_told_at_the_start(project, names, lines):  # noqa: F811
    for name in names:
        (project / name).write_text("x\n", encoding="utf-8")
    result = invoke(project, "build")
    assert result.returncode == 1
    assert result.stderr.splitlines() == lines
    assert "Erreur interne" not in result.stdout + result.stderr
    for name in names:
        assert (project / name).read_text(encoding="utf-8") == "x\n"
    assert sorted(path.name for path in project.iterdir() if path.name.startswith(".output")) == []


def test_the_preview_cache_under_a_plain_file_is_told_the_same(site_copy, tmp_path, capsys):
    (tmp_path / "cache").write_text("x\n", encoding="utf-8")
    capsys.readouterr()
    with pytest.raises(Abort) as stopped:
        build(site_copy, tmp_path / "out", CACHE_PATH=str(tmp_path / "cache" / "preview-abc"))
    assert stopped.value.code == 1
    assert capsys.readouterr().err.splitlines() == [CACHE_IS_A_FILE.replace("cache/", f"{tmp_path}/cache/", 1)]
    assert (tmp_path / "cache").read_text(encoding="utf-8") == "x\n"
    assert not (tmp_path / "out").exists()


def test_a_fault_log_goes_to_the_temporary_folder_when_cache_is_a_file(tmp_path, capsys):
    (tmp_path / "cache").write_text("x\n", encoding="utf-8")
    path = faults.report_fault(RuntimeError("panne simulée"), "cache", str(tmp_path))
    assert os.path.dirname(path) == tempfile.gettempdir()
    try:
        with open(path, encoding="utf-8") as log:
            assert "RuntimeError: panne simulée" in log.read()
    finally:
        os.remove(path)
    assert capsys.readouterr().err.splitlines() == [
        (
            "Erreur interne du code du site (RuntimeError) : ce n'est pas une erreur de vos fichiers. "
            f"Détails dans {path} ; relancez avec --debug pour les afficher."
        )
    ]
    assert (tmp_path / "cache").read_text(encoding="utf-8") == "x\n"


def test_a_fault_log_no_folder_takes_is_told_in_one_line(tmp_path, capsys, monkeypatch):
    (tmp_path / "cache").write_text("x\n", encoding="utf-8")

    def refused(path, *_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system", path)

    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    monkeypatch.setattr(faults.os, "makedirs", refused)
    assert faults.report_fault(RuntimeError("panne simulée"), "cache", str(tmp_path)) == ""
    assert capsys.readouterr().err.splitlines() == [
        (
            "Erreur interne du code du site (RuntimeError) : ce n'est pas une erreur de vos fichiers. "
            "La trace de l'erreur n'a pas pu être écrite (cache: système de fichiers en lecture seule ; "
            "construisez le site sur un disque modifiable (option -o de pelican) puis relancez) ; "
            "relancez avec --debug pour l'afficher."
        )
    ]


def test_publish_and_newsletter_tell_a_plain_file_too(project):  # noqa: F811 - the fixture
    for name in ("output", "lettres"):
        (project / name).write_text("x\n", encoding="utf-8")
    published = invoke(project, "publish")
    assert (published.returncode, published.stderr.splitlines()) == (1, [OUTPUT_IS_A_FILE])
    written = invoke(project, "newsletter", "2026-12")
    assert written.returncode == 1
    assert written.stderr.splitlines() == [
        "Erreur : lettres: un fichier porte déjà ce nom ; renommez-le ou supprimez-le puis relancez."
    ]
    assert "Erreur interne" not in published.stderr + written.stderr
    assert [(project / name).read_text(encoding="utf-8") for name in ("output", "lettres")] == ["x\n", "x\n"]
