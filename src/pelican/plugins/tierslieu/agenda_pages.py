"""The agenda as people read it: by month, as a month grid, by category, on paper, in an iframe."""

from __future__ import annotations

import calendar
import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta

from .model.weekdays import Weekday
from .recurrence import Occurrence
from .site import Event, SiteData, add_months

Pair = tuple[Occurrence, Event]
PROGRAMME_MONTHS = 3  # what a notice board needs: this month and the next two


@dataclass
class Page:
    """One page to write: where, with which template, and what it shows."""

    save_as: str
    url: str
    template: str
    context: dict = field(default_factory=dict)


def local_day(occurrence: Occurrence, site: SiteData) -> date:
    """Return the local day an occurrence starts on, in the site's time zone."""
    if occurrence.all_day:
        return occurrence.start
    return occurrence.start.astimezone(site.timezone).date()


def by_month(pairs: list[Pair], site: SiteData) -> list[tuple[date, list[Pair]]]:
    """Group occurrences by the month they start in (first day of month, items)."""
    keyed = itertools.groupby(pairs, key=lambda pair: local_day(pair[0], site).replace(day=1))
    return [(month, list(items)) for month, items in keyed]


def month_range(site: SiteData) -> list[date]:
    """Return the months the agenda has grid pages for: this one to the horizon."""
    first = site.today.replace(day=1)
    count = (site.horizon.year - first.year) * 12 + site.horizon.month - first.month + 1
    return [add_months(first, offset) for offset in range(count)]


def month_grid(month: date, pairs: list[Pair], site: SiteData) -> list[list[tuple[date, list[Pair]]]]:
    """Return the weeks of a month (Monday first), each day with the occurrences it holds."""
    days: dict[date, list[Pair]] = {}
    for pair in pairs:
        first, last = local_day(pair[0], site), last_local_day(pair[0], site)
        day = first
        while day <= last:
            days.setdefault(day, []).append(pair)
            day += timedelta(days=1)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    return [[(day, days.get(day, []) if day.month == month.month else []) for day in week] for week in weeks]


def last_local_day(occurrence: Occurrence, site: SiteData) -> date:
    """Return the last local day an occurrence touches (inclusive), in the site's time zone."""
    if occurrence.all_day:
        return occurrence.last_day
    end = occurrence.end.astimezone(site.timezone)
    start = occurrence.start.astimezone(site.timezone)
    return max(start.date(), (end - timedelta(microseconds=1)).date())


def agenda_pages(site: SiteData, settings: dict) -> list[Page]:
    """Return the month grids, category pages, printable programmes and the embeddable agenda."""
    upcoming = site.upcoming_occurrences()
    pages = []
    months = month_range(site)
    for index, month in enumerate(months):
        in_month = [pair for pair in upcoming if local_day(pair[0], site).replace(day=1) == month]
        url = settings["AGENDA_MONTH_URL"].format(date=month)
        programme = settings["PROGRAMME_URL"].format(date=month) if index < PROGRAMME_MONTHS else None
        context = {
            "programme_url": programme,
            "month": month,
            "weekdays": list(Weekday),
            "weeks": month_grid(month, in_month, site),
            "occurrences": in_month,
            "previous_month": _month_link(months, index - 1, settings),
            "next_month": _month_link(months, index + 1, settings),
        }
        pages.append(Page(settings["AGENDA_MONTH_SAVE_AS"].format(date=month), url, "agenda_month", context))
        pages.append(Page(settings["PROGRAMME_SAVE_AS"].format(date=month), settings["PROGRAMME_URL"].format(date=month),
                              "programme", {"month": month, "occurrences": in_month}))
    for slug, name in sorted({(event.category_slug, event.data.category) for event in site.events if event.category_slug}):
        in_category = [pair for pair in upcoming if pair[1].category_slug == slug]
        pages.append(Page(settings["AGENDA_CATEGORY_SAVE_AS"].format(slug=slug), settings["AGENDA_CATEGORY_URL"].format(slug=slug),
                          "agenda_category", {"category": name, "category_slug": slug, "occurrences": in_category,
                                              "category_ics": settings["CATEGORY_ICS_SAVE_AS"].format(slug=slug)}))
    pages.append(Page(settings["AGENDA_EMBED_SAVE_AS"], settings["AGENDA_EMBED_URL"], "agenda_embed",
                      {"occurrences": upcoming[:20], "noindex": True}))
    return pages


def _month_link(months: list[date], index: int, settings: dict) -> dict | None:
    if 0 <= index < len(months):
        return {"month": months[index], "url": settings["AGENDA_MONTH_URL"].format(date=months[index])}
    return None


def categories(site: SiteData, settings: dict) -> list[dict]:
    """Return the categories of upcoming events, with their page addresses."""
    names = sorted({(event.category_slug, event.data.category) for event in site.events if event.category_slug})
    return [{"slug": slug, "name": name, "url": settings["AGENDA_CATEGORY_URL"].format(slug=slug)} for slug, name in names]
