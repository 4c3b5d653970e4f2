"""Two sources of one file are refused naming both; an editor's page replaces a generated one."""

from __future__ import annotations

import re

from conftest import run_build, snapshot, write_files


def test_an_article_saved_as_the_home_page_is_refused(site_copy, tmp_path):
    good = run_build(site_copy, tmp_path / "out")
    assert good.returncode == 0, good.stderr
    before = snapshot(tmp_path / "out")
    write_files(
        site_copy,
        {"content/accueil.md": "Title: Remplace l'accueil\nDate: 2026-11-21 10:00\nSave_as: index.html\n\nCorps.\n"},
    )
    build = run_build(site_copy, tmp_path / "out")
    assert build.returncode == 1
    assert (
        "content/accueil.md:3: cet article s'enregistrerait sous « index.html », déjà utilisé par la page générée "
        "« / » : changez son « Save_as: » ou son « Slug: »"
    ) in build.stderr
    assert "Traceback" not in build.stderr
    assert snapshot(tmp_path / "out") == before


def test_two_articles_with_one_address_are_refused(site_copy, tmp_path):
    write_files(
        site_copy,
        {
            "content/a.md": "Title: A\nDate: 2026-11-01 10:00\nSlug: meme\n\nA.\n",
            "content/b.md": "Title: B\nDate: 2026-11-02 10:00\nSlug: meme\n\nB.\n",
        },
    )
    build = run_build(site_copy, tmp_path / "out")
    assert build.returncode == 1
    assert re.search(
        r"content/b\.md:3: ce fichier écrirait « actualites/2026/meme/index\.html », comme \S*content/a\.md "
        r"\(ligne 3\) : changez le « Slug: » de l'un des deux \(sans « Slug: », c'est le titre qui fait l'adresse\)",
        build.stderr,
    )


def test_categories_that_differ_only_by_case_are_refused_at_the_category_line(site_copy, tmp_path):
    """Two spellings of one category page: the rule on `category:` fires before the collision of files."""
    write_files(site_copy, {"data/events/autre.yaml": "title: Autre\nstart: 2027-01-20 18:00\ncategory: atelier\n"})
    build = run_build(site_copy, tmp_path / "out")
    assert build.returncode == 1
    assert build.stderr.replace(f"{site_copy}/", "").splitlines()[0] == (
        "data/events/autre.yaml:3: 'category' : « atelier » et « Atelier » (data/events/atelier-hebdo.yaml:5) "
        "auraient la même page : écrivez « Atelier » comme dans data/events/atelier-hebdo.yaml"
    )
    assert "écrirait" not in build.stderr
    assert "Traceback" not in build.stderr


def test_an_editors_page_replaces_the_generated_legal_notice(site_copy, tmp_path):
    write_files(
        site_copy,
        {
            "content/pages/mentions-legales.md": "Title: Mentions légales\nSlug: mentions-legales\n\nNotre texte à nous.\n"
        },
    )
    build = run_build(site_copy, tmp_path / "out")
    assert build.returncode == 0, build.stderr
    page = build.read("mentions-legales/index.html")
    assert "Notre texte à nous." in page
    assert build.read("sitemap.xml").count("/mentions-legales/<") == 1
