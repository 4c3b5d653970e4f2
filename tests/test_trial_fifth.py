"""A fifth attacker trial: what it found in editors' data, refused in French or made true.

A series date both cancelled and moved, a tag typed as text reaching a
calendar's DESCRIPTION, an article date whose offset Python cannot hold, a
session's category spelt unlike the events' ones, a link to another site
without its scheme, footnote links written out in calendars.
"""

from __future__ import annotations

import html

import nh3
from conftest import build
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar
from test_input import check

from pelican.plugins.tierslieu.markup import plain_text
from pelican.plugins.tierslieu.model.texts import _DROPPED, _INVISIBLE
from pelican.plugins.tierslieu.model.titles import markup_only

SERIES = (
    "title: Atelier\nstart: 2026-12-17 10:00\nrepeat:\n  freq: weekly\n  count: 4\n"
    "  except: [2026-12-24]\n  moved:\n    2026-12-24: 2026-12-26 10:00\n"
)


def test_a_date_both_cancelled_and_moved_is_refused_at_its_moved_line(site_copy, capsys):
    """The page said « déplacée au 26 » while the calendars kept only the cancellation (EXDATE)."""
    (site_copy / "data/events/zz.yaml").write_text(SERIES, encoding="utf-8")
    assert check(site_copy, capsys) == [
        (
            "data/events/zz.yaml:8: 'moved' : le 2026-12-24 est aussi dans 'except' : une date est soit annulée, "
            "soit déplacée ; retirez-la de l'une des deux listes"
        )
    ]


def test_a_tag_typed_as_text_never_reaches_a_calendar_as_a_tag(site_copy, tmp_path):
    """« &lt;script&gt; » shows as text on the page; some clients render DESCRIPTION as HTML: it reads « ‹script› »."""
    description = "&#x3C;script&#x3E;alert(4)&#x3C;/script&#x3E; &lt;img src=x onerror=alert(5)&gt; et 2 < 3"
    text = f"title: Atelier\nstart: 2027-02-03 10:00\ndescription: '{description}'\n"
    (site_copy / "data/events/zz.yaml").write_text(text, encoding="utf-8")
    output = build(site_copy, tmp_path / "out").output
    (vevent,) = Calendar.from_ical((output / "agenda/zz/zz.ics").read_bytes()).walk("VEVENT")
    shown = str(vevent["DESCRIPTION"]).split("\n\n")[0]
    assert shown == "‹script›alert(4)‹/script› ‹img src=x onerror=alert(5)› et 2 < 3"
    assert "<script" not in (output / "agenda.ics").read_text(encoding="utf-8")


def test_footnote_links_are_not_written_out_in_plain_text():
    html = (
        '<p>Note<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p><div class="footnote"><ol>'
        '<li id="fn:1"><p>Texte&#160;<a class="footnote-backref" href="#fnref:1">&#8617;</a></p></li></ol></div>'
    )
    text = plain_text(html)
    assert "#fn" not in text and "↩" not in text
    assert text.startswith("Note1") and text.endswith("Texte")


def test_an_article_date_with_an_impossible_offset_is_refused_at_its_line(site_copy, capsys):
    text = "Title: Compte rendu\nDate: 2026-10-14T10:00:00+25:00\n\nTexte.\n"
    (site_copy / "content/zz.md").write_text(text, encoding="utf-8")
    assert check(site_copy, capsys) == [
        "content/zz.md:2: date illisible « 2026-10-14T10:00:00+25:00 » : écrivez par exemple « Date: 2026-11-24 10:00 »"
    ]


def test_a_session_category_spelt_unlike_an_event_one_is_refused_at_its_line(site_copy, capsys):
    """It wrote the category's feed and page twice (« Atelier » and « atelier »), reported at internal names."""
    files = {
        "data/events/zb.yaml": (
            "title: B\nstart: 2027-02-04 10:00\nend: 2027-02-04 18:00\n"
            'sessions:\n  - start: "10:00"\n    end: "11:00"\n    title: S\n    category: atelier\n'
        ),
    }
    for name, text in files.items():
        (site_copy / name).write_text(text, encoding="utf-8")
    assert check(site_copy, capsys) == [
        (
            "data/events/zb.yaml:8: 'category' : « atelier » et « Atelier » (data/events/atelier-hebdo.yaml:5) auraient "
            "la même page : écrivez « Atelier » comme dans data/events/atelier-hebdo.yaml"
        )
    ]


def test_a_link_to_another_site_without_its_scheme_is_not_called_broken(site_copy, capsys):
    text = "title: A\nstart: 2027-02-03 10:00\ndescription: '[p](//ailleurs.example.org/x) [q](/nulle-part/)'\n"
    (site_copy / "data/events/zz.yaml").write_text(text, encoding="utf-8")
    check(site_copy, capsys)
    out = capsys.readouterr()
    assert "ailleurs.example.org" not in out.out + out.err


@given(text=st.text(alphabet=st.characters(codec="utf-8", exclude_characters="<"), max_size=40))
def test_markup_only_without_a_tag_reads_as_the_html_parser_does(text):
    """The fast path for texts without « < » (titles.markup_only) gives what nh3 gives (entities decoded)."""
    assert markup_only(text) == (not html.unescape(nh3.clean(text, tags=set())).strip())


def test_no_printable_character_is_one_a_data_file_refuses_or_drops():
    """invisible_character and drop_invisible skip printable texts (model/texts.py): safe for all of Unicode."""
    printable = [chr(code) for code in range(0x110000) if chr(code).isprintable()]
    assert [char for char in printable if _INVISIBLE.search(char) or _DROPPED.search(char)] == []
