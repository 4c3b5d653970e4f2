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

A run never replaces a site made by a run that started after it (an
orphaned build finishing late, after a newer one published): each swap
writes its run's start (``time.time_ns``, comparable across processes)
beside the output (``.output-started``), and a run older than that stamp
discards its site (``superseded``).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import tempfile
import time

from .folders import link_missing, link_tree, remove_folder

try:
    import fcntl
except ImportError:  # not on Windows: there, the age of a staging folder tells instead
    fcntl = None

SUPERSEDED = (
    "Site écarté : une construction lancée après celle-ci a déjà mis son site dans {output} ; "
    "ce site plus récent reste en place."
)
"""The French line of a run whose site is discarded (``{output}``: the output folder as the editor knows it)."""
STALE_SECONDS = 24 * 3600
"""Without locks, a staging folder younger than this may belong to a build running right now."""
KILL_AT = "TIERSLIEU_TEST_KILL_AT"
"""Environment variable of the tests: the name of a step of the swap where the process kills itself."""


class Staging:
    """The folders of one staged run: ``final`` (the output) and ``folder`` (where the run writes)."""

    def __init__(self, final: str, started: int | None = None):
        self.started = time.time_ns() if started is None else started
        """When the run started (``time.time_ns``): a swap never replaces the site of a later start."""
        self.superseded = False
        """Set by ``swap`` when a run that started later had already put its site in place."""
        self.final = os.path.abspath(final)
        self.parent = os.path.dirname(self.final)
        self.name = os.path.basename(self.final)
        self.journal = os.path.join(self.parent, f".{self.name}-swap.json")
        self.stamp = os.path.join(self.parent, f".{self.name}-started")
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

    def swap(self, carry: str | list[str]) -> bool:
        """Put the staging folder in place of the output; return False if a later run's site is there.

        ``carry`` says what of the old site the new one keeps when the run
        did not write it: ``"all"`` (Pelican without DELETE_OUTPUT_DIRECTORY)
        or a list of top-level names (OUTPUT_RETENTION). Raises OSError when a
        file cannot be carried or a folder cannot be renamed; the old site is
        then untouched. A run whose start is older than the stamp of the site
        in place leaves that site as it is (``superseded``, module docstring).
        """
        stamp = _open_stamp(self.stamp)  # locked: one swap at a time, so the stamp read is the one replaced
        try:
            if os.path.isdir(self.final) and _read_stamp(stamp) > self.started:
                self.superseded = True
                return False
            self._swap(carry)
            with contextlib.suppress(OSError):  # without a stamp, the next run of any start replaces this site
                _write_stamp(stamp, self.started)
            return True
        finally:
            if stamp is not None:
                os.close(stamp)

    def _swap(self, carry: str | list[str]) -> None:
        _step("written")
        if os.path.isdir(self.final):
            if carry == "all":
                link_missing(self.final, self.folder)
            else:
                for name in carry:
                    source, target = os.path.join(self.final, name), os.path.join(self.folder, name)
                    if os.path.lexists(source) and not os.path.lexists(target):
                        link_tree(source, target)
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
        remove_folder(old)

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
                remove_folder(path)
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


def _open_stamp(path: str) -> int | None:
    """Open the stamp file (created empty if needed), locked until closed; None where it cannot be."""
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return None
    if fcntl is not None:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    return descriptor


def _read_stamp(descriptor: int | None) -> int:
    """Return the start the stamp holds (``time.time_ns``), 0 when there is none or it is unreadable."""
    try:
        return int(os.pread(descriptor, 32, 0).decode("ascii").strip() or 0)
    except (OSError, TypeError, ValueError):
        return 0


def _write_stamp(descriptor: int | None, started: int) -> None:
    if descriptor is not None:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{started}\n".encode("ascii"), 0)


def _remove_abandoned(folder: str) -> None:
    """Remove a staging folder whose run died (unlocked), or, without locks, one over a day old."""
    if fcntl is None:
        if time.time() - os.path.getmtime(folder) > STALE_SECONDS:
            remove_folder(folder)
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        remove_folder(folder)
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
