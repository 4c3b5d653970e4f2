"""Files of content/ other than Markdown: what Pelican would read or copy as it is, checked first.

Pelican reads reStructuredText and HTML files as articles too (docutils
would insert a file of the disk, « .. include:: /etc/passwd », and pass
« .. raw:: html » on), and copies every other file of its STATIC_PATHS,
and any file an article links, as it is: an SVG holding a script runs on
the site's origin, a small PNG can claim 60 000 × 60 000 pixels, a text
file can be named « .jpg ». The guide teaches Markdown articles and
images or PDFs beside them, so every other file is refused at its line 1,
whether an article links it or not (``check_content`` calls this for the
build, the preview and ``invoke check`` alike).
"""

from __future__ import annotations

import functools
import os
import re

from pelican.readers import MarkdownReader
from PIL import Image

from .images import image_problem
from .markdown_reading import use_markdown_reader
from .model.errors import DataError

MARKDOWN_SUFFIXES = tuple(f".{suffix}" for suffix in MarkdownReader.file_extensions)
"""What Pelican's Markdown reader reads (``.md``, ``.markdown``, ``.mkd``, ``.mdown``): only ``.md`` is accepted."""
RASTER_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".gif": "GIF"}
"""Image extensions published from content/, each with the format Pillow must find in the file."""
ACCEPTED = (*RASTER_FORMATS, ".pdf")
_SHOWN = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
_READ_ELSEWHERE = (".rst", ".html", ".htm")
"""Extensions that Pelican's other readers (docutils, HTML) read as articles."""
MAX_NESTING = 20
"""Levels of lists or quotes one inside another an article may have (Python-Markdown recurses once per level)."""
MAX_ARTICLE_BYTES = 1_000_000
"""Size of an article file at most, in bytes (1 Mo): a 2.4 MB table took Python-Markdown 52 s (issue 11, F14)."""
DEEP_NESTING = (
    f"imbrication trop profonde (listes ou citations les unes dans les autres, sur plus de {MAX_NESTING} niveaux) : "
    "le texte ne peut pas être mis en forme ; remettez ces lignes à plat"
)
"""Why an article nested too deep for Python-Markdown (slow, or a RecursionError) is refused."""
# A line of a list item or a quote: its indentation, its « > » (spaces between allowed), then a list marker or not.
_NESTED = re.compile(r"^([ \t]*)((?:>[ \t]*)*)([-*+]|\d+[.)])?(?=[ \t]|$)")


def size_problem(size: int) -> str | None:
    """Return why an article of ``size`` bytes is refused (over MAX_ARTICLE_BYTES), else None."""
    if size <= MAX_ARTICLE_BYTES:
        return None
    shown = f"{size / 1_000_000:.1f}".replace(".", ",")
    return f"l'article fait {shown} Mo : 1 Mo au plus ; découpez-le en plusieurs articles"


def nesting_problem(lines: list[str]) -> int | None:
    """Return the first line (from 1) nested more than MAX_NESTING levels deep, else None.

    Measured on the raw text, before Python-Markdown reads it: a level per
    « > » at the start of a line, plus, on a list item, a level per 4
    columns of indentation (Python-Markdown's tab_length; a tab counts 4).
    Linear in the length of the text.
    """
    for number, line in enumerate(lines, start=1):
        found = _NESTED.match(line)
        if found is None:
            continue
        indent, quotes, marker = found.groups()
        depth = quotes.count(">")
        if marker:
            depth += len(indent.expandtabs(4)) // 4
        if depth > MAX_NESTING:
            return number
    return None


def restrict_readers(settings: dict) -> None:
    """Let Pelican read Markdown only (markdown_reading.py's reader), and never a hidden file (``.htaccess``, ``.git/``).

    Files of other readers are refused by ``check_file`` before Pelican
    runs; turning the readers off (Pelican's READERS) keeps docutils from
    ever reading one. Pelican 4.12's IGNORE_FILES (« **/.* ») lets hidden
    files through (it is matched against names without a folder):
    « .* » leaves them out, as ``check_content`` does.
    """
    settings["READERS"] = {**(settings.get("READERS") or {}), "rst": None, "html": None, "htm": None}
    use_markdown_reader(settings)
    ignored = list(settings.get("IGNORE_FILES") or [])
    settings["IGNORE_FILES"] = ignored if ".*" in ignored else [*ignored, ".*"]


def check_file(path: str, display: str, static: bool) -> DataError | None:
    """Return why the file at ``path`` (not Markdown, or in a STATIC_PATHS folder when ``static``) is refused.

    Accepted: the images of RASTER_FORMATS (opened with Pillow: the format
    must be the extension's, the pixels under images.MAX_PIXELS, the file
    whole) and PDFs (starting with « %PDF- », ISO 32000-1 section 7.5.2).
    Raises nothing; an unreadable file is told as such.
    """
    name = os.path.basename(path)
    written = os.path.splitext(name)[1]
    suffix = written.lower()
    if suffix in MARKDOWN_SUFFIXES:
        if not static:  # Pelican reads « .md », not « .MD »; the guide teaches « .md » only, not « .markdown »
            renamed = f"renommez-le « {os.path.splitext(name)[0]}.md »"
            if suffix != ".md":
                message = (
                    f"extension « {written} » refusée : les actualités s'écrivent dans des fichiers « .md » ; {renamed}"
                )
                return DataError(display, 1, message)
            message = f"extension « {written} » en majuscules : {renamed}"
            return None if written == suffix else DataError(display, 1, message)
        folder = os.path.basename(os.path.dirname(path))
        message = (
            f"fichier Markdown dans un dossier de fichiers publiés tels quels ({folder}/) : déplacez-le dans content/"
        )
        return DataError(display, 1, message)
    if not static and suffix in _READ_ELSEWHERE:
        return DataError(
            display,
            1,
            f"fichier « {suffix} » non lu : seules les actualités en Markdown (.md) sont lues ; "
            f"réécrivez-le en Markdown (« {os.path.splitext(name)[0]}.md »), ou retirez-le de content/",
        )
    try:
        stat = os.stat(path)
        problem = _problem(path, suffix, stat.st_size, stat.st_mtime_ns)
    except OSError as error:
        problem = f"fichier illisible ({error.strerror}) : vérifiez qu'il existe et ses droits"
    return DataError(display, 1, problem) if problem else None


@functools.lru_cache(maxsize=4096)
def _problem(path: str, suffix: str, size: int, mtime_ns: int) -> str | None:
    """Return why one file is refused (cached by size and modification time: the preview checks on every save)."""
    del size, mtime_ns  # the cache key only
    if suffix == ".svg":
        return (
            "image SVG refusée : elle peut contenir du code que le navigateur exécuterait ; "
            "convertissez-la en PNG (Exporter en PNG dans votre logiciel de dessin)"
        )
    if suffix == ".pdf":
        with open(path, "rb") as stream:
            if stream.read(5) != b"%PDF-":
                return "ce fichier n'est pas un PDF (il ne commence pas par « %PDF- ») : réenregistrez-le en PDF"
        return None
    if suffix not in RASTER_FORMATS:
        shown = ", ".join(ACCEPTED)
        kind = f"« {suffix} »" if suffix else "sans extension"
        return (
            f"fichier {kind} non publié : content/ ne publie que des actualités en Markdown (.md), "
            f"des images et des PDF ({shown}) ; convertissez-le, ou retirez-le de content/"
        )
    return _raster_problem(path, suffix)


def _raster_problem(path: str, suffix: str) -> str | None:
    """Return why the image at ``path`` is refused: unreadable, too large, or of another format than ``suffix``."""
    problem = image_problem(path)
    if problem is not None:
        return problem
    found = _format(path)
    if found != RASTER_FORMATS[suffix]:
        stem = os.path.splitext(os.path.basename(path))[0]
        right = _SHOWN.get(found, "")
        return (
            f"ce fichier est une image {found} mais son nom finit par « {suffix} » : "
            f"renommez-le « {stem}{right} » (le navigateur se fie au nom)"
        )
    return None


def _format(path: str) -> str:
    """Return the format Pillow reads in the image file at ``path`` (image_problem found it readable)."""
    with Image.open(path) as image:
        return image.format


def missing_link_message(source: str | None, link: str, content: str) -> str:
    """Say that a link to an article, a page or a file (``{filename}x.md``) leads nowhere, and to add « .md » if so."""
    message = (
        f"lien interne introuvable « {link} » : aucun article, page ou fichier à ce chemin "
        "(relatif au dossier du fichier, ou à content/ s'il commence par /)"
    )
    found = re.match(r"([{|]filename[}|])([^#?]+)(.*)", link)
    if not found or source is None:
        return message
    prefix, path, rest = found.groups()
    # As Pelican resolves it: from content/ after a « / », else from the linking file's folder.
    folder = content if path.startswith("/") else os.path.dirname(source)
    if not os.path.isfile(os.path.join(folder, path.lstrip("/") + ".md")):
        return message
    return f"{message} : ajoutez « .md » ({prefix}{path}.md{rest})"
