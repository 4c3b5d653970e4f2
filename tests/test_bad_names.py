"""File names that are not UTF-8 (Linux allows any bytes): told readably in French, never with a Python warning."""

from __future__ import annotations

import os

import pytest
from test_input import EVENT, check

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
