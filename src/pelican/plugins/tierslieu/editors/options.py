"""The preview's command line and the fingerprint of the plugin's code (its content cache's name)."""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os

from pelican.plugins.tierslieu.settings import data_path, project_root

PREVIEW_OUTPUT = os.path.join("cache", "apercu")
"""The folder the preview builds into and serves (relative to the project)."""


def code_fingerprint() -> str:
    """Return a short hash of the plugin's source code."""
    digest = hashlib.sha1()
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for folder, subfolders, files in sorted(os.walk(package)):
        subfolders.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                with open(os.path.join(folder, name), "rb") as stream:
                    digest.update(stream.read())
    return digest.hexdigest()[:12]


def parse_extra(items: list[str]) -> dict:
    """Read NAME=VALUE settings the way Pelican's -e does (values are JSON)."""
    result = {}
    for item in items:
        name, _, value = item.partition("=")
        try:
            result[name] = json.loads(value)
        except json.JSONDecodeError:
            result[name] = value
    return result


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """Read the command line of the preview (``sys.argv`` without ``argv``)."""
    parser = argparse.ArgumentParser(
        description="`invoke serve`: a preview that rebuilds on every save and reloads the browser."
    )
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", default="content")
    parser.add_argument("--output", default=PREVIEW_OUTPUT)
    parser.add_argument("--watch", action="append", default=None, help="folder to watch (repeatable)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="localhost")
    parser.add_argument("extra", nargs="*", help="settings, as for Pelican's -e: NAME=VALUE (JSON)")
    return parser.parse_args(argv)


def watched_folders(settings: dict, site, settings_file: str) -> list[str]:
    """Return the absolute folders whose saves rebuild the preview, none inside another.

    Content, data, theme, the settings file, the network's last good copies
    (``invoke fetch-network``) and the folders of network feeds that are
    files of the project (``network-feeds/``), as ``site`` (a
    generator.Site, or None before a first good build) names them.
    The copies folder is made if it is not there yet (it is git-ignored):
    a folder that does not exist cannot be watched, and the first fetch,
    which would make it, would then show nothing until another save.
    """
    root = project_root(settings)
    folders = ["content", data_path(settings), "theme", settings_file]
    copies = os.path.join(root, settings.get("TIERSLIEU_NETWORK_COPIES") or "network-copies")
    with contextlib.suppress(OSError):  # a folder the preview cannot make: the copies are read at the next save
        os.makedirs(copies, exist_ok=True)
    folders.append(copies)
    network = site.network if site is not None else None
    for venue in network.venues if network else []:
        if venue.local_feed:
            folders.append(os.path.dirname(os.path.join(root, venue.data.calendar)))
    found = {os.path.abspath(folder) for folder in folders if os.path.exists(folder)}
    return sorted(folder for folder in found if not any(folder.startswith(other + os.sep) for other in found))
