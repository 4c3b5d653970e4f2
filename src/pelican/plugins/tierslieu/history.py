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
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=folder,
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", "."],
            cwd=folder, capture_output=True, text=True, check=True,
        ).stdout
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
    return {
        path: Change(counts[path], datetime.fromtimestamp(latest[path], UTC))
        for path in counts
    }


def change_of(path: str, history: dict[str, Change]) -> Change:
    """Return a file's history, or revision 0 and its modification time."""
    real = os.path.normpath(os.path.realpath(path))
    found = history.get(real) or history.get(os.path.normpath(path))
    if found:
        return found
    stamp = int(os.stat(path).st_mtime)
    return Change(0, datetime.fromtimestamp(stamp, UTC))
