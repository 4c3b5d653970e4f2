"""What a change of sources touches: the outputs of the plan to write again, and those to delete.

The preview uses it to rebuild, after one saved event, pépite or article,
only the outputs whose ``depends_on`` the change meets; a test proves the
result is byte-identical to a full build for a change of every kind.
"""

from __future__ import annotations

import os

from pelican.plugins.tierslieu.model.loading import YAML_SUFFIXES
from pelican.plugins.tierslieu.plan import ANY_ARTICLE, Output, event_key, pepite_key


def changes_of(paths: list[str], data_folder: str) -> set[str] | None:
    """Return the dependency keys of saved data files (``event:<slug>``…), or None if another file changed.

    Other files in the data folders (editors' temporary files, hidden
    files) change nothing.
    """
    keys = set()
    folders = {os.path.join(data_folder, "events"): event_key, os.path.join(data_folder, "pepites"): pepite_key}
    for path in paths:
        folder, name = os.path.split(os.path.abspath(path))
        key = folders.get(folder)
        if key is None:
            return None
        if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
            keys.add(key(os.path.splitext(name)[0]))
    return keys


def article_changes(paths: list[str], content: str, page_folders: list[str]) -> set[str] | None:
    """Return ``{ANY_ARTICLE}`` when only news articles (Markdown outside the pages folders) changed, else None."""
    pages = tuple(os.path.join(content, folder) + os.sep for folder in page_folders)
    for path in paths:
        if not (path.endswith(".md") and path.startswith(content + os.sep) and not path.startswith(pages)):
            return None
    return {ANY_ARTICLE}


def select(old: list[Output], new: list[Output], changes: set[str]) -> tuple[list[Output], list[str]]:
    """Return (outputs of ``new`` to write, in plan order; save_as of ``old`` outputs to delete).

    An output is written when the change meets what it depends on now or
    depended on before (an event that left a pépite's list touches that
    pépite's page), or when it is new.
    """
    before = {output.save_as: output for output in old}
    write = [
        output
        for output in new
        if output.save_as not in before or output.affected_by(changes) or before[output.save_as].affected_by(changes)
    ]
    kept = {output.save_as for output in new}
    return write, sorted(name for name in before if name not in kept)
