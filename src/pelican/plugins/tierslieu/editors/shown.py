"""The page the browser shows, written first: the preview's fast path for the editor's own page.

Each page the preview serves opens a reload connection naming its own
address (serving.py); ``Shown`` keeps the addresses of the open ones. A
saved event or pépite then writes the outputs shown in a browser first,
moves them into the served folder and reloads those pages, and writes the
rest of the update afterwards (within a second on the realistic venue).
A successful update may be briefly out of step; a failed one writes
nothing: if the rest fails, the pages written first get their old content
back (``Restorable``) before the failure is reported.
"""

from __future__ import annotations

import collections
import os
import shutil
import tempfile
import threading
from urllib.parse import unquote


class Shown:
    """The addresses (paths such as ``/agenda/x/``) of the pages open in a browser, counted by connection."""

    def __init__(self):
        self._lock = threading.Condition()
        self._open: collections.Counter[str] = collections.Counter()
        self._openings: collections.Counter[str] = collections.Counter()
        """How many reload connections each address has opened so far (never decreases)."""

    def opened(self, path: str) -> None:
        """Count one more reload connection from the page at ``path``."""
        with self._lock:
            self._open[normal(path)] += 1
            self._openings[normal(path)] += 1
            self._lock.notify_all()

    def openings(self, paths) -> dict[str, int]:
        """Return, for each of ``paths`` shown now, how many reload connections it has opened so far."""
        with self._lock:
            return {path: self._openings[path] for path in paths if path in self._open}

    def wait_reopened(self, openings: dict[str, int], timeout: float) -> bool:
        """Wait until every page of ``openings`` (``openings()`` before a reload) connected again; True if all did.

        A page connects once it has loaded (serving.py): this is the end of
        its reload in the browser. Returns False after ``timeout`` seconds
        (a tab closed meanwhile never connects again).
        """
        with self._lock:
            return self._lock.wait_for(
                lambda: all(self._openings[path] > count for path, count in openings.items()), timeout
            )

    def closed(self, path: str) -> None:
        """Count one reload connection less from the page at ``path``."""
        with self._lock:
            self._open[normal(path)] -= 1
            if self._open[normal(path)] <= 0:
                del self._open[normal(path)]

    def paths(self) -> frozenset[str]:
        """Return the addresses shown now."""
        with self._lock:
            return frozenset(self._open)

    def split(self, outputs: list) -> tuple[list, list]:
        """Return (the outputs shown in a browser, the others), each in plan order."""
        shown = self.paths()
        first = [output for output in outputs if output.is_page and _addresses(output) & shown]
        return first, [output for output in outputs if output not in first]


def normal(path: str) -> str:
    """Return a page's address as the pages of the plan name it: ``/a/b/`` for ``/a/b/index.html``."""
    path = unquote(path.split("?", 1)[0].split("#", 1)[0]) or "/"
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path if path.startswith("/") else "/" + path


def _addresses(output) -> set[str]:
    return {normal(output.url), normal(output.save_as)}


class Restorable:
    """Copies of the files that an update is about to replace in ``folder``, to put back if the update fails."""

    def __init__(self, folder: str, names: list[str]):
        self.folder = folder
        self.saved = tempfile.mkdtemp(prefix=".preview-restore-", dir=os.path.dirname(os.path.abspath(folder)))
        self.names = names
        for name in names:
            source = os.path.join(folder, name)
            if os.path.isfile(source):
                target = os.path.join(self.saved, name)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copy2(source, target)

    def restore(self) -> None:
        """Put back the files as they were (a file that did not exist is removed). Raises OSError."""
        for name in self.names:
            saved, target = os.path.join(self.saved, name), os.path.join(self.folder, name)
            if os.path.isfile(saved):
                os.replace(saved, target)
            elif os.path.isfile(target):
                os.remove(target)

    def discard(self) -> None:
        """Forget the copies."""
        shutil.rmtree(self.saved, ignore_errors=True)


def write_shown_first(write, reload_first, folder: str, outputs: list, gone: list[str], shown: Shown) -> frozenset:
    """Write an update, the outputs shown in a browser first; return the addresses reloaded first.

    ``write(outputs, gone, last)`` writes outputs through a staging folder
    and moves them into ``folder`` (the sitemap and the deletions ``gone``
    with the ``last`` step); ``reload_first(addresses)`` reloads those
    pages. Raises what ``write`` raises, the first pages restored.
    """
    first, rest = shown.split(outputs)
    if not first or not rest:
        write(outputs, gone, True)
        return frozenset()
    addresses = frozenset(address for output in first for address in _addresses(output))
    backup = Restorable(folder, [output.save_as for output in first])
    try:
        write(first, [], False)
        reload_first(addresses)
        try:
            write(rest, gone, True)
        except BaseException:
            backup.restore()
            raise
    finally:
        backup.discard()
    return addresses
