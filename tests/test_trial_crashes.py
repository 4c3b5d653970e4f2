"""Editors' mistakes that once crashed the build (« Erreur interne ») or hung it: each refused at file:line.

Each case is refused the same way by ``invoke check`` and by a build, in
French, at the line of its cause; inputs that made the build take minutes
are refused before the slow step, and the tests measure only a generous
bound (a regression to minutes fails, a slow machine does not).
"""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest
from conftest import build, check_both, write_files
from icalendar import Calendar
from PIL import Image

from pelican.plugins.tierslieu.html_nesting import html_nesting_problem
from pelican.plugins.tierslieu.markup import bracket_problem
from pelican.plugins.tierslieu.model.errors import DataErrors
from pelican.plugins.tierslieu.model.yamlfile import parse_yaml


def check_errors(site: Path, capsys) -> list[str]:
    """Run `invoke check` (both settings files) on a site folder; return its error lines."""
    status = check_both(site)
    err = capsys.readouterr().err.splitlines()
    assert status == 1
    return err[:-1]  # the last line counts the errors


def build_errors(site: Path, output: Path) -> list[str]:
    """Build a site that must fail; return its errors as `file:line: message`."""
    with pytest.raises(DataErrors) as raised:
        build(site, output)
    return [str(error) for error in raised.value.errors]


def refused(site: Path, tmp_path: Path, capsys, expected: str, *more: str) -> None:
    """Assert that check and build both refuse the site with exactly ``expected`` and ``more`` (relative to it)."""
    lines = [f"{site}/{line}" for line in (expected, *more)]
    assert check_errors(site, capsys) == lines
    assert build_errors(site, tmp_path / "output") == lines


def truncated_jpeg() -> bytes:
    """Return a JPEG cut after 2000 bytes: its header is whole, its pixels are not."""
    buffer = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()[:2000]


# F4: « Erreur interne » for editors' mistakes ------------------------------------------------------------

BROKEN_IMAGE = (
    "« images/coupee.jpg » : image incomplète ou abîmée (son contenu s'arrête avant la fin) : "
    "réenregistrez-la depuis un logiciel d'images ou envoyez-la à nouveau"
)


def test_truncated_event_image_is_refused_at_its_line(site_copy, tmp_path, capsys):
    (site_copy / "content" / "images").mkdir()
    (site_copy / "content" / "images" / "coupee.jpg").write_bytes(truncated_jpeg())
    write_files(
        site_copy,
        {
            "data/events/photo.yaml": "title: Photo\nstart: 2027-01-12 10:00\nimage: images/coupee.jpg\nimage_alt: Un pot\n"
        },
    )
    # The file itself is refused too, linked or not (content_files.py).
    file = "content/images/coupee.jpg:1: " + BROKEN_IMAGE.split(" : ", 1)[1]
    refused(site_copy, tmp_path, capsys, file, f"data/events/photo.yaml:3: 'image' : {BROKEN_IMAGE}")


def test_truncated_pepite_photo_is_refused_at_its_line(site_copy, tmp_path, capsys):
    (site_copy / "content" / "images").mkdir()
    (site_copy / "content" / "images" / "coupee.jpg").write_bytes(truncated_jpeg())
    write_files(site_copy, {"data/pepites/photo.yaml": "name: Anne Photo\ntrade: Potière\nphoto: images/coupee.jpg\n"})
    file = "content/images/coupee.jpg:1: " + BROKEN_IMAGE.split(" : ", 1)[1]
    refused(site_copy, tmp_path, capsys, file, f"data/pepites/photo.yaml:3: 'photo' : {BROKEN_IMAGE}")


def test_page_named_like_the_news_index_is_refused(site_copy, tmp_path, capsys):
    write_files(site_copy, {"content/pages/actus.md": "Title: Actus\nSlug: actualites\n\nTexte.\n"})
    refused(
        site_copy,
        tmp_path,
        capsys,
        "content/pages/actus.md:2: cette page s'enregistrerait sous « actualites/index.html », "
        "déjà utilisé par la page de Pelican « /actualites/ » (la liste des actualités) : changez son « Save_as: » ou son « Slug: »",
    )


def test_unknown_template_is_refused_at_its_line(site_copy, tmp_path, capsys):
    write_files(
        site_copy,
        {"content/modele.md": "Title: Modèle\nDate: 2026-10-06\nTemplate: nonexistent\n\nTexte.\n"},
    )
    refused(
        site_copy,
        tmp_path,
        capsys,
        "content/modele.md:3: modèle de page « nonexistent » inconnu du thème : retirez cette ligne « Template: » "
        "(le thème choisit seul le bon modèle)",
    )


def test_a_template_of_the_theme_is_accepted(site_copy, tmp_path):
    write_files(site_copy, {"content/pages/p.md": "Title: P\nTemplate: page\n\nTexte.\n"})
    result = build(site_copy, tmp_path / "output")
    assert "<h1>P</h1>" in result.read("p/index.html")


def test_duplicate_title_is_refused_at_the_second(site_copy, tmp_path, capsys):
    write_files(site_copy, {"content/deux.md": "Title: A\nTitle: B\nDate: 2026-10-06\n\nTexte.\n"})
    refused(
        site_copy,
        tmp_path,
        capsys,
        "content/deux.md:2: « Title: » est déjà écrit ligne 1 : gardez une seule de ces lignes",
    )


def test_line_breaks_in_category_and_pepite_name_are_refused_and_one_line_text_stays_escaped(
    site_copy, tmp_path, capsys
):
    """A category or a name on two lines is refused at its line; on one line its ``;`` and ``,`` stay text."""
    files = {
        "data/events/salon-artisans.yaml": (
            "title: Salon\nstart: 2026-12-11\nend: 2026-12-13\ncategory: |\n  Marché\n  END:VEVENT\n"
            "pepites: [eloise-berenger]\n"
        ),
        "data/pepites/eloise-berenger.yaml": 'name: "Éloïse\\nEND:VEVENT"\ntrade: Céramiste\n',
    }
    write_files(site_copy, files)
    refused(
        site_copy,
        tmp_path,
        capsys,
        "data/events/salon-artisans.yaml:4: 'category' tient sur une ligne : retirez le retour à la ligne",
        "data/pepites/eloise-berenger.yaml:1: 'name' tient sur une ligne : retirez le retour à la ligne",
    )
    files["data/events/salon-artisans.yaml"] = files["data/events/salon-artisans.yaml"].replace(
        "|\n  Marché\n  END:VEVENT", '"Marché; END:VEVENT, x"'
    )
    files["data/pepites/eloise-berenger.yaml"] = 'name: "Éloïse; END:VEVENT, x"\ntrade: Céramiste\n'
    write_files(site_copy, files)
    result = build(site_copy, tmp_path / "output")
    category = (result.output / "agenda/categorie/marche-endvevent-x.ics").read_bytes().decode()
    assert "\r\nCATEGORIES:Marché\\; END:VEVENT\\, x\r\n" in category
    assert "\r\nNAME:La Grange d'Essai — Marché\\; END:VEVENT\\, x\r\n" in category
    pepite = (result.output / "pepites/eloise-berenger/agenda.ics").read_bytes().decode()
    assert "\r\nNAME:La Grange d'Essai — Éloïse\\; END:VEVENT\\, x\r\n" in pepite
    (event,) = Calendar.from_ical(category).walk("VEVENT")
    assert [str(name) for name in event["CATEGORIES"].cats] == ["Marché; END:VEVENT, x"]


# F3: inputs that made the build take minutes ------------------------------------------------------------

UNCLOSED = "crochets « [ » jamais fermés par « ] » : ce texte serait trop long à mettre en forme ; écrivez « \\[ » pour un crochet seul, ou fermez-les"
BOUND = 10.0  # seconds: generous; the refusals take well under one, the unguarded builds took minutes


def refused_quickly(site: Path, tmp_path: Path, capsys, expected: str) -> None:
    """Assert ``refused`` (check and build) and that both together stay under BOUND seconds."""
    started = time.perf_counter()
    refused(site, tmp_path, capsys, expected)
    assert time.perf_counter() - started < BOUND


def test_event_description_of_unclosed_brackets_is_refused_quickly(site_copy, tmp_path, capsys):
    description = "[a" * 8000  # 16 kB: 51 s to build before the guard
    write_files(
        site_copy,
        {"data/events/crochets.yaml": f"title: Crochets\nstart: 2027-01-12 10:00\ndescription: '{description}'\n"},
    )
    refused_quickly(site_copy, tmp_path, capsys, f"data/events/crochets.yaml:3: 'description' : 8000 {UNCLOSED}")


def test_pepite_bio_of_unclosed_brackets_is_refused_at_its_key(site_copy, tmp_path, capsys):
    bio = "Bonjour.\n\n  " + "[a" * 8000
    write_files(site_copy, {"data/pepites/crochets.yaml": f"name: Anne Crochet\ntrade: Potière\nbio: |\n  {bio}\n"})
    refused_quickly(site_copy, tmp_path, capsys, f"data/pepites/crochets.yaml:3: 'bio' : 8000 {UNCLOSED}")


def test_article_of_unclosed_brackets_is_refused_at_the_first(site_copy, tmp_path, capsys):
    body = "Un [lien](https://example.org) fermé.\n\n" + "[a" * 30000  # 60 kB: minutes before the guard
    write_files(site_copy, {"content/crochets.md": f"Title: Crochets\nDate: 2026-10-06\n\n{body}\n"})
    refused_quickly(site_copy, tmp_path, capsys, f"content/crochets.md:6: 30000 {UNCLOSED}")


def test_bracket_guard_measures_the_scan_per_paragraph():
    # One stray « [ » per long paragraph scans that paragraph only: accepted.
    assert bracket_problem(("Voir [sic " + "mot " * 2000 + "\n\n") * 30) is None
    assert bracket_problem("[lien](https://example.org) " * 5000) is None
    assert bracket_problem("[[a]]\\[" * 3000) is None
    assert bracket_problem("[" * 1500) == (1, f"1500 {UNCLOSED}")
    deep = "x\n" + "[" * 1500 + "a" + "]" * 1500
    too_deep = (
        "crochets « [ » imbriqués trop profondément : ce texte serait trop long à mettre en forme ; "
        "écrivez « \\[ » pour un crochet seul"
    )
    assert bracket_problem(deep) == (2, too_deep)
    assert bracket_problem("\\[a" * 30000) is None  # escaped: no scan


def too_deep(tag: str, times: str, fate: str = "sans être fermée") -> str:
    """The refusal of HTML tags nested over 100 levels (html_nesting.py)."""
    return (
        f"balises HTML imbriquées sur plus de 100 niveaux (« <{tag}> » ouverte {times} fois {fate}) : "
        "ce texte serait trop long à mettre en forme ; fermez les balises"
    )


def test_article_of_unclosed_html_tags_is_refused_quickly(site_copy, tmp_path, capsys):
    body = "Un <b>gras</b> fermé.\n\n" + "<b>" * 100_000 + " x"  # 300 kB: 71 s to check, 93 s to build before the guard
    write_files(site_copy, {"content/balises.md": f"Title: Balises\nDate: 2026-10-06\n\n{body}\n"})
    refused_quickly(site_copy, tmp_path, capsys, "content/balises.md:6: " + too_deep("b", "100\u202f000"))


def test_article_of_deeply_nested_closed_html_is_refused_quickly(site_copy, tmp_path, capsys):
    body = "<div>" * 50_000 + "x" + "</div>" * 50_000  # 38 s to build before the guard
    write_files(site_copy, {"content/balises.md": f"Title: Balises\nDate: 2026-10-06\n\n{body}\n"})
    expected = "content/balises.md:4: " + too_deep("div", "50\u202f000", "avant d'être fermée")
    refused_quickly(site_copy, tmp_path, capsys, expected)


def test_event_description_of_unclosed_html_tags_is_refused_at_its_key(site_copy, tmp_path, capsys):
    description = "<i>" * 30_000  # 90 kB, under the 100 000 characters of a data text
    write_files(
        site_copy,
        {"data/events/balises.yaml": f"title: Balises\nstart: 2027-01-12 10:00\ndescription: '{description}'\n"},
    )
    expected = "data/events/balises.yaml:3: 'description' : " + too_deep("i", "30\u202f000")
    refused_quickly(site_copy, tmp_path, capsys, expected)


def test_pepite_bio_of_unclosed_html_tags_is_refused_at_its_key(site_copy, tmp_path, capsys):
    bio = "Bonjour.\n\n  " + "<span>" * 200
    write_files(site_copy, {"data/pepites/balises.yaml": f"name: Anne Balise\ntrade: Potière\nbio: |\n  {bio}\n"})
    refused_quickly(site_copy, tmp_path, capsys, "data/pepites/balises.yaml:3: 'bio' : " + too_deep("span", "200"))


def test_html_nesting_guard_counts_open_elements_only():
    assert html_nesting_problem("<b>" * 100 + "x") is None  # the bound itself
    assert html_nesting_problem("a\n" + "<b>" * 101) == (2, too_deep("b", "101"))
    assert html_nesting_problem("<em>x</em> " * 10_000) is None  # closed pairs
    assert html_nesting_problem("<br>ligne<br/><img src='x.png'><i/>" * 1000) is None  # void or self-closed
    assert html_nesting_problem("<p>un<p>deux" * 1000) is None  # end tags left out (HTML Standard)
    assert html_nesting_problem("<ul><li>a<li>b</ul>" * 1000) is None
    assert html_nesting_problem("<https://example.org> <contact@lieu.fr> " * 1000) is None  # autolinks
    assert html_nesting_problem("</b>" * 1000 + "<b>" * 100) is None  # stray end tags close nothing
    assert html_nesting_problem("<div><b>" * 60 + "</div>" * 60) == (1, too_deep("div", "60", "avant d'être fermée"))


def test_deeply_nested_yaml_is_refused_at_its_line_quickly(site_copy, tmp_path, capsys):
    nested = "[" * 50000 + "]" * 50000  # 100 kB: 70 s to build before the guard
    write_files(site_copy, {"data/pepites/imbrique.yaml": f"name: Anne Imbrique\ntrade: Potière\ntags: {nested}\n"})
    refused_quickly(
        site_copy,
        tmp_path,
        capsys,
        "data/pepites/imbrique.yaml:3: listes ou blocs imbriqués sur plus de 50 niveaux (« [ », « { » ou indentation) : "
        "un fichier de données en demande 4 au plus ; fermez chaque « [ » par « ] » et chaque « { » par « } », "
        "ou mettez la valeur entre guillemets si ces signes font partie du texte",
    )


def test_yaml_nested_fifty_levels_is_read():
    document, errors = parse_yaml("a: " + "[" * 49 + "x" + "]" * 49 + "\n", "f.yaml")
    assert errors == []
    value = document.data["a"]
    for _ in range(48):
        (value,) = value
    assert value == ["x"]


# F6: article dates are ISO only -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["06/10/2026", "24/11/2026", "2026.10.06", "Oct 6 2026", "2026-10-06 18h00", "2026-02-30"]
)
@pytest.mark.parametrize("header", ["Date", "Modified"])
def test_article_date_not_iso_is_refused_at_its_line(site_copy, capsys, header, value):
    dates = f"Date: 2026-10-06\n{header}: {value}\n" if header == "Modified" else f"Date: {value}\n"
    write_files(site_copy, {"content/date.md": f"Title: Daté\n{dates}\nTexte.\n"})
    line = 3 if header == "Modified" else 2
    assert check_errors(site_copy, capsys) == [
        f"{site_copy}/content/date.md:{line}: date illisible « {value} » : écrivez par exemple « {header}: 2026-11-24 10:00 »"
    ]


def test_article_date_not_iso_fails_the_build(site_copy, tmp_path):
    write_files(site_copy, {"content/date.md": "Title: Daté\nDate: 06/10/2026\n\nTexte.\n"})
    assert build_errors(site_copy, tmp_path / "output") == [
        f"{site_copy}/content/date.md:2: date illisible « 06/10/2026 » : écrivez par exemple « Date: 2026-11-24 10:00 »"
    ]


ISO_DATES = ["2026-10-06", "2026-10-06 18:00", "2026-10-06T18:00", "2026-10-06T18:00:30", "2026-10-06T18:00+02:00"]


def test_iso_article_dates_are_accepted_as_written(site_copy, tmp_path):
    files = {
        f"content/d{index}.md": f"Title: D{index}\nDate: {value}\nModified: {value}\nSlug: d{index}\n\nTexte.\n"
        for index, value in enumerate([*ISO_DATES, "2026-10-06 18:00:30Z"])
    }
    write_files(site_copy, files)
    result = build(site_copy, tmp_path / "output")
    assert "2026-10-06T18:00:30+02:00" in result.read("actualites/2026/d3/index.html")
    assert 'datetime="2026-10-06' in result.read("actualites/2026/d0/index.html")


# F10: a series date in the hour the clocks skip ---------------------------------------------------------

NIGHT = (
    "title: Nuit\nstart: 2027-03-07 02:30\nend: 2027-03-07 03:30\nrepeat:\n  freq: weekly\n  byday: [su]\n  count: 5\n"
)


def test_series_date_in_the_skipped_hour_is_refused_at_start(site_copy, tmp_path, capsys):
    write_files(site_copy, {"data/events/nuit.yaml": NIGHT})
    refused(
        site_copy,
        tmp_path,
        capsys,
        "data/events/nuit.yaml:2: 'start' : la série tombe le 2027-03-28 à 02:30, heure qui n'existe pas en "
        "Europe/Paris (les horloges avancent d'une heure cette nuit-là) : déplacez cette date dans 'moved' "
        "(par exemple « 2027-03-28: 2027-03-28 03:30 ») ou annulez-la dans 'except'",
    )


def test_series_date_in_the_skipped_hour_may_be_moved(site_copy, tmp_path):
    write_files(site_copy, {"data/events/nuit.yaml": NIGHT + "  moved:\n    2027-03-28: 2027-03-28 03:30\n"})
    agenda = json.loads(build(site_copy, tmp_path / "output").read("agenda.json"))
    starts = sorted(item["startDate"] for item in agenda if "2027-03-28" in item["startDate"])
    assert starts == ["2027-03-28T03:30:00+02:00"]


def test_series_date_in_the_skipped_hour_may_be_cancelled(site_copy, tmp_path):
    write_files(site_copy, {"data/events/nuit.yaml": NIGHT + "  except: [2027-03-28]\n"})
    agenda = json.loads(build(site_copy, tmp_path / "output").read("agenda.json"))
    (cancelled,) = [item for item in agenda if item["startDate"].startswith("2027-03-28")]
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"


def test_invalid_venue_is_reported_without_a_fault(site_copy, tmp_path):
    write_files(site_copy, {"data/venue.yaml": "name: La Grange\n"})  # no address: the venue is not loaded
    assert build_errors(site_copy, tmp_path / "output") == [
        f"{site_copy}/data/venue.yaml:1: clé obligatoire 'address' manquante"
    ]


# An impossible date at the start of a file name: Pelican reads it (FILENAME_METADATA) whatever « Date: » says.
FILE_DATE = (
    "le nom du fichier commence par une date impossible « {date} » : Pelican y lit la date de {what}, même avec "
    "une ligne « Date: » ; corrigez-la dans le nom du fichier (AAAA-MM-JJ), ou retirez-la du nom{more}"
)
ARTICLE_CURE = " et écrivez la date dans une ligne « Date: »"


@pytest.mark.parametrize("date", ["2026-13-45", "2026-02-30"])
def test_impossible_date_of_an_article_file_name_is_told_in_french(site_copy, tmp_path, capsys, date):
    write_files(site_copy, {f"content/{date}-a5.md": "Title: A5\n\nTexte.\n"})
    message = FILE_DATE.format(date=date, what="l'actualité", more=ARTICLE_CURE)
    refused(site_copy, tmp_path, capsys, f"content/{date}-a5.md:1: {message}")


def test_impossible_date_of_a_file_name_is_told_despite_a_date_line(site_copy, tmp_path, capsys):
    write_files(site_copy, {"content/pages/2026-13-45-p.md": "Title: P\nDate: 2026-11-20 10:00\n\nTexte.\n"})
    message = FILE_DATE.format(date="2026-13-45", what="la page", more="")
    refused(site_copy, tmp_path, capsys, f"content/pages/2026-13-45-p.md:1: {message}")
