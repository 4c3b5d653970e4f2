"""Keep a fault of one VEVENT to that VEVENT: what icalendar reads silently otherwise than written is marked, told, or left out.

icalendar reads a rule that is not an RFC 5545 recur value
(``RRULE:W1 TH #4``, vCalendar 1.0) as an empty rule, so the series would
show its first date only; it keeps the last of two ``COUNT`` (section
3.3.10: each part at most once) and the last of two TZID parameters
(section 3.2: a parameter at most once). ``marked`` reads the unfolded
lines of the feed before icalendar does and adds to the VEVENT a line
X-TIERSLIEU-FAULT (the VEVENT is then left out, network/screening.py) or
X-TIERSLIEU-TZIDS (told by ``tzid_notes``). A SEQUENCE that is not an
integer 0 … 2³¹-1 (section 3.8.7.4) is ignored and told
(``sequence_notes``). A series whose expansion raises is left out alone,
told, the others shown (``expand_apart``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import quote, unquote

from icalendar import Calendar, vRecur

from .series import occurrences

FAULT = "X-TIERSLIEU-FAULT"
"""Property added to a VEVENT whose RRULE is not a recur value: its value is the reason (« RRULE illisible »)."""
ZONES = "X-TIERSLIEU-TZIDS"
"""Property added to a VEVENT with a property of two TZID: the property's name, then the zones (percent-quoted)."""
MAX_SEQUENCE = 2**31 - 1
"""Highest SEQUENCE read (RFC 5545 section 3.8.7.4 says an integer, icalendar and most readers keep 32 bits)."""
_FREQUENCIES = {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
_LINE = re.compile(r'^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$')
_PARAMETER = re.compile(r';([A-Za-z0-9-]+)=((?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)')
_OURS = ("X-TIERSLIEU-",)


def marked(text: str) -> str:
    """Return the unfolded ``text`` of a feed with X-TIERSLIEU-FAULT and X-TIERSLIEU-TZIDS lines added (see the module).

    Such lines written by the feed itself are taken out first.
    """
    lines, depth = [], 0
    for line in text.splitlines(keepends=True):
        bare = line.rstrip("\r\n")
        ending = line[len(bare) :] or "\r\n"
        match = _LINE.match(bare)
        if match and match.group(1).upper().startswith(_OURS):
            continue
        lines.append(line)
        upper = bare.strip().upper()
        depth += (upper == "BEGIN:VEVENT") - (upper == "END:VEVENT")
        if not match or depth <= 0:
            continue
        name = match.group(1).upper()
        if name == "RRULE" and not recur_value(match.group(3)):
            lines.append(f"{FAULT}:RRULE illisible{ending}")
        zones = [unquote_value(value) for key, value in _PARAMETER.findall(match.group(2)) if key.upper() == "TZID"]
        if len(zones) > 1:
            lines.append(f"{ZONES}:{name} {' '.join(quote(zone, safe='/') for zone in zones)}{ending}")
    return "".join(lines)


def unquote_value(value: str) -> str:
    return value[1:-1] if len(value) > 1 and value.startswith('"') and value.endswith('"') else value


def recur_value(value: str) -> bool:
    """Tell whether ``value`` is a recur value of RFC 5545 section 3.3.10 that icalendar reads whole.

    Each part is NAME=VALUE, no NAME twice, FREQ one of the seven
    frequencies (a last empty part, « FREQ=DAILY; », is let be), and
    icalendar's vRecur keeps every part (it drops what it cannot read).
    """
    parts = value.strip().split(";")
    if parts and not parts[-1].strip():
        parts.pop()
    names = []
    for part in parts:
        name, equal, rest = part.partition("=")
        if not equal or not name.strip() or not rest.strip():
            return False
        names.append(name.strip().upper())
    if len(set(names)) != len(names) or "FREQ" not in names:
        return False
    frequency = parts[names.index("FREQ")].partition("=")[2].strip().upper()
    try:
        read = vRecur.from_ical(value.strip().rstrip(";"))
    except Exception:  # noqa: BLE001 - untrusted input: a rule icalendar cannot read is not a recur value
        return False
    return frequency in _FREQUENCIES and {str(key).upper() for key in read} == set(names)


def sequence_notes(calendar, title) -> list[str]:
    """Take out of the VEVENTs of ``calendar`` each SEQUENCE that is not one integer 0 … MAX_SEQUENCE; return the notes.

    Note: « « Titre » : SEQUENCE illisible : ignorée » (``title`` gives a
    VEVENT's title). The event is kept, read as of SEQUENCE 0 (RFC 5545
    section 3.8.7.4: the default).
    """
    notes = []
    for event in calendar.walk("VEVENT"):
        if "SEQUENCE" not in event:
            continue
        value = event["SEQUENCE"]
        if not (isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_SEQUENCE):
            del event["SEQUENCE"]
            notes.append(f"« {title(event)} » : SEQUENCE illisible : ignorée")
    return notes


def tzid_notes(calendar, title) -> list[str]:
    """Return the notes of the properties with two TZID (marked), and take their marks out.

    Note: « « Titre » : deux TZID sur DTSTART (America/New_York,
    Europe/Paris) : heures lues dans le dernier (Europe/Paris) », as
    icalendar reads it (RFC 5545 section 3.2 allows a parameter once).
    """
    notes = []
    for event in calendar.walk("VEVENT"):
        found = event.get(ZONES)
        for mark in found if isinstance(found, list) else [found] * (found is not None):
            name, *zones = str(mark).split()
            shown = [unquote(zone)[:60] for zone in zones]
            notes.append(
                f"« {title(event)} » : deux TZID sur {name} ({', '.join(shown)}) : heures lues dans le dernier ({shown[-1]})"
            )
        event.pop(ZONES, None)
    return notes


def expand_apart(calendar, since, until, title) -> tuple[list, list[str]]:
    """Return the occurrences of ``calendar`` between ``since`` and ``until`` and the notes of the series left out.

    The feed is expanded at once (series.occurrences); should that raise,
    each UID (a series with its overrides) is expanded alone, and one
    that raises is left out: « « Titre » : série ou date illisible : non
    affiché ». ``title`` gives a VEVENT's title.
    """
    try:
        return occurrences(calendar, since, until), []
    except Exception:  # noqa: BLE001 - untrusted input: the faulty series is looked for below
        pass
    groups: dict[str, list] = defaultdict(list)
    for component in calendar.subcomponents:
        if component.name == "VEVENT":
            groups[str(component.get("UID") or "")].append(component)
    others = [component for component in calendar.subcomponents if component.name != "VEVENT"]
    found, notes = [], []
    for events in groups.values():
        alone = Calendar()
        alone.subcomponents = others + events
        try:
            found += occurrences(alone, since, until)
        except Exception:  # noqa: BLE001 - untrusted input: this series alone is left out
            master = next((event for event in events if "RECURRENCE-ID" not in event), events[0])
            notes.append(f"« {title(master)} » : série ou date illisible : non affiché")
    return found, notes
