"""A feed's bytes as they were meant: its Content-Encoding undone in bounded steps, its charset made UTF-8.

httpx undoes stacked encodings (``Content-Encoding: gzip, gzip``), but
each layer in one call: 1.5 kB of gzip twice over becomes 800 MB in
memory before any limit is looked at. Here every layer gives at most
PIECE bytes at a time (zlib's ``max_length``), so the size limit of
fetching.py stops a bomb after a few pieces.
"""

from __future__ import annotations

import codecs
import zlib
from collections.abc import Iterable, Iterator

PIECE = 64 * 1024
"""Most bytes one layer gives at a time."""
ACCEPTED = "gzip, deflate"
"""The Accept-Encoding sent: the encodings undone here."""
_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}


class Unreadable(Exception):
    """A body that cannot be undone or decoded; the caller says why in French."""


def layers(header: str) -> list[str]:
    """Return the encodings of a Content-Encoding value, in the order they were applied (RFC 9110 section 8.4).

    ``identity`` is dropped. Raise Unreadable on an encoding not in _WBITS
    (br, zstd, compress): its bytes could not be read as a calendar.
    """
    names = [name.strip().lower() for name in header.split(",") if name.strip()]
    names = [name for name in names if name != "identity"]
    if any(name not in _WBITS for name in names):
        raise Unreadable(header)
    return names


def decoded(chunks: Iterable[bytes], header: str) -> Iterator[bytes]:
    """Yield the bytes of ``chunks`` with every layer of ``header`` undone, PIECE bytes at most at a time.

    The last layer applied is undone first. A ``deflate`` layer without
    its zlib header (raw deflate, as some servers send) is read too.
    Raise Unreadable on bytes that do not follow their encoding.
    """
    stream: Iterable[bytes] = chunks
    for name in reversed(layers(header)):
        stream = _undone(stream, name)
    yield from stream


def _undone(chunks: Iterable[bytes], name: str) -> Iterator[bytes]:
    decompressor = None
    for chunk in chunks:
        if decompressor is None:
            decompressor = zlib.decompressobj(_WBITS[name])
            if name == "deflate" and chunk and (chunk[0] & 0x0F != zlib.DEFLATED or int.from_bytes(chunk[:2]) % 31):
                decompressor = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate: no zlib header
        data = chunk
        while data and not decompressor.eof:
            try:
                piece = decompressor.decompress(data, PIECE)
            except zlib.error:
                raise Unreadable(name) from None
            data = decompressor.unconsumed_tail
            if piece:
                yield piece
            while len(piece) == PIECE and not data and not decompressor.eof:  # output still held by zlib
                piece = decompressor.decompress(b"", PIECE)
                if piece:
                    yield piece


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"))
_BOMS += ((codecs.BOM_UTF16_BE, "utf-16"),)


def as_utf8(body: bytes, charset: str | None) -> bytes:
    """Return ``body`` in UTF-8, read in ``charset`` (the Content-Type's), else as its UTF-16/32 BOM says.

    RFC 5545 section 3.1.4: a calendar is UTF-8 unless its charset says
    otherwise (RFC 2046). A body that is already valid UTF-8 is kept as it
    is whatever a one-byte charset says (servers often declare
    ISO-8859-1 by default); one in no declared charset is left to
    reading.py, which reads it as Windows-1252 with a note. Raise
    Unreadable on a charset unknown or that does not decode the body.
    """
    named = next((name for bom, name in _BOMS if body.startswith(bom)), None)
    if charset:
        try:
            named = codecs.lookup(charset).name
        except LookupError:
            raise Unreadable(charset) from None
    if named is None or named in ("utf-8", "ascii"):
        return body
    if not named.startswith(("utf-16", "utf-32")):
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return body
    try:
        return body.decode(named).encode("utf-8")
    except UnicodeDecodeError:
        raise Unreadable(charset or named) from None
