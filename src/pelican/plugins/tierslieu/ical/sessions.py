"""Sessions in the calendar feeds: one VEVENT each, related to its event (RFC 5545 RELATED-TO;RELTYPE=PARENT).

Which feeds carry them is SPEC section 2: the event's own file, the
feeds of the pépites who lead them, and a category feed when a session's
category differs from its event's. The whole agenda keeps the event
alone, its DESCRIPTION listing the programme (``programme_text``).
"""

from __future__ import annotations

from icalendar import Event as VEvent

from pelican.plugins.tierslieu.dates import clock, long_date
from pelican.plugins.tierslieu.model.sessions import several_days
from pelican.plugins.tierslieu.sessions import Session, by_day

from .entries import timed_vevent
from .text import Text, categories
from .vevents import location_text, practical_lines


def session_components(session: Session, site) -> list[VEvent]:
    """Return the VEVENT of one session (a list, as event_components)."""
    event, data = session.event, session.data
    component = timed_vevent(event, session.uid, data.title, (session.start, session.end), session.status.ical)
    url = site.urls.absolute(session.url)
    component.add("URL", url)
    component.add("DESCRIPTION", Text(_description(session, url)))
    place = location_text(event, site)
    component.add("LOCATION", Text(f"{data.place}, {place}" if data.place else place))
    if session.category:
        component.add("CATEGORIES", categories([session.category]))
    component.add("RELATED-TO", event.uid, parameters={"RELTYPE": "PARENT"})
    return [component]


def _description(session: Session, url: str) -> str:
    data = session.data
    parts = [text for text in (session.event.render.text(data.description, url),) if text]
    if session.pepites:
        parts.append("Avec " + ", ".join(pepite.data.name for pepite in session.pepites))
    parts += practical_lines(data)
    parts.append(f"Programme de « {session.event.data.title} »")
    parts.append(url)
    return "\n\n".join(parts)


def programme_text(event) -> str:
    """Return an event's programme as plain text, one line per session, a heading per day for an event of several days.

    « 12 h 30 – 12 h 50 : L'Impact Score en 20 minutes (Salle du relais), avec Camille Morel »;
    empty for an event without sessions.
    """
    days = by_day(event.sessions)
    if not days:
        return ""
    lines = ["Programme :"]
    for day, sessions in days:
        if len(days) > 1 or several_days(event.data):
            lines.append(long_date(day).capitalize())
        lines += [_line(session) for session in sessions]
    return "\n".join(lines)


def _line(session: Session) -> str:
    data = session.data
    text = f"{clock(session.start)} – {clock(session.end)} : {data.title}"
    if data.place:
        text += f" ({data.place})"
    if session.pepites:
        text += ", avec " + ", ".join(pepite.data.name for pepite in session.pepites)
    if session.cancelled:
        text += " — annulé"
    return text.replace("\u00a0", " ")
