"""The dates of articles and pages: refused unless ISO 8601 (``invoke check`` and the build), then in the site's time zone."""

from __future__ import annotations

import re

from pelican.utils import SafeDatetime, get_date

from .model.errors import DataError
from .model.fields import FIRST_YEAR, LAST_YEAR

# 2026-10-06, with a time (space or T), seconds, fractions and a UTC offset (Z, +02:00 or +0200) optional.
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


def to_site_timezone(instance) -> None:
    """Convert an article's or a page's ``Date:`` and ``Modified:`` to its time zone: the same moment, as shown.

    Pelican gives a date without an offset the time zone TIMEZONE
    (pelican.utils.set_date_tzinfo, the article's ``timezone``), but keeps
    one written with an offset or « Z » in that offset: « 2025-12-31T23:30:00Z »
    would be shown, filed (``{date:%Y}`` of ARTICLE_URL), dated in the feeds and
    the sitemap as 31 December, when in Paris it is 1 January 2026, 00:30.
    Events are shown in the site's time zone; articles are too. The date is
    kept a SafeDatetime (Pelican's, whose ``strftime`` reads non-ASCII formats).
    """
    timezone = getattr(instance, "timezone", None)
    if timezone is None:
        return
    for key in ("date", "modified"):
        value = getattr(instance, key, None)
        if value is None or value.tzinfo is None or value.tzinfo == timezone:
            continue
        moment = value.astimezone(timezone)
        local = SafeDatetime(*moment.timetuple()[:6], moment.microsecond, tzinfo=timezone)
        setattr(instance, key, local)
        if key in instance.metadata:
            instance.metadata[key] = local
        if hasattr(instance, f"locale_{key}"):  # as pelican.contents.Content.__init__ writes it
            setattr(instance, f"locale_{key}", local.strftime(instance.date_format))


def date_problems(metadata: dict[str, tuple[int, str]], display: str) -> list[DataError]:
    """Refuse a ``Date:`` or ``Modified:`` that is not ISO 8601 or whose year is not FIRST_YEAR to LAST_YEAR."""
    errors = []
    for key, header in (("date", "Date"), ("modified", "Modified")):
        if key in metadata and not _iso_date(metadata[key][1]):
            number, value = metadata[key]
            example = f"« {header}: 2026-11-24 10:00 »"
            errors.append(DataError(display, number, f"date illisible « {value} » : écrivez par exemple {example}"))
        elif key in metadata and not FIRST_YEAR <= int(metadata[key][1][:4]) <= LAST_YEAR:  # as data files (SPEC 2)
            number, value = metadata[key]
            message = f"date « {value} » hors limites : l'année doit être entre {FIRST_YEAR} et {LAST_YEAR}"
            errors.append(DataError(display, number, message))
    return errors


def _iso_date(value: str) -> bool:
    """Tell whether an article's date is ISO 8601 (``_ISO_DATE``) and exists (Pelican's ``get_date`` reads it).

    Pelican reads many forms through dateutil, and ``06/10/2026`` as 10 June:
    only the unambiguous ISO form is accepted, as in data files (SPEC section 2, "Dates and times").
    """
    if not _ISO_DATE.match(value):
        return False
    try:
        get_date(value).utcoffset()  # dateutil reads « +25:00 », which datetime refuses once it is used
    except (ValueError, OverflowError):
        return False
    return True
