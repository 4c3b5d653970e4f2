"""One test per validation rule: the file, the line and the French message."""

from __future__ import annotations

import pytest
from conftest import write_files

from pelican.plugins.tierslieu.model.errors import DataErrors
from pelican.plugins.tierslieu.model.hours import END_OF_DAY
from pelican.plugins.tierslieu.model.loading import load_data

VENUE = """
name: Lieu
address:
  street: 1 rue
  postal_code: "78760"
  city: Jouars
"""
PEPITE = """
name: Anne
trade: Ébéniste
"""


def errors_of(tmp_path, files: dict[str, str]) -> list[str]:
    """Write a small data folder and return every message the loader reports."""
    write_files(tmp_path, {"data/venue.yaml": VENUE, "data/pepites/anne.yaml": PEPITE, **files})
    with pytest.raises(DataErrors) as caught:
        load_data(str(tmp_path / "data"), str(tmp_path))
    return [str(error) for error in caught.value.errors]


def load_ok(tmp_path, files: dict[str, str]):
    """Write a small data folder and return the loaded data."""
    write_files(tmp_path, {"data/venue.yaml": VENUE, "data/pepites/anne.yaml": PEPITE, **files})
    return load_data(str(tmp_path / "data"), str(tmp_path))


def test_yaml_means_what_the_editor_typed(tmp_path):
    venue = """
    name: NO
    address: {street: 1 rue, postal_code: 01000, city: Bourg, country: NO}
    hours: [{days: [mo], opens: 09:00, closes: 18:30}]
    """
    loaded = load_ok(tmp_path, {"data/venue.yaml": venue})
    assert loaded.venue.name == "NO"
    assert loaded.venue.address.postal_code == "01000"
    assert loaded.venue.address.country == "NO"
    assert loaded.venue.hours[0].closes.strftime("%H:%M") == "18:30"


def test_unknown_key_gets_a_did_you_mean_hint(tmp_path):
    messages = errors_of(tmp_path, {"data/events/a.yaml": "tilte: X\nstart: 2027-01-12\ntitle: Y\n"})
    assert messages == ["data/events/a.yaml:1: clé inconnue 'tilte' (vouliez-vous dire 'title' ?)"]


def test_unknown_nested_key_gets_a_hint(tmp_path):
    event = "title: X\nstart: 2027-01-12\nrepeat:\n  freq: weekly\n  untill: 2027-03-01\n"
    messages = errors_of(tmp_path, {"data/events/a.yaml": event})
    assert messages == ["data/events/a.yaml:5: clé inconnue 'untill' (vouliez-vous dire 'until' ?)"]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"data/events/a.yaml": "title: X\nstart: 2027-01-07\nrepeat:\n  freq: weekly\n  jours: [th]\n"},
            (
                "data/events/a.yaml:5: clé inconnue 'jours' "
                "(clés possibles ici : freq, interval, byday, until, count, except, moved)"
            ),
        ),
        (
            {
                "data/events/a.yaml": "title: X\nstart: 2027-01-07 10:00\nsessions:\n  - start: 2027-01-07 10:00\n    salle: B\n"
            },
            (
                "data/events/a.yaml:5: clé inconnue 'salle' (clés possibles ici : start, end, title, id, place, pepites, "
                "description, category, registration, price, full, status)"
            ),
        ),
        (
            {"data/venue.yaml": VENUE + "hours:\n  - days: [mo]\n    ouverture: 09:00\n    closes: 18:00\n"},
            "data/venue.yaml:8: clé inconnue 'ouverture' (clés possibles ici : days, opens, closes)",
        ),
        (
            {"data/pepites/anne.yaml": PEPITE + "links:\n  - label: Site\n    lien: https://a.example.org\n"},
            "data/pepites/anne.yaml:5: clé inconnue 'lien' (clés possibles ici : label, url)",
        ),
    ],
)
def test_unknown_nested_key_without_a_close_match_lists_the_keys_of_its_place(tmp_path, files, message):
    assert message in errors_of(tmp_path, files)  # with, for sessions, links and hours, the required keys missing


def test_missing_required_key_points_at_line_1(tmp_path):
    messages = errors_of(tmp_path, {"data/pepites/bob.yaml": "name: Bob\n"})
    assert messages == ["data/pepites/bob.yaml:1: clé obligatoire 'trade' manquante"]


def test_missing_venue_file_is_reported(tmp_path):
    write_files(tmp_path, {"data/pepites/anne.yaml": PEPITE})
    with pytest.raises(DataErrors) as caught:
        load_data(str(tmp_path / "data"), str(tmp_path))
    assert [str(e) for e in caught.value.errors] == [
        "data/venue.yaml:1: fichier obligatoire absent : il décrit le lieu (name, address…)"
    ]


def test_end_before_start_is_reported(tmp_path):
    event = "title: X\nstart: 2027-03-12 14:00\nend: 2027-03-12 11:00\n"
    messages = errors_of(tmp_path, {"data/events/atelier.yaml": event})
    assert messages == ["data/events/atelier.yaml:3: 'end' (2027-03-12 11:00) est avant 'start' (2027-03-12 14:00)"]


def test_date_and_datetime_cannot_be_mixed(tmp_path):
    event = "title: X\nstart: 2027-03-12\nend: 2027-03-13 11:00\n"
    messages = errors_of(tmp_path, {"data/events/a.yaml": event})
    assert messages == [
        "data/events/a.yaml:3: 'start' et 'end' doivent être tous deux des dates, ou tous deux des dates avec heure"
    ]


def test_impossible_date_is_reported(tmp_path):
    messages = errors_of(tmp_path, {"data/events/a.yaml": "title: X\nstart: 2025-02-30\n"})
    assert messages == ["data/events/a.yaml:2: 'start' : date impossible « 2025-02-30 »"]


def test_unreadable_date_is_reported(tmp_path):
    messages = errors_of(tmp_path, {"data/events/a.yaml": "title: X\nstart: demain\n"})
    assert messages == [
        "data/events/a.yaml:2: 'start' : date (AAAA-MM-JJ) ou date et heure (AAAA-MM-JJ HH:MM) attendue, reçu « demain »"
    ]


def test_unknown_timezone_is_reported(tmp_path):
    event = "title: X\nstart: 2027-01-12 10:00\ntimezone: Europe/Pariss\n"
    messages = errors_of(tmp_path, {"data/events/a.yaml": event})
    assert messages == [
        "data/events/a.yaml:3: 'timezone' : fuseau horaire inconnu « Europe/Pariss » (exemple : Europe/Paris)"
    ]


def test_count_and_until_together_are_refused(tmp_path):
    event = "title: X\nstart: 2027-01-12 10:00\nrepeat:\n  freq: weekly\n  count: 3\n  until: 2027-03-01\n"
    messages = errors_of(tmp_path, {"data/events/a.yaml": event})
    assert messages == [
        "data/events/a.yaml:5: 'count' et 'until' ne peuvent pas être utilisés ensemble : choisissez l'un des deux"
    ]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "data:text/html,x"])
def test_only_web_mail_and_phone_urls_are_accepted(tmp_path, url):
    event = f"title: X\nstart: 2027-01-12\nregistration: '{url}'\n"
    messages = errors_of(tmp_path, {"data/events/a.yaml": event})
    assert messages == [
        f"data/events/a.yaml:3: 'registration' : adresse « {url} » refusée : elle doit commencer par https://, http://, mailto: ou tel:"
    ]


TEL_REFUSED = (
    "adresse « {url} » invalide : après « tel: », écrivez seulement un numéro de téléphone "
    "(chiffres, et si besoin points, tirets, parenthèses, un + au début) : « tel:+33199002760 »"
)


@pytest.mark.parametrize("url", ["tel:+33199002760<script>", "tel:javascript:alert(1)", "tel:+", "tel:01%2099"])
def test_a_tel_url_holds_only_a_phone_number_in_every_url_field(tmp_path, url):
    session = f'sessions:\n  - start: "10:00"\n    end: "11:00"\n    title: Atelier\n    registration: "{url}"\n'
    pepite = f"name: Bob\ntrade: Menuisier\nlinks:\n  - label: Téléphone\n    url: '{url}'\n"
    files = {"data/events/a.yaml": "title: X\nstart: 2027-01-12 10:00\n" + session, "data/pepites/bob.yaml": pepite}
    assert errors_of(tmp_path, files) == [
        f"data/events/a.yaml:7: 'registration' : {TEL_REFUSED.format(url=url)}",
        f"data/pepites/bob.yaml:5: 'url' : {TEL_REFUSED.format(url=url)}",
    ]


@pytest.mark.parametrize("url", ["tel:+33199002760", "tel:01.99.00-27-60", "tel:+33(0)199002760", "tel:3949"])
def test_a_tel_url_of_a_phone_number_is_accepted(tmp_path, url):
    event = f"title: X\nstart: 2027-01-12\nregistration: '{url}'\n"
    assert load_ok(tmp_path, {"data/events/a.yaml": event}).events[0].model.registration == url


def test_mailto_and_tel_urls_are_accepted(tmp_path):
    venue = (
        VENUE + "links:\n  - {label: Mail, url: 'mailto:a@example.org'}\n  - {label: Tel, url: 'tel:+33100000000'}\n"
    )
    loaded = load_ok(tmp_path, {"data/venue.yaml": venue})
    assert [link.url for link in loaded.venue.links] == ["mailto:a@example.org", "tel:+33100000000"]


def test_unknown_pepite_is_reported_with_a_hint(tmp_path):
    event = "title: X\nstart: 2027-01-12\npepites:\n  - anne\n  - annne\n"
    messages = errors_of(tmp_path, {"data/events/a.yaml": event})
    assert messages == ["data/events/a.yaml:5: pépite 'annne' inconnue (vouliez-vous dire 'anne' ?)"]


def test_a_broken_pepite_still_exists_for_references(tmp_path):
    files = {
        "data/pepites/bob.yaml": "name: Bob\n",
        "data/events/a.yaml": "title: X\nstart: 2027-01-12\npepites: [bob]\n",
    }
    assert errors_of(tmp_path, files) == ["data/pepites/bob.yaml:1: clé obligatoire 'trade' manquante"]


def test_yaml_and_yml_with_the_same_slug_clash(tmp_path):
    event = "title: X\nstart: 2027-01-12\n"
    messages = errors_of(tmp_path, {"data/events/a.yaml": event, "data/events/a.yml": event})
    assert messages == ["data/events/a.yml:1: le nom 'a' est déjà pris par data/events/a.yaml"]


def test_status_must_be_known(tmp_path):
    messages = errors_of(tmp_path, {"data/events/a.yaml": "title: X\nstart: 2027-01-12\nstatus: annulé\n"})
    assert messages == [
        "data/events/a.yaml:3: 'status' : valeur « annulé » inconnue ; valeurs possibles : 'confirmed', 'tentative', 'postponed', 'cancelled'"
    ]


def test_yaml_syntax_error_has_its_line(tmp_path):
    messages = errors_of(tmp_path, {"data/events/a.yaml": "title: X\nstart: [2027-01-12\nend: x\n"})
    assert messages == [
        (
            "data/events/a.yaml:2: crochet [ ] ou accolade { } mal fermé : vérifiez la liste ou le bloc ouvert ici ; "
            "un texte qui contient « , [ ] { } » se met entre guillemets"
        )
    ]


def test_duplicate_key_is_reported(tmp_path):
    messages = errors_of(tmp_path, {"data/events/a.yaml": "title: X\nstart: 2027-01-12\ntitle: Y\n"})
    assert messages == ["data/events/a.yaml:3: clé 'title' en double (déjà à la ligne 1)"]


def test_every_problem_of_every_file_is_reported_at_once(tmp_path):
    files = {
        "data/events/a.yaml": "tilte: X\nstart: 2025-02-30\nregistration: 'javascript:x'\n",
        "data/events/b.yaml": "title: Y\nstart: 2027-01-12\npepites: [zoe]\n",
        "data/pepites/bob.yaml": "name: Bob\n",
    }
    messages = errors_of(tmp_path, files)
    assert messages == [
        "data/events/a.yaml:1: clé inconnue 'tilte' (vouliez-vous dire 'title' ?)",
        "data/events/a.yaml:1: clé obligatoire 'title' manquante",
        "data/events/a.yaml:2: 'start' : date impossible « 2025-02-30 »",
        "data/events/a.yaml:3: 'registration' : adresse « javascript:x » refusée : elle doit commencer par https://, http://, mailto: ou tel:",
        "data/events/b.yaml:3: pépite 'zoe' inconnue (pépites : anne, bob)",
        "data/pepites/bob.yaml:1: clé obligatoire 'trade' manquante",
    ]


def test_tabs_are_kept_line_breaks_kept_in_descriptions_only_and_control_characters_refused(tmp_path):
    event = 'title: "A\\tD"\nstart: 2027-01-12\ndescription: "A\\nC\\r\\nE"\n'
    loaded = load_ok(tmp_path, {"data/events/a.yaml": event})
    assert loaded.events[0].model.title == "A\tD"
    assert loaded.events[0].model.description == "A\nC\nE"
    assert errors_of(tmp_path, {"data/events/a.yaml": 'title: "A\\r\\nE"\nstart: 2027-01-12\n'}) == [
        "data/events/a.yaml:1: 'title' tient sur une ligne : retirez le retour à la ligne"
    ]
    assert errors_of(tmp_path, {"data/events/a.yaml": 'title: "A\\x07B"\nstart: 2027-01-12\n'}) == [
        (
            "data/events/a.yaml:1: caractère invisible U+0007 (caractère de contrôle) : supprimez-le (il vient souvent d'un "
            "copier-coller depuis un traitement de texte, ou d'un code comme « \\0 » entre guillemets)"
        )
    ]


def test_closing_hour_must_follow_opening(tmp_path):
    venue = VENUE + "hours:\n  - days: [mo]\n    opens: '18:00'\n    closes: '09:00'\n"
    messages = errors_of(tmp_path, {"data/venue.yaml": venue})
    assert messages == ["data/venue.yaml:9: 'closes' (09:00) doit être après 'opens' (18:00)"]


@pytest.mark.parametrize(
    ("closes", "message"),
    [
        ("00:00", "'closes' (00:00) doit être après 'opens' (18:00) ; pour fermer à minuit, écrivez 24:00"),
        ("24:30", "'closes' : heure attendue au format HH:MM (24:00 pour minuit), reçu « 24:30 »"),
        ("25:00", "'closes' : heure attendue au format HH:MM (24:00 pour minuit), reçu « 25:00 »"),
    ],
)
def test_midnight_is_written_24_00(tmp_path, closes, message):
    venue = VENUE + f"hours:\n  - days: [mo]\n    opens: '18:00'\n    closes: '{closes}'\n"
    assert errors_of(tmp_path, {"data/venue.yaml": venue}) == [f"data/venue.yaml:9: {message}"]
    ok = VENUE + "hours:\n  - days: [mo]\n    opens: '18:00'\n    closes: '24:00'\n"
    write_files(tmp_path, {"data/venue.yaml": ok})
    assert load_data(str(tmp_path / "data"), str(tmp_path)).venue.hours[0].closes == END_OF_DAY


def test_empty_required_value_is_reported(tmp_path):
    messages = errors_of(tmp_path, {"data/events/a.yaml": "title:\nstart: 2027-01-12\n"})
    assert messages == ["data/events/a.yaml:1: 'title' : valeur vide : écrivez une valeur après les deux-points"]


def test_empty_optional_value_counts_as_absent(tmp_path):
    loaded = load_ok(tmp_path, {"data/events/a.yaml": "title: A\nstart: 2027-01-12\nsummary:\nend: ~\n"})
    assert loaded.events[0].model.summary is None


def test_an_unknown_pepite_written_as_a_first_name_points_at_the_file(tmp_path):
    from pelican.plugins.tierslieu.model.loading import _closest_pepite  # noqa: PLC0415

    known = ["amis-du-gai-relais", "camille-morel", "theo-gauthier-nunez", "theodora-petit"]
    assert _closest_pepite("Théo Gauthier", known) == "theo-gauthier-nunez"
    assert _closest_pepite("camile-morel", known) == "camille-morel"
    assert _closest_pepite("Théo", known) is None  # two pépites start with it: the list is shown instead


def test_a_key_without_its_colon_is_told_at_its_own_line():
    from pelican.plugins.tierslieu.model.yamlfile import parse_yaml  # noqa: PLC0415

    _, problems = parse_yaml("# c\ntitle Apéro des coworkers\nstart: 2027-01-12\n", "f.yaml")
    assert [str(problem) for problem in problems] == [
        "f.yaml:2: deux-points manquant : écrivez « clé: valeur » (ou vérifiez le décalage de la ligne suivante)"
    ]
    _, problems = parse_yaml("summary: x\ntitle: Apéro : été\n", "f.yaml")
    assert next(str(problem) for problem in problems).startswith("f.yaml:2: « : » inattendu")


def test_texts_are_nfc_so_one_spelling_makes_one_tag_and_one_category(tmp_path):
    pepite = 'name: Anne\ntrade: Potière\ntags: ["été", "e\\u0301te\\u0301", "hiver"]\n'
    event = 'title: "Fe\\u0302te"\nstart: 2027-01-12\ncategory: "Ce\\u0301ramique"\n'
    loaded = load_ok(tmp_path, {"data/pepites/anne.yaml": pepite, "data/events/a.yaml": event})
    assert loaded.pepites[0].model.tags == ["été", "hiver"]
    assert (loaded.events[0].model.title, loaded.events[0].model.category) == ("Fête", "Céramique")
