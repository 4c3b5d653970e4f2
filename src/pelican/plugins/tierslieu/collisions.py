"""Two sources that would write one file: refused, naming both (SPEC section 4).

Sources are the outputs of our plan (plan.Output) and Pelican's content
(articles, pages, their translations and drafts). One exception, as
Pelican users expect: an editor's own page in ``content/pages/`` whose
address is that of a generated page of the site (the legal notice, say)
replaces it; ``invoke check`` notes it.
"""

from __future__ import annotations

import itertools
import os
import re
from dataclasses import dataclass

from pelican.contents import Static
from pelican.paginator import Paginator

from .longnames import check_lengths
from .model.errors import DataError
from .model.loading import display_path

_ADDRESS = ("save_as", "url", "slug")


@dataclass(frozen=True)
class Writer:
    """Something that writes a file: where it is described (``path``, ``line``) and what it is.

    ``what`` is « article », « page », « static » (a file of content/),
    « data » (a data file) or « pelican » (a page or folder of Pelican or of
    the build, ``path`` then describes it and ``line`` is 0).
    """

    path: str
    line: int
    what: str


_PELICAN_PAGES = {"index": "la liste des actualités", "categories": "la liste des catégories"}
_PELICAN_PAGES |= {"tags": "la liste des étiquettes", "archives": "les archives des actualités"}


def content_writers(generators, root: str) -> dict[str, list[Writer]]:
    """Return, for each file Pelican would write, what writes it.

    Articles and pages (their ``save_as``), the files of content/ that
    Pelican copies, Pelican's own pages (DIRECT_TEMPLATES, categories, tags,
    their pagination) and the folders the build fills (``pagefind/``, the
    theme's files): an article saved in one of these is refused.
    """
    result: dict[str, list[Writer]] = {}

    def add(save_as: str, writer: Writer) -> None:
        if save_as:
            result.setdefault(_normal(save_as), []).append(writer)

    for generator in generators:
        for name in ("articles", "translations", "pages", "hidden_pages", "hidden_translations", "draft_pages"):
            for item in getattr(generator, name, None) or []:
                kind = "page" if "pages" in name else "article"
                source = display_path(item.source_path, root)
                add(getattr(item, "save_as", ""), Writer(source, address_line(item.source_path), kind))
        for item in getattr(generator, "staticfiles", None) or []:
            # Not item.save_as: reading it would forbid an {attach} link to move the file (pelican.contents.Static).
            add(super(Static, item).save_as, Writer(display_path(item.source_path, root), 1, "static"))
        if hasattr(generator, "categories") and hasattr(generator, "tags"):
            for save_as, what in _pelican_pages(generator):
                add(save_as, Writer(what, 0, "pelican"))
    settings = generators[0].settings if generators else {}
    reserved = {"pagefind/": "l'index de recherche"}
    reserved[settings.get("THEME_STATIC_DIR", "theme").strip("/") + "/"] = "les fichiers du thème"
    for save_as, writers in list(result.items()):
        for folder, what in reserved.items():
            if save_as.startswith(folder):
                writers.append(Writer(f"le dossier « {folder} » ({what})", 0, "pelican"))
    sitemap = settings.get("SITEMAP_SAVE_AS", "sitemap.xml")
    if sitemap in result:  # written after everything else: it would silently win
        result[sitemap].append(Writer(f"le plan du site « {sitemap} »", 0, "pelican"))
    return result


def _pelican_pages(generator):
    """Yield (save_as, description) of the pages Pelican's articles generator writes, every page of each."""
    settings = generator.settings
    lists = [
        (name, settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html"), generator.articles, name)
        for name in settings.get("DIRECT_TEMPLATES", ())
    ]
    lists += [
        ("category", item.save_as, articles, f"la catégorie « {item} »") for item, articles in generator.categories
    ]
    lists += [("tag", item.save_as, articles, f"l'étiquette « {item} »") for item, articles in generator.tags.items()]
    for template, save_as, articles, name in lists:
        if not save_as:
            continue
        what = _PELICAN_PAGES.get(name, name)
        per_page = None
        if settings.get("DEFAULT_PAGINATION") and template in settings.get("PAGINATED_TEMPLATES", {}):
            per_page = settings["PAGINATED_TEMPLATES"][template] or settings["DEFAULT_PAGINATION"]
        pages = Paginator(save_as, save_as, list(articles), settings, per_page)
        for number in pages.page_range:
            yield pages.page(number).save_as, f"la page de Pelican « {_address(pages.page(number).save_as)} » ({what})"


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
    for save_as, writers in sorted(content.items()):
        if len(writers) > 1:
            errors += _clash(save_as, writers)
        generated = ours.get(save_as)
        editors = [writer for writer in writers if writer.what in ("article", "page")]
        if not generated or not editors:
            continue
        if all(writer.what == "page" for writer in writers) and all(
            output.source.startswith("page ") for output in generated
        ):
            replaced[generated[0].save_as] = (writers[0], _address(generated[0].save_as, generated[0].url))
            continue
        errors.append(_taken(editors[0], save_as, _describe(generated[0], root)))
    errors += _folder_clashes([*ours, *content], content)
    errors += _case_clashes(ours, content, root)
    errors += check_lengths(outputs, content, lambda output: _as_writer(output, root))
    clashes = [generated for _save_as, generated in sorted(ours.items()) if len(generated) > 1]
    for generated in clashes:
        writers = [_as_writer(output, root) for output in generated]
        if not any(output.origin for output in generated):  # no data file to name: the plan's own sources
            writers = [Writer(output.source, 1, "data") for output in generated]
        errors += _clash(_normal(generated[0].save_as), writers)
    return errors, replaced


def _folder_clashes(paths: list[str], content: dict[str, list[Writer]]) -> list[DataError]:
    """Refuse an article or page saved as a file where the site has a folder (``Save_as: agenda``)."""
    folders: dict[str, str] = {}
    for path in sorted(paths):
        parts = path.split("/")
        for end in range(1, len(parts)):
            folders.setdefault("/".join(parts[:end]), path)
    errors = []
    for save_as, writers in sorted(content.items()):
        for writer in writers:
            if save_as in folders and writer.what in ("article", "page"):
                noun = "cet article" if writer.what == "article" else "cette page"
                errors.append(
                    DataError(
                        writer.path,
                        writer.line,
                        f"{noun} s'enregistrerait sous « {save_as} », qui est un dossier du site (il contient "
                        f"« {folders[save_as]} ») : changez son « Save_as: » ou son « Slug: »",
                    )
                )
    return errors


_RENAME = {
    "article": "changez le « Slug: » de l'un des deux (sans « Slug: », c'est le titre qui fait l'adresse)",
    "page": "changez le « Slug: » de l'un des deux (sans « Slug: », c'est le titre qui fait l'adresse)",
    "data": "changez l'un des deux noms",
}
"""What to change when two files would write one page, by the kind of the file told."""


def _clash(save_as: str, writers: list[Writer]) -> list[DataError]:
    """Refuse every writer of ``save_as`` but one, at its file and line, naming that one.

    The one named is Pelican's or the build's page or folder when there is
    one (it cannot move), else a file of content/, else the first by path.
    """
    first, *others = sorted(writers, key=_first)
    by = _named(first)
    if first.what in ("article", "page", "data"):
        return [
            DataError(other.path, other.line, f"ce fichier écrirait « {save_as} », comme {by} : {_RENAME[other.what]}")
            for other in others
        ]
    return [_taken(other, save_as, by) for other in others if other.what != "pelican"]


def _first(writer: Writer) -> tuple:
    """Order writers: the one that keeps its file first (Pelican's or the build's, a file of content/, by path)."""
    return ({"pelican": 0, "static": 1}.get(writer.what, 2), writer.path, writer.line)


def _named(writer: Writer) -> str:
    """Name ``writer`` in a message: a page of Pelican or of the build, a file of content/, a file and its line."""
    if writer.what == "pelican":
        return writer.path
    if writer.what == "static":
        return f"le fichier {writer.path}"
    return f"{writer.path} (ligne {writer.line})"


def _case_clashes(ours: dict[str, list], content: dict[str, list[Writer]], root: str) -> list[DataError]:
    """Refuse a file whose name differs from another's only by case (« Atelier/ », « atelier/ »).

    Case-insensitive file systems (macOS, Windows) and many hosts keep one
    of the two, and a visitor's link may reach either. Each spelling but the
    first (``_first``) is refused at its file and line, naming the first.
    """
    folded: dict[str, set[str]] = {}
    for save_as in itertools.chain(content, ours):
        folded.setdefault(save_as.casefold(), set()).add(save_as)
    clashing = {save_as for names in folded.values() if len(names) > 1 for save_as in names}
    spellings: dict[str, dict[str, Writer]] = {}  # only the names that clash: telling who writes them reads files
    for save_as in sorted(clashing & content.keys()):
        spellings.setdefault(save_as.casefold(), {}).setdefault(save_as, min(content[save_as], key=_first))
    for save_as in sorted(clashing & ours.keys()):
        spellings.setdefault(save_as.casefold(), {}).setdefault(save_as, _as_writer(ours[save_as][0], root))
    errors = []
    for names in spellings.values():
        (known, first), *others = sorted(names.items(), key=lambda item: _first(item[1]))
        for save_as, writer in others:
            if writer.what != "pelican":
                message = (
                    f"ce fichier écrirait « {save_as} », qui ne diffère de « {known} » ({_named(first)}) que par "
                    "les majuscules : les hébergeurs et les disques sans casse n'en gardent qu'un ; changez l'un des deux noms"
                )
                errors.append(DataError(writer.path, writer.line, message))
    return errors


def _taken(writer: Writer, save_as: str, by: str) -> DataError:
    """Refuse ``writer``, which would write ``save_as``, already written by ``by``, with what to change."""
    if writer.what in ("article", "page"):
        this = "cet article" if writer.what == "article" else "cette page"
        change = "changez son « Save_as: » ou son « Slug: »"
        return DataError(
            writer.path, writer.line, f"{this} s'enregistrerait sous « {save_as} », déjà utilisé par {by} : {change}"
        )
    return DataError(
        writer.path, writer.line, f"ce fichier écrirait « {save_as} », déjà utilisé par {by} : changez ce nom"
    )


def _as_writer(output, root: str) -> Writer:
    if output.origin:
        path, line = output.origin
        return Writer(display_path(path, root) if os.path.isabs(path) else path, line, "data")
    # A page of the site that no data file asks for (the agenda, past events…): it cannot move.
    return Writer(f"la page générée « {_address(output.save_as, output.url)} »", 0, "pelican")


def _describe(output, root: str) -> str:
    if output.source.startswith("page "):
        return f"la page générée « {_address(output.save_as, output.url)} »"
    return _as_writer(output, root).path


def _address(save_as: str, url: str = "") -> str:
    """Return the address a visitor sees of ``save_as``: ``/x/`` for x/index.html, ``/404.html`` for 404.html."""
    if url:
        return "/" + url
    return "/" + (save_as[: -len("index.html")] if save_as.endswith("index.html") else save_as)


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
