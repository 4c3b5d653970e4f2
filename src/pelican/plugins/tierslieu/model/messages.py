"""Pydantic's validation errors, told in French at the editor's line (SPEC section 4).

``translate_errors`` turns each error's key path into the line of the
YAML file (falling back to the parent key's line) and its type into a
message that says what was received and what is expected, with a "did
you mean" for unknown keys (difflib).
"""

from __future__ import annotations

import difflib

from pydantic import BaseModel, ValidationError

from .blocks import block_form, block_keys, block_message
from .errors import DataError
from .texts import short
from .yamlfile import YamlDocument

_SIMPLE_MESSAGES = {
    "missing": "clé obligatoire '{field}' manquante",
    "bool_parsing": "'{field}' : true ou false attendu, reçu « {input} »",
    "bool_type": "'{field}' : true ou false attendu",
    "int_parsing": "'{field}' : nombre entier attendu, reçu « {input} »",
    "int_from_float": "'{field}' : nombre entier attendu, reçu « {input} »",
    "float_parsing": "'{field}' : nombre attendu, reçu « {input} »",
    "list_type": "'{field}' : une liste est attendue, par exemple [a, b]",
    "dict_type": "'{field}' : un bloc de clés est attendu{block}",
    "model_type": "'{field}' : un bloc de clés est attendu{block}",
    "model_attributes_type": "'{field}' : un bloc de clés est attendu{block}",
    "string_type": "'{field}' : texte attendu",
    "line_break": "'{field}' tient sur une ligne : retirez le retour à la ligne",
    "too_short": "'{field}' : la liste ne peut pas être vide",
    "too_long": "'{field}' : au plus {max_length} éléments",
    "greater_than_equal": "'{field}' : doit valoir au moins {ge}",
    "less_than_equal": "'{field}' : doit valoir au plus {le}",
}


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
    if kind == "list_type" and block_keys().get(name, ("",))[0] == "list":
        return block_message(name)  # « links: https://… »: a list of blocks, whose form is no « [a, b] »
    if kind in _SIMPLE_MESSAGES:
        block = block_form(name)
        return _SIMPLE_MESSAGES[kind].format(field=name, input=short(error.get("input")), block=block, **context)
    if kind == "rule":
        return error["msg"]
    # Our own parsers (fields.py) already speak French; pydantic's rare others do not.
    return f"'{name}' : {error['msg']}"


def _field_name(loc: tuple) -> str:
    """Name a field as the editor typed it: repeat.byday[2] → 'byday'."""
    names = [part for part in loc if isinstance(part, str)]
    if not names:
        return "?"
    if len(names) > 1 and names[-2] == "moved":  # « moved: {2027-03-02: 2027-03-04 25:00} »: the list, not its date
        return "moved"
    return "except" if names[-1] == "except_" else names[-1]


EDITOR_COMMENT = "yaml-language-server"
"""The key of the scaffolds' first line, a comment for the editor's YAML extension (schemas/)."""


def _unknown_key(loc: tuple, model: type[BaseModel]) -> str:
    key = str(loc[-1])
    if key == EDITOR_COMMENT:
        return f"la ligne « {EDITOR_COMMENT}: … » est un commentaire pour votre éditeur : remettez « # » devant"
    known = _known_keys(model, loc[:-1])
    hint = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    spaced = " " in key.strip()  # « Venez apprendre : tout le monde. » back at the left edge of a « | » text
    if spaced or (not hint and (key != key.lower() or not key.isascii())):  # « Attention : tous niveaux. »
        rule = "une clé n'a pas d'espace" if spaced else "une clé s'écrit en minuscules, sans accent"
        return (
            f"clé inconnue '{key}' : {rule}, cette ligne est sans doute du texte ; si elle "
            "continue le texte d'une clé au-dessus (« description: | »), décalez-la comme les lignes de ce "
            "texte ; sinon, mettez la valeur entre guillemets"
        )
    suggestion = f" (vouliez-vous dire '{hint[0]}' ?)" if hint else ""
    if not hint and known and len(loc) > 1:  # under repeat:, hours:, a session…: the few keys of that place
        suggestion = f" (clés possibles ici : {', '.join(known)})"
    block = next((name for name in known if not hint and key in _known_keys(model, (*loc[:-1], name))), None)
    if block:  # « byday: » back at the left edge under « repeat: »: a key of the block above, shifted left
        suggestion = f" à cet endroit : c'est une clé du bloc '{block}:' ; décalez-la comme les autres clés de ce bloc"
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


MOVED_AND_CANCELLED = (
    "'moved' : le {day} est aussi dans 'except' : une date est soit annulée, soit déplacée ; "
    "retirez-la de l'une des deux listes"
)
"""A series date both in ``except:`` and ``moved:`` (rules.py): calendars would keep the cancellation only."""
