"""Two sources that would write one file: refused, naming both (SPEC section 4).

Sources are the outputs of our plan (plan.Output) and Pelican's content
(articles, pages, their translations and drafts). One exception, as
Pelican users expect: an editor's own page in ``content/pages/`` whose
address is that of a generated page of the site (the legal notice, say)
replaces it; ``invoke check`` notes it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .model.errors import DataError
from .model.loading import display_path

_ADDRESS = ("save_as", "url", "slug")


@dataclass(frozen=True)
class Writer:
    """Something that writes a file: where it is described (``path``, ``line``) and what it is."""

    path: str
    line: int
    what: str


def content_writers(generators, root: str) -> dict[str, list[Writer]]:
    """Return, for each file Pelican's content would write, the articles and pages that write it."""
    result: dict[str, list[Writer]] = {}
    for generator in generators:
        for name in ("articles", "translations", "pages", "hidden_pages", "hidden_translations", "draft_pages"):
            for item in getattr(generator, name, None) or []:
                save_as = getattr(item, "save_as", "")
                if save_as:
                    kind = "page" if "pages" in name else "article"
                    source = display_path(item.source_path, root)
                    result.setdefault(_normal(save_as), []).append(Writer(source, address_line(item.source_path), kind))
        news_index = _news_index(generator)
        if news_index:
            result.setdefault(_normal(news_index), []).append(Writer("", 0, "index"))
    return result


def _news_index(generator) -> str | None:
    """Return where Pelican's articles generator writes the news index (INDEX_SAVE_AS), or None.

    A direct template (pelican.generators.ArticlesGenerator.generate_direct_templates):
    written when "index" is in DIRECT_TEMPLATES, under ``INDEX_SAVE_AS``.
    """
    settings = getattr(generator, "settings", None) or {}
    if not hasattr(generator, "articles") or "index" not in settings.get("DIRECT_TEMPLATES", ()):
        return None
    return settings.get("INDEX_SAVE_AS", "index.html") or None


def check_outputs(
    outputs, content: dict[str, list[Writer]], root: str
) -> tuple[list[DataError], dict[str, tuple[Writer, str]]]:
    """Return (the collisions as errors, the outputs that editors' pages replace).

    The second maps the ``save_as`` of each replaced output of ours to the
    editor's page that replaces it and the generated page's address (``/x/``).

    ``outputs`` is the plan (plan.Output), ``content`` what ``content_writers`` returned.
    """
    errors: list[DataError] = []
    replaced: dict[str, tuple[Writer, str]] = {}
    ours: dict[str, list] = {}
    for output in outputs:
        ours.setdefault(_normal(output.save_as), []).append(output)
    for save_as, everyone in sorted(content.items()):
        errors += _news_index_clash(save_as, everyone)
        writers = [writer for writer in everyone if writer.what != "index"]
        if not writers:
            continue
        if len(writers) > 1:
            errors += _clash(save_as, writers)
        generated = ours.get(save_as)
        if not generated:
            continue
        if all(writer.what == "page" for writer in writers) and all(
            output.source.startswith("page ") for output in generated
        ):
            replaced[generated[0].save_as] = (writers[0], "/" + (generated[0].url or ""))
            continue
        first = writers[0]
        errors.append(
            DataError(
                first.path,
                first.line,
                f"cet {'article' if first.what == 'article' else 'page'} "
                f"s'enregistrerait sous « {save_as} », déjà utilisé par {_describe(generated[0], root)} : "
                "changez son « Save_as: » ou son « Slug: »",
            )
        )
    clashes = [generated for _save_as, generated in sorted(ours.items()) if len(generated) > 1]
    # A file derived from a page (its feed, its QR code) clashes when the page does: name the data files only.
    named = [generated for generated in clashes if any(output.origin for output in generated)]
    for generated in named or clashes:
        errors += _clash(_normal(generated[0].save_as), [_as_writer(output, root) for output in generated])
    return errors, replaced


def _clash(save_as: str, writers: list[Writer]) -> list[DataError]:
    first, *others = sorted(writers, key=lambda writer: (writer.path, writer.line))
    return [
        DataError(
            other.path,
            other.line,
            f"ce fichier écrirait « {save_as} », comme {first.path} (ligne {first.line}) : changez l'un des deux noms",
        )
        for other in others
    ]


def _news_index_clash(save_as: str, writers: list[Writer]) -> list[DataError]:
    """Refuse each article or page that would write Pelican's news index (none if the index is not among ``writers``)."""
    if all(writer.what != "index" for writer in writers):
        return []
    return [
        DataError(
            writer.path,
            writer.line,
            f"{'cet article' if writer.what == 'article' else 'cette page'} s'enregistrerait sous « {save_as} », "
            "déjà utilisé par la liste des actualités : changez son « Slug: » ou son « Save_as: »",
        )
        for writer in writers
        if writer.what != "index"
    ]


def _as_writer(output, root: str) -> Writer:
    path, line = output.origin if output.origin else (output.source, 1)
    return Writer(display_path(path, root) if os.path.isabs(path) else path, line, "data")


def _describe(output, root: str) -> str:
    if output.source.startswith("page "):
        return f"la page générée « {output.url or '/'} »"
    return _as_writer(output, root).path


def _normal(save_as: str) -> str:
    return os.path.normpath(save_as).replace(os.sep, "/")


def address_line(path: str, headers: tuple[str, ...] = _ADDRESS) -> int:
    """Return the line of the first of ``headers`` in an article's header (Save_as, URL or Slug), else 1."""
    pattern = re.compile(rf"^({'|'.join(headers)})\s*:", re.IGNORECASE) if headers else None
    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    break
                if pattern is not None and pattern.match(line):
                    return number
    except OSError:
        pass
    return 1
