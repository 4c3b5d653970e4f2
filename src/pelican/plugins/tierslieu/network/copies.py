"""The folder of last good copies of the network venues' feeds, and what is known of each.

``invoke fetch-network`` writes ``<slug>.ics`` (the feed as last read
well) and ``<slug>.json`` (its metadata) for each venue whose calendar is
an address on the web; the build only reads them. The folder is
git-ignored and outside ``cache/``, so that ``invoke clean`` keeps it
(SPEC section 2). Metadata keys of the copy: ``url`` (the address the copy
came from), ``read_at`` (ISO 8601 UTC, the last time the feed was read
well, a 304 included), ``etag`` and ``last_modified`` (for conditional
requests). Keys of the last failed fetch, kept apart from the copy's:
``failed_url`` (the address tried), ``failure`` and ``failed_at`` (its
French reason and ISO 8601 UTC time); they go when a fetch succeeds. A
fetch that fails at another address than the copy's leaves the copy's
keys as they were: when ``calendar:`` is back at the copy's address, the
copy counts again. The metadata of a venue never read holds only the
failure's keys. Files written before ``failed_url`` existed name the
failed address in ``url``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime

STALE_DAYS = 14
"""A copy read longer ago than this is not shown (SPEC section 2)."""


@dataclass(frozen=True)
class Failure:
    """The last fetch of a feed that failed: its French reason and when (aware, UTC)."""

    reason: str
    at: datetime


@dataclass(frozen=True)
class Copy:
    """A feed's last good copy: its bytes' path and its metadata."""

    path: str
    url: str
    read_at: datetime
    etag: str = ""
    last_modified: str = ""


def paths(folder: str, slug: str) -> tuple[str, str]:
    """Return the paths of a venue's copy and of its metadata."""
    return os.path.join(folder, f"{slug}.ics"), os.path.join(folder, f"{slug}.json")


def find(folder: str, slug: str, url: str) -> Copy | None:
    """Return the last good copy of ``url`` for venue ``slug``, or None (never read, or read from another address)."""
    feed, meta = paths(folder, slug)
    try:
        with open(meta, encoding="utf-8") as stream:
            data = json.load(stream)
        read_at = datetime.fromisoformat(data["read_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if data.get("url") != url or read_at.tzinfo is None or not os.path.isfile(feed):
        return None
    return Copy(feed, url, read_at, str(data.get("etag") or ""), str(data.get("last_modified") or ""))


def last_failure(folder: str, slug: str, url: str) -> Failure | None:
    """Return the last failed fetch of venue ``slug`` if it was of ``url`` and came after its last good copy, or None."""
    data = _metadata(paths(folder, slug)[1])
    try:
        failed_at = datetime.fromisoformat(data["failed_at"])
    except (ValueError, KeyError, TypeError):
        return None
    reason = data.get("failure")
    if data.get("failed_url", data.get("url")) != url:
        return None
    if failed_at.tzinfo is None or not isinstance(reason, str) or not reason:
        return None
    return Failure(reason, failed_at)


def note_failure(folder: str, slug: str, url: str, reason: str, when: datetime) -> None:
    """Record in the metadata of ``slug`` that fetching ``url`` failed at ``when`` (aware) for ``reason`` (French).

    It replaces the record of the previous failure. The metadata of the
    last good copy stays as it was, whatever its address (a failure at a
    new address must not lose the copy of the old one, found again when
    ``calendar:`` is set back to it); the copy's bytes are never touched.
    """
    meta_path = paths(folder, slug)[1]
    data = _metadata(meta_path)
    if "read_at" not in data:  # no good copy: an older failure's keys (``url`` in older files) go
        data = {}
    data.update(failed_url=url, failure=reason, failed_at=when.astimezone(UTC).isoformat(timespec="seconds"))
    os.makedirs(folder, exist_ok=True)
    _replace(meta_path, (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def _metadata(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def keep(folder: str, slug: str, body: bytes | None, meta: dict) -> None:
    """Store a good copy (``body``; None keeps the bytes already there, after a 304) and its metadata, atomically."""
    os.makedirs(folder, exist_ok=True)
    feed, meta_path = paths(folder, slug)
    if body is not None:
        _replace(feed, body)
    _replace(meta_path, (json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def _replace(path: str, data: bytes) -> None:
    temporary = f"{path}.tmp-{os.getpid()}"
    with open(temporary, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)
