"""The Markdown reader (markdown_reading.py): what Pelican's reader gives, one instance for every text, each kept on disk."""

from __future__ import annotations

import copy
import json
import logging

import markdown
import pytest
from conftest import build, snapshot
from pelican.log import LimitFilter
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG

from pelican.plugins.tierslieu.markdown_reading import CachingMarkdownReader, setting_key
from pelican.plugins.tierslieu.markup import french_footnotes

TEXTS = {
    "abbreviation.md": "Title: Sigles\nDate: 2026-03-01\n\nLe *HTML* du site.\n\n*[HTML]: Hypertext Markup Language\n",
    "no-abbreviation.md": "Title: Sans sigle\nDate: 2026-03-02\n\nLe HTML sans définition ici.\n",
    "footnotes.md": "Title: Notes\nDate: 2026-03-03\n\nUn fait[^1] et un autre[^deux].\n\n[^1]: Source.\n[^deux]: Autre.\n",
    "footnotes-again.md": "Title: Notes encore\nDate: 2026-03-04\n\nUn seul fait[^1].\n\n[^1]: Une source.\n",
    "summary.md": (
        "Title: Résumé\nDate: 2026-03-05\nTags: atelier, bois\nSummary: Un **résumé** en *Markdown*\n"
        "Category: Vie du lieu\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nprint('bonjour')\n```\n"
    ),
    "twice.md": "Title: Deux adresses\nSlug: premiere\nSlug: seconde\nDate: 2026-03-06\n\nTexte.\n",
    "no-metadata.md": "Juste un paragraphe, sans en-tête.\n",
    "attributes.md": "Title: Attributs\nDate: 2026-03-07\n\n## Une section {#ancre .grande}\n\nTerme\n:   Définition\n",
}


@pytest.fixture
def settings(tmp_path):
    result = copy.deepcopy(DEFAULT_CONFIG)
    result["CACHE_PATH"] = str(tmp_path / "cache")
    french_footnotes(result)
    return result


@pytest.fixture
def sources(tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in TEXTS]


def _pelicans(settings, sources) -> list[tuple[str, dict]]:
    """What Pelican's own reader gives, a new reader (and Markdown instance) for every text."""
    return [MarkdownReader(copy.deepcopy(settings)).read(str(path)) for path in sources]


def test_one_reader_for_every_text_gives_what_pelicans_reader_gives(settings, sources):
    expected = _pelicans(settings, sources)
    reader = CachingMarkdownReader(settings)
    assert [reader.read(str(path)) for path in sources] == expected  # converted, one instance reset between texts
    assert [reader.read(str(path)) for path in reversed(sources)] == expected[::-1]  # from the cache
    abbreviated, plain = expected[0][0], expected[1][0]
    assert "<abbr" in abbreviated and "<abbr" not in plain  # no state of one text reaches the next
    assert str(expected[4][1]["summary"]) == "<p>Un <strong>résumé</strong> en <em>Markdown</em></p>"


def test_a_new_reader_serves_each_text_from_the_cache_without_converting(settings, sources, monkeypatch):
    expected = [CachingMarkdownReader(settings).read(str(path)) for path in sources]
    kept = sorted((settings["CACHE_PATH"] + "/markdown/" + name) for name in _names(settings))
    assert len(kept) == len(TEXTS)
    converted = []
    original = markdown.Markdown.convert
    monkeypatch.setattr(markdown.Markdown, "convert", lambda md, text: converted.append(text) or original(md, text))
    assert [CachingMarkdownReader(settings).read(str(path)) for path in sources] == expected
    assert converted == ["Un **résumé** en *Markdown*"]  # Pelican's formatted field, parsed again; no text


def test_an_edited_text_or_another_setting_is_converted_anew(settings, sources):
    reader = CachingMarkdownReader(settings)
    reader.read(str(sources[1]))
    sources[1].write_text(TEXTS["no-abbreviation.md"].replace("sans définition", "*modifié*"), encoding="utf-8")
    assert "<em>modifié</em>" in reader.read(str(sources[1]))[0]
    other = copy.deepcopy(settings)
    other["MARKDOWN"]["output_format"] = "xhtml"
    assert setting_key(other["MARKDOWN"]) != setting_key(settings["MARKDOWN"])
    assert len(_names(settings)) == 2  # one conversion per text and setting


def test_a_damaged_or_foreign_cache_file_is_read_as_absent_and_replaced(settings, sources):
    expected = CachingMarkdownReader(settings).read(str(sources[4]))
    (name,) = _names(settings)
    path = f"{settings['CACHE_PATH']}/markdown/{name}"
    for damaged in ("{not json", json.dumps({"format": 1, "content": "<p>faux</p>", "meta": {"title": "x"}}), "[]"):
        with open(path, "w", encoding="utf-8") as stream:
            stream.write(damaged)
        assert CachingMarkdownReader(settings).read(str(sources[4])) == expected
        with open(path, encoding="utf-8") as stream:
            assert json.load(stream)["content"] == expected[0]


def test_an_unwritable_cache_leaves_the_text_converted(settings, sources, tmp_path):
    (tmp_path / "cache").write_text("un fichier, pas un dossier", encoding="utf-8")
    assert CachingMarkdownReader(settings).read(str(sources[2])) == _pelicans(settings, sources[2:3])[0]


def test_pelicans_warnings_are_given_at_every_read(settings, sources, monkeypatch):
    class Kept(logging.Handler):
        def emit(self, record):
            messages.append(record.getMessage())

    handler, logger = Kept(logging.WARNING), logging.getLogger("pelican.readers")
    logger.addHandler(handler)
    try:
        for _ in range(2):  # converted, then from the cache
            messages = []
            monkeypatch.setattr(LimitFilter, "_raised_messages", set())  # Pelican says a message once per process
            metadata = CachingMarkdownReader(settings).read(str(sources[5]))[1]
            assert metadata["slug"] == "premiere"
            assert [message for message in messages if message.startswith("Duplicate definition of `slug`")]
    finally:
        logger.removeHandler(handler)


def test_a_build_from_the_cache_writes_the_same_site(site_copy, tmp_path):
    cache = tmp_path / "cache"
    build(site_copy, tmp_path / "cold", CACHE_PATH=str(cache), TIERSLIEU_SEARCH=False)
    articles = list((site_copy / "content").rglob("*.md"))
    assert len(list((cache / "markdown").glob("*.json"))) >= len(articles) > 0
    build(site_copy, tmp_path / "warm", CACHE_PATH=str(cache), TIERSLIEU_SEARCH=False)
    assert snapshot(tmp_path / "warm") == snapshot(tmp_path / "cold")


def _names(settings) -> list[str]:
    from pathlib import Path  # noqa: PLC0415

    return sorted(path.name for path in (Path(settings["CACHE_PATH"]) / "markdown").glob("*.json"))
