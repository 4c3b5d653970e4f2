"""A build takes back the texts derived from Markdown by the last one (kept_texts.py, CACHE_PATH/data/texts-*)."""

from __future__ import annotations

import pickle
from datetime import date

from conftest import build, snapshot

from pelican.plugins.tierslieu import data_cache, kept_texts, markup, sanitising

SETTINGS = {"TIERSLIEU_SEARCH": False}


def _computed(monkeypatch) -> list[str]:
    """Return the list of the texts sanitised, converted or written as plain text from now on (what was computed)."""
    calls: list[str] = []
    for module, name in ((sanitising, "_clean_html"), (markup, "plain_text"), (markup, "sanitise")):
        original = getattr(module, name)

        def spy(*args, original=original, name=name):
            calls.append(name)
            return original(*args)

        monkeypatch.setattr(module, name, spy)
    return calls


def test_recall_computes_outside_a_build_and_keeps_inside_one():
    calls = []

    def compute():
        calls.append(1)
        return "<p>x</p>"

    assert kept_texts.recall(("f", "a"), compute) == "<p>x</p>"
    assert kept_texts.recall(("f", "a"), compute) == "<p>x</p>"
    assert len(calls) == 2  # nothing kept: computed each time
    kept_texts.adopt({})
    try:
        assert kept_texts.recall(("f", "a"), compute) == "<p>x</p>"
        assert kept_texts.recall(("f", "a"), lambda: "never") == "<p>x</p>"
        assert len(calls) == 3
        assert list(kept_texts.used().values()) == ["<p>x</p>"]
        # Parts are told apart by their lengths: no two tuples share a key.
        assert kept_texts.recall(("f", "a\0b", "c"), lambda: "one") == "one"
        assert kept_texts.recall(("f", "a", "b\0c"), lambda: "two") == "two"
        assert kept_texts.recall(("f", None), lambda: "none") == "none"
        assert kept_texts.recall(("f", ""), lambda: "empty") == "empty"
        assert len(kept_texts.used()) == 5
    finally:
        kept_texts.adopt(None)
    assert kept_texts.recall(("f", "a"), lambda: "computed") == "computed"


def test_a_second_build_takes_back_the_news_texts_and_gives_the_same_site(site_copy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    build(site_copy, tmp_path / "one", CACHE_PATH=str(cache), **SETTINGS)
    kept = cache / "data" / f"texts-{data_cache.texts_key()}.pickle"
    assert sorted(path.name for path in (cache / "data").glob("texts-*")) == [kept.name]
    assert "<p>La grange ouvre.</p>" in pickle.loads(kept.read_bytes()).values()  # a text of data/, as HTML
    computed = _computed(monkeypatch)
    build(site_copy, tmp_path / "two", CACHE_PATH=str(cache), **SETTINGS)
    assert computed == []  # every article's HTML, summary and data text taken back
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    article = site_copy / "content" / "premier-article.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nUne ligne ajoutée ; en plus.\n", encoding="utf-8")
    build(site_copy, tmp_path / "three", CACHE_PATH=str(cache), **SETTINGS)
    assert computed.count("_clean_html") == 1  # only the article saved
    pages = [path.read_text(encoding="utf-8") for path in (tmp_path / "three").rglob("*.html")]
    assert any("Une ligne ajoutée\u202f; en plus." in page for page in pages)
    assert kept_texts._kept is None  # nothing kept once the build is over


def test_the_texts_of_the_second_process_are_kept_too(tmp_path):
    from benchmarks.loading import settings_for  # noqa: PLC0415
    from benchmarks.synthetic import write_site  # noqa: PLC0415
    from pelican.plugins.tierslieu.background import Background  # noqa: PLC0415
    from pelican.plugins.tierslieu.generator import load_site  # noqa: PLC0415

    settings = settings_for(write_site(tmp_path / "site", 320, 6, 2, date(2026, 11, 24)))
    settings["CACHE_PATH"] = str(tmp_path / "cache")
    site = load_site(settings)
    kept_texts.adopt({})
    try:
        background = Background.start(site)
        assert background is not None
        try:
            background.collect_markdown(site.render)
            blocks = background.blocks(background.serialise(len(site.events) + len(site.removed)))
        finally:
            background.close()
        used = kept_texts.used()
    finally:
        kept_texts.adopt(None)
    descriptions = {event.data.description for event in site.events if event.data.description}
    assert len(blocks) == len(site.events) + len(site.removed)
    # Each description's HTML (Markdown) and plain text (DESCRIPTION), computed there, is noted here.
    assert len(used) >= 2 * len(descriptions)
    html = {str(site.render(text)) for text in descriptions}
    assert html <= set(used.values())


def test_another_version_of_a_library_or_of_the_code_names_another_file(monkeypatch):
    key = data_cache.texts_key()
    monkeypatch.setattr(data_cache.importlib.metadata, "version", lambda name: "0.0-other")
    assert data_cache.texts_key() != key


def test_the_verdict_on_an_image_is_kept_by_path_size_and_time(tmp_path, monkeypatch):
    from pelican.plugins.tierslieu import images  # noqa: PLC0415

    broken = tmp_path / "photo.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a JPEG")
    kept_texts.adopt({})
    try:
        told = images.image_problem(str(broken))
        assert told is not None and "image" in told
        checked = []
        monkeypatch.setattr(images, "_checked", lambda *key: checked.append(key))
        assert images.image_problem(str(broken)) == told  # kept: not decoded again
        assert checked == []
        broken.write_bytes(b"\xff\xd8\xff\xe0 another version, longer than the first")
        assert images.image_problem(str(broken)) is None  # another version: checked again
        assert len(checked) == 1
    finally:
        kept_texts.adopt(None)
