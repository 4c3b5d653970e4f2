"""Folders of the staged run: carry the old site's files into the new one, delete an old site."""

from __future__ import annotations

import contextlib
import os
import shutil


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
