"""File names that are not UTF-8 (Linux allows any bytes): told readably in French, never with a Python warning."""

from __future__ import annotations

import os

import pytest
from test_input import EVENT, check
from test_preview import preview, terminal, wait_for  # noqa: F401 - preview is a fixture

from pelican.plugins.tierslieu.model.paths import suggested_slug

BAD_NAMES = [
    (
        b"events",
        b"2027-04-10-caf\xe9.yaml",
        EVENT,
        (
            "data/events/2027-04-10-caf?.yaml:1: nom de fichier « 2027-04-10-caf?.yaml » refusé : "
            "il devient l'adresse de la page ; renommez-le « 2027-04-10-cafe.yaml » "
            "(minuscules sans accents, chiffres et tirets)"
        ),
    ),
    (
        b"pepites",
        b"z\xff.yaml",
        "name: Noël\ntrade: Potier\n",
        (
            "data/pepites/z?.yaml:1: nom de fichier « z?.yaml » refusé : "
            "il devient l'adresse de la page ; renommez-le « zy.yaml » "
            "(minuscules sans accents, chiffres et tirets)"
        ),
    ),
]


@pytest.mark.parametrize(("folder", "name", "text", "message"), BAD_NAMES)
def test_a_name_not_in_utf8_is_refused_readably_without_warning(site_copy, capsys, folder, name, text, message):
    # pytest runs with warnings as errors: Unidecode's RuntimeWarning on a surrogate would fail the test.
    path = os.path.join(os.fsencode(site_copy / "data"), folder, name)
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text)
    assert check(site_copy, capsys) == [message]


def test_the_suggestion_reads_the_bytes_as_windows_1252():
    assert suggested_slug(os.fsdecode(b"caf\xe9 cr\xe8me")) == "cafe-creme"
    assert suggested_slug(os.fsdecode(b"\x81\x9c")) == "oe"  # 0x81 is not in Windows-1252: Latin-1
    assert suggested_slug("a\ud800b") == "ab"


def test_an_article_name_not_in_utf8_is_read_without_warning(site_copy, capsys):
    # An article's address comes from its title, not its file name: nothing to refuse.
    path = os.path.join(os.fsencode(site_copy / "content"), b"caf\xe9.md")
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("Title: Caf\nDate: 2026-11-01\n\nTexte.\n")
    assert check(site_copy, capsys) == []


def test_the_preview_survives_a_name_not_in_utf8_and_tells_it(preview, tmp_path):  # noqa: F811
    base, site = preview
    page = f"{base}/agenda/salon-artisans/"
    wait_for(page, lambda html: "Salon des artisans" in html and "__preview__/events" in html)
    bad = os.path.join(os.fsencode(site / "data/events"), b"2027-04-10-caf\xe9.yaml")
    with open(bad, "w", encoding="utf-8") as stream:
        stream.write(EVENT)
    told = (
        "nom de fichier illisible « 2027-04-10-caf?.yaml » dans data/events/ : il n&#x27;est pas en UTF-8 ; "
        "renommez-le (par exemple « 2027-04-10-cafe.yaml »)"
    )
    # The preview's project is the kit's folder: the site's files show with their full path.
    broken = wait_for(page, lambda html: told in html.replace(f"{site}/", ""))
    assert "Salon des artisans" in broken  # the last good site stays served
    assert told.replace("&#x27;", "'") in terminal(tmp_path).replace(f"{site}/", "")
    # Still watching: renaming the file rebuilds, the banner is gone.
    os.rename(bad, os.fsencode(site / "data/events/2027-04-10-cafe.yaml"))
    wait_for(page, lambda html: 'role="alert"' not in html)
    assert "WatchfilesRustInternalError" not in terminal(tmp_path)
