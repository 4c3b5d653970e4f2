"""Output paths too long for a file system: refused at their source, before anything is written.

A file name (each component of a path) holds 255 bytes at most (NAME_MAX
of Linux, macOS and Windows file systems, counted in UTF-8 here), and a
path 4,096 bytes (PATH_MAX) with the output folder's own path: the site's
paths are bounded at 1,000 characters, which leaves room for it.
"""

from __future__ import annotations

from .model.errors import DataError

MAX_NAME_BYTES = 255
"""Longest component of an output path, in UTF-8 bytes (NAME_MAX)."""
MAX_PATH_CHARS = 1000
"""Longest output path, relative to the output folder (well within PATH_MAX)."""

_SHOWN_CHARS = 80
"""Longest path shown whole in a message; a longer one is shown by its start and end."""

_SHORTEN = {
    "article": "le « Slug: » (ou le « Save_as: ») de cet article",
    "page": "le « Slug: » (ou le « Save_as: ») de cette page",
    "static": "le nom de ce fichier",
}


def too_long(save_as: str) -> str:
    """Return why ``save_as`` is too long to be written (a French phrase), or "" when it is not."""
    for part in save_as.split("/"):
        if len(part.encode("utf-8")) > MAX_NAME_BYTES:
            return f"le nom « {part[:40]}… » dépasse {MAX_NAME_BYTES} octets, la limite des systèmes de fichiers"
    if len(save_as) > MAX_PATH_CHARS:
        return f"le chemin dépasse {MAX_PATH_CHARS:,} caractères".replace(",", "\u202f")
    return ""


def check_lengths(outputs, content: dict, as_writer) -> list[DataError]:
    """Return an error for each file the build would write under too long a path, at its source's file and line.

    ``outputs`` is the plan (plan.Output), ``content`` maps each ``save_as`` of
    Pelican's content to its writers (collisions.content_writers),
    ``as_writer`` turns an output into a writer (collisions._as_writer).
    Pages of Pelican (categories, tags) are refused where they are named
    (model/groupings.py), so they are not told here.
    """
    errors = []
    for save_as, writers in sorted(content.items()):
        reason = too_long(save_as)
        for writer in writers if reason else ():
            if writer.what in _SHORTEN:
                errors.append(_error(writer, save_as, reason, _SHORTEN[writer.what]))
    for output in outputs:
        reason = too_long(output.save_as)
        writer = as_writer(output) if reason else None
        if writer is not None and writer.what != "pelican":
            errors.append(_error(writer, output.save_as, reason, _what(output)))
    return errors


def _what(output) -> str:
    """Name what to shorten so that a data file's output gets a shorter path."""
    if " (aliases: " in output.source:
        return "l'ancien nom d'aliases:"
    name = output.save_as.rsplit("/", 1)[-1]
    if name.endswith(".ics") and "--" in name:
        return "le nom de ce fichier ou l'identifiant de la session"
    return "le nom de ce fichier"


def _error(writer, save_as: str, reason: str, what: str) -> DataError:
    shown = save_as if len(save_as) <= _SHOWN_CHARS else f"{save_as[:60]}…{save_as[-16:]}"
    message = f"ce fichier écrirait « {shown} », trop long : {reason} ; raccourcissez {what}"
    return DataError(writer.path, writer.line, message)
