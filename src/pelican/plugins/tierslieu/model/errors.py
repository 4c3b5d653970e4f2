"""Errors an editor can read: one problem per line, as ``path:LINE: message``."""

from __future__ import annotations

import sys
from collections.abc import Iterable


class DataError(ValueError):
    """One problem in one file, at one line."""

    def __init__(self, path: str, line: int, message: str, field: str | None = None):
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.field = field
        self.message = message

    def __reduce__(self):
        """Pickle by the fields (the checks of content/ come back from a forked child: forked.py), subclasses too."""
        return _rebuilt, (type(self), self.path, self.line, self.message, self.field)

    def sort_key(self) -> tuple[str, int, str]:
        """Order errors by file, then line, then text."""
        return (self.path, self.line, self.message)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DataError) and self.sort_key() == other.sort_key()

    def __hash__(self) -> int:
        return hash(self.sort_key())


def _rebuilt(kind: type[DataError], path: str, line: int, message: str, field: str | None) -> DataError:
    error = kind.__new__(kind)
    DataError.__init__(error, path, line, message, field)
    return error


SOURCES = "data/ et content/"
"""What the summary line names for problems of the editors' files (one wording for check, build and preview)."""


NOT_BUILT = "le site n'a pas été reconstruit"
"""The end of a build's summary line (the previous site, if any, stays as it was)."""
TO_FIX = "à corriger avant de publier"
"""The end of ``invoke check``'s summary line."""


class DataErrors(ValueError):
    """Every problem found in one run, reported at once.

    ``what`` names where the problems are: :data:`SOURCES` for the editors'
    files (check, builds and the preview name them alike), or "les
    réglages" for the settings files. ``outcome`` ends the summary line:
    what the run did not do (a build), or :data:`TO_FIX` (``invoke check``,
    which builds nothing).
    """

    def __init__(self, errors: Iterable[DataError], what: str = SOURCES, outcome: str = NOT_BUILT):
        self.errors = sorted(set(errors), key=DataError.sort_key)
        self.what = what
        count = len(self.errors)
        noun = "erreur" if count == 1 else "erreurs"
        super().__init__(f"{count} {noun} dans {what} ; {outcome}.")

    def report(self, stream=None) -> None:
        """Print every problem plainly, one per line, then the summary.

        Pelican's log handler wraps long lines, which would split
        ``file:line:`` in CI logs; so these lines bypass logging.
        """
        stream = stream or sys.stderr
        for error in self.errors:
            stream.write(f"{error}\n")
        stream.write(f"{self}\n")
        stream.flush()


class Abort(SystemExit):
    """Stop a run after its problems were printed (mkdocs' ``Abort`` is the model).

    A ``SystemExit``, so Pelican's ``main`` (which logs any ``Exception``
    with its traceback) lets it through: the editor reads the messages and
    the exit status only. ``errors`` keeps the problems for callers that
    run Pelican in-process (the preview, the tests).
    """

    def __init__(self, errors: DataErrors | None = None, code: int = 1):
        super().__init__(code)
        self.errors = errors
