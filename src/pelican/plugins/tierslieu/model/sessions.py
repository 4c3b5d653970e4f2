"""Sessions: the programme of an event's day(s) (SPEC section 2, ``sessions:``).

A session's ``start`` and ``end`` are a time on the event's day (``12:30``)
or a date and time (for an event over several days). This module reads
those values and checks the rules a session has with its event: inside
the event, not in a series, one identifier each.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from typing import Annotated

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .errors import DataError
from .fields import DATETIME_PATTERN, SLUG_PATTERN, parse_text, parse_when
from .paths import suggested_slug
from .texts import hidden_character, short

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
DEFAULT_LENGTH = timedelta(hours=1)
"""How long a timed event without ``end`` lasts (as recurrence.DEFAULT_DURATION)."""


def parse_session_time(value) -> time | datetime:
    """Parse a session's ``start`` or ``end``: ``HH:MM`` (a time), or a date and time."""
    if isinstance(value, (time, datetime)):
        return value
    text = str(value).strip() if value is not None else ""
    match = _CLOCK.match(text)
    if match:
        return time(int(match.group(1)), int(match.group(2)))
    try:
        result = parse_when(text) if text else None
    except PydanticCustomError:
        result = None
    if not isinstance(result, datetime):
        raise PydanticCustomError(
            "session_time",
            "heure (HH:MM) ou date et heure (AAAA-MM-JJ HH:MM) attendue, reçu « {value} »",
            {"value": short(text)},
        )
    return result


def parse_session_id(value) -> str:
    """Accept a session's ``id``: lowercase ASCII letters, digits and hyphens, as a file name (fields.SLUG_PATTERN).

    Raises PydanticCustomError ``session_id``, told as an identifier (not a file name) with the one to write;
    ``hidden_character`` for a character shown as nothing (``texts.hidden_character``), named.
    """
    text = parse_text(value)
    hidden = hidden_character(text)
    if hidden:  # told by its name, not as « invalide » beside a value that looks right
        raise PydanticCustomError("hidden_character", hidden)
    if not re.fullmatch(SLUG_PATTERN, text):
        raise PydanticCustomError(
            "session_id",
            "identifiant « {value} » invalide (minuscules sans accents, chiffres et tirets) : par exemple « {slug} »",
            {"value": text, "slug": suggested_slug(text)},
        )
    return text


SessionId = Annotated[
    str, BeforeValidator(parse_session_id), WithJsonSchema({"type": "string", "pattern": f"^{SLUG_PATTERN}$"})
]
SessionTime = Annotated[
    time | datetime,
    BeforeValidator(parse_session_time),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^([01]?\d|2[0-3]):[0-5]\d$"},
                {"type": "string", "pattern": f"^{DATETIME_PATTERN}$"},
            ]
        }
    ),
]


def event_span(event) -> tuple[datetime, datetime]:
    """Return the local start and the exclusive end of an event (EventData), as datetimes.

    An all-day event runs from midnight of its first day to midnight after
    its last; a timed one without ``end`` lasts DEFAULT_LENGTH.
    """
    if not isinstance(event.start, datetime):
        last = event.end or event.start
        return datetime.combine(event.start, time()), datetime.combine(last + timedelta(days=1), time())
    return event.start, event.end or event.start + DEFAULT_LENGTH


def several_days(event) -> bool:
    """Tell whether an event (EventData) covers more than one local day."""
    start, end = event_span(event)
    return (end - timedelta(microseconds=1)).date() > start.date()


def session_bounds(event, session) -> tuple[datetime, datetime]:
    """Return a session's local start and end, times placed on the event's day (start's day for ``end``).

    Datetimes carry the event's UTC offset when the event's ``start`` has one.
    """
    first_day: date = event.start.date() if isinstance(event.start, datetime) else event.start
    zone = event.start.tzinfo if isinstance(event.start, datetime) else None
    start = session.start if isinstance(session.start, datetime) else datetime.combine(first_day, session.start)
    end = session.end if isinstance(session.end, datetime) else datetime.combine(start.date(), session.end)
    return _with_zone(start, zone), _with_zone(end, zone)


def _with_zone(value: datetime, zone) -> datetime:
    return value.replace(tzinfo=zone) if value.tzinfo is None and zone is not None else value


def session_id(event, session) -> str:
    """Return a session's identifier: its ``id``, else the slug of its title and its start (HHMM)."""
    if session.id:
        return session.id
    start, _end = session_bounds(event, session)
    # Not suggested_slug (Unidecode): the identifier must stay what earlier builds gave subscribers' calendars.
    folded = unicodedata.normalize("NFKD", session.title).encode("ascii", "ignore").decode().lower()
    return f"{re.sub(r'[^a-z0-9]+', '-', folded).strip('-') or 'nom'}-{start:%H%M}"


def check_sessions(event, document, display: str) -> list[DataError]:
    """Return the problems of an event's sessions: in a series, outside the event, a shared identifier.

    ``event`` is the validated EventData, ``document`` its YamlDocument
    (for lines), ``display`` the file as shown to editors.
    """
    if not event.sessions:
        return []
    if event.repeat is not None:
        message = "une série ('repeat') ne peut pas avoir de 'sessions' : faites un événement par date de programme"
        return [DataError(display, document.line_of(("sessions",)), message)]
    errors = []
    first, last = event_span(event)
    multi = several_days(event)
    seen: dict[str, int] = {}
    for index, session in enumerate(event.sessions):
        line = document.line_of(("sessions", index, "start"))
        if multi and not isinstance(session.start, datetime):
            errors.append(DataError(display, line, _multi_day(session)))
            continue
        try:
            start, end = session_bounds(event, session)
            outside = start < first or end > last
        except TypeError:  # one with a UTC offset, the other without
            errors.append(DataError(display, line, _offsets(session)))
            continue
        if outside:
            errors.append(DataError(display, line, _outside(session, start, end, first, last, multi)))
        if end <= start:
            end_line = document.line_of(("sessions", index, "end"))
            errors.append(DataError(display, end_line, _backwards(session, start, end)))
        identifier = session_id(event, session)
        id_line = document.line_of(("sessions", index, "id")) if session.id else line
        if identifier in seen:
            errors.append(DataError(display, id_line, _twice(session, identifier, seen[identifier])))
        else:
            seen[identifier] = id_line
    return errors


def _show(value: datetime, multi: bool) -> str:
    return value.strftime("%Y-%m-%d %H:%M" if multi else "%H:%M")


def _multi_day(session) -> str:
    return (
        f"session « {short(session.title)} » : l'événement dure plusieurs jours, donnez la date et l'heure "
        f"de 'start' (AAAA-MM-JJ {session.start:%H:%M})"
    )


def _offsets(session) -> str:
    return (
        f"session « {short(session.title)} » : ses heures et celles de l'événement doivent toutes avoir "
        "un décalage horaire, ou aucune"
    )


def _outside(session, start, end, first, last, multi) -> str:
    if first.time() == last.time() == time() and multi:  # an event of whole days: say its days
        span = f"du {first:%Y-%m-%d} au {last - timedelta(days=1):%Y-%m-%d}"
    elif first.time() == last.time() == time():
        span = f"le {first:%Y-%m-%d}"
    else:
        span = f"{_show(first, multi or first.date() != start.date())}–{_show(last, multi)}"
    return (
        f"session « {short(session.title)} » ({_show(start, multi)}–{_show(end, multi)}) hors de l'événement "
        f"({span}) : une session a lieu pendant son événement"
    )


def _backwards(session, start, end) -> str:
    return f"session « {short(session.title)} » : 'end' ({end:%H:%M}) doit être après 'start' ({start:%H:%M})"


def _twice(session, identifier: str, line: int) -> str:
    return (
        f"session « {short(session.title)} » : l'identifiant '{identifier}' est déjà celui de la session "
        f"de la ligne {line} : "
        + ("changez son 'id:'" if session.id else "donnez-lui un 'id:' à elle (minuscules, chiffres, tirets)")
    )
