"""The preview writes and reloads the page the browser shows first, the rest after; a failed update writes nothing."""

from __future__ import annotations

import threading
import time

import pytest
from conftest import ROOT, build, snapshot

from pelican.plugins.tierslieu.editors import shown
from pelican.plugins.tierslieu.editors.preview import LivePreview

SETTINGS = {"SITEURL": "https://grange.example.org", "TIERSLIEU_BUILD_DATE": "2026-11-24", "TIERSLIEU_SEARCH": False}
PAGE = "agenda/journee-ete/index.html"
AGENDA = "agenda/index.html"


def _preview(site, tmp_path) -> LivePreview:
    extra = {"DATA_PATH": str(site / "data"), "CACHE_PATH": str(tmp_path / "cache"), **SETTINGS}
    preview = LivePreview(str(ROOT / "pelicanconf.py"), str(site / "content"), str(tmp_path / "preview"), extra)
    preview.build_all()
    assert preview.error is None
    return preview


def _retitle(site) -> str:
    event = site / "data/events/journee-ete.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("Journée d'été", "Journée Zéphyrin"), encoding="utf-8")
    return str(event)


def _seen_at_first_reload(preview, output, files: dict[str, str], pages: tuple[str, str]) -> dict:
    """Record, when the preview reloads pages first: the addresses, ``files`` (name: path) and whether ``pages`` reload."""
    seen = {}
    original = preview._reload_first

    def reload_first(addresses):
        seen["addresses"] = addresses
        seen.update({name: (output / path).read_text(encoding="utf-8") for name, path in files.items()})
        original(addresses)
        seen["reloads"] = tuple(preview.reloads(page) for page in pages)

    preview._reload_first = reload_first
    return seen


def _same_as_a_full_build(site, output, tmp_path) -> None:
    build(site, tmp_path / "full", TIERSLIEU_SEARCH=False)
    fast, full = snapshot(output), snapshot(tmp_path / "full")
    assert fast.keys() == full.keys()
    assert [name for name in fast if fast[name] != full[name]] == []


def test_the_shown_page_is_written_and_reloaded_before_the_rest(site_copy, tmp_path):
    preview = _preview(site_copy, tmp_path)
    output = tmp_path / "preview"
    preview.shown.opened("/agenda/journee-ete/")
    preview.shown.opened("/le-lieu/")  # shown, but the change does not touch it
    seen = _seen_at_first_reload(
        preview, output, {"page": PAGE, "agenda": AGENDA}, ("/agenda/journee-ete/", "/agenda/")
    )
    generation = preview.generation
    preview.saved([_retitle(site_copy)])
    assert preview.error is None
    assert "/agenda/journee-ete/" in seen["addresses"] and "/le-lieu/" not in seen["addresses"]
    assert "Zéphyrin" in seen["page"]  # the shown page was in place…
    assert "Zéphyrin" not in seen["agenda"]  # …before the agenda was written
    assert seen["reloads"] == (True, False)
    assert preview.generation == generation + 2
    # The last reload leaves the page reloaded first alone, and reloads the others.
    assert (preview.reloads("/agenda/journee-ete/"), preview.reloads("/agenda/")) == (False, True)
    _same_as_a_full_build(site_copy, output, tmp_path)


def test_a_failure_after_the_shown_page_puts_it_back(site_copy, tmp_path, monkeypatch):
    preview = _preview(site_copy, tmp_path)
    output = tmp_path / "preview"
    before = snapshot(output)
    preview.shown.opened("/agenda/journee-ete/")
    calls = []
    original = preview._merged

    def merged(generator, outputs, gone, sitemap):
        calls.append(sitemap)
        if sitemap:  # the rest of the update
            raise OSError(28, "No space left on device", str(output / AGENDA))
        original(generator, outputs, gone, sitemap)

    monkeypatch.setattr(preview, "_merged", merged)
    preview.saved([_retitle(site_copy)])
    assert calls == [False, True]
    assert preview.error is not None
    assert snapshot(output) == before  # the page written first has its old content back
    assert preview.reloads("/agenda/journee-ete/")  # and it reloads to show the error


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/agenda/x/", "/agenda/x/"), ("/agenda/x/index.html", "/agenda/x/"), ("/a%C3%A9/?q=1", "/aé/"), ("", "/")],
)
def test_addresses_are_compared_as_the_plan_names_pages(path, expected):
    assert shown.normal(path) == expected


NEWS_PAGE = "actualites/2026/premier-article/index.html"
NEWS_LIST = "actualites/index.html"


def _retitle_article(site) -> str:
    article = site / "content/premier-article.md"
    text = article.read_text(encoding="utf-8").replace("Title: Premier article", "Title: Premier article Zéphyrin")
    article.write_text(text, encoding="utf-8")
    return str(article)


def test_a_saved_article_shown_in_a_browser_is_written_and_reloaded_before_the_news(site_copy, tmp_path):
    preview = _preview(site_copy, tmp_path)
    output = tmp_path / "preview"
    preview.shown.opened("/actualites/2026/premier-article/")
    preview.shown.opened("/agenda/")  # shown, but not a page of the news
    pages = ("/actualites/2026/premier-article/", "/actualites/")
    seen = _seen_at_first_reload(preview, output, {"page": NEWS_PAGE, "list": NEWS_LIST}, pages)
    preview.saved([_retitle_article(site_copy)])
    assert preview.error is None
    assert seen["addresses"] == frozenset({"/actualites/2026/premier-article/"})
    assert "Premier article Zéphyrin" in seen["page"]  # the shown article was in place…
    assert "Zéphyrin" not in seen["list"]  # …before the list of the news was written
    assert seen["reloads"] == (True, False)
    assert tuple(preview.reloads(page) for page in pages) == (False, True)
    _same_as_a_full_build(site_copy, output, tmp_path)


def test_a_failure_after_the_shown_article_puts_it_back(site_copy, tmp_path, monkeypatch):
    preview = _preview(site_copy, tmp_path)
    output = tmp_path / "preview"
    before = snapshot(output)
    preview.shown.opened("/actualites/2026/premier-article/")
    reloaded = []
    original = preview._reload_first
    monkeypatch.setattr(preview, "_reload_first", lambda addresses: (reloaded.append(addresses), original(addresses)))

    def full_write(generator, folder, outputs):
        raise OSError(28, "No space left on device", str(output / "index.html"))

    monkeypatch.setattr(preview, "_write", full_write)
    preview.saved([_retitle_article(site_copy)])
    assert reloaded == [frozenset({"/actualites/2026/premier-article/"})]  # it was written and reloaded first…
    assert preview.error is not None
    assert snapshot(output) == before  # …and has its old content back
    assert preview.reloads("/actualites/2026/premier-article/")  # it reloads to show the error


def _record_rest(preview, monkeypatch, order: list, times: list | None = None) -> None:
    """Append "rest" to ``order`` (and the time to ``times``) when the update writes what no browser shows."""
    original = preview._merged

    def merged(generator, outputs, gone, sitemap):
        if sitemap:
            order.append("rest")
            (times if times is not None else []).append(time.monotonic())
        original(generator, outputs, gone, sitemap)

    monkeypatch.setattr(preview, "_merged", merged)


def test_the_rest_of_the_update_waits_until_the_page_reloaded_first_has_loaded(site_copy, tmp_path, monkeypatch):
    preview = _preview(site_copy, tmp_path)
    preview.shown.opened("/agenda/journee-ete/")
    order: list[str] = []
    _record_rest(preview, monkeypatch, order)
    start = preview.generation

    def browser():  # the page reloads, loads, then connects again (serving.py)
        with preview.changed:
            preview.changed.wait_for(lambda: preview.generation != start, timeout=30)
        time.sleep(0.3)
        order.append("loaded")
        preview.shown.opened("/agenda/journee-ete/")

    reloading = threading.Thread(target=browser)
    reloading.start()
    preview.saved([_retitle(site_copy)])
    reloading.join()
    assert preview.error is None
    assert order == ["loaded", "rest"]
    _same_as_a_full_build(site_copy, tmp_path / "preview", tmp_path)


def test_a_page_that_never_connects_again_delays_the_rest_by_the_wait_at_most(site_copy, tmp_path, monkeypatch):
    preview = _preview(site_copy, tmp_path)
    preview.shown.opened("/agenda/journee-ete/")  # a tab closed meanwhile: it never connects again
    monkeypatch.setattr(preview, "RELOAD_WAIT", 0.2)
    order: list[str] = []
    rest: list[float] = []
    _record_rest(preview, monkeypatch, order, rest)
    reloaded = []
    original = preview._reload_first
    monkeypatch.setattr(
        preview, "_reload_first", lambda addresses: (reloaded.append(time.monotonic()), original(addresses))
    )
    preview.saved([_retitle(site_copy)])
    assert preview.error is None and order == ["rest"]
    assert len(reloaded) == 1
    assert 0.2 <= rest[0] - reloaded[0] < 5  # it waited for the page, then wrote the rest
    _same_as_a_full_build(site_copy, tmp_path / "preview", tmp_path)


def test_shown_pages_count_their_connections_and_wait_for_new_ones():
    pages = shown.Shown()
    pages.opened("/a/")
    before = pages.openings({"/a/", "/b/"})
    assert before == {"/a/": 1}  # only pages shown now are waited for
    assert pages.wait_reopened(before, 0.05) is False
    threading.Timer(0.1, pages.opened, ["/a/index.html"]).start()
    assert pages.wait_reopened(before, 10) is True
