"""Event files renamed without their old name in ``aliases:``: committed, staged, or moved on the disk only."""

from __future__ import annotations

import difflib
import os
import subprocess

from pelican.plugins.tierslieu.model.loading import LoadedData

from .advice import Advice

SIMILAR = 0.5
"""Git's default rename threshold (``-M50%``): a new file at least this similar to a vanished one is that file."""


def rename_advice(loaded: LoadedData, data_folder: str) -> list[Advice]:
    """Warn about an event file renamed in git (committed or staged) or on the disk, without its old name in aliases."""
    folder = os.path.join(data_folder, "events")
    if not os.path.isdir(folder):
        return []
    by_name = {os.path.basename(source.path): source for source in loaded.events}
    # Committed renames, then renames staged in the index (git's own detection), then plain `mv`s.
    pairs = _git_renames(folder, "log", "-M", "--diff-filter=R", "--name-status", "--format=", "--relative")
    staged = _git_renames(folder, "diff", "--cached", "-M", "--diff-filter=R", "--name-status", "--relative", "HEAD")
    pairs += staged + _moved_on_disk(folder, set(by_name), staged)
    result = []
    for old_path, new_path in pairs:
        old = os.path.splitext(os.path.basename(old_path))[0]
        source = by_name.get(os.path.basename(new_path))
        if source is None or source.model is None or old in source.model.aliases:
            continue
        result.append(
            Advice(
                source.display,
                source.document.line_of(("aliases",)),
                f"ce fichier s'appelait « {old} » : ajoutez 'aliases: [{old}]' pour que les agendas abonnés ne voient pas un doublon",
            )
        )
    return result


def _git(folder: str, *arguments: str) -> str:
    return subprocess.run(["git", *arguments], cwd=folder, capture_output=True, text=True, check=True).stdout


def _git_renames(folder: str, *arguments: str) -> list[tuple[str, str]]:
    """Return the (old, new) paths of the renames a ``git log`` or ``git diff --name-status`` reports."""
    try:
        out = _git(folder, *arguments, "--", ".")
    except (OSError, subprocess.CalledProcessError):  # outside git, or no commit yet
        return []
    parts = (line.split("\t") for line in out.splitlines())
    return [(part[1], part[2]) for part in parts if len(part) == len(("R100", "old", "new"))]


def _moved_on_disk(folder: str, on_disk: set[str], staged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pair each file of HEAD missing from the disk with the new file most similar to it, as git would.

    The similarity is difflib's on lines: the characters of the lines both
    files share, over the size of the larger file, at least 50 % — close to
    git's score (bytes copied over the larger size). ``git diff --no-index``
    would need a temporary folder per pair; difflib needs the old text only.
    """
    try:
        in_head = set(_git(folder, "ls-tree", "--name-only", "HEAD", "--", ".").split("\n")) - {""}
    except (OSError, subprocess.CalledProcessError):
        return []
    done = {os.path.basename(path) for pair in staged for path in pair}
    gone = sorted(name for name in in_head - on_disk - done if "/" not in name)
    new = sorted(on_disk - in_head - done)
    pairs = []
    for name in gone:
        try:
            old_text = _git(folder, "show", f"HEAD:./{name}")
        except (OSError, subprocess.CalledProcessError, UnicodeDecodeError):
            continue
        scores = [(_similarity(old_text, _read(os.path.join(folder, other))), other) for other in new]
        best = max(scores, default=(0.0, ""))
        if best[0] >= SIMILAR:
            pairs.append((name, best[1]))
            new.remove(best[1])
    return pairs


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as stream:
            return stream.read()
    except (OSError, UnicodeDecodeError):
        return ""


def _similarity(old: str, new: str) -> float:
    if not old or not new:
        return 0.0
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    shared = sum(len("".join(old_lines[block.a : block.a + block.size])) for block in matcher.get_matching_blocks())
    return shared / max(len(old), len(new))
