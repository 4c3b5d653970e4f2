"""`invoke new-event`, `new-pepite`, `new-article`: a correct file to start from."""

from __future__ import annotations

import os
from datetime import date

from pelican.utils import slugify

from pelican.plugins.tierslieu.model.fields import parse_when

SCHEMA_LINE = "# yaml-language-server: $schema={schema}\n"


class ScaffoldError(ValueError):
    """A file that cannot be created (it exists, or a value is wrong)."""


def make_slug(title: str) -> str:
    """Make an ASCII file name from a title: accents folded, words joined by hyphens."""
    title = title.replace("'", " ").replace("\u2019", " ")  # « d'été » → d-ete
    slug = slugify(title, regex_subs=[(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")])
    if not slug:
        raise ScaffoldError(f"impossible de faire un nom de fichier avec « {title} »")
    return slug


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


def new_event(data_folder: str, title: str, start: str, today: date) -> str:
    """Write data/events/<date>-<slug>.yaml and return its path."""
    when = parse_when(start or today.isoformat())
    day = when.date() if hasattr(when, "date") else when
    slug = f"{day.isoformat()}-{make_slug(title)}"
    text = (
        SCHEMA_LINE.format(schema="../../schemas/event.schema.json")
        + f"title: {_yaml_text(title)}\n"
        + f"start: {start or today.isoformat()}\n"
        + "# end: 2027-01-12 17:00        # fin ; pour une journée entière, le dernier jour\n"
        + "# category: Atelier\n"
        + "# summary: Une phrase qui donne envie\n"
        + "# description: |\n#   Ce qui s'y passe, en Markdown.\n"
        + "# location: Salle des fêtes    # seulement si ce n'est pas au tiers-lieu\n"
        + "# registration: https://…       # lien d'inscription\n"
        + "# price: Gratuit\n"
        + "# free: true                    # gratuit (pour les moteurs de recherche)\n"
        + "# image: images/events/photo.jpg\n"
        + "# image_alt: Ce que montre la photo\n"
        + "# online: https://visio…        # lien de visioconférence\n"
        + "# online_only: true             # seulement en ligne (sinon : hybride)\n"
        + "# pepites: [nom-du-fichier-de-la-pepite]\n"
        + "# status: confirmed             # tentative, postponed (reporté) ou cancelled (annulé)\n"
        + "# full: true                    # complet\n"
        + "# repeat:                       # pour une série\n"
        + "#   freq: weekly\n#   byday: [tu]\n#   until: 2027-06-29\n#   except: [2027-02-23]\n"
    )
    return _write_new(os.path.join(data_folder, "events", slug + ".yaml"), text)


def new_pepite(data_folder: str, name: str, trade: str) -> str:
    """Write data/pepites/<slug>.yaml and return its path."""
    if not trade.strip():
        raise ScaffoldError('indiquez le métier : --trade "Ébéniste"')
    text = (
        SCHEMA_LINE.format(schema="../../schemas/pepite.schema.json")
        + f"name: {_yaml_text(name)}\n"
        + f"trade: {_yaml_text(trade)}\n"
        + "# kind: Artisan                 # Artisan, Indépendant, ESS, Association…\n"
        + "# organisation: true            # une structure, pas une personne\n"
        + "# summary: Une ligne de présentation\n"
        + "# bio: |\n#   Quelques lignes, en Markdown.\n"
        + "# photo: images/pepites/nom.jpg\n"
        + "# website: https://…\n"
        + "# email: contact@…\n"
        + "# links: [{label: Instagram, url: https://…}]\n"
        + "# tags: [bois, restauration]\n"
    )
    return _write_new(os.path.join(data_folder, "pepites", make_slug(name) + ".yaml"), text)


def new_article(content_folder: str, title: str, today: date, now_time: str = "09:00") -> str:
    """Write content/<date>-<slug>.md and return its path."""
    slug = make_slug(title)
    text = (
        f"Title: {title}\n"
        f"Date: {today.isoformat()} {now_time}\n"
        "Category: Vie du lieu\n"
        "Tags: \n"
        f"Slug: {slug}\n"
        "Summary: Une phrase qui résume l'article.\n"
        "Status: published\n"
        "\n"
        "Écrivez ici, en Markdown. Un paragraphe, une ligne vide, un autre paragraphe.\n"
        "\n"
        "## Un intertitre\n"
        "\n"
        "- une liste\n"
        "- de points\n"
    )
    return _write_new(os.path.join(content_folder, f"{today.isoformat()}-{slug}.md"), text)
