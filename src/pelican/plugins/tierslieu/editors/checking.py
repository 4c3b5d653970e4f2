"""`invoke check`: everything a build checks before it writes, for each settings file, without writing.

For each settings file (development and production, SPEC section 4): the
checks of content/, the data/ loaded and validated, then Pelican's own
reading of content/ (its generators' ``generate_context``, as
``Pelican.run`` does, and the plugin's ``all_generators_finalized``
receiver: two sources of one file, Pelican's warnings and errors about
content in French). A build stops at the first of these stages that finds
a problem, and so does the check: both print the same lines.
"""

from __future__ import annotations

import os
import sys
import tempfile

from pelican.readers import MarkdownReader

from pelican import Pelican, signals
from pelican.plugins.tierslieu.content_check import check_content
from pelican.plugins.tierslieu.history import repository_kind
from pelican.plugins.tierslieu.model.errors import TO_FIX, DataError, DataErrors
from pelican.plugins.tierslieu.model.loading import display_path, load_data
from pelican.plugins.tierslieu.rules import check_loaded
from pelican.plugins.tierslieu.settings import apply_defaults, data_path, project_root
from pelican.plugins.tierslieu.site import build_site

from .addresses import Addresses, site_addresses
from .advice import Advice, Note, collect_advice
from .article_advice import date_order_advice
from .renames import rename_advice


def run_check(settings: dict | list[dict], stream=None) -> int:
    """Print every problem, then every piece of advice; return the exit status (0, or 1 on a problem).

    ``settings`` is one settings dict (Pelican's ``read_settings``) or several
    (``pelicanconf.py`` and ``publishconf.py``): each is checked, and a problem
    or advice that several find is printed once. Advice never changes the
    exit status: it never blocks a publication.
    """
    stream = stream or sys.stdout
    problems: list[DataError] = []
    advice: list[DataError] = []
    site = None
    for one in [settings] if isinstance(settings, dict) else settings:
        found, told, site = _check_one(one)
        problems += [problem for problem in found if problem not in problems]
        advice += [item for item in told if item not in advice]
    if problems:
        DataErrors(problems, outcome=TO_FIX).report(sys.stderr)
        return 1
    for item in advice:
        stream.write(f"{item}\n")
    stream.write(f"Aucune erreur : {len(site.pepites)} pépites, {len(site.events)} événements{_told(advice)}.\n")
    return 0


def _told(advice: list[DataError]) -> str:
    """Count the lines printed above: « , 2 conseils et 1 note ci-dessus » (a « note : » is not advice)."""
    notes = sum(1 for item in advice if item.message.startswith("note :"))
    counts = [(len(advice) - notes, "conseil"), (notes, "note")]
    said = [f"{count} {noun}{'s' if count > 1 else ''}" for count, noun in counts if count]
    return f", {' et '.join(said)} ci-dessus" if said else ""


def _check_one(settings: dict) -> tuple[list[DataError], list[DataError], object]:
    """Return (the problems, the advice, the site) of one settings file; stop where a build would."""
    # No second process for a check; network feeds' warnings are its advice, said once, not printed per build.
    settings = {**settings, "TIERSLIEU_BACKGROUND": False, "TIERSLIEU_FEED_NOTICES": False}
    apply_defaults(settings)
    root = project_root(settings)
    problems: list[DataError] = check_content(settings, root)
    try:
        loaded = load_data(data_path(settings), root, lambda loaded: check_loaded(loaded, settings))
        site = build_site(loaded, settings, data_path(settings))
    except DataErrors as errors:
        return problems + errors.errors, [], None
    if problems:
        return problems, [], site
    try:
        replaced, drafts, addresses = read_content(settings, site)
    except DataErrors as errors:
        return errors.errors, [], site
    notes = [
        Note(writer.path, writer.line, f"cette page remplace la page générée « {url} » du site")
        for writer, url in replaced.values()
    ] + [draft_note(path, root) for path in drafts]
    feeds = [Advice(*notice) for notice in site.network.notices] if site.network else []
    advice = {
        *collect_advice(site, loaded, settings, addresses),
        *rename_advice(loaded, data_path(settings)),
        *date_order_advice(settings, root),
        *notes,
        *history_advice(settings),
        *feeds,
    }
    return [], sorted(advice, key=DataError.sort_key), site


def history_advice(settings: dict) -> list[Advice]:
    """Advise when data/ is outside git: a publication from there gives every event SEQUENCE 0.

    Not an error (README: outside git, SEQUENCE is 0 and LAST-MODIFIED the
    file's modification time): a site built from a copy works, but
    subscribers' calendars may ignore its changes after one built from git.
    A shallow clone is an error of the publishing rules (publishing.py).
    """
    folder = data_path(settings)
    if repository_kind(folder) != "none":
        return []
    return [
        Advice(
            display_path(os.path.join(folder, "events"), project_root(settings)),
            1,
            "ce dossier n'est pas dans un dépôt git : chaque événement aurait la SEQUENCE 0 et la date de son "
            "fichier, et les agendas abonnés pourraient ignorer ses changements ; publiez depuis un clone git",
        )
    ]


def draft_note(path: str, root: str) -> Note:
    """Say why an article or page Pelican holds back is not published: a draft, or a date still to come.

    Pelican makes an article dated in the future a draft too (WITH_FUTURE_DATES
    is off); the note is at its ``Status:`` line, or at its ``Date:`` line.
    """
    with open(path, encoding="utf-8", errors="replace") as source:
        header = {}
        for number, text in enumerate(source, 1):
            if not text.strip():
                break
            name, _, value = text.partition(":")
            header.setdefault(name.strip().lower(), (number, value.strip()))
    shown = display_path(path, root)
    if header.get("status", (1, ""))[1].lower() == "draft":
        text = "brouillon (« Status: draft ») : ni publié ni montré par l'aperçu ; écrivez « Status: published » quand il est prêt"
        return Note(shown, header["status"][0], text)
    line, when = header.get("date", (1, ""))
    return Note(
        shown, line, f"publication programmée : l'actualité paraîtra le {when} (la reconstruction de la nuit la publie)"
    )


def read_content(settings: dict, site) -> tuple[dict, list[str], Addresses]:
    """Read content/ with Pelican as a build does before writing; raise DataErrors on a problem.

    Pelican's generators are made and run up to ``all_generators_finalized``
    exactly as ``Pelican.run`` does (pelican/__init__.py), the plugin's
    receiver included; nothing is written (Pelican's content cache and
    markdown_reading.py's are neither read nor written). ``site`` is the data already loaded.
    Returns the generated pages that editors' pages replace
    (collisions.check_outputs), and the paths of the drafts (articles and
    pages whose ``Status:`` is ``draft``), and the site's addresses for links
    (addresses.site_addresses: the plan's outputs, Pelican's, the drafts').
    """
    with tempfile.TemporaryDirectory(prefix="tierslieu-check-") as output:
        settings = {
            **settings,
            "OUTPUT_PATH": output,
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            # Pelican's own Markdown reader: the same pages as markdown_reading.py's, and no cache written.
            "READERS": {**settings["READERS"], **dict.fromkeys(MarkdownReader.file_extensions, MarkdownReader)},
        }
        pelican = Pelican(settings)
        integration = pelican.tierslieu
        integration.give_site(site)
        context = {
            **pelican.settings,
            "generated_content": {},
            "static_links": set(),
            "static_content": {},
            "localsiteurl": pelican.settings["SITEURL"],
        }
        integration.content_log.start()
        try:
            generators = [
                cls(
                    context=context,
                    settings=pelican.settings,
                    path=pelican.path,
                    theme=pelican.theme,
                    output_path=pelican.output_path,
                )
                for cls in pelican._get_generator_classes()
            ]
            for generator in generators:
                generator.generate_context()
                if hasattr(generator, "check_disabled_readers"):
                    generator.check_disabled_readers()
            signals.all_generators_finalized.send(generators)
        finally:
            integration.content_log.stop()
        problems = integration.content_log.problems()
        if problems:
            raise DataErrors(problems)
        drafts = [
            item.source_path
            for generator in generators
            for item in [*getattr(generator, "drafts", []), *getattr(generator, "draft_pages", [])]
        ]
        addresses = site_addresses(
            generators, integration.generator.outputs, pelican.settings["SITEMAP_SAVE_AS"], project_root(settings)
        )
        return integration.replaced, sorted(drafts), addresses
