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
    or inside such a folder of the root, except LETTERS. These folders are
    compared by their real location too (``os.path.realpath``, then the
    same file on disk): a path given anywhere, an absolute one outside the
    project included, is refused when it is or lies inside one of them
    (node_modules/ linked to /shared/node_modules refuses
    /shared/node_modules/lettres). Refused too: a path given inside the
    project that resolves (symbolic links followed) elsewhere, and a path
    given outside that resolves inside. Other folders outside the project
    are allowed. The message names the real folder when a link leads to it.
    """
    given_root = os.path.abspath(project_root(settings))
    root = os.path.realpath(given_root)
    given = os.path.normpath(os.path.abspath(folder))
    lexical = _parts(given, given_root)
    if lexical is None:
        lexical = _parts(given, root)
    real_path = os.path.realpath(folder)
    folders = _folders(settings, root)
    real = _parts(real_path, root)
    if real is None:
        real = _linked(real_path, folders)
        if real is None and lexical is None:
            return
        refused = real is not None
    else:
        refused = _refused(real, folders, root)
    if lexical != real or refused:
        shown = given if lexical is None else "/".join(lexical) or "."
        what = ""
        if real is not None and lexical != real:
            name = "/".join(real) or "."
            what = f"un lien vers {name}/, " if os.path.islink(given) else f"le même dossier que {name}/, "
        raise OutputError(
            f"--output : la lettre n'a pas sa place dans {shown}/, {what}un dossier du projet que la "
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


def _folders(settings: dict, root: str) -> dict[str, str]:
    """Return the refused folders of the project: their name (from the root, or absolute) → their real path.

    Names: the settings' folders, KIT_FOLDERS, the root's hidden entries and
    the first names of the paths git tracks (LETTERS excepted). A folder whose
    real path is the root or holds it is left out: it would refuse lettres/.
    """
    config = PluginSettings.from_pelican(settings)
    known = [
        data_path(settings),
        settings["PATH"],
        settings.get("OUTPUT_PATH") or "output",
        settings.get("CACHE_PATH") or "cache",
        config.network_copies,
        *KIT_FOLDERS,
    ]
    with os.scandir(root) as entries:
        known += [entry.name for entry in entries if entry.name.startswith(".")]
    known += [name for name in _tracked(root) if name.casefold() != LETTERS]
    folders = {}
    for base in known:
        path = os.path.normpath(os.path.join(root, base))
        real = os.path.realpath(path)
        if _parts(root, real) is None:
            parts = _parts(path, root)
            folders["/".join(parts) if parts else path] = real
    return folders


def _refused(parts: list[str], folders: dict[str, str], root: str) -> bool:
    """Tell whether ``parts`` (a real path, from the root) is the root, hidden, or in a refused folder.

    Names compare casefolded, both the folder's name and its real place in the project.
    """
    if not parts or any(part.startswith(".") for part in parts):
        return True
    folded = [part.casefold() for part in parts]
    for name, real in folders.items():
        for base_parts in (None if os.path.isabs(name) else name.split("/"), _parts(real, root)):
            if base_parts and folded[: len(base_parts)] == [part.casefold() for part in base_parts]:
                return True
    return False


def _linked(path: str, folders: dict[str, str]) -> list[str] | None:
    """Return the name in the project of ``path`` (a real path outside it) inside a refused folder, else None.

    Compared as the same folder on disk (``os.path.samestat``), so a case-insensitive disk is read right.
    """
    places = {}
    for name, real in folders.items():
        try:
            places[name] = os.stat(real)
        except OSError:  # not made yet
            continue
    rest: list[str] = []
    while True:
        try:
            status = os.stat(path)
        except OSError:  # a folder the letter would make
            status = None
        for name, place in places.items():
            if status is not None and os.path.samestat(status, place):
                return [*([name] if os.path.isabs(name) else name.split("/")), *rest]
        parent, leaf = os.path.split(path)
        if parent == path:
            return None
        path = parent
        rest.insert(0, leaf)


def _tracked(root: str) -> set[str]:
    """Return the first names of the paths git tracks in ``root`` (none when it is not a repository, or no git)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"],
            cwd=root,
            capture_output=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=True,
        ).stdout.split("\0")
    except (OSError, subprocess.CalledProcessError):
        return set()
    return {name.split("/")[0] for name in listed if name}
