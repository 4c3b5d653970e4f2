"""`invoke new-event`, `new-pepite`, `new-network-venue`, `new-article`: a correct file to start from.

Data files start with the line that gives editors completion (VS Code's
YAML extension reads it; nothing requires it), then the required keys,
then commented examples: ``# key: value`` lines that give a valid file once
uncommented, each after a ``## …`` line that explains it. An article is a
draft holding « À compléter » where the text goes (publishing.py refuses
it once published).
"""

from __future__ import annotations

import os
import unicodedata
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from pelican.utils import slugify

from pelican.plugins.tierslieu.dates import missing_time, missing_time_message
from pelican.plugins.tierslieu.model.fields import parse_when
from pelican.plugins.tierslieu.model.loading import FILE_SLUG, YAML_SUFFIXES
from pelican.plugins.tierslieu.model.weekdays import Weekday
from pelican.plugins.tierslieu.publishing import LINK_TO_COMPLETE, TO_COMPLETE

SCHEMA_LINE = "# yaml-language-server: $schema={schema}\n"
EXAMPLES_HEADER = (
    "## Les lignes « # clé: valeur » sont des exemples : pour en utiliser une, enlevez « # » et l'espace "
    "qui suit, puis complétez-la.\n"
)
START_MISSING = 'indiquez le début : --start "2027-01-12 14:00" (ou --start 2027-01-12 pour une journée entière)'
DRAFT_HINT = (
    "C'est un brouillon : il n'est pas publié tant que son en-tête dit « Status: draft ». "
    f"Remplacez les « {TO_COMPLETE} », puis écrivez « Status: published » pour le publier."
)
"""What `invoke new-article` says after writing the file."""
ADDRESS_EXAMPLE = ("À compléter (numéro et rue)", "À compléter")
"""The street and postal code of the network venue scaffold's address example: required keys, so not empty; both are
placeholders that `invoke check` and publishing refuse (publishing.py), so no made-up address is published."""
PARIS = ZoneInfo("Europe/Paris")
"""The site's time zone when the settings name none (settings.site_timezone)."""
SLUG_LENGTH = 80
"""Longest file name made from a title, without date or suffix: file systems refuse names over 255 bytes, and a
page address stays readable."""
PEPITES_SHOWN = 3
"""How many pépites' file names the event scaffold shows as examples."""


class ScaffoldError(ValueError):
    """A file that cannot be created (it exists, or a value is wrong)."""


def make_slug(title: str) -> str:
    """Make an ASCII file name from a title: accents folded, words joined by hyphens.

    The name is one data files accept (model/loading.py: FILE_SLUG), at
    most SLUG_LENGTH characters, cut at a hyphen; a title that gives none
    (« !!! », « --- ») raises ScaffoldError.
    """
    title = title.replace("'", " ").replace("\u2019", " ")  # « d'été » → d-ete
    slug = slugify(title, regex_subs=[(r"[^\w\s-]", ""), (r"[-\s_]+", "-")]).strip("-")
    if len(slug) > SLUG_LENGTH:  # cut at the last hyphen that keeps it short, else within the word
        cut = slug.rfind("-", 0, SLUG_LENGTH + 1)
        slug = slug[: cut if cut > 0 else SLUG_LENGTH]
    if not FILE_SLUG.fullmatch(slug):
        raise ScaffoldError(f"impossible de faire un nom de fichier avec « {title} »")
    return slug


def one_line(value: str, what: str) -> str:
    """Return ``value``; raise ScaffoldError when it holds a line break or a control character.

    ``what`` names the value in the message (« le titre »). A line break
    would add lines to the file: in an article's header, headers the editor
    never wrote (``Authors:``, ``Modified:``), which Pelican reads. Control
    characters are Unicode's Cc, line and paragraph separators (Zl, Zp).
    """
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in value):
        raise ScaffoldError(
            f"{what} contient un saut de ligne ou un caractère de contrôle : écrivez-le sur une seule ligne, "
            "sans caractère invisible ; rien n'a été écrit"
        )
    return value


def _yaml_text(value: str) -> str:
    """Quote a text for YAML the safe way (double quotes, escaped)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _write_new(path: str, text: str) -> str:
    if os.path.exists(path):
        raise ScaffoldError(f"{os.path.relpath(path)} existe déjà : rien n'a été écrit")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "x", encoding="utf-8") as stream:
        stream.write(text)
    return path


def new_event(data_folder: str, title: str, start: str, zone: tzinfo = PARIS) -> str:
    """Write data/events/<date>-<slug>.yaml and return its path.

    ``start`` is required (ScaffoldError in French without it): a date
    (all-day) or a local date-time, as the file takes it; a local time
    that ``zone`` (the site's time zone) skips at a clock change raises
    ScaffoldError with the message of `invoke check` (rules.py, through
    dates.missing_time_message). The commented examples are derived from
    it (event_examples), so that uncommenting them gives a valid file.
    """
    one_line(title, "le titre")
    if not start.strip():
        raise ScaffoldError(START_MISSING)
    when = parse_when(start.strip())
    after = missing_time(when, zone)
    if after is not None:
        raise ScaffoldError(f"{missing_time_message('start', when, after, zone)} ; rien n'a été écrit")
    day = when.date() if isinstance(when, datetime) else when
    slug = f"{day.isoformat()}-{make_slug(title)}"
    text = (
        SCHEMA_LINE.format(schema="../../schemas/event.schema.json")
        + f"title: {_yaml_text(title)}\n"
        + f"start: {start.strip()}\n"
        + event_examples(when, _pepite_slugs(data_folder))
    )
    return _write_new(os.path.join(data_folder, "events", slug + ".yaml"), text)


def event_examples(when: date | datetime, pepites: list[str]) -> str:
    """Return the commented examples of an event file that starts at ``when`` (dates of its own series).

    Lines ``# key: value`` are examples, ``## …`` explanations: uncommenting
    every example gives a valid file (an empty value counts as absent).
    Values only the editor knows are left empty: a value written for them
    to replace would be published as it is (publishing.py refuses it).
    """
    all_day = not isinstance(when, datetime)
    day = when if all_day else when.date()
    weeks = [day + timedelta(weeks=n) for n in range(8)]
    moved = weeks[4] + timedelta(days=1)
    end = day + timedelta(days=1) if all_day else when + timedelta(hours=2)
    shown = ", ".join(pepites[:PEPITES_SHOWN]) + (", …" if len(pepites) > PEPITES_SHOWN else "")
    known = f" (ici : {shown})" if pepites else ""
    return (
        EXAMPLES_HEADER
        + "## Fin : pour une journée entière, le dernier jour (inclus).\n"
        + f"# end: {_when_text(end)}\n"
        + "## Catégorie, écrite comme pour les autres événements (Atelier, Conférence…) :\n# category:\n"
        + "## Une phrase qui donne envie (texte simple) :\n# summary:\n"
        + "## Ce qui s'y passe, en Markdown, sur les lignes suivantes décalées de deux espaces :\n"
        + "# description: |\n"
        + "## Lieu, seulement si ce n'est pas au tiers-lieu :\n# location:\n"
        + f"## Lien d'inscription ou de billetterie ({LINK_TO_COMPLETE}) :\n# registration:\n"
        + "## Prix, en texte (Gratuit, 10 €, prix libre…) :\n# price:\n"
        + "## Image sous content/ (images/events/affiche.jpg) et ce qu'elle montre :\n# image:\n# image_alt:\n"
        + f"## Lien de visioconférence ({LINK_TO_COMPLETE}) ; avec « online_only: true » si tout est en ligne :\n"
        + "# online:\n"
        + f"## Pépites qui participent, par le nom de leur fichier{known} :\n# pepites: []\n"
        + "## Statut : confirmed, tentative (à confirmer), postponed (reporté) ou cancelled (annulé) :\n"
        + "# status: confirmed\n"
        + "## Complet :\n# full: true\n"
        + f"## Une série : chaque semaine le {Weekday.of(day).french}, jusqu'au {weeks[7].isoformat()}, "
        + f"sans le {weeks[2].isoformat()}, et celle du {weeks[4].isoformat()} déplacée au lendemain :\n"
        + "# repeat:\n#   freq: weekly\n"
        + f"#   byday: [{Weekday.of(day).code}]\n"
        + f"#   until: {weeks[7].isoformat()}\n"
        + f"#   except: [{weeks[2].isoformat()}]\n"
        + "#   moved:\n"
        + f"#     {weeks[4].isoformat()}: {_when_text(moved if all_day else datetime.combine(moved, when.timetz()))}\n"
        + _session_examples(when)
    )


def _session_examples(when: date | datetime) -> str:
    """Return the example of a programme, behind « ## » (a series has no sessions, so both cannot be uncommented)."""
    first = time(10) if not isinstance(when, datetime) else when.time()
    start = datetime.combine(date(2000, 1, 1), first)
    end = start + timedelta(minutes=45)
    return (
        "## Ou bien, si ce n'est pas une série, le programme de la journée : une session par « - », "
        "aux heures du jour de l'événement (date et heure si l'événement dure plusieurs jours). "
        "Pour l'utiliser, enlevez « ## » devant ces lignes :\n"
        "## sessions:\n"
        f'##   - start: "{start:%H:%M}"\n'
        f'##     end: "{end:%H:%M}"\n'
        "##     title: Accueil et présentation\n"
        "##     place: Salle principale\n"
        "##     pepites: []\n"
    )


def _when_text(when: date | datetime) -> str:
    """Write a date or date-time as the files do: 2027-01-12, 2027-01-12 14:00, or with its offset."""
    if not isinstance(when, datetime):
        return when.isoformat()
    if when.tzinfo is not None:
        return when.isoformat()
    return when.strftime("%Y-%m-%d %H:%M") + (f":{when.second:02d}" if when.second else "")


def _pepite_slugs(data_folder: str) -> list[str]:
    folder = os.path.join(data_folder, "pepites")
    if not os.path.isdir(folder):
        return []
    return sorted(os.path.splitext(name)[0] for name in os.listdir(folder) if name.endswith(YAML_SUFFIXES))


def new_pepite(data_folder: str, name: str, trade: str) -> str:
    """Write data/pepites/<slug>.yaml and return its path (ScaffoldError in French without a trade, or see one_line)."""
    one_line(name, "le nom")
    one_line(trade, "le métier")
    if not trade.strip():
        raise ScaffoldError('indiquez le métier : --trade "Ébéniste"')
    text = (
        SCHEMA_LINE.format(schema="../../schemas/pepite.schema.json")
        + f"name: {_yaml_text(name)}\n"
        + f"trade: {_yaml_text(trade)}\n"
        + EXAMPLES_HEADER
        + "## Groupe sur la page des pépites (Artisan, Indépendant, ESS, Association…) :\n# kind:\n"
        + "## Une structure, pas une personne :\n# organisation: true\n"
        + "## Une ligne de présentation (texte simple) :\n# summary:\n"
        + "## Quelques lignes, en Markdown, sur les lignes suivantes décalées de deux espaces :\n# bio: |\n"
        + "## Photo sous content/ (images/pepites/nom.jpg) :\n# photo:\n"
        + f"## Site ({LINK_TO_COMPLETE}) et adresse e-mail :\n# website:\n# email:\n"
        + f"## Autres liens, par exemple [{{label: Instagram, url: {LINK_TO_COMPLETE}}}] :\n# links: []\n"
        + "## Mots-clés, par exemple [bois, restauration] :\n# tags: []\n"
    )
    return _write_new(os.path.join(data_folder, "pepites", make_slug(name) + ".yaml"), text)


def new_network_venue(data_folder: str, name: str, town: str) -> str:
    """Write data/network/<slug>.yaml, a venue of the network, and return its path.

    Raises ScaffoldError without a town, or with a line break in the name or town (one_line).
    """
    one_line(name, "le nom")
    one_line(town, "la commune")
    if not town.strip():
        raise ScaffoldError('indiquez la commune : --town "Les Essarts-le-Roi"')
    text = (
        SCHEMA_LINE.format(schema="../../schemas/network-venue.schema.json")
        + f"name: {_yaml_text(name)}\n"
        + f"town: {_yaml_text(town)}\n"
        + EXAMPLES_HEADER
        + "## Son agenda iCalendar : l'adresse de son flux .ics (Gancio, Mobilizon, Google Agenda…),\n"
        + "## lue par « invoke fetch-network », ou un fichier du projet (network-feeds/lieu.ics) :\n"
        + f"# calendar: {LINK_TO_COMPLETE}\n"
        + "## Fuseau des heures sans fuseau de cet agenda (celui du site sinon) :\n# timezone: Europe/Paris\n"
        + "## Genre (Tiers-lieu, Fablab, Café associatif…) et une ligne de présentation :\n# kind:\n# summary:\n"
        + f"## Site ({LINK_TO_COMPLETE}) et adresse e-mail :\n# website:\n# email:\n"
        + "## Adresse (remplacez la rue et le code postal d'exemple) et coordonnées (latitude, longitude) :\n"
        + f'# address:\n#   street: {ADDRESS_EXAMPLE[0]}\n#   postal_code: "{ADDRESS_EXAMPLE[1]}"\n'
        + f"#   city: {_yaml_text(town)}\n"
        + "## Coordonnées, à relever sur une carte (ajoutez la ligne sans « ## ») : geo: {lat: 48.79, lon: 1.90}\n"
    )
    return _write_new(os.path.join(data_folder, "network", make_slug(name) + ".yaml"), text)


def new_article(content_folder: str, title: str, today: date, now_time: str = "09:00") -> str:
    """Write content/<date>-<slug>.md, a draft (``Status: draft``), and return its path.

    Its summary and text are « À compléter »: once it says ``Status:
    published``, `invoke check` and `invoke publish` refuse them (publishing.py).
    A title with a line break raises ScaffoldError (one_line).
    """
    one_line(title, "le titre")
    slug = make_slug(title)
    text = (
        f"Title: {title}\n"
        f"Date: {today.isoformat()} {now_time}\n"
        "Category: Vie du lieu\n"
        "Tags:\n"
        f"Slug: {slug}\n"
        f"Summary: {TO_COMPLETE} : une phrase qui résume l'article.\n"
        "Status: draft\n"
        "\n"
        f"{TO_COMPLETE} : écrivez ici l'article, en Markdown (un paragraphe, une ligne vide, un autre "
        "paragraphe ; « ## » devant un intertitre, « - » devant chaque point d'une liste).\n"
    )
    return _write_new(os.path.join(content_folder, f"{today.isoformat()}-{slug}.md"), text)
