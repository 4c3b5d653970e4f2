"""The agenda as people read it: by month, as a month grid, by category, on paper, in an iframe."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from .dates import add_months
from .model.weekdays import Weekday
from .recurrence import Occurrence
from .site import Event, SiteData, local_days

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
    return local_days(occurrence, site.timezone)[0]


def last_local_day(occurrence: Occurrence, site: SiteData) -> date:
    """Return the last local day an occurrence touches (inclusive), in the site's time zone."""
    return local_days(occurrence, site.timezone)[1]


def months_covered(occurrence: Occurrence, site: SiteData) -> list[date]:
    """Return the months an occurrence covers (their first days, in order), in the site's time zone.

    A market from 30 January to 2 February covers January and February
    (SPEC section 3: a view grouped by month shows it in every month it covers).
    """
    first, last = local_days(occurrence, site.timezone)
    month, months = first.replace(day=1), []
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def by_month(
    pairs: list[Pair], site: SiteData, first: date, last: date, latest_first: bool = False
) -> list[tuple[date, list[Pair]]]:
    """Group occurrences under every month they cover, from the month of ``first`` to that of ``last``.

    Returns (first day of the month, pairs) in month order (the latest
    first when ``latest_first``); within a month the pairs keep the order
    they came in, each pair once. An occurrence that began before
    ``first``'s month is listed from that month on; one that runs on past
    ``last``'s month is listed up to it, or in its first month only when
    it starts later (the window bounds an exhibition of many years).
    """
    floor, ceiling = first.replace(day=1), last.replace(day=1)
    groups: dict[date, list[Pair]] = {}
    for pair in pairs:
        months = months_covered(pair[0], site)
        for month in months:
            if floor <= month <= max(ceiling, months[0]):
                groups.setdefault(month, []).append(pair)
    return sorted(groups.items(), key=lambda item: item[0], reverse=latest_first)


@dataclass
class SeriesLine:
    """The dates of one series in one month, shown as one line of a list (« tous les mardis », its dates)."""

    event: Event
    occurrences: list[Occurrence]


def group_series(pairs: list[Pair]) -> list[Pair | SeriesLine]:
    """Return a month's pairs with each series of several dates as one SeriesLine, where its first date was.

    SPEC section 3: lists and printable programmes may show one line per
    series and month; views by day show every occurrence.
    """
    counts: dict[str, int] = {}
    for _occurrence, event in pairs:
        counts[event.slug] = counts.get(event.slug, 0) + 1
    lines: dict[str, SeriesLine] = {}
    result: list[Pair | SeriesLine] = []
    for occurrence, event in pairs:
        if not event.is_series or counts[event.slug] < 2:  # noqa: PLR2004 - a single date is a plain line
            result.append((occurrence, event))
        elif event.slug in lines:
            lines[event.slug].occurrences.append(occurrence)
        else:
            lines[event.slug] = SeriesLine(event, [occurrence])
            result.append(lines[event.slug])
    return result


def upcoming_by_month(site: SiteData) -> list[tuple[date, list[Pair | SeriesLine]]]:
    """Return the upcoming occurrences by month, each series once per month, to the horizon (the agenda page)."""
    return [
        (month, group_series(pairs))
        for month, pairs in by_month(site.upcoming_occurrences(), site, site.today, site.horizon)
    ]


def past_by_month(site: SiteData) -> list[tuple[date, list[Pair]]]:
    """Return the occurrences of the last PAST_MONTHS months by month, the latest month first."""
    months = site.config.past_months
    return by_month(site.past_occurrences(months), site, add_months(site.today, -months), site.today, True)


def month_range(site: SiteData) -> list[date]:
    """Return the months the agenda has grid pages for: this one to the horizon."""
    first = site.today.replace(day=1)
    count = (site.horizon.year - first.year) * 12 + site.horizon.month - first.month + 1
    return [add_months(first, offset) for offset in range(count)]


def month_grid(month: date, pairs: list[Pair], site: SiteData) -> list[list[tuple[date, list[Pair]]]]:
    """Return the weeks of a month (Monday first), each day with the occurrences it holds.

    An occurrence is on every local day it covers (an all-day end is
    exclusive); days of the neighbouring months that complete the first and
    last weeks stay empty.
    """
    days: dict[date, list[Pair]] = {}
    for pair in pairs:
        day, last = local_days(pair[0], site.timezone)
        while day <= last:
            days.setdefault(day, []).append(pair)
            day += timedelta(days=1)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    return [[(day, days.get(day, []) if day.month == month.month else []) for day in week] for week in weeks]


def earlier_this_month(site: SiteData) -> list[Pair]:
    """Return the occurrences of this month that ended before today, in date order.

    The month grid is a view by day (SPEC section 3): the current month's
    grid shows its past days' events too, as every calendar's month view does;
    the lists under it show what is still to come.
    """
    first = site.today.replace(day=1)
    return [pair for pair in reversed(site.past_occurrences(1)) if last_local_day(pair[0], site) >= first]


def agenda_pages(site: SiteData) -> list[Page]:
    """Return the month grids, category pages, printable programmes and the embeddable agenda."""
    urls = site.urls
    upcoming = site.upcoming_occurrences()
    pages = []
    months = month_range(site)
    grouped = dict(by_month(upcoming, site, months[0], months[-1]))
    earlier = earlier_this_month(site)
    for index, month in enumerate(months):
        in_month = grouped.get(month, [])
        grid, programme = urls.month(month), urls.programme(month)
        context = {
            "programme_url": programme.url if index < PROGRAMME_MONTHS else None,
            "month": month,
            "weekdays": list(Weekday),
            "weeks": month_grid(month, earlier + in_month if index == 0 else in_month, site),
            "occurrences": in_month,
            "previous_month": _month_link(months, index - 1, urls),
            "next_month": _month_link(months, index + 1, urls),
        }
        pages.append(Page(grid.save_as, grid.url, "agenda_month", context))
        context = {"month": month, "occurrences": group_series(in_month)}
        pages.append(Page(programme.save_as, programme.url, "programme", context))
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
