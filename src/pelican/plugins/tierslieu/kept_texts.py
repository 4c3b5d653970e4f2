"""Texts a build derives from the news' Markdown, taken back from the last build instead of computed again.

Pelican reads every article at every build. Python-Markdown's HTML of each
file is kept already (markdown_reading.py); what follows it was still done
again each time, about 0.1 s of the build's serial path for SPEC's 200
articles: sanitising that HTML and putting French spaces in it
(sanitising.clean_html, clean_summary) and converting the formatted
fields of the header (« Summary: », Pelican's ``_parse_metadata``).

The verdict on each image of data/ (images.image_problem: Pillow decodes
it, about 30 ms for SPEC's venue) is kept the same way, by the file's path,
size and modification time.

Each is a pure function of its text (and the page's address, or the
MARKDOWN setting), computed by this package's code with nh3, Python-Markdown,
Pygments, lxml, inscriptis and Pillow: ``recall`` returns the result kept for the same inputs, or
computes it. Between ``adopt`` and ``used``, what was recalled is noted, so
that a build keeps only what it used (data_cache.kept_texts writes it in
CACHE_PATH, named by a hash of the package's code and those libraries'
versions). Outside a build (the preview, ``invoke check``, tests calling
the functions), nothing is kept: ``recall`` computes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

_kept: dict[bytes, str] | None = None
_used: dict[bytes, str] = {}


def adopt(texts: dict | None) -> None:
    """Recall from ``texts`` (what ``used`` returned in an earlier build) from now on; None stops keeping."""
    global _kept, _used
    _kept, _used = texts, {}


def used() -> dict[bytes, str]:
    """Return what was recalled or computed since ``adopt`` (picklable: digests to texts)."""
    return dict(_used)


def take(texts: dict[bytes, str]) -> None:
    """Note as used what ``used`` returned in a process forked from this one (background.py); nothing when not keeping."""
    if _kept is not None:
        _kept.update(texts)
        _used.update(texts)


def recall(parts: tuple[str | None, ...], compute: Callable[[], str]) -> str:
    """Return the text kept for ``parts`` (the function's name, then its inputs), or ``compute()``.

    ``compute`` must be a pure function of ``parts``: two calls with the
    same parts must give the same text. The parts are kept by a BLAKE2b
    digest of them (16 bytes), each part preceded by its length (None
    apart), so that no two different tuples are read as one.
    """
    if _kept is None:
        return compute()
    written = "".join("-" if part is None else f"{len(part)}:{part}" for part in parts)
    digest = hashlib.blake2b(written.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    text = _kept.get(digest)
    if not isinstance(text, str):
        text = compute()
        _kept[digest] = text
    _used[digest] = text
    return text
