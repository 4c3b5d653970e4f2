"""The demo's network: five venues of the Parc's villages, built offline, the same bytes twice, the times clients read.

The demo's feeds (network-feeds/) stand for the origins the issue names:
Gancio (UTC), Google (X-WR-TIMEZONE), a weekly series with EXDATE and a
cancelled RECURRENCE-ID (The Events Calendar), floating times, and a feed
made by this kit (La Grange de Bazoches) read back.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT, build, require_tool, snapshot

PARIS = ZoneInfo("Europe/Paris")
TODAY, UNTIL = date(2026, 11, 24), date(2027, 2, 24)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo site built twice, offline, into two folders."""
    folder = tmp_path_factory.mktemp("demo")
    sites = []
    for name in ("first", "second"):
        sites.append(build(ROOT, folder / name, SITEURL="https://coworkingjp.example.org"))
    return sites


def network_files(site) -> dict[str, bytes]:
    return {name: data for name, data in snapshot(site.output).items() if name.startswith("reseau")}


def test_the_demo_network_builds_offline_the_same_bytes_twice(demo):
    first, second = demo
    assert sorted(network_files(first)) == [
        "reseau.ics",
        "reseau.json",
        "reseau/agenda/index.html",
        "reseau/index.html",
    ]
    assert network_files(first) == network_files(second)


def test_the_network_s_fair_is_shown_once_naming_every_source(demo):
    agenda = demo[0].raw("reseau/agenda/index.html")
    assert agenda.count(">Rencontre des tiers-lieux du réseau</a>") == 1
    line = agenda.split(">Rencontre des tiers-lieux du réseau</a>")[1].split("</li>")[0]
    names = re.findall(r'#([a-z-]+)">', line)
    assert line.split("annoncé par ")[1].startswith("CoworkingJP, ")
    assert names == ["la-fabrique-des-essarts", "la-grange-de-bazoches", "le-moulin-partage"]
    places = json.loads(demo[0].raw("reseau.json"))
    assert len(places) == 5 and all(place["@type"] == "Place" for place in places)


def test_a_cancelled_date_is_marked_not_dropped(demo):
    agenda = demo[0].read("reseau/agenda/index.html")
    day = agenda.split("Mercredi 9 décembre 2026")[1].split("</section>")[0]
    assert "Tricot-café du mercredi" in day and "annulé" in day
    assert "Mercredi 23 décembre 2026" not in agenda  # an EXDATE: no such date


def _icaljs_starts(path) -> set:
    """Return the starts ical.js reads in a feed (floating times in Paris, the venues' zone)."""
    script = ROOT / "tests" / "js" / "icaljs_dump.js"
    result = subprocess.run(
        ["node", str(script), str(path), "2027-02-25"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "TZ": "Europe/Paris"},
        cwd=ROOT,
    )
    starts = set()
    for event in json.loads(result.stdout)["events"]:
        for start, _end in event["occurrences"]:
            value = (
                date.fromisoformat(start) if len(start) == 10 else datetime.fromisoformat(start.replace("Z", "+00:00"))
            )
            day = (
                value if isinstance(value, date) and not isinstance(value, datetime) else value.astimezone(PARIS).date()
            )
            if TODAY <= day <= UNTIL:
                starts.add(value)
    return starts


def test_the_page_shows_the_local_times_ical_js_reads(demo):
    require_tool(shutil.which("node") is not None, "node")
    agenda = demo[0].raw("reseau/agenda/index.html")
    shown = set()
    for text in re.findall(r'<time class="when dt-start" datetime="([^"]+)"', agenda):
        value = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        day = value if not isinstance(value, datetime) else value.astimezone(PARIS).date()
        if day >= TODAY:
            shown.add(value)
    expected = set().union(*(_icaljs_starts(path) for path in sorted((ROOT / "network-feeds").glob("*.ics"))))
    assert shown == expected


def test_the_network_pages_are_valid_html(demo):
    require_tool(shutil.which("java") is not None, "Java (for the Nu HTML checker)")
    vnu = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    names = ["reseau/index.html", "reseau/agenda/index.html", "index.html", "le-lieu/index.html"]
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(vnu),
            "--format",
            "json",
            "--errors-only",
            *(str(demo[0].output / name) for name in names),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(result.stderr or '{"messages": []}')["messages"] == []


def test_the_network_pages_carry_place_json_ld_and_the_venue_names_the_network(demo):
    page = demo[0].raw("reseau/index.html")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert [place["@type"] for place in data] == ["Place"] * 5
    assert "Agenda lu à chaque mise à jour du site." in page
    venue = demo[0].read("le-lieu/index.html")
    assert "fait partie du réseau des tiers-lieux du Parc naturel régional de la Haute Vallée de Chevreuse" in venue
