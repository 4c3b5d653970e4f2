"""Why Pelican could not read a file of content/ (its « Could not process %s »), told in French (content_log.py).

Pelican takes an article's or a page's date from its file name too
(FILENAME_METADATA, by default a name beginning « AAAA-MM-JJ »: Pelican's
settings documentation), before its « Date: » line and whatever that line
says; an impossible date there (« 2026-13-45 », « 2026-02-30 ») makes the
whole file unreadable (pelican.utils.get_date: « '…' is not a valid date »).
"""

from __future__ import annotations

from .content_files import DEEP_NESTING

UNREADABLE = "Pelican n'a pas pu lire ce fichier"
"""The start of the message for a reason not told in French: Pelican's own follows, « : « … » »."""


def unreadable_message(reason: BaseException | None) -> str:
    """Return the French message for a file Pelican could not read because of ``reason`` (the exception, or None).

    A nesting too deep for Python-Markdown (RecursionError) is DEEP_NESTING;
    an impossible date in the file's name or folders « le nom du fichier
    commence par une date impossible « 2026-13-45 » : … » (path_date_message);
    any other reason is UNREADABLE with Pelican's words, « : « … » ».
    """
    if isinstance(reason, RecursionError):  # Python-Markdown recurses once per level of nesting
        return DEEP_NESTING
    told = path_date_message(reason) if isinstance(reason, ValueError) else None
    if told is not None:
        return told
    return UNREADABLE + (f" : « {reason} »" if reason is not None else "")


def path_date_message(reason: ValueError) -> str | None:
    """Return the message for a date of a file's path Pelican cannot read, None if ``reason`` is another.

    The date is Pelican's when the error rose while it read the path's
    metadata (pelican.readers.parse_path_metadata: FILENAME_METADATA on the
    name, PATH_METADATA on the path from content/).
    """
    frame = _frame(reason, "parse_path_metadata")
    if frame is None or frame.f_locals.get("k") != "date":
        return None
    date, data = str(frame.f_locals.get("v")), str(frame.f_locals.get("data"))
    base, source = frame.f_locals.get("base"), str(frame.f_locals.get("source_path", ""))
    settings = frame.f_locals.get("settings") or {}
    where = "le nom du fichier" if data == base else "le chemin du fichier"
    how = "commence par" if data.startswith(date) else "contient"
    page = source.split("/", 1)[0] in settings.get("PAGE_PATHS", ["pages"])
    what = "de la page" if page else "de l'actualité"
    cure = "ou retirez-la du nom" + ("" if page else " et écrivez la date dans une ligne « Date: »")
    return (
        f"{where} {how} une date impossible « {date} » : Pelican y lit la date {what}, même avec une ligne "
        f"« Date: » ; corrigez-la dans {where} (AAAA-MM-JJ), {cure}"
    )


def _frame(reason: BaseException, function: str):
    """Return the frame of ``reason``'s traceback running ``function``, None if none does."""
    trace = reason.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_name == function:
            return trace.tb_frame
        trace = trace.tb_next
    return None
