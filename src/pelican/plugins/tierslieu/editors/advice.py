"""Editors' advice: what `invoke check` points out but never blocks a build or a publication."""

from __future__ import annotations

import os
import re
import typing
from collections import Counter
from datetime import datetime

from pydantic_core import PydanticCustomError

from pelican.plugins.tierslieu.dates import add_months, month_year
from pelican.plugins.tierslieu.model.errors import DataError
from pelican.plugins.tierslieu.model.events import Freq
from pelican.plugins.tierslieu.model.fields import parse_date
from pelican.plugins.tierslieu.model.loading import LoadedData, Source, display_path
from pelican.plugins.tierslieu.model.urls import Url
from pelican.plugins.tierslieu.settings import project_root
from pelican.plugins.tierslieu.site import SiteData

from .addresses import Addresses
from .links import broken_links

MAX_TITLE = 80
THIN_MONTH = 3
MONTHS_AHEAD = 3
LAST_WEEK = 7
"""The current month is among the months advised on only while at least this many of its days remain."""


class Advice(DataError):
    """A piece of advice, shown as « attention : … »."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(path, line, f"attention : {message}")


class Note(DataError):
    """A note, shown as « note : … »: something done as the editor asked, worth knowing."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(path, line, f"note : {message}")


def collect_advice(site: SiteData, loaded: LoadedData, settings: dict, addresses: Addresses) -> list[Advice]:
    """Return every piece of advice on the data and the content; ``addresses`` are the build's (addresses.py)."""
    root = project_root(settings)
    sources = {source.path: source for source in loaded.events}
    advice: list[Advice] = []
    for event in site.events:
        advice += _event_advice(event, sources[event.source], site)
    for source in loaded.events:
        advice += _markup_in_plain_text(source)
    for source in loaded.pepites:
        advice += _markup_in_plain_text(source)
    advice += _image_advice(loaded, settings)
    advice += _thin_months(site, loaded, root, settings)
    advice += [Advice(*found) for found in broken_links(loaded, settings, root, addresses)]
    return sorted(set(advice), key=DataError.sort_key)


_TAG = re.compile(r"</?[a-zA-Z][^<>]*>|\*\*[^*]+\*\*|\[[^\]]+\]\([^)]+\)")
_MARKDOWN_FIELDS = ("description", "bio")
_URL = typing.get_args(Url)[1]
"""The validator of address fields (urls.Url), which marks them in a model's fields."""


def _markup_in_plain_text(source: Source) -> list[Advice]:
    """Point at HTML or Markdown typed into a plain-text field: the site, calendars and feeds show it as typed.

    The advice names the long Markdown text of the file's own kind
    (``description`` of an event, ``bio`` of a pépite: ``_MARKDOWN_FIELDS``
    in its model). Addresses (``urls.Url`` fields) are not text: their
    rules are their own (urls.parse_url).
    """
    data = source.document.data if source.document else None
    if not isinstance(data, dict) or source.model is None:
        return []
    fields = type(source.model).model_fields
    long_text = next((key for key in _MARKDOWN_FIELDS if key in fields), None)
    addresses = {
        name for name, info in fields.items() if _URL in info.metadata or Url in typing.get_args(info.annotation)
    }
    result = []
    for key, value in data.items():
        plain = isinstance(value, str) and key not in _MARKDOWN_FIELDS and key not in addresses
        found = _TAG.search(value) if plain else None
        if found:
            cure = f" ; la mise en forme se fait dans '{long_text}'" if long_text else ""
            result.append(
                Advice(
                    source.display,
                    source.document.line_of((key,)),
                    f"'{key}' contient « {found.group(0)[:40]} » : ce champ est du texte simple, le site l'affiche "
                    f"tel quel{cure}",
                )
            )
    return result


def _event_advice(event, source: Source, site: SiteData) -> list[Advice]:
    result = []
    line_of = source.document.line_of
    if len(event.data.title) > MAX_TITLE:
        result.append(
            Advice(
                source.display,
                line_of(("title",)),
                f"le titre fait {len(event.data.title)} caractères : {MAX_TITLE} au plus se lisent bien partout",
            )
        )
    if not event.data.description and event.upcoming(site.today):
        result.append(
            Advice(
                source.display, 1, "l'événement n'a pas de 'description' : dites en quelques lignes ce qui s'y passe"
            )
        )
    skipped = _skipped_months(event.data) if event.upcoming(site.today) else None
    if skipped:
        result.append(Advice(source.display, line_of(("start",)), skipped))
    # An event held elsewhere (its own 'location') or online only does not need the venue open.
    at_the_venue = not event.data.location and not event.data.online_only
    for occurrence in event.upcoming(site.today) if at_the_venue else ():
        if not occurrence.cancelled:
            result += _closed_advice(occurrence, source, site)
    return result


def _closed_advice(occurrence, source: Source, site: SiteData) -> list[Advice]:
    """Say that a date of an event at the venue falls in a closure, or on a public holiday the venue is closed.

    The closures are the site's (opening.closures: ``closures:`` of
    data/venue.yaml, and France's public holidays when
    ``closed_on_public_holidays: true``); a holiday inside a closure is
    told by the closure only. Given at the ``moved:`` line of a date moved
    there, at 'start' otherwise.
    """
    first = occurrence.start if occurrence.all_day else occurrence.start.astimezone(site.timezone).date()
    line = _moved_line(occurrence, source) or source.document.line_of(("start",))
    touched = [item for item in site.closures if item.start <= occurrence.last_day and first <= item.end]
    periods = [item for item in touched if not item.holiday]
    result = []
    for closure in touched:
        if closure.holiday and any(item.start <= closure.start <= item.end for item in periods):
            continue
        if closure.holiday:
            day = f", le {closure.start.isoformat()}" if closure.start != first else ""
            message = f"tombe un jour férié ({closure.reason}{day}), où le lieu est fermé (closed_on_public_holidays)"
        else:
            message = "tombe pendant une fermeture du lieu" + (f" ({closure.reason})" if closure.reason else "")
        result.append(Advice(source.display, line, f"l'événement du {first.isoformat()} {message}"))
    return result


def _moved_line(occurrence, source: Source) -> int | None:
    """Return the line of the ``moved:`` entry that put a series date where it is, or None if it was not moved."""
    if not occurrence.moved:
        return None
    original = occurrence.original
    day = original.date() if isinstance(original, datetime) else original
    for key in (source.document.data.get("repeat") or {}).get("moved") or {}:
        try:
            if parse_date(key) == day:
                return source.document.line_of(("repeat", "moved", key))
        except PydanticCustomError:  # refused by the rules (rules.py), not advised on
            continue
    return None


def _skipped_months(data) -> str | None:
    """Say that a monthly series from the 29th to the 31st, or a yearly one from 29 February, skips periods.

    RFC 5545 section 3.3.10: « Recurrence rules may generate recurrence
    instances with an invalid date (e.g., February 30) [...]. Such
    recurrence instances MUST be ignored »; a series with 'byday' names
    its days and is left alone, as is a series of one date.
    """
    repeat = data.repeat
    if repeat is None or repeat.byday or repeat.count == 1:
        return None
    start = data.start
    if repeat.freq == Freq.monthly and start.day >= 29:  # noqa: PLR2004 - the days some months lack
        return (
            f"le {start.day} n'existe pas tous les mois : la série saute ces mois-là (RFC 5545) ; "
            "pour une date chaque mois, choisissez un jour du 1 au 28, ou un jour de semaine numéroté "
            "(byday: [-1fr] pour le dernier vendredi du mois)"
        )
    if repeat.freq == Freq.yearly and (start.month, start.day) == (2, 29):
        return (
            "le 29 février ne revient que les années bissextiles : la série saute les autres années (RFC 5545) ; "
            "choisissez le 28 février ou le 1er mars"
        )
    return None


def _image_advice(loaded: LoadedData, settings: dict) -> list[Advice]:
    content = settings["PATH"]
    result = []
    for source, key in [(s, "image") for s in loaded.events] + [(s, "photo") for s in loaded.pepites]:
        path = getattr(source.model, key, None)
        if path and not os.path.isfile(os.path.join(content, path)):
            folder = os.path.basename(content)
            prefixed = path.split("/")[0] == folder  # « content/images/… »: the path starts inside content/
            other = _same_but_case(content, path)
            result.append(
                Advice(
                    source.display,
                    source.document.line_of((key,)),
                    f"image « {path} » introuvable sous {folder}/"
                    + (f" : écrivez le chemin sans « {folder}/ » devant" if prefixed else "")
                    + (f" (vouliez-vous dire « {other} » ?)" if other else ""),
                )
            )
    return result


def _same_but_case(content: str, path: str) -> str:
    """Return the path of the file under ``content`` that differs from ``path`` only by its capitals, or ""."""
    found = []
    for part in path.split("/"):
        folder = os.path.join(content, *found)
        try:
            names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
        except OSError:
            return ""
        match = next((name for name in names if name.lower() == part.lower()), None)
        if match is None:
            return ""
        found.append(match)
    return "/".join(found) if os.path.isfile(os.path.join(content, *found)) else ""


def _thin_months(site: SiteData, loaded: LoadedData, root: str, settings: dict) -> list[Advice]:
    counts: Counter = Counter()
    for occurrence, _event in site.upcoming_occurrences():
        if not occurrence.cancelled:
            day = occurrence.start if occurrence.all_day else occurrence.start.astimezone(site.timezone).date()
            counts[(day.year, day.month)] += 1
    folder = display_path(os.path.join(os.path.dirname(loaded.venue_source.path), "events"), root)
    result = []
    first = site.today.replace(day=1)
    if (add_months(first, 1) - site.today).days < LAST_WEEK:  # too late to fill this month
        first = add_months(first, 1)
    for offset in range(MONTHS_AHEAD):
        month = add_months(first, offset)
        count = counts[(month.year, month.month)]
        if count < THIN_MONTH:
            result.append(
                Advice(
                    folder,
                    1,
                    f"{month_year(month)} {_how_many(count)} : un agenda bien rempli donne envie de venir",
                )
            )
    return result


def _how_many(count: int) -> str:
    """Say how many events a month has, in French: « n'a aucun événement prévu », « n'a que 2 événements prévus »."""
    if count == 0:
        return "n'a aucun événement prévu"
    plural = "s" if count > 1 else ""
    return f"n'a que {count} événement{plural} prévu{plural}"
