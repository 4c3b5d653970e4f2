"""Third trial (issue 11): what a fresh-eyes tester still found, each kind refused alike by check and both builds.

Every case goes through ``invoke check`` and a development and a
production build (test_verdict.assert_one_verdict), which must give the
same French lines, at the same files and lines.
"""

from __future__ import annotations

import json
import os
import re
from urllib.parse import unquote, urljoin, urlparse
from xml.etree import ElementTree

import feedparser
import lxml.html
import pytest
from conftest import ROOT, SITEURL, build
from icalendar import Calendar
from pelican.settings import read_settings
from PIL import ExifTags, Image
from test_verdict import article, assert_one_verdict, assert_refused, png_bytes, write

from pelican.plugins.tierslieu.editors.checking import run_check
from pelican.plugins.tierslieu.model.titles import MARKUP_ONLY
from pelican.plugins.tierslieu.remote_images import REMOTE

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
EVENT = "title: {title}\nstart: 2027-01-20 18:00\n"
PEPITE = "name: {name}\ntrade: Potière\n"
ONLY_TAGS = "'{key}' : " + MARKUP_ONLY

CASE = (
    "ce fichier écrirait « {save_as} », qui ne diffère de « {known} » ({by}) que par les majuscules : "
    "les hébergeurs et les disques sans casse n'en gardent qu'un ; changez l'un des deux noms"
)

PLAIN = (
    "l'image « {target} » ne s'afficherait pas (un chemin simple se lit depuis l'adresse de la page, "
    "pas depuis ce fichier) : écrivez « {{static}}/images/four.jpg »"
)
MISSING = (
    "image introuvable « {target} » : aucun fichier à ce chemin (relatif au dossier du fichier) ; "
    "mettez l'image dans content/images/ et liez-la avec « {{static}}/images/son-nom.jpg »"
)

CASES = {
    "slugs-differing-by-case": (
        {
            "content/zz-a.md": article(headers="Save_as: actualites/2026/Atelier/index.html", title="A"),
            "content/zz-b.md": article(headers="Slug: atelier", title="B"),
        },
        [
            "content/zz-b.md:3: "
            + CASE.format(
                save_as="actualites/2026/atelier/index.html",
                known="actualites/2026/Atelier/index.html",
                by="{site}/content/zz-a.md (ligne 3)",
            )
        ],
    ),
    "save-as-a-generated-page-in-capitals": (
        {"content/zz.md": article(headers="Save_as: Agenda/index.html")},
        [
            "content/zz.md:3: "
            + CASE.format(save_as="Agenda/index.html", known="agenda/index.html", by="la page générée « /agenda/ »")
        ],
    ),
    "image-by-a-plain-path": (
        {
            "content/images/four.jpg": png_bytes("JPEG"),
            "content/zz.md": article(
                '![Absente](images/absente.jpg)\n\n![Le four](images/four.jpg "titre")\n\n'
                '<img alt="Four" src="../images/four.jpg">\n\n`![code](images/x.jpg)`\n\n'
                "![Ailleurs](https://example.org/x.jpg) ![Bon]({static}/images/four.jpg)"
            ),
        },
        [
            "content/zz.md:4: " + MISSING.format(target="images/absente.jpg"),
            "content/zz.md:6: " + PLAIN.format(target="images/four.jpg"),
            "content/zz.md:8: " + MISSING.format(target="../images/four.jpg"),
            # An image hosted elsewhere is refused too, for the visitors' privacy (remote_images.py).
            "content/zz.md:12: " + REMOTE.format(address="https://example.org/x.jpg", cite="{static}"),
        ],
    ),
    "summary-given-twice": (
        {"content/zz.md": article(headers="Summary: Un.\nCategory: Vie du lieu\nSummary: Deux.")},
        ["content/zz.md:5: « Summary: » est déjà écrit ligne 3 : gardez une seule de ces lignes"],
    ),
    "files-differing-by-case": (
        {"content/images/Plan.pdf": "%PDF-1.4\n", "content/images/plan.pdf": "%PDF-1.4\n"},
        [
            "content/images/plan.pdf:1: "
            + CASE.format(
                save_as="images/plan.pdf", known="images/Plan.pdf", by="le fichier {site}/content/images/Plan.pdf"
            )
        ],
    ),
    "event-title-only-tags": (
        {"data/events/zz.yaml": EVENT.format(title='"<b></b>"')},
        ["data/events/zz.yaml:1: " + ONLY_TAGS.format(key="title", value="<b></b>")],
    ),
    "event-title-only-a-script": (
        {"data/events/zz.yaml": EVENT.format(title='"<script>x</script> &nbsp;"')},
        ["data/events/zz.yaml:1: " + ONLY_TAGS.format(key="title", value="<script>x</script> &nbsp;")],
    ),
    "pepite-name-only-tags": (
        {"data/pepites/zz.yaml": PEPITE.format(name='"<i></i>"')},
        ["data/pepites/zz.yaml:1: " + ONLY_TAGS.format(key="name", value="<i></i>")],
    ),
    "article-title-only-tags": (
        {"content/zz.md": article(title="<script></script>")},
        ["content/zz.md:1: " + ONLY_TAGS.format(key="Title", value="<script></script>")],
    ),
    "two-pepites-one-name": (
        {"data/pepites/zz.yaml": "trade: Potière\nname: '  eloise   BERENGER '\n"},
        [
            (
                "data/pepites/eloise-berenger.yaml:2: 'name' : « Éloïse Bérenger » est aussi le nom de la pépite de "
                "{site}/data/pepites/zz.yaml:2 (« eloise   BERENGER ») : donnez à chaque pépite un nom à elle"
            ),
            (
                "data/pepites/zz.yaml:2: 'name' : « eloise   BERENGER » est aussi le nom de la pépite de "
                "{site}/data/pepites/eloise-berenger.yaml:2 (« Éloïse Bérenger ») : donnez à chaque pépite un nom à elle"
            ),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_kind_is_refused_alike_everywhere(site_copy, tmp_path, capsys, name):
    assert_refused(site_copy, tmp_path, capsys, *CASES[name])


@pytest.mark.parametrize("title", ["Atelier <débutants>", "a < b", "<b>Gras</b> & co", "Atelier ‹débutants>"])
def test_a_title_with_words_and_tags_is_accepted(site_copy, tmp_path, capsys, title):
    write(site_copy, {"data/events/zz.yaml": EVENT.format(title=f'"{title}"'), "content/zz.md": article(title=title)})
    assert assert_one_verdict(site_copy, tmp_path, capsys) == []


HARD_LINK = (
    "ce fichier a 4 noms sur le disque (lien physique) : il peut être un fichier hors de {where} ; "
    "il n'est ni lu ni publié ; remplacez-le par une copie (cp), ou supprimez-le"
)


def test_hard_links_are_refused_unread(site_copy, tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"\xffSECRET=1\n")  # not UTF-8: read, it would be told as such
    (site_copy / "content/images").mkdir()
    for name in ("content/images/x.jpg", "content/fuite.md", "data/pepites/fuite.yaml"):
        os.link(secret, site_copy / name)  # one file outside the site, three more names inside: four links
    assert assert_one_verdict(site_copy, tmp_path, capsys) == [
        f"{site_copy}/{name}:1: {HARD_LINK.format(where=where)}"
        for name, where in (
            ("content/fuite.md", "content/"),
            ("content/images/x.jpg", "content/"),
            ("data/pepites/fuite.yaml", "data/"),
        )
    ]


def gps_photo(path, size=(40, 20)) -> None:
    """Write a JPEG as a phone takes it: turned (orientation 6), with its position, serial number and owner."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Artist] = "Anne Propriétaire"
    exif[ExifTags.Base.BodySerialNumber] = "SN-12345"
    exif[ExifTags.Base.CameraOwnerName] = "Anne"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (48.0, 48.0, 6.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (1.0, 58.0, 12.0)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, "red").save(path, exif=exif, quality=90)
    with Image.open(path) as written:  # the test's own premise
        assert written.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"


def test_published_images_carry_no_position_and_stand_upright(site_copy, tmp_path):
    gps_photo(site_copy / "content/images/photo.jpg")
    write(
        site_copy,
        {
            "data/events/zz.yaml": EVENT.format(title="Photo") + "image: images/photo.jpg\n",
            "content/zz.md": article("![Le four]({static}/images/photo.jpg)"),
        },
    )
    output = tmp_path / "out"
    build(site_copy, output)
    published = sorted(output.glob("images/photo*"))
    assert [path.name for path in published if path.suffix == ".jpg"][-1] == "photo.jpg"  # Pelican's copy too
    for path in published:
        raw = path.read_bytes()
        with Image.open(path) as image:
            assert dict(image.getexif()) == {}, path.name
            assert not {"exif", "xmp", "photoshop"} & set(image.info), path.name
            assert image.size[0] < image.size[1], path.name  # turned upright: 20 wide, 40 high
        assert b"SN-12345" not in raw and b"Anne" not in raw, path.name


def _urls_of(output) -> dict[str, list[str]]:
    """Return every URL the site writes, by file: links and images of pages, sitemap, feeds, JSON-LD, calendars."""
    found: dict[str, list[str]] = {}
    for page in sorted(output.rglob("*.html")):
        root = lxml.html.document_fromstring(page.read_bytes())
        urls = [value for element in root.iter() for name in ("href", "src") if (value := element.get(name))]
        urls += [
            part.split()[0] for element in root.iter() for part in (element.get("srcset") or "").split(",") if part
        ]
        urls += [meta.get("content") for meta in root.iter("meta") if meta.get("property") == "og:image"]
        for script in root.iter("script"):
            if script.get("type") == "application/ld+json":
                text = script.text
                urls += re.findall(
                    r'"(?:url|image|@id|sameAs)": "([^"]+)"', json.dumps(json.loads(text), ensure_ascii=False)
                )
        found[str(page.relative_to(output))] = urls
    found["sitemap.xml"] = [loc.text for loc in ElementTree.parse(output / "sitemap.xml").iter(f"{{{SITEMAP}}}loc")]
    for feed in ("actualites.rss.xml", "evenements.rss.xml"):
        for entry in feedparser.parse((output / feed).read_bytes()).entries:
            html = lxml.html.fragment_fromstring(entry.description, create_parent="div")
            found.setdefault(feed, []).extend(
                [entry.link]
                + [value for element in html.iter() for name in ("href", "src") if (value := element.get(name))]
            )
    for vevent in Calendar.from_ical((output / "agenda.ics").read_bytes()).walk("VEVENT"):
        found.setdefault("agenda.ics", []).extend(str(vevent[name]) for name in ("URL", "ATTACH") if name in vevent)
    return found


def test_file_names_with_spaces_and_accents_are_percent_encoded_in_every_url(site_copy, tmp_path):
    gps_photo(site_copy / "content/images/photo été 1.jpg", size=(900, 600))
    write(
        site_copy,
        {
            "data/events/zz.yaml": EVENT.format(title="Photo") + 'image: "images/photo été 1.jpg"\n',
            "content/mon article été.md": article(
                "![Le four]({static}/images/photo été 1.jpg) [Photo]({static}/images/photo été 1.jpg)",
                headers="Summary: ![Le four]({static}/images/photo été 1.jpg)",
            ),
        },
    )
    output = tmp_path / "out"
    build(site_copy, output)
    urls = _urls_of(output)
    encoded = "images/photo%20%C3%A9t%C3%A9%201"
    # A « Slug: » is ASCII (test_verdict.CONTENT_CASES): the article's address comes from its title.
    assert any(encoded + ".jpg" in url for url in urls["actualites/2026/zz/index.html"])
    assert any(encoded + "-600.jpg" in url for url in urls["agenda/zz/index.html"])
    assert SITEURL + "/actualites/2026/zz/" in urls["sitemap.xml"]
    assert SITEURL + "/actualites/2026/zz/" in urls["actualites.rss.xml"]
    assert any(encoded in url for url in urls["actualites.rss.xml"])
    assert any(url.startswith(SITEURL + "/" + encoded) for url in urls["agenda/zz/index.html"])  # og:image, JSON-LD
    bad = {name: url for name, found in urls.items() for url in found if re.search(r"[\s\x80-\U0010ffff]", url)}
    assert bad == {}
    # Every address of the site leads to a file it wrote.
    for name, found in urls.items():
        for url in found:
            parsed = urlparse(urljoin(f"{SITEURL}/{name}", url))
            if f"{parsed.scheme}://{parsed.netloc}" == SITEURL and not parsed.path.endswith("/"):
                assert (output / unquote(parsed.path).lstrip("/")).is_file(), (name, url)


def test_an_image_by_a_plain_path_is_one_error_and_no_advice(site_copy, capsys):
    write(site_copy, {"content/zz.md": article("![Absente](images/absente.jpg)")})
    override = {
        "PATH": str(site_copy / "content"),
        "DATA_PATH": str(site_copy / "data"),
        "TIERSLIEU_BUILD_DATE": "2026-11-24",
    }
    settings = [read_settings(str(ROOT / name), override=override) for name in ("pelicanconf.py", "publishconf.py")]
    assert run_check(settings) == 1
    captured = capsys.readouterr()
    assert [line for line in captured.out.splitlines() if "absente.jpg" in line] == []
    assert [line for line in captured.err.splitlines() if "absente.jpg" in line] == [
        f"{site_copy}/content/zz.md:4: " + MISSING.format(target="images/absente.jpg")
    ]


def test_an_img_tag_in_a_title_is_words_not_an_image(site_copy, tmp_path, capsys):
    title = '"><img src=x onerror=alert(1)>'
    write(
        site_copy,
        {
            "content/images/four.jpg": png_bytes("JPEG"),
            "content/zz.md": article(
                title=title, headers='Slug: zz\nSummary: <img alt="Le four" src="{static}/images/four.jpg">'
            ),
        },
    )
    assert assert_one_verdict(site_copy, tmp_path, capsys) == []
    page = lxml.html.document_fromstring((tmp_path / "prod/actualites/2026/zz/index.html").read_bytes())
    assert page.find(".//h1").text_content() == title
