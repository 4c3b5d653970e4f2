"""A build takes back the data files the last build read (CACHE_PATH/data): the same site, the same problems."""

from __future__ import annotations

import os
import pickle

import pytest
from conftest import ROOT, build, snapshot, write_files

from pelican.plugins.tierslieu import data_cache
from pelican.plugins.tierslieu.editors.preview import LivePreview
from pelican.plugins.tierslieu.model import rereading
from pelican.plugins.tierslieu.model.errors import DataErrors

SETTINGS = {"TIERSLIEU_SEARCH": False}


def _reads(monkeypatch) -> list[str]:
    """Return the list of the data files parsed and validated from now on (their names)."""
    calls: list[str] = []
    original = rereading._read

    def read(raw, path, *rest):
        calls.append(os.path.basename(path))
        return original(raw, path, *rest)

    monkeypatch.setattr(rereading, "_read", read)
    return calls


def _kept(cache) -> list:
    return sorted((cache / "data").glob("files-*.pickle"))


def test_a_second_build_takes_back_the_files_and_gives_the_same_site(site_copy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    build(site_copy, tmp_path / "one", CACHE_PATH=str(cache), **SETTINGS)
    assert [path.name for path in _kept(cache)] == [f"files-{data_cache.code_key()}.pickle"]
    reads = _reads(monkeypatch)
    build(site_copy, tmp_path / "two", CACHE_PATH=str(cache), **SETTINGS)
    assert reads == []  # nothing parsed nor validated again
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    event = site_copy / "data/events/journee-ete.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("Journée d'été", "Journée Zéphyrin"), encoding="utf-8")
    site = build(site_copy, tmp_path / "three", CACHE_PATH=str(cache), **SETTINGS)
    assert reads == ["journee-ete.yaml"]  # only the file saved
    assert "Journée Zéphyrin" in site.read("agenda/journee-ete/index.html")
    assert rereading.kept() is None  # the build keeps nothing in memory afterwards


def test_problems_are_told_from_the_kept_files_as_when_they_were_read(site_copy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    write_files(site_copy, {"data/events/oups.yaml": "tilte: X\nstart: 2027-01-12\n"})
    told = []
    for folder in ("one", "two"):
        with pytest.raises(DataErrors) as raised:
            build(site_copy, tmp_path / folder, CACHE_PATH=str(cache), **SETTINGS)
        told.append([str(error) for error in raised.value.errors])
        reads = _reads(monkeypatch)
    assert reads == []
    assert told[0] == told[1] and any("clé inconnue 'tilte'" in line for line in told[0])


def test_a_broken_or_unwritable_cache_is_an_empty_one(site_copy, tmp_path):
    cache = tmp_path / "cache"
    kept = cache / "data" / f"files-{data_cache.code_key()}.pickle"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"\x80\x05garbage")
    (cache / "data" / "files-0123456789abcdef.pickle").write_bytes(b"from older code")
    build(site_copy, tmp_path / "one", CACHE_PATH=str(cache), **SETTINGS)
    assert isinstance(pickle.loads(kept.read_bytes()), dict)  # written again, whole
    assert _kept(cache) == [kept]  # the file of older code is gone
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "data").write_text("a file where the folder of the kept files would be", encoding="utf-8")
    site = build(site_copy, tmp_path / "two", CACHE_PATH=str(blocked), **SETTINGS)
    assert "<title>Journée d&#39;été" in site.read("agenda/journee-ete/index.html")


def test_another_version_of_a_library_or_of_model_names_another_file(monkeypatch):
    key = data_cache.code_key()
    monkeypatch.setattr(data_cache.importlib.metadata, "version", lambda name: "0.0-other")
    assert data_cache.code_key() != key


def test_the_preview_neither_reads_nor_writes_it(site_copy, tmp_path):
    extra = {"DATA_PATH": str(site_copy / "data"), "CACHE_PATH": str(tmp_path / "cache"), **SETTINGS}
    preview = LivePreview(str(ROOT / "pelicanconf.py"), str(site_copy / "content"), str(tmp_path / "out"), extra)
    preview.build_all()
    assert preview.error is None
    assert not (tmp_path / "cache" / "data").exists()
    assert rereading.kept() is not None  # the preview's own memory of the files stays


def test_the_public_holidays_are_kept_too(site_copy, tmp_path, monkeypatch):
    from pelican.plugins.tierslieu import opening  # noqa: PLC0415

    cache = tmp_path / "cache"
    monkeypatch.setattr(opening, "_HOLIDAYS", {})  # as a new process: nothing known yet
    build(site_copy, tmp_path / "one", CACHE_PATH=str(cache), **SETTINGS)
    (kept,) = (cache / "data").glob("holidays-*.pickle")
    days = [day for years in pickle.loads(kept.read_bytes()).values() for day in years]
    assert any(day.month == 7 and day.day == 14 for day, _ in days)  # la fête nationale
    monkeypatch.setattr(opening, "_HOLIDAYS", {})
    started = []
    original = opening.start_in_child
    monkeypatch.setattr(opening, "start_in_child", lambda *args: started.append(args) or original(*args))
    build(site_copy, tmp_path / "two", CACHE_PATH=str(cache), **SETTINGS)
    assert started == []  # no child computed them again
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
