"""Where ``invoke newsletter --output`` may write the month's letter: lettres/ or a folder outside the project.

Inside the project, the letter's two files must not land where the build,
the tests or git read them (they would be taken as data or content,
published, committed by mistake, or show in ``git status``), nor follow a
symbolic link out of the project (or into it from outside).
"""

from __future__ import annotations

import os
import subprocess

from pelican.plugins.tierslieu.settings import PluginSettings, data_path, project_root

LETTERS = "lettres"
"""The folder the guide documents for letters (tasks.py's default ``--output``), git-ignored (.gitignore: /lettres/)."""
KIT_FOLDERS = (
    "cache",
    "output",
    "network-feeds",
    "theme",
    "src",
    "tests",
    "schemas",
    "docs",
    "benchmarks",
    "node_modules",
)
"""Folders of the kit a letter never goes into, even in a copy without git (node_modules: npm's tools, maybe a link)."""


class OutputError(ValueError):
    """A folder the letter must not be written into (told in French)."""


def check_output(folder: str, settings: dict) -> None:
    """Raise OutputError when ``folder`` (a path, relative to the working folder or absolute) is refused.

    Refused, inside the project (``project_root``): the project's root
    itself; any hidden folder (.git, .venv…); data/ (DATA_PATH), content/
    (PATH), the output (OUTPUT_PATH), the cache (CACHE_PATH), the network
    copies and KIT_FOLDERS, their names compared casefolded (a
    case-insensitive disk reads Content as content/); any folder holding
    files git tracks (``git ls-files``, when the project is a repository),
    or inside such a folder of the root, except LETTERS. Refused too: a path given inside the project that
    resolves (symbolic links followed) elsewhere, and a path given outside
    that resolves inside. Folders outside the project are allowed.
    """
    given_root = os.path.abspath(project_root(settings))
    root = os.path.realpath(given_root)
    given = os.path.normpath(os.path.abspath(folder))
    lexical = _parts(given, given_root) or _parts(given, root)
    real = _parts(os.path.realpath(folder), root)
    if lexical is None and real is None:
        return
    if lexical != real or _refused(real, settings, root):
        shown = "/".join(lexical if lexical is not None else real) or "."
        raise OutputError(
            f"--output : la lettre n'a pas sa place dans {shown}/, un dossier du projet que la "
            "construction, les tests ou git lisent ; rien n'a été écrit ; gardez lettres/ (par défaut) "
            "ou choisissez un dossier hors du projet"
        )


def _parts(path: str, root: str) -> list[str] | None:
    """Return the names leading from ``root`` to ``path`` ([] for the root itself), None when it is outside."""
    relative = os.path.relpath(path, root)
    if relative == os.curdir:
        return []
    parts = relative.split(os.sep)
    return None if parts[0] == os.pardir else parts


def _refused(parts: list[str], settings: dict, root: str) -> bool:
    if not parts or any(part.startswith(".") for part in parts):
        return True
    folded = [part.casefold() for part in parts]
    config = PluginSettings.from_pelican(settings)
    known = [
        data_path(settings),
        settings["PATH"],
        settings.get("OUTPUT_PATH") or "output",
        settings.get("CACHE_PATH") or "cache",
        config.network_copies,
        *KIT_FOLDERS,
    ]
    for base in known:
        base_parts = _parts(os.path.realpath(os.path.join(root, base)), root)
        if base_parts and folded[: len(base_parts)] == [part.casefold() for part in base_parts]:
            return True
    return folded[0] != LETTERS and _tracked(folded[0], root)  # notes/2027, new, is in notes/ that git tracks


def _tracked(prefix: str, root: str) -> bool:
    """Tell whether git tracks ``prefix`` (casefolded, relative to ``root``) or a file under it."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"],
            cwd=root,
            capture_output=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=True,
        ).stdout.split("\0")
    except (OSError, subprocess.CalledProcessError):  # not a repository, or no git
        return False
    return any(name.casefold() == prefix or name.casefold().startswith(prefix + "/") for name in listed if name)
