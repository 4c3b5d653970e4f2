"""Build aside, then swap: the output folder is always a complete site, the old one or the new one.

Pelican 4.12 empties the output folder before any generator runs, and
writes pages one by one. So each run writes into a staging folder beside
the output, and the staging folder takes the output's place only when the
run succeeded, by two renames on one file system. A journal written before
the renames lets the next run finish an interrupted swap (a SIGKILL between
the two renames leaves no output folder, but a complete staging one).

The old site is never changed before the swap: files the build did not
write are carried into the new site as hard links (copies across file
systems), so a failure at any point leaves it exactly as it was.

A staging folder is locked (``flock``) by the run that writes it: a run
that finds an unlocked one knows its owner died and removes it. The tests
kill a real build at each named step of the swap (``_step``).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import tempfile
import time

try:
    import fcntl
except ImportError:  # not on Windows: there, the age of a staging folder tells instead
    fcntl = None

STALE_SECONDS = 24 * 3600
"""Without locks, a staging folder younger than this may belong to a build running right now."""
KILL_AT = "TIERSLIEU_TEST_KILL_AT"
"""Environment variable of the tests: the name of a step of the swap where the process kills itself."""


class Staging:
    """The folders of one staged run: ``final`` (the output) and ``folder`` (where the run writes)."""

    def __init__(self, final: str):
        self.final = os.path.abspath(final)
        self.parent = os.path.dirname(self.final)
        self.name = os.path.basename(self.final)
        self.journal = os.path.join(self.parent, f".{self.name}-swap.json")
        os.makedirs(self.parent, exist_ok=True)
        self.recover()
        self._remove_leftovers()
        self.folder = tempfile.mkdtemp(prefix=f".{self.name}-staging-", dir=self.parent)
        self._lock = _lock(self.folder)
        # mkdtemp makes a private folder (0700); a site folder has the usual mode (0755 under umask 022).
        os.chmod(self.folder, 0o777 & ~_umask())

    def discard(self) -> None:
        """Remove the staging folder (after a failed run, or what is left of it); the output is untouched."""
        shutil.rmtree(self.folder, ignore_errors=True)
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def merge(self, remove: list[str]) -> None:
        """Move every file of the staging folder into the output, then delete the files ``remove`` names.

        The preview's updates: each file takes its place by one atomic
        ``os.replace``, so a page is always whole, and nothing of the output
        changes before the update was written completely. ``remove`` holds
        absolute paths inside the output. Raises OSError.
        """
        for root, _folders, files in os.walk(self.folder):
            for name in sorted(files):
                source = os.path.join(root, name)
                target = os.path.join(self.final, os.path.relpath(source, self.folder))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.replace(source, target)
        for path in remove:
            if os.path.isfile(path):
                os.remove(path)

    def swap(self, carry: str | list[str]) -> None:
        """Put the staging folder in place of the output.

        ``carry`` says what of the old site the new one keeps when the run
        did not write it: ``"all"`` (Pelican without DELETE_OUTPUT_DIRECTORY)
        or a list of top-level names (OUTPUT_RETENTION). Raises OSError when a
        file cannot be carried or a folder cannot be renamed; the old site is
        then untouched.
        """
        _step("written")
        if os.path.isdir(self.final):
            if carry == "all":
                _link_missing(self.final, self.folder)
            else:
                for name in carry:
                    source, target = os.path.join(self.final, name), os.path.join(self.folder, name)
                    if os.path.lexists(source) and not os.path.lexists(target):
                        _link_tree(source, target)
        _step("carried")
        old = os.path.join(self.parent, f".{self.name}-old-{os.getpid()}-{time.monotonic_ns()}")
        try:
            _write_journal(self.journal, {"old": old, "new": self.folder})
        except OSError:
            _forget(self.journal)
            raise
        _step("journaled")
        self._exchange(old)
        _step("swapped")
        _forget(self.journal)  # a journal left here is harmless: the output is complete
        _step("cleaning")
        _remove(old)

    def _exchange(self, old: str) -> None:
        """Rename the output to ``old``, then the staging folder to the output; on failure, put the old one back.

        If even that fails, the journal stays, and the next run puts back the
        old site (recover). Raises OSError.
        """
        had_old = os.path.isdir(self.final)
        if had_old:
            try:
                os.rename(self.final, old)
            except OSError:
                _forget(self.journal)
                raise
        _step("between")
        try:
            os.rename(self.folder, self.final)
        except OSError:
            if had_old:
                os.rename(old, self.final)
            _forget(self.journal)
            raise

    def recover(self) -> None:
        """Finish a swap that was interrupted (a journal is left): the output becomes a complete site."""
        try:
            with open(self.journal, encoding="utf-8") as stream:
                state = json.load(stream)
        except FileNotFoundError:
            return
        except (OSError, ValueError):
            # A journal cut short: the run died while writing it, before any rename.
            _forget(self.journal)
            return
        if not os.path.isdir(self.final):
            # Killed between the two renames: the new site was complete, take it; else the old one back.
            for candidate in (state.get("new"), state.get("old")):
                if candidate and os.path.isdir(candidate):
                    os.rename(candidate, self.final)
                    break
        os.remove(self.journal)

    def _remove_leftovers(self) -> None:
        """Remove what interrupted runs left: old sites, and staging folders no running build holds."""
        for name in sorted(os.listdir(self.parent)):
            path = os.path.join(self.parent, name)
            if name.startswith(f".{self.name}-old-"):
                _remove(path)
            elif name.startswith(f".{self.name}-staging-") and os.path.isdir(path):
                _remove_abandoned(path)


def _step(name: str) -> None:
    """Mark a step of the swap: the tests set KILL_AT to kill the process right there (SIGKILL)."""
    if os.environ.get(KILL_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _lock(folder: str) -> int | None:
    """Lock ``folder`` for the life of this run (released by the system if the process dies)."""
    if fcntl is None:
        return None
    descriptor = os.open(folder, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return descriptor


def _remove_abandoned(folder: str) -> None:
    """Remove a staging folder whose run died (unlocked), or, without locks, one over a day old."""
    if fcntl is None:
        if time.time() - os.path.getmtime(folder) > STALE_SECONDS:
            _remove(folder)
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        _remove(folder)
    except OSError:
        pass  # locked: a build is writing it right now
    finally:
        os.close(descriptor)


def _forget(path: str) -> None:
    """Delete a file if it is there (the journal)."""
    with contextlib.suppress(OSError):
        os.remove(path)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_journal(path: str, state: dict) -> None:
    with open(path, "w", encoding="utf-8") as stream:
        json.dump(state, stream)
        stream.flush()
        os.fsync(stream.fileno())


def _link_missing(old: str, new: str) -> None:
    """Carry into ``new`` every file or folder of ``old`` it does not have, without changing ``old``."""
    with os.scandir(old) as entries:
        for entry in entries:
            target = os.path.join(new, entry.name)
            if not os.path.lexists(target):
                _link_tree(entry.path, target)
            elif entry.is_dir(follow_symlinks=False) and os.path.isdir(target):
                _link_missing(entry.path, target)


def _link_tree(source: str, target: str) -> None:
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


def _remove(folder: str) -> None:
    """Delete the old site, now out of the way; a folder left by an interrupted deletion goes at the next run."""
    _make_writable(folder)
    shutil.rmtree(folder, ignore_errors=True)
