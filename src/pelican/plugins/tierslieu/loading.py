"""Load data/ into validated models, reporting every problem with its file and line."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError

from .errors import DataError, DataErrors
from .models import EventData, PepiteData, VenueData
from .yamlfile import YamlDocument, read_yaml

YAML_SUFFIXES = (".yaml", ".yml")
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


def load_data(path: str, root: str) -> LoadedData:
    """Load and validate every file of the data folder, or raise DataErrors."""
    errors: list[DataError] = []
    venue = _load_venue(path, root, errors)
    pepites = _load_collection(os.path.join(path, "pepites"), root, PepiteData, errors)
    events = _load_collection(os.path.join(path, "events"), root, EventData, errors)
    errors += check_references(pepites, events)
    if errors:
        raise DataErrors(errors, display_path(path, root).rstrip("/") + "/")
    return LoadedData(venue.model, venue, pepites, events)


def display_path(path: str, root: str) -> str:
    """Show a path from the project root when it is inside it."""
    relative = os.path.relpath(path, root)
    return path if relative.startswith("..") else relative


def _load_venue(path: str, root: str, errors: list[DataError]) -> Source:
    candidates = [os.path.join(path, "venue" + suffix) for suffix in YAML_SUFFIXES]
    found = [candidate for candidate in candidates if os.path.exists(candidate)]
    if not found:
        display = display_path(candidates[0], root)
        errors.append(DataError(display, 1, "fichier obligatoire absent : il décrit le lieu (name, address…)"))
        return Source("venue", candidates[0], display, None)
    if len(found) > 1:
        errors.append(DataError(display_path(found[1], root), 1, "le lieu est décrit deux fois : gardez venue.yaml seulement"))
    return _load_source(found[0], root, VenueData, errors)


def _load_collection(folder: str, root: str, model: type[BaseModel], errors: list[DataError]) -> list[Source]:
    if not os.path.isdir(folder):
        return []
    names = sorted(name for name in os.listdir(folder) if name.endswith(YAML_SUFFIXES) and not name.startswith("."))
    sources = [_load_source(os.path.join(folder, name), root, model, errors) for name in names]
    by_slug: dict[str, Source] = {}
    for source in sources:
        other = by_slug.setdefault(source.slug, source)
        if other is not source:
            errors.append(DataError(source.display, 1, f"le nom '{source.slug}' est déjà pris par {other.display}"))
    return sources


def _load_source(path: str, root: str, model: type[BaseModel], errors: list[DataError]) -> Source:
    display = display_path(path, root)
    slug = os.path.splitext(os.path.basename(path))[0]
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
    return source


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
