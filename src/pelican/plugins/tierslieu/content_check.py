"""Checks of content/ that Pelican only logs: an article without a title, an unreadable date."""

from __future__ import annotations

import os
import re

from pelican.utils import get_date

from .errors import DataError
from .loading import display_path

_HEADER = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)$")


def check_content(settings: dict, root: str) -> list[DataError]:
    """Return the problems of every Markdown file of the content folder."""
    content = settings["PATH"]
    ignored = {os.path.normpath(os.path.join(content, path)) for path in settings.get("STATIC_PATHS", [])}
    ignored.discard(os.path.normpath(content))
    errors: list[DataError] = []
    for folder, subfolders, files in os.walk(content):
        subfolders[:] = sorted(name for name in subfolders if os.path.join(folder, name) not in ignored and not name.startswith("."))
        for name in sorted(files):
            if name.endswith((".md", ".markdown", ".mkd")) and not name.startswith("."):
                path = os.path.join(folder, name)
                errors += check_markdown(path, display_path(path, root))
    return errors


def check_markdown(path: str, display: str) -> list[DataError]:
    """Check the metadata block at the top of one Markdown file."""
    try:
        with open(path, encoding="utf-8") as stream:
            lines = stream.read().splitlines()
    except UnicodeDecodeError:
        return [DataError(display, 1, "le fichier n'est pas en UTF-8")]
    metadata: dict[str, tuple[int, str]] = {}
    for number, line in enumerate(lines, start=1):
        match = _HEADER.match(line)
        if not match:
            break
        metadata[match.group(1).lower()] = (number, match.group(2).strip())
    errors = []
    title = metadata.get("title")
    if title is None or not title[1]:
        errors.append(DataError(display, title[0] if title else 1, "l'article n'a pas de titre : ajoutez « Title: … » en première ligne"))
    if "date" in metadata:
        number, value = metadata["date"]
        try:
            get_date(value)
        except (ValueError, OverflowError):
            errors.append(DataError(display, number, f"date illisible « {value} » : écrivez par exemple « Date: 2026-11-24 10:00 »"))
    return errors
