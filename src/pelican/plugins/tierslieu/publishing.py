"""Publishing rules: errors of `invoke check`, `invoke publish` and CI that development builds let pass.

SPEC section 4 ("one verdict"): each rule here is an error, at its file
and line, wherever the production settings are read (``TIERSLIEU_PUBLISHING
= True`` in publishconf.py): `invoke check` (which reads both settings
files), `invoke publish` and a CI build. A development build and the
preview use pelicanconf.py, so a half-written file still shows; the
preview prints these problems in its banner all the same.

- A shallow git clone: SEQUENCE and LAST-MODIFIED count the commits of
  each event (history.py), so a clone without its history publishes them
  wrong.
- A value the scaffolds write for the editor to replace (editors/scaffold.py):
  « À compléter », a link or address with « … » (``https://…``), or a
  text an earlier scaffold wrote. A draft article (``Status: draft``) is
  not published, so it may hold them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from .history import repository_kind
from .model.errors import DataError
from .model.loading import YAML_SUFFIXES, display_path
from .model.texts import short
from .model.yamlfile import read_yaml
from .settings import PluginSettings, data_path, project_root

TO_COMPLETE = "À compléter"
"""The words the scaffolds write where the editor must write something."""
LINK_TO_COMPLETE = "https://…"
"""How the scaffolds' comments show a link the editor must give."""
EARLIER_SCAFFOLD_TEXTS = frozenset(
    {
        "Une phrase qui résume l'article.",
        "Écrivez ici, en Markdown. Un paragraphe, une ligne vide, un autre paragraphe.",
        "Une phrase qui donne envie",
        "Ce qui s'y passe, en Markdown.",
        "Ce que montre la photo",
        "Une ligne de présentation",
        "Quelques lignes, en Markdown.",
    }
)
"""Texts earlier versions of the scaffolds wrote as values: a file made then may still hold one."""
ARTICLE_SUFFIXES = (".md", ".markdown", ".mkd", ".mdown", ".rst")
_ELLIPSIS_LINK = re.compile(r"(?:https?://|mailto:|www\.)[^\s<>()\[\]\"']*…|[\w.+-]*@…")
_DRAFT = re.compile(r"^:?status:\s*draft\s*$", re.I | re.M)


def check_publishing(settings: dict) -> list[DataError]:
    """Return the publishing problems when ``settings`` publish (TIERSLIEU_PUBLISHING), else an empty list.

    ``settings`` is Pelican's settings dict, the plugin's defaults applied.
    """
    if not PluginSettings.from_pelican(settings).publishing:
        return []
    return publishing_problems(settings)


def publishing_problems(settings: dict) -> list[DataError]:
    """Return every problem that would block a publication, whatever the settings say (the preview's banner)."""
    root = project_root(settings)
    data = data_path(settings)
    problems = []
    if repository_kind(data) == "shallow":
        problems.append(
            DataError(
                display_path(os.path.join(data, "events"), root),
                1,
                "le dépôt git est un clone superficiel (sans son historique) : la SEQUENCE et la date LAST-MODIFIED "
                "des événements seraient fausses dans les agendas ; récupérez l'historique avec "
                "« git fetch --unshallow » (en CI : « fetch-depth: 0 » à l'étape checkout)",
            )
        )
    problems += [_left(display_path(path, root), line, shown) for path, line, shown in _data_placeholders(data)]
    problems += [
        _left(display_path(path, root), line, shown) for path, line, shown in _article_placeholders(settings["PATH"])
    ]
    return sorted(problems, key=DataError.sort_key)


def find_placeholder(text: str) -> str | None:
    """Return the placeholder ``text`` holds, as a message quotes it (one line), or None.

    A placeholder is « À compléter » (any case; its line is quoted), a link
    or e-mail address with « … » where its address should be, or a text an
    earlier scaffold wrote (the whole value).
    """
    mark = TO_COMPLETE.casefold()
    if mark in text.casefold():
        return short(next(line for line in text.splitlines() if mark in line.casefold()).strip())
    link = _ELLIPSIS_LINK.search(text)
    if link:
        return link.group(0)
    if text.strip() in EARLIER_SCAFFOLD_TEXTS:
        return short(text.strip())
    return None


def _may_hold_placeholder(text: str) -> bool:
    """Tell cheaply whether a file is worth reading closely (most files hold no placeholder)."""
    return "…" in text or TO_COMPLETE.casefold() in text.casefold() or any(e in text for e in EARLIER_SCAFFOLD_TEXTS)


def _left(path: str, line: int, shown: str) -> DataError:
    return DataError(path, line, f"valeur d'exemple laissée : « {shown} » ; remplacez-la ou supprimez la ligne")


def _files(folder: str, suffixes: tuple[str, ...]) -> Iterator[str]:
    for parent, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(names):
            path = os.path.join(parent, name)
            # Regular files only: a FIFO would block the read (the loader refuses it, with its line).
            if (
                name.endswith(suffixes)
                and not name.startswith(".")
                and os.path.isfile(path)
                and not os.path.islink(path)
            ):
                yield path


def _read(path: str) -> str:
    try:
        with open(path, "rb") as stream:
            return stream.read().decode("utf-8", errors="replace")
    except OSError:
        return ""  # the loader and Pelican say why a file cannot be read


def _data_placeholders(folder: str) -> Iterator[tuple[str, int, str]]:
    """Yield (path, line, placeholder) for every value of a data file that is a placeholder (comments aside)."""
    for path in _files(folder, YAML_SUFFIXES):
        text = _read(path)
        if not _may_hold_placeholder(text):
            continue
        try:
            document, _problems = read_yaml(path, path)
        except OSError:
            continue
        if document is None:
            continue  # the loader reports the file
        lines = text.splitlines()
        for loc, value in _leaves(document.data, ()):
            shown = find_placeholder(value)
            if shown:
                yield path, _line_of(shown, lines, document.line_of(loc)), shown


def _line_of(shown: str, lines: list[str], first: int) -> int:
    """Return the line, from ``first`` (the key's), that holds ``shown``: a long text spans several lines."""
    needle = shown.removesuffix("…") if len(shown) > 1 else shown
    for number in range(first, len(lines) + 1):
        if needle in lines[number - 1]:
            return number
    return first


def _leaves(data, loc: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, (*loc, index))
    elif isinstance(data, str):
        yield loc, data


def _article_placeholders(content: str) -> Iterator[tuple[str, int, str]]:
    """Yield (path, line, placeholder) for every line of a published article or page that holds a placeholder."""
    for path in _files(content, ARTICLE_SUFFIXES):
        text = _read(path)
        if not _may_hold_placeholder(text) or _DRAFT.search(text.split("\n\n", 1)[0]):
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            shown = find_placeholder(line)
            if shown:
                yield path, number, shown
