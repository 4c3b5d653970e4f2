"""Series at a glance: a French sentence for every repeat rule the model accepts.

« tous les mardis de 14 h à 16 h, jusqu'au 29 juin 2027, sauf le
29 décembre 2026 », « le premier samedi du mois », « tous les quinze
jours, le jeudi ». The words follow RFC 5545's RRULE semantics (section
3.3.10) as dateutil expands them (recurrence.py): BYDAY without a rank in
a monthly or yearly rule means every such weekday; a monthly rule without
BYDAY repeats on the day of the month of ``start``; a yearly one on its
day and month.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from babel.dates import format_date

from .dates import LOCALE, clock, long_date, short_date
from .model.events import EventData, Freq
from .model.weekdays import ByDay, Weekday
from .recurrence import dates_after, duration

_NUMBERS = {2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six", 7: "sept", 8: "huit", 9: "neuf", 10: "dix"}
_RANKS = {1: "premier", 2: "deuxième", 3: "troisième", 4: "quatrième", 5: "cinquième"}
_FROM_END = {-1: "dernier", -2: "avant-dernier"}
FORTNIGHT = 2  # « tous les quinze jours », as French says every other week


def number(value: int) -> str:
    """Write a small count in words (« deux » … « dix »), larger ones in digits."""
    return _NUMBERS.get(value, str(value))


def plural(day: Weekday) -> str:
    """Return the French plural of a weekday: « mardis »."""
    return day.french + "s"


def join(items: list[str]) -> str:
    """Join French words: « a », « a et b », « a, b et c »."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def rank_word(rank: int) -> str:
    """Return a weekday's rank in a month in words: 1 → premier, -1 → dernier, -3 → troisième (counted from the end).

    Ranks from the end past -2 say « en partant de la fin » after the weekday (``ranked_day``).
    """
    if rank in _FROM_END:
        return _FROM_END[rank]
    return _RANKS.get(abs(rank), f"{abs(rank)}e")


def ranked_day(rank: int, weekday: str) -> str:
    """Say one ranked weekday with its article: « le premier mardi », « l'avant-dernier vendredi ».

    Past -2, the rank counts from the end after the weekday: « le cinquième lundi en partant de la fin »;
    « le » is elided before a vowel, as French writes it.
    """
    word = rank_word(rank)
    return _article(word) + f"{word} {weekday}" + (" en partant de la fin" if rank < min(_FROM_END) else "")


def _article(word: str) -> str:
    return "l'" if word[0] in "aeiouéèê" else "le "


def describe(event: EventData, brief: bool = False, zone: tzinfo | None = None) -> str:
    """Return how a series repeats, in French, without a capital: rule, hours, end, cancelled and moved dates.

    ``brief``: the rule and the hours only (« tous les mardis de 14 h à 16 h »),
    for a line of a list. Empty for an event that does not repeat. The
    hours are the event's own: when its ``timezone`` is not ``zone`` (the
    site's), they are labelled « (heure locale, America/Toronto) », as
    dates.format_local labels a date abroad (the Paris hours of a series
    abroad change with the two countries' clock changes).
    """
    repeat = event.repeat
    if repeat is None:
        return ""
    text = _rule(event)
    hours = _hours(event)
    if hours and event.timezone and not event.all_day and event.timezone != getattr(zone, "key", event.timezone):
        hours += f" (heure locale, {event.timezone})"
    if hours:
        text += f", {hours}" if "," in text else f" {hours}"
    if brief:
        return text.replace("\u00a0", " ")
    if repeat.until is not None:
        text += f", jusqu'au {short_date(repeat.until)}"
    elif repeat.count is not None:
        text += f", {repeat.count} fois" if repeat.count > 1 else ", une seule fois"
    if repeat.except_:
        days = sorted(repeat.except_)
        text += ", sauf " + join([f"le {short_date(day)}" for day in days])
    for planned, when in sorted(repeat.moved.items()):
        moved = when if isinstance(when, datetime) else None
        at = f" à {clock(moved)}" if moved is not None and not event.all_day else ""
        text += f" ; la date du {short_date(planned)} est déplacée au {long_date(when)}{at}"
    return text.replace("\u00a0", " ")


def series_text(event, brief: bool = False, *, zone: tzinfo | None = None) -> str:
    """Return how a published event (site.Event) repeats (``describe``): the templates' ``series`` filter.

    A function of the module, not a lambda: Pelican pickles its settings, filters included, into its cache.
    """
    return describe(event.data, brief, zone)


def _weekdays(event: EventData, days: list[ByDay]) -> list[Weekday]:
    if days:
        return sorted({day.weekday for day in days}, key=lambda day: day.index)
    start = event.start.date() if isinstance(event.start, datetime) else event.start
    return [Weekday.of(start)]


def _rule(event: EventData) -> str:
    repeat = event.repeat
    if repeat.freq is Freq.weekly or (repeat.freq is Freq.daily and repeat.byday):
        return _weekly(event)
    if repeat.freq is Freq.daily:
        return "tous les jours" if repeat.interval == 1 else f"tous les {number(repeat.interval)} jours"
    return _monthly_or_yearly(event)


def _weekly(event: EventData) -> str:
    """Say a weekly rule, or a daily one kept to some weekdays."""
    repeat = event.repeat
    interval, weekdays = repeat.interval, _weekdays(event, repeat.byday)
    if repeat.freq is Freq.daily and interval > 1:
        days = [f"un {day.french}" for day in weekdays]  # a day falls on one weekday: « un lundi ou un mercredi »
        return f"tous les {number(interval)} jours, s'ils tombent " + join(days).replace(" et ", " ou ")
    if interval == 1:
        return "tous les " + join([plural(day) for day in weekdays])
    every = "tous les quinze jours" if interval == FORTNIGHT else f"toutes les {number(interval)} semaines"
    return f"{every}, le " + join([day.french for day in weekdays])


def _monthly_or_yearly(event: EventData) -> str:
    repeat = event.repeat
    start = event.start.date() if isinstance(event.start, datetime) else event.start
    monthly = repeat.freq is Freq.monthly
    every = "" if repeat.interval == 1 else f", tous les {number(repeat.interval)} {'mois' if monthly else 'ans'}"
    ranked = [day for day in repeat.byday if day.rank is not None]
    plain = [day.weekday for day in repeat.byday if day.rank is None]
    if ranked:
        where = " du mois" if monthly else " de l'année"
        also = f", et tous les {join([plural(day) for day in plain])}" if plain else ""
        return _ranked(ranked) + where + every + also
    if plain:
        return "tous les " + join([plural(day) for day in plain]) + every
    day = "1er" if start.day == 1 else str(start.day)
    if monthly:
        return f"le {day} de chaque mois" if not every else f"le {day} du mois{every}"
    when = f"{day} {format_date(start, 'MMMM', locale=LOCALE)}"
    return f"chaque année, le {when}" if not every else f"le {when}{every}"


def _ranked(days: list[ByDay]) -> str:
    """Say ranked days: « le premier et le troisième mardi », « le premier mardi et le dernier vendredi »."""
    if len({day.weekday for day in days}) == 1 and all(day.rank >= min(_FROM_END) for day in days):
        ranks = sorted((day.rank for day in days), key=lambda rank: (rank < 0, abs(rank)))
        return join([_article(rank_word(rank)) + rank_word(rank) for rank in ranks]) + f" {days[0].weekday.french}"
    return join([ranked_day(day.rank, day.weekday.french) for day in days])


def _hours(event: EventData) -> str:
    """Return the hours of each date (« de 14 h à 16 h »), or its length in days for a series of several days."""
    length = duration(event)
    if event.all_day:
        days = length.days
        return f"(sur {number(days)} jours)" if days > 1 else ""
    start = event.start
    end = start + length
    if length >= timedelta(days=1):
        return f"à partir de {clock(start)}, pour {_length(length)}"
    return f"de {clock(start)} à {clock(end)}"


def _length(length: timedelta) -> str:
    hours = int(length.total_seconds() // 3600)
    return f"{hours} h" if hours else f"{int(length.total_seconds() // 60)} min"


def month_days(days: list, cancelled: set, moved: frozenset = frozenset(), times: dict | None = None) -> str:
    """Say the dates of a series in one month: « les 1er, 8, 15 (annulé), 22 et 29 juin »; ``days`` are dates.

    A date in ``moved`` (an occurrence moved off the rule's day) says, after
    its number, its weekday and its time when ``times`` gives it (a date to
    its local time, a ``time`` or a local ``datetime``): « les 4 (jeudi à
    14 h, déplacé), 9 et 16 mars ».
    """
    times = times or {}

    def word(day: date) -> str:
        number = "1er" if day.day == 1 else str(day.day)
        if day in cancelled:
            return f"{number} (annulé)"
        if day in moved:
            at = f" à {clock(times[day])}" if day in times else ""
            return f"{number} ({Weekday.of(day).french}{at}, déplacé)"
        return number

    words = [word(day) for day in days]
    month = format_date(days[0], "MMMM", locale=LOCALE)
    text = f"le {words[0]} {month}" if len(words) == 1 else f"les {join(words)} {month}"
    return text.replace("\u00a0", " ")


def occurrence_days(occurrences: list, event=None, *, zone) -> str:
    """Say the dates of a series' occurrences (recurrence.Occurrence) in one month, in ``zone`` (``month_days``).

    With its ``event`` (site.Event), a date of this month moved into another
    one is said too, so that it never vanishes silently from the month's
    programme: « les 17 et 24 mars ; la date du 31 mars 2027 est déplacée au
    vendredi 2 avril 2027 ».
    """

    def day(value):
        return value if not isinstance(value, datetime) else value.astimezone(zone).date()

    data = getattr(event, "data", None)
    own = ZoneInfo(data.timezone) if data is not None and data.timezone else zone  # the zone of the rule's hours

    def at(value) -> str:  # a moved date's own time: it may differ from the series' hours
        return f" à {clock(value.astimezone(own))}" if isinstance(value, datetime) else ""

    text = month_days(
        [day(item.start) for item in occurrences],
        {day(item.start) for item in occurrences if item.cancelled},
        frozenset(day(item.start) for item in occurrences if item.moved),
        {day(item.start): item.start.astimezone(own) for item in occurrences if isinstance(item.start, datetime)},
    )
    month = day(occurrences[0].start).replace(day=1)
    for item in getattr(event, "occurrences", []):
        planned, now = day(item.original), day(item.start)
        if item.moved and planned.replace(day=1) == month and now.replace(day=1) != month:
            moved = f" ; la date du {short_date(planned)} est déplacée au {long_date(now)}{at(item.start)}"
            text += moved.replace("\u00a0", " ")
    return text


def more_dates(occurrences: list, shown: int, event=None, *, zone) -> str:
    """Say what a list of a series' next dates cut after ``shown`` items leaves out (``more_dates``).

    « et 4 autres dates jusqu'au jeudi 29 avril 2027 » (the last one's day
    in ``zone``, the site's time zone); « et une autre date, le … » for
    one; empty when nothing is left out. With its ``event`` (site.Event),
    the dates past the site's horizon count too (recurrence.dates_after),
    and a series without an end says « et les dates suivantes : la série
    n'a pas de date de fin ».
    """

    def day(value) -> date:
        return value if not isinstance(value, datetime) else value.astimezone(zone).date()

    left = max(len(occurrences) - shown, 0)
    last = day(occurrences[-1].start) if left else None
    if event is not None and event.occurrences:
        later = dates_after(event.data, max(day(item.original) for item in event.occurrences))
        if later is None:
            return "et les dates suivantes : la série n'a pas de date de fin"
        left, last = left + later[0], later[1] or last
    if left <= 0:
        return ""
    if left == 1:
        return f"et une autre date, le {long_date(last)}"
    return f"et {left} autres dates jusqu'au {long_date(last)}"
