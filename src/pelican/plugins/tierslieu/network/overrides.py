"""What a feed's series carry that the expander would read silently: EXRULE, and two overrides of one date.

recurring-ical-events ignores EXRULE (deprecated, RFC 5545 appendix A.3),
so every date of such a series is shown and a note says so. Of two
overrides of one date (same UID and RECURRENCE-ID, one cancelled and one
moved, say), it keeps the higher SEQUENCE and, on a tie, the first
written; the latest revision is the one to keep (RFC 5545 section
3.8.7.4: SEQUENCE, then DTSTAMP, section 3.8.7.2, and LAST-MODIFIED,
section 3.8.7.3), so the others are taken out of the calendar here, and
counted.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

_EARLIEST = datetime.min.replace(tzinfo=UTC)


def exrule_note(calendar) -> list[str]:
    """Return the French note about the VEVENTs of ``calendar`` that have an EXRULE, or [] when none has.

    « 1 événement a une règle d'exclusion EXRULE, abandonnée par la RFC
    5545 : ignorée, toutes ses dates sont montrées ».
    """
    count = sum(1 for event in calendar.walk("VEVENT") if "EXRULE" in event)
    if not count:
        return []
    if count == 1:
        return [
            "1 événement a une règle d'exclusion EXRULE, abandonnée par la RFC 5545 : ignorée, toutes ses dates sont montrées"
        ]
    return [
        (
            f"{count} événements ont une règle d'exclusion EXRULE, abandonnée par la RFC 5545 : "
            "ignorée, toutes leurs dates sont montrées"
        )
    ]


def drop_duplicate_overrides(calendar) -> list[str]:
    """Take out of ``calendar`` all but the latest of the overrides of one date; return the French note, or [].

    Overrides of one date share UID and RECURRENCE-ID (compared as UTC
    instants, or as dates). The latest has the highest SEQUENCE, then the
    latest DTSTAMP or LAST-MODIFIED; on a full tie the first written stays.
    « 1 modification en double d'une même date (même UID et RECURRENCE-ID)
    laissée de côté : la plus récente (SEQUENCE, puis DTSTAMP) est montrée ».
    """
    kept: dict[tuple, object] = {}
    dropped = []
    for event in calendar.walk("VEVENT"):
        key = _key(event)
        if key is None:
            continue
        other = kept.get(key)
        if other is None:
            kept[key] = event
            continue
        newer = _revision(event) > _revision(other)
        dropped.append(other if newer else event)
        if newer:
            kept[key] = event
    for event in dropped:
        calendar.subcomponents.remove(event)
    if not dropped:
        return []
    count = len(dropped)
    plural = "s" if count > 1 else ""
    return [
        (
            f"{count} modification{plural} en double d'une même date (même UID et RECURRENCE-ID) laissée{plural} "
            "de côté : la plus récente (SEQUENCE, puis DTSTAMP) est montrée"
        )
    ]


def _key(event) -> tuple | None:
    """Return (UID, RECURRENCE-ID as a UTC instant or a date) of an override, None for a master or an unreadable one."""
    uid = str(event.get("UID") or "").strip()
    recurrence = event.get("RECURRENCE-ID")
    if not uid or recurrence is None or isinstance(recurrence, list):
        return None
    try:
        moment = recurrence.dt
    except Exception:  # noqa: BLE001 - untrusted input: an unreadable RECURRENCE-ID is left to the expander
        return None
    if isinstance(moment, datetime):
        return (uid, moment.astimezone(UTC) if moment.tzinfo else moment)
    return (uid, moment) if isinstance(moment, date) else None


def _revision(event) -> tuple[int, datetime]:
    """Return (SEQUENCE, latest of DTSTAMP and LAST-MODIFIED in UTC) of a VEVENT; 0 and the earliest time when unreadable."""
    try:
        sequence = int(str(event.get("SEQUENCE", 0)).strip())
    except ValueError:
        sequence = 0
    stamps = [_EARLIEST]
    for name in ("DTSTAMP", "LAST-MODIFIED"):
        try:
            value = event.get(name).dt
        except Exception:  # noqa: BLE001 - untrusted input: a missing or unreadable stamp does not count
            continue
        if isinstance(value, datetime):
            stamps.append(value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC))
    return (sequence, max(stamps))
