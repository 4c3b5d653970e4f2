"""The preview's loads re-read only what changed: same bytes, same objects; new bytes, read again; problems never lost."""

from __future__ import annotations

import pytest
from conftest import write_files

from pelican.plugins.tierslieu.model import rereading
from pelican.plugins.tierslieu.model.errors import DataErrors
from pelican.plugins.tierslieu.model.loading import load_data

VENUE = "name: Lieu\naddress:\n  street: 1 rue\n  postal_code: '78760'\n  city: Jouars\n"
EVENT = "title: {title}\nstart: 2027-01-12T14:00\nend: 2027-01-12T16:00\n"


@pytest.fixture
def kept():
    rereading.keep(True)  # conftest switches it off after every test


def _load(tmp_path):
    return load_data(str(tmp_path / "data"), str(tmp_path))


def _event(loaded):
    return loaded.events[0]


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is(tmp_path, kept):
    write_files(tmp_path, {"data/venue.yaml": VENUE, "data/events/atelier.yaml": EVENT.format(title="Atelier 1")})
    first = _load(tmp_path)
    again = _load(tmp_path)
    assert _event(again).model is _event(first).model and again.venue is first.venue
    # Same length, written at once: only the bytes tell the two versions apart (not the size, nor a coarse mtime).
    (tmp_path / "data/events/atelier.yaml").write_text(EVENT.format(title="Atelier 2"), encoding="utf-8")
    changed = _load(tmp_path)
    assert _event(changed).model.title == "Atelier 2" and _event(changed).model is not _event(first).model
    assert changed.venue is first.venue


def test_a_file_with_problems_reports_them_at_every_load(tmp_path, kept):
    write_files(tmp_path, {"data/venue.yaml": VENUE, "data/events/atelier.yaml": "title: Atelier\nstart: demain\n"})
    reports = []
    for _ in range(3):
        with pytest.raises(DataErrors) as caught:
            _load(tmp_path)
        reports.append([str(error) for error in caught.value.errors])
    assert reports[0] == reports[1] == reports[2]
    assert any("data/events/atelier.yaml:2" in line for line in reports[0]), reports[0]


def test_a_build_reads_every_file_again(tmp_path):
    """Off by default (a build loads once): every load parses and validates every file."""
    write_files(tmp_path, {"data/venue.yaml": VENUE, "data/events/atelier.yaml": EVENT.format(title="Atelier")})
    assert _event(_load(tmp_path)).model is not _event(_load(tmp_path)).model


def test_the_preview_keeps_what_files_give(site_copy, tmp_path, monkeypatch):
    from conftest import ROOT  # noqa: PLC0415

    from pelican.plugins.tierslieu.editors.preview import LivePreview  # noqa: PLC0415

    switched = []
    monkeypatch.setattr(rereading, "keep", switched.append)
    extra = {"DATA_PATH": str(site_copy / "data"), "CACHE_PATH": str(tmp_path / "cache")}
    LivePreview(str(ROOT / "pelicanconf.py"), str(site_copy / "content"), str(tmp_path / "out"), extra)
    assert switched == [True]


def test_an_article_read_again_is_not_cleaned_again():
    """The preview re-reads every article at each save of one: the HTML of the others is cleaned once (sanitising.clean_html)."""
    from pelican.plugins.tierslieu.markup import sanitise  # noqa: PLC0415
    from pelican.plugins.tierslieu.sanitising import _clean_html, clean_html  # noqa: PLC0415
    from pelican.plugins.tierslieu.typography import french_html  # noqa: PLC0415

    html = '<p>Venez : <a href="../autre/">voir</a> <script>alert(1)</script>!</p>'
    page = "/actualites/2026/un/"
    expected = french_html(sanitise(html, page))
    assert "script" not in expected and "/actualites/2026/autre/" in expected and "\xa0:" in expected
    hits = _clean_html.cache_info().hits  # the preview keeps nothing between builds (kept_texts): its memory
    assert clean_html(html, page) == expected and clean_html(html, page) == expected
    assert _clean_html.cache_info().hits >= hits + 1
    assert clean_html(html, "/ailleurs/x/") != expected  # another address roots the link elsewhere
