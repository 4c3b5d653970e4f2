"""Deleted events kept as cancelled « ghosts » never share a UID with a living event or with one another.

An outside tester renamed an event twice (A, then B with ``aliases: [A]``,
then C keeping ``aliases: [A]`` only): `invoke check` gave advice only,
and the build failed at the feed gate, B's ghost claiming A's UID, which C
had too.
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import build, write_files
from icalendar import Calendar
from test_calendar_identity import git
from test_editors import check

UID = "journee-ete@grange.example.org"
EVENTS = "data/events"


def vevents(path) -> list:
    """Return the VEVENTs of a calendar file that are not overrides of a series."""
    calendar = Calendar.from_ical(path.read_bytes())
    return [event for event in calendar.walk("VEVENT") if "RECURRENCE-ID" not in event]


def assert_one_uid_each(events: list) -> None:
    counts = Counter(str(event["UID"]) for event in events)
    assert [uid for uid, count in counts.items() if count > 1] == []


def renamed_once(site) -> str:
    """Commit the sample, then journee-ete renamed fete-ete with its old name in aliases; return the text."""
    git(site, "init", "-q")
    git(site, "add", ".")
    git(site, "commit", "-qm", "first", when="2026-10-01T10:00:00+02:00")
    git(site, "mv", f"{EVENTS}/journee-ete.yaml", f"{EVENTS}/fete-ete.yaml")
    path = site / EVENTS / "fete-ete.yaml"
    text = path.read_text(encoding="utf-8") + "aliases: [journee-ete]\n"
    path.write_text(text, encoding="utf-8")
    git(site, "commit", "-qam", "rename", when="2026-10-10T10:00:00+02:00")
    return text


@pytest.mark.parametrize("how", ["commit", "git mv", "mv"])
def test_an_event_renamed_twice_keeps_one_uid_and_no_ghost(site_copy, tmp_path, capsys, how):
    renamed_once(site_copy)
    before = {str(e["UID"]): e for e in vevents(build(site_copy, tmp_path / "before").output / "agenda.ics")}
    assert before[UID]["SEQUENCE"] == 2
    if how == "mv":
        (site_copy / EVENTS / "fete-ete.yaml").rename(site_copy / EVENTS / "fete-c.yaml")
    else:
        git(site_copy, "mv", f"{EVENTS}/fete-ete.yaml", f"{EVENTS}/fete-c.yaml")
    if how == "commit":
        git(site_copy, "commit", "-qm", "rename again", when="2026-11-02T10:00:00+01:00")
    status, out, err = check(site_copy, capsys)
    assert (status, err) == (0, [])
    advice = (
        f"{site_copy}/{EVENTS}/fete-c.yaml:7: attention : ce fichier s'appelait « fete-ete » : "
        "ajoutez 'aliases: [fete-ete]' pour que les agendas abonnés ne voient pas un doublon"
    )
    assert [line for line in out if "s'appelait" in line] == [advice]  # kept: fete-ete's address should redirect
    events = vevents(build(site_copy, tmp_path / "out").output / "agenda.ics")  # FeedError before the fix
    assert_one_uid_each(events)
    market = [event for event in events if str(event["UID"]) == UID]
    assert len(market) == 1
    assert str(market[0]["STATUS"]) == "CONFIRMED"
    assert str(market[0]["URL"]).endswith("/agenda/fete-c/")
    assert market[0]["SEQUENCE"] >= before[UID]["SEQUENCE"]
    assert not [event for event in events if str(event["UID"]).startswith(("fete-ete@", "fete-c@"))]


def test_a_rename_git_did_not_see_keeps_the_sequence_of_the_middle_file(site_copy, tmp_path):
    text = renamed_once(site_copy)
    path = site_copy / EVENTS / "fete-ete.yaml"
    for price in ("11 €", "12 €"):
        path.write_text(text.replace("10 €", price), encoding="utf-8")
        git(site_copy, "commit", "-qam", price, when="2026-10-20T10:00:00+02:00")
    before = {str(e["UID"]): e for e in vevents(build(site_copy, tmp_path / "before").output / "agenda.ics")}
    assert before[UID]["SEQUENCE"] == 4
    # Rewritten as it moves: git sees a deletion and a new file, not a rename.
    git(site_copy, "rm", "-q", f"{EVENTS}/fete-ete.yaml")
    write_files(
        site_copy,
        {f"{EVENTS}/fete-c.yaml": "title: Grande fête de l'été\nstart: 2027-07-14\naliases: [journee-ete]\n"},
    )
    git(site_copy, "add", ".")
    git(site_copy, "commit", "-qm", "rewrite", when="2026-11-02T10:00:00+01:00")
    events = vevents(build(site_copy, tmp_path / "out").output / "agenda.ics")
    assert_one_uid_each(events)
    market = next(event for event in events if str(event["UID"]) == UID)
    assert str(market["STATUS"]) == "CONFIRMED"
    assert market["SEQUENCE"] == 5  # journee-ete, fete-ete's three commits, fete-c's
    assert market["LAST-MODIFIED"].to_ical() == b"20261102T090000Z"


def test_an_alias_chain_deleted_at_its_end_leaves_one_cancelled_ghost(site_copy, tmp_path):
    renamed_once(site_copy)
    git(site_copy, "mv", f"{EVENTS}/fete-ete.yaml", f"{EVENTS}/fete-c.yaml")
    git(site_copy, "commit", "-qm", "rename again", when="2026-11-02T10:00:00+01:00")
    git(site_copy, "rm", "-q", f"{EVENTS}/fete-c.yaml")
    git(site_copy, "commit", "-qm", "remove", when="2026-11-10T10:00:00+01:00")
    events = vevents(build(site_copy, tmp_path / "out").output / "agenda.ics")
    assert_one_uid_each(events)
    ghosts = [event for event in events if str(event["UID"]) == UID]
    assert [(str(e["STATUS"]), e["SEQUENCE"]) for e in ghosts] == [("CANCELLED", 4)]
    assert not [event for event in events if str(event["UID"]).startswith(("fete-ete@", "fete-c@"))]


def test_an_alias_naming_a_deleted_file_takes_its_uid_without_a_ghost(site_copy, tmp_path):
    git(site_copy, "init", "-q")
    git(site_copy, "add", ".")
    git(site_copy, "commit", "-qm", "first", when="2026-10-01T10:00:00+02:00")
    git(site_copy, "rm", "-q", f"{EVENTS}/journee-ete.yaml")
    git(site_copy, "commit", "-qm", "remove", when="2026-10-10T10:00:00+02:00")
    write_files(site_copy, {f"{EVENTS}/fete.yaml": "title: Fête\nstart: 2027-07-14\naliases: [journee-ete]\n"})
    events = vevents(build(site_copy, tmp_path / "out").output / "agenda.ics")
    assert_one_uid_each(events)
    assert [str(e["STATUS"]) for e in events if str(e["UID"]) == UID] == ["CONFIRMED"]


def test_two_living_files_cannot_claim_one_uid(site_copy, capsys):
    write_files(site_copy, {f"{EVENTS}/fete.yaml": "title: Fête\nstart: 2027-07-14\naliases: [journee-ete]\n"})
    status, _, err = check(site_copy, capsys)
    assert status == 1
    assert (
        f"{site_copy}/{EVENTS}/fete.yaml:3: l'ancien nom 'journee-ete' est déjà utilisé par "
        f"{site_copy}/{EVENTS}/journee-ete.yaml"
    ) in err


def test_a_session_the_middle_file_had_stays_cancelled_under_the_first_uid(site_copy, tmp_path):
    git(site_copy, "init", "-q")
    git(site_copy, "add", ".")
    git(site_copy, "commit", "-qm", "first", when="2026-10-01T10:00:00+02:00")
    git(site_copy, "mv", f"{EVENTS}/salon-artisans.yaml", f"{EVENTS}/salon-b.yaml")
    path = site_copy / EVENTS / "salon-b.yaml"
    text = path.read_text(encoding="utf-8") + "aliases: [salon-artisans]\n"
    path.write_text(text, encoding="utf-8")
    git(site_copy, "commit", "-qam", "rename", when="2026-10-10T10:00:00+02:00")
    # Moved again without « salon-b » in aliases, losing its last session (« Réparer son grille-pain »).
    git(site_copy, "mv", f"{EVENTS}/salon-b.yaml", f"{EVENTS}/salon-c.yaml")
    start = text.index("  - start: 2026-12-12 14:00")
    (site_copy / EVENTS / "salon-c.yaml").write_text(text[:start] + "aliases: [salon-artisans]\n", encoding="utf-8")
    git(site_copy, "commit", "-qam", "rename again", when="2026-11-02T10:00:00+01:00")
    out = build(site_copy, tmp_path / "out").output
    for feed in ("agenda/salon-c/salon-c.ics", "pepites/repair/agenda.ics"):  # agenda.ics has no sessions
        events = vevents(out / feed)
        assert_one_uid_each(events)
        sessions = [e for e in events if str(e["UID"]) == "salon-artisans--reparer@grange.example.org"]
        assert [(str(e["STATUS"]), e["DTSTART"].dt.isoformat()) for e in sessions] == [
            ("CANCELLED", "2026-12-12T14:00:00+01:00")
        ], feed
    salon = next(e for e in vevents(out / "agenda.ics") if str(e["UID"]) == "salon-artisans@grange.example.org")
    assert str(salon["STATUS"]) == "CONFIRMED"
