"""Links written « {tag}… », « {category}… » or « {author}… » in articles: to a page the site has, or refused.

Pelican turns these links into addresses without asking whether the page
exists (pelican.contents.Content._link_replacer): a tag no article has,
a misspelt category, an author (this site publishes no author pages:
AUTHOR_SAVE_AS is empty) would give a link to nothing, in the article, on
the lists and in the news feed. Each is refused at its line, with the
closest existing name when there is one.
"""

from __future__ import annotations

import difflib
import os
import re
from urllib.parse import unquote

from pelican.utils import slugify

from .model.errors import DataError
from .spellings import groupings_in

# Pelican's INTRASITE_LINK_REGEX (« {tag} » or « |tag| »), for the three groupings, as written in Markdown.
_GROUPING_LINK = re.compile(r"[{|](tag|category|author)[|}]([^\s)\"'<>\]]*)")
_KEYS = {"tag": "Tags", "category": "Category"}
_WORDS = {"tag": "l'étiquette", "category": "la catégorie"}
_NOUNS = {"tag": "étiquette", "category": "catégorie"}


def grouping_links(files: list[tuple[str, str]], settings: dict) -> list[DataError]:
    """Return the refusals of grouping links to pages the site does not publish (see the module).

    ``files`` are ``(path, display)`` of Markdown files. Known pages: the
    tags and categories of these files' headers, DEFAULT_CATEGORY, and the
    folders of articles when USE_FOLDER_AS_CATEGORY (Pelican's defaults).
    Slugs are Pelican's, with SLUG_REGEX_SUBSTITUTIONS.
    """
    substitutions = settings.get("SLUG_REGEX_SUBSTITUTIONS") or []

    def slug(name: str) -> str:
        return slugify(name, regex_subs=substitutions)

    texts = {}  # each file read once: its headers name the groupings, its lines hold the links
    for path, _display in files:
        with open(path, "rb") as stream:
            texts[path] = stream.read().decode("utf-8", "replace").splitlines()
    known: dict[str, dict[str, str]] = {"tag": {}, "category": {}}
    for path, _display in files:
        for key, _number, name in groupings_in(texts[path]):
            known["tag" if key == "Tags" else "category"].setdefault(slug(name), name)
        if settings.get("USE_FOLDER_AS_CATEGORY", True):
            folder = os.path.basename(os.path.dirname(path))
            known["category"].setdefault(slug(folder), folder)
    if settings.get("DEFAULT_CATEGORY"):
        known["category"].setdefault(slug(settings["DEFAULT_CATEGORY"]), settings["DEFAULT_CATEGORY"])
    errors = []
    for path, display in files:
        for number, line in enumerate(texts[path], start=1):
            for match in _GROUPING_LINK.finditer(line):
                message = _refusal(match.group(0), match.group(1), unquote(match.group(2)), known, slug)
                if message:
                    errors.append(DataError(display, number, message))
    return errors


def _refusal(link: str, what: str, value: str, known: dict[str, dict[str, str]], slug) -> str | None:
    if what == "author":
        return (
            f"« {link} » mène à une page d'auteur, et ce site n'en publie pas : "
            "retirez ce lien, ou liez une page (« {filename}/pages/… .md »)"
        )
    names = known[what]
    if slug(value) in names:
        return None
    close = difflib.get_close_matches(slug(value), list(names), n=1, cutoff=0.6)
    advice = (
        f"vouliez-vous dire « {{{what}}}{close[0]} » ({names[close[0]]}) ?"
        if close
        else f"écrivez le nom d'une {_NOUNS[what]} d'un article (ligne « {_KEYS[what]}: »)"
    )
    return f"« {link} » mène à la page de {_WORDS[what]} « {value} », qu'aucun article n'a : {advice}"
