"""Scaffolds safe to use: a required start, examples that are dates of their own series, drafts."""

from __future__ import annotations

import errno
import os
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import write_files
from test_editors import check
from test_tasks import invoke, project  # noqa: F401 - the fixture of the tasks' tests

from pelican.plugins.tierslieu.editors import scaffold
from pelican.plugins.tierslieu.faults import describe_os_error

EXAMPLE = re.compile(r"^# (?!yaml-language-server:)", re.M)
TODAY = date(2026, 11, 24)
LEFT = "valeur d'exemple laissée : « {} » ; remplacez-la ou supprimez la ligne"


def uncomment(path: str) -> str:
    """Uncomment every example line (``# key: value``) of a scaffolded file, as an editor would; return the text."""
    with open(path, encoding="utf-8") as stream:
        text = EXAMPLE.sub("", stream.read())
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text)
    return text


SCAFFOLDS = [
    (
        lambda s: scaffold.new_event(str(s / "data"), "Atelier « couture » : débutants", "2027-01-12 14:00"),
        "data/events/2027-01-12-atelier-couture-debutants.yaml",
    ),
    (
        lambda s: scaffold.new_event(str(s / "data"), "Fête d'été", "2027-07-04"),
        "data/events/2027-07-04-fete-d-ete.yaml",
    ),
    (lambda s: scaffold.new_pepite(str(s / "data"), "Zoé Ébrard", "Ébéniste"), "data/pepites/zoe-ebrard.yaml"),
    (
        lambda s: scaffold.new_network_venue(str(s / "data"), "La Fabrique d'Élancourt", "Élancourt"),
        "data/network/la-fabrique-d-elancourt.yaml",
    ),
    (
        lambda s: scaffold.new_article(str(s / "content"), "Été : le programme !", TODAY),
        "content/2026-11-24-ete-le-programme.md",
    ),
]


@pytest.mark.parametrize(("make", "expected"), SCAFFOLDS)
def test_scaffolded_files_pass_check_and_are_never_overwritten(site_copy, capsys, make, expected):
    path = make(site_copy)
    assert path == str(site_copy / expected)
    status, _, err = check(site_copy, capsys)
    assert status == 0, err
    with pytest.raises(scaffold.ScaffoldError, match="existe déjà"):
        make(site_copy)


@pytest.mark.parametrize(("make", "expected"), SCAFFOLDS)
def test_scaffolded_files_have_no_trailing_spaces(site_copy, make, expected):
    # pre-commit's trailing-whitespace hook would rewrite the file the editor has just made.
    path = make(site_copy)
    for text in (Path(path).read_text(encoding="utf-8"), uncomment(path)):
        assert [line for line in text.splitlines() if line != line.rstrip()] == [], expected


def test_new_event_requires_a_start(site_copy, project):  # noqa: F811 - the fixture
    with pytest.raises(scaffold.ScaffoldError) as raised:
        scaffold.new_event(str(site_copy / "data"), "Atelier", " ")
    assert str(raised.value) == scaffold.START_MISSING
    result = invoke(project, "new-event", "Atelier")
    assert result.returncode == 1
    assert result.stderr == (
        'Erreur : indiquez le début : --start "2027-01-12 14:00" (ou --start 2027-01-12 pour une journée entière)\n'
    )
    assert not list((project / "data/events").glob("*-atelier.yaml"))


# (start, end, weekday code, until, except, moved date, its new start)
SERIES = [
    ("2027-01-12 14:00", "2027-01-12 16:00", "tu", "2027-03-02", "2027-01-26", "2027-02-09", "2027-02-10 14:00"),
    ("2027-01-17", "2027-01-18", "su", "2027-03-07", "2027-01-31", "2027-02-14", "2027-02-15"),
    (
        "2027-03-05T23:30:00+01:00",
        "2027-03-06T01:30:00+01:00",
        "fr",
        "2027-04-23",
        "2027-03-19",
        "2027-04-02",
        "2027-04-03T23:30:00+01:00",
    ),
]


@pytest.mark.parametrize(("start", "end", "day", "until", "skipped", "moved", "to"), SERIES)
def test_event_examples_are_derived_from_the_start_and_valid_once_uncommented(
    site_copy, capsys, start, end, day, until, skipped, moved, to
):
    path = scaffold.new_event(str(site_copy / "data"), "Atelier", start)
    text = uncomment(path)
    for line in (
        f"start: {start}",
        f"end: {end}",
        f"  byday: [{day}]",
        f"  until: {until}",
        f"  except: [{skipped}]",
        f"    {moved}: {to}",
    ):
        assert line in text.splitlines(), line
    uncomment(scaffold.new_pepite(str(site_copy / "data"), "Zoé", "Potière"))
    status, out, err = check(site_copy, capsys)
    assert status == 0, err
    assert not any("Atelier" in line or "zoe" in line for line in out if "description" not in line), out
    # The test means something: a date that is not one of the series is refused.
    write_files(
        site_copy,
        {path.replace(str(site_copy) + "/", ""): text.replace(f"except: [{skipped}]", f"except: [{to[:10]}]")},
    )
    status, _, err = check(site_copy, capsys)
    assert status == 1 and "except" in err[0]


def test_event_examples_name_the_venue_s_pepites(site_copy):
    text = Path(scaffold.new_event(str(site_copy / "data"), "Atelier", "2027-01-12")).read_text(encoding="utf-8")
    assert (
        "## Pépites qui participent, par le nom de leur fichier (ici : eloise-berenger, minimal, repair) :\n"
        "# pepites: []\n"
    ) in text
    assert text.startswith('# yaml-language-server: $schema=../../schemas/event.schema.json\ntitle: "Atelier"\n')


def test_new_article_is_a_draft_that_says_how_to_publish_it(project, capsys):  # noqa: F811 - the fixture
    result = invoke(project, "new-article", "Portes ouvertes")
    assert result.returncode == 0, result.stderr
    name = next(path.name for path in (project / "content").glob("*-portes-ouvertes.md"))
    assert result.stdout.splitlines() == [
        f"Créé : content/{name}",
        (
            "C'est un brouillon : il n'est pas publié tant que son en-tête dit « Status: draft ». "
            "Remplacez les « À compléter », puis écrivez « Status: published » pour le publier."
        ),
    ]
    text = (project / "content" / name).read_text(encoding="utf-8")
    assert "\nStatus: draft\n" in text


def test_a_scaffolded_article_published_with_its_placeholders_is_refused(site_copy, capsys):
    path = scaffold.new_article(str(site_copy / "content"), "Portes ouvertes", TODAY)
    with open(path, encoding="utf-8") as stream:
        text = stream.read()
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text.replace("Status: draft", "Status: published"))
    status, _, err = check(site_copy, capsys)
    assert status == 1
    assert err == [
        f"{path}:6: " + LEFT.format("Summary: À compléter : une phrase qui r…"),
        f"{path}:9: " + LEFT.format("À compléter : écrivez ici l'article, en…"),
        "2 erreurs dans data/ et content/ ; à corriger avant de publier.",
    ]


def test_the_schema_line_is_optional(site_copy, tmp_path, capsys):
    write_files(
        site_copy, {"data/events/sans-schema.yaml": "title: Sans schéma\nstart: 2027-02-03 18:00\ndescription: Oui.\n"}
    )
    status, out, err = check(site_copy, capsys)
    assert status == 0 and err == []
    assert not any("sans-schema" in line for line in out)


def test_the_schema_line_uncommented_by_mistake_says_to_put_its_hash_back(site_copy, capsys):
    path = Path(scaffold.new_event(str(site_copy / "data"), "Atelier", "2027-01-12 14:00"))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: ")
    path.write_text(text.removeprefix("# "), encoding="utf-8")  # "remove the # of every example", the first too
    status, _, err = check(site_copy, capsys)
    assert status == 1
    assert err[0] == (
        f"{path}:1: la ligne « yaml-language-server: … » est un commentaire pour votre éditeur : remettez « # » devant"
    )


def test_the_programme_example_is_valid_once_its_marks_are_removed(site_copy, capsys):
    path = scaffold.new_event(str(site_copy / "data"), "Portes ouvertes", "2027-06-02 10:00")
    text = Path(path).read_text(encoding="utf-8")
    assert '##   - start: "10:00"\n##     end: "10:45"\n' in text
    # A series has no programme: the editor uncomments the simple examples and the programme, not the series.
    simple = re.sub(r"^# (?!yaml-language-server:|repeat:|  )", "", text, flags=re.M)
    Path(path).write_text(re.sub(r"^## (sessions:|  )", r"\1", simple, flags=re.M), encoding="utf-8")
    status, _out, err = check(site_copy, capsys)
    assert status == 0, err
    Path(path).write_text(re.sub(r"^## (sessions:|  )", r"\1", uncomment(path), flags=re.M), encoding="utf-8")
    status, _out, err = check(site_copy, capsys)
    assert status == 1 and "une série ('repeat') ne peut pas avoir de 'sessions'" in err[0]


@pytest.mark.parametrize("name", ["---", "_ - _", "!!!"])
def test_a_name_that_makes_only_hyphens_is_refused_and_nothing_is_written(site_copy, project, name):  # noqa: F811
    with pytest.raises(scaffold.ScaffoldError) as raised:
        scaffold.new_pepite(str(site_copy / "data"), name, "x")
    assert str(raised.value) == f"impossible de faire un nom de fichier avec « {name} »"
    before = sorted(path.name for path in (project / "data/pepites").iterdir())
    result = invoke(project, "new-pepite", name, "--trade", "x")
    assert result.returncode == 1
    assert result.stderr == f"Erreur : impossible de faire un nom de fichier avec « {name} »\n"
    assert sorted(path.name for path in (project / "data/pepites").iterdir()) == before


def test_a_scaffolded_name_has_no_hyphen_at_its_ends_nor_underscore(site_copy, capsys):
    path = scaffold.new_pepite(str(site_copy / "data"), "- Zoé_Ébrard -", "x")
    assert path == str(site_copy / "data/pepites/zoe-ebrard.yaml")
    status, _, err = check(site_copy, capsys)
    assert status == 0, err


def test_a_start_the_clocks_skip_is_refused_with_check_s_message(site_copy, project):  # noqa: F811 - the fixture
    message = (
        "'start' : 2027-03-28 02:30 n'existe pas en Europe/Paris (les horloges avancent d'une heure cette nuit-là) : "
        "écrivez par exemple 2027-03-28 03:30 ; rien n'a été écrit"
    )
    with pytest.raises(scaffold.ScaffoldError) as raised:
        scaffold.new_event(str(site_copy / "data"), "Atelier gap", "2027-03-28 02:30")
    assert str(raised.value) == message
    result = invoke(project, "new-event", "Atelier gap", "--start", "2027-03-28 02:30")
    assert result.returncode == 1
    assert result.stderr == f"Erreur : {message}\n"
    assert not list((project / "data/events").glob("*atelier-gap*"))
    # The hour after the gap, and the repeated autumn hour, exist.
    assert scaffold.new_event(str(site_copy / "data"), "Atelier gap", "2027-03-28 03:30").endswith("gap.yaml")


LONG_TITLE = " ".join(["Atelier"] + ["réparation"] * 30)  # 337 characters


def test_a_long_title_makes_a_file_name_cut_at_a_hyphen(site_copy, project, capsys):  # noqa: F811 - the fixture
    path = scaffold.new_event(str(site_copy / "data"), LONG_TITLE, "2027-01-14")
    assert Path(path).name == "2027-01-14-atelier" + "-reparation" * 6 + ".yaml"  # 73 characters of name
    assert len(scaffold.make_slug("x" * 300)) == scaffold.SLUG_LENGTH
    status, _, err = check(site_copy, capsys)
    assert status == 0, err
    result = invoke(project, "new-event", LONG_TITLE, "--start", "2027-01-14")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Créé : data/events/2027-01-14-atelier" + "-reparation" * 6 + ".yaml\n"


def test_a_file_system_refusal_is_told_in_french(project):  # noqa: F811 - the fixture
    long_name = "x" * 300
    write_files(
        project,
        {
            "pelicanconf.py": (project / "pelicanconf.py").read_text(encoding="utf-8")
            + f"\nDATA_PATH = 'data/{long_name}'\n"
        },
    )
    result = invoke(project, "new-pepite", "Zoé", "--trade", "Potière")
    assert result.returncode == 1
    assert result.stderr == (f"Erreur : data/{long_name}: nom de fichier trop long ; raccourcissez-le puis relancez.\n")


def test_a_file_system_error_without_a_french_text_shows_its_code_not_english():
    error = OSError(errno.ELOOP, os.strerror(errno.ELOOP), "/tmp/boucle")
    assert describe_os_error(error, "/tmp") == "boucle: erreur du système de fichiers (ELOOP) ; relancez"
