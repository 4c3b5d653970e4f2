"""Articles' dates and summaries as editors write them: read in the site's time zone, in full, in order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import feedparser
from conftest import build, check_both, write_files

from pelican.plugins.tierslieu.content_dates import to_site_timezone

NEW_YEAR = """\
Title: Bonne année
Date: 2025-12-31T23:30:00Z
Modified: 2026-01-01T08:00:00+05:00
Slug: bonne-annee
Summary: Les vœux.

Texte.
"""


def test_a_date_with_an_offset_is_shown_filed_and_fed_in_the_site_time_zone(site_copy, tmp_path):
    # 23:30 UTC on 31 December is 00:30 on 1 January 2026 in Paris (TIMEZONE): the page, the archive,
    # the feed and the sitemap all say the Paris day, as for events and for dates written without an offset.
    write_files(site_copy, {"content/bonne-annee.md": NEW_YEAR})
    output = tmp_path / "output"
    build(site_copy, output)
    assert not (output / "actualites/2025").exists()
    page = (output / "actualites/2026/bonne-annee/index.html").read_text(encoding="utf-8")
    assert '<time class="dt-published" datetime="2026-01-01T00:30:00+01:00">jeudi 1er janvier 2026</time>' in page
    assert "31 décembre" not in page
    listing = (output / "actualites/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-01-01T00:30:00+01:00">jeudi 1er janvier 2026</time>' in listing
    feed = feedparser.parse((output / "actualites.rss.xml").read_bytes())
    entry = next(item for item in feed.entries if item.title == "Bonne année")
    assert entry.link == "https://grange.example.org/actualites/2026/bonne-annee/"
    assert entry.published == "Thu, 01 Jan 2026 00:30:00 +0100"
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/actualites/2026/bonne-annee/" in sitemap and "/actualites/2025/" not in sitemap


def test_the_modified_date_with_an_offset_is_in_the_site_time_zone_too():
    class Read:  # what Pelican's Content holds after its __init__
        def __init__(self, date, modified, zone):
            self.date, self.modified, self.timezone = date, modified, zone
            self.metadata = {"date": date, "modified": modified}
            self.date_format = "%Y-%m-%d"
            self.locale_date, self.locale_modified = date.strftime("%Y-%m-%d"), modified.strftime("%Y-%m-%d")

    paris = ZoneInfo("Europe/Paris")
    item = Read(
        datetime(2025, 12, 31, 23, 30, tzinfo=UTC),
        datetime(2026, 1, 1, 2, 0, tzinfo=timezone(timedelta(hours=5))),
        paris,
    )
    to_site_timezone(item)
    assert item.date == datetime(2026, 1, 1, 0, 30, tzinfo=paris) and item.date.tzinfo is paris
    assert item.modified == datetime(2025, 12, 31, 22, 0, tzinfo=paris) and item.modified.tzinfo is paris
    assert item.metadata == {"date": item.date, "modified": item.modified}
    assert (item.locale_date, item.locale_modified) == ("2026-01-01", "2025-12-31")


def test_a_summary_on_two_lines_is_whole_everywhere(site_copy, tmp_path):
    # Python-Markdown's meta extension reads an indented line as the rest of the header above it.
    write_files(
        site_copy,
        {
            "content/deux-lignes.md": (
                "Title: Deux lignes\nDate: 2026-10-20 10:00\nSummary: première ligne\n    suite indentée\n\nTexte.\n"
            )
        },
    )
    output = tmp_path / "output"
    build(site_copy, output)
    page = (output / "actualites/2026/deux-lignes/index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="première ligne suite indentée">' in page
    listing = (output / "actualites/index.html").read_text(encoding="utf-8")
    assert '<div class="summary"><p>première ligne suite indentée</p></div>' in listing
    feed = feedparser.parse((output / "actualites.rss.xml").read_bytes())
    entry = next(item for item in feed.entries if item.title == "Deux lignes")
    assert entry.summary == "<p>première ligne suite indentée</p>"


def check(site, capsys) -> tuple[int, list[str]]:
    """Run `invoke check` on ``site`` with both settings files; return its status and its advice lines."""
    status = check_both(site)
    return status, capsys.readouterr().out.replace(f"{site}/", "").splitlines()


def test_a_modified_date_before_the_date_is_advised_at_its_line(site_copy, capsys):
    write_files(
        site_copy,
        {
            "content/a-l-envers.md": "Title: À l'envers\nDate: 2026-11-01\nModified: 2025-01-01\n\nTexte.\n",
            # The same moment, or an update written in another offset but later, is not advised.
            "content/a-l-heure.md": (
                "Title: À l'heure\nDate: 2026-10-01 10:00\nModified: 2026-10-01T09:30:00Z\n\nTexte.\n"
            ),
            # 08:30 UTC is 10:30 in Paris: before the 11:00 of Date.
            "content/decale.md": "Title: Décalé\nDate: 2026-10-01 11:00\nModified: 2026-10-01T08:30:00Z\n\nTexte.\n",
        },
    )
    status, out = check(site_copy, capsys)
    assert status == 0
    assert (
        "content/a-l-envers.md:3: attention : 'Modified' (2025-01-01) est avant 'Date' (2026-11-01) : "
        "la date de mise à jour est ignorée ; corrigez l'une des deux"
    ) in out
    assert (
        "content/decale.md:3: attention : 'Modified' (2026-10-01T08:30:00Z) est avant 'Date' (2026-10-01 11:00) : "
        "la date de mise à jour est ignorée ; corrigez l'une des deux"
    ) in out
    assert not [line for line in out if "a-l-heure" in line]
