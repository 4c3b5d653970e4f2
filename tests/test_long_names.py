"""Output paths too long for a file system are refused at their source, in check and build alike (longnames.py)."""

from __future__ import annotations

import pytest
from conftest import BUILD_DATE, ROOT, build, snapshot, write_files
from pelican.settings import read_settings

from pelican.plugins.tierslieu.editors.checking import run_check
from pelican.plugins.tierslieu.model.errors import DataErrors

LONG_EVENT = "data/events/2027-02-22-" + "a" * 235 + ".yaml"
SESSION = (
    "title: Long\nstart: 2027-02-22\nsessions:\n"
    '  - {start: "10:00", end: "11:00", title: Session au nom long, id: une-session-au-nom-assez-long}\n'
)
TOO_LONG = "dépasse 255 octets, la limite des systèmes de fichiers"


@pytest.mark.parametrize(
    ("file", "text", "line", "start", "end"),
    [
        (
            LONG_EVENT,
            SESSION,
            1,
            "ce fichier écrirait « agenda/2027-02-22-aaaa",
            (
                f"», trop long : le nom « 2027-02-22-{'a' * 29}… » {TOO_LONG} ; "
                "raccourcissez le nom de ce fichier ou l'identifiant de la session"
            ),
        ),
        (
            "content/long.md",
            f"Title: Long\nDate: 2026-11-01 10:00\nSlug: {'b' * 300}\n\nTexte.\n",
            3,
            "ce fichier écrirait « actualites/2026/bbbb",
            f"», trop long : le nom « {'b' * 40}… » {TOO_LONG} ; raccourcissez le « Slug: » (ou le « Save_as: ») de cet article",
        ),
        (
            "data/events/alias.yaml",
            f"title: Alias\nstart: 2027-01-12 10:00\naliases: [{'c' * 260}]\n",
            3,
            "ce fichier écrirait « agenda/cccc",
            f"», trop long : le nom « {'c' * 40}… » {TOO_LONG} ; raccourcissez l'ancien nom d'aliases:",
        ),
    ],
)
def test_a_name_too_long_for_the_file_system_is_refused(site_copy, tmp_path, capsys, file, text, line, start, end):
    output = tmp_path / "output"
    output.mkdir()
    (output / "keep.txt").write_text("gardé", encoding="utf-8")
    before = snapshot(output)
    write_files(site_copy, {file: text})
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(site_copy / "content"),
            "DATA_PATH": str(site_copy / "data"),
            "TIERSLIEU_BUILD_DATE": BUILD_DATE,
        },
    )
    capsys.readouterr()
    assert run_check(settings) == 1
    err = capsys.readouterr().err.replace(f"{site_copy}/", "")
    told = [problem for problem in err.splitlines() if problem.startswith(f"{file}:{line}: ")]
    assert told, err
    message = told[0].removeprefix(f"{file}:{line}: ")
    assert message.startswith(start), message
    assert message.endswith(end), message
    assert "Erreur interne" not in err
    with pytest.raises(DataErrors) as refused:
        build(site_copy, output)
    refusals = {
        f"{error.path}:{error.line}: {error.message}".replace(f"{site_copy}/", "") for error in refused.value.errors
    }
    assert f"{file}:{line}: {message}" in refusals
    assert snapshot(output) == before
