"""Faults of the machine, not of the files: a folder the build cannot write, a full disk, in French.

An ``OSError`` whose errno says the file system refused (permissions, a
read-only or full disk, a failing disk) is not a mistake of the editor nor a
fault of our code: the build, the preview and the tasks tell it as one line
naming the path, the cause and what to do. Any other ``OSError`` stays an
internal fault (report_fault).
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sys
import tempfile
import threading
import time
import traceback

from .model.loading import display_path

_READ_ONLY = "lecture seule"
TRACE_NOT_WRITTEN = "La trace de l'erreur n'a pas pu être écrite"
"""Said by report_fault when neither the cache folder nor the temporary folder takes the log."""
_CAUSES = {
    errno.ENOSPC: ("disque plein", "libérez de la place (le dossier cache/ peut être supprimé) puis relancez"),
    errno.EDQUOT: ("quota du disque atteint", "libérez de la place puis relancez"),
    errno.EROFS: (
        "système de fichiers en lecture seule",
        "construisez le site sur un disque modifiable (option -o de pelican) puis relancez",
    ),
    errno.EIO: ("erreur de lecture ou d'écriture du disque", "vérifiez le disque puis relancez"),
    errno.EMFILE: ("trop de fichiers ouverts", "fermez des programmes puis relancez"),
    errno.ENFILE: ("trop de fichiers ouverts", "fermez des programmes puis relancez"),
    errno.EBUSY: ("occupé par un autre programme", "fermez ce programme puis relancez"),
    errno.ETXTBSY: ("occupé par un autre programme", "fermez ce programme puis relancez"),
}
_DENIED = (errno.EACCES, errno.EPERM)
_MISPLACED = {
    # Not the machine's fault, but told the same way when a task meets them.
    errno.EEXIST: ("un fichier porte déjà ce nom", "renommez-le ou supprimez-le puis relancez"),
    errno.ENOTDIR: ("un fichier est là où un dossier est attendu", "renommez-le ou supprimez-le puis relancez"),
    errno.EISDIR: ("un dossier est là où un fichier est attendu", "renommez-le ou supprimez-le puis relancez"),
    errno.ENOENT: ("introuvable", "vérifiez le chemin puis relancez"),
    errno.ENAMETOOLONG: ("nom de fichier trop long", "raccourcissez-le puis relancez"),
}


def is_filesystem_fault(error: BaseException) -> bool:
    """Tell whether ``error`` is the file system's refusal (an ``OSError`` with one of the errnos above)."""
    return isinstance(error, OSError) and (error.errno in _CAUSES or error.errno in _DENIED)


def describe_os_error(error: OSError, root: str, aliases: dict[str, str] | None = None) -> str:
    """Return ``"path: cause ; what to do"`` in French for a file-system fault.

    ``root`` is the project folder (paths inside it are shown relative to
    it); ``aliases`` maps a folder the editor never sees (a staging folder)
    to the one it stands for (the output). A refused access names the
    folder that refused (the nearest existing one) as « dossier en lecture
    seule »; a full disk names the file being written.
    """
    path = _shown_path(error, aliases or {})
    if error.errno in _DENIED:
        # The folder decides: it refuses a new file, a rename or a deletion in it.
        moved = error.filename2 is not None
        folder = _nearest_existing(path if os.path.isdir(path) and not moved else os.path.dirname(path))
        shown = display_path(folder, root) if folder else "?"
        return (
            f"{shown}: dossier en {_READ_ONLY} (permission refusée) ; "
            f"rendez-le modifiable (chmod -R u+rwX {shown}) puis relancez"
        )
    # The system's own text is English (strerror): an editor reads the error's code instead.
    unknown = (f"erreur du système de fichiers ({errno.errorcode.get(error.errno, error.errno)})", "relancez")
    cause, remedy = _CAUSES.get(error.errno) or _MISPLACED.get(error.errno, unknown)
    shown = display_path(path, root) if path else "?"
    return f"{shown}: {cause} ; {remedy}"


def _shown_path(error: OSError, aliases: dict[str, str]) -> str:
    """Return the path the editor knows: the error's file, a staging folder read as the output."""
    path = error.filename if error.filename is not None else error.filename2
    if path is None:
        return ""
    path = os.path.abspath(os.fsdecode(path))
    for hidden, known in aliases.items():
        folder = os.path.abspath(hidden)
        if path == folder or path.startswith(folder + os.sep):
            return os.path.normpath(os.path.join(os.path.abspath(known), os.path.relpath(path, folder)))
    return path


def _nearest_existing(path: str) -> str:
    """Return ``path`` or its nearest existing parent (a file not yet created is refused by its folder)."""
    while path and not os.path.lexists(path):
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
    return path


class Terminated(BaseException):
    """A SIGTERM received during a build (``terminate_as_exception``); ``swapped`` once the new site was in place.

    A BaseException, as KeyboardInterrupt is: the ``except Exception`` that
    reads untrusted partner feeds (and Pelican's own, around each file)
    must not swallow it, or the build would go on and end as if nothing
    had been asked (an exit status 0 after a SIGTERM).
    """

    def __init__(self, swapped: bool = False):
        super().__init__("SIGTERM")
        self.swapped = swapped

    def line(self) -> str:
        """Return the French line the build prints."""
        where = "le nouveau site était déjà en place" if self.swapped else "le site précédent est intact"
        return f"Construction interrompue (signal SIGTERM) : {where}."


_TERM = {"defer": False, "pending": False}


@contextlib.contextmanager
def terminate_as_exception():
    """Within the block, turn SIGTERM into a ``Terminated`` exception, so that a build cleans up as on any error.

    Python's default for SIGTERM ends the process at once, leaving the
    staging folder behind. Only the main thread can receive signals: in
    another (the preview's builds) the block changes nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(_number, _frame):
        if _TERM["defer"]:
            _TERM["pending"] = True
            return
        raise Terminated

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        _TERM.update(defer=False, pending=False)


@contextlib.contextmanager
def termination_deferred():
    """Within the block (the swap, two renames), hold a SIGTERM back; raise ``Terminated(swapped=True)`` after it."""
    _TERM["defer"] = True
    try:
        yield
    finally:
        _TERM["defer"] = False
    if _TERM["pending"]:
        _TERM["pending"] = False
        raise Terminated(swapped=True)


def say(line: str, stream=None) -> None:
    """Print ``line`` on ``stream`` (stderr by default); a reader gone (BrokenPipeError) is no fault of the site.

    When the terminal or the parent reading a build is gone (killed), the
    build goes on: the stream is made quiet (``quiet``) and the line dropped.
    """
    stream = stream or sys.stderr
    try:
        stream.write(line + "\n")
        stream.flush()
    except BrokenPipeError:
        quiet(stream)


def quiet(*streams) -> None:
    """Point the descriptor of each stream at os.devnull, so that nothing written later fails.

    Python's documentation advises it for a reader gone (signal module,
    « Note on SIGPIPE »): the interpreter's last flush of a broken stdout
    would otherwise fail too. A stream without a descriptor is left as is.
    """
    for stream in streams:
        try:
            descriptor = stream.fileno()
        except (AttributeError, OSError, ValueError):  # pytest's capture, a StringIO
            continue
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, descriptor)
        os.close(devnull)


def report_fault(error: BaseException, cache: str, root: str, stream=None) -> str:
    """Write the trace of an unexpected fault into the cache folder and print one French line; never fail itself.

    ``cache`` is Pelican's CACHE_PATH (relative to ``root``, the project
    folder, unless absolute). When the cache folder cannot hold the log (a
    file in its place, a read-only disk), it goes to the system's temporary
    folder (``tempfile.gettempdir``); when no folder can, the line says why
    the trace was not written. Returns the path of the log file, or ``""``.
    """
    trace = "".join(traceback.format_exception(error))
    name = f"erreur-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    path, refused = "", None
    for folder in (os.path.join(root, cache), tempfile.gettempdir()):
        try:
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, name), "w", encoding="utf-8") as log:
                log.write(trace)
        except OSError as why:
            refused = refused or why
            continue
        path = os.path.join(folder, name)
        break
    if path:
        where = f"Détails dans {display_path(path, root)} ; relancez avec --debug pour les afficher."
    else:
        where = f"{TRACE_NOT_WRITTEN} ({describe_os_error(refused, root)}) ; relancez avec --debug pour l'afficher."
    say(
        f"Erreur interne du code du site ({type(error).__name__}) : ce n'est pas une erreur de vos fichiers. {where}",
        stream,
    )
    return path


def report_filesystem_fault(error: OSError, root: str, aliases: dict[str, str], stream=None) -> str:
    """Print and return one French line: the path the file system refused, why, what to do; the old site stays.

    ``root`` is the project folder, ``aliases`` maps a staging folder to the
    output it stands for (faults.describe_os_error).
    """
    line = f"{describe_os_error(error, root, aliases)}. Le site n'a pas été généré ; le site précédent est intact."
    stream = stream or sys.stderr
    stream.write(line + "\n")
    stream.flush()
    return line
