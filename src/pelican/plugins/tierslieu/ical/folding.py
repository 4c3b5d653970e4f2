"""Folding content lines (RFC 5545 section 3.1) as icalendar folds them, without a Python step per character.

icalendar serialises every content line through ``_foldline``, which
walks the line character by character and encodes each one to count its
octets: about 40 % of the time of the feeds of 2,000 events (SPEC section
5 gives them under a second). ``fold`` returns the same string, cut at
the same places:

- a line under ``limit`` octets (UTF-8) is returned as it is;
- otherwise each piece holds as many characters as stay under ``limit``
  octets (74 with the default 75: the limit excludes the line break);
- a piece never ends with « \\ » or « ^ » after another character (a TEXT
  escape or an RFC 6868 parameter escape is not cut in two): that
  character opens the next piece, with the character it escapes whatever
  their size (icalendar issue #1501);
- the pieces are joined by ``fold_sep`` (CRLF and a space).

The octets are counted by C code (``str.encode`` per character through
``map``, sums by ``itertools.accumulate``, cuts by ``bisect``).
``use_fast_folding`` puts it in icalendar's place; tests/test_ical_folding.py
checks it against icalendar's own ``_foldline`` on every code point and
random lines, so an icalendar release that folds otherwise fails the suite.
"""

from __future__ import annotations

import bisect
import itertools

from icalendar.parser import content_line

ESCAPES = "\\^"
"""Characters that are never the last of a piece (after another one): they escape the next."""

_LIBRARY_FOLD = getattr(content_line, "_foldline", None)
"""icalendar's own function (icalendar 7: ``icalendar.parser.string._foldline``), kept for the tests."""


def fold(line: str, limit: int = 75, fold_sep: str = "\r\n ") -> str:
    """Return ``line`` folded as icalendar's ``_foldline`` folds it (a str without line break)."""
    if len(line) < limit and (line.isascii() or len(line.encode("utf-8")) < limit):
        return line
    if line.isascii():
        ends = None
        total = len(line)
    else:
        ends = list(itertools.accumulate(map(len, map(str.encode, line))))
        total = ends[-1]
    if total < limit:
        return line
    pieces, start, count, moved = [], 0, len(line), False
    while start < count:
        before = ends[start - 1] if ends is not None and start else 0
        # The first character past the piece: the one that brings it to ``limit`` octets or more.
        stop = start + (limit - 1) if ends is None else bisect.bisect_right(ends, before + limit - 1, lo=start)
        # A piece holds one character at least; one opened by a moved escape holds the character after it too.
        stop = min(max(stop, start + (2 if moved else 1)), count)
        moved = stop < count and stop - start > 1 and line[stop - 1] in ESCAPES
        if moved:
            stop -= 1
        pieces.append(line[start:stop])
        start = stop
    return fold_sep.join(pieces)


def use_fast_folding() -> bool:
    """Put ``fold`` in the place of icalendar's ``_foldline`` where content lines are written; tell whether it did.

    Nothing changes if this icalendar has no such function there (another
    release): its own folding goes on.
    """
    if _LIBRARY_FOLD is None:  # pragma: no cover - another icalendar release
        return False
    content_line._foldline = fold
    return True


def library_fold(line: str, limit: int = 75, fold_sep: str = "\r\n ") -> str:
    """Return icalendar's own folding of ``line`` (for the tests)."""
    if _LIBRARY_FOLD is None:  # pragma: no cover - another icalendar release
        raise RuntimeError("icalendar has no _foldline in icalendar.parser.content_line")
    return _LIBRARY_FOLD(line, limit, fold_sep)
