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
from urllib.parse import urlsplit

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
    if metadata.get("url", (0, ""))[1]:
        errors += _url_problems(metadata, display)
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


def _url_problems(metadata: dict[str, tuple[int, str]], display: str) -> list[DataError]:
    """Refuse a ``Url:`` that is not the address of the article's ``Save_as:`` file in the site.

    Pelican writes the file at ``Save_as`` and links to ``Url`` as it is
    written, relative to SITEURL (pelican.contents.Content.url): another
    site (« javascript:… », « https://… »), « / » first, « .. », or a
    path that is not ``Save_as`` (without its « index.html ») links to a
    page that does not exist. ``Url:`` without ``Save_as:`` is refused too.
    """
    number, value = metadata["url"]
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or value.startswith("/") or "\\" in value or ".." in value.split("/"):
        message = (
            f"« Url: {short(value)} » n'est pas une adresse de ce site : l'article y serait introuvable ; "
            "retirez la ligne (l'adresse se déduit du titre)"
        )
        return [DataError(display, number, message)]
    if not metadata.get("save_as", (0, ""))[1]:
        message = (
            f"« Url: {short(value)} » sans « Save_as: » : les liens mèneraient à une page qui n'existe pas ; "
            "retirez la ligne (l'adresse se déduit du titre)"
        )
        return [DataError(display, number, message)]
    save_as = metadata["save_as"][1]
    expected = save_as[: -len("index.html")] if save_as == "index.html" or save_as.endswith("/index.html") else save_as
    if value == expected:
        return []
    message = (
        f"« Url: {short(value)} » ne correspond pas à « Save_as: {short(save_as)} » (ligne {metadata['save_as'][0]}) : "
        f"les liens mèneraient à une page qui n'existe pas ; écrivez « Url: {expected} », ou retirez la ligne"
    )
    return [DataError(display, number, message)]
