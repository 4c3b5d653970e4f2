"""Hostile text in every text field of every data kind is shown as text: never run, never a new property.

Each example writes a small venue (one venue, one pépite, one event, one
article) whose every text field holds a hostile string, builds it in the
test process and reads every output back as a browser, a calendar and a
feed reader would. Examples per run: the Hypothesis profile (conftest.py).
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import lxml.html
import pytest
import yaml
from conftest import BUILD_DATE, BUILD_PHASES, ROOT, SITEURL, build
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from pelican.settings import DEFAULT_CONFIG, read_settings
from pelican.utils import slugify
from pydantic_core import PydanticCustomError

from pelican.plugins.tierslieu.content_images import plain_images
from pelican.plugins.tierslieu.editors.checking import run_check
from pelican.plugins.tierslieu.model.errors import DataErrors
from pelican.plugins.tierslieu.model.groupings import parse_grouping
from pelican.plugins.tierslieu.model.texts import BIDI, clean_text, drop_invisible, hidden_character
from pelican.plugins.tierslieu.model.titles import invisible_only, markup_only

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)' x='",
    "</script><script>alert(1)</script>",
    "javascript:alert(1)",
    "[lien](javascript:alert(1))",
    "<a href='javascript:alert(1)'>clic</a>",
    "<svg onload=alert(1)>",
    "<!--",
    "]]>",
    "<![CDATA[x]]>",
    "{{ 7*7 }}",
    "{% raw %}",
    "{# commentaire",
    "${7*7}",
    "\nDTSTART:19700101T000000Z",
    "\nEND:VEVENT",
    "\r\nEND:VCALENDAR\r\n",
    "\rX-INJECTED:1",
    "\u2028",
    "\u2029",
    "\x85",
    "a\u0301\u0302\u0303\u0304\u0305",
    "\u202eevil\u202c",
    "\u200f\u200e",
    "\ufeff",
    "\x00",
    "\x1b[31m",
    "\t",
    "&amp; &lt;b&gt; &#x3C;",
    "\\n \\, \\;",
    ";,:",
    " « oui » : non ? ",
    "x" * 3000,
    "🎉" * 50,
]


def expected(value: str) -> str:
    """Return a plain text as the site reads it: control characters dropped, ends trimmed."""
    return clean_text(value).strip()


CHARS = st.characters(codec="utf-8")
piece = st.one_of(st.sampled_from(HOSTILE), st.text(alphabet=CHARS, max_size=12))
text = st.lists(piece, min_size=1, max_size=3).map("".join)
# A required field must keep some text once control characters and spaces are gone.
required = text.filter(lambda value: clean_text(value).strip())
# An article's metadata is one line of its file (its control characters and bidirectional overrides are
# refused: content_check.py).
one_line = required.map(lambda value: " ".join(re.sub(f"[{BIDI}]", "", clean_text(value)).split())).filter(bool)


def addressable(value: str) -> bool:
    """Tell whether a grouping can become an address: not too long (groupings.py), a slug with a letter or a digit."""
    try:
        parse_grouping(value)
    except PydanticCustomError:
        return False
    return any(char.isalnum() for char in slugify(value, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]))


# An article's Summary is Markdown: an image by a plain path in it (« <img src=x> ») is refused (content_images.py).
summary_line = one_line.filter(lambda value: not plain_images([f"Summary: {value}"], "content/a.md", "a.md", "content"))


# A grouping (kind, category, tag) becomes an address; Pelican splits an article's tags at commas or semicolons.
grouping = required.map(lambda value: expected(value)[:80].strip()).filter(addressable)
article_tag = one_line.map(lambda value: re.sub("[,;]", " ", value)[:80].strip()).filter(addressable)

VENUE = ("name", "tagline", "description", "street", "postal_code", "city", "country", "phone")
VENUE += ("amenity", "accessibility", "access", "link", "partner", "offer", "unit", "offer_text", "reason")
VENUE += ("publisher", "director", "host")
PEPITE = ("name", "trade", "kind", "summary", "bio", "tag", "link")
EVENT = ("title", "category", "summary", "description", "location", "price")
ARTICLE = ("title", "summary", "tag", "category")


def as_yaml_reads(value: str) -> str:
    """Return a text as YAML reads it back once written by PyYAML (a raw U+0085 is a line break, read as a space)."""
    return yaml.safe_load(yaml.safe_dump(value, allow_unicode=True))


def readable(value: str) -> str:
    """Return a text a data file accepts, as the site reads it: no invisible characters, NFC."""
    return unicodedata.normalize("NFC", drop_invisible(value))


def on_one_line(value: str) -> str:
    """Return a text with its line breaks made spaces."""
    return re.sub(r"\r\n?|\n", " ", value)


def fields(
    names: tuple[str, ...], in_yaml: bool = True, lines: tuple[str, ...] = (), **special
) -> st.SearchStrategy[dict[str, str]]:
    """Return a strategy of one hostile text per field name (as a data file reads it, if ``in_yaml``).

    The fields named in ``lines`` are kept on one line: a line break there is refused (test_input.LIE_CASES).
    """
    chosen = {name: special.get(name, required) for name in names}
    if in_yaml:
        # Invisible characters are refused in data files (test_input.CONTROL_CASES), and texts read as NFC.
        chosen = {name: strategy.map(readable).map(as_yaml_reads).filter(expected) for name, strategy in chosen.items()}
    chosen = {
        name: strategy.map(on_one_line).filter(expected) if name in lines else strategy
        for name, strategy in chosen.items()
    }
    # A title or a name made only of tags, or of invisible characters, is refused (model/titles.py): it has words.
    chosen = {
        name: strategy.filter(lambda value: not markup_only(expected(value)) and not invisible_only(expected(value)))
        if name in ("title", "name")
        else strategy
        for name, strategy in chosen.items()
    }
    # A name, a one-line text or the legal host holds no character shown as nothing, and is not made of them only
    # (soft hyphen, zero-width space…: test_hidden_characters, test_hidden_lines).
    chosen = {
        name: strategy.filter(
            lambda value: not hidden_character(expected(value)) and not invisible_only(expected(value))
        )
        if name in NAMES or name in lines or name == "host"
        else strategy
        for name, strategy in chosen.items()
    }
    return st.fixed_dictionaries(chosen)


NAMES = ("title", "name", "partner", "offer", "tag")


sources = st.fixed_dictionaries(
    {
        "venue": fields(
            VENUE,
            lines=tuple(set(VENUE) - {"description", "accessibility", "access", "offer_text", "host"}),
            # A phone number is digits and separators (test_trial_data: anything else is refused).
            phone=st.from_regex(r"\+?[0-9 .()-]{0,6}[0-9]{6}[0-9 .()-]{0,6}", fullmatch=True),
        ),
        "pepite": fields(PEPITE, lines=("name", "trade", "summary", "tag", "link"), kind=grouping),
        "event": fields(EVENT, lines=("title", "summary", "location", "price"), category=grouping),
        "article": fields(
            ARTICLE, in_yaml=False, title=one_line, summary=summary_line, tag=article_tag, category=article_tag
        ),
    }
)


def squeezed(value: str) -> str:
    """Return a text without its spaces (typography and HTML change spaces, never the rest)."""
    return re.sub(r"\s+", "", value)


def write_site(base: Path, texts: dict) -> Path:
    """Write the venue of one example under ``base``."""
    venue, pepite, event, article = texts["venue"], texts["pepite"], texts["event"], texts["article"]
    files = {
        "data/venue.yaml": {
            "name": venue["name"],
            "tagline": venue["tagline"],
            "description": venue["description"],
            "address": {
                "street": venue["street"],
                "postal_code": venue["postal_code"],
                "city": venue["city"],
                "country": venue["country"],
            },
            "phone": venue["phone"],
            "hours": [{"days": ["mo"], "opens": "09:00", "closes": "18:00"}],
            "closures": [{"start": "2027-02-01", "end": "2027-02-02", "reason": venue["reason"]}],
            "offers": [
                {"name": venue["offer"], "price": 15, "unit": venue["unit"], "description": venue["offer_text"]}
            ],
            "amenities": [venue["amenity"]],
            "accessibility": venue["accessibility"],
            "access": venue["access"],
            "links": [{"label": venue["link"], "url": "https://lien.example.org"}],
            "partners": [{"name": venue["partner"], "url": "https://partenaire.example.org"}],
            "legal": {"publisher": venue["publisher"], "director": venue["director"], "host": venue["host"]},
        },
        "data/pepites/p.yaml": {
            "name": pepite["name"],
            "trade": pepite["trade"],
            "kind": pepite["kind"],
            "summary": pepite["summary"],
            "bio": pepite["bio"],
            "tags": [pepite["tag"]],
            "links": [{"label": pepite["link"], "url": "https://p.example.org"}],
        },
        "data/events/e.yaml": {
            "title": event["title"],
            "start": "2027-01-12 10:00",
            "end": "2027-01-12 12:00",
            "category": event["category"],
            "summary": event["summary"],
            "description": event["description"],
            "location": event["location"],
            "price": event["price"],
            "pepites": ["p"],
        },
    }
    site = base / "site"
    for name, data in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (site / "content").mkdir()
    (site / "content" / "a.md").write_text(
        f"Title: {article['title']}\nDate: 2026-10-01 10:00\nSlug: a\nSummary: {article['summary']}\n"
        f"Tags: {article['tag']}\nCategory: {article['category']}\n\nLe texte.\n",
        encoding="utf-8",
    )
    return site


# What a page may run: our JSON-LD, and our own scripts by address.
OUR_SCRIPTS = ("/theme/js/site.js", "/pagefind/pagefind-ui.js")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "srcset", "background"}
FORBIDDEN = {"iframe", "object", "embed", "frame", "applet"}


def executable_markup(page: Path) -> list[str]:
    """Return what a browser would run in a page: foreign scripts, event handlers, javascript: URLs."""
    return running(lxml.html.document_fromstring(page.read_bytes()))


def running(root) -> list[str]:
    """Return what a browser would run in a parsed HTML tree."""
    found = []
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "script":
            if element.get("type") == "application/ld+json":
                json.loads(element.text or "")  # never broken by what the text holds
            elif not (element.get("src", "").endswith(OUR_SCRIPTS) and not (element.text or "").strip()):
                found.append(f"<script> {lxml.html.tostring(element)[:80]!r}")
        if tag in FORBIDDEN or (tag == "base" and dict(element.attrib) != {"target": "_top"}):
            found.append(f"<{tag}>")  # the embeddable agenda's <base target="_top"> is ours
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append(f"attribut {name}")
            plain = re.sub(r"[\x00-\x20]", "", value).lower()
            if name.lower() in URL_ATTRIBUTES and plain.startswith(("javascript:", "vbscript:", "data:text/html")):
                found.append(f"{name}={value[:40]!r}")
    return found


def as_html(text: str):
    """Parse a feed's text as a reader renders it: HTML."""
    return lxml.html.fragment_fromstring(text or "", create_parent="div")


def json_ld_objects(page: Path) -> list[dict]:
    """Return every JSON-LD object of a page."""
    root = lxml.html.document_fromstring(page.read_bytes())
    return [json.loads(script.text) for script in root.iter("script") if script.get("type") == "application/ld+json"]


def vevents(path: Path) -> list:
    """Return the VEVENTs of a calendar file, parsed by icalendar."""
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


EVENT_PROPERTIES = ["CATEGORIES", "DESCRIPTION", "DTEND", "DTSTAMP", "DTSTART", "LAST-MODIFIED", "LOCATION"]
EVENT_PROPERTIES += ["SEQUENCE", "STATUS", "SUMMARY", "UID", "URL"]


def check_calendars(output: Path, event: dict) -> None:
    """Every feed holds the one event, with its text as written and no property more."""
    feeds = sorted(str(path.relative_to(output)) for path in output.rglob("*.ics"))
    assert len(feeds) == 4, feeds  # the whole agenda, the category's, the pépite's, the event's
    for feed in feeds:
        found = vevents(output / feed)
        assert [str(vevent["UID"]) for vevent in found] == ["e@grange.example.org"], feed
        vevent = found[0]
        assert sorted(vevent.keys()) == EVENT_PROPERTIES, feed
        # Plain-text fields as typed, tags and all: a calendar shows text, never HTML.
        assert str(vevent["SUMMARY"]) == expected(event["title"]), feed
        assert str(vevent["LOCATION"]).startswith(expected(event["location"])), feed
        assert [str(category) for category in vevent["CATEGORIES"].cats] == [expected(event["category"])], feed
        assert vevent.decoded("DTSTART").isoformat() == "2027-01-12T10:00:00+01:00", feed


def check_feeds(output: Path, event: dict, article: dict) -> None:
    """Both RSS feeds parse cleanly; titles are the plain text as written; a description runs nothing."""
    titles = (
        ("evenements.rss.xml", expected(event["title"]) + " — "),
        ("actualites.rss.xml", article["title"]),
    )
    for feed, title in titles:
        parsed = feedparser.parse((output / feed).read_bytes())
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
        items = ElementTree.fromstring((output / feed).read_bytes()).findall("channel/item")
        assert len(items) == len(parsed.entries) == 1, feed
        assert items[0].findtext("title").startswith(title), feed
        assert running(as_html(items[0].findtext("description"))) == [], feed


def check_pages(output: Path, texts: dict) -> None:
    """No page runs anything of the data; titles read as written; JSON-LD holds the text as written."""
    for page in sorted(output.rglob("*.html")):
        found = executable_markup(page)
        assert found == [], f"{page.relative_to(output)}: {found}"
    event_page = lxml.html.document_fromstring((output / "agenda/e/index.html").read_bytes())
    assert squeezed(event_page.find(".//h1").text_content()) == squeezed(expected(texts["event"]["title"]))
    (event_ld,) = json_ld_objects(output / "agenda/e/index.html")
    assert event_ld["name"] == expected(texts["event"]["title"])
    assert event_ld["location"]["name"] == expected(texts["event"]["location"])
    (venue_ld,) = json_ld_objects(output / "le-lieu/index.html")
    assert venue_ld["name"] == expected(texts["venue"]["name"])
    assert venue_ld["address"]["streetAddress"] == expected(texts["venue"]["street"])
    article_page = lxml.html.document_fromstring((output / "actualites/2026/a/index.html").read_bytes())
    assert squeezed(article_page.find(".//h1").text_content()) == squeezed(texts["article"]["title"])


@settings(phases=BUILD_PHASES)
@given(texts=sources)
def test_hostile_text_is_shown_never_run(texts):
    with tempfile.TemporaryDirectory() as folder:
        site = write_site(Path(folder), texts)
        output = Path(folder) / "output"
        build(site, output, siteurl=SITEURL, TIERSLIEU_SEARCH=False)
        check_pages(output, texts)
        check_calendars(output, texts["event"])
        check_feeds(output, texts["event"], texts["article"])


def plain_site(base: Path, **changes: dict) -> Path:
    """Write the venue of one example with plain text everywhere, but the fields in ``changes``."""
    texts = {kind: dict.fromkeys(names, "Texte") for kind, names in KINDS.items()}
    texts["venue"]["phone"] = "01 99 00 27 60"
    for kind, values in changes.items():
        texts[kind].update(values)
    return write_site(base, texts)


KINDS = {"venue": VENUE, "pepite": PEPITE, "event": EVENT, "article": ARTICLE}
DATE = {"TIERSLIEU_BUILD_DATE": BUILD_DATE}


def test_a_calendar_name_is_escaped_as_text(tmp_path):
    site = plain_site(tmp_path, venue={"name": "La Grange END:VCALENDAR ; d'Essai, 2"})
    build(site, tmp_path / "output", TIERSLIEU_SEARCH=False)
    raw = (tmp_path / "output" / "agenda.ics").read_bytes()
    name = "La Grange END:VCALENDAR \\; d'Essai\\, 2 — Agenda".encode()
    assert b"\r\nNAME:" + name + b"\r\n" in raw
    assert b"\r\nX-WR-CALNAME:" + name + b"\r\n" in raw
    unfolded = raw.replace(b"\r\n ", b"")
    assert b"\r\nX-WR-CALDESC:Les \xc3\xa9v\xc3\xa9nements de La Grange END:VCALENDAR \\; d'Essai\\, 2 :" in unfolded
    assert [str(vevent["UID"]) for vevent in vevents(tmp_path / "output" / "agenda.ics")] == ["e@grange.example.org"]


def test_a_byte_order_mark_inside_a_text_is_dropped(tmp_path):
    site = plain_site(tmp_path, event={"location": "\ufeff", "title": "Atelier\ufeff bois"})
    build(site, tmp_path / "output", TIERSLIEU_SEARCH=False)
    (vevent,) = vevents(tmp_path / "output" / "agenda/e/e.ics")
    assert str(vevent["SUMMARY"]) == "Atelier bois"
    assert str(vevent["LOCATION"]) == "Texte, Texte, Texte Texte"  # no location: the venue's address
    (event_ld,) = json_ld_objects(tmp_path / "output" / "agenda/e/index.html")
    assert event_ld["name"] == "Atelier bois"


LONG = "Ateliers " * 10


@pytest.mark.parametrize(
    ("file", "text", "line", "message"),
    [
        (
            "data/events/e.yaml",
            f"title: Atelier\nstart: 2027-01-12 10:00\ncategory: {LONG}\n",
            3,
            (
                "'category' : « Ateliers Ateliers Ateliers Ate… » est trop long pour devenir une adresse du site : "
                "80 caractères au plus (moins en écriture non latine)"
            ),
        ),
        (
            "data/events/e.yaml",
            f"title: Atelier\nstart: 2027-01-12 10:00\ncategory: {'中' * 70}\n",
            3,
            (
                f"'category' : « {'中' * 30}… » est trop long pour devenir une adresse du site : "
                "80 caractères au plus (moins en écriture non latine)"
            ),
        ),
        (
            "content/a.md",
            f"Title: A\nDate: 2026-10-01\nTags: fête, {LONG}\n\nTexte.\n",
            3,
            (
                "'Tags' : « Ateliers Ateliers Ateliers Ate… » est trop long pour devenir une adresse du site : "
                "80 caractères au plus (moins en écriture non latine)"
            ),
        ),
    ],
)
def test_a_grouping_too_long_for_an_address_is_refused(site_copy, capsys, file, text, line, message):
    (site_copy / file).parent.mkdir(parents=True, exist_ok=True)
    (site_copy / file).write_text(text, encoding="utf-8")
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(site_copy / "content"), "DATA_PATH": str(site_copy / "data"), **DATE},
    )
    capsys.readouterr()
    assert run_check(settings) == 1
    problems = capsys.readouterr().err.replace(f"{site_copy}/", "").splitlines()
    assert f"{file}:{line}: {message}" in problems
    with pytest.raises(DataErrors) as refused:
        build(site_copy, site_copy / "output")
    refusals = [f"{error.path}:{error.line}: {error.message}" for error in refused.value.errors]
    assert f"{site_copy}/{file}:{line}: {message}" in refusals or f"{file}:{line}: {message}" in refusals


def test_the_events_feed_carries_no_markup_from_plain_text(tmp_path):
    hostile = "<img src=x onerror=alert(1)> <script>alert(2)</script>"
    site = plain_site(tmp_path, event={"summary": hostile, "price": hostile, "location": hostile})
    build(site, tmp_path / "output", TIERSLIEU_SEARCH=False)
    (item,) = ElementTree.parse(tmp_path / "output" / "evenements.rss.xml").findall("channel/item")
    shown = as_html(item.findtext("description"))
    assert {element.tag for element in shown.iterdescendants()} <= {"p", "br"}  # the feed's own layout
    # Every plain-text field is text, never markup: the place as typed; the summary and the price, the
    # calendar's DESCRIPTION too, with what reads as a tag shown « ‹b› » (its words kept: markup.untagged).
    untagged = "‹img src=x onerror=alert(1)› ‹script›alert(2)‹/script›"
    assert shown.text_content() == (
        f"mardi 12 janvier 2027, 10\xa0h – 12\xa0h\n{hostile}\n{untagged}\nTexte\nTarif : {untagged}"
    )


TITLES = ["Café & <thé>", "Atelier <débutants>", "Atelier ‹débutants>", "A &amp; B", "<b>Gras</b> & co"]


@pytest.mark.parametrize("title", TITLES)
def test_a_title_reads_back_as_typed_from_both_feeds(tmp_path, title):
    site = plain_site(tmp_path, article={"title": title}, event={"title": title})
    build(site, tmp_path / "output", TIERSLIEU_SEARCH=False)
    (news,) = feedparser.parse((tmp_path / "output" / "actualites.rss.xml").read_bytes()).entries
    (event,) = feedparser.parse((tmp_path / "output" / "evenements.rss.xml").read_bytes()).entries
    assert news.title == title
    assert event.title == f"{title} — mardi 12 janvier 2027, 10\xa0h – 12\xa0h"
    (vevent,) = vevents(tmp_path / "output" / "agenda.ics")
    assert str(vevent["SUMMARY"]) == title
    for page in ("actualites/2026/a/index.html", "agenda/e/index.html"):
        root = lxml.html.document_fromstring((tmp_path / "output" / page).read_bytes())
        assert root.find(".//h1").text_content().replace("\u202f", " ").replace("\xa0", " ") == title, page
        assert root.find(".//title").text_content().startswith(title + " — "), page
