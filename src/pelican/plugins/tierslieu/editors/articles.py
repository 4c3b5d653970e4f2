"""The preview's reading of news articles again, after some were saved: refused as a build refuses them.

A full build takes Pelican's warnings about content/ (content_log.py) and
refuses what ``Integration.check_collisions`` finds; the preview's update
of the articles alone takes and refuses the same, so a new article with a
broken « {filename} » link gets its French error and the banner, never
Pelican's English line and a page linking to « %7Bfilename%7D/… ».
A file a new article links with « {static} » is read as Pelican's
StaticGenerator reads it in a build, after the articles: a missing one is
then told once, as check and the build tell it (« lien vers un fichier
introuvable », content_log.py), not a second time as a link Pelican
could not resolve.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from pelican.contents import Static
from pelican.generators import ArticlesGenerator, StaticGenerator

from pelican import signals
from pelican.plugins.tierslieu.model.errors import DataErrors


def read_articles(pelican, old: ArticlesGenerator, folder: str, saved: Iterable[str] = ()) -> ArticlesGenerator:
    """Return a new ArticlesGenerator that has read content/'s articles again, to write into ``folder``.

    ``pelican`` is the preview's Pelican (its ``tierslieu`` integration
    holds the last run's generators, ``old`` among them). The files
    ``saved`` (absolute paths: the watcher's) are read again, and those
    ``old`` did not read; every other article is ``old``'s own object
    (``_reusing``). Every link of every article and page is resolved before
    anything is written. Raises DataErrors with what a build would refuse
    (``Integration.content_problems``), nothing written.
    """
    integration = pelican.tierslieu
    integration.content_log.start()
    try:
        articles = ArticlesGenerator(
            context=old.context,
            settings=pelican.settings,
            path=pelican.path,
            theme=pelican.theme,
            output_path=folder,
        )
        _reusing(articles, old, {os.path.abspath(path) for path in saved})
        articles.generate_context()
        _read_linked_files(integration.generators)
        articles.refresh_metadata_intersite_links()
        generators = [articles if generator is old else generator for generator in integration.generators]
        problems, _ = integration.content_problems(generators)
    finally:
        integration.content_log.stop()
    if problems:
        raise DataErrors(problems)
    return articles


def _reusing(articles: ArticlesGenerator, old: ArticlesGenerator, saved: set[str]) -> None:
    """Make ``articles`` take ``old``'s article of each file not ``saved``, instead of reading it again.

    Pelican builds each article anew (its addresses, our sanitising:
    sanitising.read_content) even from its content cache; an article not
    saved since ``old`` read it is the same. ``old`` comes from an update
    or a build that succeeded (a failed one makes the preview build the
    whole site again), so that article had no problem; a file saved
    meanwhile is among the saves of this update or of the next one.
    """
    groups = ("articles", "translations", "hidden_articles", "hidden_translations", "drafts", "drafts_translations")
    known = {article.source_path: article for group in groups for article in getattr(old, group, [])}
    read = articles.readers.read_file

    def read_file(base_path, path, *arguments, **options):
        found = known.get(os.path.abspath(os.path.join(base_path, path)))
        return (
            found
            if found is not None and found.source_path not in saved
            else read(base_path, path, *arguments, **options)
        )

    articles.readers.read_file = read_file


def _read_linked_files(generators) -> None:
    """Read the files linked with « {static} » that no generator has read yet, as Pelican's StaticGenerator does.

    In a build the StaticGenerator runs after the articles and reads every
    file they link (``static_links``), missing ones included, into
    ``static_content``; Pelican then resolves these links without its
    « Unable to find » warning (pelican.generators.StaticGenerator.generate_context).
    Files read here are not copied to the output.
    """
    static = next((generator for generator in generators if isinstance(generator, StaticGenerator)), None)
    if static is None:
        return
    context = static.context
    for path in sorted(set(context["static_links"]) - set(context["static_content"])):
        if static.settings["STATIC_EXCLUDE_SOURCES"] and static._is_potential_source_path(path):
            continue
        item = static.readers.read_file(
            base_path=static.path,
            path=path,
            content_class=Static,
            fmt="static",
            context=context,
            preread_signal=signals.static_generator_preread,
            preread_sender=static,
            context_signal=signals.static_generator_context,
            context_sender=static,
        )
        static.add_source_path(item, static=True)
