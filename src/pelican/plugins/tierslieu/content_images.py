"""Images of an article's body by a plain path (« ![x](images/four.jpg) »): a broken image on the site.

Pelican rewrites only its internal links (« {static} », « {filename} »,
« {attach} »); a plain relative path is read by the browser from the
page's address (actualites/2026/slug/), never from the Markdown file's
folder, so it shows a broken image whether the file exists or not. Each
is refused at its line with the « {static} » link to write (the same rule
for ``invoke check`` and the build: content_check.py).
"""

from __future__ import annotations

import os
import re
from urllib.parse import unquote, urlparse

from .model.errors import DataError
from .remote_images import remote_in_article, remote_references

# Markdown images « ![texte](chemin "titre") » and HTML « <img src="chemin"> ».
_IMAGES = (
    re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)"),
    re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE),
)
_HEADER = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:")
_CODE_SPAN = re.compile(r"`+[^`]*`+")
_FENCE = re.compile(r"^\s*(```|~~~)")


def plain_images(lines: list[str], path: str, display: str, content: str) -> list[DataError]:
    """Refuse, at its line, each image of ``lines`` (a Markdown file at ``path``) given by a plain relative path.

    An image another site serves is refused too (remote_images.py). Other
    addresses with a scheme (data:), from the site's root (« / »),
    Pelican's internal links and code (fenced blocks, spans) are left alone;
    so is the metadata block at the top but its ``Summary:``, the one
    header Pelican renders as Markdown (its FORMATTED_FIELDS): a title is
    plain text, « <img src=x> » in it is words.
    """
    errors = []
    fenced = False
    header = True
    for number, line in enumerate(lines, start=1):
        found = _HEADER.match(line) if header else None
        header = found is not None
        if found and found.group(1).lower() != "summary":
            continue
        if _FENCE.match(line):
            fenced = not fenced
        if fenced or line.startswith(("    ", "\t")):
            continue
        text = _CODE_SPAN.sub("", line)
        for pattern in _IMAGES:
            for found in pattern.finditer(text):
                target = found.group(1)
                parsed = urlparse(target)
                remote = remote_in_article(number, target, display)
                if remote is not None:
                    errors.append(remote)
                    continue
                if parsed.scheme or parsed.netloc or target.startswith(("/", "#", "{", "|")) or not parsed.path:
                    continue
                errors.append(DataError(display, number, _message(target, unquote(parsed.path), path, content)))
    return errors + remote_references(lines, display)


def _message(target: str, relative: str, path: str, content: str) -> str:
    """Return the refusal of the plain image path ``target``, with the « {static} » link to write if the file exists."""
    source = os.path.normpath(os.path.join(os.path.dirname(path), relative))
    inside = os.path.relpath(source, content).replace(os.sep, "/")
    if os.path.isfile(source) and not inside.startswith("../"):
        return (
            f"l'image « {target} » ne s'afficherait pas (un chemin simple se lit depuis l'adresse de la page, "
            f"pas depuis ce fichier) : écrivez « {{static}}/{inside} »"
        )
    return (
        f"image introuvable « {target} » : aucun fichier à ce chemin (relatif au dossier du fichier) ; "
        "mettez l'image dans content/images/ et liez-la avec « {static}/images/son-nom.jpg »"
    )
