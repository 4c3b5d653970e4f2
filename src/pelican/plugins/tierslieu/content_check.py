"""Checks of content/ that Pelican only logs, or does not see at all.

An article without a title, an unreadable date, a file that is not UTF-8
or holds invisible control characters; and, for every file of content/,
a symbolic link leading outside content/ or to a folder, or a special file (FIFO,
device), which Pelican would read and publish. Both the build
(build.py) and ``invoke check`` run these checks: they agree.
"""

from __future__ import annotations

import os
import re
from urllib.parse import unquote, urlparse

from pelican.utils import get_date, slugify
from pydantic_core import PydanticCustomError

from .model.errors import DataError
from .model.groupings import parse_grouping
from .model.loading import display_path, refuse_path
from .model.texts import decode_utf8

_HEADER = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)$")
# C0 controls other than tab, newline and carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NAMES = {
    "\x00": "caractère nul",
    "\x08": "retour arrière",
    "\x0b": "tabulation verticale",
    "\x0c": "saut de page",
    "\x1b": "échappement",
    "\x7f": "suppression",
}
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd")
# Pelican's internal links (its INTRASITE_LINK_REGEX, « {static} » or « |static| »), as written in Markdown.
_INTERNAL_LINK = re.compile(r"[{|](static|attach|filename)[|}]([^\s)\"'<>\]]*)")


def check_content(settings: dict, root: str) -> list[DataError]:
    """Return the problems of the content folder: its Markdown files, and links or special files anywhere in it."""
    content = settings["PATH"]
    ignored = {os.path.normpath(os.path.join(content, path)) for path in settings.get("STATIC_PATHS", [])}
    ignored.discard(os.path.normpath(content))
    allowed = [content]  # not the project: .git/, the cache and the settings are there
    errors: list[DataError] = []
    articles: list[tuple[str, str]] = []
    for folder, subfolders, files in os.walk(content):
        kept = []
        for name in sorted(subfolders):
            path = os.path.join(folder, name)
            refusal = refuse_path(path, display_path(path, root), allowed) if os.path.islink(path) else None
            if refusal is not None:
                errors.append(refusal)
            elif not name.startswith("."):
                kept.append(name)
        subfolders[:] = kept
        markdown = folder not in ignored and not any(folder.startswith(path + os.sep) for path in ignored)
        for name in sorted(files):
            path = os.path.join(folder, name)
            display = display_path(path, root)
            refusal = refuse_path(path, display, allowed)
            if refusal is not None:
                errors.append(refusal)
            elif markdown and name.endswith(MARKDOWN_SUFFIXES) and not name.startswith("."):
                errors += check_markdown(path, display, content)
                articles.append((path, display))
    return errors + grouping_spellings(articles, settings)


def grouping_spellings(files: list[tuple[str, str]], settings: dict) -> list[DataError]:
    """Refuse a category or a tag spelt two ways with one slug (« vie du lieu », « Vie du lieu »).

    ``files`` are ``(path, display)`` of Markdown files, in reading order.
    Pelican would merge both into one page, named after whichever it met
    first; the second spelling is refused at its line, naming the file and
    line of the first (as event categories, rules.py). Slugs are Pelican's,
    with the site's SLUG_REGEX_SUBSTITUTIONS.
    """
    substitutions = settings.get("SLUG_REGEX_SUBSTITUTIONS") or []
    first: dict[tuple[str, str], tuple[str, str, int]] = {}
    errors = []
    for path, display in files:
        for key, number, name in _groupings(path):
            slug = slugify(name, regex_subs=substitutions)
            known = first.setdefault((key, slug), (name, display, number))
            if known[0] != name:
                errors.append(
                    DataError(
                        display,
                        number,
                        f"'{key}' : « {name} » et « {known[0]} » ({known[1]}:{known[2]}) auraient la même page : "
                        f"écrivez « {known[0]} » comme dans {known[1]}",
                    )
                )
    return errors


def _groupings(path: str) -> list[tuple[str, int, str]]:
    """Return ``(key, line, name)`` of the category and each tag in a Markdown file's metadata."""
    with open(path, "rb") as stream:
        text = stream.read().decode("utf-8", "replace")
    found = []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        match = _HEADER.match(line)
        if not match:
            break
        key, value = match.group(1).lower(), match.group(2).strip()
        if key == "category":
            found.append(("Category", number, value))
        elif key == "tags":
            found += [("Tags", number, tag.strip()) for tag in value.split(";" if ";" in value else ",")]
    return [(key, number, name) for key, number, name in found if name]


def check_markdown(path: str, display: str, content: str | None = None) -> list[DataError]:
    """Check one Markdown file: its encoding, its characters, the metadata block at its top.

    With ``content`` (the content folder), its internal links must lead inside it too.
    """
    with open(path, "rb") as stream:
        text, problems = decode_utf8(stream.read(), display)
    if text is None:
        return problems
    # Not splitlines(): it also splits at a form feed, which must be seen, on its line.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    errors = _control_characters(lines, display)
    metadata: dict[str, tuple[int, str]] = {}
    for number, line in enumerate(lines, start=1):
        match = _HEADER.match(line)
        if not match:
            break
        key = match.group(1).lower()
        if key in metadata:  # Pelican would make a list of the values, which no template expects
            first = metadata[key][0]
            message = f"« {match.group(1)}: » est déjà écrit ligne {first} : gardez une seule de ces lignes"
            errors.append(DataError(display, number, message))
            continue
        metadata[key] = (number, match.group(2).strip())
    title = metadata.get("title")
    if title is None or not title[1]:
        errors.append(
            DataError(
                display, title[0] if title else 1, "l'article n'a pas de titre : ajoutez « Title: … » en première ligne"
            )
        )
    if "date" in metadata:
        number, value = metadata["date"]
        try:
            get_date(value)
        except (ValueError, OverflowError):
            errors.append(
                DataError(
                    display, number, f"date illisible « {value} » : écrivez par exemple « Date: 2026-11-24 10:00 »"
                )
            )
    errors += _addresses(metadata, display)
    return errors + (_links_outside(lines, path, display, content) if content else [])


def links_outside(path: str, file: str, content: str) -> bool:
    """Return True when the internal link ``path`` of ``file`` leads outside the folder ``content``.

    As Pelican resolves it (pelican.contents.Content._link_replacer): from
    ``content`` when it starts with « / », else from the file's folder.
    Pelican would copy such a file to the same number of « .. » above the
    output folder: anywhere on the disk.
    """
    base = content if path.startswith("/") else os.path.dirname(file)
    target = os.path.normpath(os.path.join(base, path.lstrip("/")))
    relative = os.path.relpath(target, os.path.normpath(content))
    return relative == ".." or relative.startswith(".." + os.sep)


def _links_outside(lines: list[str], path: str, display: str, content: str) -> list[DataError]:
    """Refuse a « {static} », « {attach} » or « {filename} » link that leads outside content/, at its line."""
    errors = []
    for number, line in enumerate(lines, start=1):
        for found in _INTERNAL_LINK.finditer(line):
            what, value = found.groups()
            target = unquote(urlparse(value).path)
            if target and links_outside(target, path, content):
                errors.append(DataError(display, number, outside_message(f"{{{what}}}{value}", target)))
    return errors


def outside_message(link: str, target: str) -> str:
    """Return the French refusal of the internal link ``link`` to ``target``, which leads outside content/."""
    return (
        f"le lien « {link} » mène hors de content/ : seuls les fichiers de content/ sont publiés ; "
        f"copiez le fichier dans content/images/ et liez-le avec « {{static}}/images/{os.path.basename(target)} »"
    )


def _addresses(metadata: dict[str, tuple[int, str]], display: str) -> list[DataError]:
    """Refuse a category or a tag too long to become an address (model/groupings.py).

    One without a letter or a digit is told from Pelican's own warning (content_log.py).
    """
    named = [("Category", metadata.get("category"))]
    number, tags = metadata.get("tags", (0, ""))
    # Pelican splits tags at semicolons if there are any, else at commas (pelican.utils.ensure_metadata_list).
    named += [("Tags", (number, tag)) for tag in tags.split(";" if ";" in tags else ",")]
    errors = []
    for key, (number, value) in [(key, found) for key, found in named if found and found[1].strip()]:
        try:
            parse_grouping(value)
        except PydanticCustomError as problem:
            errors.append(DataError(display, number, f"'{key}' : {problem.message()}"))
    return errors


def _control_characters(lines: list[str], display: str) -> list[DataError]:
    """Refuse invisible control characters (a form feed pasted from a word processor), one message per line.

    Data files drop them at load; in an article, Markdown would pass them
    on to the page and the feed (where XML forbids them), so the editor
    removes them.
    """
    errors = []
    for number, line in enumerate(lines, start=1):
        found = _CONTROL.search(line)
        if found:
            char = found.group()
            name = _NAMES.get(char, "caractère de contrôle")
            errors.append(
                DataError(
                    display,
                    number,
                    f"caractère invisible U+{ord(char):04X} ({name}) : supprimez-le "
                    "(il vient souvent d'un copier-coller depuis un traitement de texte)",
                )
            )
    return errors
