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


def agenda_pages(site: SiteData) -> list[Page]:
    """Return the month grids, category pages, printable programmes and the embeddable agenda."""
    urls = site.urls
    upcoming = site.upcoming_occurrences()
    pages = []
    months = month_range(site)
    for index, month in enumerate(months):
        in_month = [pair for pair in upcoming if local_day(pair[0], site).replace(day=1) == month]
        grid, programme = urls.month(month), urls.programme(month)
        context = {
            "programme_url": programme.url if index < PROGRAMME_MONTHS else None,
            "month": month,
            "weekdays": list(Weekday),
            "weeks": month_grid(month, in_month, site),
            "occurrences": in_month,
            "previous_month": _month_link(months, index - 1, urls),
            "next_month": _month_link(months, index + 1, urls),
        }
        pages.append(Page(grid.save_as, grid.url, "agenda_month", context))
        pages.append(Page(programme.save_as, programme.url, "programme", {"month": month, "occurrences": in_month}))
    for item in categories(site):
        in_category = [pair for pair in upcoming if pair[1].category_slug == item["slug"]]
        page = urls.category(item["slug"])
        context = {
            "category": item["name"],
            "category_slug": item["slug"],
            "occurrences": in_category,
            "category_ics": urls.category_ics(item["slug"]).save_as,
        }
        pages.append(Page(page.save_as, page.url, "agenda_category", context))
    embed = urls.page("agenda_embed")
    pages.append(Page(embed.save_as, embed.url, "agenda_embed", {"occurrences": upcoming[:20], "noindex": True}))
    return pages


def _month_link(months: list[date], index: int, urls) -> dict | None:
    if 0 <= index < len(months):
        return {"month": months[index], "url": urls.month(months[index]).url}
    return None


def categories(site: SiteData) -> list[dict]:
    """Return the categories of the events (slug, name as written, page address), by slug."""
    names = sorted({(event.category_slug, event.data.category) for event in site.events if event.category_slug})
    return [{"slug": slug, "name": name, "url": site.urls.category(slug).url} for slug, name in names]
