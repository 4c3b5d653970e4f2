"""The search index holds what visitors look for, not the links every event page repeats (sharing, calendars)."""

from __future__ import annotations

import gzip
import json

from conftest import build
from test_trial_h3 import _indexed_text

REPEATED = (
    "Partager",
    "WhatsApp",
    "LinkedIn",
    "Par e-mail",
    "Adresse de la page",
    "Ajouter à mon agenda",
    "(Apple, Outlook, Thunderbird",
)


def test_the_links_every_event_page_repeats_are_left_out_of_the_search_index(site_copy, tmp_path):
    site = build(site_copy, tmp_path / "out", TIERSLIEU_SEARCH=True)
    page = site.read("agenda/salon-artisans/index.html")
    assert all(words in page for words in REPEATED)  # on the page, for visitors…
    indexed = _indexed_text(tmp_path / "out")
    assert "Salon des artisans" in indexed  # (the index is read right)
    assert [words for words in REPEATED if words in indexed] == []  # …but not in the index


def _indexed_urls(output) -> set[str]:
    """Return the address of every page in Pagefind's index (each fragment's JSON names its page)."""
    fragments = sorted((output / "pagefind" / "fragment").glob("*.pf_fragment"))
    texts = [gzip.decompress(path.read_bytes()).decode("utf-8", "replace") for path in fragments]
    return {json.loads(text[text.index("{") :])["url"] for text in texts}


def test_lists_are_left_out_of_the_search_index_and_their_items_are_in(site_copy, tmp_path):
    site = build(site_copy, tmp_path / "out", TIERSLIEU_SEARCH=True)
    lists = ["agenda/index.html", "pepites/index.html", "actualites/index.html", "agenda/passes/index.html"]
    assert [page for page in lists if "data-pagefind-body" in site.read(page)] == []
    urls = _indexed_urls(tmp_path / "out")
    assert {"/agenda/salon-artisans/", "/", "/le-lieu/"} <= urls  # an event, the home page, the venue
    assert any(url.startswith("/actualites/2026/") for url in urls) and any(url.startswith("/pepites/") for url in urls)
    assert not urls & {"/agenda/", "/pepites/", "/actualites/", "/agenda/passes/"}
