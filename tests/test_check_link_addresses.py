"""`invoke check`'s broken links (editors/links.py) read the addresses the build writes (editors/addresses.py).

Every file of the output plan, the sitemap and Pelican's outputs are known (no false alarm on
/agenda.ics, /robots.txt…); an article Pelican holds back (a draft, or one dated after the build)
is not published: a link to its address is told, with why.
"""

from __future__ import annotations

import datetime
import shutil
import types

import pelican.contents
import pytest
from conftest import ROOT, write_files
from pelican.settings import read_settings
from test_trial_data import SETTINGS_FILES

from pelican.plugins.tierslieu.editors.checking import run_check

SITE = "https://coworkingjp.example.org"
EXISTING = (
    "/agenda.ics",
    "/agenda.json",
    "/reseau.ics",
    "/evenements.rss.xml",
    "/agenda/categorie/atelier.ics",
    "/pepites/helene-lefevre/agenda.ics",
    "/sitemap.xml",
    "/robots.txt",
    "/404.html",
    "/agenda/integrer/",
)
HELD_BACK = {
    "content/brouillon-x.md": """\
        Title: Brouillon X
        Date: 2026-11-10 10:00
        Slug: brouillon-x
        Status: draft

        Pas prêt.
        """,
    "content/futur-proche.md": """\
        Title: Futur proche
        Date: 2026-12-25 10:00
        Slug: futur-proche

        Bientôt.
        """,
}


class _Clock(datetime.datetime):
    """Pelican's clock on the build date, so that 2026-12-25 stays ahead of it (pelican.contents.Article)."""

    @classmethod
    def now(cls, tz=None):
        return datetime.datetime(2026, 11, 30, 12, 0, tzinfo=tz)


@pytest.fixture
def demo_copy(tmp_path):
    """A copy of the demo's data/ and content/ (its network read from the project's network-feeds/)."""
    for name in ("data", "content"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def frozen_pelican(monkeypatch):
    monkeypatch.setattr(pelican.contents, "datetime", types.SimpleNamespace(datetime=_Clock, UTC=datetime.UTC))


def _description(links: list[str]) -> str:
    body = "".join(f"  [{index}]({link})\n" for index, link in enumerate(links))
    return f"title: Liens\nstart: 2027-02-03 10:00\ndescription: |\n{body}"


def test_files_the_build_writes_are_not_called_broken_in_any_form(demo_copy, capsys):
    links = [f"{SITE}{path}" for path in EXISTING] + list(EXISTING)
    write_files(demo_copy, {"data/events/zz.yaml": _description(links)})
    relative = " ".join(f"[{index}](../../..{path})" for index, path in enumerate(EXISTING))
    write_files(demo_copy, {"content/zz.md": f"Title: Z\nDate: 2026-10-05 10:00\n\n{relative}\n"})
    assert _advice(demo_copy, capsys) == []


def test_links_to_a_draft_and_a_scheduled_article_are_told_why(demo_copy, capsys, frozen_pelican):
    write_files(demo_copy, HELD_BACK)
    write_files(demo_copy, {"data/events/zz.yaml": _description([f"{SITE}/actualites/2026/brouillon-x/"])})
    write_files(
        demo_copy,
        {"content/zz.md": "Title: Z\nDate: 2026-10-05 10:00\n\n[futur](../../../actualites/2026/futur-proche/)\n"},
    )
    assert _advice(demo_copy, capsys) == [
        (
            "content/zz.md:4: attention : lien vers « ../../../actualites/2026/futur-proche/ », une actualité pas encore "
            "publiée (programmée pour le 2026-12-25 10:00) : le lien serait cassé"
        ),
        (
            f"data/events/zz.yaml:4: attention : lien vers « {SITE}/actualites/2026/brouillon-x/ », une actualité pas "
            "encore publiée (brouillon) : le lien serait cassé"
        ),
    ]


def _advice(site, capsys) -> list[str]:
    """Run `invoke check` with both settings files as they are (their own SITEURL); return its link advice."""
    override = {"PATH": str(site / "content"), "DATA_PATH": str(site / "data"), "TIERSLIEU_BUILD_DATE": "2026-11-30"}
    capsys.readouterr()
    status = run_check([read_settings(str(ROOT / name), override=override) for name in SETTINGS_FILES])
    assert status == 0
    lines = [line.replace(f"{site}/", "") for line in capsys.readouterr().out.splitlines()]
    return sorted(line for line in lines if "attention : lien" in line)


OTHER_SPELLINGS = (
    "https://coworkingjp.example.org:443{path}",
    "http://coworkingjp.example.org{path}",
    "https://coworkingjp.example.org/{path}",
    "HTTP://CoworkingJP.example.org:80{path}",
)


def test_the_sites_address_in_other_spellings_is_checked_as_the_plain_form(demo_copy, capsys):
    missing = [spelling.format(path=f"/pepites/personne{n}/") for n, spelling in enumerate(OTHER_SPELLINGS, start=14)]
    existing = [spelling.format(path="/pepites/helene-lefevre/") for spelling in OTHER_SPELLINGS]
    write_files(demo_copy, {"data/events/zz.yaml": _description(missing + existing)})
    article = "".join(f"[{n}]({link})\n\n" for n, link in enumerate(missing + existing))
    write_files(demo_copy, {"content/zz.md": f"Title: Z\nDate: 2026-10-05 10:00\n\n{article}"})
    assert _advice(demo_copy, capsys) == sorted(
        [f"content/zz.md:{4 + 2 * n}: attention : lien cassé vers « {link} »" for n, link in enumerate(missing)]
        + [f"data/events/zz.yaml:{4 + n}: attention : lien cassé vers « {link} »" for n, link in enumerate(missing)]
    )


DOT_SEGMENTS = ("/./le-lieu/./", "/le-lieu/.", "/agenda/../le-lieu/", "/./agenda/./abonnement/", "/./agenda.ics")


def test_dot_segments_are_resolved_as_a_browser_does_before_a_link_is_looked_up(demo_copy, capsys):
    # RFC 3986 section 5.2.4: « /./le-lieu/./ » is « /le-lieu/ »; a « .. » above the root stays told as written.
    missing = ["/./pepites/./personne/", "/agenda/../nulle-part/", "/../le-lieu/", f"{SITE}/./pepites/../personne/"]
    links = [*DOT_SEGMENTS, *(f"{SITE}{path}" for path in DOT_SEGMENTS), *missing]
    write_files(demo_copy, {"data/events/zz.yaml": _description(links)})
    relative = [f"../../..{path}" for path in DOT_SEGMENTS] + ["./.././../../../le-lieu/./"]
    article = "".join(f"[{n}]({link})\n\n" for n, link in enumerate([*DOT_SEGMENTS, *relative, *missing]))
    write_files(demo_copy, {"content/zz.md": f"Title: Z\nDate: 2026-10-05 10:00\n\n{article}"})
    first = 4 + 2 * (len(DOT_SEGMENTS) + len(relative))
    assert _advice(demo_copy, capsys) == sorted(
        [f"content/zz.md:{first + 2 * n}: attention : lien cassé vers « {link} »" for n, link in enumerate(missing)]
        # Each at its own line of the description (from line 4), not inside an earlier one (« /agenda/../le-lieu/ »).
        + [
            f"data/events/zz.yaml:{4 + len(links) - len(missing) + n}: attention : lien cassé vers « {link} »"
            for n, link in enumerate(missing)
        ]
    )


UNRESERVED = (
    "/pepites/helene%2Dlefevre/",
    "/pepites/helene%2dlefevre/",
    "/%70epites/helene-lefevre/",
    "/agenda/%2E%2E/le-lieu/",
)


def test_percent_encoded_unreserved_characters_are_decoded_before_a_link_is_looked_up(demo_copy, capsys):
    # RFC 3986 section 2.3: « %2D » is « - »; other encodings (« %2F », « %C3%A9 ») stay as written.
    missing = ["/pepites%2Fhelene-lefevre/", "/pepites/h%C3%A9l%C3%A8ne-lefevre/", "/pepites/helene%5Flefevre/"]
    links = [*UNRESERVED, *(f"{SITE}{path}" for path in UNRESERVED), *missing]
    write_files(demo_copy, {"data/events/zz.yaml": _description(links)})
    article = "".join(f"[{n}]({link})\n\n" for n, link in enumerate(links))
    write_files(demo_copy, {"content/zz.md": f"Title: Z\nDate: 2026-10-05 10:00\n\n{article}"})
    first = len(links) - len(missing)
    assert _advice(demo_copy, capsys) == sorted(
        [
            f"content/zz.md:{4 + 2 * (first + n)}: attention : lien cassé vers « {link} »"
            for n, link in enumerate(missing)
        ]
        + [
            f"data/events/zz.yaml:{4 + first + n}: attention : lien cassé vers « {link} »"
            for n, link in enumerate(missing)
        ]
    )
