"""The data files a build read (documents, models, problems), kept in CACHE_PATH for the next build.

What one data file gives depends only on its bytes, its path as shown and
its model (model/rereading.py), so the next build takes it back instead
of parsing and validating the file again: about 0.1 s of the serial path
on SPEC's venue. The file ``CACHE_PATH/data/files-<key>.pickle`` is named
by a hash of the code that gives these results: model/'s source and the
versions of the libraries it calls (pydantic, PyYAML, dateutil, MarkupSafe,
Unidecode, nh3, tzdata) and of Python; another version of any of them
reads no old file.

The cache is pickled, as Pelican's own content cache is: CACHE_PATH is
written by the builds only (CI keeps it between runs, docs/benchmarks.md),
never by editors or partners. A file that cannot be read (missing,
truncated, from another version) is an empty cache; one that cannot be
written is not written. The preview keeps its files in memory already
(``rereading.keep``) and ``invoke check`` does not come here: neither
reads nor writes it.

France's public holidays (opening.py: the `holidays` package, run in a
forked child, about 0.15 s of CPU) are kept beside them, in
``holidays-<its version>.pickle``, by years.

The texts derived from Markdown and the verdicts on images (kept_texts.py)
are kept the same way around the loading and Pelican's run (``kept_texts``),
in ``CACHE_PATH/data/texts-<key>.pickle``, named by a hash of the whole
package's code and of the versions of the libraries they come from
(TEXT_LIBRARIES).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import pickle
import sys
from collections.abc import Iterator

from . import kept_texts as texts
from . import opening
from .model import rereading
from .model.errors import DataErrors

LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "python-dateutil", "MarkupSafe", "Unidecode", "nh3", "tzdata")
"""The distributions model/ calls, whose versions name the cache file."""

TEXT_LIBRARIES = ("nh3", "Markdown", "Pygments", "lxml", "inscriptis", "Pillow")
"""The distributions the kept texts come from (kept_texts.py), whose versions name their cache file."""

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_MODEL = os.path.join(_PACKAGE, "model")


@contextlib.contextmanager
def kept_data_files(settings: dict) -> Iterator[None]:
    """Around a build's loading of data/: take back the files kept by the last build, then keep those read now.

    Does nothing while the files are kept in memory already (the preview).
    The files are kept only when the loading ends, with or without
    problems in the data (DataErrors): an interrupted build writes nothing.
    France's public holidays (opening.py) are taken back and kept the same
    way, in a file named by the version of the holidays package.
    """
    if rereading.kept() is not None:
        yield
        return
    folder = os.path.join(settings.get("CACHE_PATH") or "cache", "data")
    files = _Kept(os.path.join(folder, f"files-{code_key()}.pickle"), "files-", rereading.adopt, rereading.used)
    holidays = _Kept(
        os.path.join(folder, f"holidays-{_version('holidays')}.pickle"),
        "holidays-",
        opening.adopt_holidays,
        opening.known_holidays,
    )
    with holidays, files:
        yield


@contextlib.contextmanager
def kept_texts(settings: dict) -> Iterator[None]:
    """Around Pelican's run: take back the texts of the last build (kept_texts.py), then keep those used now.

    Does nothing in the preview (its files are kept in memory: ``rereading.kept``),
    whose functions keep their results in memory already. The texts are kept
    when the run ends, with or without problems (DataErrors), not when it
    was interrupted.
    """
    if rereading.kept() is not None:
        yield
        return
    path = os.path.join(settings.get("CACHE_PATH") or "cache", "data", f"texts-{texts_key()}.pickle")
    with _Kept(path, "texts-", texts.adopt, texts.used):
        yield


class _Kept:
    """One file of CACHE_PATH/data around a step: what ``adopt`` takes back before, what ``used`` gives kept after.

    The file is written only when the step ends, with or without problems
    in the data (DataErrors), and only when what was used differs from what
    was read; then ``adopt(None)`` (nothing kept in memory afterwards).
    """

    def __init__(self, path: str, prefix: str, adopt, used) -> None:
        self._path, self._prefix, self._adopt, self._used = path, prefix, adopt, used
        self._restored: set = set()

    def __enter__(self) -> None:
        before = _restore(self._path)
        self._restored = set(before)  # the step may add to ``before`` itself
        self._adopt(before)

    def __exit__(self, kind, error, trace) -> None:
        now = self._used() if kind is None or issubclass(kind, DataErrors) else None
        self._adopt(None)
        if now is not None and now.keys() != self._restored:
            _store(self._path, now, self._prefix)


def code_key() -> str:
    """Return a hash of model/'s source code and of the versions of Python and of the LIBRARIES (hex, 16 digits)."""
    return _hash(LIBRARIES, [_MODEL])


def texts_key() -> str:
    """Return a hash of the package's source code (model/ included) and of the versions of Python and TEXT_LIBRARIES."""
    return _hash(TEXT_LIBRARIES, [_PACKAGE, _MODEL])


def _hash(libraries: tuple[str, ...], folders: list[str]) -> str:
    digest = hashlib.sha256(sys.version.encode())
    for name in libraries:
        digest.update(f"{name}={_version(name)};".encode())
    for folder in folders:
        for name in sorted(os.listdir(folder)):
            if name.endswith(".py"):
                with open(os.path.join(folder, name), "rb") as stream:
                    digest.update(name.encode() + b"\0" + stream.read())
    return digest.hexdigest()[:16]


def _version(distribution: str) -> str:
    """Return the installed version of ``distribution`` ("" when it is not installed)."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return ""


def _restore(path: str) -> dict:
    try:
        with open(path, "rb") as stream:
            files = pickle.load(stream)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError, ValueError):
        return {}
    return files if isinstance(files, dict) else {}


def _store(path: str, files: dict, prefix: str) -> None:
    # Written aside then renamed: a build running at the same time never reads half a file.
    partial = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(partial, "wb") as stream:
            pickle.dump(files, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        with contextlib.suppress(OSError):
            os.unlink(partial)
        return
    folder, name = os.path.split(path)
    for other in os.listdir(folder):  # the files of older code are never read again
        if other.startswith(prefix) and other != name and not other.endswith(".tmp"):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(folder, other))
