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

import lxml.html

from .model.errors import DataError
from .remote_images import image_references, remote_in_article, remote_references

# The start of a Markdown image « ![texte](chemin "titre") » (its address: _markdown_target), and an HTML « <img …> ».
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*")
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_HEADER = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:")
_CODE_SPAN = re.compile(r"`+[^`]*`+")
_FENCE = re.compile(r"^\s*(```|~~~)")


def plain_images(lines: list[str], path: str, display: str, content: str) -> list[DataError]:
    """Refuse, at its line, each image of ``lines`` (a Markdown file at ``path``) given by a plain relative path.

    An image another site serves, a « data: » one, one whose address has another
    scheme (« javascript: ») and an ``<img>`` without ``src`` are refused too
    (remote_images.image_problem). Addresses from the site's root (« / »),
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
        for target in _targets(text):
            refused = remote_in_article(number, target, display)
            if refused is not None:
                errors.append(refused)
                continue
            errors += _plain(number, target, path, display, content)
    for number, target in image_references(lines):  # « ![x][r] » with « [r]: chemin »: the same image on the page
        if remote_in_article(number, target, display) is None:
            errors += _plain(number, target, path, display, content)
    return errors + remote_references(lines, display)


def _plain(number: int, target: str, path: str, display: str, content: str) -> list[DataError]:
    """Refuse the image ``target`` (line ``number``) if a plain relative path, with the « {static} » link to write."""
    parsed = urlparse(target)
    if target.startswith(("/", "#", "{", "|")) or not parsed.path:
        return []
    return [DataError(display, number, _message(target, unquote(parsed.path), path, content))]


def _targets(text: str) -> list[str | None]:
    """Return the address of each image of a line of Markdown, in order (None: an ``<img>`` without ``src``).

    A Markdown image's address is read as Python-Markdown reads it
    (markdown.inlinepatterns.LinkInlineProcessor.getLink): between « < » and
    « > », else up to a space or the « ) » that balances the opening one
    (« javascript:alert(11) » whole); an unbalanced one is no image. An
    ``<img>``'s attributes are read by an HTML parser (entities decoded).
    """
    found: list[tuple[int, str | None]] = []
    for start in _MARKDOWN_IMAGE.finditer(text):
        target = _markdown_target(text, start.end())
        if target is not None:
            found.append((start.start(), target))
    for tag in _HTML_IMAGE.finditer(text):
        image = lxml.html.fragment_fromstring(tag.group(0), create_parent="body").find("img")
        found.append((tag.start(), image.get("src") if image is not None else None))
    return [target for _, target in sorted(found, key=lambda pair: pair[0])]


def _markdown_target(text: str, start: int) -> str | None:
    """Return the address of a Markdown image whose « ( » ends before ``start`` (None: not an image)."""
    if text.startswith("<", start):
        end = text.find(">", start)
        return text[start + 1 : end] if end != -1 else None
    depth = 0
    for position in range(start, len(text)):
        char = text[position]
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif char == ")" or (char.isspace() and not depth):
            return text[start:position]
    return None


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
