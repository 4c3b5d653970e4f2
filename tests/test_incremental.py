"""The preview's fast path writes exactly what a full build would, and only that."""

from __future__ import annotations

import pytest
from conftest import ROOT, build, snapshot, write_files

from pelican.plugins.tierslieu.preview import LivePreview

SETTINGS = {"SITEURL": "https://grange.example.org", "TIERSLIEU_BUILD_DATE": "2026-11-24", "TIERSLIEU_SEARCH": False}
ARTICLE = "actualites/2026/premier-article/index.html"

CHANGES = {
    "title": {"data/events/salon-artisans.yaml": "title: Grand salon des artisans\nstart: 2026-12-11\nend: 2026-12-13\ncategory: Marché\nprice: Gratuit\npepites: [eloise-berenger]\n"},
    "date_and_category": {"data/events/journee-ete.yaml": "title: Journée d'été\nstart: 2027-02-14 10:00\ncategory: Fête\nfull: true\n"},
    "new_event": {"data/events/nouveau.yaml": "title: Nouveau\nstart: 2027-01-20 18:00\ncategory: Atelier\npepites: [minimal]\n"},
    "deleted_event": {"data/events/visio-montreal.yaml": None},
    "pepite_renamed": {"data/pepites/eloise-berenger.yaml": "name: Éloïse Bérenger-Martin\ntrade: Potière\nkind: Artisan\n"},
    "article_title": {"content/premier-article.md": "Title: Premier article, revu\nDate: 2026-10-01 10:00\nCategory: Vie du lieu\nTags: ouverture\nSlug: premier-article\nSummary: La grange ouvre.\n\nTexte revu.\n"},
    "new_article": {"content/troisieme.md": "Title: Troisième\nDate: 2026-11-20 09:00\nCategory: Nouvelles\nTags: neuf\n\nUn nouveau texte.\n"},
    "deleted_article": {"content/deuxieme-article.md": None},
    "new_pepite_on_event": {"data/events/conference-passee.yaml": "title: Conférence passée\nstart: 2026-10-15 19:00\nend: 2026-10-15 21:00\ncategory: Conférence\npepites: [repair]\n"},
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_fast_path_equals_a_full_build(site_copy, tmp_path, change):
    extra = {"DATA_PATH": str(site_copy / "data"), "CACHE_PATH": str(tmp_path / "cache"), **SETTINGS}
    preview = LivePreview(str(ROOT / "pelicanconf.py"), str(site_copy / "content"), str(tmp_path / "preview"), extra)
    preview.build_all()
    assert preview.error is None
    article_stamp = (tmp_path / "preview" / ARTICLE).stat().st_mtime_ns
    write_files(site_copy, CHANGES[change])
    preview.saved([str(site_copy / name) for name in CHANGES[change]])
    assert preview.error is None
    if not change.endswith("article") and "article_" not in change:
        assert (tmp_path / "preview" / ARTICLE).stat().st_mtime_ns == article_stamp  # articles were left alone
    build(site_copy, tmp_path / "full", TIERSLIEU_SEARCH=False)
    fast, slow = snapshot(tmp_path / "preview"), snapshot(tmp_path / "full")
    assert sorted(set(fast) ^ set(slow)) == []
    assert [name for name in fast if fast[name] != slow[name]] == []


def test_fast_path_keeps_the_site_when_data_is_wrong(site_copy, tmp_path):
    extra = {"DATA_PATH": str(site_copy / "data"), "CACHE_PATH": str(tmp_path / "cache"), **SETTINGS}
    preview = LivePreview(str(ROOT / "pelicanconf.py"), str(site_copy / "content"), str(tmp_path / "preview"), extra)
    preview.build_all()
    before = snapshot(tmp_path / "preview")
    write_files(site_copy, {"data/events/oups.yaml": "tilte: X\nstart: 2027-01-12\n"})
    preview.saved([str(site_copy / "data/events/oups.yaml")])
    assert "oups.yaml:1: clé inconnue 'tilte'" in preview.error
    assert snapshot(tmp_path / "preview") == before


def test_background_process_gives_the_same_site(tmp_path):
    from datetime import date  # noqa: PLC0415

    from benchmarks.synthetic import write_site  # noqa: PLC0415

    site = write_site(tmp_path / "site", 320, 12, 6, date(2026, 11, 24))
    build(site, tmp_path / "forked", TIERSLIEU_SEARCH=False, TIERSLIEU_BACKGROUND=True)
    build(site, tmp_path / "alone", TIERSLIEU_SEARCH=False, TIERSLIEU_BACKGROUND=False)
    first, second = snapshot(tmp_path / "forked"), snapshot(tmp_path / "alone")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
