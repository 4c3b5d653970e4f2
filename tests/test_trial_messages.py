"""Messages of editors' data that send the editor to the right file, with the right cure (duplicates, lists, addresses)."""

from __future__ import annotations

import pytest
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


def test_addresses_with_credentials_a_bad_port_or_a_forbidden_character_are_refused(site_copy, capsys):
    event = "title: Atelier {n}\nstart: 2027-02-0{n} 10:00\nregistration: {url}\n"
    write_files(
        site_copy,
        {
            "data/events/zz-1.yaml": event.format(n=1, url='"https://admin:motdepasse@example.org/inscription"'),
            "data/events/zz-2.yaml": event.format(n=2, url="https://example.org:99999/"),
            "data/events/zz-3.yaml": event.format(n=3, url="https://example.org:http/"),
            "data/pepites/zz.yaml": (
                'name: Zoé\ntrade: Potière\nwebsite: "https://example.org/<script>alert(1)</script>"\n'
                "links:\n  - label: Boutique\n    url: https://zoe@example.org/\n"
            ),
        },
    )
    userinfo = "l'adresse contient un identifiant ou un mot de passe (… @) : retirez-les, ils seraient publiés"
    port = "le plus souvent, une adresse n'en a pas"
    assert check(site_copy, capsys) == [
        f"data/events/zz-1.yaml:3: 'registration' : {userinfo} ; écrivez « https://example.org/inscription »",
        (
            "data/events/zz-2.yaml:3: 'registration' : adresse « https://example.org:99999/ » invalide : "
            f"port invalide « 99999 » (un nombre de 1 à 65535) ; {port} : retirez « :99999 »"
        ),
        (
            "data/events/zz-3.yaml:3: 'registration' : adresse « https://example.org:http/ » invalide : "
            f"port invalide « http » (un nombre de 1 à 65535) ; {port} : retirez « :http »"
        ),
        (
            "data/pepites/zz.yaml:3: 'website' : adresse « https://example.org/<script>alert(1)</script> » "
            "invalide : caractère interdit dans une adresse « < »"
        ),
        f"data/pepites/zz.yaml:6: 'url' : {userinfo} ; écrivez « https://example.org/ »",
    ]


def test_markup_in_a_text_field_is_told_the_long_text_of_its_own_kind(site_copy, capsys):
    from test_editors import check as check_with_advice  # noqa: PLC0415 - the advice lines of `invoke check`

    write_files(
        site_copy,
        {
            "data/pepites/zz.yaml": (
                "name: Zoé\ntrade: Potière\nsummary: Tour et <b>émaux</b>\nwebsite: https://example.org/[a](b)\n"
            ),
            "data/events/zz.yaml": "title: Atelier\nstart: 2027-02-03 10:00\nsummary: Tour et **émaux**\n",
        },
    )
    status, out, _err = check_with_advice(site_copy, capsys)
    plain = "ce champ est du texte simple, le site l'affiche tel quel ; la mise en forme se fait dans"
    assert [line.replace(f"{site_copy}/", "") for line in out if "texte simple" in line] == [
        f"data/events/zz.yaml:3: attention : 'summary' contient « **émaux** » : {plain} 'description'",
        f"data/pepites/zz.yaml:3: attention : 'summary' contient « <b> » : {plain} 'bio'",
    ]
    assert status == 0


def test_a_key_shifted_right_under_a_comment_line_is_told_its_alignment(site_copy, capsys):
    """Trial 7 (editor): with a comment line between, one space too many got « décalage incohérent »."""
    text = "title: Atelier\nstart: 2027-01-12 14:00\nrepeat:\n  freq: weekly\n  # le jour\n   byday: [tu]\n  count: 3\n"
    (site_copy / "data/events/atelier-mardi.yaml").write_text(text, "utf-8")
    assert check(site_copy, capsys) == [
        (
            "data/events/atelier-mardi.yaml:6: cette ligne est décalée de 3 espaces, la précédente de 2 : "
            "alignez « byday: [tu] » sur « freq: weekly » (même nombre d'espaces devant)"
        )
    ]


def test_a_text_line_with_a_colon_back_at_the_edge_is_told_it_is_text(site_copy, capsys):
    """Trial 7 (editor): « Venez apprendre : tout le monde. » left of its description gave a bare unknown key."""
    text = (
        "title: Atelier\nstart: 2027-01-12 14:00\ndescription: |\n  Un atelier pour tous.\n"
        "Venez apprendre : tout le monde.\n"
    )
    (site_copy / "data/events/atelier-mardi.yaml").write_text(text, "utf-8")
    assert check(site_copy, capsys) == [
        (
            "data/events/atelier-mardi.yaml:5: clé inconnue 'Venez apprendre' : une clé n'a pas d'espace, cette ligne "
            "est sans doute du texte ; si elle continue le texte d'une clé au-dessus (« description: | »), décalez-la "
            "comme les lignes de ce texte ; sinon, mettez la valeur entre guillemets"
        )
    ]


def test_a_moved_date_at_an_impossible_hour_is_told_as_moved(site_copy, capsys):
    """Editor trial 18: « '2027-03-02' : heure impossible … » named the date, not the key the editor wrote."""
    text = (
        "title: Atelier\nstart: 2027-03-02 14:00\nrepeat:\n  freq: weekly\n  count: 3\n"
        "  moved:\n    2027-03-09: 2027-03-11 25:00\n"
    )
    (site_copy / "data/events/atelier-mardi.yaml").write_text(text, "utf-8")
    assert check(site_copy, capsys) == [
        "data/events/atelier-mardi.yaml:7: 'moved' : heure impossible « 2027-03-11 25:00 »"
    ]


@pytest.mark.parametrize("line", ["Attention : tous niveaux.", "Horaires: 18 h.", "Été : en plein air."])
def test_a_text_line_of_one_word_and_a_colon_back_at_the_edge_is_told_it_is_text(site_copy, capsys, line):
    """Editor trial 15: « Attention : tous niveaux. » left of its description gave a bare « clé inconnue 'Attention' »."""
    text = f"title: Atelier\nstart: 2027-01-12 14:00\ndescription: |\n  Un atelier pour tous.\n{line}\n"
    (site_copy / "data/events/atelier-mardi.yaml").write_text(text, "utf-8")
    word = line.split(":")[0].strip()
    assert check(site_copy, capsys) == [
        (
            f"data/events/atelier-mardi.yaml:5: clé inconnue '{word}' : une clé s'écrit en minuscules, sans accent, "
            "cette ligne est sans doute du texte ; si elle continue le texte d'une clé au-dessus (« description: | »), "
            "décalez-la comme les lignes de ce texte ; sinon, mettez la valeur entre guillemets"
        )
    ]


def test_a_capitalised_key_near_a_real_one_is_still_told_its_spelling(site_copy, capsys):
    """« Title: » is a key spelt wrong, not text: the spelling hint stays."""
    (site_copy / "data/events/atelier-mardi.yaml").write_text("Title: Atelier\nstart: 2027-01-12 14:00\n", "utf-8")
    assert "data/events/atelier-mardi.yaml:1: clé inconnue 'Title' (vouliez-vous dire 'title' ?)" in check(
        site_copy, capsys
    )


def test_a_key_of_a_block_back_at_the_left_edge_is_told_its_block(site_copy, capsys):
    """Editor trial 10: « byday: » at column 0 under « repeat: » gave a bare « clé inconnue 'byday' »."""
    text = "title: Atelier\nstart: 2027-01-12 14:00\nrepeat:\n  freq: weekly\nbyday: [tu]\n"
    (site_copy / "data/events/atelier-mardi.yaml").write_text(text, "utf-8")
    assert check(site_copy, capsys) == [
        (
            "data/events/atelier-mardi.yaml:5: clé inconnue 'byday' à cet endroit : c'est une clé du bloc 'repeat:' ; "
            "décalez-la comme les autres clés de ce bloc"
        )
    ]
