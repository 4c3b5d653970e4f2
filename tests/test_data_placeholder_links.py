"""Pelican's placeholder links (« {filename}… ») in data/ texts are errors of check and of the build (data_links.py).

Pelican resolves them in content/ only: from data/ they were published as typed (« href="{filename}/x.md" »).
Each is refused at the line it is written on, with the address to write instead when the target exists.
"""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from conftest import sample_settings
from PIL import Image
from test_editors import check as editors_check
from test_trial_sixth import refused

from pelican.plugins.tierslieu.markup import MarkdownRenderer
from pelican.plugins.tierslieu.model.errors import DataErrors

WRITE = "écrivez l'adresse complète de la page : celle du site en ligne, suivie de « {address} »"
WRITE_FILE = WRITE.replace("de la page", "du fichier")
ELSEWHERE = (
    "écrivez l'adresse complète de la page voulue (celle du site en ligne, suivie de son chemin : "
    "« /agenda/… », « /pepites/… ») ; {missing}"
)
# (link as written, what the message says after « dans data/, »)
LINKS = [
    ("{filename}/premier-article.md", WRITE.format(address="/actualites/2026/premier-article/")),
    ("{filename}premier-article.md", WRITE.format(address="/actualites/2026/premier-article/")),
    ("|filename|/premier-article.md#suite", WRITE.format(address="/actualites/2026/premier-article/")),
    ("{filename}/nope.md", ELSEWHERE.format(missing="et « /nope.md » n'est pas un fichier de content/")),
    ("{static}/images/plan.pdf", WRITE_FILE.format(address="/images/plan.pdf")),
    ("{attach}/images/plan.pdf", WRITE_FILE.format(address="/images/plan.pdf")),
    (
        "{static}/images/absent.pdf",
        ELSEWHERE.format(missing="et « /images/absent.pdf » n'est pas un fichier de content/"),
    ),
    ("{index}", WRITE.format(address="/actualites/")),
    ("{tag}grange", WRITE.format(address="/actualites/etiquette/grange/")),
    ("{tag}inconnue", ELSEWHERE.format(missing="et aucune actualité n'a l'étiquette « inconnue »")),
    ("{category}Territoire", WRITE.format(address="/actualites/categorie/territoire/")),
    ("{author}marie", "et ce site ne publie pas de page d'auteur : retirez ce lien"),
]


def _refusal(link: str, said: str) -> str:
    shown = link[: link.index(link[0], 1) + 1] if link.startswith("|") else link[: link.index("}") + 1]
    return f"lien « {link} » : les liens « {shown} » ne marchent que dans content/ ; dans data/, {said}"


def _bio(link):
    return "data/pepites/zz-test.yaml", f"name: Zz Test\ntrade: Essai\nbio: |\n  Voir.\n\n  [la page]({link})\n"


def _description(link):
    return "data/events/zz.yaml", f"title: Atelier\nstart: 2027-02-03 10:00\ndescription: |\n  Voir [ici]({link}).\n"


def _session(link):
    text = (
        "title: Atelier\nstart: 2027-02-03 10:00\nend: 2027-02-03 12:00\nsessions:\n"
        "  - start: '10:00'\n    end: '11:00'\n    title: Un\n    description: |\n"
        f'      Voir.\n\n      <a href="{link}">la page</a>\n'
    )
    return "data/events/zz.yaml", text


def _venue(site, link):
    text = (site / "data/venue.yaml").read_text("utf-8")
    return "data/venue.yaml", text.replace("ensemble.\n", f"ensemble.\n\n  Voir [r][p].\n\n  [p]: {link}\n", 1)


def _offer(site, link):
    text = (site / "data/venue.yaml").read_text("utf-8")
    return "data/venue.yaml", text.replace('"Accès au *plateau* partagé"', f'"Accès au [plateau]({link})"', 1)


FIELDS = {
    "bio": lambda site, link: _bio(link),
    "description": lambda site, link: _description(link),
    "session": lambda site, link: _session(link),
    "venue": _venue,
    "offer": _offer,
}


def _write(site, field: str, link: str) -> tuple[str, int]:
    """Write ``link`` into the data text ``field``; return the file and the line the link is written on."""
    (site / "content/images").mkdir(exist_ok=True)
    (site / "content/images/plan.pdf").write_bytes(b"%PDF-1.4\n")
    name, text = FIELDS[field](site, link)
    (site / name).write_text(text, "utf-8")
    line = next(number for number, one in enumerate(text.splitlines(), 1) if link in one)
    return name, line


@pytest.mark.parametrize(("link", "said"), LINKS, ids=[link for link, _said in LINKS])
def test_a_placeholder_link_of_a_bio_is_refused_by_check_and_build(site_copy, capsys, tmp_path, link, said):
    name, line = _write(site_copy, "bio", link)
    assert refused(site_copy, capsys, tmp_path) == [f"{name}:{line}: {_refusal(link, said)}"]


@pytest.mark.parametrize("field", ["description", "session", "venue", "offer"])
@pytest.mark.parametrize(
    ("link", "said"), [LINKS[0], LINKS[2], LINKS[4], LINKS[3]], ids=["filename", "old-style", "static", "missing"]
)
def test_a_placeholder_link_of_every_data_text_is_refused_at_its_line(site_copy, capsys, tmp_path, field, link, said):
    name, line = _write(site_copy, field, link)
    assert refused(site_copy, capsys, tmp_path) == [f"{name}:{line}: {_refusal(link, said)}"]


def test_an_image_by_static_in_a_data_text_is_refused_too(site_copy, capsys, tmp_path):
    (site_copy / "content/images").mkdir()
    Image.new("RGB", (4, 4)).save(site_copy / "content/images/plan.png")
    text = "name: Zz Test\ntrade: Essai\nbio: |\n  Voir.\n\n  ![le plan]({static}/images/plan.png)\n"
    (site_copy / "data/pepites/zz-test.yaml").write_text(text, "utf-8")
    said = WRITE_FILE.format(address="/images/plan.png")
    expected = f"data/pepites/zz-test.yaml:6: {_refusal('{static}/images/plan.png', said)}"
    assert refused(site_copy, capsys, tmp_path) == [expected]


def test_check_says_it_once_for_both_settings_files(site_copy, capsys):
    _write(site_copy, "bio", "{filename}/premier-article.md")
    status, _advice, errors = editors_check(site_copy, capsys)
    assert status == 1
    assert [line for line in errors if "ne marchent que dans content/" in line] == [
        f"{site_copy}/data/pepites/zz-test.yaml:6: "
        + _refusal("{filename}/premier-article.md", WRITE.format(address="/actualites/2026/premier-article/"))
    ]


@pytest.mark.parametrize(
    "text", ["[a]({filename}/x.md)", '<a href="|filename|/x.md">a</a>', "![a]({static}/images/a.png)", "[a]({index})"]
)
def test_the_renderer_never_publishes_a_placeholder_link(text):
    with pytest.raises(DataErrors) as raised:
        MarkdownRenderer(sample_settings())(text)
    assert [error.path for error in raised.value.errors] == ["data/"]
    assert "ne marchent que dans content/" in raised.value.errors[0].message


def test_the_renderer_keeps_ordinary_links():
    html = str(MarkdownRenderer(sample_settings())("[a](/le-lieu/) et a|b {x}"))
    assert 'href="/le-lieu/"' in html


def test_a_file_named_with_spaces_is_found_percent_encoded_and_given_encoded(site_copy, capsys, tmp_path):
    (site_copy / "content/images").mkdir()
    (site_copy / "content/images/plan du lieu.pdf").write_bytes(b"%PDF-1.4\n")
    text = "name: Zz Test\ntrade: Essai\nbio: |\n  [le plan]({static}/images/plan%20du%20lieu.pdf)\n"
    (site_copy / "data/pepites/zz-test.yaml").write_text(text, "utf-8")
    said = WRITE_FILE.format(address="/images/plan%20du%20lieu.pdf")
    expected = f"data/pepites/zz-test.yaml:4: {_refusal('{static}/images/plan%20du%20lieu.pdf', said)}"
    assert refused(site_copy, capsys, tmp_path) == [expected]


def _told_as(link: str, shown: str, said: str) -> str:
    return f"lien « {link} » : les liens « {shown} » ne marchent que dans content/ ; dans data/, {said}"


ARTICLE = WRITE.format(address="/actualites/2026/premier-article/")
# (link as written, the form told, what follows « dans data/, »): any case, percent-encoded in any case.
OTHER_FORMS = [
    ("{FILENAME}/premier-article.md", "{filename}", ARTICLE),
    ("{Static}/images/plan.pdf", "{static}", WRITE_FILE.format(address="/images/plan.pdf")),
    ("|FILENAME|/premier-article.md", "|filename|", ARTICLE),
    ("%7Bfilename%7D/premier-article.md", "{filename}", ARTICLE),
    ("%7bStatic%7d/images/plan.pdf", "{static}", WRITE_FILE.format(address="/images/plan.pdf")),
    ("%7Cfilename%7C/premier-article.md", "|filename|", ARTICLE),
]


@pytest.mark.parametrize("field", ["description", "bio"])
@pytest.mark.parametrize(("link", "shown", "said"), OTHER_FORMS, ids=[link for link, *_rest in OTHER_FORMS])
def test_a_placeholder_link_in_any_case_or_percent_encoded_is_refused(
    site_copy, capsys, tmp_path, field, link, shown, said
):
    name, line = _write(site_copy, field, link)
    assert refused(site_copy, capsys, tmp_path) == [f"{name}:{line}: {_told_as(link, shown, said)}"]


@pytest.mark.parametrize("link", ["{foo}/a.md", "{Fichier}a.md", "%7Bfoo%7D/a.md", "|x|/a.md"])
def test_a_link_of_that_form_with_an_unknown_word_is_refused_as_no_address(site_copy, capsys, tmp_path, link):
    name, line = _write(site_copy, "description", link)
    form = unquote(link[: link.index("/")] if "/" in link else link[: link.index("}") + 1])
    expected = (
        f"{name}:{line}: lien « {link} » : « {form} » n'est pas une adresse ; dans data/, "
        "écrivez l'adresse complète de la page voulue (celle du site en ligne, suivie de son chemin : "
        "« /agenda/… », « /pepites/… »)"
    )
    assert refused(site_copy, capsys, tmp_path) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "[a]({FILENAME}/x.md)",
        '<a href="|Filename|/x.md">a</a>',
        "![a]({STATIC}/images/a.png)",
        "[a](%7Bfilename%7D/x.md)",
        "[a](%7cstatic%7c/x.pdf)",
        "[a]({foo}/x)",
    ],
)
def test_the_renderer_never_publishes_a_placeholder_link_in_any_case(text):
    with pytest.raises(DataErrors) as raised:
        MarkdownRenderer(sample_settings())(text)
    assert [error.path for error in raised.value.errors] == ["data/"]
    assert "ne marchent que dans content/" in raised.value.errors[0].message


def test_broken_link_advice_of_a_data_text_is_at_the_link_s_line(site_copy, capsys):
    text = (
        "title: Atelier\nstart: 2027-02-03 10:00\nend: 2027-02-03 12:00\nsessions:\n"
        "  - start: '10:00'\n    end: '11:00'\n    title: Un\n    description: |\n"
        "      Voir [ici](/agenda/nulle-part/).\n\n      [r]: /pepites/personne/\n\n      Et [là][r].\n"
        "description: |\n  Un.\n\n  Voir <a href='/agenda/ailleurs/'>ici</a>.\n"
    )
    (site_copy / "data/events/zz.yaml").write_text(text, "utf-8")
    _status, advice, _errors = editors_check(site_copy, capsys)
    told = f"{site_copy}/data/events/zz.yaml:{{}}: attention : lien cassé vers « {{}} »"
    assert sorted(line for line in advice if "lien cassé" in line and "zz.yaml" in line) == sorted(
        [
            told.format(9, "/agenda/nulle-part/"),
            told.format(11, "/pepites/personne/"),
            told.format(17, "/agenda/ailleurs/"),
        ]
    )


def test_broken_link_advice_and_placeholder_error_of_one_text_share_its_line(site_copy, capsys):
    text = (
        "title: Atelier\nstart: 2027-02-03 10:00\nend: 2027-02-03 12:00\nsessions:\n"
        "  - start: '10:00'\n    end: '11:00'\n    title: Un\n    description: |\n"
        "      Voir [ici](/agenda/nulle-part/) et [là]({filename}/nope.md).\n"
    )
    (site_copy / "data/events/zz.yaml").write_text(text, "utf-8")
    status, advice, errors = editors_check(site_copy, capsys)
    assert status == 1
    said = ELSEWHERE.format(missing="et « /nope.md » n'est pas un fichier de content/")
    assert [line for line in errors if "zz.yaml" in line] == [
        f"{site_copy}/data/events/zz.yaml:9: {_refusal('{filename}/nope.md', said)}"
    ]
    # Once the placeholder is an address, both broken links are advised at that same line.
    (site_copy / "data/events/zz.yaml").write_text(text.replace("{filename}/nope.md", "/nope/"), "utf-8")
    status, advice, errors = editors_check(site_copy, capsys)
    assert (status, errors) == (0, [])
    told = f"{site_copy}/data/events/zz.yaml:9: attention : lien cassé vers « {{}} »"
    assert [line for line in advice if "lien cassé" in line and "zz.yaml" in line] == [
        told.format("/agenda/nulle-part/"),
        told.format("/nope/"),
    ]


@pytest.mark.parametrize(("word", "link"), [("FILENAME", "/premier-article.md"), ("Static", "/images/plan.pdf")])
def test_an_article_with_a_known_word_in_capitals_gets_the_not_recognised_error(
    site_copy, capsys, tmp_path, word, link
):
    # Pelican's own reader knows the lower-case words only (its INTRASITE_LINK_REGEX and _link_replacer).
    (site_copy / "content/zz.md").write_text(f"Title: Zz\nDate: 2026-01-01\n\nVoir [ici]({{{word}}}{link}).\n", "utf-8")
    advice = "écrivez « {filename} » (article, page) ou « {static} » (image, fichier)"
    expected = f"content/zz.md:4: lien « {{{word}}}{link} » : « {{{word}}} » n'est pas reconnu : {advice}"
    assert refused(site_copy, capsys, tmp_path) == [expected]
