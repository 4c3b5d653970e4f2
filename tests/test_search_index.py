"""The search index holds what visitors look for, not the links every event page repeats (sharing, calendars)."""

from __future__ import annotations

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
