"""Characters shown as nothing in names (attacker trial of hidden characters): refused at their line, named.

A soft hyphen, a zero-width space, a word joiner, a Unicode tag (text hidden in a title), a Mongolian vowel
separator or a Hangul filler in a title, a name, a category, a tag, a kind, a session id, or an article's
Title, Category, Tags, Author(s) or Slug made two names that look alike (two pages, two groups) and was
accepted without a word. Long texts keep them (a soft hyphen is a hyphenation hint there); the joiners
U+200C and U+200D stay allowed (emoji sequences, some scripts).
"""

from __future__ import annotations

import pytest
from conftest import run_build, write_files
from test_input import check

from pelican.plugins.tierslieu.model import texts

TAIL = " : supprimez-le (on ne le voit pas, mais il change le nom et son adresse)"
CHARACTERS = {
    "\u00ad": "trait d'union conditionnel",
    "\u200b": "espace sans chasse",
    "\u2060": "gluon de mots",
    "\u2061": "application de fonction",
    "\u2062": "multiplication invisible",
    "\u2063": "séparateur invisible",
    "\u2064": "plus invisible",
    "\u180e": "séparateur de voyelles mongol",
    "\u061c": "marque de lettre arabe",
    "\u200e": "marque de gauche à droite",
    "\u200f": "marque de droite à gauche",
    "\U000e0001": "étiquette Unicode",
    "\U000e0041": "étiquette Unicode",
    "\U000e007f": "étiquette Unicode",
    "\u115f": "remplissage hangul",
    "\u1160": "remplissage hangul",
    "\u3164": "remplissage hangul",
    "\uffa0": "remplissage hangul",
    "\u2800": "motif braille vide",
    "\ufff9": "caractère de mise en forme",  # any other format character (Cf), by its category
}


def said(char: str) -> str:
    """The message for ``char``, as the editor reads it."""
    return f"caractère invisible U+{ord(char):04X} ({CHARACTERS.get(char, 'espace insécable sans chasse')}){TAIL}"


@pytest.mark.parametrize("char", list(CHARACTERS), ids=[f"U+{ord(c):04X}" for c in CHARACTERS])
def test_each_hidden_character_in_an_event_title_is_refused_at_its_line_named(site_copy, capsys, char):
    path = "data/events/cache.yaml"
    (site_copy / path).write_text(f'title: "Atelier{char} couture"\nstart: 2027-02-05 10:00\n', encoding="utf-8")
    assert check(site_copy, capsys) == [f"{path}:1: 'title' : {said(char)}"]


@pytest.mark.parametrize(
    "char", ["\u200c", "\u200d", "\u00e9", "\u00a0", "\u202f"], ids=["ZWNJ", "ZWJ", "é", "NBSP", "NNBSP"]
)
def test_joiners_and_visible_characters_are_not_hidden_ones(char):
    assert texts.hidden_character(f"Atelier {char} couture") is None


SOFT = "\u00ad"
EVENT = "start: 2027-02-05 10:00\n"
SESSIONS = "title: Journée\nstart: 2027-02-05 10:00\nend: 2027-02-05 18:00\nsessions:\n"


@pytest.mark.parametrize(
    ("path", "text", "line", "field"),
    [
        ("data/events/c1.yaml", f"title: Atel{SOFT}ier\n{EVENT}", 1, "title"),
        ("data/events/c2.yaml", f"title: Atelier\n{EVENT}category: Cat{SOFT}égorie\n", 3, "category"),
        ("data/events/c3.yaml", f"{SESSIONS}  - {{start: '11:00', end: '12:00', title: Fo{SOFT}ur}}\n", 5, "title"),
        (
            "data/events/c4.yaml",
            f"{SESSIONS}  - start: '11:00'\n    end: '12:00'\n    title: Four\n    id: fo{SOFT}ur\n",
            8,
            "id",
        ),
        (
            "data/events/c5.yaml",
            f"{SESSIONS}  - start: '11:00'\n    end: '12:00'\n    title: Four\n    category: Cuis{SOFT}ine\n",
            8,
            "category",
        ),
        ("data/pepites/p1.yaml", f"name: Ka{SOFT}rim\ntrade: Menuisier\n", 1, "name"),
        ("data/pepites/p2.yaml", f"name: Karim\ntrade: Menuisier\nkind: Arti{SOFT}san\n", 3, "kind"),
        ("data/pepites/p3.yaml", f"name: Karim\ntrade: Menuisier\ntags:\n  - bois\n  - mé{SOFT}tal\n", 5, "tags"),
        ("data/network/n1.yaml", f"name: La Fa{SOFT}brique\ntown: Lyon\n", 1, "name"),
        ("data/network/n2.yaml", f"name: La Fabrique\ntown: Lyon\nkind: Fab{SOFT}lab\n", 3, "kind"),
    ],
    ids=[
        *("title", "category", "session-title", "session-id", "session-category"),
        *("pepite-name", "pepite-kind", "pepite-tag", "network-name", "network-kind"),
    ],
)
def test_a_soft_hyphen_in_a_name_of_a_data_file_is_refused_at_its_line(site_copy, capsys, path, text, line, field):
    write_files(site_copy, {path: text})
    assert check(site_copy, capsys) == [f"{path}:{line}: '{field}' : {said(SOFT)}"]


ARTICLE = "content/cache.md"


@pytest.mark.parametrize("char", ["\u200b", "\ufeff", "\U000e0041"], ids=["U+200B", "U+FEFF", "U+E0041"])
@pytest.mark.parametrize(
    ("header", "value"),
    [
        *[("Title", "Actu{}alité"), ("Category", "Vie{} du lieu"), ("Tags", "atelier, bo{}is")],
        *[("Author", "Ka{}rim"), ("Authors", "Karim, Lé{}a"), ("Slug", "actu{}alite")],
    ],
)
def test_a_hidden_character_in_an_article_header_is_refused_at_its_line(site_copy, capsys, char, header, value):
    title = "" if header == "Title" else "Title: Actualité\n"
    text = f"{title}{header}: {value.format(char)}\nDate: 2026-11-20 10:00\n\nTexte.\n"
    write_files(site_copy, {ARTICLE: text})
    line = 1 if header == "Title" else 2
    assert check(site_copy, capsys) == [f"{ARTICLE}:{line}: '{header}' : {said(char)}"]


def test_long_texts_keep_soft_hyphens_and_names_keep_joiners(site_copy, capsys):
    write_files(
        site_copy,
        {
            "data/events/long.yaml": (
                "title: Famille \U0001f468\u200d\U0001f469\u200d\U0001f467 et \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\n"
                f"{EVENT}description: Une anti{SOFT}constitu{SOFT}tion{SOFT}nelle\n"
            ),
            "data/pepites/long.yaml": f"name: Karim\ntrade: Menuisier\nbio: Un ébé{SOFT}niste\n",
        },
    )
    assert check(site_copy, capsys) == []


def test_two_spellings_of_a_category_never_advise_the_hidden_one(site_copy, capsys):
    first, second = "data/events/2027-02-05-a.yaml", "data/events/2027-02-05-b.yaml"
    write_files(
        site_copy,
        {
            first: f'title: Atelier A\n{EVENT}category: "Cat\\u00adégorie"\n',
            second: f"title: Atelier B\n{EVENT}category: Catégorie\n",
        },
    )
    assert check(site_copy, capsys) == [f"{first}:3: 'category' : {said(SOFT)}"]


def test_two_spellings_of_an_article_category_never_advise_the_hidden_one(site_copy, capsys):
    write_files(
        site_copy,
        {
            "content/a-cache.md": f"Title: A\nCategory: Vie du{SOFT} lieu\nDate: 2026-11-20 10:00\n\nTexte.\n",
            "content/b-clair.md": "Title: B\nCategory: Vie du lieu\nDate: 2026-11-21 10:00\n\nTexte.\n",
        },
    )
    assert check(site_copy, capsys) == [f"content/a-cache.md:2: 'Category' : {said(SOFT)}"]


def test_the_build_refuses_a_hidden_character_at_its_line(site_copy, tmp_path):
    path = "data/events/cache.yaml"
    (site_copy / path).write_text(f"title: Atelier\n{EVENT}category: Ate\u200blier\n", encoding="utf-8")
    result = run_build(site_copy, tmp_path / "output")
    assert result.returncode == 1
    assert f"{path}:3: 'category' : {said(chr(0x200B))}" in result.stderr.replace(f"{site_copy}/", "")
    assert not (tmp_path / "output").exists()


def test_the_quick_search_finds_every_character_shown_as_nothing():
    """model/texts.MAYBE_HIDDEN skips the character-by-character look: it must hold every Cf of this Unicode."""
    import sys  # noqa: PLC0415
    import unicodedata  # noqa: PLC0415

    from pelican.plugins.tierslieu.model import texts  # noqa: PLC0415

    formats = [chr(point) for point in range(sys.maxunicode + 1) if unicodedata.category(chr(point)) == "Cf"]
    assert len(formats) > 150
    missed = [f"U+{ord(char):04X}" for char in [*formats, *texts._BLANK_LETTERS] if not texts.MAYBE_HIDDEN.search(char)]
    assert missed == []
    assert texts.MAYBE_HIDDEN.search("Atelier « été » à 14 h – l’œuvre, 12,50 €") is None


def test_a_text_shows_nothing_exactly_when_each_of_its_characters_shows_nothing():
    """texts.invisible_only answers from one search for most texts: the same answer as looking at every character."""
    import sys  # noqa: PLC0415
    import unicodedata  # noqa: PLC0415

    from pelican.plugins.tierslieu.model import texts  # noqa: PLC0415

    def one_by_one(text: str) -> bool:
        return all(c.isspace() or c in texts._BLANK_LETTERS or unicodedata.category(c) == "Cf" for c in text)

    points = [chr(point) for point in range(sys.maxunicode + 1) if not 0xD800 <= point <= 0xDFFF]
    samples = [*points, "", " \u00a0\u3000", "\u200e\u2800", "\u200b a", "é\u200b", "Atelier « été »"]
    differ = [repr(text) for text in samples if texts.invisible_only(text) != one_by_one(text)]
    assert differ == []
    assert texts.invisible_only("\u200e\u200f \u2800") and not texts.invisible_only("\u2800é")
