"""Messages of editors' data that send the editor to the right file, with the right cure (duplicates, lists, addresses)."""

from __future__ import annotations

from conftest import write_files
from test_input import check

SALON = "data/events/salon-artisans.yaml"


def test_a_copied_event_is_refused_at_both_files(site_copy, capsys):
    text = (site_copy / SALON).read_text(encoding="utf-8")
    write_files(site_copy, {"data/events/salon-artisans-copie.yaml": text.replace("Salon des", "SALON des")})
    copy = "data/events/salon-artisans-copie.yaml"
    advice = "un doublon ? supprimez l'un des deux fichiers, ou changez le titre"
    assert check(site_copy, capsys) == [
        f"{copy}:2: même titre et même début que {SALON}:2 : {advice}",
        f"{SALON}:2: même titre et même début que {copy}:2 : {advice}",
    ]


def test_a_copied_series_is_refused_by_its_first_start_only(site_copy, capsys):
    hebdo = "data/events/atelier-hebdo.yaml"
    text = (site_copy / hebdo).read_text(encoding="utf-8")
    write_files(
        site_copy,
        {
            "data/events/atelier-hebdo-copie.yaml": text.replace("count: 12", "count: 3"),
            # One of the series' later dates, as an event of its own: no duplicate of the series.
            "data/events/atelier-seul.yaml": 'title: Atelier "couture" du mardi\nstart: 2026-11-10 18:30\n',
        },
    )
    advice = "un doublon ? supprimez l'un des deux fichiers, ou changez le titre"
    assert check(site_copy, capsys) == [
        f"data/events/atelier-hebdo-copie.yaml:2: même titre et même début que {hebdo}:2 : {advice}",
        f"{hebdo}:2: même titre et même début que data/events/atelier-hebdo-copie.yaml:2 : {advice}",
    ]


def test_a_pepite_named_as_another_is_refused_at_both_files(site_copy, capsys):
    write_files(site_copy, {"data/pepites/aide-memoire.yaml": "name: ELOISE Berenger\ntrade: Potière\n"})
    advice = "donnez à chaque pépite un nom à elle"
    assert check(site_copy, capsys) == [
        (
            "data/pepites/aide-memoire.yaml:1: 'name' : « ELOISE Berenger » est aussi le nom de la pépite de "
            f"data/pepites/eloise-berenger.yaml:2 (« Éloïse Bérenger ») : {advice}"
        ),
        (
            "data/pepites/eloise-berenger.yaml:2: 'name' : « Éloïse Bérenger » est aussi le nom de la pépite de "
            f"data/pepites/aide-memoire.yaml:1 (« ELOISE Berenger ») : {advice}"
        ),
    ]


def test_a_list_begun_on_its_key_line_is_told_its_form_first(site_copy, capsys):
    write_files(
        site_copy,
        {
            "data/pepites/zz.yaml": (
                'name: Zoé\ntrade: Potière\nlinks: - {label: Instagram, url: "https://instagram.example.org/x"}\n'
            ),
            "data/events/zz.yaml": "title: Atelier\nstart: 2027-02-03 10:00\npepites: - eloise-berenger\n",
            "data/events/zz-texte.yaml": "title: Atelier\nstart: 2027-02-04 10:00\nsummary: - retouches faciles\n",
        },
    )
    assert check(site_copy, capsys) == [
        (
            "data/events/zz-texte.yaml:3: « - » suivi d'une espace en début de valeur annonce une liste en YAML : "
            'mettez toute la valeur entre guillemets ("- retouches faciles")'
        ),
        (
            "data/events/zz.yaml:3: 'pepites' : une liste est attendue, sous 'pepites:' et décalée de deux espaces, "
            "un « - » par élément (- …), ou sur la ligne de la clé entre crochets ([a, b])"
        ),
        (
            "data/pepites/zz.yaml:3: 'links' : une liste de blocs est attendue, sous 'links:' et décalée de deux "
            "espaces, un « - » par élément (- label: …  url: …)"
        ),
    ]
