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

The line is encoded once; each cut is placed 74 octets on, then moved back
to the first octet of a character (UTF-8's continuation octets are
``10xxxxxx``): one step per piece, not per character.
``use_fast_folding`` puts it in icalendar's place; tests/test_ical_folding.py
checks it against icalendar's own ``_foldline`` on every code point and
random lines, so an icalendar release that folds otherwise fails the suite.
"""

from __future__ import annotations

from icalendar.parser import content_line

ESCAPES = b"\\^"
"""Characters that are never the last of a piece (after another one): they escape the next."""

CONTINUATION = 0x80
"""The two high bits of an octet that continues a UTF-8 character (``10xxxxxx``, RFC 3629 section 3)."""

_LIBRARY_FOLD = getattr(content_line, "_foldline", None)
"""icalendar's own function (icalendar 7: ``icalendar.parser.string._foldline``), kept for the tests."""


def fold(line: str, limit: int = 75, fold_sep: str = "\r\n ") -> str:
    """Return ``line`` folded as icalendar's ``_foldline`` folds it (a str without line break)."""
    if len(line) < limit and (line.isascii() or len(line.encode("utf-8")) < limit):
        return line
    data = line.encode("utf-8")
    total = len(data)
    if total < limit:
        return line
    pieces, start, moved = [], 0, False
    while start < total:
        stop = start + limit - 1  # a piece holds fewer than ``limit`` octets
        if stop >= total:
            stop = total
        else:
            while data[stop] & 0xC0 == CONTINUATION:  # back to the first octet of the character cut there
                stop -= 1
            # A piece holds one character at least; one opened by a moved escape, the character after it too.
            least = _after_character(data, start)
            stop = min(max(stop, _after_character(data, least) if moved else least), total)
        moved = stop < total and stop - 1 > start and data[stop - 1] in ESCAPES
        if moved:
            stop -= 1
        pieces.append(data[start:stop].decode("utf-8"))
        start = stop
    return fold_sep.join(pieces)


def _after_character(data: bytes, start: int) -> int:
    """Return where the UTF-8 character that starts at octet ``start`` ends (RFC 3629 section 3)."""
    lead = data[start]
    return start + (1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4)  # noqa: PLR2004


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
