"""A saved article: the news pages open in a browser are written and reloaded first, as shown.py does for events.

Pelican's articles generator writes every page of the news at once (each
article, the lists, tags, categories). Before that, the same generator
writes through ``ShownWriter``, which renders only the pages a browser
shows (``Shown``): they are moved into the served folder and reloaded,
then the whole news is written as before. If that fails, the pages written
first get their old content back (``Restorable``) and the preview's error
reloads them: a failed update leaves nothing of itself.
"""

from __future__ import annotations

from pelican.writers import Writer

from pelican.plugins.tierslieu.staging import Staging

from .shown import Restorable, normal


class ShownWriter(Writer):
    """Pelican's writer that renders and writes only the pages at ``shown`` addresses (feeds never)."""

    def __init__(self, output_path: str, settings: dict, shown: frozenset[str]):
        super().__init__(output_path, settings=settings)
        self.shown = shown
        self.names: list[str] = []
        """The pages written, relative to the output folder."""

    def write_feed(self, *args, **kwargs) -> None:
        """Write no feed: the whole update writes them."""

    def write_file(self, name, template, context, *args, **kwargs) -> None:
        """Write the page ``name`` (relative to the output) only when a browser shows it."""
        if normal(name) in self.shown:
            self.names.append(name)
            super().write_file(name, template, context, *args, **kwargs)


def write_news_first(
    articles, shown: frozenset[str], output: str, settings: dict, reload_first
) -> tuple[frozenset[str], Restorable | None]:
    """Write and reload the news pages of ``articles`` (an ArticlesGenerator) open in a browser.

    ``shown`` holds the addresses shown (``Shown.paths``), ``output`` is
    the served folder, ``reload_first(addresses)`` reloads pages. Raises
    OSError. Returns the addresses reloaded and the copies of what those
    pages replaced (to restore if the rest of the update fails, to discard
    otherwise), or an empty set and None when no news page is shown.
    """
    if not shown:
        return frozenset(), None
    staging = Staging(output)
    try:
        writer = ShownWriter(staging.folder, settings, shown)
        articles.generate_output(writer)
        if not writer.names:
            return frozenset(), None
        backup = Restorable(output, writer.names)
        try:
            staging.merge([])
        except BaseException:
            backup.restore()
            backup.discard()
            raise
    finally:
        staging.discard()
    addresses = frozenset(normal(name) for name in writer.names)
    reload_first(addresses)
    return addresses, backup
