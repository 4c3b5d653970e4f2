"""Links « {filename} » to a draft or a scheduled article (unpublished_links.py): refused, as they would be broken."""

from __future__ import annotations

from conftest import run_build, snapshot, write_files
from test_trial_files import check, problems_of

FUTURE = "content/2026-11-05-a05-future.md"
DRAFT = "content/2026-11-13-a13-draft.md"
LINKING = "content/2026-11-12-a12-link-future.md"
ARTICLES = {
    FUTURE: "Title: Annonce\nDate: 2030-01-01 10:00\nSlug: a05-future\n\nBientôt.\n",
    DRAFT: "Title: Brouillon\nDate: 2026-11-13 10:00\nSlug: a13-draft\nStatus: draft\n\nPas prêt.\n",
}
TO_DRAFT = (
    "« {filename}/2026-11-13-a13-draft.md » mène à un brouillon, qui n'est pas publié : le lien serait cassé ; "
    "publiez-le (« Status: published ») ou retirez le lien"
)
TO_FUTURE = (
    "« {filename}/2026-11-05-a05-future.md » mène à une actualité programmée pour le 2030-01-01 10:00, pas encore "
    "publiée : le lien serait cassé jusque-là ; retirez le lien, ou programmez cette actualité-ci après elle"
)


def linking(header: str = "Date: 2026-11-12 10:00") -> str:
    return (
        f"Title: Liens\n{header}\nSlug: a12-link-future\n\n"
        "Voir [l'annonce]({filename}/2026-11-05-a05-future.md).\n\n"
        "Et [le brouillon]({filename}/2026-11-13-a13-draft.md).\n"
    )


def test_links_from_a_published_article_to_a_draft_and_a_scheduled_one_are_refused_at_their_line(site_copy, capsys):
    write_files(site_copy, {**ARTICLES, LINKING: linking()})
    assert check(site_copy, capsys) == [f"{LINKING}:5: {TO_FUTURE}", f"{LINKING}:7: {TO_DRAFT}"]


def test_relative_and_pipe_links_are_resolved_as_pelican_does(site_copy, capsys):
    text = linking().replace("{filename}/", "|filename|").replace("a13-draft.md)", "a13-draft.md#suite)")
    write_files(site_copy, {**ARTICLES, LINKING: text})
    assert check(site_copy, capsys) == [
        f"{LINKING}:5: {TO_FUTURE.replace('{filename}/', '|filename|')}",
        f"{LINKING}:7: {TO_DRAFT.replace('{filename}/', '|filename|').replace('.md »', '.md#suite »')}",
    ]


def test_a_hidden_page_links_to_a_draft_too(site_copy, capsys):
    page = "content/pages/cachee.md"
    write_files(
        site_copy, {**ARTICLES, page: "Title: Cachée\nStatus: hidden\n\n[b]({filename}../2026-11-13-a13-draft.md)\n"}
    )
    assert check(site_copy, capsys) == [f"{page}:4: {TO_DRAFT.replace('{filename}/', '{filename}../')}"]


def test_a_draft_may_link_to_drafts_and_hidden_or_published_articles_are_fine(site_copy, capsys):
    hidden = "content/2026-11-14-cache.md"
    write_files(
        site_copy,
        {
            **ARTICLES,
            LINKING: linking("Date: 2026-11-12 10:00\nStatus: draft"),
            hidden: "Title: Caché\nDate: 2026-11-14 10:00\nStatus: hidden\n\nTexte.\n",
            "content/2026-11-15-vers-cache.md": (
                "Title: Vers caché\nDate: 2026-11-15 10:00\n\n[c]({filename}2026-11-14-cache.md) [p]({filename}premier-article.md)\n"
            ),
        },
    )
    assert check(site_copy, capsys) == []


def test_a_scheduled_article_may_link_to_one_scheduled_earlier_but_not_later_nor_to_a_draft(site_copy, capsys):
    write_files(site_copy, {**ARTICLES, LINKING: linking("Date: 2030-01-01 10:00")})
    assert check(site_copy, capsys) == [f"{LINKING}:7: {TO_DRAFT}"]
    write_files(site_copy, {LINKING: linking("Date: 2029-12-31 10:00")})
    assert check(site_copy, capsys) == [f"{LINKING}:5: {TO_FUTURE}", f"{LINKING}:7: {TO_DRAFT}"]


def test_the_build_refuses_them_too_and_leaves_the_site(site_copy, tmp_path):
    output = tmp_path / "output"
    write_files(site_copy, ARTICLES)
    assert run_build(site_copy, output).returncode == 0
    before = snapshot(output)
    assert not [name for name in before if "drafts" in name]
    write_files(site_copy, {LINKING: linking()})
    for settings in ("pelicanconf.py", "publishconf.py"):
        result = run_build(site_copy, output, settings)
        assert result.returncode == 1
        assert problems_of(result.stderr, site_copy) == [f"{LINKING}:5: {TO_FUTURE}", f"{LINKING}:7: {TO_DRAFT}"]
        assert snapshot(output) == before


def test_a_draft_page_is_not_written_and_a_link_to_it_is_refused(site_copy, tmp_path, capsys):
    page = "content/pages/projet.md"
    write_files(site_copy, {page: "Title: Projet\nSlug: projet\nStatus: draft\n\nSecret.\n"})
    output = tmp_path / "output"
    assert run_build(site_copy, output).returncode == 0
    assert not [name for name in snapshot(output) if "projet" in name]
    write_files(site_copy, {LINKING: "Title: Liens\nDate: 2026-11-12 10:00\n\n[p]({filename}pages/projet.md)\n"})
    assert check(site_copy, capsys) == [
        f"{LINKING}:4: {TO_DRAFT.replace('/2026-11-13-a13-draft.md', 'pages/projet.md')}"
    ]
