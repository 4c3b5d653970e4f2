"""Default settings of the plugin, and checks on the settings an editor gave."""

from __future__ import annotations

import difflib
import logging
import os
from datetime import UTC, date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

logger = logging.getLogger(__name__)

# URL and file names follow Pelican's own families (ARTICLE_URL / ARTICLE_SAVE_AS).
DEFAULTS = {
    "DATA_PATH": "data",
    "SETTINGS_DIR": None,
    "TIERSLIEU_BUILD_DATE": None,
    "TIERSLIEU_CALENDAR_REFRESH": "PT6H",
    "TIERSLIEU_UPCOMING_MONTHS": 12,
    "TIERSLIEU_PAST_MONTHS": 12,
    "TIERSLIEU_DELETED_WEEKS": 8,
    "TIERSLIEU_SEARCH": True,
    "TIERSLIEU_BACKGROUND": True,
    "HOME_SAVE_AS": "index.html",
    "VENUE_URL": "le-lieu/",
    "VENUE_SAVE_AS": "le-lieu/index.html",
    "LEGAL_URL": "mentions-legales/",
    "LEGAL_SAVE_AS": "mentions-legales/index.html",
    "AGENDA_URL": "agenda/",
    "AGENDA_SAVE_AS": "agenda/index.html",
    "PAST_EVENTS_URL": "agenda/passes/",
    "PAST_EVENTS_SAVE_AS": "agenda/passes/index.html",
    "EVENT_URL": "agenda/{slug}/",
    "EVENT_SAVE_AS": "agenda/{slug}/index.html",
    "EVENT_ICS_URL": "agenda/{slug}/{slug}.ics",
    "EVENT_ICS_SAVE_AS": "agenda/{slug}/{slug}.ics",
    "PEPITES_URL": "pepites/",
    "PEPITES_SAVE_AS": "pepites/index.html",
    "PEPITE_URL": "pepites/{slug}/",
    "PEPITE_SAVE_AS": "pepites/{slug}/index.html",
    "NEWS_URL": "actualites/",
    "AGENDA_ICS_SAVE_AS": "agenda.ics",
    "CATEGORY_ICS_SAVE_AS": "agenda/categorie/{slug}.ics",
    "PEPITE_ICS_SAVE_AS": "pepites/{slug}/agenda.ics",
    "AGENDA_JSON_SAVE_AS": "agenda.json",
    "AGENDA_MONTH_URL": "agenda/{date:%Y}/{date:%m}/",
    "AGENDA_MONTH_SAVE_AS": "agenda/{date:%Y}/{date:%m}/index.html",
    "PROGRAMME_URL": "agenda/programme/{date:%Y}-{date:%m}/",
    "PROGRAMME_SAVE_AS": "agenda/programme/{date:%Y}-{date:%m}/index.html",
    "AGENDA_CATEGORY_URL": "agenda/categorie/{slug}/",
    "AGENDA_CATEGORY_SAVE_AS": "agenda/categorie/{slug}/index.html",
    "AGENDA_EMBED_URL": "agenda/integrer/",
    "AGENDA_EMBED_SAVE_AS": "agenda/integrer/index.html",
    "ACCESSIBILITY_URL": "registre-accessibilite/",
    "ACCESSIBILITY_SAVE_AS": "registre-accessibilite/index.html",
    "SEARCH_URL": "recherche/",
    "SEARCH_SAVE_AS": "recherche/index.html",
    "TIERSLIEU_IMAGE_WIDTHS": [320, 640, 960, 1280],
    "SUBSCRIBE_URL": "agenda/abonnement/",
    "SUBSCRIBE_SAVE_AS": "agenda/abonnement/index.html",
    "EVENTS_RSS_SAVE_AS": "evenements.rss.xml",
    "NEWS_RSS_SAVE_AS": "actualites.rss.xml",
    "NOT_FOUND_SAVE_AS": "404.html",
    "ROBOTS_SAVE_AS": "robots.txt",
    "SITEMAP_SAVE_AS": "sitemap.xml",
}


def apply_defaults(settings: dict) -> None:
    """Fill in every setting of ours the site did not set, and warn about typos."""
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    known = set(DEFAULTS)
    for key in sorted(settings):
        if key.startswith("TIERSLIEU_") and key not in known:
            hint = difflib.get_close_matches(key, known, n=1)
            extra = f" (vouliez-vous dire {hint[0]} ?)" if hint else ""
            logger.warning("tierslieu: réglage inconnu %s%s", key, extra)


def project_root(settings: dict) -> str:
    """Return the folder relative paths of settings are taken from."""
    root = settings.get("SETTINGS_DIR")
    if root:
        return os.path.abspath(root)
    # Without SETTINGS_DIR, the content folder is assumed to sit beside the settings.
    return os.path.dirname(os.path.abspath(settings["PATH"]))


def data_path(settings: dict) -> str:
    """Return the absolute path of the data folder (DATA_PATH)."""
    path = os.path.expanduser(settings.get("DATA_PATH") or "data")
    if os.path.isabs(path):
        return path
    return os.path.normpath(os.path.join(project_root(settings), path))


def site_timezone(settings: dict) -> ZoneInfo:
    """Return the site's time zone (Pelican's TIMEZONE, Europe/Paris by default)."""
    return ZoneInfo(settings.get("TIMEZONE") or "Europe/Paris")


def build_date(settings: dict) -> date:
    """Return the day the build counts as 'today'.

    One build date for the whole build: the setting, else SOURCE_DATE_EPOCH,
    else today in the site's time zone. Nothing else may ask the clock.
    """
    value = settings.get("TIERSLIEU_BUILD_DATE")
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value:
        return date.fromisoformat(str(value))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    tz = site_timezone(settings)
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC).astimezone(tz).date()
    return datetime.now(tz).date()


def site_domain(settings: dict) -> str:
    """Return the host name of SITEURL, used in calendar UIDs."""
    netloc = urlsplit(settings.get("SITEURL") or "").hostname
    return netloc or "localhost"
