"""What visitors read: hours and closures, agenda views, typography, pictures, metadata."""

from __future__ import annotations

import json
import re

from conftest import build, json_ld, write_files


def test_home_says_todays_hours_and_the_next_closure(built_site):
    html = re.sub(r"<[^>]+>", "", built_site.read("index.html"))
    assert "Aujourd'hui, mardi 24 novembre 2026 : ouvert de 9 h à 18 h 30." in re.sub(r"\s+", " ", html)
    assert (
        "Prochaine fermeture : du jeudi 24 décembre 2026 au vendredi 1er janvier 2027 (Fêtes de fin d&#39;année)."
        in re.sub(r"\s+", " ", html)
    )
    schedule = json.loads(
        re.search(r'data-schedule="([^"]+)"', built_site.raw("index.html")).group(1).replace("&#34;", '"')
    )
    assert schedule["tz"] == "Europe/Paris"
    assert schedule["hours"]["mo"] == [["09:00", "18:30"]]
    assert ["2026-12-25", "2026-12-25"] in schedule["closed"]  # Noël, a public holiday


def test_public_holidays_are_closures_when_the_venue_says_so(built_site):
    venue = built_site.read("le-lieu/index.html")
    assert "Lundi 29 mars 2027 : Lundi de Pâques" in venue
    assert "Jeudi 6 mai 2027 : Ascension" in venue
    special = json_ld(venue)["specialOpeningHoursSpecification"]
    assert {
        "@type": "OpeningHoursSpecification",
        "validFrom": "2027-05-06",
        "validThrough": "2027-05-06",
        "opens": "00:00",
        "closes": "00:00",
        "description": "Ascension",
    } in special


def test_no_public_holidays_when_the_venue_does_not_close(site_copy, tmp_path):
    venue = site_copy / "data/venue.yaml"
    venue.write_text(
        venue.read_text(encoding="utf-8").replace(
            "closed_on_public_holidays: true", "closed_on_public_holidays: false"
        ),
        encoding="utf-8",
    )
    site = build(site_copy, tmp_path / "out")
    assert "Lundi de Pâques" not in site.read("le-lieu/index.html")


def test_venue_page_links_openstreetmap_and_geo_without_embedding_a_map(built_site):
    html = built_site.read("le-lieu/index.html")
    assert 'href="https://www.openstreetmap.org/?mlat=46.2&amp;mlon=5.22#map=17/46.2/5.22"' in html
    assert 'href="geo:46.2,5.22"' in html
    assert "<iframe" not in html


def test_month_grid_has_the_events_and_links_to_its_neighbours(built_site):
    html = built_site.read("agenda/2026/12/index.html")
    assert "<h1>Agenda de décembre 2026</h1>" in html
    assert 'rel="prev" href="../../../agenda/2026/11/"' in html and 'rel="next" href="../../../agenda/2027/01/"' in html
    cells = re.findall(r'<td class="[^"]*has-events[^"]*">(.*?)</td>', html, re.S)
    assert len(cells) == 8  # 1, 8, 11, 12, 13, 15, 22, 29 December: 29 is cancelled but shown
    assert sum("Salon des artisans" in cell for cell in cells) == 3  # one cell per day of the salon


def test_category_page_lists_only_its_events(built_site):
    html = built_site.read("agenda/categorie/marche/index.html")
    assert "Salon des artisans" in html and "couture" not in html
    assert "../../../agenda/categorie/marche.ics" in html


def test_printable_programme_has_a_qr_code_per_event(built_site):
    html = built_site.read("agenda/programme/2026-12/index.html")
    items = re.findall(r'<li class="programme-item[^"]*">(.*?)</li>', html, re.S)
    assert len(items) == 2  # the series once (its five Tuesdays on one line), and the salon
    assert all("<svg" in item for item in items)
    assert "Tous les mardis de 18 h 30 à 20 h : les 1er, 8, 15, 22 et 29 (annulé) décembre" in items[0]
    assert "https://grange.example.org/agenda/salon-artisans/" in html


def test_embeddable_agenda_opens_links_in_the_partner_window(built_site):
    html = built_site.read("agenda/integrer/index.html")
    assert '<base target="_top">' in html and 'name="robots" content="noindex"' in html
    assert "https://grange.example.org/agenda/atelier-hebdo/" in html
    assert "agenda/integrer/" not in built_site.read("sitemap.xml")


def test_pepite_email_is_readable_but_not_harvestable(built_site):
    html = built_site.read("pepites/eloise-berenger/index.html")
    assert "eloise@example.org" not in html and "mailto:eloise" not in html
    assert 'data-user="eloise" data-domain="example.org">eloise<span class="at"> [arobase] </span>example.org' in html


def test_french_typography_uses_no_break_spaces(built_site):
    html = built_site.raw("agenda/fete-annulee/index.html")
    assert "Fête «\u202fd&#39;hiver\u202f»\u00a0: annulée, désolé\u202f; vraiment" in html
    assert "On coud, on répare\u202f; on apprend." in built_site.raw("agenda/atelier-hebdo/index.html")
    assert "18\u00a0h\u00a030" in built_site.raw("agenda/atelier-hebdo/index.html")


def test_pages_have_canonical_and_opengraph_tags(built_site):
    html = built_site.read("agenda/atelier-hebdo/index.html")
    assert '<link rel="canonical" href="https://grange.example.org/agenda/atelier-hebdo/">' in html
    assert '<meta property="og:title" content="Atelier &#34;couture&#34; du mardi — La Grange d&#39;Essai">' in html
    assert '<meta property="og:locale" content="fr_FR">' in html
    article = built_site.read("actualites/2026/premier-article/index.html")
    assert '<link rel="canonical" href="https://grange.example.org/actualites/2026/premier-article/">' in article


def test_accessibility_register_comes_from_the_venue(built_site):
    html = built_site.read("registre-accessibilite/index.html")
    assert "<h1>Registre public d'accessibilité</h1>" in html
    assert "Plain-pied, toilettes adaptées." in html


def test_search_page_works_without_javascript_and_the_index_is_built(built_site):
    html = built_site.read("recherche/index.html")
    assert "<noscript>" in html and 'href="../agenda/"' in html
    assert (built_site.output / "pagefind" / "pagefind-ui.js").exists()
    assert "data-pagefind-body" in built_site.read("index.html")


def test_news_is_paginated(site_copy, tmp_path):
    write_files(
        site_copy,
        {f"content/article-{n}.md": f"Title: Article {n}\nDate: 2026-10-{n:02d}\n\nTexte {n}.\n" for n in range(1, 12)},
    )
    site = build(site_copy, tmp_path / "out")
    assert 'rel="next" href="../actualites/page/2/"' in site.read("actualites/index.html")
    assert "Page 2 sur 2" in site.read("actualites/page/2/index.html")


def test_a_venue_open_until_midnight_says_24_h_everywhere(site_copy, tmp_path):
    venue = site_copy / "data/venue.yaml"
    venue.write_text(venue.read_text(encoding="utf-8").replace("closes: 18:30", 'closes: "24:00"'), encoding="utf-8")
    site = build(site_copy, tmp_path / "out")
    home = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", site.read("index.html")))
    assert "Aujourd'hui, mardi 24 novembre 2026 : ouvert de 9 h à 24 h." in home
    schedule = json.loads(re.search(r'data-schedule="([^"]+)"', site.raw("index.html")).group(1).replace("&#34;", '"'))
    assert schedule["hours"]["mo"] == [["09:00", "24:00"]]  # site.js: "23:59" < "24:00", shown « 24 h »
    hours = json_ld(site.read("le-lieu/index.html"))["openingHoursSpecification"][0]
    assert (hours["opens"], hours["closes"]) == ("09:00", "23:59")
