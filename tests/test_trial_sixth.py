"""A sixth attacker trial: images hosted elsewhere, relative links of data texts, duplicate ids.

Each finding is refused in French at its line, by check and the build alike, or made true.
"""

from __future__ import annotations

import re
from html import escape as html_escape

import pytest
from conftest import SITEURL, build
from icalendar import Calendar
from PIL import Image
from test_editors import check as editors_check
from test_input import check

from pelican.plugins.tierslieu.model.errors import DataErrors

PIXEL = "https://tracker.example.net/p.gif"
REMOTE = (
    "image hébergée ailleurs « https://tracker.example.net/p.gif » : le site ne charge rien d'un autre site "
    "(les visiteurs seraient suivis) ; copiez l'image dans content/images/ et citez-la avec {cite}/images/…"
)


def refused(site, capsys, tmp_path) -> list[str]:
    """Return what check refuses, after asserting the build refuses the same (file:line: message)."""
    found = check(site, capsys)
    with pytest.raises(DataErrors) as raised:
        build(site, tmp_path / "out")
    assert sorted(str(error).removeprefix(f"{site}/") for error in raised.value.errors) == sorted(found)
    return found


@pytest.mark.parametrize(
    "text",
    [f"description: |\n  Voir.\n\n  ![pixel]({PIXEL})\n", f'description: |\n  Voir.\n\n  <img src="{PIXEL}">\n'],
)
def test_an_image_hosted_elsewhere_in_an_event_description_is_refused(site_copy, capsys, tmp_path, text):
    (site_copy / "data/events/zz.yaml").write_text(f"title: Atelier\nstart: 2027-02-03 10:00\n{text}", "utf-8")
    assert refused(site_copy, capsys, tmp_path) == [f"data/events/zz.yaml:6: {REMOTE.format(cite='')}"]


def test_an_image_hosted_elsewhere_in_a_session_description_is_refused(site_copy, capsys, tmp_path):
    text = (
        "title: Atelier\nstart: 2027-02-03 10:00\nend: 2027-02-03 12:00\nsessions:\n"
        "  - start: '10:00'\n    end: '11:00'\n    title: Un\n    description: '![x][p]'\n\n"
    )
    text = text.replace("'![x][p]'", f"|\n      ![x][p]\n\n      [p]: {PIXEL}")
    (site_copy / "data/events/zz.yaml").write_text(text, "utf-8")
    assert refused(site_copy, capsys, tmp_path) == [f"data/events/zz.yaml:11: {REMOTE.format(cite='')}"]


def test_an_image_hosted_elsewhere_in_an_article_is_refused(site_copy, capsys, tmp_path):
    article = (
        f"Title: Zz\nDate: 2026-11-01 10:00\n\n![pixel]({PIXEL})\n\n<IMG SRC='{PIXEL}'>\n\n"
        f"![a][b]\n\n[b]: {PIXEL}\n\n![inline](data:image/gif;base64,R0lGODlhAQABAAAAACw=)\n"
    )
    (site_copy / "content/zz.md").write_text(article, "utf-8")
    message = REMOTE.format(cite="{static}")
    embedded = (  # a « data: » image too: the sanitiser would drop its address (test_image_addresses.py)
        "content/zz.md:12: image intégrée au texte (« data:image/gif;base64,R0lGODlh… ») : "
        "enregistrez-la dans content/images/ et liez-la avec « {static}/images/son-nom.png »"
    )
    assert refused(site_copy, capsys, tmp_path) == [*(f"content/zz.md:{n}: {message}" for n in (4, 6, 10)), embedded]


RELATIVE = (
    "title: Lien\nstart: 2027-02-03 10:00\ndescription: Voir [rien](../inexistant/) et [le salon](../salon-artisans/)."
    "\nsessions:\n  - start: '10:00'\n    end: '11:00'\n    title: Un\n    description: '![photo](photo.jpg)'\n"
)


def test_relative_links_of_data_texts_are_checked_from_their_page(site_copy, capsys):
    """« ../inexistant/ » on /agenda/lien/ is /agenda/inexistant/: no such page (« ../salon-artisans/ » is one)."""
    (site_copy / "data/events/lien.yaml").write_text(RELATIVE, "utf-8")
    Image.new("RGB", (12, 8), "red").save(site_copy / "content/photo.jpg")  # not /agenda/lien/photo.jpg
    status, out, _ = editors_check(site_copy, capsys)
    assert status == 0
    assert [line for line in out if "lien cassé" in line] == [
        f"{site_copy}/data/events/lien.yaml:3: attention : lien cassé vers « ../inexistant/ »",
        f"{site_copy}/data/events/lien.yaml:8: attention : lien cassé vers « photo.jpg »",
    ]


def test_relative_links_are_written_out_as_absolute_addresses_in_calendars_and_rss(site_copy, tmp_path):
    (site_copy / "data/events/lien.yaml").write_text(RELATIVE.split("\nsessions", maxsplit=1)[0] + "\n", "utf-8")
    output = build(site_copy, tmp_path / "out").output
    (vevent,) = Calendar.from_ical((output / "agenda/lien/lien.ics").read_bytes()).walk("VEVENT")
    assert str(vevent["DESCRIPTION"]).split("\n\n")[0] == (
        f"Voir rien ({SITEURL}/agenda/inexistant/) et le salon ({SITEURL}/agenda/salon-artisans/)."
    )
    assert "../" not in (output / "agenda.ics").read_text("utf-8")
    rss = (output / "evenements.rss.xml").read_text("utf-8")
    assert "../inexistant" not in rss


def test_a_family_named_autres_and_the_built_in_autres_talents_have_distinct_ids(site_copy, tmp_path):
    pepite = (site_copy / "data/pepites").glob("*.yaml").__next__()
    text = pepite.read_text("utf-8")
    pepite.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("kind:")) + "\nkind: Autres\n"
    )
    html = (build(site_copy, tmp_path / "out").output / "pepites/index.html").read_text("utf-8")
    ids = re.findall(r'<h2 id="([^"]+)">([^<]+)</h2>', html)
    assert ("famille-autres", "Autres") in ids and ("famille-autres-talents", "Autres talents") in ids
    assert len({found for found, _ in ids}) == len(ids)
    assert len(re.findall(r'\bid="famille-autres"', html)) == 1


def test_an_online_only_event_with_a_location_is_refused_at_the_location_line(site_copy, capsys, tmp_path):
    text = "title: Visio\nstart: 2027-02-03 10:00\nonline: https://visio.example.org/a\nonline_only: true\nlocation: La cour\n"
    (site_copy / "data/events/zz.yaml").write_text(text, "utf-8")
    assert refused(site_copy, capsys, tmp_path) == [
        "data/events/zz.yaml:5: un événement seulement en ligne n'a pas de lieu : retirez 'location' ou 'online_only'"
    ]


def test_a_cancelled_event_hides_its_video_link_and_its_rss_title_says_cancelled(site_copy, tmp_path):
    text = (
        "title: Visio\nstart: 2027-02-03 10:00\nonline: https://visio.example.org/a\n"
        "registration: https://billets.example.org/a\nstatus: cancelled\n"
    )
    (site_copy / "data/events/zz.yaml").write_text(text, "utf-8")
    output = build(site_copy, tmp_path / "out").output
    page = (output / "agenda/zz/index.html").read_text("utf-8")
    assert "Annulé." in page
    main = page.split("<main", 1)[1]
    assert "Rejoindre la visioconférence" not in main and "visio.example.org" not in main
    titles = re.findall(r"<title>([^<]*)</title>", (output / "evenements.rss.xml").read_text("utf-8"))
    assert "Visio (annulé) — mercredi 3 février 2027, 10\u00a0h – 11\u00a0h" in titles


def test_an_online_only_event_without_location_says_online_not_the_venue(site_copy, tmp_path):
    text = "title: Visio\nstart: 2027-02-03 10:00\nonline: https://visio.example.org/a\nonline_only: true\n"
    (site_copy / "data/events/zz.yaml").write_text(text, "utf-8")
    output = build(site_copy, tmp_path / "out").output
    page = (output / "agenda/zz/index.html").read_text("utf-8")
    assert '<dd class="p-location">En ligne</dd>' in page
    (vevent,) = Calendar.from_ical((output / "agenda/zz/zz.ics").read_bytes()).walk("VEVENT")
    assert str(vevent["LOCATION"]) == "En ligne" and "GEO" not in vevent


def test_a_family_written_autres_talents_is_the_built_in_group_not_a_second_one(site_copy, tmp_path):
    """Trial 8: « kind: Autres talents » made two groups « Autres talents » (ids famille-autres-talents and -2)."""
    pepites = sorted((site_copy / "data/pepites").glob("*.yaml"))
    text = pepites[0].read_text("utf-8")
    kept = "\n".join(line for line in text.splitlines() if not line.startswith("kind:"))
    pepites[0].write_text(kept + "\nkind: Autres talents\n")
    pepites[1].write_text(
        "\n".join(line for line in pepites[1].read_text("utf-8").splitlines() if not line.startswith("kind:")) + "\n"
    )
    html = (build(site_copy, tmp_path / "out").output / "pepites/index.html").read_text("utf-8")
    ids = re.findall(r'<h2 id="([^"]+)">([^<]+)</h2>', html)
    assert [found for found in ids if "Autres" in found[1]] == [("famille-autres-talents", "Autres talents")]
    section = html.split('id="famille-autres-talents"')[1].split("<h2")[0]
    for pepite in pepites[:2]:  # the one written « Autres talents » and the one without a kind, together
        name = re.search(r"^name: (.*)$", pepite.read_text("utf-8"), re.M).group(1).strip("\"'")
        assert html_escape(name) in section
