"""An attacker trial of relative links in articles and pages (content/): checked and published from their page.

« ../../../agenda/x/ » in an article is read by the browser from the article's own address
(ARTICLE_URL, PAGE_URL; RFC 3986 section 5.2): `invoke check` tells those that lead nowhere, as it
does for data texts, and the build writes them from the site's root, so that an article's summary
copied onto the news list, a category page or the RSS still leads where it did on the article.
"""

from __future__ import annotations

import re
import shutil
from urllib.parse import unquote, urljoin, urlsplit

import lxml.etree
import lxml.html
import pytest
from conftest import ROOT, SITEURL, build, write_files
from test_editors import check

BROKEN = {
    "content/2026-11-29-liens-casses.md": """\
        Title: Des liens cassés
        Date: 2026-11-29 10:00

        Venez [les vœux](../../../agenda/2027-01-14-voeux-et-galettes/) et [la pépite](../../../pepites/karim-benaly/).
        Le [flux](../../../agenda/categorie/ateliers.ics) des ateliers.

        Voir [l'agenda](../../agenda/), [l'Agenda](../../../Agenda/) ; [le salon](../../../agenda/salon-artisans/) existe.
        """,
    "content/pages/a-propos.md": """\
        Title: À propos

        Voir [rien](../agenda/inexistant/) ; [le salon](../agenda/salon-artisans/) et [l'article](../actualites/2026/premier-article/#fin).
        """,
}


def test_relative_links_of_articles_and_pages_are_checked_from_their_own_address(site_copy, capsys):
    write_files(site_copy, BROKEN)
    status, out, err = check(site_copy, capsys)
    assert status == 0 and err == []
    advice = f"{site_copy}/content/2026-11-29-liens-casses.md:{{}}: attention : lien cassé vers « {{}} »"
    assert [line for line in out if "lien cassé" in line] == [
        advice.format(4, "../../../agenda/2027-01-14-voeux-et-galettes/"),
        advice.format(4, "../../../pepites/karim-benaly/"),
        advice.format(5, "../../../agenda/categorie/ateliers.ics"),
        advice.format(7, "../../../Agenda/"),
        advice.format(7, "../../agenda/"),
        f"{site_copy}/content/pages/a-propos.md:3: attention : lien cassé vers « ../agenda/inexistant/ »",
    ]


REL2 = """\
    Title: Rel2
    Date: 2026-11-21 10:00
    Slug: rel2

    Voir [l'article de 2025](../../2025/reseau-tiers-lieux-du-parc/) et [la même année](../projet-brasserie-gai-relais/).

    La suite, [en note](#fin).
    """
WANTED = "2025/reseau|brasserie-gai"
OLDER = ("2025-09-23-reseau-tiers-lieux-du-parc.md", "2026-02-10-projet-brasserie.md")


def _links(path) -> list[str]:
    """Return the addresses of the links of an output file (HTML, or RSS: its items' HTML descriptions)."""
    if path.suffix == ".html":
        return lxml.html.parse(str(path)).xpath("//a/@href")
    descriptions = lxml.etree.parse(str(path)).xpath("//item/description/text()")
    return [href for text in descriptions for href in lxml.html.fragment_fromstring(text, "div").xpath("//a/@href")]


def _output_file(output, siteurl: str, page: str, href: str):
    """Return the file of ``output`` that ``href`` (on ``page``, from the site's root) leads to, or None."""
    address = urljoin(siteurl + page, href)
    if not address.startswith(siteurl + "/"):
        return None
    path = output / unquote(urlsplit(address).path.removeprefix(urlsplit(siteurl).path)).lstrip("/")
    path = path / "index.html" if address.endswith("/") else path
    return path if path.is_file() else None


@pytest.mark.parametrize("siteurl", [SITEURL, SITEURL + "/lieu"])
def test_relative_links_of_an_article_lead_to_the_same_pages_from_its_summary_and_the_rss(site_copy, tmp_path, siteurl):
    """The summary (first paragraph) is copied onto the news list, the category page and the RSS, elsewhere."""
    for name in OLDER:
        shutil.copy(ROOT / "content" / name, site_copy / "content" / name)
    write_files(site_copy, {"content/2026-11-21-rel2.md": REL2})
    output = build(site_copy, tmp_path / "out", siteurl=siteurl).output
    targets = ("actualites/2025/reseau-tiers-lieux-du-parc/", "actualites/2026/projet-brasserie-gai-relais/")
    for page in ("/actualites/2026/rel2/", "/actualites/", "/actualites/categorie/vie-du-lieu/", "/actualites.rss.xml"):
        path = output / (page.strip("/") + ("/index.html" if page.endswith("/") else ""))
        found = [_output_file(output, siteurl, page, href) for href in _links(path) if re.search(WANTED, href)]
        assert None not in found and {output / target / "index.html" for target in targets} <= set(found), page
    html = (output / "actualites/2026/rel2/index.html").read_text("utf-8")
    assert 'href="#fin"' in html  # within the page: left as written


def test_the_rss_gives_an_article_s_links_as_full_addresses(site_copy, tmp_path):
    """RSS 2.0 has no base address: a reader shows the item away from the site."""
    write_files(site_copy, {"content/2026-11-21-rel2.md": REL2})
    output = build(site_copy, tmp_path / "out", siteurl=SITEURL + "/lieu").output
    links = [href for href in _links(output / "actualites.rss.xml") if re.search(WANTED, href)]
    assert links == [
        f"{SITEURL}/lieu/actualites/2025/reseau-tiers-lieux-du-parc/",
        f"{SITEURL}/lieu/actualites/2026/projet-brasserie-gai-relais/",
    ]
