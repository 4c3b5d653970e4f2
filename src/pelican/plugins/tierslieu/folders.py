"""Folders of the staged run: refuse a file in a folder's place, carry the old site's files, delete an old site."""

from __future__ import annotations

import contextlib
import os
import shutil

from .model.loading import display_path

PLAIN_FILE = "{shown}/ est un fichier, pas un dossier : supprimez-le ou renommez-le ({role})"
"""The French line for a folder of the build found as a plain file (``{shown}``: as the editor knows it)."""
ROLES = {
    "CACHE_PATH": ("cache", "le site y garde ses images réduites et ses codes QR"),
    "OUTPUT_PATH": ("output", "la construction y écrit le site"),
}
"""The folders a build writes: Pelican's setting, its default, and what it is for (said to the editor)."""


class FileInTheWay(Exception):
    """A folder the build writes is a plain file (or lies under one): the editor's project, not our code."""


def refuse_plain_files(settings: dict, root: str) -> None:
    """Raise ``FileInTheWay`` (its text: one French line per folder) when a folder of ``ROLES`` is not a folder.

    A path that exists and is no folder (a file, a broken link), or that
    lies under such a file (the preview's cache/preview-…), is told before
    anything is written, and left untouched: Python would otherwise fail
    later on ENOTDIR or EEXIST, deep in Pelican or in our image cache.
    """
    lines, seen = [], set()
    for key, (default, role) in ROLES.items():
        blocking = _file_in_the_way(os.path.join(root, settings.get(key) or default))
        if blocking and blocking not in seen:  # the preview's output lies in cache/: one line for one file
            seen.add(blocking)
            lines.append(PLAIN_FILE.format(shown=display_path(blocking, root), role=role))
    if lines:
        raise FileInTheWay("\n".join(lines))


def _file_in_the_way(path: str) -> str:
    """Return ``path`` or its nearest ancestor that exists and is not a folder, or ``""``."""
    path = os.path.abspath(path)
    while not os.path.isdir(path):
        if os.path.lexists(path):
            return path
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
    return ""


def link_missing(old: str, new: str) -> None:
    """Carry into ``new`` every file or folder of ``old`` it does not have, without changing ``old``."""
    with os.scandir(old) as entries:
        for entry in entries:
            target = os.path.join(new, entry.name)
            if not os.path.lexists(target):
                link_tree(entry.path, target)
            elif entry.is_dir(follow_symlinks=False) and os.path.isdir(target):
                link_missing(entry.path, target)


def link_tree(source: str, target: str) -> None:
    if os.path.isdir(source) and not os.path.islink(source):
        shutil.copytree(source, target, symlinks=True, copy_function=_link_or_copy)
    elif os.path.islink(source):
        os.symlink(os.readlink(source), target)
    else:
        _link_or_copy(source, target)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _make_writable(folder: str) -> None:
    """Let a leftover folder be deleted even if the site held a read-only folder."""
    for root, folders, _files in os.walk(folder):
        for name in folders:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                with contextlib.suppress(OSError):
                    os.chmod(path, 0o755)


def remove_folder(folder: str) -> None:
    """Delete the old site, now out of the way; a folder left by an interrupted deletion goes at the next run."""
    _make_writable(folder)
    shutil.rmtree(folder, ignore_errors=True)
