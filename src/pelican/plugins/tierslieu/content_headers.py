"""Headers of an article that would publish it nowhere, under a made-up name, or as a translation.

An empty ``Save_as:`` or ``Url:`` publishes the article nowhere (or links
to nowhere) without a word; ``Lang:`` other than the site's language makes
Pelican file the article as a translation (pelican.generators: it leaves
the lists, and the header's text goes into file names); a ``Slug:`` is the
article's address, so it follows the slug rule of data files
(model/loading.FILE_SLUG). Each is refused at its line, for the build and
``invoke check`` alike (content_check.check_markdown).
"""

from __future__ import annotations

import re

from .model.errors import DataError
from .model.loading import FILE_SLUG
from .model.paths import suggested_slug
from .model.texts import short

LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*")
"""A BCP 47-like language tag (RFC 5646: a primary language subtag, then subtags): « fr », « fr-BE »."""
_NAMES = {"save_as": "Save_as", "url": "Url", "lang": "Lang", "slug": "Slug"}


def header_problems(metadata: dict[str, tuple[int, str]], display: str, site_lang: str | None) -> list[DataError]:
    """Return the problems of the ``Save_as``, ``Url``, ``Lang`` and ``Slug`` headers of one article.

    ``metadata`` maps a lower-case header name to (line, value as written);
    ``site_lang`` is Pelican's DEFAULT_LANG (None: not compared).
    """
    errors = []
    for key in ("save_as", "url"):
        if key in metadata and not metadata[key][1]:
            errors.append(
                DataError(
                    display,
                    metadata[key][0],
                    f"« {_NAMES[key]}: » vide : l'article ne serait publié nulle part ; retirez la ligne "
                    "(l'adresse se déduit du titre), ou écrivez « Status: draft » pour ne pas le publier",
                )
            )
    if "lang" in metadata:
        number, value = metadata["lang"]
        if not LANGUAGE_TAG.fullmatch(value):
            message = (
                f"langue « {short(value)} » invalide : écrivez un code de langue comme « fr », ou retirez la ligne"
            )
            errors.append(DataError(display, number, message))
        elif site_lang and value != site_lang:
            message = (
                f"« Lang: {value} » : les traductions ne sont pas prises en charge (le site est en « {site_lang} ») ; "
                "retirez la ligne"
            )
            errors.append(DataError(display, number, message))
    if "slug" in metadata and not FILE_SLUG.fullmatch(metadata["slug"][1]):
        number, value = metadata["slug"]
        advice = f"écrivez « Slug: {suggested_slug(value)} »" if value else "retirez la ligne"
        errors.append(
            DataError(
                display,
                number,
                f"« Slug: {short(value)} » refusé : il devient l'adresse de l'article (minuscules sans accents, "
                f"chiffres et tirets) ; {advice}",
            )
        )
    return errors
