"""One verdict: `invoke check`, a development build and a production build refuse the same input, at the same lines.

Every bad input of the suite (test_failures, test_input, test_collisions,
test_loading) and every small failing venue of the shared cases goes
through the three; what Pelican itself finds wrong in content/ (links,
images, statuses, slugs…) is refused by all three in French, at its file
and line.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest
import test_input
from conftest import ROOT, SAMPLE, build, run_build, snapshot, write_files
from pelican.settings import read_settings
from PIL import Image
from test_failures import BAD_CONTENT, BAD_EVENT
from test_loading import PEPITE

from pelican.plugins.tierslieu.content_files import DEEP_NESTING
from pelican.plugins.tierslieu.editors.checking import run_check
from pelican.plugins.tierslieu.model.errors import DataErrors

CASES = Path(os.environ.get("TIERSLIEU_CASES", ROOT.parent / "shared" / "cases"))  # ../shared beside the clone (CI)
ARTICLE = "Title: {title}\nDate: 2026-11-01 10:00\n{headers}\n{body}\n"
LINK = "lien interne introuvable « {link} » : aucun article, page ou fichier à ce chemin (relatif au dossier du fichier, ou à content/ s'il commence par /)"


def article(body: str = "Texte.", headers: str = "", title: str = "Zz") -> str:
    """Return a small article (title on line 1, date on line 2, ``headers`` from line 3)."""
    return ARTICLE.format(title=title, headers=headers, body=body)


def png_claiming(width: int, height: int) -> bytes:
    """Return a small PNG file whose header claims ``width`` × ``height`` pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def png_bytes(kind: str = "PNG") -> bytes:
    """Return a small valid image, a PNG unless ``kind`` names another of Pillow's formats (JPEG)."""
    buffer = io.BytesIO()
    Image.new("RGB", (12, 8), "red").save(buffer, format=kind)
    return buffer.getvalue()


# What Pelican logs about content, and the error each becomes: (files, expected lines).
PELICAN_CASES = {
    "broken-links-everywhere": (
        {
            "content/zz.md": article("Voir [a]({filename}absent.md).\n\nEt [b]({filename}absent.md)."),
            "content/zz-deux.md": article("Voir [a]({filename}absent.md).", title="Deux"),
        },
        [
            "content/zz-deux.md:4: " + LINK.format(link="{filename}absent.md"),
            "content/zz.md:4: " + LINK.format(link="{filename}absent.md"),
        ],
    ),
    "missing-static-file": (
        {"content/zz.md": article("![Le four]({static}images/absent.jpg)")},
        [
            "content/zz.md:4: lien vers un fichier introuvable « images/absent.jpg » (sous content/) : vérifiez son nom et son dossier"
        ],
    ),
    "filename-to-a-file": (
        {"content/images/plan.pdf": "%PDF-1.4\n", "content/zz.md": article("[Plan]({filename}images/plan.pdf)")},
        [
            "content/zz.md:4: « {filename}images/plan.pdf » mène à un fichier, pas à un article : écrivez « {static}images/plan.pdf »"
        ],
    ),
    "unknown-indicator": (
        {"content/zz.md": article("[Autre]({fichier}deuxieme-article.md)")},
        [
            (
                "content/zz.md:4: lien « {fichier}deuxieme-article.md » : « {fichier} » n'est pas reconnu : "
                "écrivez « {filename} » (article, page) ou « {static} » (image, fichier)"
            )
        ],
    ),
    "empty-alt": (
        {"content/zz.md": article("Photo :\n\n![]({static}images/four.png)"), "content/images/four.png": png_bytes()},
        [
            (
                "content/zz.md:6: l'image « four.png » n'a pas de texte alternatif : "
                "décrivez-la entre les crochets, ![Ce que montre l'image](…)"
            )
        ],
    ),
    "unknown-status": (
        {"content/zz.md": article(headers="Status: publie")},
        [
            "content/zz.md:3: statut inconnu « publie » : écrivez « published » (publié), « draft » (brouillon) ou « hidden » (caché)"
        ],
    ),
    "no-date": (
        {"content/zz.md": "Title: Sans date\n\nTexte.\n"},
        ["content/zz.md:1: l'article n'a pas de date : ajoutez « Date: 2026-11-24 10:00 » dans son en-tête"],
    ),
    "saved-outside": (
        {"content/zz.md": article(headers="Save_as: ../../dehors.html")},
        [
            "content/zz.md:3: ce fichier s'enregistrerait hors du site (« ../../dehors.html ») : corrigez son « Save_as: »"
        ],
    ),
    "tag-without-letters": (
        {"content/zz.md": article(headers="Tags: ???")},
        [
            "content/zz.md:3: l'étiquette « ??? » ne donne pas d'adresse : écrivez-la avec au moins une lettre ou un chiffre"
        ],
    ),
    "tag-made-of-a-tag": (
        {"content/zz.md": article(headers="Tags: <script>")},
        [
            (
                "content/zz.md:3: l'étiquette « <script> » ne donne pas d'adresse : écrivez-la avec au moins une "
                "lettre ou un chiffre hors des balises HTML (<…>), qui ne comptent pas"
            )
        ],
    ),
    "link-in-summary": (
        {"content/zz.md": article(headers="Summary: voir [ceci]({filename}absent.md)")},
        ["content/zz.md:3: " + LINK.format(link="{filename}absent.md")],
    ),
    "attach-twice": (
        {
            "content/images/plan.pdf": "%PDF-1.4\n",
            "content/zz-a.md": article("[Plan]({attach}images/plan.pdf)", title="A"),
            "content/zz-b.md": article("[Plan]({attach}images/plan.pdf)", title="B"),
        },
        [
            (
                "content/zz-b.md:4: « {attach}images/plan.pdf » ne peut pas être rangé près de ce fichier "
                "(Pelican : « its output location was already overridden ») : liez-le avec « {static}images/plan.pdf »"
            )
        ],
    ),
    "two-articles-one-slug": (
        {
            "content/zz-a.md": article(headers="Slug: meme", title="A"),
            "content/zz-b.md": article(headers="Slug: meme", title="B"),
        },
        [
            (
                "content/zz-b.md:3: ce fichier écrirait « actualites/2026/meme/index.html », comme "
                "{site}/content/zz-a.md (ligne 3) : changez le « Slug: » de l'un des deux (sans « Slug: », "
                "c'est le titre qui fait l'adresse)"
            )
        ],
    ),
    "slug-twice-saved-apart": (
        {
            "content/zz-a.md": article(headers="Slug: meme", title="A"),
            "content/zz-b.md": article(headers="Slug: meme\nSave_as: ailleurs.html", title="B"),
        },
        [
            "content/zz-b.md:3: même adresse (slug) que {site}/content/zz-a.md (ligne 3) : changez le « Slug: » de l'un des deux"
        ],
    ),
    "save-as-home": (
        {"content/zz.md": article(headers="Save_as: index.html")},
        [
            (
                "content/zz.md:3: cet article s'enregistrerait sous « index.html », déjà utilisé par la page générée « / » : "
                "changez son « Save_as: » ou son « Slug: »"
            )
        ],
    ),
}


ACCEPTED = ".jpg, .jpeg, .png, .webp, .gif, .pdf"
NOT_PUBLISHED = (
    "fichier « {suffix} » non publié : content/ ne publie que des actualités en Markdown (.md), "
    f"des images et des PDF ({ACCEPTED}) ; convertissez-le, ou retirez-le de content/"
)
NOT_READ = (
    "fichier « {suffix} » non lu : seules les actualités en Markdown (.md) sont lues ; "
    "réécrivez-le en Markdown (« {stem}.md »), ou retirez-le de content/"
)
EMPTY = (
    "« {header}: » vide : l'article ne serait publié nulle part ; retirez la ligne (l'adresse se déduit du titre), "
    "ou écrivez « Status: draft » pour ne pas le publier"
)
SLUG = (
    "« Slug: {slug} » refusé : il devient l'adresse de l'article (minuscules sans accents, chiffres et tirets) ; "
    "écrivez « Slug: {right} »"
)

# Files of content/ other than Markdown articles, and article headers, that would publish something
# unsafe, or nothing, without a word (issue 11, the attacker trial): each refused at its line.
CONTENT_CASES = {
    "rst-inserting-a-file": (
        {"content/x.rst": "Essai\n#####\n\n:date: 2026-11-01 10:00\n\n.. include:: /etc/passwd\n"},
        ["content/x.rst:1: " + NOT_READ.format(suffix=".rst", stem="x")],
    ),
    "rst-with-raw-html": (
        {"content/pages/y.rst": "Y\n#\n\n.. raw:: html\n\n   <script>alert(1)</script>\n"},
        ["content/pages/y.rst:1: " + NOT_READ.format(suffix=".rst", stem="y")],
    ),
    "html-article": (
        {"content/z.html": "<html><head><title>Z</title></head><body><script>alert(1)</script></body></html>\n"},
        ["content/z.html:1: " + NOT_READ.format(suffix=".html", stem="z")],
    ),
    "html-among-images": (
        {"content/images/g5.html": "<html><head><title>G</title></head><body>x</body></html>\n"},
        ["content/images/g5.html:1: " + NOT_PUBLISHED.format(suffix=".html")],
    ),
    "markdown-among-images": (
        {"content/images/note.md": "Title: Note\nDate: 2026-11-01 10:00\n\nTexte.\n"},
        [
            (
                "content/images/note.md:1: fichier Markdown dans un dossier de fichiers publiés tels quels (images/) : "
                "déplacez-le dans content/"
            )
        ],
    ),
    "markdown-in-capitals": (
        {"content/zz.MD": article()},
        ["content/zz.MD:1: extension « .MD » en majuscules : renommez-le « zz.md »"],
    ),
    "markdown-other-extensions": (  # Pelican's Markdown reader reads them; the guide teaches « .md » only
        {"content/fete.markdown": article(), "content/note.Mkd": article(), "content/vieux.mdown": article()},
        [
            f"content/{name}:1: extension « {suffix} » refusée : les actualités s'écrivent dans des fichiers « .md » ; "
            f"renommez-le « {stem}.md »"
            for name, stem, suffix in (
                ("fete.markdown", "fete", ".markdown"),
                ("note.Mkd", "note", ".Mkd"),
                ("vieux.mdown", "vieux", ".mdown"),
            )
        ],
    ),
    "svg-with-a-script": (
        {
            "content/images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>\n'
        },
        [
            (
                "content/images/logo.svg:1: image SVG refusée : elle peut contenir du code que le navigateur exécuterait ; "
                "convertissez-la en PNG (Exporter en PNG dans votre logiciel de dessin)"
            )
        ],
    ),
    "decompression-bomb": (
        {"content/images/bombe.png": png_claiming(60000, 60000)},
        [
            (
                "content/images/bombe.png:1: image trop grande pour être traitée sans risque (plus de 50 millions de pixels) : "
                "réduisez-la"
            )
        ],
    ),
    "text-named-jpg": (
        {"content/images/photo.jpg": "ceci n'est pas une image\n"},
        [
            (
                "content/images/photo.jpg:1: ce fichier n'est pas une image lisible (JPEG, PNG, WebP ou GIF) : "
                "réenregistrez-la depuis un logiciel d'images"
            )
        ],
    ),
    "png-named-jpg": (
        {"content/images/logo.jpg": png_bytes()},
        [
            (
                "content/images/logo.jpg:1: ce fichier est une image PNG mais son nom finit par « .jpg » : "
                "renommez-le « logo.png » (le navigateur se fie au nom)"
            )
        ],
    ),
    "pdf-that-is-not": (
        {"content/images/plan.pdf": "<html><script>alert(1)</script></html>\n"},
        [
            (
                "content/images/plan.pdf:1: ce fichier n'est pas un PDF (il ne commence pas par « %PDF- ») : "
                "réenregistrez-le en PDF"
            )
        ],
    ),
    "other-extension-unlinked": (
        {"content/images/page.htm": "<script>alert(1)</script>\n", "content/notes.txt": "notes\n"},
        [
            "content/images/page.htm:1: " + NOT_PUBLISHED.format(suffix=".htm"),
            "content/notes.txt:1: " + NOT_PUBLISHED.format(suffix=".txt"),
        ],
    ),
    "empty-save-as-and-url": (
        {"content/zz.md": article(headers="Save_as:\nUrl: ")},
        ["content/zz.md:3: " + EMPTY.format(header="Save_as"), "content/zz.md:4: " + EMPTY.format(header="Url")],
    ),
    "lang-with-markup": (
        {"content/zz.md": article(headers='Lang: fr"><script>alert(1)</script>')},
        [
            (
                'content/zz.md:3: langue « fr"><script>alert(1)</script> » invalide : écrivez un code de langue comme « fr », '
                "ou retirez la ligne"
            )
        ],
    ),
    "lang-of-a-translation": (
        {"content/zz.md": article(headers="Lang: en")},
        [
            (
                "content/zz.md:3: « Lang: en » : les traductions ne sont pas prises en charge (le site est en « fr ») ; "
                "retirez la ligne"
            )
        ],
    ),
    "slug-percent-encoded": (
        {"content/zz.md": article(headers="Slug: %2e%2e%2fdehors")},
        ["content/zz.md:3: " + SLUG.format(slug="%2e%2e%2fdehors", right="2e-2e-2fdehors")],
    ),
    "slug-going-up": (
        {"content/zz.md": article(headers="Slug: ../../../evil")},
        ["content/zz.md:3: " + SLUG.format(slug="../../../evil", right="evil")],
    ),
    "slug-with-accents": (
        {"content/zz.md": article(headers="Slug: Été 2026")},
        ["content/zz.md:3: " + SLUG.format(slug="Été 2026", right="ete-2026")],
    ),
    "url-to-javascript": (
        {"content/zz.md": article(headers="Url: javascript:alert(1)\nSave_as: x.html")},
        [
            (
                "content/zz.md:3: « Url: javascript:alert(1) » n'est pas une adresse de ce site : l'article y serait "
                "introuvable ; retirez la ligne (l'adresse se déduit du titre)"
            )
        ],
    ),
    "url-not-its-save-as": (
        {"content/zz.md": article(headers="Save_as: essais/zz/index.html\nUrl: essais/autre/")},
        [
            (
                "content/zz.md:4: « Url: essais/autre/ » ne correspond pas à « Save_as: essais/zz/index.html » (ligne 3) : "
                "les liens mèneraient à une page qui n'existe pas ; écrivez « Url: essais/zz/ », ou retirez la ligne"
            )
        ],
    ),
    "url-without-save-as": (
        {"content/zz.md": article(headers="Url: essais/zz/")},
        [
            (
                "content/zz.md:3: « Url: essais/zz/ » sans « Save_as: » : les liens mèneraient à une page qui n'existe "
                "pas ; retirez la ligne (l'adresse se déduit du titre)"
            )
        ],
    ),
    "date-of-year-one": (
        {"content/zz.md": "Title: Zz\nDate: 0001-01-01 00:00\nModified: 2201-01-01\n\nTexte.\n"},
        [
            "content/zz.md:2: date « 0001-01-01 00:00 » hors limites : l'année doit être entre 1900 et 2200",
            "content/zz.md:3: date « 2201-01-01 » hors limites : l'année doit être entre 1900 et 2200",
        ],
    ),
    "lists-nested-400-deep": (
        # Line 4 is level 0: level 21, the first over the limit, is line 25.
        {"content/zz.md": article("".join("    " * level + "- x\n" for level in range(400)))},
        ["content/zz.md:25: " + DEEP_NESTING],
    ),
    "quotes-nested-300-deep": (
        {"content/zz.md": article("".join(">" * level + " x\n" for level in range(1, 301)))},
        ["content/zz.md:24: " + DEEP_NESTING],
    ),
    "article-of-nine-megabytes": (
        # 3000 lines of ever-deeper list items: refused for its size, before anything reads it.
        {"content/zz.md": article("".join("  " * level + "- x\n" for level in range(3000)))},
        ["content/zz.md:1: l'article fait 9,0 Mo : 1 Mo au plus ; découpez-le en plusieurs articles"],
    ),
    "table-of-2-megabytes": (
        {
            "content/zz.md": article(
                "|".join(["a"] * 300) + "\n" + "|".join(["-"] * 300) + "\n" + ("|".join(["1"] * 300) + "\n") * 2000
            )
        },
        ["content/zz.md:1: l'article fait 1,2 Mo : 1 Mo au plus ; découpez-le en plusieurs articles"],
    ),
}


def suite_inputs() -> dict[str, dict]:
    """Return the bad inputs the rest of the suite uses, as files to write into a copy of the sample."""
    inputs: dict[str, dict] = {
        "bad-event": {"data/events/oups.yaml": BAD_EVENT, "data/pepites/sans-metier.yaml": "name: X\n"}
    }
    inputs |= {f"bad-content-{number}": files for number, (files, _message) in enumerate(BAD_CONTENT)}
    inputs |= {f"yaml-{n}": {"data/events/zz.yaml": text} for n, (text, _m) in enumerate(test_input.YAML_CASES)}
    inputs |= {f"encoding-{n}": {name: raw} for n, (name, raw, _m) in enumerate(test_input.ENCODINGS)}
    inputs |= {f"range-{n}": {"data/events/zz.yaml": text} for n, (text, _m) in enumerate(test_input.RANGE_CASES)}
    inputs |= {f"lie-{n}": {name: text} for n, (name, text, _m) in enumerate(test_input.LIE_CASES)}
    inputs |= {f"time-{n}": {"data/events/zz.yaml": text} for n, (text, _m) in enumerate(test_input.TIME_CASES)}
    inputs |= {
        f"name-{n}": {f"data/{name}": test_input.name_case_text(name)}
        for n, (name, _s) in enumerate(test_input.NAME_CASES)
    }
    inputs |= {f"control-{n}": {"data/events/zz.yaml": case[0]} for n, case in enumerate(test_input.CONTROL_CASES)}
    inputs["pepite-twice"] = {"data/pepites/Anne.yaml": PEPITE, "data/pepites/anne.yaml": PEPITE}
    inputs["category-case"] = {"data/events/autre.yaml": "title: Autre\nstart: 2027-01-20 18:00\ncategory: atelier\n"}
    return inputs


def shared_cases() -> list[str]:
    """Return the shared small venues (each a data/ and a content/); CI has them beside the clone (../shared)."""
    if not CASES.is_dir():
        return []
    return sorted(path.name for path in CASES.iterdir() if (path / "data").is_dir() and (path / "content").is_dir())


def write(site: Path, files: dict) -> None:
    """Write text or bytes files under ``site``."""
    for name, value in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, bytes):
            path.write_bytes(value)
        else:
            path.write_text(value, encoding="utf-8")


def check_lines(site: Path, capsys) -> list[str]:
    """Run `invoke check` (both settings files) on ``site``; return its problem lines."""
    override = {
        "PATH": str(site / "content"),
        "DATA_PATH": str(site / "data"),
        "TIERSLIEU_BUILD_DATE": "2026-11-24",
        "SITEURL": "https://grange.example.org",
    }
    both = [read_settings(str(ROOT / name), override=override) for name in ("pelicanconf.py", "publishconf.py")]
    capsys.readouterr()
    status = run_check(both)
    lines = capsys.readouterr().err.splitlines()
    assert (status != 0) == bool(lines)
    return lines[:-1]


def build_lines(site: Path, output: Path, settings: str) -> list[str]:
    """Build ``site`` in process; return the problem lines it refused (none when it built)."""
    try:
        build(site, output, settings)
    except DataErrors as errors:
        assert not output.exists()
        return [str(error) for error in errors.errors]
    return []


def assert_one_verdict(site: Path, tmp_path: Path, capsys) -> list[str]:
    """Assert that check and both builds agree on ``site``; return their lines."""
    checked = check_lines(site, capsys)
    assert build_lines(site, tmp_path / "dev", "pelicanconf.py") == checked
    assert build_lines(site, tmp_path / "prod", "publishconf.py") == checked
    return checked


def assert_refused(site: Path, tmp_path: Path, capsys, files: dict, expected: list[str]) -> None:
    """Write ``files`` into ``site``; assert that check and both builds give ``expected``, from ``site`` (``{site}``)."""
    write(site, files)
    lines = assert_one_verdict(site, tmp_path, capsys)
    assert lines == [f"{site}/{line}".replace("{site}", str(site)) for line in expected]


@pytest.mark.parametrize("name", sorted(PELICAN_CASES))
def test_what_pelican_logs_about_content_is_one_error_everywhere(site_copy, tmp_path, capsys, name):
    assert_refused(site_copy, tmp_path, capsys, *PELICAN_CASES[name])


@pytest.mark.parametrize("name", sorted(CONTENT_CASES))
def test_what_would_be_published_unsafe_or_nowhere_is_one_error_everywhere(site_copy, tmp_path, capsys, name):
    assert_refused(site_copy, tmp_path, capsys, *CONTENT_CASES[name])


@pytest.mark.parametrize("name", sorted(suite_inputs()))
def test_every_bad_input_of_the_suite_gets_one_verdict(site_copy, tmp_path, capsys, name):
    write(site_copy, suite_inputs()[name])
    assert assert_one_verdict(site_copy, tmp_path, capsys) != []


@pytest.mark.parametrize("name", shared_cases())
def test_every_shared_case_gets_one_verdict(tmp_path, capsys, name):
    site = tmp_path / "site"
    shutil.copytree(CASES / name, site, symlinks=True)
    for folder in site.rglob("*"):  # the shared copies are read-only
        folder.chmod(folder.stat().st_mode | 0o200)
    site.chmod(0o755)
    assert_one_verdict(site, tmp_path, capsys)


def test_an_editors_page_replacing_a_generated_one_is_a_note(site_copy, tmp_path, capsys):
    write_files(
        site_copy, {"content/pages/mentions-legales.md": "Title: Mentions légales\nSlug: mentions-legales\n\nÀ nous.\n"}
    )
    override = {
        "PATH": str(site_copy / "content"),
        "DATA_PATH": str(site_copy / "data"),
        "TIERSLIEU_BUILD_DATE": "2026-11-24",
    }
    settings = [read_settings(str(ROOT / name), override=override) for name in ("pelicanconf.py", "publishconf.py")]
    assert run_check(settings) == 0
    out = capsys.readouterr().out.splitlines()
    note = f"{site_copy}/content/pages/mentions-legales.md:2: note : cette page remplace la page générée « /mentions-legales/ » du site"
    assert out.count(note) == 1
    build(site_copy, tmp_path / "prod", "publishconf.py")  # a note is no warning of the build


def test_publish_refuses_a_broken_link_in_french_and_keeps_the_site(site_copy, tmp_path):
    output = tmp_path / "out"
    assert run_build(site_copy, output, "publishconf.py", extra=["--fatal", "warnings"]).returncode == 0
    before = snapshot(output)
    write_files(site_copy, {"content/zz.md": article("[l'autre]({filename}absent.md)")})
    result = run_build(site_copy, output, "publishconf.py", extra=["--fatal", "warnings"])
    assert result.returncode == 1
    assert f"{site_copy}/content/zz.md:4: " + LINK.format(link="{filename}absent.md") in result.stderr.splitlines()
    assert "Traceback" not in result.stderr and "Erreur interne" not in result.stderr
    assert snapshot(output) == before


def test_the_sample_passes_check_and_both_builds(tmp_path, capsys):
    assert assert_one_verdict(SAMPLE, tmp_path, capsys) == []


def test_url_matching_its_save_as_is_accepted(site_copy, tmp_path):
    write_files(site_copy, {"content/zz.md": article(headers="Save_as: essais/zz/index.html\nUrl: essais/zz/")})
    build(site_copy, tmp_path / "out")
    assert (tmp_path / "out" / "essais" / "zz" / "index.html").is_file()
    assert 'href="../essais/zz/"' in (tmp_path / "out" / "actualites" / "index.html").read_text()
