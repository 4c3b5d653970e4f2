"""What the preview keeps between saves gives the answers computed afresh: series, git keys, articles' checks."""

from __future__ import annotations

import os
import subprocess
from datetime import date, datetime
from zoneinfo import ZoneInfo

from conftest import ROOT
from pelican.generators import ArticlesGenerator
from pelican.settings import read_settings
from PIL import Image

from pelican.plugins.tierslieu import content_check
from pelican.plugins.tierslieu.editors.preview import LivePreview
from pelican.plugins.tierslieu.history import _keys, change_of, file_history
from pelican.plugins.tierslieu.model.events import EventData
from pelican.plugins.tierslieu.recurrence import series_starts


def _git(folder, *arguments):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True, env=env)


def test_a_series_gives_its_own_dates_each_time_and_in_its_own_zone():
    weekly = EventData.model_validate(
        {"title": "Atelier", "start": "2026-03-01T10:00", "repeat": {"freq": "weekly", "count": 3}}
    ).repeat
    first = series_starts(datetime(2026, 3, 1, 10), weekly, date(2026, 12, 31))
    first.append("changed by a caller")
    assert series_starts(datetime(2026, 3, 1, 10), weekly, date(2026, 12, 31)) == [
        datetime(2026, 3, 1, 10),
        datetime(2026, 3, 8, 10),
        datetime(2026, 3, 15, 10),
    ]
    # The same instant in two zones: equal datetimes, but each series starts at its own wall time.
    paris = datetime(2026, 3, 1, 10, tzinfo=ZoneInfo("Europe/Paris"))
    london = paris.astimezone(ZoneInfo("Europe/London"))
    assert paris == london
    assert series_starts(paris, weekly, date(2026, 12, 31))[0] == datetime(2026, 3, 1, 10)
    assert series_starts(london, weekly, date(2026, 12, 31))[0] == datetime(2026, 3, 1, 9)


def test_git_keys_resolve_links_as_realpath_does(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.yaml").write_text("title: A\n", encoding="utf-8")
    (tmp_path / "linked").symlink_to(real)
    (real / "b.yaml").symlink_to(real / "a.yaml")
    paths = [
        str(tmp_path / "linked" / "a.yaml"),  # through a linked folder
        str(real / "b.yaml"),  # a linked file
        str(tmp_path / "linked" / "gone.yml"),  # a former name, missing
        str(real / ".." / "real" / "a.yaml"),
    ]
    expected = [key for path in paths for key in (os.path.realpath(path), os.path.normpath(os.path.abspath(path)))]
    assert _keys(paths, {}) == expected


def test_a_file_seen_through_a_linked_folder_keeps_its_git_history(tmp_path):
    real = tmp_path / "data" / "events"
    real.mkdir(parents=True)
    event = real / "a.yaml"
    event.write_text("title: A\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "one")
    event.write_text("title: B\n", encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "two")
    (tmp_path / "linked").symlink_to(real)
    history = file_history(str(real))
    assert change_of(str(tmp_path / "linked" / "a.yaml"), history).revisions == 2
    assert change_of(str(event), history).revisions == 2


def test_the_articles_checks_kept_between_saves_are_those_of_a_fresh_check(tmp_path, monkeypatch):
    content = tmp_path / "content"
    content.mkdir()
    (content / "un.md").write_text("Title: Un\nDate: 2026-11-02\n\nTexte.\n", encoding="utf-8")
    (content / "deux.md").write_text("Title: Deux\nDate: 02/11/2026\n\nTexte.\n", encoding="utf-8")
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})
    checked: list[str] = []
    original = content_check.check_markdown

    def counted(path, *arguments):
        checked.append(os.path.basename(path))
        return original(path, *arguments)

    monkeypatch.setattr(content_check, "check_markdown", counted)
    kept: dict = {}
    first = content_check.check_content(settings, str(tmp_path), kept)
    assert [str(error) for error in first] == [
        str(error) for error in content_check.check_content(settings, str(tmp_path))
    ]
    assert any("deux.md:2: date illisible" in str(error) for error in first)
    checked.clear()
    assert content_check.check_content(settings, str(tmp_path), kept) == first
    assert checked == []  # nothing saved: nothing checked again
    (content / "deux.md").write_text("Title: Deux\nDate: 2026-11-02\n\nTexte corrigé.\n", encoding="utf-8")
    assert content_check.check_content(settings, str(tmp_path), kept) == []
    assert checked == ["deux.md"]


def test_an_image_added_is_seen_by_the_next_check_of_an_article_that_did_not_change(site_copy, tmp_path):
    extra = {
        "DATA_PATH": str(site_copy / "data"),
        "CACHE_PATH": str(tmp_path / "cache"),
        "SITEURL": "https://grange.example.org",
        "TIERSLIEU_SEARCH": False,
    }
    preview = LivePreview(str(ROOT / "pelicanconf.py"), str(site_copy / "content"), str(tmp_path / "out"), extra)
    preview.build_all()
    assert preview.error is None
    breve = site_copy / "content" / "breve.md"
    breve.write_text("Title: Brève\nDate: 2026-11-02\n\n![Le four](images/four.jpg)\n", encoding="utf-8")
    preview.saved([str(breve)])
    assert "image introuvable « images/four.jpg »" in preview.error
    image = site_copy / "content" / "images" / "four.jpg"
    image.parent.mkdir(exist_ok=True)
    Image.new("RGB", (8, 8), "white").save(image)
    preview.saved([str(image)])  # not an article: the whole site is built, and checked afresh
    assert "écrivez « {static}/images/four.jpg »" in preview.error
    other = site_copy / "content" / "autre.md"
    other.write_text("Title: Autre\nDate: 2026-11-03\n\nTexte.\n", encoding="utf-8")
    preview.saved([str(other)])  # another article saved: the brève, unchanged, is told as it is today
    assert "écrivez « {static}/images/four.jpg »" in preview.error


def _news(preview) -> dict:
    """Return the articles of the preview's last articles generator, by file name."""
    generator = next(g for g in preview.integration.generators if isinstance(g, ArticlesGenerator))
    return {os.path.basename(article.source_path): article for article in generator.articles}


def test_an_article_saved_is_read_again_and_the_others_are_kept(site_copy, tmp_path):
    extra = {"DATA_PATH": str(site_copy / "data"), "CACHE_PATH": str(tmp_path / "cache"), "TIERSLIEU_SEARCH": False}
    preview = LivePreview(str(ROOT / "pelicanconf.py"), str(site_copy / "content"), str(tmp_path / "out"), extra)
    preview.build_all()
    before = _news(preview)
    second = site_copy / "content" / "deuxieme-article.md"
    second.write_text(second.read_text(encoding="utf-8").replace("Title: ", "Title: Nouveau ", 1), encoding="utf-8")
    preview.saved([str(second)])
    assert preview.error is None
    after = _news(preview)
    assert after["premier-article.md"] is before["premier-article.md"]  # not saved: the same object
    assert after["deuxieme-article.md"] is not before["deuxieme-article.md"]
    assert after["deuxieme-article.md"].title.startswith("Nouveau ")
    page = (tmp_path / "out" / after["deuxieme-article.md"].save_as).read_text(encoding="utf-8")
    assert "Nouveau " in page
