"""Trial findings about pages, articles, scaffolds and YAML messages (h3)."""

from __future__ import annotations

import gzip
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, build, snapshot, write_files
from pelican.settings import read_settings
from test_input import check
from test_tasks import invoke, project  # noqa: F401 - the fixture of the tasks' tests

from pelican.plugins.tierslieu.editors import scaffold
from pelican.plugins.tierslieu.editors.checking import run_check


def _check(site, capsys) -> list[str]:
    override = {"PATH": str(site / "content"), "DATA_PATH": str(site / "data"), "TIERSLIEU_BUILD_DATE": "2026-11-24"}
    settings = [read_settings(str(ROOT / name), override=override) for name in ("pelicanconf.py", "publishconf.py")]
    assert run_check(settings) == 0
    return capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("slug", ["agenda", "le-lieu", "reseau", "pepites"])
def test_an_editors_page_replacing_any_generated_page_is_noted(site_copy, capsys, slug):
    quiet = "name: Quiet\ntown: Méré\nwebsite: https://quiet.example.org/\n"  # a network without feeds
    page = f"Title: À nous\nSlug: {slug}\n\nÀ nous.\n"
    write_files(site_copy, {f"content/pages/{slug}.md": page, "data/network/quiet.yaml": quiet})
    note = f"{site_copy}/content/pages/{slug}.md:2: note : cette page remplace la page générée « /{slug}/ » du site"
    assert note in _check(site_copy, capsys)


def _indexed_text(output) -> str:
    """Return every text of Pagefind's index (its fragments: gzip, then a « pagefind_dcd » signature and JSON)."""
    fragments = sorted((output / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments, "no search index was built"
    return "\n".join(gzip.decompress(path.read_bytes()).decode("utf-8", "replace") for path in fragments)


def test_hidden_articles_and_pages_are_not_in_the_search_index(site_copy, tmp_path):
    write_files(
        site_copy,
        {
            "content/cache.md": "Title: Cachée\nDate: 2026-10-05 10:00\nStatus: hidden\n\nZorglubarticle secret.\n",
            "content/pages/cachee.md": "Title: Page cachée\nStatus: hidden\n\nZorglubpage secrète.\n",
            "content/pages/vue.md": "Title: Page vue\n\nZorglubvisible publique.\n",
        },
    )
    site = build(site_copy, tmp_path / "out", TIERSLIEU_SEARCH=True)
    assert "data-pagefind-body" not in site.read("actualites/2026/cachee/index.html")
    indexed = _indexed_text(tmp_path / "out")
    assert "Zorglubvisible" in indexed  # the index is read right
    assert "Zorglubarticle" not in indexed and "Zorglubpage" not in indexed


def test_an_aliases_redirect_has_one_canonical_address_the_new_one(site_copy, tmp_path):
    old = site_copy / "data/events/salon-artisans.yaml"
    text = old.read_text(encoding="utf-8")
    old.unlink()
    write_files(site_copy, {"data/events/salon-des-artisans.yaml": text + "aliases: [salon-artisans]\n"})
    redirect = build(site_copy, tmp_path / "out").read("agenda/salon-artisans/index.html")
    new = "https://grange.example.org/agenda/salon-des-artisans/"
    assert re.findall(r'<link rel="canonical" href="([^"]*)">', redirect) == [new]
    assert re.findall(r'<meta property="og:url" content="([^"]*)">', redirect) == [new]
    assert "data-pagefind-body" not in redirect


NOT_ONE_LINE = (
    "{} contient un saut de ligne ou un caractère de contrôle : écrivez-le sur une seule ligne, "
    "sans caractère invisible ; rien n'a été écrit"
)
PIRATE = "Bonjour\nAuthors: Pirate\nModified: 2030-01-01 10:00"
MULTILINE = [
    ("le titre", lambda s, bad: scaffold.new_article(str(s / "content"), bad, date(2026, 11, 24))),
    ("le titre", lambda s, bad: scaffold.new_event(str(s / "data"), bad, "2027-01-12 14:00")),
    ("le nom", lambda s, bad: scaffold.new_pepite(str(s / "data"), bad, "Ébéniste")),
    ("le métier", lambda s, bad: scaffold.new_pepite(str(s / "data"), "Zoé", bad)),
    ("le nom", lambda s, bad: scaffold.new_network_venue(str(s / "data"), bad, "Élancourt")),
    ("la commune", lambda s, bad: scaffold.new_network_venue(str(s / "data"), "Fabrique", bad)),
]


@pytest.mark.parametrize(("what", "make"), MULTILINE)
@pytest.mark.parametrize("bad", [PIRATE, "Bonjour\rStatus: published", "Bon\x00jour", "Bon\u2028jour"])
def test_scaffolds_refuse_a_line_break_or_control_character_writing_nothing(site_copy, what, make, bad):
    before = snapshot(site_copy)
    with pytest.raises(scaffold.ScaffoldError) as raised:
        make(site_copy, bad)
    assert str(raised.value) == NOT_ONE_LINE.format(what)
    assert snapshot(site_copy) == before


def test_new_article_refuses_header_lines_in_its_title(project):  # noqa: F811 - the fixture
    before = sorted(path.name for path in (project / "content").iterdir())
    result = invoke(project, "new-article", PIRATE)
    assert result.returncode == 1
    assert result.stderr == "Erreur : " + NOT_ONE_LINE.format("le titre") + "\n"
    assert sorted(path.name for path in (project / "content").iterdir()) == before


SERIES = "title: Atelier\nstart: 2027-01-05 18:30\nrepeat:\n  freq: weekly\n  count: 10\n"
EVENT = "title: Atelier\nstart: 2027-02-03 10:00\n"
MOVED = (
    "'moved' : un bloc de clés est attendu (une date par ligne, décalée de deux espaces sous 'moved:', "
    "par exemple « 2027-03-11: 2027-03-12 18:00 »)"
)
LINKS = "'{0}' : une liste de blocs est attendue, sous '{0}:' et décalée de deux espaces, un « - » par élément ({1})"
TEXT_GOES_ON = (
    "cette ligne continue le texte de '{}' ? décalez-la comme les lignes au-dessus ({} espaces devant) ; "
    "sinon, écrivez « clé: valeur »"
)
YAML_MESSAGES = [
    # (a) a value with « : » on the line of a key that takes a block: its form, not quotes.
    ("events/zz.yaml", SERIES + "  moved: 2027-01-26: 2027-01-27 14:00\n", f"6: {MOVED}"),
    (
        "events/zz.yaml",
        EVENT + "repeat: freq: weekly\n",
        (
            "3: 'repeat' : un bloc de clés est attendu (une clé par ligne, décalée de deux espaces sous 'repeat:', "
            "par exemple « freq: weekly »)"
        ),
    ),
    (
        "pepites/zz.yaml",
        "name: Noël\ntrade: Potier\nlinks: label: Instagram\n",
        "3: " + LINKS.format("links", "- label: …  url: …"),
    ),
    # (b) a list of blocks written as one value: its element's form, not « [a, b] ».
    (
        "pepites/zz.yaml",
        "name: Noël\ntrade: Potier\nlinks: https://exemple.fr\n",
        "3: " + LINKS.format("links", "- label: …  url: …"),
    ),
    ("events/zz.yaml", EVENT + "sessions: demain\n", "3: " + LINKS.format("sessions", "- start: …  end: …")),
    # (c) a line back at the key's level after the indented lines of a « | » text.
    (
        "events/zz.yaml",
        EVENT + "description: |\n  Première ligne.\n  Deuxième.\nTroisième sans décalage.\nsummary: x\n",
        "6: " + TEXT_GOES_ON.format("description", 2),
    ),
    (
        "events/zz.yaml",
        EVENT + "sessions:\n  - start: 2027-02-03 10:00\n    description: >-\n      un\n\n    deux trois\n",
        "8: " + TEXT_GOES_ON.format("description", 6),
    ),
]


@pytest.mark.parametrize(("name", "text", "message"), YAML_MESSAGES)
def test_yaml_messages_lead_to_the_block_forms(site_copy, capsys, name, text, message):
    (site_copy / "data" / name).write_text(text, encoding="utf-8")
    assert check(site_copy, capsys) == [f"data/{name}:{message}"]


def test_the_network_venue_scaffold_uncommented_asks_only_for_its_street(site_copy, capsys):
    """Every example uncommented: a valid file whose site and street publishing refuses until replaced."""
    path = scaffold.new_network_venue(str(site_copy / "data"), "La Fabrique d'Élancourt", "Élancourt")
    text = Path(path).read_text(encoding="utf-8")
    Path(path).write_text(re.sub(r"^# (?!yaml-language-server:)", "", text, flags=re.M), encoding="utf-8")
    assert check(site_copy, capsys) == []  # the preview's settings: a valid file
    override = {"PATH": str(site_copy / "content"), "DATA_PATH": str(site_copy / "data")}
    override["TIERSLIEU_BUILD_DATE"] = "2026-11-24"
    both = [read_settings(str(ROOT / name), override=override) for name in ("pelicanconf.py", "publishconf.py")]
    assert run_check(both) == 1  # publishing refuses the placeholder street, as invoke check says
    refused = [line for line in capsys.readouterr().err.splitlines() if "la-fabrique-d-elancourt.yaml" in line]
    assert [line.split(": ", 1)[1] for line in refused] == [
        "valeur d'exemple laissée : « https://… » ; remplacez-la ou supprimez la ligne",
        "valeur d'exemple laissée : « À compléter (numéro et rue) » ; remplacez-la ou supprimez la ligne",
        "valeur d'exemple laissée : « À compléter » ; remplacez-la ou supprimez la ligne",
    ]
    assert "\ngeo:" not in Path(path).read_text(encoding="utf-8")  # no made-up coordinates once uncommented
    assert 'city: "Élancourt"' in Path(path).read_text(encoding="utf-8")  # the town given, not an example
