"""Load data/ into validated models, reporting every problem with its file and line."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel

from .errors import DataError, DataErrors
from .events import EventData
from .models import PepiteData, VenueData
from .network import NetworkVenueData, check_network
from .paths import display_path, is_inside, readable_name, refuse_path, refuse_unread, suggested_slug
from .rereading import read_model
from .sessions import check_sessions
from .texts import short
from .yamlfile import YamlDocument

YAML_SUFFIXES = (".yaml", ".yml")
_BACKUPS = ("~", ".bak", ".swp")
"""Editors' backup files, ignored in data/ as hidden files are."""
FILE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A data file's name without its suffix (SPEC 2): lower-case ASCII letters, digits, hyphens."""
PREVIEW = 5  # names listed when a pépite is unknown


@dataclass
class Source:
    """One data file: its slug, where it is, and what could be read of it."""

    slug: str
    path: str
    display: str
    document: YamlDocument | None
    model: BaseModel | None = None


@dataclass
class LoadedData:
    """The validated data of a venue."""

    venue: VenueData
    venue_source: Source
    pepites: list[Source] = field(default_factory=list)
    events: list[Source] = field(default_factory=list)
    network: list[Source] = field(default_factory=list)
    """The network venues (data/network/), other tiers-lieux whose agendas the site shows."""
    checked: bool = False
    """True once the rules that need the settings (time zone, content/) were checked too."""


def load_data(path: str, root: str, rules: Callable[[LoadedData], list[DataError]] | None = None) -> LoadedData:
    """Load and validate every file of the data folder, or raise DataErrors.

    ``path`` is the data folder, ``root`` the project folder (paths in
    messages are shown from it). ``rules``, when given, returns the
    problems of what could be read that need more than the files (the
    settings' time zone, content/: ``rules.check_loaded``); they are
    reported in the same pass, so that every problem is reported at once.
    """
    errors: list[DataError] = []
    venue = _load_venue(path, root, errors)
    pepites = _load_collection(os.path.join(path, "pepites"), root, PepiteData, errors)
    events = _load_collection(os.path.join(path, "events"), root, EventData, errors)
    network = _load_collection(os.path.join(path, "network"), root, NetworkVenueData, errors)
    errors += check_references(pepites, events) + check_network(network, root)
    errors += _unknown_folders(path, root)
    loaded = LoadedData(venue.model, venue, pepites, events, network)
    if rules is not None:
        errors += rules(loaded)
        loaded.checked = True
    if errors:
        raise DataErrors(errors)
    return loaded


KNOWN_FOLDERS = ("events", "network", "pepites")


def _unknown_folders(path: str, root: str) -> list[DataError]:
    """Refuse a folder of data/ that nothing reads (« evenements/ »): its files would be silently ignored."""
    try:
        names = sorted(os.listdir(path))
    except OSError:
        return []
    return [
        DataError(
            display_path(os.path.join(path, name), root),
            1,
            f"dossier « {name} » inconnu : il n'est pas lu ; les événements vont dans le dossier « events », "
            "les pépites dans « pepites », les lieux du réseau dans « network », à côté de lui",
        )
        for name in names
        if not name.startswith(".") and name not in KNOWN_FOLDERS and os.path.isdir(os.path.join(path, name))
    ]


def _load_venue(path: str, root: str, errors: list[DataError]) -> Source:
    candidates = [os.path.join(path, "venue" + suffix) for suffix in YAML_SUFFIXES]
    found = [candidate for candidate in candidates if os.path.lexists(candidate)]
    if not found:
        display = display_path(candidates[0], root)
        errors.append(DataError(display, 1, "fichier obligatoire absent : il décrit le lieu (name, address…)"))
        return Source("venue", candidates[0], display, None)
    if len(found) > 1:
        errors.append(
            DataError(display_path(found[1], root), 1, "le lieu est décrit deux fois : gardez venue.yaml seulement")
        )
    return _load_source(found[0], root, VenueData, errors, os.path.dirname(found[0]))


def _load_collection(folder: str, root: str, model: type[BaseModel], errors: list[DataError]) -> list[Source]:
    if not os.path.isdir(folder):
        return []
    data = os.path.dirname(folder)
    if os.path.islink(folder) and not is_inside(os.path.realpath(folder), data):
        errors.append(
            DataError(
                display_path(folder, root),
                1,
                f"lien symbolique vers un dossier hors de {os.path.basename(os.path.normpath(data))}/ : "
                "il n'est pas lu ; copiez les fichiers ici, ou supprimez le lien",
            )
        )
        return []
    names = sorted(name for name in os.listdir(folder) if _listed(name))
    sources = []
    for name in names:
        if not name.endswith(YAML_SUFFIXES):
            errors.append(refuse_unread(os.path.join(folder, name), root))
            continue
        path = os.path.join(folder, name)
        suffix = ".yml" if name.endswith(".yml") else ".yaml"
        slug = name.removesuffix(suffix)
        if not FILE_SLUG.fullmatch(slug):
            errors.append(
                DataError(
                    display_path(path, root),
                    1,
                    f"nom de fichier « {readable_name(name)} » refusé : il devient l'adresse de la page ; "
                    f"renommez-le « {suggested_slug(slug)}{suffix} » "
                    "(minuscules sans accents, chiffres et tirets)",
                )
            )
            if not slug:  # « .yaml » has no name to give the event: refused, not read
                continue
        sources.append(_load_source(path, root, model, errors, data))
    by_slug: dict[str, Source] = {}
    for source in sources:
        other = by_slug.setdefault(source.slug.lower(), source)
        if other is not source:
            errors.append(DataError(source.display, 1, f"le nom '{source.slug}' est déjà pris par {other.display}"))
    return sources


def _listed(name: str) -> bool:
    """Tell whether a name in data/events/ or data/pepites/ is an editor's file (read, or refused by name).

    Hidden files (tools' caches, « .cache.yaml ») and editors' backups are
    skipped, except a file named only « .yaml » or « .yml »: an event or a
    pépite whose name was left empty, lost without a word otherwise.
    """
    if name.endswith(_BACKUPS):
        return False
    return not name.startswith(".") or name in YAML_SUFFIXES


def _load_source(
    path: str, root: str, model: type[BaseModel], errors: list[DataError], data: str | None = None
) -> Source:
    display = display_path(path, root)
    slug = os.path.splitext(os.path.basename(path))[0]
    refusal = refuse_path(path, display, [data or os.path.dirname(path)])
    if refusal is not None:
        errors.append(refusal)
        return Source(slug, path, display, None)
    document, instance, problems = read_model(path, display, model, duplicates)
    errors += problems
    return Source(slug, path, display, document, instance)


# Lists where a second copy of a value means nothing (and would show twice, or hide a typo).
_SET_LISTS = (
    ("pepites",),
    ("sessions", "*", "pepites"),
    ("aliases",),
    ("repeat", "byday"),
    ("repeat", "except"),
    ("hours", "*", "days"),
)


def duplicates(document: YamlDocument) -> list[DataError]:
    """Refuse a value listed twice in ``pepites``, ``aliases``, ``byday``, ``except`` or ``days``, at the second copy."""
    errors = []
    for pattern in _SET_LISTS:
        for loc, items in _lists_at(document.data, pattern, ()):
            seen: dict[str, int] = {}
            for index, item in enumerate(items):
                if not isinstance(item, str):
                    continue
                line = document.line_of((*loc, index))
                key = item.strip().lower()
                if key in seen:
                    errors.append(
                        DataError(
                            document.path,
                            line,
                            f"'{loc[-1]}' : « {short(item)} » figure déjà dans la liste "
                            f"(ligne {seen[key]}) : supprimez ce doublon",
                        )
                    )
                else:
                    seen[key] = line
    return errors


def _lists_at(data, pattern: tuple, loc: tuple):
    if not pattern:
        if isinstance(data, list):
            yield loc, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for index, item in enumerate(data if isinstance(data, list) else []):
            yield from _lists_at(item, rest, (*loc, index))
    elif isinstance(data, dict) and head in data:
        yield from _lists_at(data[head], rest, (*loc, head))


def check_references(pepites: list[Source], events: list[Source]) -> list[DataError]:
    """Check the rules between files: pépites named by events exist, aliases are free."""
    errors = []
    known = sorted({source.slug for source in pepites})
    taken = {source.slug: source for source in events}
    for event in events:
        data = event.document.data if event.document and isinstance(event.document.data, dict) else {}
        errors += _check_pepite_slugs(event, data.get("pepites"), known)
        for index, session in enumerate(data.get("sessions") if isinstance(data.get("sessions"), list) else []):
            slugs = session.get("pepites") if isinstance(session, dict) else None
            errors += _check_pepite_slugs(event, slugs, known, ("sessions", index, "pepites"))
        if event.model is not None:
            errors += check_sessions(event.model, event.document, event.display)
        for index, alias in enumerate(data.get("aliases") or [] if isinstance(data.get("aliases"), list) else []):
            owner = taken.setdefault(str(alias), event)
            line = event.document.line_of(("aliases", index))
            if str(alias) == event.slug:
                message = f"l'ancien nom '{alias}' est le nom actuel de ce fichier : supprimez-le de 'aliases'"
                errors.append(DataError(event.display, line, message))
            elif owner is not event:
                errors.append(
                    DataError(event.display, line, f"l'ancien nom '{alias}' est déjà utilisé par {owner.display}")
                )
    return errors


def _check_pepite_slugs(event: Source, slugs, known: list[str], loc: tuple = ("pepites",)) -> list[DataError]:
    if not isinstance(slugs, list):
        return []
    errors = []
    for index, slug in enumerate(slugs):
        if isinstance(slug, str) and slug not in known:
            close = _closest_pepite(slug, known)
            hint = f" (vouliez-vous dire '{close}' ?)" if close else f" (pépites : {_preview(known)})"
            line = event.document.line_of((*loc, index))
            errors.append(DataError(event.display, line, f"pépite '{slug}' inconnue{hint}"))
    return errors


def _closest_pepite(name: str, known: list[str]) -> str | None:
    """Return the pépite an editor most likely meant: « Théo » → theo-gauthier-nunez, « lea-fontain » → lea-fontaine."""
    folded = suggested_slug(name)
    starting = [slug for slug in known if slug.startswith(folded)]
    if len(starting) == 1:
        return starting[0]
    close = difflib.get_close_matches(folded, known, n=1)
    return close[0] if close else None


def _preview(names: list[str]) -> str:
    if not names:
        return "aucune"
    return ", ".join(names[:PREVIEW]) + (", …" if len(names) > PREVIEW else "")
