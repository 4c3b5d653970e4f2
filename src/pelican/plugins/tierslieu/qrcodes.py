"""QR codes of addresses, as SVG, cached on disk between builds.

A QR code of an address never changes, and making one costs a millisecond
or more: a venue's printed programmes and subscription page hold hundreds.
"""

from __future__ import annotations

import hashlib
import io
import os

import segno
from markupsafe import Markup

# Evaluating the eight QR masks is most of the cost of a code; a fixed mask
# reads just as well on paper and is four times faster.
MASK = 2


class QrCodes:
    """Make QR codes once per address, in memory and on disk."""

    def __init__(self, cache: str | None):
        self.folder = os.path.join(cache, "qr") if cache else None
        self.memory: dict[tuple[str, str], str] = {}

    def inline(self, text: str) -> Markup:
        """Return an inline SVG QR code of a text, for printed pages."""
        return Markup(self._get("inline", text))

    def file(self, text: str) -> bytes:
        """Return a standalone SVG file of a text's QR code."""
        return self._get("file", text).encode("utf-8")

    def _get(self, kind: str, text: str) -> str:
        key = (kind, text)
        if key not in self.memory:
            self.memory[key] = self._from_disk(kind, text)
        return self.memory[key]

    def _from_disk(self, kind: str, text: str) -> str:
        name = hashlib.sha1(f"{kind}|{MASK}|{text}".encode()).hexdigest() + ".svg"
        path = os.path.join(self.folder, name) if self.folder else None
        if path and os.path.isfile(path):
            with open(path, encoding="utf-8") as stream:
                return stream.read()
        svg = _make(kind, text)
        if path:
            os.makedirs(self.folder, exist_ok=True)
            with open(path, "w", encoding="utf-8") as stream:
                stream.write(svg)
        return svg


def _make(kind: str, text: str) -> str:
    code = segno.make(text, error="m", mask=MASK)
    if kind == "inline":
        return code.svg_inline(scale=3, border=2, title=text)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=4, border=2, xmldecl=False, svgns=True, title=f"QR code : {text}", nl=True)
    return buffer.getvalue().decode("utf-8")
