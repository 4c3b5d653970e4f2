"""What a build leaves in the process that ran it: warnings, logging, the garbage collector, the cache."""

from __future__ import annotations

import gc
import logging

import pytest
from conftest import SAMPLE, build, write_files

from pelican.plugins.tierslieu.model.errors import DataErrors


def test_builds_leave_the_garbage_collector_as_they_found_it(tmp_path):
    before = gc.get_freeze_count()
    build(SAMPLE, tmp_path / "first", TIERSLIEU_SEARCH=False)
    build(SAMPLE, tmp_path / "second", TIERSLIEU_SEARCH=False)
    assert gc.get_freeze_count() == before


def test_a_pelican_warning_fails_every_build_that_meets_it(site_copy, tmp_path):
    write_files(site_copy, {"content/lien.md": "Title: Lien\nDate: 2026-11-01\n\n[l'autre]({filename}absent.md)\n"})
    expected = (
        f"{site_copy}/content/lien.md:4: lien interne introuvable « {{filename}}absent.md » : aucun article, page "
        "ou fichier à ce chemin (relatif au dossier du fichier, ou à content/ s'il commence par /)"
    )
    with pytest.raises(DataErrors) as first:
        build(site_copy, tmp_path / "out")
    # The same warning again, in the same process: Pelican's filter of repeated messages must not hide it.
    with pytest.raises(DataErrors) as again:
        build(site_copy, tmp_path / "again")
    assert [str(error) for error in first.value.errors] == [str(error) for error in again.value.errors] == [expected]


def test_builds_leave_no_log_filter_behind(site_copy, tmp_path):
    loggers = [logging.getLogger(name) for name in ("pelican", "pelican.contents", "pelican.readers")]
    before = [list(logger.filters) for logger in loggers]
    write_files(site_copy, {"content/lien.md": "Title: Lien\nDate: 2026-11-01\n\n[l'autre]({filename}absent.md)\n"})
    with pytest.raises(DataErrors):
        build(site_copy, tmp_path / "out")
    assert [list(logger.filters) for logger in loggers] == before


def test_builds_leave_no_log_handler_behind(tmp_path):
    loggers = [logging.getLogger(), logging.getLogger("pelican")]
    before = [list(logger.handlers) for logger in loggers]
    build(SAMPLE, tmp_path / "out", TIERSLIEU_SEARCH=False)
    assert [list(logger.handlers) for logger in loggers] == before


def test_a_series_with_a_count_builds_without_a_python_warning(site_copy, tmp_path):
    # dateutil deprecates COUNT with UNTIL; the suite turns every warning into an error.
    write_files(
        site_copy,
        {
            "data/events/dix-fois.yaml": (
                "title: Dix fois\nstart: 2026-12-02 10:00\nrepeat:\n  freq: weekly\n  count: 10\n"
            )
        },
    )
    site = build(site_copy, tmp_path / "out", TIERSLIEU_SEARCH=False)
    assert site.read("agenda/dix-fois/index.html").count("10 h") >= 10


def test_builds_write_their_cache_in_the_session_folder(built_site, session_folders):
    assert sorted(path.suffix for path in (session_folders / "qr").iterdir()) != []
    assert all(path.suffix == ".svg" for path in (session_folders / "qr").iterdir())
