"""The texts and links of a partner's feed, made plain, bounded and harmless before they reach our pages."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from inscriptis import get_text

URL_CHARS = 500

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")  # U+FFFE/F: XML forbids them
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embeddings, overrides and isolates (Unicode UAX 9): « \u202egnp.exe » would show as « exe.png »."""
_MARKUP = re.compile(r"<\s*[a-zA-Z!/]")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def plain_text(value, limit: int, one_line: bool = False) -> str:
    """Return ``value`` as plain text: markup turned to text, control characters gone, at most ``limit`` characters.

    The bidirectional controls (U+202A–U+202E, U+2066–U+2069) are dropped:
    a partner's text never reorders what our page shows around it.
    """
    if value is None:
        return ""
    text = str(value)
    if _MARKUP.search(text):
        text = get_text(text)
    text = _BIDI.sub("", CONTROL.sub(" ", text))
    if one_line:
        text = " ".join(text.split())
    else:
        text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines())
        text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def safe_url(value) -> str:
    """Return ``value`` if it is an http(s) address without spaces, quotes or controls, else ''."""
    if value is None:
        return ""
    text = str(value).strip()
    parts = urlsplit(text)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or len(text) > URL_CHARS
        or re.search(r"[\s\"'<>`\\]", text)
        or CONTROL.search(text)
        or _BIDI.search(text)
    ):
        return ""
    return text
