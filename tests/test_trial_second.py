"""Findings of a second trial by fresh eyes: each refused in French by check and build alike, never a crash or a hang."""

from __future__ import annotations

import os
import signal

import pytest
from conftest import ROOT, build, write_files
from pelican.settings import read_settings

from pelican.plugins.tierslieu.editors.checking import run_check
from pelican.plugins.tierslieu.model.errors import DataErrors


def check_errors(site, capsys) -> list[str]:
    override = {
        "PATH": str(site / "content"),
        "DATA_PATH": str(site / "data"),
        "SITEURL": "https://grange.example.org",
        "TIERSLIEU_BUILD_DATE": "2026-11-24",
    }
    run_check([read_settings(str(ROOT / name), override=override) for name in ("pelicanconf.py", "publishconf.py")])
    return [line.removeprefix(f"{site}/") for line in capsys.readouterr().err.splitlines()[:-1]]


def build_errors(site, output) -> list[str]:
    with pytest.raises(DataErrors) as raised:
        build(site, output)
    return [str(error).removeprefix(f"{site}/") for error in raised.value.errors]


def test_an_article_saved_as_a_folder_of_the_site_is_refused(site_copy, tmp_path, capsys):
    write_files(site_copy, {"content/x.md": "Title: X\nDate: 2026-11-01 10:00\nSave_as: agenda\n\nTexte.\n"})
    expected = [
        (
            "content/x.md:3: cet article s'enregistrerait sous « agenda », qui est un dossier du site (il contient "
            "« agenda/2026/11/index.html ») : changez son « Save_as: » ou son « Slug: »"
        )
    ]
    assert check_errors(site_copy, capsys) == expected
    assert build_errors(site_copy, tmp_path / "out") == expected


def test_a_page_saved_as_the_sitemap_is_refused(site_copy, tmp_path, capsys):
    write_files(site_copy, {"content/pages/sm.md": "Title: SM\nSlug: sitemap\nSave_as: sitemap.xml\n\nT.\n"})
    expected = [
        (
            "content/pages/sm.md:2: cette page s'enregistrerait sous « sitemap.xml », déjà utilisé par le plan du site "
            "« sitemap.xml » : changez son « Save_as: » ou son « Slug: »"
        )
    ]
    assert check_errors(site_copy, capsys) == expected
    assert build_errors(site_copy, tmp_path / "out") == expected


@pytest.mark.parametrize("where", ["data/events/2027-01-12-tube.yaml", "content/tube.md"])
def test_check_refuses_a_fifo_without_reading_it(site_copy, capsys, where):
    os.mkfifo(site_copy / where)  # reading it would block for ever: a regression must fail, not hang the suite

    def stuck(*_args):
        raise TimeoutError("invoke check read a FIFO")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(60)
    try:
        errors = check_errors(site_copy, capsys)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert [line for line in errors if line.startswith(where)] == [
        f"{where}:1: ce n'est pas un fichier ordinaire (tube, périphérique…) : il n'est pas lu ; supprimez-le"
    ]


def test_an_unknown_folder_of_data_is_refused(site_copy, tmp_path, capsys):
    write_files(site_copy, {"data/evenements/2027-01-12-a.yaml": "title: A\nstart: 2027-01-12\n"})
    expected = [
        (
            "data/evenements:1: dossier « evenements » inconnu : il n'est pas lu ; les événements vont dans le dossier "
            "« events », les pépites dans « pepites », les lieux du réseau dans « network », à côté de lui"
        )
    ]
    assert check_errors(site_copy, capsys) == expected
    assert build_errors(site_copy, tmp_path / "out") == expected


def test_an_article_category_without_letters_is_refused(site_copy, tmp_path, capsys):
    write_files(site_copy, {"content/x.md": "Title: X\nDate: 2026-11-01 10:00\nCategory: ---\n\nTexte.\n"})
    expected = [
        "content/x.md:3: 'Category' : « --- » ne donne pas d'adresse : écrivez-la avec au moins une lettre ou un chiffre"
    ]
    assert check_errors(site_copy, capsys) == expected
    assert build_errors(site_copy, tmp_path / "out") == expected
