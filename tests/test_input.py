"""Whatever an editor writes in data/ or content/ is read right or refused in plain French.

Each kind of fault is tried through ``invoke check`` (run_check, in
process) with its exact message, file and line; a sample of each kind
goes through a real build too, which must refuse it at the same place.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import icalendar
import pytest
import yaml
from conftest import ROOT, SAMPLE, json_ld, run_build, write_files
from PIL import Image

from pelican.plugins.tierslieu.editors.checking import run_check
from pelican.plugins.tierslieu.model import yamlfile
from pelican.plugins.tierslieu.model.yamlfile import parse_yaml

EVENT = "title: Atelier\nstart: 2027-02-03 10:00\n"
SERIES = "title: Atelier\nstart: 2027-01-05 18:30\nrepeat:\n  freq: weekly\n  count: 10\n"


def check(site: Path, capsys) -> list[str]:
    """Run `invoke check` on ``site`` and return its problems, paths shown from the site's folder."""
    from pelican.settings import read_settings  # noqa: PLC0415 - Pelican's settings reader is slow to import

    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(site / "content"),
            "DATA_PATH": str(site / "data"),
            "TIERSLIEU_BUILD_DATE": "2026-11-24",
        },
    )
    capsys.readouterr()
    status = run_check(settings)
    errors = capsys.readouterr().err.replace(f"{site}/", "").splitlines()
    assert (status != 0) == bool(errors[:-1])
    return errors[:-1]


def build_problems(site: Path, tmp_path: Path) -> list[str]:
    """Build ``site`` and return the problem lines it printed, paths shown from the site's folder."""
    build = run_build(site, tmp_path / "output")
    assert build.returncode != 0
    assert not (tmp_path / "output").exists()
    return [
        line
        for line in build.stderr.replace(f"{site}/", "").splitlines()
        if re.match(r"^(data|content)/\S+:\d+: ", line)
    ]


# Kind 1: the YAML parser's errors, in French, on the right line, with what to do.
QUOTE = "mettez toute la valeur entre guillemets"
TAB = "tabulation en début de ligne : les décalages se font avec des espaces, jamais avec la touche Tab"
YAML_CASES = [
    (
        'title: "Atelier \\ud800 du soir"\n',
        "1: caractère impossible « \\ud800 » : ce code ne désigne aucun caractère ; écrivez le caractère lui-même, ou supprimez ce code",
    ),
    (
        'title: "C:\\Users\\atelier"\n',
        (
            "1: « \\U » illisible entre guillemets : une barre oblique inverse y annonce un code ; écrivez le caractère lui-même, "
            "doublez la barre (« \\\\ ») pour l'écrire telle quelle, ou mettez le texte entre guillemets simples (')"
        ),
    ),
    (
        "title: Atelier\nstart: 2027-02-03 10:00\nrepeat:\n\tfreq: weekly\n",
        "4: tabulation en début de ligne : les décalages se font avec des espaces, jamais avec la touche Tab",
    ),
    ("title: @home\nstart: 2027-02-03\n", f'1: une valeur ne peut pas commencer par « @ » en YAML : {QUOTE} ("@…")'),
    ("start: 2027-02-03\ntitle: `code`\n", f'2: une valeur ne peut pas commencer par « ` » en YAML : {QUOTE} ("`…")'),
    (
        "start: 2027-02-03\ntitle: %50 de remise\n",
        f'2: une valeur ne peut pas commencer par « % » en YAML : {QUOTE} ("%…")',
    ),
    ("start: 2027-02-03\ntitle: *gras*\n", f'2: une valeur ne peut pas commencer par « * » en YAML : {QUOTE} ("*…")'),
    (
        "start: 2027-02-03\ntitle: | Atelier\n",
        (
            "2: « | » annonce un texte sur plusieurs lignes, qui commence à la ligne suivante, décalée de deux espaces ; "
            f"pour un texte qui commence par « | », {QUOTE}"
        ),
    ),
    (
        "start: 2027-02-03\ntitle: > Atelier\n",
        (
            "2: « > » annonce un texte sur plusieurs lignes, qui commence à la ligne suivante, décalée de deux espaces ; "
            f"pour un texte qui commence par « > », {QUOTE}"
        ),
    ),
    (
        "title: Atelier\nstart 2027-02-03\nsummary: x\n",
        "2: deux-points manquant : écrivez « clé: valeur » (ou vérifiez le décalage de la ligne suivante)",
    ),
    (
        EVENT + "summary: Ouvert à tous: venez\n",
        (
            "3: « : » inattendu : un deux-points suivi d'une espace dans un texte se met entre guillemets "
            '(summary: "Ouvert à tous: venez") ; sinon, alignez la ligne sur les autres clés'
        ),
    ),
    (
        EVENT + 'summary: Il a dit "oui : l\'autre"\n',
        (
            "3: « : » inattendu : un deux-points suivi d'une espace dans un texte se met entre guillemets "
            "(summary: 'Il a dit \"oui : l''autre\"') ; sinon, alignez la ligne sur les autres clés"
        ),
    ),
    (
        EVENT + "summary: Salle #3 au fond\n",
        (
            "3: « #3 au fond » serait ignoré : « # » après une espace commence un commentaire en YAML ; "
            f'{QUOTE} ("Salle #3 au fond")'
        ),
    ),
    (
        EVENT + "---\ntitle: Autre\n",
        (
            "3: un second document commence ici (« --- ») : un fichier décrit une seule chose ; "
            "supprimez cette ligne, ou mettez la suite dans un autre fichier"
        ),
    ),
    (
        EVENT + "repeat: {freq: weekly, count: 3, b}\n",
        (
            "3: « b » sans deux-points entre { } : une virgule sépare deux clés ; si elle fait partie du texte, "
            "mettez la valeur entre guillemets"
        ),
    ),
    (
        "a: &a [x, x]\nb: [*a, *a]\n" + EVENT,
        (
            "1: « &a » : les ancres et alias YAML (& et *) ne sont pas acceptés ; recopiez la valeur, "
            f"ou si « & » fait partie du texte, {QUOTE}"
        ),
    ),
    (EVENT + "summary: &nbsp; en tête\n", f'3: une valeur ne peut pas commencer par « & » en YAML : {QUOTE} ("&…")'),
    (
        EVENT + 'summary: "guillemet ouvert\nend: 2027-02-03 12:00\n',
        "3: guillemet jamais refermé : ajoutez le guillemet de fin du texte",
    ),
    (
        "title: Club tricot\nstart: 2027-01-07 18:00\nrepeat:\n  freq: weekly\n   byday: [th]\n",
        (
            "5: cette ligne est décalée de 3 espaces, la précédente de 2 : alignez « byday: [th] » "
            "sur « freq: weekly » (même nombre d'espaces devant)"
        ),
    ),
    (
        "title: Club tricot\n start: 2027-01-07 18:00\n",
        (
            "2: cette ligne est décalée de 1 espace, la précédente ne l'est pas : alignez « start: 2027-01-07 18:00 » "
            "sur « title: Club tricot » (même nombre d'espaces devant)"
        ),
    ),
    # A tab on a line that is not the first of its block is told at its line, not « décalage incohérent ».
    ("title: Atelier\nstart: 2027-02-03 10:00\nrepeat:\n  freq: weekly\n\tbyday: [we]\n", f"5: {TAB}"),
    ("title: Atelier\n\tstart: 2027-02-03 10:00\n", f"2: {TAB}"),
    ("title: Atelier\nstart: 2027-02-03 10:00\nrepeat:\n  freq: weekly\n  \tbyday: [we]\n", f"5: {TAB}"),
    # A key glued to its value: at its own line, whether YAML stumbles there or on the next one.
    (
        "title:Atelier couture\nstart: 2027-02-03 10:00\n",
        "1: il manque une espace après « title: » : écrivez « title: Atelier couture »",
    ),
    (EVENT + "price:5 €\n", "3: il manque une espace après « price: » : écrivez « price: 5 € »"),
    (
        "title: Atelier\ncategory:Atelier\nstart: 2027-02-03 10:00\n",
        "2: il manque une espace après « category: » : écrivez « category: Atelier »",
    ),
    # A quote that closes before the end of its value.
    (
        "title: 'Atelier d'été'\nstart: 2027-02-03 10:00\n",
        (
            "1: le guillemet ' ouvre la valeur et se referme au milieu (« 'Atelier d' ») : mettez toute la valeur "
            'entre guillemets doubles ("Atelier d\'été"), ou écrivez les guillemets à la française « »'
        ),
    ),
    (
        'title: Tricot\nsummary: "Soirée "tricot" du jeudi"\nstart: 2027-02-03 10:00\n',
        (
            '2: le guillemet " ouvre la valeur et se referme au milieu (« "Soirée " ») : mettez toute la valeur '
            "entre guillemets simples ('Soirée \"tricot\" du jeudi'), ou écrivez les guillemets à la française « »"
        ),
    ),
    (
        EVENT + 'location: "Grande salle" du Gai Relais\n',
        (
            '3: le guillemet " ouvre la valeur et se referme au milieu (« "Grande salle" ») : mettez toute la valeur '
            "entre guillemets simples ('\"Grande salle\" du Gai Relais'), ou écrivez les guillemets à la française « »"
        ),
    ),
    # YAML's indicators at the start of a value, said in French.
    (
        EVENT + "summary: - retouches faciles\n",
        f'3: « - » suivi d\'une espace en début de valeur annonce une liste en YAML : {QUOTE} ("- retouches faciles")',
    ),
    (
        EVENT + "summary: ? quoi de neuf\n",
        f'3: « ? » suivi d\'une espace en début de valeur annonce une clé complexe en YAML : {QUOTE} ("? quoi de neuf")',
    ),
    (EVENT + "summary: ] fin\n", f'3: une valeur ne peut pas commencer par « ] » en YAML : {QUOTE} ("]…")'),
    (EVENT + "summary: , et plus\n", f'3: une valeur ne peut pas commencer par « , » en YAML : {QUOTE} (",…")'),
    (
        EVENT + "...\nsummary: Atelier\n",
        (
            "3: « ... » en début de ligne marque la fin du document en YAML : supprimez cette ligne, "
            "ou décalez ce texte sous sa clé, entre guillemets"
        ),
    ),
    (
        "%50 de remise: oui\n" + EVENT,
        f'1: une ligne ne peut pas commencer par « % » en YAML (elle annoncerait une directive) : {QUOTE} ("%50 de remise: oui")',
    ),
]


@pytest.mark.parametrize(("text", "message"), YAML_CASES)
def test_yaml_faults_are_explained_in_french(site_copy, capsys, text, message):
    (site_copy / "data/events/zz.yaml").write_text(text, encoding="utf-8")
    assert check(site_copy, capsys) == [f"data/events/zz.yaml:{message}"]


BLOCK_FORMS = [
    (
        "events/zz.yaml",
        SERIES + '  moved: "2027-03-11: 2027-03-12 18:00"\n',
        (
            "6: 'moved' : un bloc de clés est attendu (une date par ligne, décalée de deux espaces sous 'moved:', "
            "par exemple « 2027-03-11: 2027-03-12 18:00 »)"
        ),
    ),
    (
        "pepites/zz.yaml",
        "name: Noël\ntrade: Potier\nlinks: [https://exemple.fr]\n",
        "3: 'links' : un bloc de clés est attendu (- label: …  url: …)",
    ),
    (
        "events/zz.yaml",
        EVENT + "repeat: weekly\n",
        (
            "3: 'repeat' : un bloc de clés est attendu (une clé par ligne, décalée de deux espaces sous 'repeat:', "
            "par exemple « freq: weekly »)"
        ),
    ),
]


@pytest.mark.parametrize(("name", "text", "message"), BLOCK_FORMS)
def test_a_key_that_takes_a_block_shows_its_form(site_copy, capsys, name, text, message):
    (site_copy / "data" / name).write_text(text, encoding="utf-8")
    assert check(site_copy, capsys) == [f"data/{name}:{message}"]


NOT_UTF8 = (
    "le fichier n'est pas en UTF-8 (octet 0xE9 illisible, souvent un accent en Latin-1 ou Windows-1252) : "
    "réenregistrez-le en « UTF-8 » depuis votre éditeur"
)
ENCODINGS = [
    ("data/events/zz.yaml", "title: Atelier\nsummary: Café\nstart: 2027-02-03\n".encode("latin-1"), f"2: {NOT_UTF8}"),
    (
        "data/events/zz.yaml",
        b"\xef\xbb\xbf" + EVENT.encode(),
        "1: le fichier commence par une marque d'ordre des octets (BOM) : enregistrez-le en « UTF-8 » sans BOM depuis votre éditeur",
    ),
    (
        "data/events/zz.yaml",
        EVENT.encode("utf-16"),
        "1: le fichier est en UTF-16 : enregistrez-le en « UTF-8 » depuis votre éditeur",
    ),
    (
        "content/zz.md",
        "Title: Été\nDate: 2026-11-21\n\nTexte accentué.\n".encode("cp1252"),
        f"1: {NOT_UTF8.replace('0xE9', '0xC9')}",
    ),
    ("content/zz.md", b"Title: A\nDate: 2026-11-21\n\n" + "Texte accentué.\n".encode("latin-1"), f"4: {NOT_UTF8}"),
]


@pytest.mark.parametrize(("name", "raw", "message"), ENCODINGS)
def test_files_not_in_utf8_are_refused_at_their_line(site_copy, capsys, name, raw, message):
    (site_copy / name).write_bytes(raw)
    assert check(site_copy, capsys) == [f"{name}:{message}"]


def test_anchors_are_refused_before_anything_expands(monkeypatch):
    """The billion laughs: ten levels of nine aliases would be 9**10 values if expanded."""
    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    monkeypatch.setattr(yaml, "compose", lambda *args, **kwargs: pytest.fail("the file was composed"))
    seen = []
    real_parse = yaml.parse

    def counting_parse(*args, **kwargs):
        for event in real_parse(*args, **kwargs):
            seen.append(event)
            yield event

    monkeypatch.setattr(yamlfile.yaml, "parse", counting_parse)
    document, errors = parse_yaml("\n".join(levels) + "\ntitle: Test\n", "zz.yaml")
    assert document is None
    assert [str(error) for error in errors] == [
        (
            "zz.yaml:1: « &a0 » : les ancres et alias YAML (& et *) ne sont pas acceptés ; recopiez la valeur, "
            f"ou si « & » fait partie du texte, {QUOTE}"
        )
    ]
    assert len(seen) < 10  # reading stopped at the first anchor


# Kind 2: names.
NAME_CASES = [
    ("events/café-concert.yaml", "cafe-concert.yaml"),
    ("events/Atelier bois.yaml", "atelier-bois.yaml"),
    ("pepites/Noël Durand.yml", "noel-durand.yml"),
    ("events/atelier_bois.yaml", "atelier-bois.yaml"),
    ("events/.yaml", "nom.yaml"),
    ("pepites/.yml", "nom.yml"),
]


def name_case_text(name: str) -> str:
    """Return a valid file for the data folder ``name`` is in."""
    return "name: Noël\ntrade: Potier\n" if name.startswith("pepites") else EVENT


@pytest.mark.parametrize(("name", "suggestion"), NAME_CASES)
def test_file_names_follow_the_slug_rule(site_copy, capsys, name, suggestion):
    text = name_case_text(name)
    (site_copy / "data" / name).write_text(text, encoding="utf-8")
    basename = name.split("/")[1]
    assert check(site_copy, capsys) == [
        (
            f"data/{name}:1: nom de fichier « {basename} » refusé : il devient l'adresse de la page ; "
            f"renommez-le « {suggestion} » (minuscules sans accents, chiffres et tirets)"
        )
    ]


def test_names_differing_only_by_case_clash(site_copy, capsys):
    (site_copy / "data/events/Repair.yaml").write_text(EVENT, encoding="utf-8")
    (site_copy / "data/events/repair.yaml").write_text(EVENT, encoding="utf-8")
    assert check(site_copy, capsys) == [
        (
            "data/events/Repair.yaml:1: nom de fichier « Repair.yaml » refusé : il devient l'adresse de la page ; "
            "renommez-le « repair.yaml » (minuscules sans accents, chiffres et tirets)"
        ),
        "data/events/repair.yaml:1: le nom 'repair' est déjà pris par data/events/Repair.yaml",
    ]


def test_a_folder_named_like_a_data_file_is_refused(site_copy, capsys):
    (site_copy / "data/events/zz-dossier.yaml").mkdir()
    (site_copy / "data/events/zz-dossier.yaml/note.txt").write_text("x\n")
    assert check(site_copy, capsys) == [
        "data/events/zz-dossier.yaml:1: c'est un dossier, pas un fichier : renommez-le sans « .yaml », ou déplacez son contenu"
    ]


# Kind 3: nothing from outside, nothing unbounded.
OUTSIDE = "lien symbolique vers un fichier hors de {} : il n'est ni lu ni publié ; copiez le fichier ici, ou supprimez le lien"
SPECIAL = "ce n'est pas un fichier ordinaire (tube, périphérique…) : il n'est pas lu ; supprimez-le"


def _outside_links(site: Path, secret: Path) -> list[str]:
    secret.write_text("SECRET=1\n")
    (site / "content/images").mkdir(exist_ok=True)
    os.symlink(secret, site / "content/images/env.txt")
    os.symlink("/dev/zero", site / "data/events/zero.yaml")
    os.symlink(secret, site / "content/fuite.md")
    os.mkfifo(site / "data/pepites/tube.yaml")
    os.mkfifo(site / "content/images/tube.jpg")
    return [
        f"content/fuite.md:1: {OUTSIDE.format('content/')}",
        f"content/images/env.txt:1: {OUTSIDE.format('content/')}",
        f"content/images/tube.jpg:1: {SPECIAL}",
        f"data/events/zero.yaml:1: {OUTSIDE.format('data/')}",
        f"data/pepites/tube.yaml:1: {SPECIAL}",
    ]


def test_links_outside_and_special_files_are_refused_unread(site_copy, tmp_path, capsys):
    expected = _outside_links(site_copy, tmp_path / "environ")
    assert check(site_copy, capsys) == expected


def test_the_build_refuses_links_outside_before_publishing(site_copy, tmp_path):
    expected = _outside_links(site_copy, tmp_path / "environ")
    problems = build_problems(site_copy, tmp_path)
    # The build checks content/ and data/ together, as check does.
    assert problems == expected


def test_a_link_inside_the_site_is_read(site_copy, capsys):
    (site_copy / "data/.sources").mkdir()  # hidden: unread
    (site_copy / "data/.sources/anne.txt").write_text("name: Anne\ntrade: Potière\n", encoding="utf-8")
    os.symlink("../.sources/anne.txt", site_copy / "data/pepites/anne.yaml")
    assert check(site_copy, capsys) == []


IMAGE_CASES = [
    (
        "image: ../../../etc/passwd",
        "'image' : l'image « ../../../etc/passwd » doit être sous content/ (par exemple images/events/photo.jpg)",
    ),
    (
        "image: /etc/passwd",
        "'image' : l'image « /etc/passwd » doit être sous content/ (par exemple images/events/photo.jpg)",
    ),
    (
        "image: images/faux.png",
        (
            "'image' : « images/faux.png » : ce fichier n'est pas une image lisible (JPEG, PNG, WebP ou GIF) : "
            "réenregistrez-la depuis un logiciel d'images"
        ),
    ),
    (
        "image: images/vide.jpg",
        "'image' : « images/vide.jpg » : le fichier image est vide : remplacez-le par une vraie image (JPEG, PNG ou WebP)",
    ),
    (
        "image: images/enorme.png",
        (
            "'image' : « images/enorme.png » : image trop grande (10000 × 5001 pixels, 50 millions au plus) : "
            "réduisez-la, 2 000 pixels de large suffisent"
        ),
    ),
    (
        'image: "images/"',
        (
            "'image' : « images/ » : c'est un dossier, pas une image : donnez le chemin d'un fichier image "
            "(images/photo.jpg)"
        ),
    ),
]


def _bad_images(site: Path) -> None:
    images = site / "content/images"
    images.mkdir(exist_ok=True)
    (images / "faux.png").write_text("ceci n'est pas une image\n")
    (images / "vide.jpg").write_bytes(b"")
    Image.new("1", (10000, 5001)).save(images / "enorme.png")


# The bad files themselves, linked or not (content_files.py), each told as the data files' rule tells it.
BAD_FILES = [
    "content/images/enorme.png:1: " + IMAGE_CASES[4][1].split(" : ", 2)[2],
    "content/images/faux.png:1: " + IMAGE_CASES[2][1].split(" : ", 2)[2],
    "content/images/vide.jpg:1: " + IMAGE_CASES[3][1].split(" : ", 2)[2],
]


@pytest.mark.parametrize(("line", "message"), IMAGE_CASES)
def test_images_must_be_inside_content_and_decodable(site_copy, capsys, line, message):
    _bad_images(site_copy)
    (site_copy / "data/events/zz.yaml").write_text(EVENT + line + "\n", encoding="utf-8")
    assert check(site_copy, capsys) == [*BAD_FILES, f"data/events/zz.yaml:3: {message}"]


def test_the_build_refuses_bad_images_at_the_same_lines(site_copy, tmp_path):
    _bad_images(site_copy)
    for index, (line, _) in enumerate(IMAGE_CASES):
        (site_copy / f"data/events/zz-{index}.yaml").write_text(
            EVENT.replace("Atelier", f"Atelier {index}") + line + "\n", encoding="utf-8"
        )
    assert build_problems(site_copy, tmp_path) == [
        *BAD_FILES,
        *(f"data/events/zz-{index}.yaml:3: {message}" for index, (_, message) in enumerate(IMAGE_CASES)),
    ]


def test_sizes_are_limited(site_copy, capsys):
    (site_copy / "data/events/zz-gros.yaml").write_text(EVENT + "description: |\n" + "  texte\n" * 200_000)
    (site_copy / "data/events/zz-long.yaml").write_text(EVENT + "summary: " + "a" * 100_001 + "\n")
    (site_copy / "data/events/zz-juste.yaml").write_text(
        EVENT.replace("Atelier", "Juste") + "summary: " + "a" * 100_000 + "\n"
    )
    assert check(site_copy, capsys) == [
        "data/events/zz-gros.yaml:1: fichier trop gros (plus de 1 Mo) : découpez-le, ou mettez les longs textes dans un article",
        (
            "data/events/zz-long.yaml:3: texte trop long (100\u202f001 caractères ; 100\u202f000 au plus) : "
            "raccourcissez-le, ou faites-en un article"
        ),
    ]


# Kind 4: ranges.
RANGE_CASES = [
    (
        "title: Loin\nstart: 9999-12-31\n",
        "2: 'start' : date « 9999-12-31 » hors limites : l'année doit être entre 1900 et 2200",
    ),
    (
        "title: Tôt\nstart: 1899-12-31 10:00\n",
        "2: 'start' : date « 1899-12-31 10:00 » hors limites : l'année doit être entre 1900 et 2200",
    ),
    (
        "title: Fin\nstart: 2027-01-01\nend: 2201-01-01\n",
        "3: 'end' : date « 2201-01-01 » hors limites : l'année doit être entre 1900 et 2200",
    ),
    (
        SERIES.replace("count: 10", "until: 9999-01-01"),
        "5: 'until' : date « 9999-01-01 » hors limites : l'année doit être entre 1900 et 2200",
    ),
    (SERIES.replace("count: 10", "count: 1001"), "5: 'count' : doit valoir au plus 1000"),
    (SERIES + "  interval: 100000000000000000000\n", "6: 'interval' : doit valoir au plus 1000"),
]


@pytest.mark.parametrize(("text", "message"), RANGE_CASES)
def test_dates_counts_and_intervals_have_bounds(site_copy, capsys, text, message):
    (site_copy / "data/events/zz.yaml").write_text(text, encoding="utf-8")
    assert check(site_copy, capsys) == [f"data/events/zz.yaml:{message}"]


# Kind 5: silent lies.
VENUE = (SAMPLE / "data/venue.yaml").read_text(encoding="utf-8")
CENTS = "prix « {} » : au plus deux décimales (les centimes), par exemple « {} »"
LIE_CASES = [
    (
        "data/venue.yaml",
        VENUE.replace("price: 180.5,", "price: 10.005,"),
        "25: 'price' : " + CENTS.format("10.005", "10.01"),
    ),
    (
        "data/venue.yaml",
        VENUE.replace("price: 15,", "price: '12,499 €',"),
        "24: 'price' : " + CENTS.format("12,499 €", "12.50"),
    ),
    (
        "data/events/zz.yaml",
        'title: ""\nstart: 2027-02-03\n',
        "1: 'title' : valeur vide : écrivez une valeur après les deux-points",
    ),
    (
        "data/pepites/zz.yaml",
        'name: "   "\ntrade: Potier\n',
        "1: 'name' : valeur vide : écrivez une valeur après les deux-points",
    ),
    (
        "data/events/zz.yaml",
        EVENT + "end: 2027-02-03 10:00\n",
        "3: 'end' (2027-02-03 10:00) doit être après 'start' : un événement à heure fixe dure ; sans 'end', il dure une heure",
    ),
    # A line break in a one-line field would forge entries in plain-text outputs (the newsletter's text).
    *[
        ("data/events/zz.yaml", text, f"{line}: '{key}' tient sur une ligne : retirez le retour à la ligne")
        for text, line, key in [
            ('title: "Atelier\\n- 2027-02-04 : Faux"\nstart: 2027-02-03\n', 1, "title"),
            ("title: |\n  Atelier\n  du soir\nstart: 2027-02-03\n", 1, "title"),
            (EVENT + 'summary: "Un\\nDeux"\n', 3, "summary"),
            (EVENT + 'price: "5 €\\n10 €"\n', 3, "price"),
            (EVENT + 'location: "Salle\\nHaute"\n', 3, "location"),
            (EVENT + 'category: "Atelier\\nFaux"\n', 3, "category"),
            (EVENT + 'sessions:\n  - start: "10:00"\n    end: "10:30"\n    title: "A\\nB"\n', 6, "title"),
            (
                EVENT + 'sessions:\n  - start: "10:00"\n    end: "10:30"\n    title: A\n    place: "Cour\\nJardin"\n',
                7,
                "place",
            ),
            (EVENT + 'sessions:\n  - start: "10:00"\n    end: "10:30"\n    title: A\n    price: "1\\n2"\n', 7, "price"),
            (EVENT + 'image_alt: "Une grange\\nau soleil"\n', 3, "image_alt"),
        ]
    ],
    *[
        ("data/pepites/zz.yaml", text, f"{line}: '{key}' tient sur une ligne : retirez le retour à la ligne")
        for text, line, key in [
            ('name: "Po\\nTier"\ntrade: Potier\n', 1, "name"),
            ("name: Potier\ntrade: |\n  Potier\n  Faux\n", 2, "trade"),
            ('name: Potier\ntrade: Potier\nsummary: "Un\\nDeux"\n', 3, "summary"),
            ('name: Potier\ntrade: Potier\ntags: ["grès", "bols\\nFaux"]\n', 3, "tags"),
            (
                'name: Potier\ntrade: Potier\nlinks:\n  - {label: "Site\\nFaux", url: "https://p.example.org"}\n',
                4,
                "label",
            ),
        ]
    ],
    *[
        ("data/network/zz.yaml", text, f"{line}: '{key}' tient sur une ligne : retirez le retour à la ligne")
        for text, line, key in [
            ('name: Le Moulin\ntown: "Méré\\nFaux"\n', 2, "town"),
            ('name: Le Moulin\ntown: Méré\nsummary: "Un\\nDeux"\n', 3, "summary"),
        ]
    ],
    # Only format characters (Unicode Cf: zero-width space, direction marks, soft hyphen, word joiner): blank.
    (
        "data/events/zz.yaml",
        'title: "\\u200b\\u200e\\u200f"\nstart: 2027-02-03\n',
        "1: 'title' : valeur vide : écrivez une valeur après les deux-points",
    ),
    (
        "data/pepites/zz.yaml",
        'name: "\\u00ad \\u2060"\ntrade: Potier\n',
        "1: 'name' : valeur vide : écrivez une valeur après les deux-points",
    ),
    (
        "data/events/zz.yaml",
        EVENT + 'sessions:\n  - start: "10:00"\n    end: "10:30"\n    title: "\u200b"\n',
        "6: 'title' : valeur vide : écrivez une valeur après les deux-points",
    ),
    (
        "data/network/zz.yaml",
        'name: "\\u2060"\ntown: Jouars\n',
        "1: 'name' : valeur vide : écrivez une valeur après les deux-points",
    ),
    (
        "data/events/zz.yaml",
        EVENT + "pepites: [repair, minimal, repair]\n",
        "3: 'pepites' : « repair » figure déjà dans la liste (ligne 3) : supprimez ce doublon",
    ),
    (
        "data/events/zz.yaml",
        EVENT + "aliases:\n  - ancien\n  - ancien\n",
        "5: 'aliases' : « ancien » figure déjà dans la liste (ligne 4) : supprimez ce doublon",
    ),
    (
        "data/events/zz.yaml",
        SERIES + "  except: [2027-01-12, 2027-01-19, 2027-01-12]\n",
        "6: 'except' : « 2027-01-12 » figure déjà dans la liste (ligne 6) : supprimez ce doublon",
    ),
    (
        "data/events/zz.yaml",
        SERIES + "  byday: [tu, tu]\n",
        "6: 'byday' : « tu » figure déjà dans la liste (ligne 6) : supprimez ce doublon",
    ),
    (
        "content/zz.md",
        "Title: Compte rendu\nDate: 2026-11-12\n\nTexte collé\x0c depuis un traitement de texte.\n",
        "4: caractère invisible U+000C (saut de page) : supprimez-le (il vient souvent d'un copier-coller depuis un traitement de texte)",
    ),
    (
        "content/zz.md",
        "Title: Compte\x07 rendu\nDate: 2026-11-12\n\nTexte.\n",
        "1: caractère invisible U+0007 (caractère de contrôle) : supprimez-le (il vient souvent d'un copier-coller depuis un traitement de texte)",
    ),
]


@pytest.mark.parametrize(("name", "text", "message"), LIE_CASES)
def test_silent_lies_are_refused(site_copy, capsys, name, text, message):
    (site_copy / name).parent.mkdir(exist_ok=True)  # data/network/ is not in the sample
    (site_copy / name).write_text(text, encoding="utf-8")
    assert check(site_copy, capsys) == [f"{name}:{message}"]


def test_duplicate_days_of_opening_hours_are_refused(site_copy, capsys):
    venue = site_copy / "data/venue.yaml"
    text = venue.read_text(encoding="utf-8")
    assert "  - days: [mo, tu, we, th, fr]\n" in text
    venue.write_text(text.replace("days: [mo, tu, we, th, fr]", "days: [mo, tu, we, th, fr, tu]"), encoding="utf-8")
    line = text[: text.index("days: [mo")].count("\n") + 1
    assert check(site_copy, capsys) == [
        f"data/venue.yaml:{line}: 'days' : « tu » figure déjà dans la liste (ligne {line}) : supprimez ce doublon"
    ]


INVISIBLE = (
    "caractère invisible U+{:04X} ({}) : supprimez-le (il vient souvent d'un copier-coller depuis un "
    "traitement de texte, ou d'un code comme « \\0 » entre guillemets)"
)
# Raw in the file or made by a YAML escape: refused at the value's line (the first of each line or value).
CONTROL_CASES = [
    ("title: Atelier\x0c du soir\nstart: 2027-02-03 10:00\n", 1, 0x0C, "saut de page"),
    ('title: Atelier\nstart: 2027-02-03 10:00\nsummary: "des\\0 nuls"\n', 3, 0x00, "caractère nul"),
    ('title: "Atelier\\N du soir"\nstart: 2027-02-03 10:00\n', 1, 0x85, "fin de ligne NEL"),
    ('title: Atelier\nstart: 2027-02-03 10:00\nlocation: "Salle\\L haute"\n', 3, 0x2028, "séparateur de ligne"),
    ("title: Atelier\nstart: 2027-02-03 10:00\ndescription: Un\u2029deux\n", 3, 0x2029, "séparateur de paragraphe"),
    ('title: Atelier\nstart: 2027-02-03 10:00\ncategory: "Jeu\\e"\n', 3, 0x1B, "échappement"),
]


@pytest.mark.parametrize(("text", "line", "code", "name"), CONTROL_CASES)
def test_control_characters_in_yaml_are_refused_at_their_line(site_copy, capsys, text, line, code, name):
    (site_copy / "data/events/zz.yaml").write_text(text, encoding="utf-8")
    assert check(site_copy, capsys) == [f"data/events/zz.yaml:{line}:" + " " + INVISIBLE.format(code, name)]


# Kind 6: time.
def _series(extra: str) -> str:
    return SERIES + extra


TIME_CASES = [
    (
        "title: Nuit\nstart: 2027-03-28 02:30\nend: 2027-03-28 04:00\n",
        [
            (
                "2: 'start' : 2027-03-28 02:30 n'existe pas en Europe/Paris (les horloges avancent d'une heure cette nuit-là) : "
                "écrivez par exemple 2027-03-28 03:30"
            )
        ],
    ),
    (
        "title: Nuit\nstart: 2027-03-28 01:30\nend: 2027-03-28 02:15\n",
        [
            (
                "3: 'end' : 2027-03-28 02:15 n'existe pas en Europe/Paris (les horloges avancent d'une heure cette nuit-là) : "
                "écrivez par exemple 2027-03-28 03:15"
            )
        ],
    ),
    (
        "title: Nuit\nstart: 2027-03-14 02:30\ntimezone: America/Toronto\n",
        [
            (
                "2: 'start' : 2027-03-14 02:30 n'existe pas en America/Toronto (les horloges avancent d'une heure cette nuit-là) : "
                "écrivez par exemple 2027-03-14 03:30"
            )
        ],
    ),
    (
        (
            'title: Nuit\nstart: 2027-03-28 01:00\nend: 2027-03-28 05:00\nsessions:\n  - start: "02:30"\n'
            '    end: "02:45"\n    title: Conte\n'
        ),
        [
            (
                "5: 'start' : 2027-03-28 02:30 n'existe pas en Europe/Paris (les horloges avancent d'une heure cette nuit-là) : "
                "écrivez par exemple 2027-03-28 03:30"
            ),
            (
                "6: 'end' : 2027-03-28 02:45 n'existe pas en Europe/Paris (les horloges avancent d'une heure cette nuit-là) : "
                "écrivez par exemple 2027-03-28 03:45"
            ),
        ],
    ),
    (
        _series("  moved:\n    2027-01-12: 2027-03-28 02:00\n"),
        [
            (
                "7: 'moved' : 2027-03-28 02:00 n'existe pas en Europe/Paris (les horloges avancent d'une heure cette nuit-là) : "
                "écrivez par exemple 2027-03-28 03:00"
            )
        ],
    ),
    (
        _series("  except: [2027-01-13]\n"),
        ["6: 'except' : le 2027-01-13 n'est pas une date de la série (dates proches : 2027-01-12, 2027-01-19)"],
    ),
    (
        _series("  except: [2026-12-01]\n"),
        ["6: 'except' : le 2026-12-01 n'est pas une date de la série (dates proches : 2027-01-05)"],
    ),
    (
        _series("  moved:\n    2027-06-01: 2027-06-02 18:30\n"),
        ["7: 'moved' : le 2027-06-01 n'est pas une date de la série (dates proches : 2027-03-09)"],
    ),
    (
        _series("  moved:\n    2027-01-12: 2027-01-19 18:30\n"),
        [
            "7: 'moved' : le 2027-01-19 est déjà une date de la série : annulez-la dans 'except', ou choisissez un autre jour"
        ],
    ),
    (
        _series("  moved:\n    2027-01-12: 2027-01-14 18:30\n    2027-01-19: 2027-01-14 20:00\n"),
        [
            (
                "8: 'moved' : le 2027-01-12 est déjà déplacé au 2027-01-14 : "
                "deux dates de la série ne peuvent pas aller au même jour ; choisissez un autre jour"
            )
        ],
    ),
    (
        _series(
            "  except: [2027-01-26]\n  moved:\n    2027-01-12: 2027-01-26 18:30\n    2027-01-19: 2027-01-26 20:00\n"
        ),
        [
            (
                "9: 'moved' : le 2027-01-12 est déjà déplacé au 2027-01-26 : "
                "deux dates de la série ne peuvent pas aller au même jour ; choisissez un autre jour"
            )
        ],
    ),
    (
        _series("  moved:\n    2027-01-26: 2027-02-01\n"),
        [
            (
                "7: 'moved' : la nouvelle date du 2027-01-26 doit être une date et une heure, comme 'start' : "
                "écrivez par exemple « 2027-01-26: 2027-02-01 18:30 »"
            )
        ],
    ),
    (
        "title: A\nstart: 2027-01-05\nrepeat:\n  freq: weekly\n  count: 10\n  moved:\n    2027-01-12: 2027-01-14 18:30\n",
        [
            (
                "7: 'moved' : la nouvelle date du 2027-01-12 doit être une date sans heure, comme 'start' "
                "(série sur des journées entières) : écrivez par exemple « 2027-01-12: 2027-01-14 »"
            )
        ],
    ),
    (
        _series("  moved:\n    2027-01-12: 2027-01-12 18:30\n"),
        ["7: 'moved' : la date du 2027-01-12 n'est pas déplacée : la nouvelle date est la même ; retirez la ligne"],
    ),
    (
        _series("  moved:\n    2027-01-19: 2027-01-19T18:30+01:00\n"),
        ["7: 'moved' : la date du 2027-01-19 n'est pas déplacée : la nouvelle date est la même ; retirez la ligne"],
    ),
    (
        "title: A\nstart: 2027-01-05\nrepeat:\n  freq: weekly\n  count: 10\n  moved:\n    2027-01-12: 2027-01-12\n",
        ["7: 'moved' : la date du 2027-01-12 n'est pas déplacée : la nouvelle date est la même ; retirez la ligne"],
    ),
    (
        "title: A\nstart: 2027-02-16 14:00:59\n",
        [
            "2: 'start' : heure avec des secondes « 2027-02-16 14:00:59 » : écrivez l'heure en heures et minutes (HH:MM), par exemple « 2027-02-16 14:00 »"
        ],
    ),
    (
        "title: A\nstart: 2027-02-16T14:00+01:00\nend: 2027-02-16T15:30:01+01:00\n",
        [
            "3: 'end' : heure avec des secondes « 2027-02-16T15:30:01+01:00 » : écrivez l'heure en heures et minutes (HH:MM), par exemple « 2027-02-16 15:30+01:00 »"
        ],
    ),
    (
        _series("  moved:\n    2027-01-12: 2027-01-14 18:30:15\n"),
        [
            "7: 'moved' : heure avec des secondes « 2027-01-14 18:30:15 » : écrivez l'heure en heures et minutes (HH:MM), par exemple « 2027-01-14 18:30 »"
        ],
    ),
    (
        "title: A\nstart: 2027-01-06 18:30\nrepeat:\n  freq: weekly\n  byday: [tu]\n",
        [
            (
                "2: 'start' (mercredi 6 janvier 2027) n'est pas une date de sa règle 'repeat' : la série doit commencer "
                "par sa première date (un jour de 'byday')"
            )
        ],
    ),
    (
        "title: A\nstart: 2027-01-05 18:30\nrepeat:\n  freq: weekly\n  byday: [tu]\n  until: 2027-01-04\n",
        ["6: 'until' (2027-01-04) est avant 'start' (2027-01-05) : la série n'aurait aucune date"],
    ),
]


@pytest.mark.parametrize(("text", "messages"), TIME_CASES)
def test_times_and_series_dates_are_checked(site_copy, capsys, text, messages):
    (site_copy / "data/events/zz.yaml").write_text(text, encoding="utf-8")
    assert check(site_copy, capsys) == [f"data/events/zz.yaml:{message}" for message in messages]


def test_moving_onto_a_cancelled_date_and_ambiguous_times_are_accepted(site_copy, capsys):
    write_files(
        site_copy,
        {
            "data/events/zz.yaml": _series(
                "  except: [2027-01-19]\n  moved:\n    2027-01-12: 2027-01-19 18:30\n    2027-01-26: 2027-01-26 20:00\n"
            ),
            "data/events/zz-automne.yaml": "title: Nuit\nstart: 2027-10-31 02:30\nend: 2027-10-31 02:45\n",
        },
    )
    assert check(site_copy, capsys) == []


def test_the_build_refuses_what_check_refuses_at_the_same_lines(site_copy, tmp_path, capsys):
    """One example of each kind at once: check and build print the same lines (data/ only: no content fault here)."""
    files = {
        "data/events/zz-tab.yaml": YAML_CASES[2][0],
        "data/events/zz-doc.yaml": YAML_CASES[12][0],
        "data/events/zz-rires.yaml": YAML_CASES[14][0],
        "data/events/café-concert.yaml": EVENT.replace("Atelier", "Concert"),
        "data/events/zz-an.yaml": RANGE_CASES[0][0],
        "data/events/zz-count.yaml": RANGE_CASES[4][0],
        "data/events/zz-vide.yaml": LIE_CASES[2][1],
        "data/events/zz-double.yaml": LIE_CASES[4][1],
        "data/events/zz-ete.yaml": TIME_CASES[0][0],
        "data/events/zz-except.yaml": TIME_CASES[4][0],
    }
    for name, text in files.items():
        (site_copy / name).write_text(text, encoding="utf-8")
    (site_copy / "data/events/zz-latin.yaml").write_bytes(ENCODINGS[0][1])
    (site_copy / "data/events/zz-dossier.yaml").mkdir()
    checked = check(site_copy, capsys)
    assert len(checked) == 12
    # The build reads every file and checks times and series in the same round: the same lines at once.
    assert build_problems(site_copy, tmp_path) == checked


def test_the_build_refuses_bad_articles_as_check_does(site_copy, tmp_path, capsys):
    (site_copy / "content/zz-latin.md").write_bytes(ENCODINGS[3][1])
    form_feed = next(text for path, text, _ in LIE_CASES if path == "content/zz.md" and "\x0c" in text)
    (site_copy / "content/zz-saut.md").write_text(form_feed, encoding="utf-8")
    checked = check(site_copy, capsys)
    assert len(checked) == 2
    assert build_problems(site_copy, tmp_path) == checked


def test_an_ambiguous_time_is_its_first_occurrence_everywhere(site_copy, tmp_path):
    """02:30 on 2027-10-31 happens twice in Paris: it is the first (summer time, UTC+2) in the page, the feed and the JSON-LD."""
    (site_copy / "data/events/nuit-d-automne.yaml").write_text(
        "title: Nuit d'automne\nstart: 2027-10-31 02:30\nend: 2027-10-31 02:45\n", encoding="utf-8"
    )
    build = run_build(site_copy, tmp_path / "output")
    assert build.returncode == 0, build.stderr
    page = build.read("agenda/nuit-d-automne/index.html")
    assert json_ld(page)["startDate"] == "2027-10-31T02:30:00+02:00"
    assert "2 h 30" in page
    calendar = icalendar.Calendar.from_ical(build.raw("agenda/nuit-d-automne/nuit-d-automne.ics"))
    event = next(component for component in calendar.walk("VEVENT"))
    start = event.decoded("DTSTART")
    assert start.utcoffset().total_seconds() == 7200
    assert start.isoformat() == "2027-10-31T02:30:00+02:00"


# Every category has a page: its slug has a letter or a digit, and one slug has one spelling.
CATEGORY_EMPTY = (
    "'category' : « {name} » ne peut pas donner d'adresse à la page de la catégorie : "
    "écrivez-la avec des lettres ou des chiffres (par exemple « Atelier »)"
)


@pytest.mark.parametrize("name", ["!!!", "—", "_", "« ? »"])
def test_a_category_without_letters_or_digits_is_refused(site_copy, capsys, name):
    text = f'title: Atelier\nstart: 2027-02-03 10:00\nsummary: x\ncategory: "{name}"\n'
    (site_copy / "data/events/zz.yaml").write_text(text, encoding="utf-8")
    assert check(site_copy, capsys) == [f"data/events/zz.yaml:4: {CATEGORY_EMPTY.format(name=name)}"]


def test_two_spellings_of_one_category_are_refused_at_the_second(site_copy, capsys):
    write_files(
        site_copy,
        {
            "data/events/zz-a.yaml": "title: A\nstart: 2027-02-03 10:00\ncategory: Atelier\n",  # as atelier-hebdo.yaml
            "data/events/zz-b.yaml": "title: B\ncategory: atelier\nstart: 2027-02-04 10:00\n",
            "data/events/zz-c.yaml": "title: C\nstart: 2027-02-05 10:00\n\ncategory: Ateliér\n",
            "data/events/zz-d.yaml": "title: D\nstart: 2027-02-06 10:00\ncategory: Ateliers\n",  # another page
        },
    )
    first = "« Atelier » (data/events/atelier-hebdo.yaml:5) auraient la même page : écrivez « Atelier »"
    assert check(site_copy, capsys) == [
        f"data/events/zz-b.yaml:2: 'category' : « atelier » et {first} comme dans data/events/atelier-hebdo.yaml",
        f"data/events/zz-c.yaml:4: 'category' : « Ateliér » et {first} comme dans data/events/atelier-hebdo.yaml",
    ]


def test_the_build_refuses_categories_without_a_page_at_the_same_lines(site_copy, tmp_path, capsys):
    write_files(
        site_copy,
        {
            "data/events/zz-a.yaml": 'title: A\nstart: 2027-02-03 10:00\ncategory: "!!!"\n',
            "data/events/zz-b.yaml": "title: B\nstart: 2027-02-04 10:00\ncategory: ATELIER\n",
        },
    )
    checked = check(site_copy, capsys)
    assert checked == [
        f"data/events/zz-a.yaml:3: {CATEGORY_EMPTY.format(name='!!!')}",
        (
            "data/events/zz-b.yaml:3: 'category' : « ATELIER » et « Atelier » (data/events/atelier-hebdo.yaml:5) "
            "auraient la même page : écrivez « Atelier » comme dans data/events/atelier-hebdo.yaml"
        ),
    ]
    assert build_problems(site_copy, tmp_path) == checked


def test_a_category_typed_decomposed_shares_the_page_of_the_composed_one(site_copy, capsys):
    write_files(
        site_copy,
        {
            "data/events/zz-a.yaml": "title: A\nstart: 2027-02-03 10:00\ncategory: Été\n",
            "data/events/zz-b.yaml": 'title: B\nstart: 2027-02-04 10:00\ncategory: "E\\u0301te\\u0301"\n',
        },
    )
    assert check(site_copy, capsys) == []


@pytest.mark.parametrize(
    "extra",
    [
        "  - days: [mo]\n    opens: 10:00\n    closes: 20:00\n",
        "  - days: [sa, mo]\n    opens: 07:00\n    closes: 09:30\n",
    ],
)
def test_overlapping_opening_hours_of_a_day_are_refused_at_the_later_range(site_copy, capsys, extra):
    venue = site_copy / "data/venue.yaml"
    text = venue.read_text(encoding="utf-8")
    ranges = "  - days: [mo, tu, we, th, fr]\n    opens: 09:00\n    closes: 18:30\n"
    assert ranges in text
    venue.write_text(text.replace(ranges, ranges + extra), encoding="utf-8")
    line = text[: text.index(ranges)].count("\n") + 4
    hours = extra.split("opens: ")[1][:5] + "–" + extra.split("closes: ")[1][:5]
    message = f"'hours' : le lundi, {hours} chevauche 09:00–18:30 d'une plage précédente : "
    message += "corrigez les heures, ou réunissez-les en une seule plage"
    assert check(site_copy, capsys) == [f"data/venue.yaml:{line}: {message}"]


def test_opening_hours_that_touch_are_accepted(site_copy, capsys):
    venue = site_copy / "data/venue.yaml"
    text = venue.read_text(encoding="utf-8")
    ranges = "  - days: [mo, tu, we, th, fr]\n    opens: 09:00\n    closes: 18:30\n"
    venue.write_text(
        text.replace(ranges, ranges + "  - days: [mo]\n    opens: 18:30\n    closes: 21:00\n"), encoding="utf-8"
    )
    assert check(site_copy, capsys) == []
