"""Load data/ into validated models, reporting every problem with its file and line."""

from __future__ import annotations

import difflib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from .errors import DataError, DataErrors
from .models import EventData, PepiteData, VenueData
from .yamlfile import YamlDocument, read_yaml

YAML_SUFFIXES = (".yaml", ".yml")
FILE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A data file's name without its suffix (SPEC 2): lower-case ASCII letters, digits, hyphens."""
SHORT = 40  # characters of a wrong value quoted in a message
PREVIEW = 5  # names listed when a pépite is unknown

_SIMPLE_MESSAGES = {
    "missing": "clé obligatoire '{field}' manquante",
    "bool_parsing": "'{field}' : true ou false attendu, reçu « {input} »",
    "bool_type": "'{field}' : true ou false attendu",
    "int_parsing": "'{field}' : nombre entier attendu, reçu « {input} »",
    "int_from_float": "'{field}' : nombre entier attendu, reçu « {input} »",
    "float_parsing": "'{field}' : nombre attendu, reçu « {input} »",
    "list_type": "'{field}' : une liste est attendue, par exemple [a, b]",
    "dict_type": "'{field}' : un bloc de clés est attendu",
    "model_type": "'{field}' : un bloc de clés est attendu",
    "model_attributes_type": "'{field}' : un bloc de clés est attendu",
    "string_type": "'{field}' : texte attendu",
    "too_short": "'{field}' : la liste ne peut pas être vide",
    "greater_than_equal": "'{field}' : doit valoir au moins {ge}",
    "less_than_equal": "'{field}' : doit valoir au plus {le}",
}


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
    checked: bool = False
    """True once the rules that need the settings (time zone, content/) were checked too."""


def load_data(path: str, root: str, settings: dict | None = None) -> LoadedData:
    """Load and validate every file of the data folder, or raise DataErrors.

    ``path`` is the data folder, ``root`` the project folder (paths in
    messages are shown from it). With ``settings``, the rules that need
    them (times that do not exist in the event's zone, series dates,
    images under content/; see ``rules.check_loaded``) are checked in the
    same pass, so that every problem is reported at once.
    """
    errors: list[DataError] = []
    venue = _load_venue(path, root, errors)
    pepites = _load_collection(os.path.join(path, "pepites"), root, PepiteData, errors)
    events = _load_collection(os.path.join(path, "events"), root, EventData, errors)
    errors += check_references(pepites, events)
    loaded = LoadedData(venue.model, venue, pepites, events)
    if settings is not None:
        from .rules import check_loaded  # noqa: PLC0415 - rules imports this module

        errors += check_loaded(loaded, settings)
        loaded.checked = True
    if errors:
        raise DataErrors(errors, display_path(path, root).rstrip("/") + "/")
    return loaded


def display_path(path: str, root: str) -> str:
    """Show a path from the project root when it is inside it."""
    relative = os.path.relpath(path, root)
    return path if relative.startswith("..") else relative


def suggested_slug(name: str) -> str:
    """Return the file slug closest to ``name``: « Noël Durand » → noel-durand."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") or "nom"


def refuse_path(path: str, display: str, folders: list[str]) -> DataError | None:
    """Return why ``path`` must not be read, or None.

    A symbolic link must lead inside one of ``folders`` (the data or content
    folder, the project); a FIFO, a device or a folder is never opened
    (opening a FIFO blocks, /dev/zero never ends).
    """
    try:
        if os.path.islink(path):
            real = os.path.realpath(path)
            if not any(_inside(real, folder) for folder in folders):
                return DataError(display, 1, "lien symbolique vers un fichier hors du projet : il n'est ni lu ni publié ; "
                                             "copiez le fichier ici, ou supprimez le lien")
        mode = os.stat(path).st_mode
    except OSError as exc:
        return DataError(display, 1, f"fichier illisible ({exc.strerror}) : vérifiez qu'il existe et ses droits")
    if stat.S_ISDIR(mode):
        return DataError(display, 1, "c'est un dossier, pas un fichier : renommez-le sans « .yaml », ou déplacez son contenu")
    if not stat.S_ISREG(mode):
        return DataError(display, 1, "ce n'est pas un fichier ordinaire (tube, périphérique…) : il n'est pas lu ; supprimez-le")
    return None


def _inside(path: str, folder: str) -> bool:
    folder = os.path.realpath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _load_venue(path: str, root: str, errors: list[DataError]) -> Source:
    candidates = [os.path.join(path, "venue" + suffix) for suffix in YAML_SUFFIXES]
    found = [candidate for candidate in candidates if os.path.lexists(candidate)]
    if not found:
        display = display_path(candidates[0], root)
        errors.append(DataError(display, 1, "fichier obligatoire absent : il décrit le lieu (name, address…)"))
        return Source("venue", candidates[0], display, None)
    if len(found) > 1:
        errors.append(DataError(display_path(found[1], root), 1, "le lieu est décrit deux fois : gardez venue.yaml seulement"))
    return _load_source(found[0], root, VenueData, errors, os.path.dirname(found[0]))


def _load_collection(folder: str, root: str, model: type[BaseModel], errors: list[DataError]) -> list[Source]:
    if not os.path.isdir(folder):
        return []
    data = os.path.dirname(folder)
    if os.path.islink(folder) and not any(_inside(os.path.realpath(folder), base) for base in (data, root)):
        errors.append(DataError(display_path(folder, root), 1, "lien symbolique vers un dossier hors du projet : il n'est pas lu ; "
                                                               "copiez les fichiers ici, ou supprimez le lien"))
        return []
    names = sorted(name for name in os.listdir(folder) if name.endswith(YAML_SUFFIXES) and not name.startswith("."))
    sources = []
    for name in names:
        path = os.path.join(folder, name)
        slug = os.path.splitext(name)[0]
        if not FILE_SLUG.fullmatch(slug):
            suffix = os.path.splitext(name)[1]
            errors.append(DataError(display_path(path, root), 1, f"nom de fichier « {name} » refusé : il devient l'adresse de la page ; "
                                                                 f"renommez-le « {suggested_slug(slug)}{suffix} » "
                                                                 "(minuscules sans accents, chiffres et tirets)"))
        sources.append(_load_source(path, root, model, errors, data))
    by_slug: dict[str, Source] = {}
    for source in sources:
        other = by_slug.setdefault(source.slug.lower(), source)
        if other is not source:
            errors.append(DataError(source.display, 1, f"le nom '{source.slug}' est déjà pris par {other.display}"))
    return sources


def _load_source(path: str, root: str, model: type[BaseModel], errors: list[DataError], data: str | None = None) -> Source:
    display = display_path(path, root)
    slug = os.path.splitext(os.path.basename(path))[0]
    refusal = refuse_path(path, display, [data or os.path.dirname(path), root])
    if refusal is not None:
        errors.append(refusal)
        return Source(slug, path, display, None)
    document, problems = read_yaml(path, display)
    errors += problems
    source = Source(slug, path, display, document)
    if document is None:
        return source
    if not isinstance(document.data, dict):
        errors.append(DataError(display, 1, "le fichier doit être un bloc de clés (clé: valeur)"))
        return source
    try:
        source.model = model.model_validate(document.data)
    except ValidationError as exc:
        errors += translate_errors(exc, document, model)
    errors += duplicates(document)
    return source


# Lists where a second copy of a value means nothing (and would show twice, or hide a typo).
_SET_LISTS = (("pepites",), ("aliases",), ("repeat", "byday"), ("repeat", "except"), ("hours", "*", "days"))


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
                    errors.append(DataError(document.path, line, f"'{loc[-1]}' : « {_short(item)} » figure déjà dans la liste "
                                                                 f"(ligne {seen[key]}) : supprimez ce doublon"))
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


def translate_errors(exc: ValidationError, document: YamlDocument, model: type[BaseModel]) -> list[DataError]:
    """Turn pydantic's errors into French messages at the right line."""
    result = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not _is_internal(part))
        context = error.get("ctx") or {}
        if error["type"] == "rule" and context.get("field"):
            loc = (*loc, context["field"])
        line = document.line_of(loc)
        if error["type"] == "missing":
            line = document.line_of(loc[:-1]) if len(loc) > 1 else 1
        result.append(DataError(document.path, line, _message(error, loc, model), ".".join(map(str, loc))))
    return result


def _is_internal(part) -> bool:
    """Tell pydantic's own steps (union members, validators) from key names."""
    return isinstance(part, str) and ("[" in part or part in ("date", "datetime", "str", "float", "int"))


def _message(error: dict, loc: tuple, model: type[BaseModel]) -> str:
    name = _field_name(loc)
    kind = error["type"]
    context = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return _unknown_key(loc, model)
    if kind == "enum":
        expected = context.get("expected", "").replace("' or '", "', '")
        return f"'{name}' : valeur « {error['input']} » inconnue ; valeurs possibles : {expected}"
    if kind in _SIMPLE_MESSAGES:
        return _SIMPLE_MESSAGES[kind].format(field=name, input=_short(error.get("input")), **context)
    if kind == "rule":
        return error["msg"]
    # Our own parsers (fields.py) already speak French; pydantic's rare others do not.
    return f"'{name}' : {error['msg']}"


def _field_name(loc: tuple) -> str:
    """Name a field as the editor typed it: repeat.byday[2] → 'byday'."""
    names = [part for part in loc if isinstance(part, str)]
    if not names:
        return "?"
    return "except" if names[-1] == "except_" else names[-1]


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= SHORT else text[: SHORT - 3] + "…"


def _unknown_key(loc: tuple, model: type[BaseModel]) -> str:
    key = str(loc[-1])
    known = _known_keys(model, loc[:-1])
    hint = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    suggestion = f" (vouliez-vous dire '{hint[0]}' ?)" if hint else ""
    return f"clé inconnue '{key}'{suggestion}"


def _known_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """Return the keys allowed at a key path of a model."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None or isinstance(part, int):
            continue
        info = current.model_fields.get(part) or current.model_fields.get(part + "_")
        current = _submodel(info.annotation) if info else None
    if current is None:
        return []
    return [info.alias or name for name, info in current.model_fields.items()]


def _submodel(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _submodel(argument)
        if found:
            return found
    return None


def check_references(pepites: list[Source], events: list[Source]) -> list[DataError]:
    """Check the rules between files: pépites named by events exist, aliases are free."""
    errors = []
    known = sorted({source.slug for source in pepites})
    taken = {source.slug: source for source in events}
    for event in events:
        data = event.document.data if event.document and isinstance(event.document.data, dict) else {}
        errors += _check_pepite_slugs(event, data.get("pepites"), known)
        for index, alias in enumerate(data.get("aliases") or [] if isinstance(data.get("aliases"), list) else []):
            owner = taken.setdefault(str(alias), event)
            if owner is not event:
                line = event.document.line_of(("aliases", index))
                errors.append(DataError(event.display, line, f"l'ancien nom '{alias}' est déjà utilisé par {owner.display}"))
    return errors


def _check_pepite_slugs(event: Source, slugs, known: list[str]) -> list[DataError]:
    if not isinstance(slugs, list):
        return []
    errors = []
    for index, slug in enumerate(slugs):
        if isinstance(slug, str) and slug not in known:
            close = difflib.get_close_matches(slug, known, n=1)
            hint = f" (vouliez-vous dire '{close[0]}' ?)" if close else f" (pépites : {_preview(known)})"
            line = event.document.line_of(("pepites", index))
            errors.append(DataError(event.display, line, f"pépite '{slug}' inconnue{hint}"))
    return errors


def _preview(names: list[str]) -> str:
    if not names:
        return "aucune"
    return ", ".join(names[:PREVIEW]) + (", …" if len(names) > PREVIEW else "")
