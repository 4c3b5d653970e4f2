"""Files and addresses that a trial found published, copied or overwritten where they must not be.

Each test asserts the French message at the file and line of its cause,
and that nothing is written outside the output folder.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, run_build, snapshot

from pelican.plugins.tierslieu.editors.checking import run_check

ARTICLE = "content/premier-article.md"


def check(site: Path, capsys) -> list[str]:
    """Run `invoke check` on ``site`` and return its problems, paths shown from the site's folder."""
    from pelican.settings import read_settings  # noqa: PLC0415 - Pelican's settings reader is slow to import

    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(site / "content"), "DATA_PATH": str(site / "data"), "TIERSLIEU_BUILD_DATE": "2026-11-24"},
    )
    capsys.readouterr()
    status = run_check(settings)
    errors = capsys.readouterr().err.replace(f"{site}/", "").splitlines()
    assert (status != 0) == bool(errors[:-1])
    return errors[:-1]


def problems_of(stderr: str, site: Path) -> list[str]:
    """Return the ``file:line: message`` lines a build printed, paths shown from the site's folder."""
    return [
        line for line in stderr.replace(f"{site}/", "").splitlines() if re.match(r"^(data|content)/\S+:\d+: ", line)
    ]


def append(path: Path, text: str) -> int:
    """Append ``text`` as the last line of ``path``; return its line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, text]) + "\n", encoding="utf-8")
    return len(lines) + 1


# F1: a {static} link that climbs out of content/ ------------------------------------------------------


def outside_message(link: str, name: str) -> str:
    return (
        f"le lien « {link} » mène hors de content/ : seuls les fichiers de content/ sont publiés ; "
        f"copiez le fichier dans content/images/ et liez-le avec « {{static}}/images/{name} »"
    )


def test_a_static_link_out_of_content_copies_nothing_at_another_depth(tmp_path, capsys):
    site = tmp_path / "a" / "site"
    shutil.copytree(SAMPLE, site)
    (tmp_path / "secret.txt").write_text("SECRET\n")
    (tmp_path / "pub" / "x").mkdir(parents=True)
    # From content/ the link leads to tmp/secret.txt; from the output, four folders deep, to tmp/pub/secret.txt.
    link = "{static}/../../../secret.txt"
    line = append(site / ARTICLE, f"![x]({link})")
    before = snapshot(tmp_path)
    build = run_build(site, tmp_path / "pub" / "x" / "deep" / "site")
    expected = [f"{ARTICLE}:{line}: {outside_message(link, 'secret.txt')}"]
    assert build.returncode == 1
    assert problems_of(build.stderr, site) == expected
    assert snapshot(tmp_path) == before
    assert check(site, capsys) == expected


def test_a_static_link_onto_itself_is_told_in_french(site_copy, tmp_path, capsys):
    # Content and output at the same depth: Pelican would copy a file onto itself (SameFileError).
    link = "{attach}../../../../../../../etc/hostname"
    line = append(site_copy / ARTICLE, f'<img alt="x" src="{link}">')
    expected = [f"{ARTICLE}:{line}: {outside_message(link, 'hostname')}"]
    build = run_build(site_copy, tmp_path / "output")
    assert build.returncode == 1
    assert problems_of(build.stderr, site_copy) == expected
    assert "Pelican signale" not in build.stderr
    assert check(site_copy, capsys) == expected


def test_a_filename_link_out_of_content_is_refused(site_copy, capsys):
    link = "{filename}/../data/venue.yaml"
    line = append(site_copy / ARTICLE, f"[lieu]({link})")
    assert check(site_copy, capsys) == [f"{ARTICLE}:{line}: {outside_message(link, 'venue.yaml')}"]


# F2: symbolic links to elsewhere in the project, and to folders -----------------------------------------


def link_outside(kind: str, where: str) -> str:
    return f"lien symbolique vers un {kind} hors de {where} : il n'est ni lu ni publié ; copiez le {kind} ici, ou supprimez le lien"


FOLDER_LINK = (
    "lien symbolique vers un dossier : il n'est pas suivi ; mettez ici les fichiers eux-mêmes, ou supprimez le lien"
)


def test_links_to_the_project_outside_content_and_data_are_refused(site_copy, tmp_path, capsys):
    images = site_copy / "content/images"
    images.mkdir(exist_ok=True)
    (images / "conf.txt").symlink_to(ROOT / "pelicanconf.py")
    (images / "lieu.txt").symlink_to(site_copy / "data/venue.yaml")
    (images / "donnees").symlink_to(site_copy / "data")
    (site_copy / "content/photos").symlink_to(images)
    (site_copy / "data/pepites/reglages.yaml").symlink_to(ROOT / "pelicanconf.py")
    (site_copy / "data/events/agenda.yaml").symlink_to(site_copy / "data/pepites")
    expected = [
        f"content/images/conf.txt:1: {link_outside('fichier', 'content/')}",
        f"content/images/donnees:1: {link_outside('dossier', 'content/')}",
        f"content/images/lieu.txt:1: {link_outside('fichier', 'content/')}",
        f"content/photos:1: {FOLDER_LINK}",
        f"data/events/agenda.yaml:1: {FOLDER_LINK}",
        f"data/pepites/reglages.yaml:1: {link_outside('fichier', 'data/')}",
    ]
    assert check(site_copy, capsys) == expected
    build = run_build(site_copy, tmp_path / "output")
    assert build.returncode == 1
    assert problems_of(build.stderr, site_copy) == expected
    assert not (tmp_path / "output").exists()


# F5: an article saved over a file that Pelican or the build writes ------------------------------------

CHANGE = "changez son « Save_as: » ou son « Slug: »"
OVERWRITES = {
    "news-index": (
        "content/zz.md",
        "Save_as: actualites/index.html",
        (
            "cet article s'enregistrerait sous « actualites/index.html », déjà utilisé par "
            "la page de Pelican « /actualites/ » (la liste des actualités)"
        ),
    ),
    "page-slug-on-news": (
        "content/pages/zz.md",
        "Slug: actualites",
        (
            "cette page s'enregistrerait sous « actualites/index.html », déjà utilisé par "
            "la page de Pelican « /actualites/ » (la liste des actualités)"
        ),
    ),
    "category": (
        "content/zz.md",
        "Save_as: actualites/categorie/vie-du-lieu/index.html",
        (
            "cet article s'enregistrerait sous « actualites/categorie/vie-du-lieu/index.html », déjà utilisé par "
            "la page de Pelican « /actualites/categorie/vie-du-lieu/ » (la catégorie « Vie du lieu »)"
        ),
    ),
    "archives": (
        "content/zz.md",
        "Save_as: actualites/archives/index.html",
        (
            "cet article s'enregistrerait sous « actualites/archives/index.html », déjà utilisé par "
            "la page de Pelican « /actualites/archives/ » (les archives des actualités)"
        ),
    ),
    "static-file": (
        "content/zz.md",
        "Save_as: images/plan.pdf",
        "cet article s'enregistrerait sous « images/plan.pdf », déjà utilisé par le fichier content/images/plan.pdf",
    ),
    "pagefind": (
        "content/zz.md",
        "Save_as: pagefind/pagefind.js",
        (
            "cet article s'enregistrerait sous « pagefind/pagefind.js », déjà utilisé par "
            "le dossier « pagefind/ » (l'index de recherche)"
        ),
    ),
    "theme": (
        "content/pages/zz.md",
        "Save_as: theme/css/site.css",
        (
            "cette page s'enregistrerait sous « theme/css/site.css », déjà utilisé par "
            "le dossier « theme/ » (les fichiers du thème)"
        ),
    ),
    "not-found": (
        "content/zz.md",
        "Save_as: 404.html",
        "cet article s'enregistrerait sous « 404.html », déjà utilisé par la page générée « /404.html »",
    ),
}


def overwrite(site: Path, name: str, header: str) -> None:
    (site / "content/images").mkdir(exist_ok=True)
    (site / "content/images/plan.pdf").write_text("%PDF-1.4\n")
    (site / name).parent.mkdir(parents=True, exist_ok=True)
    (site / name).write_text(f"Title: Essai\nDate: 2026-11-20 10:00\n{header}\n\nCorps.\n", encoding="utf-8")


@pytest.mark.parametrize(("name", "header", "message"), OVERWRITES.values(), ids=OVERWRITES.keys())
def test_an_address_of_pelican_or_of_the_build_is_refused(site_copy, capsys, name, header, message):
    overwrite(site_copy, name, header)
    assert check(site_copy, capsys) == [f"{name}:3: {message} : {CHANGE}"]


def test_the_build_refuses_an_article_over_the_news_index(site_copy, tmp_path):
    name, header, message = OVERWRITES["news-index"]
    overwrite(site_copy, name, header)
    build = run_build(site_copy, tmp_path / "output")
    assert build.returncode == 1
    assert problems_of(build.stderr, site_copy) == [f"{name}:3: {message} : {CHANGE}"]
    assert not (tmp_path / "output").exists()


# F9: files of data/events/ and data/pepites/ that the site would not read -------------------------------

EVENT = "title: Atelier\nstart: 2027-02-03 10:00\n"


def not_read(name: str, folder: str, suggestion: str) -> str:
    return (
        f"fichier « {name} » non lu : seuls les fichiers .yaml (ou .yml) en minuscules de {folder} sont lus ; "
        f"renommez-le « {suggestion} », ou déplacez-le hors de ce dossier"
    )


def test_files_the_site_would_not_read_are_refused(site_copy, capsys):
    events = site_copy / "data/events"
    for name in ("Atelier.YAML", "atelier.yaml.txt", "sans-extension", ".cache.yaml", "vieux.yaml~"):
        (events / name).write_text(EVENT)
    (events / "vieux.yaml.bak").write_text(EVENT)
    (events / ".vieux.yaml.swp").write_text(EVENT)
    (events / "2027").mkdir()
    (events / "2027/atelier.yaml").write_text(EVENT)
    (site_copy / "data/pepites/Marie.Yml").write_text("name: Marie\n")
    assert check(site_copy, capsys) == [
        (
            "data/events/2027:1: dossier « 2027 » non lu : seuls les fichiers placés directement dans data/events/ "
            "sont lus ; déplacez-y ses fichiers .yaml"
        ),
        f"data/events/Atelier.YAML:1: {not_read('Atelier.YAML', 'data/events/', 'atelier.yaml')}",
        f"data/events/atelier.yaml.txt:1: {not_read('atelier.yaml.txt', 'data/events/', 'atelier.yaml')}",
        f"data/events/sans-extension:1: {not_read('sans-extension', 'data/events/', 'sans-extension.yaml')}",
        f"data/pepites/Marie.Yml:1: {not_read('Marie.Yml', 'data/pepites/', 'marie.yaml')}",
    ]


def test_a_yml_file_is_read_as_the_guide_says(site_copy, capsys):
    """Editor trial 17: the message said only .yaml files were read, while a .yml event was published."""
    from pelican.plugins.tierslieu.model.loading import load_data  # noqa: PLC0415 - as the build imports it

    (site_copy / "data/events/2027-02-19-soiree-jeux.yml").write_text(EVENT)
    assert check(site_copy, capsys) == []
    loaded = load_data(str(site_copy / "data"), str(site_copy))
    assert "2027-02-19-soiree-jeux" in [event.slug for event in loaded.events]


# F12 (part): collisions named at a data file and line ------------------------------------------------


def taken_by_page(save_as: str, address: str) -> str:
    return f"ce fichier écrirait « {save_as} », déjà utilisé par la page générée « {address} » : changez ce nom"


def test_an_event_or_an_alias_on_a_generated_page_is_named_at_its_line(site_copy, tmp_path, capsys):
    events = site_copy / "data/events"
    (events / "passes.yaml").write_text(EVENT)
    renamed = EVENT.replace("Atelier", "Atelier renommé")  # not a copy of passes.yaml (duplicates are refused)
    (events / "renomme.yaml").write_text(renamed + "aliases:\n  - ancien\n  - abonnement\n")
    expected = [
        f"data/events/passes.yaml:1: {taken_by_page('agenda/passes/index.html', '/agenda/passes/')}",
        f"data/events/renomme.yaml:5: {taken_by_page('agenda/abonnement/index.html', '/agenda/abonnement/')}",
    ]
    assert check(site_copy, capsys) == expected
    build = run_build(site_copy, tmp_path / "output")
    assert build.returncode == 1
    assert problems_of(build.stderr, site_copy) == expected


def test_an_alias_equal_to_its_own_file_is_refused(site_copy, capsys):
    (site_copy / "data/events/atelier.yaml").write_text(EVENT + "aliases: [vieux, atelier]\n")
    assert check(site_copy, capsys) == [
        "data/events/atelier.yaml:3: l'ancien nom 'atelier' est le nom actuel de ce fichier : supprimez-le de 'aliases'"
    ]


def test_a_static_link_out_of_content_in_an_html_page_is_refused(site_copy, tmp_path, capsys):
    # Only Markdown is read (content_files.py): the HTML page is refused whole, before any link is resolved.
    (tmp_path / "secret.txt").write_text("SECRET\n")
    page = site_copy / "content/pages/plan.html"
    page.parent.mkdir()
    page.write_text(
        '<html><head><title>Plan</title></head>\n<body>\n<img alt="x" src="{static}/../../secret.txt">\n</body></html>\n'
    )
    before = snapshot(tmp_path)
    expected = [
        (
            "content/pages/plan.html:1: fichier « .html » non lu : seules les actualités en Markdown (.md) sont lues ; "
            "réécrivez-le en Markdown (« plan.md »), ou retirez-le de content/"
        )
    ]
    assert check(site_copy, capsys) == expected
    build = run_build(site_copy, tmp_path / "site" / "output")
    assert build.returncode == 1
    assert problems_of(build.stderr, site_copy) == expected
    assert snapshot(tmp_path) == before


# Header lines Pelican would publish as text, or read and use for nothing (new editor's trial) ----------------


def unreadable(written: str, meant: str) -> str:
    return (
        f"en-tête « {written} » illisible : les noms d'en-tête s'écrivent sans accent ni espace avant « : » ({meant}:)"
    )


HEADERS = "Title: Fête de la grange\nDate: 2026-11-20 10:00\n{headers}\n\nCorps.\n"


def test_a_header_line_pelican_would_not_read_is_refused_at_its_line(site_copy, tmp_path, capsys):
    # Pelican stops reading at « Catégorie: »: the draft would be published, its header lines as its text.
    headers = "Catégorie: Vie du lieu\nTags: fête\nSlug: fete\nSummary: La fête.\nStatus: draft"
    (site_copy / "content/fete.md").write_text(HEADERS.format(headers=headers), encoding="utf-8")
    expected = [f"content/fete.md:3: {unreadable('Catégorie:', 'Category')}"]
    assert check(site_copy, capsys) == expected
    build = run_build(site_copy, tmp_path / "output")
    assert build.returncode == 1
    assert problems_of(build.stderr, site_copy) == expected


def test_a_space_before_the_colon_or_an_unknown_header_is_refused(site_copy, capsys):
    headers = "Status : draft\nStatut: draft\nSumary: La fête.\nCouleur: bleu"
    (site_copy / "content/fete.md").write_text(HEADERS.format(headers=headers), encoding="utf-8")
    known = (
        "Title, Date, Modified, Category, Tags, Slug, Summary, Status, Lang, Save_as, Url, Template, Author, Authors"
    )
    assert check(site_copy, capsys) == [
        f"content/fete.md:3: {unreadable('Status :', 'Status')}",
        "content/fete.md:4: en-tête « Statut: » inconnu (vouliez-vous dire « Status: » ?)",
        "content/fete.md:5: en-tête « Sumary: » inconnu (vouliez-vous dire « Summary: » ?)",
        (
            f"content/fete.md:6: en-tête « Couleur: » inconnu : les en-têtes lus sont {known} ; "
            "si cette ligne commence le texte, laissez une ligne vide avant elle"
        ),
    ]


def test_headers_pelican_reads_are_accepted_in_any_case_and_on_several_lines(site_copy, capsys):
    headers = "author: Camille\nSummary: La fête\n    de la grange.\nstatus: draft"
    (site_copy / "content/fete.md").write_text(HEADERS.format(headers=headers), encoding="utf-8")
    assert check(site_copy, capsys) == []
