"""Editors' advice on articles and pages of content/: what `invoke check` points out in their headers."""

from __future__ import annotations

import os
from zoneinfo import ZoneInfo

from pelican.utils import get_date

from pelican.plugins.tierslieu.content_headers import read_headers
from pelican.plugins.tierslieu.model.loading import display_path

from .advice import Advice


def date_order_advice(settings: dict, root: str) -> list[Advice]:
    """Advise, at its line, on a ``Modified:`` earlier than the ``Date:`` of the same article or page.

    Both are compared as moments: one without an offset is in TIMEZONE, as
    Pelican reads it (pelican.utils.set_date_tzinfo). A date of update before
    the publication means nothing, and nothing shows it: one of the two is a
    typing mistake. The Markdown files are those content_check.check_content
    reads (STATIC_PATHS and names starting with « . » left out); a date
    content_check refuses is left to its error.
    """
    content = settings["PATH"]
    static = {os.path.normpath(os.path.join(content, path)) for path in settings.get("STATIC_PATHS", [])}
    static.discard(os.path.normpath(content))
    timezone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    result = []
    for folder, subfolders, files in os.walk(content):
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".") and os.path.normpath(os.path.join(folder, name)) not in static
        )
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith("."):
                path = os.path.join(folder, name)
                found = _date_order(path, display_path(path, root), timezone)
                result += [found] if found else []
    return result


def _date_order(path: str, display: str, timezone: ZoneInfo) -> Advice | None:
    """Return the advice on one Markdown file whose ``Modified:`` is before its ``Date:``, or None."""
    try:
        with open(path, encoding="utf-8") as stream:
            lines = stream.read().replace("\r\n", "\n").replace("\r", "\n").split("\n")
    except (OSError, UnicodeDecodeError):  # refused by content_check
        return None
    headers, _ = read_headers(lines, display)
    if "date" not in headers or "modified" not in headers:
        return None
    try:
        date, modified = (_moment(headers[key][1], timezone) for key in ("date", "modified"))
    except (ValueError, OverflowError):  # refused by content_check
        return None
    if modified >= date:
        return None
    number, written = headers["modified"]
    return Advice(
        display,
        number,
        f"'Modified' ({written}) est avant 'Date' ({headers['date'][1]}) : la date de mise à jour est ignorée ; "
        "corrigez l'une des deux",
    )


def _moment(value: str, timezone: ZoneInfo):
    """Return the moment an article's date says: without an offset, in ``timezone`` (as Pelican reads it)."""
    moment = get_date(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone)
