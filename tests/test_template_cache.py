"""Compiled templates are cached on disk (templating.use_bytecode_cache): the same site, an edited template seen."""

from __future__ import annotations

import shutil

from conftest import ROOT, build, snapshot


def test_a_build_from_compiled_templates_writes_the_same_site(site_copy, tmp_path):
    cache = tmp_path / "cache"
    build(site_copy, tmp_path / "cold", CACHE_PATH=str(cache), TIERSLIEU_SEARCH=False)
    compiled = sorted((cache / "jinja").glob("*.cache"))
    assert len(compiled) > 5  # the theme's pages and partials
    build(site_copy, tmp_path / "warm", CACHE_PATH=str(cache), TIERSLIEU_SEARCH=False)
    assert snapshot(tmp_path / "warm") == snapshot(tmp_path / "cold")


def test_an_edited_template_is_compiled_anew(site_copy, tmp_path):
    cache = tmp_path / "cache"
    build(site_copy, tmp_path / "first", CACHE_PATH=str(cache), TIERSLIEU_SEARCH=False)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    page = theme / "templates" / "pepite.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " (modifié)</h1>", 1), encoding="utf-8")
    build(site_copy, tmp_path / "second", CACHE_PATH=str(cache), TIERSLIEU_SEARCH=False, THEME=str(theme))
    pepite = next((tmp_path / "second" / "pepites").glob("*/index.html")).read_text(encoding="utf-8")
    assert " (modifié)</h1>" in pepite


def test_a_build_reads_each_template_once_and_the_preview_sees_edits(site_copy, tmp_path):
    from pelican.settings import read_settings  # noqa: PLC0415

    from pelican import Pelican  # noqa: PLC0415

    def environment(background: bool) -> dict:
        override = {
            "PATH": str(site_copy / "content"),
            "OUTPUT_PATH": str(tmp_path / "out"),
            "DATA_PATH": str(site_copy / "data"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "TIERSLIEU_BACKGROUND": background,
        }
        return Pelican(read_settings(str(ROOT / "pelicanconf.py"), override=override)).settings["JINJA_ENVIRONMENT"]

    assert environment(True)["auto_reload"] is False  # no file date read at each use of a template
    assert environment(False).get("auto_reload", True) is True  # the preview (no background process)
