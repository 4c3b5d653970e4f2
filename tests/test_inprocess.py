"""What a build leaves in the process that ran it: warnings, logging, the garbage collector, the cache."""

from __future__ import annotations

import gc
import logging

import pytest
from conftest import SAMPLE, build, write_files


def test_builds_leave_the_garbage_collector_as_they_found_it(tmp_path):
    before = gc.get_freeze_count()
    build(SAMPLE, tmp_path / "first", TIERSLIEU_SEARCH=False)
    build(SAMPLE, tmp_path / "second", TIERSLIEU_SEARCH=False)
    assert gc.get_freeze_count() == before


def test_a_pelican_warning_fails_the_build_that_logged_it(site_copy, tmp_path):
    write_files(site_copy, {"content/lien.md": "Title: Lien\nDate: 2026-11-01\n\n[l'autre]({filename}absent.md)\n"})
    with pytest.raises(pytest.fail.Exception, match=r"WARNING pelican\..*absent\.md"):
        build(site_copy, tmp_path / "out")
    # The same warning again, in the same process: Pelican must not drop it as a duplicate.
    allowed = build(site_copy, tmp_path / "again", allow_warnings=True)
    assert "absent.md" in allowed.stderr


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
