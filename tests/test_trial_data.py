"""An attacker trial of editors' data and content: what would mislead visitors is refused in French, or made true.

A free event that names a price, bidirectional overrides in titles, an
identifier told as a file name, look-alike letters dropped from a
suggested name, hidden articles in the sitemap, English footnote titles,
a script as a phone number, and the site's own full address never
checked as a link.
"""

from __future__ import annotations

import pytest
from conftest import ROOT, build, write_files
from test_input import INVISIBLE, check

from pelican.plugins.tierslieu.editors.checking import run_check
from pelican.plugins.tierslieu.editors.scaffold import make_slug
from pelican.plugins.tierslieu.model.events import EventData, SessionData
from pelican.plugins.tierslieu.model.sessions import session_id

FREE_AND_PAID = "title: Atelier\nstart: 2027-02-03 10:00\nprice: 25 €\nfree: true\n"
FREE_REFUSED = (
    "data/events/zz.yaml:4: 'free' : l'événement est dit gratuit (free: true) mais 'price' dit « 25 € » : "
    "retirez l'un des deux"
)


def test_a_free_event_with_a_paid_price_is_refused_at_its_free_line(site_copy, capsys):
    """The page would say « 25 € » and the JSON-LD offer price 0 (structured.py)."""
    (site_copy / "data/events/zz.yaml").write_text(FREE_AND_PAID, encoding="utf-8")
    assert check(site_copy, capsys) == [FREE_REFUSED]


@pytest.mark.parametrize(
    "price", ["∞ €", "€", "sur place", "Prix libre", "Participation libre", "Non gratuit", "Entrée payante"]
)
def test_a_free_event_whose_price_does_not_say_free_is_refused(site_copy, capsys, price):
    """No digit is no proof of free: « Tarif ∞ € » on the page and price 0 in the JSON-LD (schema.org/price).

    « Prix libre » is pay-what-you-want: its price is unknown, not 0.
    """
    (site_copy / "data/events/zz.yaml").write_text(FREE_AND_PAID.replace("25 €", price), encoding="utf-8")
    assert check(site_copy, capsys) == [FREE_REFUSED.replace("« 25 € »", f"« {price} »")]


@pytest.mark.parametrize(
    "price", ["Gratuit", "Entrée libre", "0 €", "Gratuit pour les 2 premiers", "0", "ACCÈS LIBRE", "Gratuite"]
)
def test_a_free_event_whose_price_names_no_amount_is_accepted(site_copy, capsys, price):
    text = f"title: Atelier\nstart: 2027-02-03 10:00\nprice: {price}\nfree: true\n"
    (site_copy / "data/events/zz.yaml").write_text(text, encoding="utf-8")
    assert check(site_copy, capsys) == []


BIDI_CASES = [
    (
        "title: \u202egnp.exe\u202c\nstart: 2027-02-03 10:00\n",
        1,
        0x202E,
        "forçage de sens d'écriture de droite à gauche",
    ),
    ('title: "\\u202dAtelier"\nstart: 2027-02-03 10:00\n', 1, 0x202D, "forçage de sens d'écriture de gauche à droite"),
    (
        "title: Atelier\nstart: 2027-02-03 10:00\nsummary: a\u2067b\n",
        3,
        0x2067,
        "isolement de sens d'écriture de droite à gauche",
    ),
    (
        "title: Atelier\nstart: 2027-02-03 10:00\nlocation: a\u202ab\n",
        3,
        0x202A,
        "enchâssement de sens d'écriture de gauche à droite",
    ),
    ("title: Atelier\nstart: 2027-02-03 10:00\nlocation: a\u2069\n", 3, 0x2069, "fin d'isolement de sens d'écriture"),
]


@pytest.mark.parametrize(("text", "line", "code", "name"), BIDI_CASES)
def test_bidirectional_overrides_in_data_are_refused_at_their_line(site_copy, capsys, text, line, code, name):
    (site_copy / "data/events/zz.yaml").write_text(text, encoding="utf-8")
    assert check(site_copy, capsys) == [f"data/events/zz.yaml:{line}: " + INVISIBLE.format(code, name)]


def test_bidirectional_marks_stay_allowed_in_texts_not_in_names(site_copy, capsys):
    """U+200E/U+200F (left-to-right and right-to-left marks) reorder nothing around them: accepted in a text.

    In a title they are refused as every character shown as nothing (test_hidden_characters): two titles or
    categories written alike would differ.
    """
    text = "title: Atelier \u200fشاي\u200e du soir\nstart: 2027-02-03 10:00\n"
    (site_copy / "data/events/zz.yaml").write_text(text, encoding="utf-8")
    refused = (
        "data/events/zz.yaml:1: 'title' : caractère invisible U+200F (marque de droite à gauche) : supprimez-le "
        "(on ne le voit pas, mais il change le nom et son adresse)"
    )
    assert check(site_copy, capsys) == [refused]
    text = "title: Atelier\nstart: 2027-02-03 10:00\ndescription: Atelier \u200fشاي\u200e du soir\n"
    (site_copy / "data/events/zz.yaml").write_text(text, encoding="utf-8")
    assert check(site_copy, capsys) == []


def test_a_bidirectional_override_in_an_article_header_is_refused(site_copy, capsys):
    article = "Title: Notre \u202egnp.exe\u202c\nDate: 2026-11-20 10:00\n\nTexte.\n"
    (site_copy / "content/zz.md").write_text(article, encoding="utf-8")
    refused = (
        "content/zz.md:1: caractère invisible U+202E (forçage de sens d'écriture de droite à gauche) : "
        "supprimez-le (il vient souvent d'un copier-coller depuis un traitement de texte)"
    )
    assert check(site_copy, capsys) == [refused]


PROGRAMME = "title: JPO\nstart: 2027-06-02 10:00\nend: 2027-06-02 18:00\nsessions:\n"


@pytest.mark.parametrize(("written", "example"), [("S4-UP", "s4-up"), ("../x", "x"), ("atelier_été", "atelier-ete")])
def test_a_wrong_session_id_is_told_as_an_identifier_with_one_to_write(site_copy, capsys, written, example):
    session = f'  - start: "10:00"\n    end: "11:00"\n    title: Accueil\n    id: "{written}"\n'
    (site_copy / "data/events/zz.yaml").write_text(PROGRAMME + session, encoding="utf-8")
    assert check(site_copy, capsys) == [
        (
            f"data/events/zz.yaml:8: 'id' : identifiant « {written} » invalide (minuscules sans accents, chiffres et "
            f"tirets) : par exemple « {example} »"
        )
    ]


def test_a_session_without_id_keeps_the_identifier_of_earlier_builds():
    """Its identifier is the calendar's UID: titles with « Œ » or non-Latin letters fold as before (no Unidecode)."""
    event = EventData(title="JPO", start="2027-06-02 10:00", end="2027-06-02 18:00")
    session = SessionData(start="10:00", end="11:00", title="Œnologie")
    assert session_id(event, session) == "nologie-1000"


LOOK_ALIKE = "2027-02-19-\u0430telier"  # a Cyrillic а, drawn as a Latin a


def test_a_look_alike_letter_in_a_file_name_is_transliterated_in_the_suggestion(site_copy, capsys):
    (site_copy / f"data/events/{LOOK_ALIKE}.yaml").write_text(
        "title: Atelier\nstart: 2027-02-03 10:00\n", encoding="utf-8"
    )
    assert check(site_copy, capsys) == [
        (
            f"data/events/{LOOK_ALIKE}.yaml:1: nom de fichier « {LOOK_ALIKE}.yaml » refusé : il devient l'adresse de "
            "la page ; renommez-le « 2027-02-19-atelier.yaml » (minuscules sans accents, chiffres et tirets)"
        )
    ]


def test_a_look_alike_letter_in_an_article_slug_is_transliterated_in_the_suggestion(site_copy, capsys):
    article = "Title: Atelier\nDate: 2026-11-20 10:00\nSlug: \u0430telier\n\nTexte.\n"
    (site_copy / "content/zz.md").write_text(article, encoding="utf-8")
    assert check(site_copy, capsys) == [
        (
            "content/zz.md:3: « Slug: \u0430telier » refusé : il devient l'adresse de l'article (minuscules sans "
            "accents, chiffres et tirets) ; écrivez « Slug: atelier »"
        )
    ]


def test_scaffolds_transliterate_look_alike_letters():
    assert make_slug("\u0410telier Œuvres") == "atelier-oeuvres"


HIDDEN = {
    "content/cache.md": "Title: Caché\nDate: 2026-10-05 10:00\nSlug: cache\nStatus: hidden\n\nTexte[^1].\n\n[^1]: Une note.\n",
    "content/pages/secret.md": "Title: Secret\nSlug: secret\nStatus: hidden\n\nTexte.\n",
    "content/pages/ouverte.md": "Title: Ouverte\nSlug: ouverte\n\nTexte.\n",
    "data/events/notes.yaml": "title: Notes\nstart: 2027-02-03 10:00\ndescription: |\n  Texte[^1].\n\n  [^1]: Une note.\n",
}
FRENCH_BACKLINK = 'title="Revenir à l\'appel de note 1 dans le texte"'


def test_hidden_pages_stay_out_of_the_sitemap_and_footnotes_are_french(site_copy, tmp_path):
    """One build: hidden articles and pages are written but not listed; footnotes' back-links say French."""
    write_files(site_copy, HIDDEN)
    (site_copy / "data/venue.yaml").write_text(
        (site_copy / "data/venue.yaml")
        .read_text(encoding="utf-8")
        .replace('phone: "+33 4 00 00 00 00"', 'phone: "+33 (0)4 00.00-00-00"'),
        encoding="utf-8",
    )
    built = build(site_copy, tmp_path / "out")
    sitemap = built.read("sitemap.xml")
    assert (tmp_path / "out/actualites/2026/cache/index.html").is_file()
    assert "/cache/" not in sitemap and "/secret/" not in sitemap
    assert "/ouverte/</loc>" in sitemap and "/actualites/2026/premier-article/</loc>" in sitemap
    for page in ("actualites/2026/cache/index.html", "agenda/notes/index.html"):
        assert FRENCH_BACKLINK in built.raw(page), page
        assert "Jump back" not in built.raw(page), page
    # The tel: link is the number's digits and + only; the page shows it as written.
    home = built.raw("index.html")
    assert '<a class="p-tel" href="tel:+330400000000">+33 (0)4 00.00-00-00</a>' in home


@pytest.mark.parametrize("phone", ["javascript:alert(1)", "01 99", "+33 1 99 00 27 60 poste 12", "1+2345678"])
def test_a_phone_that_is_not_a_number_is_refused_at_its_line(site_copy, capsys, phone):
    venue = site_copy / "data/venue.yaml"
    venue.write_text(
        venue.read_text(encoding="utf-8").replace('phone: "+33 4 00 00 00 00"', f'phone: "{phone}"'), encoding="utf-8"
    )
    assert check(site_copy, capsys) == [
        (
            f"data/venue.yaml:16: 'phone' : numéro de téléphone « {phone} » invalide : écrivez des chiffres "
            "(au moins 6), avec si besoin des espaces, points, tirets, parenthèses et un + au début, par exemple "
            "« 01 99 00 27 60 » ou « +33 1 99 00 27 60 »"
        )
    ]


def advice_of_both_settings(site, capsys) -> list[str]:
    """Run `invoke check` with both settings files as they are (their own SITEURL); return its advice lines."""
    from pelican.settings import read_settings  # noqa: PLC0415 - Pelican's settings reader is slow to import

    override = {"PATH": str(site / "content"), "DATA_PATH": str(site / "data"), "TIERSLIEU_BUILD_DATE": "2026-11-24"}
    capsys.readouterr()
    status = run_check([read_settings(str(ROOT / name), override=override) for name in SETTINGS_FILES])
    assert status == 0
    return [line.replace(f"{site}/", "") for line in capsys.readouterr().out.splitlines() if "lien cassé" in line]


SETTINGS_FILES = ("pelicanconf.py", "publishconf.py")
OWN_LINKS = """\
title: Atelier
start: 2027-02-03 10:00
description: |
  [a](https://coworkingjp.example.org/pepites/nobody/), [b](https://coworkingjp.example.org/pepites/repair/),
  [c](http://localhost:8000/agenda/nope/#x), [d](https://coworkingjp.example.org), [e](https://autre.example.org/x/)
"""


def test_links_to_the_site_s_own_full_address_are_checked(site_copy, capsys):
    """GUIDE section 8 suggests the full address: it is checked as « /pepites/nobody/ » would be, told as written."""
    (site_copy / "data/events/zz.yaml").write_text(OWN_LINKS, encoding="utf-8")
    (site_copy / "content/zz.md").write_text(
        "Title: Z\nDate: 2026-10-05 10:00\n\nVoir [ici](https://coworkingjp.example.org/actualites/2026/rien/).\n",
        encoding="utf-8",
    )
    assert sorted(advice_of_both_settings(site_copy, capsys)) == [
        "content/zz.md:4: attention : lien cassé vers « https://coworkingjp.example.org/actualites/2026/rien/ »",
        "data/events/zz.yaml:4: attention : lien cassé vers « https://coworkingjp.example.org/pepites/nobody/ »",
        "data/events/zz.yaml:5: attention : lien cassé vers « http://localhost:8000/agenda/nope/ »",
    ]


def test_a_series_abroad_names_its_zone_as_written_on_every_page(site_copy, tmp_path):
    """Attacker trial 23: « (heure locale, pacific/auckland) »: Jinja's capitalize lower-cased the rest of the rule."""
    write_files(
        site_copy,
        {
            "data/events/2027-01-06-visio-auckland.yaml": (
                "title: Visio Auckland\nstart: 2027-01-06 08:00\nend: 2027-01-06 09:00\ntimezone: Pacific/Auckland\n"
                "repeat:\n  freq: weekly\n  count: 3\n"
            )
        },
    )
    site = build(site_copy, tmp_path / "out")
    page = site.read("agenda/2027-01-06-visio-auckland/index.html")
    assert "Tous les mercredis de 8 h à 9 h (heure locale, Pacific/Auckland), 3 fois." in page
    assert "pacific/auckland" not in page
    programme = site.read("agenda/programme/2027-01/index.html")
    assert "(heure locale, Pacific/Auckland)" in programme and "pacific/auckland" not in programme
