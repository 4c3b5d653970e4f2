"""Trial findings about pages, articles, scaffolds and YAML messages (h3)."""

from __future__ import annotations

import gzip
import re

import pytest
from conftest import ROOT, build, write_files
from pelican.settings import read_settings

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
