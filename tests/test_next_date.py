"""The next date of an event is its earliest upcoming occurrence by start (site.Event.next_occurrence).

A ``moved:`` date may move before the series' first date: the page, its JSON-LD and the events RSS say it first.
"""

from __future__ import annotations

import re

from conftest import build, json_ld, write_files

EVENT = """\
    title: A2 série reportée
    start: 2026-12-21 18:00
    end: 2026-12-21 19:00
    category: Rencontre
    repeat: {freq: weekly, byday: [mo], count: 4, moved: {2026-12-28: 2026-12-19 18:00}}
    """


def test_a_date_moved_before_the_first_is_the_next_date_everywhere(site_copy, tmp_path):
    write_files(site_copy, {"data/events/2026-12-21-a2-serie-reportee.yaml": EVENT})
    out = build(site_copy, tmp_path / "out")
    page = (out.output / "agenda/2026-12-21-a2-serie-reportee/index.html").read_text("utf-8").replace("\u00a0", " ")
    assert re.search(r"Prochaine date : <time[^>]*>samedi 19 décembre 2026", page)
    dates = page[page.index('id="dates"') : page.index("</section>", page.index('id="dates"'))]
    assert re.findall(r'<time class="when" datetime="([^"]+)"', dates) == [
        "2026-12-21T18:00:00+01:00",
        "2027-01-04T18:00:00+01:00",
        "2027-01-11T18:00:00+01:00",
    ]
    assert json_ld(page)["startDate"].startswith("2026-12-19T18:00")
    rss = (out.output / "evenements.rss.xml").read_text("utf-8")
    item = next(item for item in rss.split("<item>")[1:] if "A2 série reportée" in item)
    title = re.search(r"<title>(.*?)</title>", item).group(1).replace("\u00a0", " ")
    assert "samedi 19 décembre 2026" in title and "déplacé, au lieu du lundi 28 décembre 2026" in title
