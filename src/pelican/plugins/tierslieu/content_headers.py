"""Headers of an article: unreadable or unknown, or that would publish it nowhere, under a made-up name, or as a translation.

Pelican reads the header block with Python-Markdown's meta extension
(markdown.extensions.meta): it stops at the first line whose name is not
``[A-Za-z0-9_-]+`` followed by « : » (« Catégorie: », « Status : »), and
that line and all the following ones, ``Status: draft`` included, are
published as text; a name it does not know (« Statut: », « Sumary: ») is
read and used by nothing. ``read_headers`` refuses both at their line.

An empty ``Save_as:`` or ``Url:`` publishes the article nowhere (or links
to nowhere) without a word; ``Lang:`` other than the site's language makes
Pelican file the article as a translation (pelican.generators: it leaves
the lists, and the header's text goes into file names); a ``Slug:`` is the
article's address, so it follows the slug rule of data files
(model/loading.FILE_SLUG). Each is refused at its line, for the build and
``invoke check`` alike (content_check.check_markdown).
"""

from __future__ import annotations

import difflib
import re
from urllib.parse import urlsplit

from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE
from unidecode import unidecode

from .model.errors import DataError
from .model.loading import FILE_SLUG
from .model.paths import suggested_slug
from .model.texts import hidden_character, short

LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*")
"""A BCP 47-like language tag (RFC 5646: a primary language subtag, then subtags): « fr », « fr-BE »."""
_NAMES = {"save_as": "Save_as", "url": "Url", "lang": "Lang", "slug": "Slug"}
_HIDDEN_NAMES = {"title": "Title", "author": "Author", "authors": "Authors", "slug": "Slug"}
KNOWN_HEADERS = (
    *("Title", "Date", "Modified", "Category", "Tags", "Slug", "Summary", "Status"),
    *("Lang", "Save_as", "Url", "Template", "Author", "Authors"),
)
"""Headers an article may have: the guide's (section 8) and the others Pelican reads (pelican.contents.Content)."""
_KNOWN = {name.lower(): name for name in KNOWN_HEADERS}
# French names an editor may write, without accents, lower case: the header Pelican reads instead.
_FRENCH = {
    **{"titre": "Title", "categorie": "Category", "etiquettes": "Tags", "mots-cles": "Tags", "resume": "Summary"},
    **{"statut": "Status", "etat": "Status", "auteur": "Author", "langue": "Lang", "modifie": "Modified"},
}
# A line written as a header: one word (accents allowed), maybe spaces, then « : » (not « https:// »).
_LOOKS_LIKE = re.compile(r"^\s*(\w[\w'-]*)(\s*):(?!//)")


def read_headers(lines: list[str], display: str) -> tuple[dict[str, tuple[int, str]], list[DataError]]:
    """Return the header block of an article as Pelican reads it, and its unreadable, unknown or repeated lines.

    The metadata maps a lower-case name to (line, value as written, continuation
    lines joined by a space). The block ends as in markdown.extensions.meta:
    at a blank line, « --- » or « ... », or a line that does not look like a
    header (the text begins). A line that looks like one but that Pelican
    would not read (``_LOOKS_LIKE``, not META_RE) is refused, and the block
    read on; so is a name not in KNOWN_HEADERS, with the nearest known name.
    """
    metadata: dict[str, tuple[int, str]] = {}
    errors = []
    key = None
    for number, line in enumerate(lines, start=1):
        if number == 1 and BEGIN_RE.match(line):
            continue
        if not line.strip() or END_RE.match(line):
            break
        readable, more, looks = META_RE.match(line), META_MORE_RE.match(line), _LOOKS_LIKE.match(line)
        if readable:
            key = readable.group("key").lower()
        elif more and key:  # Python-Markdown adds the line to the previous value
            first, value = metadata[key]
            metadata[key] = (first, f"{value} {more.group('value').strip()}".strip())
            continue
        elif looks:
            errors.append(DataError(display, number, _unreadable(looks.group(1), looks.group(2))))
            continue
        else:
            break
        written = readable.group("key")
        if key not in _KNOWN:
            guess = _guess(written)
            advice = f" (vouliez-vous dire « {guess}: » ?)" if guess else _UNKNOWN
            errors.append(DataError(display, number, f"en-tête « {written}: » inconnu{advice}"))
        elif key in metadata:  # Pelican would make a list of the values, which no template expects
            message = f"« {written}: » est déjà écrit ligne {metadata[key][0]} : gardez une seule de ces lignes"
            errors.append(DataError(display, number, message))
            key = None
            continue
        metadata[key] = (number, readable.group("value").strip())
    return metadata, errors


_UNKNOWN = (
    f" : les en-têtes lus sont {', '.join(KNOWN_HEADERS)} ; "
    "si cette ligne commence le texte, laissez une ligne vide avant elle"
)


def _unreadable(name: str, space: str) -> str:
    """Return the French refusal of a header line Pelican would publish as text, with the header meant."""
    guess = _guess(name)
    advice = f" ({guess}:)" if guess else " ; si cette ligne commence le texte, laissez une ligne vide avant elle"
    return (
        f"en-tête « {name}{space}: » illisible : les noms d'en-tête s'écrivent sans accent ni espace avant « : »"
        + advice
    )


def _guess(name: str) -> str | None:
    """Return the known header ``name`` is likely a misspelling or a French name of, else None."""
    plain = unidecode(name).lower()
    if plain in _KNOWN or plain in _FRENCH:
        return _KNOWN.get(plain) or _FRENCH[plain]
    close = difflib.get_close_matches(plain, [*_KNOWN, *_FRENCH], n=1, cutoff=0.75)
    return (_KNOWN.get(close[0]) or _FRENCH[close[0]]) if close else None


def header_problems(metadata: dict[str, tuple[int, str]], display: str, site_lang: str | None) -> list[DataError]:
    """Return the problems of the ``Save_as``, ``Url``, ``Lang`` and ``Slug`` headers of one article.

    A hidden character (``texts.hidden_character``: a soft hyphen, a zero-width space…) in ``Title``,
    ``Author``, ``Authors`` or ``Slug`` is refused, named, as in a data file's names.

    ``metadata`` maps a lower-case header name to (line, value as written);
    ``site_lang`` is Pelican's DEFAULT_LANG (None: not compared).
    """
    errors = []
    hidden = {}  # a character shown as nothing in a name or an address (as in data files: model/titles.parse_name)
    for key in ("title", "author", "authors", "slug"):  # Category and Tags: content_check._addresses
        message = hidden_character(metadata[key][1]) if key in metadata else None
        if message:
            hidden[key] = message
            errors.append(DataError(display, metadata[key][0], f"'{_HIDDEN_NAMES[key]}' : {message}"))
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
    if "slug" in metadata and "slug" not in hidden and not FILE_SLUG.fullmatch(metadata["slug"][1]):
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
