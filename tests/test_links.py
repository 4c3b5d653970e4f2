"""Every internal link and image of every built page resolves; the home page stays light."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import ROOT, SITEURL


class References(HTMLParser):
    """Collect href, src and srcset addresses of a page."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("href", "src"):
            if attributes.get(name):
                self.urls.append(attributes[name])
        if attributes.get("srcset"):
            self.urls += [part.strip().split(" ")[0] for part in attributes["srcset"].split(",")]
        if tag == "img":
            self.images.append(attributes)


def page_url(output: Path, page: Path) -> str:
    relative = page.relative_to(output).as_posix()
    return f"{SITEURL}/{relative.removesuffix('index.html')}"


def resolve(output: Path, url: str) -> Path | None:
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != SITEURL:
        return None
    path = output / unquote(parts.path).lstrip("/")
    return path / "index.html" if parts.path.endswith("/") or path.is_dir() else path


def test_every_internal_link_and_image_resolves(built_site):
    output = built_site.output
    broken = []
    pages = sorted(output.rglob("*.html"))
    for page in pages:
        parser = References()
        parser.feed(page.read_text(encoding="utf-8"))
        base = page_url(output, page)
        for url in parser.urls:
            if re.match(r"^(mailto|tel|webcal|geo|data|javascript):", url) or url.startswith("#"):
                continue
            target = resolve(output, urljoin(base, url))
            if target is not None and not target.exists():
                broken.append((page.relative_to(output).as_posix(), url))
    assert len(pages) > 40
    assert broken == []


def test_every_image_has_alt_width_and_height(built_site):
    missing = []
    for page in sorted(built_site.output.rglob("*.html")):
        parser = References()
        parser.feed(page.read_text(encoding="utf-8"))
        for image in parser.images:
            if "alt" not in image or not image.get("width") or not image.get("height"):
                missing.append((page.name, image.get("src")))
    assert missing == []


def test_event_image_alt_comes_from_image_alt_or_is_empty(tmp_path, site_copy):
    from conftest import build, write_files  # noqa: PLC0415
    from PIL import Image  # noqa: PLC0415

    (site_copy / "content/images").mkdir(parents=True)
    Image.new("RGB", (1500, 1000), (200, 120, 60)).save(site_copy / "content/images/photo.jpg")
    write_files(
        site_copy,
        {
            "data/events/avec-image.yaml": "title: Avec image\nstart: 2027-02-02\nimage: images/photo.jpg\nimage_alt: Une grange au soleil\n",
            "data/events/decor.yaml": "title: Décor\nstart: 2027-02-03\nimage: images/photo.jpg\n",
        },
    )
    site = build(site_copy, tmp_path / "out")
    page = site.read("agenda/avec-image/index.html")
    assert 'alt="Une grange au soleil"' in page
    assert 'type="image/webp"' in page and "images/photo-640.webp 640w" in page
    assert 'width="1280" height="853"' in page
    assert 'alt=""' in site.read("agenda/decor/index.html")
    assert (tmp_path / "out/images/photo-320.webp").exists()


def test_the_theme_css_and_js_are_published_minified(built_site):
    """The published stylesheet and script lose comments and spaces (minify.py), not rules or statements."""
    for name, rule in (
        ("css/site.css", ".session:target{outline:3px solid var(--accent)}"),
        ("js/site.js", '"use strict"'),
    ):
        source = (ROOT / "theme/static" / name).read_text(encoding="utf-8")
        published = (built_site.output / "theme" / name).read_text(encoding="utf-8")
        comment = "/*" if name.endswith(".css") else "\n  // "
        assert comment in source and comment not in published and "\n  " not in published
        assert len(published) < 0.9 * len(source)
        assert rule in published


def test_home_page_weighs_at_most_30_kb_compressed(built_site):
    output = built_site.output
    html = (output / "index.html").read_bytes()
    assets = [output / "theme/css/site.css", output / "theme/js/site.js"]
    total = len(gzip.compress(html, 9)) + sum(len(gzip.compress(path.read_bytes(), 9)) for path in assets)
    assert total <= 30 * 1024, total
