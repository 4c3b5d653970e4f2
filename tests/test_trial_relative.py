"""An attacker trial of relative links in articles and pages (content/): checked and published from their page.

« ../../../agenda/x/ » in an article is read by the browser from the article's own address
(ARTICLE_URL, PAGE_URL; RFC 3986 section 5.2): `invoke check` tells those that lead nowhere, as it
does for data texts, and the build writes them from the site's root, so that an article's summary
copied onto the news list, a category page or the RSS still leads where it did on the article.
"""

from __future__ import annotations

from conftest import write_files
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
