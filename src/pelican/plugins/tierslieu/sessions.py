"""Published sessions: the programme of an event, with their times, anchors, pépites and calendar identity.

What an editor writes is model.events.SessionData; a Session here knows its
event, its local times in the event's time zone, its place on the page (an
anchor) and its UID: ``<event uid part>--<session id>@<site domain>``
(SPEC section 2), stable across edits of its title or time when ``id:`` is
given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from markupsafe import Markup

from .deletions import removed_sessions
from .model.events import SessionData, Status
from .model.sessions import session_bounds, session_id, several_days


@dataclass(eq=False)
class Session:
    """One session of an event's programme."""

    event: object
    """The site.Event it belongs to."""
    data: SessionData
    id: str
    uid: str
    start: datetime
    """Aware local start, in the event's time zone."""
    end: datetime
    """Aware end (exclusive, as DTEND)."""
    ics_url: str
    ics_save_as: str
    category_slug: str
    pepites: list = field(default_factory=list)
    removed: bool = False
    """True for a session deleted from the file lately, kept in the feeds as cancelled."""

    all_day = False

    @property
    def anchor(self) -> str:
        """Return the fragment of the session on its event's page (``#session-<id>``, without the ``#``)."""
        return f"session-{self.id}"

    @property
    def url(self) -> str:
        """Return the address of the session: its event's page and its anchor."""
        return f"{self.event.url}#{self.anchor}"

    @property
    def zone(self):
        """Return the time zone of the session (its event's)."""
        return self.event.zone

    @property
    def day(self) -> date:
        """Return the local day the session starts on."""
        return self.start.date()

    @property
    def status(self) -> Status:
        """Return the session's status: its own, unless its event is not confirmed.

        Cancelled when removed, when its event is cancelled or when it is
        cancelled itself; else a postponed or tentative event gives its
        status to all its sessions (they take place when it does).
        """
        event_status = self.event.data.status
        if self.removed or event_status.is_cancelled or self.data.status.is_cancelled:
            return Status.cancelled
        if event_status is not Status.confirmed:
            return event_status
        return self.data.status

    @property
    def cancelled(self) -> bool:
        """Tell whether the session will not take place."""
        return self.status.is_cancelled

    @property
    def category(self) -> str | None:
        """Return the session's category, else its event's."""
        return self.data.category or self.event.data.category

    @property
    def own_category(self) -> bool:
        """Tell whether the session's category differs from its event's (it then goes to that category's feed)."""
        return bool(self.data.category) and self.category_slug != self.event.category_slug

    @property
    def description_html(self) -> Markup:
        """Return the description as safe HTML."""
        return self.event.render(self.data.description)

    @property
    def last_day(self) -> date:
        """Return the local day the session ends on (as Occurrence.last_day)."""
        return self.end.date()


def make_sessions(event, sessions: list[SessionData], slugs, pepites: dict, removed: bool = False) -> list[Session]:
    """Return the sessions of ``event`` (site.Event), in time order (start, end, title).

    ``slugs`` turns a category into its address part (spellings.Slugs);
    ``pepites`` maps slugs to site.Pepite.
    """
    folder = event.ics_save_as.rsplit("/", 1)[0] + "/" if "/" in event.ics_save_as else ""
    url_folder = event.ics_url.rsplit("/", 1)[0] + "/" if "/" in event.ics_url else ""
    identity, domain = event.uid.rsplit("@", 1)
    result = []
    for data in sessions:
        start, end = session_bounds(event.data, data)
        identifier = session_id(event.data, data)
        name = f"{event.slug}--{identifier}.ics"
        result.append(
            Session(
                event=event,
                data=data,
                id=identifier,
                uid=f"{identity}--{identifier}@{domain}",
                start=_aware(start, event.zone),
                end=_aware(end, event.zone),
                ics_url=url_folder + name,
                ics_save_as=folder + name,
                category_slug=slugs(data.category) if data.category else event.category_slug,
                pepites=[pepites[slug] for slug in data.pepites if slug in pepites],
                removed=removed,
            )
        )
    result.sort(key=lambda session: (session.start, session.end, session.data.title))
    return result


def _aware(value: datetime, zone) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def attach_sessions(site, slugs, folder: str) -> None:
    """Give every event (and lately deleted event) its sessions, and every pépite the sessions it leads.

    ``folder`` holds the event files: sessions removed from them lately are
    kept as cancelled (deletions.removed_sessions).
    """
    by_slug = {pepite.slug: pepite for pepite in site.pepites}
    for event in site.events:
        event.sessions = make_sessions(event, event.data.sessions, slugs, by_slug)
        for session in event.sessions:
            for pepite in session.pepites:
                pepite.sessions.append(session)
    for event in site.removed:
        event.sessions = make_sessions(event, event.data.sessions, slugs, by_slug, removed=True)
    removed_sessions(site, folder)
    for pepite in site.pepites:
        pepite.sessions.sort(key=lambda session: (session.start, session.data.title))


def by_day(sessions: list[Session]) -> list[tuple[date, list[Session]]]:
    """Group sessions by their local day, in time order."""
    days: dict[date, list[Session]] = {}
    for session in sessions:
        days.setdefault(session.day, []).append(session)
    return sorted(days.items())


SLOT_MINUTES = 5
"""Rows of the timetable grid on wide screens: one per five minutes (talks start at 12:30, 12:50…)."""


@dataclass
class TimetableDay:
    """One day of an event's programme as the page lays it out.

    ``places`` are the grid's columns (sessions without a place share the
    first, unnamed one); ``cells`` pairs each session, in time order (the
    order of the page, for screen readers and the keyboard), with its grid
    column and its first and last-plus-one rows.
    """

    day: date
    places: list[str]
    cells: list[tuple[Session, int, int, int]]
    heading: bool
    """Whether the page names the day (an event of several days)."""


def timetable(event) -> list[TimetableDay]:
    """Return an event's programme by day, with each session's place in a grid of places × SLOT_MINUTES rows."""
    result = []
    days = by_day(event.sessions)
    heading = len(days) > 1 or several_days(event.data)
    for day, items in days:
        columns = places(items)
        first = min(item.start for item in items)
        cells = []
        for item in items:
            top = int((item.start - first).total_seconds() // (SLOT_MINUTES * 60))
            bottom = max(top + 1, -int(-(item.end - first).total_seconds() // (SLOT_MINUTES * 60)))
            cells.append((item, columns.index(item.data.place or "") + 1, top + 2, bottom + 2))
        result.append(TimetableDay(day, columns, cells, heading))
    return result


def places(sessions: list[Session]) -> list[str]:
    """Return the places of a day's sessions, in order of first use ("" for sessions without one)."""
    seen: dict[str, None] = {}
    for session in sessions:
        seen.setdefault(session.data.place or "", None)
    return list(seen)
