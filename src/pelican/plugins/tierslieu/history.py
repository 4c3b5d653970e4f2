"""When each data file last changed, and how often: from git, else from the disk."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .model.loading import YAML_SUFFIXES


@dataclass(frozen=True)
class Change:
    """How many commits changed an event's files (SEQUENCE) and when they last changed."""

    revisions: int
    modified: datetime


@dataclass(frozen=True)
class History:
    """The commits that touched each file of a folder, newest first, with the renames git saw.

    ``stamps`` holds each commit's time (seconds since the epoch, newest
    commit at index 0); ``touched`` maps an absolute, normalised path to
    the indices of the commits that changed it; ``renames`` maps a path to
    the ``(former path, index of the renaming commit)`` pairs git reported.
    """

    stamps: list[int] = field(default_factory=list)
    touched: dict[str, list[int]] = field(default_factory=dict)
    renames: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    folders: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    """Each folder's real path (``os.path.realpath``), found once per history: one per data folder, not per file."""

    def commits_of(self, paths: Iterable[str]) -> set[int]:
        """Return the commits of a file's whole life: ``paths`` and the files git saw renamed into them.

        A former path counts up to the commit that renamed it (a later file
        of that name is another file). Paths are absolute and normalised.
        """
        found: set[int] = set()
        # The oldest commit index still counted for each path visited (0: all of it).
        limits: dict[str, int] = {}
        pending = [(path, 0) for path in paths]
        while pending:
            path, limit = pending.pop()
            if path in limits and limits[path] <= limit:
                continue
            limits[path] = limit
            found.update(index for index in self.touched.get(path, ()) if index >= limit)
            pending.extend((former, index) for former, index in self.renames.get(path, ()) if index >= limit)
        return found

    def change(self, paths: Iterable[str]) -> Change | None:
        """Return the Change of a file known by ``paths`` (None when git never saw any of them)."""
        commits = self.commits_of(paths)
        if not commits:
            return None
        return Change(len(commits), datetime.fromtimestamp(self.stamps[min(commits)], UTC))


def file_history(folder: str) -> History:
    """Return the history of every file under ``folder`` known to git (empty outside git).

    One git call for the whole folder: one call per file would cost
    seconds on a venue with hundreds of events. Renames are those git
    detects (``-M``, 50 % similarity); a merge counts as a change of the
    files it brings, against its first parent, since editors merge.
    """
    try:
        top = _git(folder, "rev-parse", "--show-toplevel").strip()
        log = _git(
            folder,
            "log",
            "-z",
            "--format=%x01%ct",
            "--name-status",
            "-M",
            "--diff-merges=first-parent",
            "--",
            ".",
        )
    except (OSError, subprocess.CalledProcessError):
        return History()
    history = History()
    tokens = iter(log.split("\x00"))
    for raw in tokens:
        token = raw.strip("\n")
        if token.startswith("\x01"):
            history.stamps.append(int(token[1:]))
            continue
        if not token:
            continue
        index = len(history.stamps) - 1
        if token[0] in "RC":
            former, path = (os.path.normpath(os.path.join(top, next(tokens))) for _ in range(2))
            if token[0] == "R":
                history.touched.setdefault(former, []).append(index)
                history.renames.setdefault(path, []).append((former, index))
        else:
            path = os.path.normpath(os.path.join(top, next(tokens)))
        history.touched.setdefault(path, []).append(index)
    return history


@dataclass(frozen=True)
class Deletion:
    """A data file deleted in git: its name (relative to the folder), when, and its last content."""

    name: str
    deleted: datetime
    text: str
    committed: bool = True
    """False for a file of HEAD missing from the working tree: deleted, not yet committed."""


def deleted_files(folder: str, since: datetime) -> list[Deletion]:
    """Return the files of ``folder`` deleted in git since ``since``, newest first.

    A file of the last commit (HEAD) that the working tree no longer has
    comes first, deleted now (``committed`` False): its last committed
    content, deleted when the folder last changed (its modification time).
    """
    result: dict[str, Deletion] = {deletion.name: deletion for deletion in _uncommitted_deletions(folder)}
    try:
        log = _git(
            folder,
            "log",
            f"--since={int(since.timestamp())}",
            "--diff-filter=D",
            "--format=%x00%H %ct",
            "--name-only",
            "--no-renames",
            "--relative",
            "--",
            ".",
        )
    except (OSError, subprocess.CalledProcessError):
        return list(result.values())
    for block in log.split("\x00")[1:]:
        lines = block.strip().splitlines()
        if not lines:
            continue
        commit, stamp = lines[0].split()
        for name in lines[1:]:
            if name in result or os.path.exists(os.path.join(folder, name)):
                continue
            try:
                text = _git(folder, "show", f"{commit}^:./{name}")
            except (OSError, subprocess.CalledProcessError):
                continue
            result[name] = Deletion(name, datetime.fromtimestamp(int(stamp), UTC), text)
    return list(result.values())


def _uncommitted_deletions(folder: str) -> list[Deletion]:
    try:
        names = _git(folder, "diff", "--name-only", "--diff-filter=D", "--no-renames", "--relative", "HEAD", "--", ".")
        when = datetime.fromtimestamp(int(os.stat(folder).st_mtime), UTC)
    except (OSError, subprocess.CalledProcessError):
        return []
    result = []
    for name in names.splitlines():
        if name and not os.path.exists(os.path.join(folder, name)):
            try:
                result.append(Deletion(name, when, _git(folder, "show", f"HEAD:./{name}"), committed=False))
            except (OSError, subprocess.CalledProcessError):
                continue
    return result


def earlier_versions(folder: str, names: set[str], since: datetime) -> list[Deletion]:
    """Return the content each of ``names`` (files of ``folder``) had before each change since ``since``, newest first.

    Each item is a Deletion whose ``deleted`` is when that content was
    replaced; a file's first commit has no earlier version. Used to keep
    sessions removed from an event's file in the feeds (deletions.py). Two
    git processes whatever the number of versions: one log, one
    ``cat-file --batch`` that reads every earlier version.
    """
    try:
        log = _git(
            folder,
            "log",
            f"--since={int(since.timestamp())}",
            "--format=%x00%H %ct",
            "--name-only",
            "--no-renames",
            "--relative",
            "--diff-filter=M",
            "--",
            ".",
        )
    except (OSError, subprocess.CalledProcessError):
        return []
    wanted = []
    for block in log.split("\x00")[1:]:
        lines = block.strip().splitlines()
        if lines:
            commit, stamp = lines[0].split()
            wanted += [(commit, int(stamp), name) for name in lines[1:] if name in names]
    if not wanted:
        return []
    request = "".join(f"{commit}^:./{name}\n" for commit, _stamp, name in wanted).encode()
    try:
        output = subprocess.run(
            ["git", "cat-file", "--batch"], cwd=folder, input=request, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    result, position = [], 0
    for _commit, stamp, name in wanted:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if header[1:2] != [b"blob"]:  # "<name> missing": the file's first version had none before
            continue
        size = int(header[2])
        text = output[position : position + size].decode("utf-8", "replace")
        position += size + 1
        result.append(Deletion(name, datetime.fromtimestamp(stamp, UTC), text))
    return result


def repository_kind(folder: str) -> str:
    """Say what history git holds for ``folder``: ``"complete"``, ``"shallow"`` or ``"none"``.

    ``"shallow"``: a clone made with ``--depth`` (CI checkouts by default),
    whose missing commits make SEQUENCE and LAST-MODIFIED wrong;
    ``"none"``: not inside a git repository, or git is not installed
    (SEQUENCE 0 and the files' modification times). Asks
    ``git rev-parse --is-shallow-repository`` (git 2.15 or later).
    """
    try:
        answer = _git(folder, "rev-parse", "--is-shallow-repository").strip()
    except (OSError, subprocess.CalledProcessError):
        return "none"
    return "shallow" if answer == "true" else "complete"


def _git(folder: str, *arguments: str) -> str:
    return subprocess.run(["git", *arguments], cwd=folder, capture_output=True, text=True, check=True).stdout


def change_of(path: str, history: History, aliases: Iterable[str] = (), missing: datetime | None = None) -> Change:
    """Return the Change of the data file at ``path``, whose former slugs are ``aliases``.

    SEQUENCE counts every commit of the file's whole life (SPEC section 2:
    "SEQUENCE never decreases, renames included"): its path, the files of
    its ``aliases:`` in the same folder (``<alias>.yaml`` or ``.yml``) and
    the files git saw renamed into any of them. Outside git (or for a file
    git never saw): revision 0 and ``missing``, else the file's
    modification time (OSError when the file does not exist).
    """
    folder = os.path.dirname(path)
    former = [os.path.join(folder, alias + suffix) for alias in aliases for suffix in YAML_SUFFIXES]
    found = history.change(_keys([path, *former], history.folders)) if history.touched else None
    if found:
        return found
    if missing is not None:
        return Change(0, missing)
    stamp = int(os.stat(path).st_mtime)
    return Change(0, datetime.fromtimestamp(stamp, UTC))


def _keys(paths: Iterable[str], folders: dict[str, str]) -> list[str]:
    """Return the keys of ``paths`` in a History: each real path (symbolic links resolved), then as written.

    A file that is not itself a link is its folder's real path joined to
    its name, as ``os.path.realpath`` finds it; ``folders`` keeps each
    folder's real path.
    """
    keys = []
    for path in paths:
        absolute = os.path.normpath(os.path.abspath(path))
        folder, name = os.path.split(absolute)
        if os.path.islink(absolute):
            real = os.path.realpath(absolute)
        else:
            if folder not in folders:
                folders[folder] = os.path.realpath(folder)
            real = os.path.join(folders[folder], name)
        keys += [os.path.normpath(real), absolute]
    return keys
