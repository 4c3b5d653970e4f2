"""The keys of data files that take a block, or a list of blocks, read from the models.

A key takes a block when its model field is a model (``geo:``, ``repeat:``,
``legal:``…) or a mapping (``moved:``); a list of blocks when it is a list
of models (``links:``, ``sessions:``, ``hours:``…). Their forms are what
messages show an editor who wrote a value on the key's own line (GUIDE.md
sections 5, 10 and 12).
"""

from __future__ import annotations

import functools
import types
import typing

from pydantic import BaseModel

from .events import EventData
from .models import PepiteData, VenueData
from .network import NetworkVenueData

_DATA_MODELS = (EventData, VenueData, PepiteData, NetworkVenueData)
_SHOWN_KEYS = 2
"""How many keys of a block a list's form shows (« - label: …  url: … »)."""


def _members(annotation) -> list:
    """Return the members of a union (``Geo | None``), else the annotation itself."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [member for member in typing.get_args(annotation) if member is not type(None)]
    return [annotation]


def _model(annotation) -> type[BaseModel] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _key(name: str, info) -> str:
    return info.alias or name.removesuffix("_")


@functools.cache
def block_keys() -> dict[str, tuple[str, type[BaseModel] | None]]:
    """Return {key: (kind, model)}: kind « block » (a model or a mapping) or « list » (a list of models).

    ``model`` is the block's model (None for a mapping such as ``moved:``).
    Keys of every data file and of their blocks, at any depth.
    """
    found: dict[str, tuple[str, type[BaseModel] | None]] = {}
    todo = list(_DATA_MODELS)
    seen: set[type[BaseModel]] = set()
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            for member in _members(info.annotation):
                origin, args = typing.get_origin(member), typing.get_args(member)
                if sub := _model(member):
                    found.setdefault(_key(name, info), ("block", sub))
                    todo.append(sub)
                elif origin is dict:
                    found.setdefault(_key(name, info), ("block", None))
                elif origin is list and args and (sub := _model(args[0])):
                    found.setdefault(_key(name, info), ("list", sub))
                    todo.append(sub)
    return found


@functools.cache
def value_list_keys() -> frozenset[str]:
    """Return the keys whose value is a list of simple values (``tags``, ``pepites``, ``except``, ``days``…), at any depth."""
    found = set()
    for model in {*_DATA_MODELS, *(sub for _kind, sub in block_keys().values() if sub is not None)}:
        for name, info in model.model_fields.items():
            for member in _members(info.annotation):
                args = typing.get_args(member)
                if typing.get_origin(member) is list and args and not _model(args[0]):
                    found.add(_key(name, info))
    return frozenset(found)


VALUE_LIST = (
    "'{field}' : une liste est attendue, sous '{field}:' et décalée de deux espaces, un « - » par élément (- …), "
    "ou sur la ligne de la clé entre crochets ([a, b])"
)


def list_form(key: str) -> str:
    """Return the form of one element of a list of blocks: « - label: …  url: … » (its required keys first)."""
    _kind, model = block_keys()[key]
    fields = sorted(model.model_fields.items(), key=lambda item: not item[1].is_required())
    return "- " + "  ".join(f"{_key(name, info)}: …" for name, info in fields[:_SHOWN_KEYS])


_BLOCK_FORMS = {
    "moved": (
        " (une date par ligne, décalée de deux espaces sous 'moved:', par exemple « 2027-03-11: 2027-03-12 18:00 »)"
    ),
    "repeat": " (une clé par ligne, décalée de deux espaces sous 'repeat:', par exemple « freq: weekly »)",
}
"""Forms told in words where the model's keys say too little (GUIDE.md sections 5, 10)."""
BLOCK = "'{field}' : un bloc de clés est attendu{block}"
LIST = "'{field}' : une liste de blocs est attendue, sous '{field}:' et décalée de deux espaces, un « - » par élément ({form})"


def block_form(key: str) -> str:
    """Return the form told after « un bloc de clés est attendu »: « (…) », or "" for a key that takes no block.

    A list's element shows its keys (« (- label: …  url: …) »); a block its
    first key, one per line under the key.
    """
    if key in _BLOCK_FORMS:
        return _BLOCK_FORMS[key]
    kind, model = block_keys().get(key, ("", None))
    if kind == "list":
        return f" ({list_form(key)})"
    if kind == "block" and model is not None:
        first = next(iter(sorted(model.model_fields.items(), key=lambda item: not item[1].is_required())))
        return f" (une clé par ligne, décalée de deux espaces sous '{key}:', par exemple « {_key(*first)}: … »)"
    return ""


def block_message(key: str) -> str:
    """Return what to say of a value written on the line of ``key``, a key that takes a block or a list of blocks.

    "" when ``key`` takes neither.
    """
    kind, _model = block_keys().get(key, ("", None))
    if kind == "list":
        return LIST.format(field=key, form=list_form(key))
    if kind == "block":
        return BLOCK.format(field=key, block=block_form(key))
    return ""


def list_message(key: str) -> str:
    """Return the form of the list or block ``key`` takes (``VALUE_LIST``, ``block_message``), or "" for a text key."""
    return VALUE_LIST.format(field=key) if key in value_list_keys() else block_message(key)
