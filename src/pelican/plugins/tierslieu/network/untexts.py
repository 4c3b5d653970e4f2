"""Take out of a feed's VEVENTs the texts that are not text, before anything reads them (network/screening.py).

RFC 5545 sections 3.8.1 to 3.8.4: SUMMARY, DESCRIPTION, LOCATION, STATUS
and UID are TEXT, URL a URI, each at most once in a VEVENT; VALUE=BINARY
(base64) is for ATTACH only (sections 3.2.7, 3.3.1). icalendar reads
``SUMMARY;ENCODING=BASE64;VALUE=BINARY:…`` as a ``vBinary`` and a
repeated property as a list, whose ``str()`` is Python's repr
(« vBinary(b'…') »): such a property is taken out, as if absent (a
SUMMARY gives the « Sans titre » placeholder), never decoded (untrusted).
"""

from __future__ import annotations

from datetime import date, datetime

from .text import plain_text

TEXTS = ("SUMMARY", "DESCRIPTION", "LOCATION", "URL", "UID", "STATUS")
"""Every text the network reads from a VEVENT (CLASS apart: a value not read as PUBLIC already hides the VEVENT)."""
UNTITLED = "Sans titre"
"""The title shown for a VEVENT without a SUMMARY that reads as text."""


def drop_untexts(calendar, title_chars: int) -> list[str]:
    """Take out of each VEVENT of ``calendar`` the TEXTS properties that are not one text; return the French notes.

    One note per VEVENT: « « Concert » : SUMMARY en binaire (ENCODING=BASE64)
    : non lu », « … : DESCRIPTION en double : non lu »; a VEVENT left
    untitled is named « Sans titre » followed by its start date when it has one.
    """
    notes = []
    for event in calendar.walk("VEVENT"):
        faults = [(name, _fault(event[name])) for name in TEXTS if name in event and _fault(event[name])]
        if not faults:
            continue
        for name, _ in faults:
            del event[name]
        said = ", ".join(f"{name} {why}" for name, why in faults)
        unread = "non lus" if len(faults) > 1 else "non lu"
        notes.append(f"{event_name(event, title_chars)} : {said} : {unread}")
    return notes


def event_name(event, title_chars: int) -> str:
    """Name a VEVENT for a note: « « Concert » », or « « Sans titre » du 12/01/2027 » when it has no title."""
    title = plain_text(event.get("SUMMARY"), title_chars, one_line=True) if is_text(event.get("SUMMARY")) else ""
    if title:
        return f"« {title} »"
    try:
        start = event["DTSTART"].dt
    except Exception:  # noqa: BLE001 - untrusted input: a VEVENT without a readable start is named by its title alone
        start = None
    when = f" du {start:%d/%m/%Y}" if isinstance(start, (date, datetime)) else ""
    return f"« {UNTITLED} »{when}"


def is_text(value) -> bool:
    """Tell whether a property's value is one text (icalendar's vText, vUri…: a ``str``), not a vBinary nor a list."""
    return isinstance(value, str)


def _fault(value) -> str:
    if isinstance(value, list):
        return "en double"
    if is_text(value):
        return ""
    if str(getattr(value, "params", {}).get("ENCODING", "")).upper() == "BASE64":
        return "en binaire (ENCODING=BASE64)"
    return "illisible"
