"""Links written « {filename}… » to an article or page this build does not publish: refused at their line.

Pelican resolves such a link to the draft's address (DRAFT_URL,
« drafts/… .html ») whether or not it writes the draft
(pelican.contents.Content._link_replacer), and this site writes none
(DRAFT_SAVE_AS is empty): the published page would link to nothing and
show the unpublished slug. Pelican holds back an article written
« Status: draft », and one dated later than the build while
WITH_FUTURE_DATES is off (pelican.contents.Article: its status becomes
« draft » too; ``invoke check`` notes it as « publication programmée »).
What Pelican itself decided is read here, after it has read content/, so
the build and ``invoke check`` agree with what is written.
"""

from __future__ import annotations

import os
import re
from html import unescape
from urllib.parse import unquote, urlparse

from .content_log import CONTENT_LISTS
from .model.errors import DataError
from .model.loading import display_path

# Pelican's INTRASITE_LINK_REGEX for « {filename} » or « |filename| », as written in Markdown.
_FILENAME_LINK = re.compile(r"[{|]filename[|}]([^\s)\"'<>\]]*)")


def unpublished_links(generators, root: str) -> list[DataError]:
    """Return the refusals of « {filename} » links to what this build does not write (see the module).

    ``generators`` are Pelican's, once it has read content/; paths are
    shown from ``root``. Refused: a link from an
    article or page that is published (or hidden), or scheduled, to one
    whose address Pelican writes nothing at (``save_as`` empty: a draft,
    or an article dated later than the build). Not refused: a link from a
    draft (« Status: draft »), which nobody sees; a link from a scheduled
    article to one scheduled for the same time or earlier.
    """
    items = {}
    for generator in generators:
        for name in CONTENT_LISTS:
            for item in getattr(generator, name, None) or []:
                items.setdefault(os.path.normpath(item.relative_source_path), item)
    errors = []
    for item in items.values():
        if header_draft(item):
            continue
        with open(item.source_path, "rb") as stream:
            lines = stream.read().decode("utf-8", "replace").splitlines()
        for number, line in enumerate(lines, start=1):
            for match in _FILENAME_LINK.finditer(line):
                target = _target(match.group(1), item, items)
                message = _refusal(match.group(0), item, target) if target is not None else None
                if message:
                    errors.append(DataError(display_path(item.source_path, root), number, message))
    return errors


def header_draft(item) -> bool:
    """Tell whether the file says « Status: draft » (Pelican also makes a scheduled article a draft)."""
    return str(item.metadata.get("status", "")).lower() == "draft"


def _target(value: str, item, items: dict) -> object | None:
    """Return the article or page the link ``value`` of ``item`` leads to, as Pelican finds it, else None."""
    for path in (urlparse(value).path, unquote(urlparse(value).path), urlparse(unescape(value)).path):
        if not path:
            continue
        relative = path[1:] if path.startswith("/") else os.path.join(item.relative_dir, path)
        found = items.get(os.path.normpath(relative))
        if found is not None:
            return found
    return None


def _refusal(link: str, item, target) -> str | None:
    if target.save_as or target.status != "draft":
        return (
            None  # written (published, hidden, a draft page while DRAFT_PAGE_SAVE_AS is set), or held back on purpose
        )
    if header_draft(target):
        return (
            f"« {link} » mène à un brouillon, qui n'est pas publié : le lien serait cassé ; "
            "publiez-le (« Status: published ») ou retirez le lien"
        )
    if item.status == "draft" and not header_draft(item) and item.date >= target.date:
        return None  # scheduled too, for the same time or later: both are published by then
    return (
        f"« {link} » mène à une actualité programmée pour le {target.date:%Y-%m-%d %H:%M}, pas encore publiée : "
        "le lien serait cassé jusque-là ; retirez le lien, ou programmez cette actualité-ci après elle"
    )
