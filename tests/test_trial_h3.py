"""Trial findings about pages, articles, scaffolds and YAML messages (h3)."""

from __future__ import annotations

import pytest
from conftest import ROOT, write_files
from pelican.settings import read_settings

from pelican.plugins.tierslieu.editors.checking import run_check


def _check(site, capsys) -> list[str]:
    override = {"PATH": str(site / "content"), "DATA_PATH": str(site / "data"), "TIERSLIEU_BUILD_DATE": "2026-11-24"}
    settings = [read_settings(str(ROOT / name), override=override) for name in ("pelicanconf.py", "publishconf.py")]
    assert run_check(settings) == 0
    return capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("slug", ["agenda", "le-lieu", "reseau", "pepites"])
def test_an_editors_page_replacing_any_generated_page_is_noted(site_copy, capsys, slug):
    quiet = "name: Quiet\ntown: Méré\nwebsite: https://quiet.example.org/\n"  # a network without feeds
    page = f"Title: À nous\nSlug: {slug}\n\nÀ nous.\n"
    write_files(site_copy, {f"content/pages/{slug}.md": page, "data/network/quiet.yaml": quiet})
    note = f"{site_copy}/content/pages/{slug}.md:2: note : cette page remplace la page générée « /{slug}/ » du site"
    assert note in _check(site_copy, capsys)
