"""The dates of articles and pages in the site's time zone, as Pelican reads them."""

from __future__ import annotations

from pelican.utils import SafeDatetime


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
