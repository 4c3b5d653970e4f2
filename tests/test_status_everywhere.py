"""An event's status and date changes said wherever it is listed (attacker trial 10): home, embed, RSS titles."""

from __future__ import annotations

import re

from conftest import build, write_files

EVENTS = {
    "data/events/zeta-reporte.yaml": "title: Zeta reporte\nstart: 2026-12-04 10:00\nstatus: postponed\n",
    "data/events/zeta-tent.yaml": "title: Zeta tent\nstart: 2026-12-05 10:00\nstatus: tentative\n",
    "data/events/zeta-full.yaml": (
        "title: Zeta full\nstart: 2026-12-06 10:00\nfull: true\nregistration: https://inscription.example.org/z\n"
    ),
    "data/events/zeta-serie.yaml": (
        "title: Zeta serie\nstart: 2026-12-02 15:00\nend: 2026-12-02 16:00\n"
        "repeat:\n  freq: weekly\n  count: 4\n  moved:\n    2026-12-02: 2026-12-03 15:00\n"
    ),
}


def _line_of(html: str, title: str) -> str:
    """Return the text of the list item or card that names ``title``."""
    item = re.search(rf"<li[^>]*>(?:(?!</li>).)*>{title}</a>(?:(?!</li>).)*</li>", html, re.S)
    assert item, title
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item.group()))


def test_postponed_tentative_full_and_moved_are_said_on_the_home_page_the_embed_and_in_rss(site_copy, tmp_path):
    for old in (site_copy / "data/events").glob("*.yaml"):
        old.unlink()  # the home page shows the next four events: these four
    write_files(site_copy, EVENTS)
    site = build(site_copy, tmp_path / "out", TIERSLIEU_BUILD_DATE="2026-11-24")
    said = {
        "Zeta reporte": "reporté",
        "Zeta tent": "à confirmer",
        "Zeta full": "complet",
        "Zeta serie": "déplacé, au lieu du mercredi 2 décembre 2026",
    }
    for page in ("index.html", "agenda/integrer/index.html"):
        html = site.raw(page)
        for title, label in said.items():
            assert label in _line_of(html, title).replace("\u00a0", " "), (page, title)
    rss = site.raw("evenements.rss.xml")
    titles = [re.sub(r"\s+", " ", title) for title in re.findall(r"<title>(.*?)</title>", rss)]
    assert "Zeta reporte (reporté) — vendredi 4 décembre 2026, 10 h – 11 h" in [
        t.replace("\u00a0", " ") for t in titles
    ]
    assert any(t.startswith("Zeta tent (à confirmer) — ") for t in titles)
    assert any(t.startswith("Zeta full (complet) — ") for t in titles)
    assert any("(déplacé, au lieu du mercredi" in t and t.startswith("Zeta serie — ") for t in titles)
