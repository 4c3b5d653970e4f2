"""TEXT values of the feeds (RFC 5545 section 3.3.11), a typed backslash kept as typed."""

from __future__ import annotations

from icalendar import vCategory, vText


class Text(vText):
    """A TEXT value escaped by RFC 5545 section 3.3.11 alone: ``\\`` ``;`` ``,`` and line breaks.

    icalendar's own escaping first reads a typed backslash and N (« des\\N
    séparateurs ») as a line break, so a calendar would show two lines where
    the page shows the two characters (and its public ``escape_char`` is
    deprecated): here the four rules of the RFC, in their order, backslash
    first. ``Text("a\\\\N")`` serialises to ``a\\\\\\\\N``; CR LF, CR and LF are
    each one ``\\n``.
    """

    def to_ical(self) -> bytes:
        """Return the escaped value, UTF-8 bytes."""
        text = str(self).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n").encode(self.encoding)


def categories(names: list[str]) -> vCategory:
    """Return a CATEGORIES value whose names are escaped as ``Text`` (icalendar's own would turn « \\N » into a line break)."""
    value = vCategory(names)
    value.cats = [Text(name) for name in names]
    return value


__all__ = ["Text", "categories"]
