"""Text an editor types, as the trial found it mistreated: tags in plain-text fields, text swallowed, variants."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from conftest import build, write_files
from icalendar import Calendar
from pelican.settings import DEFAULT_CONFIG
from pydantic_core import PydanticCustomError

from pelican.plugins.tierslieu.markup import MarkdownRenderer
from pelican.plugins.tierslieu.model.errors import DataErrors
from pelican.plugins.tierslieu.model.fields import parse_timezone
from pelican.plugins.tierslieu.model.yamlfile import parse_yaml
from pelican.plugins.tierslieu.spellings import grouping_spellings

RENDER = MarkdownRenderer({"MARKDOWN": DEFAULT_CONFIG["MARKDOWN"]})

TAGGED = """\
title: Atelier <b>couture</b> & co
start: 2027-04-03 10:00
end: 2027-04-03 12:00
location: <i>Grange</i> du relais
price: <b>5 €</b>
category: Rencontre<script>alert('C1')</script>
description: |
  | Outil | Prix |
  |-------|------|
  | fil   | 2 €  |

  <svg onload="alert(1)">

  Fin.
"""


def _vevent(path):
    (vevent,) = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    return vevent


def test_plain_text_fields_reach_calendars_and_the_events_rss_as_typed(site_copy, tmp_path):
    write_files(site_copy, {"data/events/couture.yaml": TAGGED})
    build(site_copy, tmp_path / "out")
    vevent = _vevent(tmp_path / "out/agenda/couture/couture.ics")
    # Plain text is shown as typed, tags and all (a calendar shows text, never HTML): nothing dropped.
    assert str(vevent["SUMMARY"]) == "Atelier <b>couture</b> & co"
    assert str(vevent["LOCATION"]) == "<i>Grange</i> du relais"
    assert [str(category) for category in vevent["CATEGORIES"].cats] == ["Rencontre<script>alert('C1')</script>"]
    # The description (Markdown) as its page shows it: the table readable, the svg gone (not its source);
    # the price's words kept, what reads as a tag shown « ‹b› » (SPEC section 3: never HTML source in DESCRIPTION).
    assert str(vevent["DESCRIPTION"]) == (
        "Outil  Prix\nfil    2 €\n\nFin.\n\nTarif : ‹b›5 €‹/b›\n\nhttps://grange.example.org/agenda/couture/"
    )
    # The page still shows what was typed, escaped; and the table as a table.
    page = (tmp_path / "out/agenda/couture/index.html").read_text()
    assert "Atelier &lt;b&gt;couture&lt;/b&gt; &amp; co" in page
    assert "<th>Outil</th>" in page and "onload" not in page
    rss = (tmp_path / "out/evenements.rss.xml").read_text()
    item = next(
        item
        for item in ElementTree.fromstring(rss).findall("channel/item")
        if item.findtext("link").endswith("/agenda/couture/")
    )
    # The title is plain text escaped once for XML: a reader shows « & » and « <b> », not « &amp; ».
    assert "<title>Atelier &lt;b&gt;couture&lt;/b&gt; &amp; co — samedi 3 avril 2027" in rss
    assert item.findtext("title").startswith("Atelier <b>couture</b> & co — samedi 3 avril 2027")
    assert item.findtext("category") == "Rencontre<script>alert('C1')</script>"
    # The description is HTML: the plain-text fields in it are escaped, never markup.
    assert "<p>Tarif : ‹b›5 €‹/b›</p>" in item.findtext("description")
    assert "&lt;i&gt;Grange&lt;/i&gt; du relais" in item.findtext("description")


@pytest.mark.parametrize(
    ("markdown", "html", "text"),
    [
        (
            "Utilisez la balise <style> pour la mise en forme.\n\nSuite du texte.",
            "<p>Utilisez la balise &lt;style&gt; pour la mise en forme.</p>\n<p>Suite du texte.</p>",
            "Utilisez la balise ‹style› pour la mise en forme.\n\nSuite du texte.",
        ),
        (
            "Avant <script>alert(1)\n\nSuite.",
            "<p>Avant &lt;script&gt;alert(1)</p>\n<p>Suite.</p>",
            "Avant ‹script›alert(1)\n\nSuite.",
        ),
        ("A <textarea> b\n\nSuite", "<p>A &lt;textarea&gt; b</p>\n<p>Suite</p>", "A ‹textarea› b\n\nSuite"),
        ("A <title> b\n\nSuite", "<p>A &lt;title&gt; b</p>\n<p>Suite</p>", "A ‹title› b\n\nSuite"),
        ("A <iframe src=x> b\n\nSuite", "<p>A &lt;iframe src=x&gt; b</p>\n<p>Suite</p>", "A ‹iframe src=x› b\n\nSuite"),
        # A closed pair keeps nh3's treatment: the script loses its code.
        ("Avant <script>alert(1)</script> après", "<p>Avant  après</p>", "Avant après"),
        ("`<style>` reste du code", "<p><code>&lt;style&gt;</code> reste du code</p>", "‹style› reste du code"),
    ],
)
def test_an_unclosed_raw_text_tag_swallows_nothing(markdown, html, text):
    """The page shows the text; its plain text (calendars) shows a tag's words as « ‹style› », never a tag."""
    assert str(RENDER(markdown)) == html
    assert RENDER.text(markdown) == text


def test_a_markdown_table_is_a_table_on_the_page_and_in_plain_text():
    table = "| a | b |\n|---|---|\n| 1 | 2 |"
    assert "<td>1</td>" in str(RENDER(table))
    assert RENDER.text(table) == "a  b\n1  2"


TAG_REFUSED = "une valeur ne peut pas commencer par « ! » en YAML : mettez toute la valeur entre guillemets"


@pytest.mark.parametrize("value", ["!important", "!Nouveau apéro", "!!binary x", "!! Nouveau !!", "!x [a, b]"])
def test_a_yaml_tag_is_refused_at_its_line(value):
    _, errors = parse_yaml(f"title: A\nsummary: {value}\n", "data/events/a.yaml")
    assert [str(error) for error in errors] == [f"data/events/a.yaml:2: {TAG_REFUSED}"]


def test_a_quoted_bang_is_text(site_copy, tmp_path):
    document, errors = parse_yaml('summary: "!important"\n', "a.yaml")
    assert (document.data, errors) == ({"summary": "!important"}, [])
    write_files(site_copy, {"data/events/bang.yaml": "title: A\nstart: 2027-02-03\nsummary: !Nouveau apéro\n"})
    with pytest.raises(DataErrors) as refused:
        build(site_copy, tmp_path / "out")
    assert [
        (error.path.endswith("data/events/bang.yaml"), error.line, error.message) for error in refused.value.errors
    ] == [(True, 3, TAG_REFUSED)]


def _refusals(site, tmp_path) -> list[str]:
    with pytest.raises(DataErrors) as refused:
        build(site, tmp_path / "out")
    return [f"{error.path}:{error.line}: {error.message}".replace(f"{site}/", "") for error in refused.value.errors]


def test_a_second_spelling_of_a_pepite_kind_is_refused(site_copy, tmp_path):
    write_files(site_copy, {"data/pepites/zz-potiere.yaml": "name: Zoé\ntrade: Potière\nkind: artisan\n"})
    assert _refusals(site_copy, tmp_path) == [
        (
            "data/pepites/zz-potiere.yaml:3: 'kind' : « artisan » et « Artisan » (data/pepites/eloise-berenger.yaml:4) "
            "feraient deux groupes de même adresse dans l'annuaire : écrivez « Artisan » comme dans "
            "data/pepites/eloise-berenger.yaml"
        )
    ]


def test_a_second_spelling_of_an_article_category_or_tag_is_refused(site_copy, tmp_path):
    article = "Title: Suite\nDate: 2026-10-05 10:00\nCategory: vie du lieu\nTags: Grange; atelier; Atelier\n\nTexte.\n"
    write_files(site_copy, {"content/zz-suite.md": article})
    assert _refusals(site_copy, tmp_path) == [
        (
            "content/zz-suite.md:3: 'Category' : « vie du lieu » et « Vie du lieu » (content/premier-article.md:3) "
            "auraient la même page : écrivez « Vie du lieu » comme dans content/premier-article.md"
        ),
        (
            "content/zz-suite.md:4: 'Tags' : « Atelier » et « atelier » (content/zz-suite.md:4) "
            "auraient la même page : écrivez « atelier » comme dans content/zz-suite.md"
        ),
        (
            "content/zz-suite.md:4: 'Tags' : « Grange » et « grange » (content/premier-article.md:4) "
            "auraient la même page : écrivez « grange » comme dans content/premier-article.md"
        ),
    ]


def test_accents_make_one_slug_too(tmp_path):
    write_files(tmp_path, {"a.md": "Title: A\nCategory: Évènements\n", "b.md": "Title: B\nCategory: Événements\n"})
    files = [(str(tmp_path / name), name) for name in ("a.md", "b.md")]
    assert [str(error) for error in grouping_spellings(files, {})] == [
        (
            "b.md:2: 'Category' : « Événements » et « Évènements » (a.md:2) auraient la même page : "
            "écrivez « Évènements » comme dans a.md"
        )
    ]


@pytest.mark.parametrize("zone", ["localtime", "Factory", "posixrules", "posix/Europe/Paris"])
def test_a_time_zone_that_is_no_place_is_refused(zone):
    with pytest.raises(PydanticCustomError) as refused:
        parse_timezone(zone)
    assert refused.value.message() == f"fuseau horaire inconnu « {zone} » (exemple : Europe/Paris)"
    assert parse_timezone("Europe/Paris") == "Europe/Paris"
