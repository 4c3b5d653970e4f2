"""Rules on loaded data that need the settings: time zones, series dates, images, category pages.

``check_loaded`` runs within ``load_data`` when it is given the settings
(``invoke check``), else before the site is built (``site.build_site``):
either way a build and a check refuse the same things at the same lines.
"""

from __future__ import annotations

import bisect
import os
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from pydantic_core import PydanticCustomError

from .data_links import DataTextLinks
from .dates import long_date, missing_time, missing_time_message
from .images import image_problem
from .markup import MarkdownRenderer
from .model.duplicates import network_names, same_events, same_names
from .model.errors import DataError
from .model.fields import parse_date
from .model.loading import LoadedData, Source, refuse_path
from .model.messages import MOVED_AND_CANCELLED
from .model.sessions import session_bounds
from .moves import MOVED_NOWHERE, moved_kind, moved_nowhere
from .publishing import check_publishing
from .recurrence import series_starts
from .remote_images import markdown_problems
from .settings import site_timezone
from .spellings import Slugs, categories


def check_loaded(loaded: LoadedData, settings: dict) -> list[DataError]:
    """Return the problems of valid files that only the settings reveal."""
    errors: list[DataError] = []
    zone = site_timezone(settings)
    content = settings["PATH"]
    render = MarkdownRenderer(settings)
    links = DataTextLinks(settings)
    for source in loaded.events:
        if source.model is None:
            continue
        event_zone = ZoneInfo(source.model.timezone) if source.model.timezone else zone
        errors += _missing_times(source, event_zone)
        if source.model.repeat is not None:
            errors += _series_dates(source, event_zone)
        errors += _image(source, "image", content)
        sessions = [("sessions", index, "description") for index in range(len(source.model.sessions))]
        errors += markdown_problems(source, [("description",), *sessions], render, links)
    for source in loaded.pepites:
        if source.model is not None:
            errors += _image(source, "photo", content)
            errors += markdown_problems(source, [("bio",)], render, links)
    offers = [("offers", index, "description") for index in range(len(getattr(loaded.venue, "offers", [])))]
    errors += markdown_problems(loaded.venue_source, [("description",), *offers], render, links)
    slugs = Slugs(settings.get("SLUG_REGEX_SUBSTITUTIONS") or [])
    errors += categories(loaded.events, slugs)
    errors += categories(loaded.pepites, slugs, "kind")
    errors += same_names(loaded.pepites) + network_names(loaded.network, loaded.venue_source)
    errors += same_events(loaded.events, slugs)
    errors += check_publishing(settings)  # production settings only (publishing.py)
    return errors


def _missing_times(source: Source, zone: tzinfo) -> list[DataError]:
    model, document = source.model, source.document
    checks = [(("start",), model.start), (("end",), model.end)]
    raw_moved = ((document.data.get("repeat") or {}).get("moved") or {}) if isinstance(document.data, dict) else {}
    if model.repeat is not None and isinstance(raw_moved, dict):
        for key in raw_moved:
            target = model.repeat.moved.get(_date_or_none(key))
            checks.append((("repeat", "moved", key), target))
    for index, session in enumerate(model.sessions or []):  # a session's times too, on its event's day
        checks += zip(
            (("sessions", index, "start"), ("sessions", index, "end")), session_bounds(model, session), strict=True
        )
    errors = []
    for loc, value in checks:
        after = missing_time(value, zone)
        if after is not None:
            name = {"repeat": "moved", "sessions": loc[-1]}.get(loc[0], loc[0])
            errors.append(
                DataError(
                    source.display,
                    document.line_of(loc),
                    missing_time_message(name, value, after, zone),
                )
            )
    return errors


def _date_or_none(text) -> date | None:
    try:
        return parse_date(text)
    except PydanticCustomError:
        return None


# The dates of a series are computed up to this long after the last date an
# editor names, to find the next date of the series (a yearly series every
# 1 000 years being the extreme case that count/interval bounds allow).
_LOOK_AHEAD = timedelta(days=400)


def _series_dates(source: Source, zone: tzinfo) -> list[DataError]:
    """Check a series against its own dates: its first date, a date at a time that does not exist, except:, moved:.

    RFC 5545 counts DTSTART as an occurrence even when it does not match
    the rule, and clients disagree on it: the site and the feed could not
    show the same dates. An ``except`` or ``moved`` date that is not a date
    of the series would be silently ignored.
    """
    model, document = source.model, source.document
    repeat = model.repeat
    named = [
        *repeat.except_,
        *repeat.moved,
        *(when.date() if isinstance(when, datetime) else when for when in repeat.moved.values()),
    ]
    first_day = model.start.date() if isinstance(model.start, datetime) else model.start
    horizon = max([first_day, *named]) + _LOOK_AHEAD * repeat.interval
    starts = series_starts(model.start, repeat, min(horizon, date(2200, 12, 31)))
    errors = []
    dtstart = (
        model.start.replace(tzinfo=None) if isinstance(model.start, datetime) else datetime.combine(model.start, time())
    )
    if repeat.until is not None and repeat.until < first_day:
        message = f"'until' ({repeat.until.isoformat()}) est avant 'start' ({first_day.isoformat()}) : la série n'aurait aucune date"
        return [DataError(source.display, document.line_of(("repeat", "until")), message)]
    if not starts or starts[0] != dtstart:
        errors.append(
            DataError(
                source.display,
                document.line_of(("start",)),
                f"'start' ({long_date(first_day)}) n'est pas une date de sa règle 'repeat' : la série doit commencer "
                "par sa première date (un jour de 'byday')",
            )
        )
        return errors
    days = [start.date() for start in starts]
    known = set(days)
    errors += _series_missing_time(source, starts, zone)
    for index, day in enumerate(repeat.except_):
        if day not in known:
            errors.append(
                DataError(
                    source.display,
                    document.line_of(("repeat", "except", index)),
                    f"'except' : le {day.isoformat()} n'est pas une date de la série{_nearest(days, day)}",
                )
            )
    raw_moved = document.data["repeat"].get("moved") or {}
    cancelled = set(repeat.except_)
    targets: dict[date, date] = {}  # the day each date is moved to, and the first date moved there
    for key in raw_moved:
        day = _date_or_none(key)
        if day is None or day not in repeat.moved:
            continue
        line = document.line_of(("repeat", "moved", key))
        if day not in known:
            errors.append(
                DataError(
                    source.display,
                    line,
                    f"'moved' : le {day.isoformat()} n'est pas une date de la série{_nearest(days, day)}",
                )
            )
            continue
        if day in cancelled:  # both would be said, and the cancellation wins in the calendars
            errors.append(DataError(source.display, line, MOVED_AND_CANCELLED.format(day=day.isoformat())))
            continue
        target = repeat.moved[day]
        target_day = target.date() if isinstance(target, datetime) else target
        if isinstance(target, datetime) != isinstance(model.start, datetime):
            errors.append(DataError(source.display, line, moved_kind(model.start, day, target_day)))
            continue
        if moved_nowhere(starts[days.index(day)], target, zone):
            errors.append(DataError(source.display, line, MOVED_NOWHERE.format(day=day.isoformat())))
            continue
        if target_day in targets:  # two dates of the series would become one day, shown twice
            errors.append(
                DataError(
                    source.display,
                    line,
                    f"'moved' : le {targets[target_day].isoformat()} est déjà déplacé au {target_day.isoformat()} : "
                    "deux dates de la série ne peuvent pas aller au même jour ; choisissez un autre jour",
                )
            )
            continue
        targets[target_day] = day
        if target_day != day and target_day in known and target_day not in cancelled:
            errors.append(
                DataError(
                    source.display,
                    line,
                    f"'moved' : le {target_day.isoformat()} est déjà une date de la série : "
                    "annulez-la dans 'except', ou choisissez un autre jour",
                )
            )
    return errors


def _series_missing_time(source: Source, starts: list[datetime], zone: tzinfo) -> list[DataError]:
    """Refuse, at 'start', a series date whose local time the clocks skip (SPEC section 2), unless moved or cancelled.

    A calendar client would show it an hour later (RFC 5545 section 3.3.5), the site at the time written.
    """
    repeat = source.model.repeat
    found = [
        (start, missing_time(start, zone)) for start in starts if start.date() not in {*repeat.except_, *repeat.moved}
    ]
    start, after = next(((start, after) for start, after in found if after is not None), (None, None))
    if start is None:
        return []
    return [
        DataError(
            source.display,
            source.document.line_of(("start",)),
            f"'start' : la série tombe le {start:%Y-%m-%d} à {start:%H:%M}, heure qui n'existe pas en "
            f"{getattr(zone, 'key', zone)} (les horloges avancent d'une heure cette nuit-là) : déplacez cette date "
            f"dans 'moved' (par exemple « {start:%Y-%m-%d}: {after:%Y-%m-%d %H:%M} ») ou annulez-la dans 'except'",
        )
    ]


def _nearest(days: list[date], day: date) -> str:
    """Name the dates of the series just before and just after ``day``."""
    index = bisect.bisect_left(days, day)
    near = [days[i].isoformat() for i in (index - 1, index) if 0 <= i < len(days)]
    return f" (dates proches : {', '.join(near)})" if near else ""


def _image(source: Source, key: str, content: str) -> list[DataError]:
    """Refuse an image outside content/, or one that cannot be decoded safely."""
    path = getattr(source.model, key)
    if not path:
        return []
    line = source.document.line_of((key,))
    full = os.path.join(content, path)
    real = os.path.realpath(full)
    base = os.path.realpath(content)
    if os.path.isabs(path) or not real.startswith(base.rstrip(os.sep) + os.sep):
        relative = path.lstrip("/")  # « /images/… »: the path of the page's address, not of the file
        inside = os.path.realpath(os.path.join(content, relative)).startswith(base.rstrip(os.sep) + os.sep)
        if path.startswith("/") and inside and os.path.isfile(os.path.join(content, relative)):
            return [DataError(source.display, line, f"'{key}' : écrivez le chemin sans « / » devant : « {relative} »")]
        return [
            DataError(
                source.display,
                line,
                f"'{key}' : l'image « {path} » doit être sous {os.path.basename(base)}/ "
                "(par exemple images/events/photo.jpg)",
            )
        ]
    if not os.path.lexists(full):
        return []  # `invoke check` advises about a missing image; the page shows none
    if os.path.isdir(full) and not os.path.islink(full):  # refuse_path's advice (« sans .yaml ») is for data files
        problem = (
            f"c'est un dossier, pas une image : donnez le chemin d'un fichier image ({path.rstrip('/')}/photo.jpg)"
        )
    else:
        refusal = refuse_path(full, source.display, [content])
        problem = refusal.message if refusal is not None else image_problem(full)
    return [DataError(source.display, line, f"'{key}' : « {path} » : {problem}")] if problem else []
