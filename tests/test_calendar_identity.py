"""Identity and change: aliases, git history, deleted events, per-category and per-pépite feeds."""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest
from conftest import build, write_files
from icalendar import Calendar


def git(folder, *arguments, when="2026-11-01T10:00:00+01:00"):
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True, env=env)


def events_by_uid(path) -> dict:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]): e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e}


def test_renamed_event_keeps_its_uid_and_redirects(site_copy, tmp_path):
    old = site_copy / "data/events/salon-artisans.yaml"
    text = old.read_text(encoding="utf-8")
    old.unlink()
    write_files(site_copy, {"data/events/salon-des-artisans.yaml": text + "aliases: [salon-artisans]\n"})
    site = build(site_copy, tmp_path / "out")
    events = events_by_uid(tmp_path / "out/agenda.ics")
    assert "salon-artisans@grange.example.org" in events
    assert str(events["salon-artisans@grange.example.org"]["URL"]).endswith("/agenda/salon-des-artisans/")
    redirect = site.read("agenda/salon-artisans/index.html")
    assert 'http-equiv="refresh" content="0; url=https://grange.example.org/agenda/salon-des-artisans/"' in redirect
    # The event's title, in the tab and as the link's text (the template once read a missing « target.title »).
    assert re.search(r"<title>\s*Salon des artisans — ", redirect)
    link = '<a href="https://grange.example.org/agenda/salon-des-artisans/">Salon des artisans</a>'
    assert f"Sa page est désormais : {link}." in redirect
    assert "agenda/salon-artisans/" not in site.read("sitemap.xml")


def test_sequence_and_last_modified_follow_git_history(site_copy, tmp_path):
    git(site_copy, "init", "-q")
    git(site_copy, "add", ".")
    git(site_copy, "commit", "-qm", "first", when="2026-10-01T10:00:00+02:00")
    path = site_copy / "data/events/journee-ete.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("10 €", "12 €"), encoding="utf-8")
    git(site_copy, "commit", "-qam", "price", when="2026-11-02T09:30:00+01:00")
    build(site_copy, tmp_path / "out")
    event = events_by_uid(tmp_path / "out/agenda.ics")["journee-ete@grange.example.org"]
    assert event["SEQUENCE"] == 2
    assert event["LAST-MODIFIED"].to_ical() == b"20261102T083000Z"
    assert event["DTSTAMP"].to_ical() == b"20261102T083000Z"
    other = events_by_uid(tmp_path / "out/agenda.ics")["salon-artisans@grange.example.org"]
    assert other["SEQUENCE"] == 1


def test_deleted_event_stays_cancelled_for_eight_weeks(site_copy, tmp_path):
    git(site_copy, "init", "-q")
    git(site_copy, "add", ".")
    git(site_copy, "commit", "-qm", "first", when="2026-10-01T10:00:00+02:00")
    git(site_copy, "rm", "-q", "data/events/journee-ete.yaml")
    git(site_copy, "commit", "-qm", "remove", when="2026-11-10T10:00:00+01:00")
    site = build(site_copy, tmp_path / "out")
    ghost = events_by_uid(tmp_path / "out/agenda.ics")["journee-ete@grange.example.org"]
    assert str(ghost["STATUS"]) == "CANCELLED"
    assert str(ghost["URL"]) == "https://grange.example.org/agenda/"
    assert ghost["SEQUENCE"] == 2
    assert not (tmp_path / "out/agenda/journee-ete").exists()
    assert "Journée d&#39;été" not in site.read("agenda/index.html")
    # Nine weeks later the ghost is gone.
    build(site_copy, tmp_path / "later", TIERSLIEU_BUILD_DATE="2027-01-15")
    assert "journee-ete@grange.example.org" not in events_by_uid(tmp_path / "later/agenda.ics")


@pytest.mark.parametrize("how", ["unlink", "git rm"])
def test_an_event_file_deleted_but_not_committed_is_cancelled_now(site_copy, tmp_path, how):
    git(site_copy, "init", "-q")
    git(site_copy, "add", ".")
    git(site_copy, "commit", "-qm", "first", when="2026-10-01T10:00:00+02:00")
    if how == "unlink":
        (site_copy / "data/events/journee-ete.yaml").unlink()
    else:
        git(site_copy, "rm", "-q", "data/events/journee-ete.yaml")
    site = build(site_copy, tmp_path / "out")
    ghost = events_by_uid(tmp_path / "out/agenda.ics")["journee-ete@grange.example.org"]
    assert str(ghost["STATUS"]) == "CANCELLED"
    assert ghost["SEQUENCE"] == 2  # the deletion counts, as it will once committed
    assert not (tmp_path / "out/agenda/journee-ete").exists()
    assert "Journée d&#39;été" not in site.read("agenda/index.html")


def test_category_and_pepite_feeds_hold_their_events(built_site):
    category = events_by_uid(built_site.output / "agenda/categorie/atelier.ics")
    # A session whose category differs from its event's goes to its category's feed (SPEC section 2).
    assert list(category) == [
        "atelier-hebdo@grange.example.org",
        "salon-artisans--demonstration-de-tournage-1000@grange.example.org",
    ]
    calendar = Calendar.from_ical((built_site.output / "agenda/categorie/atelier.ics").read_bytes())
    assert str(calendar["X-WR-CALNAME"]) == "La Grange d'Essai — Atelier"
    pepite = events_by_uid(built_site.output / "pepites/eloise-berenger/agenda.ics")
    assert sorted(pepite) == [
        "atelier-hebdo@grange.example.org",
        "salon-artisans--demonstration-de-tournage-1000@grange.example.org",
        "salon-artisans@grange.example.org",
    ]


def test_subscribe_page_offers_every_way_to_subscribe(built_site):
    html = built_site.read("agenda/abonnement/index.html")
    assert "https://grange.example.org/agenda.ics" in html
    assert "webcal://grange.example.org/agenda.ics" in html
    assert "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fgrange.example.org%2Fagenda.ics" in html
    assert "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Fgrange.example.org%2Fagenda.ics" in html
    assert "https://outlook.office.com/calendar/0/addfromweb?" in html
    assert "Android" in html and "12 à 24 heures" in html
    assert "https://grange.example.org/agenda/categorie/atelier.ics" in html
    assert "https://grange.example.org/pepites/eloise-berenger/agenda.ics" in html
    svg = built_site.read("agenda/abonnement/qr-agenda.svg")
    assert svg.startswith("<svg") and "https://grange.example.org/agenda.ics" in svg
    assert 'href="../agenda/abonnement/"' in built_site.read("agenda/index.html")


def test_agenda_json_holds_upcoming_occurrences_as_schema_org_events(built_site):
    data = json.loads(built_site.read("agenda.json"))
    assert all(item["@type"] == "Event" for item in data)
    assert data[0]["startDate"] == "2026-11-24T18:30:00+01:00"
    cancelled = [item for item in data if item["startDate"].startswith("2026-12-29")]
    assert cancelled[0]["eventStatus"] == "https://schema.org/EventCancelled"
    visio = next(item for item in data if item["name"] == "Visio avec Montréal")
    assert visio["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    full = next(item for item in data if item["name"] == "Journée d'été")
    assert full["offers"]["availability"] == "https://schema.org/SoldOut"


def test_postponed_event_is_tentative_in_the_feed_and_says_reporte(site_copy, tmp_path):
    write_files(site_copy, {"data/events/report.yaml": "title: Report\nstart: 2027-02-02 10:00\nstatus: postponed\n"})
    site = build(site_copy, tmp_path / "out")
    assert str(events_by_uid(tmp_path / "out/agenda.ics")["report@grange.example.org"]["STATUS"]) == "TENTATIVE"
    assert "Reporté." in site.read("agenda/report/index.html")
    assert "https://schema.org/EventPostponed" in site.read("agenda/report/index.html")


def _sequence_of(site_copy, output, uid: str) -> tuple[int, bytes, str]:
    build(site_copy, output)
    event = events_by_uid(output / "agenda.ics")[uid]
    return int(event["SEQUENCE"]), event["LAST-MODIFIED"].to_ical(), str(event["STATUS"])


def test_sequence_never_decreases_through_edits_a_rename_and_a_deletion(site_copy, tmp_path):
    uid = "journee-ete@grange.example.org"
    events = site_copy / "data/events"
    git(site_copy, "init", "-q")
    git(site_copy, "add", ".")
    git(site_copy, "commit", "-qm", "first", when="2026-10-01T10:00:00+02:00")
    seen = [_sequence_of(site_copy, tmp_path / "1", uid)]
    old = events / "journee-ete.yaml"
    old.write_text(old.read_text(encoding="utf-8").replace("10 €", "12 €"), encoding="utf-8")
    git(site_copy, "commit", "-qam", "price", when="2026-10-05T09:30:00+02:00")
    seen.append(_sequence_of(site_copy, tmp_path / "2", uid))
    # Renamed, the old name kept in aliases (and the text changed, so git sees no rename).
    new = events / "journee-d-ete.yaml"
    new.write_text(
        old.read_text(encoding="utf-8").replace("Journée d'été", "La grande journée d'été de la Grange")
        + "summary: Un après-midi de jeux, un concert et un repas partagé dans la cour.\naliases: [journee-ete]\n",
        encoding="utf-8",
    )
    git(site_copy, "rm", "-q", "data/events/journee-ete.yaml")
    git(site_copy, "add", ".")
    git(site_copy, "commit", "-qm", "rename", when="2026-10-20T18:00:00+02:00")
    seen.append(_sequence_of(site_copy, tmp_path / "3", uid))
    new.write_text(new.read_text(encoding="utf-8").replace("12 €", "15 €"), encoding="utf-8")
    git(site_copy, "commit", "-qam", "price again", when="2026-11-03T08:00:00+01:00")
    seen.append(_sequence_of(site_copy, tmp_path / "4", uid))
    git(site_copy, "rm", "-q", "data/events/journee-d-ete.yaml")
    git(site_copy, "commit", "-qm", "remove", when="2026-11-10T10:00:00+01:00")
    seen.append(_sequence_of(site_copy, tmp_path / "5", uid))
    assert seen == [
        (1, b"20261001T080000Z", "CONFIRMED"),
        (2, b"20261005T073000Z", "CONFIRMED"),
        (3, b"20261020T160000Z", "CONFIRMED"),
        (4, b"20261103T070000Z", "CONFIRMED"),
        (5, b"20261110T090000Z", "CANCELLED"),
    ]
    assert [sequence for sequence, _, _ in seen] == sorted(sequence for sequence, _, _ in seen)


def test_sequence_follows_a_rename_git_detects(site_copy, tmp_path):
    git(site_copy, "init", "-q")
    git(site_copy, "add", ".")
    git(site_copy, "commit", "-qm", "first", when="2026-10-01T10:00:00+02:00")
    path = site_copy / "data/events/salon-artisans.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Gratuit", "Entrée libre"), encoding="utf-8")
    git(site_copy, "commit", "-qam", "price", when="2026-10-02T10:00:00+02:00")
    # A plain move (no alias): the new slug is a new UID, but its SEQUENCE goes on from the old file's.
    git(site_copy, "mv", "data/events/salon-artisans.yaml", "data/events/salon.yaml")
    git(site_copy, "commit", "-qm", "move", when="2026-10-03T10:00:00+02:00")
    # A new file that takes the old name later is another file: it does not count for the moved one.
    write_files(site_copy, {"data/events/salon-artisans.yaml": "title: Autre salon\nstart: 2027-03-01\n"})
    git(site_copy, "add", ".")
    git(site_copy, "commit", "-qm", "another", when="2026-10-04T10:00:00+02:00")
    build(site_copy, tmp_path / "out")
    events = events_by_uid(tmp_path / "out/agenda.ics")
    assert events["salon@grange.example.org"]["SEQUENCE"] == 3
    assert events["salon@grange.example.org"]["LAST-MODIFIED"].to_ical() == b"20261003T080000Z"
    assert events["salon-artisans@grange.example.org"]["SEQUENCE"] == 4
    assert str(events["salon-artisans@grange.example.org"]["SUMMARY"]) == "Autre salon"
