"""When each data file last changed, and how often: from git, else from the disk."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class Change:
    """How many commits changed a file (SEQUENCE) and when it last changed."""

    revisions: int
    modified: datetime


def file_history(folder: str) -> dict[str, Change]:
    """Return the history of every file under ``folder`` known to git.

    One git call for the whole folder: one call per file would cost
    seconds on a venue with hundreds of events.
    """
    try:
        top = _git(folder, "rev-parse", "--show-toplevel").strip()
        # A merge counts as a change of the files it brings (against its first parent): editors merge.
        log = _git(
            folder, "log", "--format=%x00%ct", "--name-only", "--no-renames", "--diff-merges=first-parent", "--", "."
        )
    except (OSError, subprocess.CalledProcessError):
        return {}
    counts: dict[str, int] = {}
    latest: dict[str, int] = {}
    for block in log.split("\x00")[1:]:
        lines = block.strip().splitlines()
        if not lines:
            continue
        stamp = int(lines[0])
        for name in lines[1:]:
            path = os.path.normpath(os.path.join(top, name))
            counts[path] = counts.get(path, 0) + 1
            latest.setdefault(path, stamp)
    return {path: Change(counts[path], datetime.fromtimestamp(latest[path], UTC)) for path in counts}


@dataclass(frozen=True)
class Deletion:
    """A data file deleted in git: its name, when, and its last content."""

    name: str
    deleted: datetime
    revisions: int
    text: str


def deleted_files(folder: str, since: datetime) -> list[Deletion]:
    """Return the files of ``folder`` deleted in git since ``since``, newest first."""
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
        return []
    result: dict[str, Deletion] = {}
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
                revisions = len(_git(folder, "log", "--format=%H", f"{commit}", "--", name).split())
            except (OSError, subprocess.CalledProcessError):
                continue
            result[name] = Deletion(name, datetime.fromtimestamp(int(stamp), UTC), revisions, text)
    return list(result.values())


def _git(folder: str, *arguments: str) -> str:
    return subprocess.run(["git", *arguments], cwd=folder, capture_output=True, text=True, check=True).stdout


def change_of(path: str, history: dict[str, Change]) -> Change:
    """Return a file's history, or revision 0 and its modification time."""
    real = os.path.normpath(os.path.realpath(path))
    found = history.get(real) or history.get(os.path.normpath(path))
    if found:
        return found
    stamp = int(os.stat(path).st_mtime)
    return Change(0, datetime.fromtimestamp(stamp, UTC))
