"""Network venues: the other tiers-lieux whose agendas the site shows (data/network/<slug>.yaml).

A network venue is not a partner: the venue's ``partners:`` are
organisations that support it, these are other venues of the same network
(SPEC section 2). Their feeds are untrusted: what they hold is read by
``network/reading.py``, never here.
"""

from __future__ import annotations

import os
import posixpath
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import BeforeValidator, ConfigDict, WithJsonSchema
from pydantic_core import PydanticCustomError

from .errors import DataError
from .fields import Email, Line, TimezoneName, parse_text
from .groupings import Grouping
from .models import Address, Geo, Model
from .paths import is_inside
from .texts import hidden_in_address
from .titles import Title
from .urls import Url

CALENDAR_PATTERN = r"^(https?://[^\s/?#]+[^\s]*|[^/\s:][^\s:]*)$"
# Project folders a feed never lives in: the site's own builds (output/, the preview's cache/), the
# tools' (.venv, node_modules, hidden folders such as .git) and the editors' sources (data/, content/).
# A build reading them would read itself: what it shows would depend on the previous build.
FORBIDDEN_FOLDERS = frozenset({"output", "cache", "node_modules", "data", "content"})


def parse_calendar(value) -> str:
    """Accept an http(s) URL, or a relative path inside the project (``network-feeds/lieu.ics``).

    Raises a French PydanticCustomError for any other scheme (``file:``,
    ``ftp:``), an address urllib cannot read (« http://[::1 », a port that
    is not a number), an absolute path, a path that climbs out with ``..``,
    a path under a hidden folder or a top folder of ``FORBIDDEN_FOLDERS``
    (the site's builds, tools, editors' sources: a build must not read its
    previous output), or a file whose name does not end in ``.ics``; first, a character shown as
    nothing (``texts.hidden_in_address``), PydanticCustomError ``hidden_character``.
    """
    text = parse_text(value).strip()
    if hidden := hidden_in_address(text):
        raise PydanticCustomError("hidden_character", hidden)
    if "://" in text or ":" in text.split("/", 1)[0]:
        try:
            parts = urlsplit(text)
            parts.port  # noqa: B018 - reading it refuses a port out of range or not a number (ValueError)
        except ValueError:  # « http://[::1 »: an unclosed IPv6 bracket
            parts = None
        if (
            parts is None
            or parts.scheme not in ("http", "https")
            or not parts.netloc
            or any(char.isspace() for char in text)
        ):
            raise PydanticCustomError(
                "calendar",
                "calendrier « {value} » refusé : une adresse https://… ou http://…, "
                "ou un chemin dans le projet (network-feeds/lieu.ics)",
                {"value": text},
            )
        return text
    normal = posixpath.normpath(text.replace("\\", "/"))
    if text.startswith(("/", "~")) or normal == ".." or normal.startswith("../"):
        raise PydanticCustomError(
            "calendar",
            "calendrier « {value} » refusé : un chemin relatif au dossier du projet, sans en sortir",
            {"value": text},
        )
    folders = normal.split("/")[:-1]
    if any(folder.startswith(".") for folder in folders) or (folders and folders[0].lower() in FORBIDDEN_FOLDERS):
        raise PydanticCustomError(
            "calendar",
            "calendrier « {value} » refusé : ce dossier est celui du site construit, des outils ou de vos données "
            "(output/, cache/, dossiers cachés, node_modules/, data/, content/) ; "
            "rangez le fichier dans un dossier à lui (network-feeds/lieu.ics)",
            {"value": text},
        )
    if not normal.lower().endswith(".ics"):
        raise PydanticCustomError(
            "calendar",
            "calendrier « {value} » refusé : un fichier iCalendar finit par .ics (network-feeds/lieu.ics)",
            {"value": text},
        )
    return normal


Calendar = Annotated[
    str, BeforeValidator(parse_calendar), WithJsonSchema({"type": "string", "pattern": CALENDAR_PATTERN})
]


class NetworkVenueData(Model):
    """Another venue of the network (data/network/<slug>.yaml), whose agenda the site shows."""

    # The JSON Schema keeps the title editors' tools show.
    model_config = ConfigDict(title="NetworkVenue")

    name: Title
    """Nom du lieu."""
    town: Line
    """Commune."""
    kind: Grouping | None = None
    """Genre : Tiers-lieu, Fablab, Café associatif…"""
    address: Address | None = None
    """Adresse postale."""
    geo: Geo | None = None
    """Coordonnées pour la carte."""
    website: Url | None = None
    """Site du lieu."""
    email: Email | None = None
    """Adresse e-mail de contact."""
    summary: Line | None = None
    """Une ligne de présentation."""
    calendar: Calendar | None = None
    """Son agenda iCalendar : une adresse https://…/agenda.ics (lue par invoke fetch-network),
    ou un chemin dans le projet (network-feeds/lieu.ics)."""
    timezone: TimezoneName | None = None
    """Fuseau des heures sans fuseau de son agenda (Europe/Paris par défaut : celui du site)."""

    @property
    def calendar_is_url(self) -> bool:
        """Tell whether the feed is fetched from the web (else it is a file of the project)."""
        return bool(self.calendar) and self.calendar.startswith(("http://", "https://"))


def check_network(sources: list, root: str) -> list[DataError]:
    """Refuse a network venue whose calendar path is missing, not a regular file, or leads out (a link).

    A named pipe or a folder is « pas un fichier ordinaire » (reading a pipe would wait for ever).

    ``sources`` are loading.Source objects of data/network/; ``root`` the
    project folder paths are relative to. Errors point at the ``calendar`` line.
    """
    errors = []
    for source in sources:
        model = source.model
        if model is None or not model.calendar or model.calendar_is_url:
            continue
        line = source.document.line_of(("calendar",))
        path = os.path.join(root, model.calendar)
        if not is_inside(os.path.realpath(path), os.path.realpath(root)):
            errors.append(DataError(source.display, line, f"calendrier « {model.calendar} » hors du projet (lien)"))
        elif os.path.exists(path) and not os.path.isfile(path):
            errors.append(
                DataError(source.display, line, f"calendrier « {model.calendar} » : ce n'est pas un fichier ordinaire")
            )
        elif not os.path.isfile(path):
            errors.append(
                DataError(
                    source.display, line, f"calendrier « {model.calendar} » introuvable (chemin depuis le projet)"
                )
            )
    return errors
