"""What reading a partner's feed gives, apart from the readers themselves.

The build imports this module whatever the venue; the readers
(reading.py: icalendar's recurrence libraries) only when a network venue
has a feed to read, so that a site without a network never loads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


class FeedError(ValueError):
    """A feed that is not a readable iCalendar calendar; ``reason`` is French, for editors."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class FeedItem:
    """One occurrence read from a feed: plain text, aware times (or dates for all-day), http(s) link or ''.

    ``end`` is exclusive (the day after the last one for all-day events,
    as in iCalendar); ``uid`` is the feed's UID ('' when it gave none);
    ``tentative`` is STATUS:TENTATIVE (RFC 5545 section 3.8.1.11);
    ``titled`` is false when the feed gave no title (``title`` is then
    « Sans titre »), so that untitled events are never merged by title.
    """

    uid: str
    title: str
    start: date | datetime
    end: date | datetime
    all_day: bool
    cancelled: bool
    description: str = ""
    location: str = ""
    url: str = ""
    tentative: bool = False
    titled: bool = True
