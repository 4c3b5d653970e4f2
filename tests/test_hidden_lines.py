"""Characters shown as nothing in every one-line text, address and number (attacker trial of hidden characters, 2).

Names refused them already (test_hidden_characters); a price (« Gratuit » U+2060), a place made of a blank braille
pattern, a closure reason of two direction marks, an empty-looking town, alternative text or link label, a soft
hyphen in the legal host, and a zero-width space in an address's host (a trap: another site than it looks) were
accepted. One-line texts refuse them as names do (``fields.parse_line``), a text of them only as an empty value;
addresses, e-mails and phone numbers refuse the joiners U+200C/U+200D too. Markdown texts keep them.
"""

from __future__ import annotations

import pytest
from conftest import write_files
from test_input import check

LINE = " : supprimez-le (on ne le voit pas, mais il reste dans le texte publié : pages, calendriers, flux)"
EMPTY = "valeur vide : écrivez une valeur après les deux-points"
NAMES = {
    "\u00ad": "trait d'union conditionnel",
    "\u200b": "espace sans chasse",
    "\u200d": "liant sans chasse",
    "\u2060": "gluon de mots",
}
VENUE = "data/venue.yaml"
EVENT = "data/events/cache.yaml"
PEPITE = "data/pepites/cache.yaml"
NETWORK = "data/network/cache.yaml"


def in_line(char: str) -> str:
    """The message for ``char`` in a one-line text."""
    return f"caractère invisible U+{ord(char):04X} ({NAMES[char]}){LINE}"


def in_address(char: str, what: str = "l'adresse") -> str:
    """The message for ``char`` in an address or a number."""
    return f"caractère invisible U+{ord(char):04X} ({NAMES[char]}) dans {what} : supprimez-le"


def event(extra: str) -> str:
    return f"title: Atelier\nstart: 2027-02-05 10:00\n{extra}\n"


# (file, text or (old, new) in the sample venue, the line's start, the field as told, the message)
CASES = {
    "price": (EVENT, event('price: "Gratuit\\u2060"'), "price", "'price'", in_line("\u2060")),
    "registration": (
        EVENT,
        event('registration: "https://bil\\u200bletterie.example.org/x"'),
        "registration",
        "'registration'",
        in_address("\u200b"),
    ),
    "location": (EVENT, event('location: "\\u2800"'), "location", "'location'", EMPTY),
    "image_alt": (EVENT, event('image: photo.jpg\nimage_alt: "\\u200b"'), "image_alt", "'image_alt'", EMPTY),
    "summary": (EVENT, event('summary: "Salle\\u00ad haute"'), "summary", "'summary'", in_line("\u00ad")),
    "trade": (PEPITE, 'name: Karim\ntrade: "Menui\\u200bsier"\n', "trade", "'trade'", in_line("\u200b")),
    "town": (NETWORK, 'name: La Fabrique\ntown: "\\u00ad"\n', "town", "'town'", EMPTY),
    "website": (
        NETWORK,
        'name: La Fabrique\ntown: Lyon\nwebsite: "https://fa\\u200dbrique.example.org"\n',
        "website",
        "'website'",
        in_address("\u200d"),
    ),
    "network-email": (
        NETWORK,
        'name: La Fabrique\ntown: Lyon\nemail: "contact@fa\\u200bbrique.example.org"\n',
        "email",
        "'email'",
        in_address("\u200b"),
    ),
    "calendar": (
        NETWORK,
        'name: La Fabrique\ntown: Lyon\ncalendar: "https://fa\\u200bbrique.example.org/agenda.ics"\n',
        "calendar",
        "'calendar'",
        in_address("\u200b"),
    ),
    "reason": (
        VENUE,
        ("reason: Fêtes de fin d'année", 'reason: "\\u200e\\u200f"'),
        "  - {start: 2026-12-24",
        "'reason'",
        EMPTY,
    ),
    "unit": (VENUE, ("unit: jour,", 'unit: "\\u2060",'), "  - {name: Journée", "'unit'", EMPTY),
    "host": (
        VENUE,
        ("host: Hébergeur Exemple, 1 rue du Serveur, 75000 Paris", 'host: "\\u00ad\\u00adNuage Vert SAS"'),
        "  host:",
        "'host'",
        in_line("\u00ad"),
    ),
    "label": (VENUE, ("label: Contact", 'label: "\\u200b"'), "links:", "'label'", EMPTY),
    "tagline": (
        VENUE,
        ("tagline: Tiers-lieu de test, à la campagne", 'tagline: "Tiers\\u2060-lieu"'),
        "tagline",
        "'tagline'",
        in_line("\u2060"),
    ),
    "amenity": (VENUE, ("[Wi-Fi, Café]", '[Wi-Fi, "Ca\\u00adfé"]'), "amenities", "'amenities'", in_line("\u00ad")),
    "street": (
        VENUE,
        ("street: 2 rue du Four", 'street: "2\\u200b rue du Four"'),
        "  street",
        "'street'",
        in_line("\u200b"),
    ),
    "email": (
        VENUE,
        ("email: bonjour@grange.example.org", 'email: "bon\\u200bjour@grange.example.org"'),
        "email",
        "'email'",
        in_address("\u200b"),
    ),
    "phone": (VENUE, ('phone: "+33', 'phone: "+33\\u200b'), "phone", "'phone'", in_address("\u200b", "le numéro")),
    "partner-url": (
        VENUE,
        ('url: "https://commune', 'url: "https://com\\u200bmune'),
        "partners",
        "'url'",
        in_address("\u200b"),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_hidden_character_in_a_one_line_field_is_refused_at_its_line(site_copy, capsys, case):
    path, text, start, field, message = CASES[case]
    if isinstance(text, tuple):
        old, new = text
        text = (site_copy / path).read_text(encoding="utf-8")
        assert old in text
        text = text.replace(old, new)
    write_files(site_copy, {path: text})
    line = next(number for number, row in enumerate(text.splitlines(), 1) if row.startswith(start))
    assert check(site_copy, capsys) == [f"{path}:{line}: {field} : {message}"]


SOFT = "\u00ad"


def test_one_line_texts_keep_joiners_and_markdown_texts_keep_soft_hyphens(site_copy, capsys):
    venue = (site_copy / VENUE).read_text(encoding="utf-8")
    venue = venue.replace("Accès au *plateau* partagé", f"Accès au *pla{SOFT}teau* partagé")
    venue = venue.replace("accessibility: Plain-pied", f"accessibility: Plain{SOFT}-pied")
    write_files(
        site_copy,
        {
            VENUE: venue,
            EVENT: event(
                "location: Famille \U0001f468\u200d\U0001f469\u200d\U0001f467\n"
                "price: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\n"
                f"description: Une anti{SOFT}constitu{SOFT}tion{SOFT}nelle"
            ),
            PEPITE: f"name: Karim\ntrade: Menuisier\nbio: Un ébé{SOFT}niste\n",
        },
    )
    assert check(site_copy, capsys) == []
