"""Pelican's Markdown reader with one Markdown instance per reader, and each text's HTML kept in CACHE_PATH.

Pelican's ``MarkdownReader`` builds a new ``markdown.Markdown`` for every
file (its extensions registered again: about a millisecond with « extra »
and codehilite) and converts every article again at every build. This
reader, set for Markdown's suffixes in READERS (``use_markdown_reader``):

- converts with one instance, ``reset()`` between texts: Python-Markdown's
  way to convert several documents (its extensions clear their state
  there: footnotes, abbreviations, meta, toc, md_in_html);
- keeps what Python-Markdown made of each text, the HTML and the raw
  metadata (``Meta``: lower-case names to lists of lines), in
  ``CACHE_PATH/markdown/<sha256>.json``, keyed by the text, the MARKDOWN
  setting and the versions of Python-Markdown and Pygments: a warm build
  (CI keeps ``cache/``, docs/benchmarks.md) converts only the texts that
  changed;
- parses the metadata with Pelican's own ``_parse_metadata`` at every read,
  so its processing (dates, tags, the formatted « summary ») and its
  warnings are those of Pelican's reader.

A cache file that cannot be read or has not the expected shape is taken as
absent; one that cannot be written is left out (the cache saves time, it
is never needed). The pages are byte for byte those of Pelican's reader
(tests/test_markdown_reading.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os

import markdown
from markdown.preprocessors import Preprocessor
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from .kept_texts import recall

FORMAT = 1
"""The version of the cache files' layout: changing it leaves older files unread."""


class CachingMarkdownReader(MarkdownReader):
    """Pelican's ``MarkdownReader``, converting with one instance and keeping each text's HTML on disk."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)  # completes MARKDOWN (extension_configs, the meta extension)
        self._body: markdown.Markdown | None = None
        self._fields: markdown.Markdown | None = None
        self._folder = os.path.join(self.settings.get("CACHE_PATH") or "cache", "markdown")
        self._setting = setting_key(self.settings["MARKDOWN"])

    def read(self, source_path: str) -> tuple[str, dict]:
        """Return ``(html, metadata)`` of a Markdown file, as ``MarkdownReader.read`` does.

        Raises what Pelican's reader raises on a file it cannot open or
        decode (OSError, UnicodeDecodeError).
        """
        self._source_path = source_path
        with pelican_open(source_path) as text:
            key = hashlib.sha256(f"{self._setting}\0{text}".encode()).hexdigest()
        converted = self._load(key)
        if converted is None:
            body = self._body_instance()
            content = body.reset().convert(text)
            converted = content, dict(getattr(body, "Meta", None) or {})
            self._store(key, converted)
        content, meta = converted
        if not meta:
            return content, {}
        self._md = self._fields_instance()
        return content, self._parse_metadata(meta)

    def _body_instance(self) -> markdown.Markdown:
        if self._body is None:
            self._body = markdown.Markdown(**self.settings["MARKDOWN"])
        return self._body

    def _fields_instance(self) -> markdown.Markdown:
        """The instance ``_parse_metadata`` converts formatted fields with (« summary »).

        Pelican's ``_parse_metadata`` first takes the meta preprocessor out
        of the instance (so that a field's text is not read as metadata),
        which fails when it is already out: a preprocessor that changes
        nothing stands in its place before each call.
        """
        if self._fields is None:
            self._fields = _Fields(self._setting, **self.settings["MARKDOWN"])
        if "meta" not in self._fields.preprocessors:
            self._fields.preprocessors.register(_Unchanged(self._fields), "meta", 0)
        return self._fields

    def _path(self, key: str) -> str:
        return os.path.join(self._folder, f"{key}.json")

    def _load(self, key: str) -> tuple[str, dict[str, list[str]]] | None:
        try:
            with open(self._path(key), encoding="utf-8") as stream:
                kept = json.load(stream)
        except (OSError, ValueError):
            return None
        if not _well_formed(kept):
            return None
        return kept["content"], kept["meta"]

    def _store(self, key: str, converted: tuple[str, dict]) -> None:
        content, meta = converted
        path = self._path(key)
        # Written aside then renamed: a build running at the same time (the preview) never reads half a file.
        partial = f"{path}.{os.getpid()}.tmp"
        try:
            os.makedirs(self._folder, exist_ok=True)
            with open(partial, "w", encoding="utf-8") as stream:
                json.dump({"format": FORMAT, "content": content, "meta": meta}, stream, ensure_ascii=False)
            os.replace(partial, path)
        except (OSError, TypeError, ValueError):  # not writable, or metadata that is not text
            with contextlib.suppress(OSError):
                os.unlink(partial)


class _Fields(markdown.Markdown):
    """A Markdown instance whose conversions are kept from one build to the next (kept_texts.py).

    Once reset, what Python-Markdown makes of a text depends only on that
    text and on the options and versions that ``setting`` (``setting_key``) names.
    """

    def __init__(self, setting: str, **options) -> None:
        super().__init__(**options)
        self._setting = setting

    def convert(self, source: str) -> str:
        """Return ``source`` as HTML, as ``markdown.Markdown.convert`` does after a ``reset()``."""
        return recall(("markdown field", self._setting, source), lambda: super(_Fields, self).convert(source))


class _Unchanged(Preprocessor):
    """A preprocessor that returns the lines as they are (see ``_fields_instance``)."""

    def run(self, lines: list[str]) -> list[str]:
        return lines


def _well_formed(kept: object) -> bool:
    if not isinstance(kept, dict) or kept.get("format") != FORMAT or not isinstance(kept.get("content"), str):
        return False
    meta = kept.get("meta")
    return isinstance(meta, dict) and all(
        isinstance(name, str) and isinstance(lines, list) and all(isinstance(line, str) for line in lines)
        for name, lines in meta.items()
    )


def setting_key(setting: dict) -> str:
    """Describe what Python-Markdown's output depends on besides the text: its options and versions.

    A value JSON cannot write is described by its ``repr``; one that holds
    an address (an extension given as an object) gives a key of its own at
    each run, so such a setting is never served an old conversion.
    """
    try:
        import pygments  # noqa: PLC0415 - only its version: codehilite colours code with it

        pygments_version = pygments.__version__
    except ImportError:  # pragma: no cover - Pelican installs it
        pygments_version = ""
    options = json.dumps(setting, sort_keys=True, default=repr, ensure_ascii=False)
    return f"{FORMAT}|{markdown.__version__}|{pygments_version}|{options}"


def use_markdown_reader(settings: dict) -> None:
    """Read Markdown's suffixes (Pelican's MarkdownReader.file_extensions) with ``CachingMarkdownReader`` (READERS).

    A suffix READERS already names keeps its reader: the site's own, or
    Pelican's, which ``invoke check`` names so that it writes nothing.
    """
    readers = dict(settings.get("READERS") or {})
    for suffix in MarkdownReader.file_extensions:
        readers.setdefault(suffix, CachingMarkdownReader)
    settings["READERS"] = readers
