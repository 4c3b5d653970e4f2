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
# What segno is given: part of the cache key, so that changing one makes new codes.
ENCODING = {"error": "m", "mask": MASK}
SVG_OPTIONS = {
    "inline": {"scale": 3, "border": 2},
    "file": {"kind": "svg", "scale": 4, "border": 2, "xmldecl": False, "svgns": True, "nl": True},
}
TITLES = {"inline": "{text}", "file": "QR code : {text}"}


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
        name = hashlib.sha1(f"{encoding_key(kind)}|{text}".encode()).hexdigest() + ".svg"
        path = os.path.join(self.folder, name) if self.folder else None
        if path and os.path.isfile(path):
            with open(path, encoding="utf-8") as stream:
                return stream.read()
        svg = _make(kind, text)
        if path:
            # Written aside then renamed: another process of the build (parallel.py) never reads half a file.
            os.makedirs(self.folder, exist_ok=True)
            partial = f"{path}.{os.getpid()}.tmp"
            with open(partial, "w", encoding="utf-8") as stream:
                stream.write(svg)
            os.replace(partial, path)
        return svg


def encoding_key(kind: str) -> str:
    """Describe how a kind of code is made: segno's options and version, and the title's pattern."""
    return repr((kind, sorted(ENCODING.items()), sorted(SVG_OPTIONS[kind].items()), TITLES[kind], segno.__version__))


def _make(kind: str, text: str) -> str:
    code = segno.make(text, **ENCODING)
    title = TITLES[kind].format(text=text)
    if kind == "inline":
        return code.svg_inline(**SVG_OPTIONS[kind], title=title)
    buffer = io.BytesIO()
    code.save(buffer, **SVG_OPTIONS[kind], title=title)
    return buffer.getvalue().decode("utf-8")
