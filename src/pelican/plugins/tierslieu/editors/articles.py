"""The preview's reading of news articles again, after some were saved: refused as a build refuses them.

A full build takes Pelican's warnings about content/ (content_log.py) and
refuses what ``Integration.check_collisions`` finds; the preview's update
of the articles alone takes and refuses the same, so a new article with a
broken « {filename} » link gets its French error and the banner, never
Pelican's English line and a page linking to « %7Bfilename%7D/… ».
"""

from __future__ import annotations

from pelican.generators import ArticlesGenerator

from pelican.plugins.tierslieu.model.errors import DataErrors


def read_articles(pelican, old: ArticlesGenerator, folder: str) -> ArticlesGenerator:
    """Return a new ArticlesGenerator that has read content/'s articles again, to write into ``folder``.

    ``pelican`` is the preview's Pelican (its ``tierslieu`` integration
    holds the last run's generators, ``old`` among them). Every link of
    every article and page is resolved before anything is written.
    Raises DataErrors with what a build would refuse
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
        articles.generate_context()
        articles.refresh_metadata_intersite_links()
        generators = [articles if generator is old else generator for generator in integration.generators]
        problems, _ = integration.content_problems(generators)
    finally:
        integration.content_log.stop()
    if problems:
        raise DataErrors(problems)
    return articles
