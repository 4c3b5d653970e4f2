"""Pelican's warnings and errors about content/, as errors at file:line in French (SPEC section 4).

Pelican only logs what it finds wrong in content/ (a link to a file that
does not exist, an image without alternative text, an unknown status, two
articles with one slug…) and goes on; ``publish`` (``--fatal warnings``)
would stop on the first one, in English, without a line. While a build or
``invoke check`` reads content/, a ``ContentLog`` takes these records
before Pelican's logging shows them (ahead of its filter of repeated
messages, so two articles with one broken link are both named) and turns each into a ``DataError`` at the file and line of its cause.
``read_all`` makes Pelican resolve every link of every article and page
before anything is written, so the build and ``check`` find the same
problems, at the same stage.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys

from pelican.contents import Content, Static

from .collisions import address_line
from .content_check import outside_message
from .content_files import missing_link_message
from .content_unreadable import unreadable_message
from .model.errors import DataError
from .model.loading import display_path

CONTENT_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)
"""The lists Pelican's article and page generators keep their content in (each name on one or both)."""
_DUPLICATES = ("There are %s items", "There are %s original (not translated) items")
_SLUG_HEADERS = {"Tag": ("tags",), "Category": ("category",), "Author": ("author", "authors")}
_SLUG_NOUNS = {"Tag": "l'étiquette", "Category": "la catégorie", "Author": "l'auteur"}
_STAMP = "Cannot get modification stamp for %s\n\t%s"


class ContentLog(logging.Filter):
    """Pelican's log records of WARNING and above while content/ is read, kept as problems.

    Plugins' own loggers (``pelican.plugins.*``) are left alone.
    """

    def __init__(self, content: str, root: str):
        super().__init__()
        self.content = content
        self.root = root
        self._problems: list[DataError] = []
        self._duplicates: list[DataError] = []
        self._stamps: list[tuple[str, DataError]] = []
        self._missing: set[str] = set()
        self._loggers: list[logging.Logger] = []
        self._current: str | None = None

    def start(self) -> None:
        """Take Pelican's records from now on (every ``pelican.*`` logger but plugins'); forget older ones."""
        self.stop()
        self._problems, self._duplicates, self._stamps, self._missing = [], [], [], set()
        names = [
            name
            for name in logging.Logger.manager.loggerDict
            if (name == "pelican" or name.startswith("pelican.")) and not name.startswith("pelican.plugins")
        ]
        for name in names:
            logger = logging.getLogger(name)
            # First in line: Pelican's LimitFilter would drop a message it has already seen.
            logger.filters.insert(0, self)
            self._loggers.append(logger)

    def stop(self) -> None:
        """Let Pelican log as usual again."""
        for logger in self._loggers:
            with contextlib.suppress(ValueError):
                logger.filters.remove(self)
        self._loggers = []

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep a warning or an error as a problem and stop it there (a build reports it as ours)."""
        if record.levelno < logging.WARNING:
            return True
        self._translate(record)
        return False

    def problems(self, collisions: list[DataError] = ()) -> list[DataError]:
        """Return the problems kept so far, with ``collisions`` (collisions.py), each once.

        Two articles with one slug are named by the collision rule when
        they would write one file: Pelican's own warning is then dropped.
        """
        clashing = {error.path for error in collisions}
        found = [*collisions, *self._problems]
        found += [error for error in self._duplicates if error.path not in clashing]
        found += [error for path, error in self._stamps if path not in self._missing]
        return sorted(set(found), key=DataError.sort_key)

    def read_all(self, generators) -> None:
        """Resolve every link of every article and page now, as writing them would; note missing files."""
        for generator in generators:
            for name in CONTENT_LISTS:
                for item in getattr(generator, name, None) or []:
                    self._current = item.source_path
                    try:
                        item.refresh_metadata_intersite_links()
                        _ = item.content
                        self._static_links(item)
                    finally:
                        self._current = None

    def _static_links(self, item: Content) -> None:
        """A {static} or {attach} link to a file that does not exist (Pelican only fails to stamp it)."""
        for path in sorted(item.get_static_links()):
            full = os.path.join(self.content, path)
            if os.path.normpath(path).split(os.sep)[0] == "..":
                # Pelican would copy it as many folders above the output (content_check.links_outside).
                self._missing.add(os.path.normpath(full))
                self._add(item.source_path, os.path.basename(path), outside_message(path, path))
            elif not os.path.exists(full):
                self._missing.add(os.path.normpath(full))
                self._add(
                    item.source_path,
                    os.path.basename(path),
                    f"lien vers un fichier introuvable « {path} » (sous content/) : vérifiez son nom et son dossier",
                )

    # From Pelican's English to French, at the file and line of the cause ------------------------------

    def _translate(self, record: logging.LogRecord) -> None:
        template = str(record.msg)
        args = record.args if isinstance(record.args, tuple) else ()
        text = record.getMessage().splitlines()[0] if record.getMessage() else template
        if template.startswith(_DUPLICATES):
            self._duplicate(args)
        elif template == _STAMP:
            path = os.path.normpath(str(args[0]))
            self._stamps.append((path, self._error(path, 1, f"fichier illisible : « {text} »")))
        elif template in _MESSAGES:
            found = _MESSAGES[template](self, args)
            if found is not None:
                self._add(*found)
        else:
            reason = sys.exc_info()[1]
            detail = f" ({type(reason).__name__} : {reason})" if reason is not None else ""
            self._add(self._source(), None, f"Pelican signale : « {text} »{detail}")

    def _add(self, path: str | None, needle: str | tuple | None, message: str) -> None:
        if path is None:
            self._problems.append(DataError(display_path(self.content, self.root), 1, message))
            return
        full = path if os.path.isabs(path) else os.path.join(self.content, path)
        line = address_line(full, needle) if isinstance(needle, tuple) else _line_of(full, needle or "")
        self._problems.append(self._error(full, line, message))

    def _error(self, path: str, line: int, message: str) -> DataError:
        return DataError(display_path(path, self.root), line, message)

    def _source(self) -> str | None:
        """Return the file being read or resolved: the one ``read_all`` is on, else the one up the stack."""
        if self._current is not None:
            return self._current
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_name == "read_file" and isinstance(frame.f_locals.get("path"), str):
                return frame.f_locals["path"]
            # The content object at work: the method's own, or the one a generator's loop is on.
            for value in (frame.f_locals.get("self"), *frame.f_locals.values()):
                if isinstance(value, Content) and not isinstance(value, Static) and value.source_path:
                    return value.source_path
            frame = frame.f_back
        return None

    def _duplicate(self, args: tuple) -> None:
        count = int(args[0])
        paths = sorted(str(path) for path in args[-count:])
        first = paths[0]
        shown = display_path(first, self.root)
        line = address_line(first, ("slug",))
        for path in paths[1:]:
            self._duplicates.append(
                self._error(
                    path,
                    address_line(path, ("slug",)),
                    f"même adresse (slug) que {shown} (ligne {line}) : changez le « Slug: » de l'un des deux",
                )
            )

    def _link(self, args: tuple) -> tuple:
        found = _local("_link_replacer", "m")
        link = found.group("path") if found is not None else str(args[0])
        source = self._source()
        return source, link, missing_link_message(source, link, self.content)

    def _filename_to_static(self, args: tuple) -> tuple:
        path = args[0]
        return (
            self._source(),
            path,
            f"« {{filename}}{path} » mène à un fichier, pas à un article : écrivez « {{static}}{path} »",
        )

    def _indicator(self, args: tuple) -> tuple:
        what, origin = args[0], args[1]
        advice = "écrivez « {filename} » (article, page) ou « {static} » (image, fichier)"
        return self._source(), origin, f"lien « {origin} » : « {{{what}}} » n'est pas reconnu : {advice}"

    def _attach(self, args: tuple) -> tuple:
        path, reason = args[1], args[2]
        message = f"« {{attach}}{path} » ne peut pas être rangé près de ce fichier (Pelican : « {reason} ») : "
        return self._source(), os.path.basename(str(path)), message + f"liez-le avec « {{static}}{path} »"

    def _empty_alt(self, args: tuple) -> tuple:
        name, path = args[0], args[1]
        advice = "décrivez-la entre les crochets, ![Ce que montre l'image](…)"
        return str(path), name, f"l'image « {name} » n'a pas de texte alternatif : {advice}"

    def _missing_property(self, args: tuple) -> tuple:
        path, prop = str(args[0]), str(args[1])
        if prop == "title":
            return path, None, "l'article n'a pas de titre : ajoutez « Title: … » en première ligne"
        if prop == "date":
            return path, None, "l'article n'a pas de date : ajoutez « Date: 2026-11-24 10:00 » dans son en-tête"
        return path, None, f"information « {prop} » manquante : ajoutez « {prop.capitalize()}: … » dans l'en-tête"

    def _outside(self, args: tuple) -> tuple:
        message = f"ce fichier s'enregistrerait hors du site (« {args[1]} ») : corrigez son « Save_as: »"
        return str(args[0]), ("save_as", "url", "slug"), message

    def _status(self, args: tuple) -> tuple:
        known = "« published » (publié), « draft » (brouillon) ou « hidden » (caché)"
        return str(args[1]), ("status",), f"statut inconnu « {args[0]} » : écrivez {known}"

    def _slug(self, args: tuple) -> tuple | None:
        kind, name = str(args[0]), args[1]
        if kind == "Category" and name in (".", ".."):
            return None  # the folder of a file linked from above content/: the link is told (_static_links)
        noun = _SLUG_NOUNS.get(kind, f"la valeur ({kind})")
        tags = " hors des balises HTML (<…>), qui ne comptent pas" if "<" in str(name) else ""
        advice = f"écrivez-la avec au moins une lettre ou un chiffre{tags}"
        return self._source(), _SLUG_HEADERS.get(kind, ()), f"{noun} « {name} » ne donne pas d'adresse : {advice}"

    def _unreadable(self, args: tuple) -> tuple:
        path = os.path.normpath(os.path.join(self.content, str(args[0])))
        return path, None, unreadable_message(sys.exc_info()[1])


_MESSAGES = {
    "Unable to find '%s', skipping url replacement.": ContentLog._link,
    "{filename} used for linking to static content %s in %s. Use {static} instead": ContentLog._filename_to_static,
    "Replacement Indicator %r not recognized in %r, skipping replacement": ContentLog._indicator,
    "The {attach} link in %s cannot relocate %s because %s. Falling back to {filename} link behavior instead.": (
        ContentLog._attach
    ),
    "Empty alt attribute for image %s in %s": ContentLog._empty_alt,
    "Skipping %s: could not find information about '%s'": ContentLog._missing_property,
    "Skipping %s: file %r would be written outside output path": ContentLog._outside,
    "Unknown status '%s' for file %s, skipping it. (Not in %s)": ContentLog._status,
    'Unable to generate valid slug for %s "%s".': ContentLog._slug,
    "Could not process %s": ContentLog._unreadable,
}
"""Pelican 4.12's messages about content (their format strings), and how each is told in French."""


def _local(function: str, name: str):
    """Return the local ``name`` of the nearest caller running ``function``, else None."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == function:
            return frame.f_locals.get(name)
        frame = frame.f_back
    return None


def _line_of(path: str, needle: str) -> int:
    """Return the first line of ``path`` that holds ``needle`` (1 if none does, or the file is unreadable)."""
    if not needle:
        return 1
    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            for number, line in enumerate(stream, start=1):
                if needle in line:
                    return number
    except OSError:
        pass
    return 1
