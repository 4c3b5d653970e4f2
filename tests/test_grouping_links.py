"""Links to a tag, a category or an author page (grouping_links.py): to a page the site has, or refused."""

from __future__ import annotations

from conftest import run_build, snapshot
from test_trial_files import ARTICLE, append, check, problems_of


def test_links_to_groupings_no_article_has_are_refused_at_their_line(site_copy, capsys):
    line = append(site_copy / ARTICLE, "[a]({author}moi) [t]({tag}nexistepas) [c]({category}nexistepas)")
    assert check(site_copy, capsys) == [  # in check's order: by file, line, then message
        (
            f"{ARTICLE}:{line}: « {{author}}moi » mène à une page d'auteur, et ce site n'en publie pas : "
            "retirez ce lien, ou liez une page (« {filename}/pages/… .md »)"
        ),
        (
            f"{ARTICLE}:{line}: « {{category}}nexistepas » mène à la page de la catégorie « nexistepas », qu'aucun "
            "article n'a : écrivez le nom d'une catégorie d'un article (ligne « Category: »)"
        ),
        (
            f"{ARTICLE}:{line}: « {{tag}}nexistepas » mène à la page de l'étiquette « nexistepas », qu'aucun article "
            "n'a : écrivez le nom d'une étiquette d'un article (ligne « Tags: »)"
        ),
    ]


def test_a_near_miss_names_the_grouping_meant(site_copy, capsys):
    line = append(site_copy / ARTICLE, "Voir [la grange]({tag}granges) et [le territoire]({category}teritoire).")
    assert check(site_copy, capsys) == [
        (
            f"{ARTICLE}:{line}: « {{category}}teritoire » mène à la page de la catégorie « teritoire », qu'aucun "
            "article n'a : vouliez-vous dire « {category}territoire » (Territoire) ?"
        ),
        (
            f"{ARTICLE}:{line}: « {{tag}}granges » mène à la page de l'étiquette « granges », qu'aucun article n'a : "
            "vouliez-vous dire « {tag}grange » (grange) ?"
        ),
    ]


def test_links_to_existing_groupings_pass_whatever_their_spelling(site_copy, capsys):
    append(
        site_copy / ARTICLE, "[g]({tag}grange) [o]({tag}Ouverture) [v]({category}vie-du-lieu) [t]({category}Territoire)"
    )
    assert check(site_copy, capsys) == []


def test_the_build_refuses_them_too_and_leaves_the_site(site_copy, tmp_path):
    output = tmp_path / "output"
    assert run_build(site_copy, output).returncode == 0
    before = snapshot(output)
    line = append(site_copy / ARTICLE, "[t]({tag}nexistepas)")
    result = run_build(site_copy, output)
    assert result.returncode == 1
    assert [problem.split(" mène")[0] for problem in problems_of(result.stderr, site_copy)] == [
        f"{ARTICLE}:{line}: « {{tag}}nexistepas »"
    ]
    assert snapshot(output) == before
