"""Two data files that say one thing: refused at both files, each naming the other(s).

An editor who copied a file to start a new one, then forgot to change it,
may be looking at either file: both are told (the first of two alphabetically
is as likely the copy as the second).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from .errors import DataError
from .loading import Source

DUPLICATE_EVENT = (
    "même titre et même début que {others} : un doublon ? supprimez l'un des deux fichiers, ou changez le titre"
)


def name_key(name: str) -> str:
    """Return a name as visitors tell names apart: NFKD without combining marks, case-folded, spaces made one."""
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def _groups(sources: list[Source], key: Callable[[Source], object]) -> list[list[Source]]:
    """Return the groups of two or more sources of one key (None: no key), in reading order."""
    found: dict[object, list[Source]] = {}
    for source in sources:
        if source.model is not None and (value := key(source)) is not None:
            found.setdefault(value, []).append(source)
    return [group for group in found.values() if len(group) > 1]


def _where(source: Source, field: str) -> str:
    return f"{source.display}:{source.document.line_of((field,))}"


def same_names(
    sources: list[Source], what: str = "de la pépite", advice: str = "donnez à chaque pépite un nom à elle"
) -> list[DataError]:
    """Refuse sources whose ``name`` is another's but for case, accents or spaces, at each, naming the others.

    Visitors tell pépites (and network venues) apart by name only (the
    directory, an event's list of pépites, the network's cards): « Éloïse
    Bérenger » and « eloise berenger » would be two cards no one can tell
    apart. Compared by ``name_key``; ``what`` names the kind in the message
    (« de la pépite »). Returns one DataError per file, at its 'name' line.
    """
    errors = []
    for group in _groups(sources, lambda source: name_key(getattr(source.model, "name", None) or "") or None):
        for source in group:
            others = ", ".join(
                f"{_where(other, 'name')} (« {other.model.name} »)" for other in group if other is not source
            )
            errors.append(
                DataError(
                    source.display,
                    source.document.line_of(("name",)),
                    f"'name' : « {source.model.name} » est aussi le nom {what} de {others} : {advice}",
                )
            )
    return errors


def network_names(network: list[Source], venue: Source | None) -> list[DataError]:
    """Refuse network venues named alike (``same_names``), or named as our own venue (its events are ours)."""
    errors = same_names(network, "du lieu du réseau", "donnez à chaque lieu son nom")
    ours = getattr(venue.model, "name", None) if venue is not None and venue.model is not None else None
    for source in network:
        name = getattr(source.model, "name", None) if source.model is not None else None
        if ours and name and name_key(name) == name_key(ours):
            errors.append(
                DataError(
                    source.display,
                    source.document.line_of(("name",)),
                    f"'name' : « {name} » est le nom de notre lieu ({venue.display}) : le réseau montre les "
                    "autres lieux, nos événements y sont déjà ; supprimez ce fichier ou nommez un autre lieu",
                )
            )
    return errors


def same_events(events: list[Source], title_key: Callable[[str], str] = name_key) -> list[DataError]:
    """Refuse events of one title and one start (a series: its first start), at each file's 'title' line.

    A copied file left unchanged would be shown twice in the agenda, and
    twice in agenda.ics under two UIDs (the UID comes from the file's
    name). Titles are compared by ``title_key`` (the site's slugs: case,
    accents and punctuation aside), starts as written with the event's
    time zone. Returns one DataError per file, naming the other file(s)
    (``DUPLICATE_EVENT``), but for files of one name but for case, which
    loading refuses already.
    """

    def key(source: Source) -> tuple | None:
        model = source.model
        title = title_key(model.title) or name_key(model.title)
        return (title, type(model.start).__name__, model.start, model.timezone) if title else None

    errors = []
    for group in _groups(events, key):
        for source in group:
            # Files of one name but for case (Repair.yaml, repair.yaml) are already refused as such (loading.py).
            others = [other for other in group if other.slug.lower() != source.slug.lower()]
            if others:
                where = ", ".join(_where(other, "title") for other in others)
                message = DUPLICATE_EVENT.format(others=where)
                errors.append(DataError(source.display, source.document.line_of(("title",)), message))
    return errors
