"""Checks of content/ that Pelican only logs, or does not see at all.

An article without a title, an unreadable date, a file that is not UTF-8
or holds invisible control characters; and, for every file of content/,
a symbolic link leading outside content/ or to a folder, or a special file (FIFO,
device), which Pelican would read and publish. Both the build
(build.py) and ``invoke check`` run these checks: they agree.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from urllib.parse import unquote, urlparse

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, TemplateNotFound
from pydantic_core import PydanticCustomError

import pelican

from .content_dates import date_problems
from .content_files import DEEP_NESTING, check_file, nesting_problem, size_problem
from .content_headers import header_problems, read_headers
from .content_images import plain_images
from .grouping_links import grouping_links
from .html_nesting import html_nesting_problem
from .markup import bracket_problem
from .model.errors import DataError
from .model.groupings import parse_grouping
from .model.loading import display_path, refuse_path
from .model.texts import BIDI, INVISIBLE_NAMES, NONCHARACTERS, decode_utf8, short
from .model.titles import MARKUP_ONLY, markup_only
from .spellings import grouping_spellings

# C0 controls other than tab, newline and carriage return; DEL; C1 controls; bidirectional overrides; U+FFFE/F (texts.py).
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f{BIDI}{NONCHARACTERS}]")
# Pelican's internal links (its INTRASITE_LINK_REGEX, « {static} » or « |static| »), as written in Markdown.
_INTERNAL_LINK = re.compile(r"[{|](static|attach|filename)[|}]([^\s)\"'<>\]]*)")


def check_content(settings: dict, root: str, checked: dict | None = None) -> list[DataError]:
    """Return the problems of the content folder: its Markdown files, and links or special files anywhere in it.

    ``checked`` (the preview's, between saves of articles only) keeps each
    Markdown file's problems by its path, with its ``os.stat`` stamp
    (modification time in ns, size, inode), so that a save checks again
    only the file saved. Their problems also depend on the other files of
    content/ (an image a plain link names): the caller empties it when any
    other file may have changed.
    """
    content = settings["PATH"]
    ignored = {os.path.normpath(os.path.join(content, path)) for path in settings.get("STATIC_PATHS", [])}
    ignored.discard(os.path.normpath(content))
    allowed = [content]  # not the project: .git/, the cache and the settings are there
    errors: list[DataError] = []
    articles: list[tuple[str, str]] = []
    known = template_finder(settings)
    lang = settings.get("DEFAULT_LANG")
    for folder, subfolders, files in os.walk(content):
        kept = []
        for name in sorted(subfolders):
            path = os.path.join(folder, name)
            refusal = refuse_path(path, display_path(path, root), allowed) if os.path.islink(path) else None
            if refusal is not None:
                errors.append(refusal)
            elif not name.startswith("."):
                kept.append(name)
        subfolders[:] = kept
        markdown = folder not in ignored and not any(folder.startswith(path + os.sep) for path in ignored)
        for name in sorted(files):
            path = os.path.join(folder, name)
            display = display_path(path, root)
            refusal = refuse_path(path, display, allowed)
            if refusal is not None:
                errors.append(refusal)
            elif name.startswith("."):
                continue  # never read nor copied (content_files.restrict_readers)
            elif markdown and name.endswith(".md"):  # « .markdown », « .MD »: check_file
                errors += _checked(checked, path, display, content, known, lang)
                articles.append((path, display))
            else:
                refused = check_file(path, display, static=not markdown)
                errors += [refused] if refused else []
    return errors + grouping_spellings(articles, settings) + grouping_links(articles, settings)


def _checked(checked: dict | None, path: str, *arguments) -> list[DataError]:
    """Return ``check_markdown(path, *arguments)``, or what ``checked`` holds for ``path`` while its stamp is the same."""
    if checked is None:
        return check_markdown(path, *arguments)
    found = os.stat(path)
    stamp = (found.st_mtime_ns, found.st_size, found.st_ino)
    if checked.get(path, (None,))[0] != stamp:
        checked[path] = (stamp, check_markdown(path, *arguments))
    return checked[path][1]


def template_finder(settings: dict) -> Callable[[str], bool]:
    """Return a test of whether a ``Template:`` name is one Pelican would find, for these settings.

    Searched as Pelican's generators search (pelican.generators.Generator):
    THEME_TEMPLATES_OVERRIDES, then the theme's templates/, then Pelican's
    simple theme, and ``!simple/…`` or ``!theme/…`` explicitly; each name
    with every TEMPLATE_EXTENSIONS.
    """
    theme = os.path.join(os.path.expanduser(settings.get("THEME", "")), "templates")
    simple = FileSystemLoader(
        os.path.join(os.path.dirname(os.path.abspath(pelican.__file__)), "themes", "simple", "templates")
    )
    loader = ChoiceLoader(
        [
            FileSystemLoader([*settings.get("THEME_TEMPLATES_OVERRIDES", []), theme]),
            simple,
            PrefixLoader({"!simple": simple, "!theme": FileSystemLoader(theme)}),
        ]
    )
    environment = Environment(loader=loader, autoescape=True)

    def exists(name: str) -> bool:
        for extension in settings.get("TEMPLATE_EXTENSIONS", [".html"]):
            try:
                loader.get_source(environment, name + extension)
            except TemplateNotFound:
                continue
            return True
        return False

    return exists


def check_markdown(
    path: str,
    display: str,
    content: str | None = None,
    template_exists: Callable[[str], bool] | None = None,
    site_lang: str | None = None,
) -> list[DataError]:
    """Check one Markdown file: its encoding, its characters, the metadata block at its top.

    With ``content`` (the content folder), its internal links must lead inside it too.
    ``template_exists`` (``template_finder``) tells the ``Template:`` names
    the theme provides; None leaves that header unchecked. ``site_lang``
    (DEFAULT_LANG) is the one ``Lang:`` accepted (content_headers.py). Brackets or HTML tags that would keep
    Python-Markdown busy for minutes are refused before it runs (markup.bracket_problem, html_nesting).
    """
    lines, problems = _read_lines(path, display)
    if lines is None:
        return problems
    errors = _control_characters(lines, display)
    text = "\n".join(lines)
    for markup in (bracket_problem(text), html_nesting_problem(text)):
        errors += [DataError(display, *markup)] if markup is not None else []
    metadata, unreadable = read_headers(lines, display)
    errors += unreadable
    title = metadata.get("title")
    if title is None or not title[1]:
        errors.append(
            DataError(
                display, title[0] if title else 1, "l'article n'a pas de titre : ajoutez « Title: … » en première ligne"
            )
        )
    elif markup_only(title[1]):
        errors.append(DataError(display, title[0], "'Title' : " + MARKUP_ONLY.format(value=short(title[1]))))
    errors += date_problems(metadata, display)
    if template_exists is not None and metadata.get("template", (0, ""))[1]:
        number, name = metadata["template"]
        if not template_exists(name):
            errors.append(
                DataError(
                    display,
                    number,
                    f"modèle de page « {name} » inconnu du thème : retirez cette ligne « Template: » "
                    "(le thème choisit seul le bon modèle)",
                )
            )
    errors += _addresses(metadata, display) + header_problems(metadata, display, site_lang)
    if content:
        errors += _links_outside(lines, path, display, content) + plain_images(lines, path, display, content)
    return errors


def _read_lines(path: str, display: str) -> tuple[list[str] | None, list[DataError]]:
    """Return (the lines of an article, []), or (None, why it is refused before Python-Markdown reads it).

    Refused: a file over 1 Mo or nested too deep (content_files.py: Python-Markdown would take minutes),
    or not UTF-8.
    """
    with open(path, "rb") as stream:
        size = size_problem(os.fstat(stream.fileno()).st_size)
        if size is not None:
            return None, [DataError(display, 1, size)]
        text, problems = decode_utf8(stream.read(), display)
    if text is None:
        return None, problems
    # Not splitlines(): it also splits at a form feed, which must be seen, on its line.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    deep = nesting_problem(lines)
    if deep is not None:
        return None, [DataError(display, deep, DEEP_NESTING)]
    return lines, []


def links_outside(path: str, file: str, content: str) -> bool:
    """Return True when the internal link ``path`` of ``file`` leads outside the folder ``content``.

    As Pelican resolves it (pelican.contents.Content._link_replacer): from
    ``content`` when it starts with « / », else from the file's folder.
    Pelican would copy such a file to the same number of « .. » above the
    output folder: anywhere on the disk.
    """
    base = content if path.startswith("/") else os.path.dirname(file)
    target = os.path.normpath(os.path.join(base, path.lstrip("/")))
    relative = os.path.relpath(target, os.path.normpath(content))
    return relative == ".." or relative.startswith(".." + os.sep)


def _links_outside(lines: list[str], path: str, display: str, content: str) -> list[DataError]:
    """Refuse a « {static} », « {attach} » or « {filename} » link that leads outside content/, at its line."""
    errors = []
    for number, line in enumerate(lines, start=1):
        for found in _INTERNAL_LINK.finditer(line):
            what, value = found.groups()
            target = unquote(urlparse(value).path)
            if target and links_outside(target, path, content):
                errors.append(DataError(display, number, outside_message(f"{{{what}}}{value}", target)))
    return errors


def outside_message(link: str, target: str) -> str:
    """Return the French refusal of the internal link ``link`` to ``target``, which leads outside content/."""
    return (
        f"le lien « {link} » mène hors de content/ : seuls les fichiers de content/ sont publiés ; "
        f"copiez le fichier dans content/images/ et liez-le avec « {{static}}/images/{os.path.basename(target)} »"
    )


def _addresses(metadata: dict[str, tuple[int, str]], display: str) -> list[DataError]:
    """Refuse a category or a tag too long to become an address (model/groupings.py).

    One without a letter or a digit is told from Pelican's own warning (content_log.py).
    """
    named = [("Category", metadata.get("category"))]
    number, tags = metadata.get("tags", (0, ""))
    # Pelican splits tags at semicolons if there are any, else at commas (pelican.utils.ensure_metadata_list).
    named += [("Tags", (number, tag)) for tag in tags.split(";" if ";" in tags else ",")]
    errors = []
    for key, (number, value) in [(key, found) for key, found in named if found and found[1].strip()]:
        try:
            parse_grouping(value)
        except PydanticCustomError as problem:
            errors.append(DataError(display, number, f"'{key}' : {problem.message()}"))
    return errors


def _control_characters(lines: list[str], display: str) -> list[DataError]:
    """Refuse invisible control characters (a form feed pasted from a word processor), one message per line.

    Data files drop them at load; in an article, Markdown would pass them
    on to the page and the feed (where XML forbids them), so the editor
    removes them.
    """
    errors = []
    for number, line in enumerate(lines, start=1):
        found = _CONTROL.search(line)
        if found:
            char = found.group()
            name = INVISIBLE_NAMES.get(char, "caractère de contrôle")
            errors.append(
                DataError(
                    display,
                    number,
                    f"caractère invisible U+{ord(char):04X} ({name}) : supprimez-le "
                    "(il vient souvent d'un copier-coller depuis un traitement de texte)",
                )
            )
    return errors
