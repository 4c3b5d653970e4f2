"""The plugin's part in a Pelican run: settings read once, faults told in French, one state per instance."""

from __future__ import annotations

import logging

import pytest
from conftest import build, cache_path, run_build, snapshot

from pelican.plugins.tierslieu import generator as generator_module
from pelican.plugins.tierslieu import plan as plan_module
from pelican.plugins.tierslieu.model.errors import Abort


def test_a_pelican_feed_setting_is_discarded_with_a_warning(site_copy, tmp_path):
    result = build(site_copy, tmp_path / "out", allow_warnings=True, FEED_RSS="feeds/rss.xml")
    assert (
        "tierslieu: réglage FEED_RSS ignoré : le site publie ses propres flux (actualites.rss.xml, evenements.rss.xml)"
        in (result.stderr)
    )
    assert not (tmp_path / "out" / "feeds").exists()


def test_a_wrong_setting_is_refused_in_french_on_the_command_line(site_copy, tmp_path):
    result = run_build(
        site_copy, tmp_path / "out", extra=["TIERSLIEU_UPCOMING_MONTHS=0", 'TIERSLIEU_CALENDAR_REFRESH="6h"']
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert (
        "pelicanconf.py:1: réglage TIERSLIEU_UPCOMING_MONTHS : valeur 0 invalide ; attendu : un nombre de mois entre 1 et 120"
        in lines
    )
    assert (
        "pelicanconf.py:1: réglage TIERSLIEU_CALENDAR_REFRESH : valeur '6h' invalide ; attendu : une durée ISO 8601, par exemple PT6H"
        in lines
    )
    assert "Traceback" not in result.stderr and "CRITICAL" not in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()


def test_a_fault_of_our_code_is_one_french_line_and_a_log(site_copy, tmp_path, monkeypatch, capsys):
    build(site_copy, tmp_path / "out")
    before = snapshot(tmp_path / "out")

    def broken(*_args):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr(plan_module, "_feeds", broken)
    with pytest.raises(Abort) as stopped:
        build(site_copy, tmp_path / "out")
    assert stopped.value.code == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(
        "Erreur interne du code du site (RuntimeError) : ce n'est pas une erreur de vos fichiers. Détails dans "
    )
    assert line.endswith(" ; relancez avec --debug pour les afficher.")
    log = line.split("Détails dans ", 1)[1].split(" ;", 1)[0]
    assert log.startswith(str(cache_path()))
    with open(log, encoding="utf-8") as stream:
        trace = stream.read()
    assert "Traceback" in trace and "RuntimeError: panne simulée" in trace
    assert snapshot(tmp_path / "out") == before


def test_with_debug_the_fault_is_raised_as_is(site_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(plan_module, "_feeds", lambda *_args: 1 / 0)
    pelican_logger = logging.getLogger("pelican")
    monkeypatch.setattr(pelican_logger, "level", logging.DEBUG)
    with pytest.raises(ZeroDivisionError):
        build(site_copy, tmp_path / "out", allow_warnings=True)


def test_two_pelicans_in_one_process_keep_their_own_state(site_copy, tmp_path):
    first = build(site_copy, tmp_path / "first")
    second = build(site_copy, tmp_path / "second", siteurl="https://autre.example.org")
    assert "https://autre.example.org/" in second.raw("sitemap.xml")
    assert "https://autre.example.org/" not in first.raw("sitemap.xml")
    pages = [
        sorted(name for name in snapshot(tmp_path / folder) if not name.startswith("pagefind/"))
        for folder in ("first", "second")
    ]
    assert pages[0] == pages[1]


def test_a_new_page_is_one_entry_of_the_plan(site_copy, tmp_path, monkeypatch):
    """The README's example: the build writes it, the sitemap lists it, the preview rewrites it."""
    from pelican.plugins.tierslieu.editors.preview import LivePreview  # noqa: PLC0415
    from pelican.plugins.tierslieu.plan import LISTS, Output  # noqa: PLC0415

    original = plan_module.plan

    def with_week(site, tools):
        week = Output(
            "agenda/semaine/index.html",
            "page week",
            "agenda_embed",
            url="agenda/semaine/",
            depends_on=LISTS,
            context=lambda: {"occurrences": site.upcoming_occurrences()[:20]},
        )
        return [*original(site, tools), week]

    monkeypatch.setattr(generator_module, "plan", with_week)  # as if written in plan.py
    result = build(site_copy, tmp_path / "out")
    assert "Atelier" in result.read("agenda/semaine/index.html")
    assert "https://grange.example.org/agenda/semaine/</loc>" in result.raw("sitemap.xml")
    extra = {
        "DATA_PATH": str(site_copy / "data"),
        "CACHE_PATH": str(tmp_path / "cache"),
        "TIERSLIEU_SEARCH": False,
        "SITEURL": "https://grange.example.org",
        "TIERSLIEU_BUILD_DATE": "2026-11-24",
    }
    from conftest import ROOT  # noqa: PLC0415

    preview = LivePreview(str(ROOT / "pelicanconf.py"), str(site_copy / "content"), str(tmp_path / "preview"), extra)
    preview.build_all()
    event = site_copy / "data/events/atelier-hebdo.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace('Atelier "couture"', "Atelier tricot"), encoding="utf-8")
    preview.saved([str(event)])
    assert preview.error is None
    assert "Atelier tricot" in (tmp_path / "preview/agenda/semaine/index.html").read_text(encoding="utf-8")
