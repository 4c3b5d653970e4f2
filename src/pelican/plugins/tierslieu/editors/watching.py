"""The preview's watcher of saves, kept alive by file names that are not UTF-8.

Linux allows any bytes in a file name; watchfiles (1.x) cannot turn one
that is not UTF-8 into a string and stops with WatchfilesRustInternalError
(« Unable to decode path … to string »). The preview then tells each such
name in French, in the terminal and in the banner, and starts the watcher
again after a whole rebuild: a folder already holding such a name is
watched (only events that name it fail), and renaming the file restarts
the watcher once more, which finds the name gone.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import watchfiles
from watchfiles._rust_notify import WatchfilesRustInternalError

from pelican.plugins.tierslieu.model.paths import display_path, is_undecodable, readable_name, suggested_slug
from pelican.plugins.tierslieu.settings import project_root


def undecodable_names(folders: list[str], root: str) -> list[str]:
    """Return a French line for each file or folder name under ``folders`` that is not UTF-8 (PEP 383).

    « nom de fichier illisible « caf?.yaml » dans data/events/ : il n'est pas en UTF-8 ; renommez-le
    (par exemple « cafe.yaml ») »: each byte that is not UTF-8 shows as « ? », and the suggested name
    reads it as Windows-1252 (model.paths.suggested_slug). Paths are shown from ``root``.
    """
    lines = []
    for top in folders:
        found = [(os.path.dirname(top), os.path.basename(top))] if is_undecodable(top) else []
        for folder, subfolders, files in os.walk(top):
            found += [(folder, name) for name in sorted(subfolders + files) if is_undecodable(name)]
            subfolders[:] = [name for name in sorted(subfolders) if not is_undecodable(name)]
        for folder, name in found:
            stem, suffix = os.path.splitext(name)
            if is_undecodable(suffix) or not stem:
                stem, suffix = name, ""
            where = display_path(folder, root).rstrip("/") + "/"
            lines.append(
                f"nom de fichier illisible « {readable_name(name)} » dans {where} : il n'est pas en UTF-8 ; "
                f"renommez-le (par exemple « {suggested_slug(stem)}{suffix.lower()} »)"
            )
    return lines


READY_AFTER = 100
"""Milliseconds without a save after which watchfiles yields nothing, so that the watcher is known to be in place."""

QUIET_AFTER = 10
"""Milliseconds without a new change after which watchfiles yields a save (its ``step``; 50 ms is its ``debounce``).

An editor's save (a write, or a temporary file renamed) happens within a
millisecond; watchfiles checks once per step, so a save is seen 1 to 2
steps after it was written.
"""


def watch_saves(preview, folders: list[str], ready: Callable[[], None] | None = None, stop=None) -> None:
    """Rebuild ``preview`` (a LivePreview) on every save in ``folders``; never stopped by a file name.

    ``ready`` is called once the folders are watched (the preview starts
    serving then: a page fetched and its file saved at once is never a save
    missed); ``stop`` (a threading.Event) ends the watch, else it runs forever.
    """
    root = project_root(preview.pelican.settings)
    told: list[str] = []
    while stop is None or not stop.is_set():
        try:
            for changes in watchfiles.watch(
                *folders,
                debounce=50,
                step=QUIET_AFTER,
                rust_timeout=READY_AFTER,
                yield_on_timeout=True,
                stop_event=stop,
            ):
                if ready is not None:
                    ready, announce = None, ready
                    announce()
                if not changes:
                    continue
                preview.saved(sorted(path for _, path in changes))
                if told:  # the banner keeps the lines until the names are gone
                    told = _tell(preview, undecodable_names(folders, root), told)
        except WatchfilesRustInternalError:  # the save it failed on is unknown: a whole rebuild reads them all
            preview.build_all()
            told = _tell(preview, undecodable_names(folders, root), told)


def _tell(preview, lines: list[str], told: list[str]) -> list[str]:
    """Print ``lines`` when they are new, put them above the banner's problems, reload the pages; return them."""
    if lines and lines != told:
        print("\n".join(lines), file=sys.stderr, flush=True)
    if lines:
        shown = "\n".join(lines)
        if not (preview.error or "").startswith(shown):
            preview.error = shown + ("\n" + preview.error if preview.error else "")
        with preview.changed:
            preview.generation += 1
            preview.changed.notify_all()
    return lines
