"""Default settings of the plugin, and checks on the settings an editor gave."""

from __future__ import annotations

import difflib
import logging
import os
import re
from datetime import UTC, date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pelican.settings import DEFAULT_CONFIG
from pydantic import ConfigDict, Field, ValidationError, field_validator

from .content_files import restrict_readers
from .markup import french_footnotes
from .model.errors import DataError, DataErrors
from .network.settings import NETWORK_DEFAULTS, NetworkSettings
from .site_settings import PELICAN_KEYS, PelicanSettings, setting_line

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
    "TIERSLIEU_FEED_NOTICES": True,  # print network feeds' warnings (check says them as advice instead)
    "TIERSLIEU_PUBLISHING": False,
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
    **NETWORK_DEFAULTS,
}


# Pelican's feed writer produces invalid RSS 2.0; ours (feedgen) replaces it (SPEC section 3).
PELICAN_FEEDS = (
    "FEED_ATOM",
    "FEED_RSS",
    "FEED_ALL_ATOM",
    "FEED_ALL_RSS",
    "CATEGORY_FEED_ATOM",
    "CATEGORY_FEED_RSS",
    "TAG_FEED_ATOM",
    "TAG_FEED_RSS",
    "AUTHOR_FEED_ATOM",
    "AUTHOR_FEED_RSS",
    "TRANSLATION_FEED_ATOM",
    "TRANSLATION_FEED_RSS",
)


def apply_defaults(settings: dict) -> None:
    """Fill in every setting of ours the site did not set, and warn about typos.

    Also turns Pelican's own feeds off (a feed the site's settings asked
    for gets a warning: ours replace it), and validates the result once
    (raises errors.DataErrors, in French, on a wrong value).
    """
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    known = set(DEFAULTS)
    for key in sorted(settings):
        if key.startswith("TIERSLIEU_") and key not in known:
            hint = difflib.get_close_matches(key, known, n=1)
            extra = f" (vouliez-vous dire {hint[0]} ?)" if hint else ""
            logger.warning("tierslieu: réglage inconnu %s%s", key, extra)
    for key in PELICAN_FEEDS:
        if settings.get(key) and settings.get(key) != DEFAULT_CONFIG.get(key):
            logger.warning(
                "tierslieu: réglage %s ignoré : le site publie ses propres flux (%s, %s)",
                key,
                settings["NEWS_RSS_SAVE_AS"],
                settings["EVENTS_RSS_SAVE_AS"],
            )
        settings[key] = None
    if settings.get("INDEX_SAVE_AS") == settings["HOME_SAVE_AS"]:
        # Pelican's news index moves under NEWS_URL: the home page is ours.
        settings["INDEX_SAVE_AS"] = settings["NEWS_URL"] + "index.html"
    restrict_readers(settings)
    french_footnotes(settings)
    PluginSettings.from_pelican(settings)


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


_DURATION = re.compile(r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$")
_RENAMED = {"TIERSLIEU_IMAGE_WIDTHS": "image_widths_px"}


class PluginSettings(NetworkSettings, PelicanSettings):
    """The plugin's settings, typed and validated once (``PluginSettings.from_pelican``).

    Pelican's settings dict keeps the upper-case keys (templates read them,
    as Pelican's own ``ARTICLE_URL``); code asks this object. Units are in
    the names; URL families are read through ``urls.Urls``.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    relative_urls: bool
    data_path: str
    """Absolute path of the data folder."""
    project_root: str
    build_date: date | None = None
    calendar_refresh: str = Field(description="une durée ISO 8601, par exemple PT6H")
    """How often calendar clients should reload a feed: an ISO 8601 duration (RFC 7986 REFRESH-INTERVAL)."""
    upcoming_months: int = Field(ge=1, le=120, description="un nombre de mois entre 1 et 120")
    past_months: int = Field(ge=0, le=120, description="un nombre de mois entre 0 et 120")
    deleted_weeks: int = Field(ge=0, le=520, description="un nombre de semaines entre 0 et 520")
    search: bool
    background: bool
    publishing: bool
    """True in production settings (publishconf.py): the publishing rules are errors (publishing.py)."""
    image_widths_px: tuple[int, ...] = Field(
        min_length=1, description="une liste de largeurs en pixels, par exemple [320, 640]"
    )
    home_url: str = ""
    not_found_url: str = ""
    home_save_as: str
    venue_url: str
    venue_save_as: str
    legal_url: str
    legal_save_as: str
    agenda_url: str
    agenda_save_as: str
    past_events_url: str
    past_events_save_as: str
    event_url: str
    event_save_as: str
    event_ics_url: str
    event_ics_save_as: str
    pepites_url: str
    pepites_save_as: str
    pepite_url: str
    pepite_save_as: str
    news_url: str
    agenda_ics_save_as: str
    category_ics_save_as: str
    pepite_ics_save_as: str
    agenda_json_save_as: str
    agenda_month_url: str
    agenda_month_save_as: str
    programme_url: str
    programme_save_as: str
    agenda_category_url: str
    agenda_category_save_as: str
    agenda_embed_url: str
    agenda_embed_save_as: str
    accessibility_url: str
    accessibility_save_as: str
    search_url: str
    search_save_as: str
    subscribe_url: str
    subscribe_save_as: str
    events_rss_save_as: str
    news_rss_save_as: str
    not_found_save_as: str
    robots_save_as: str
    sitemap_save_as: str

    @field_validator("calendar_refresh")
    @classmethod
    def _iso_duration(cls, value: str) -> str:
        if not _DURATION.match(value):
            raise ValueError(value)
        return value

    @property
    def domain(self) -> str:
        """Return the host name of SITEURL, the right-hand part of calendar UIDs ('localhost' without one)."""
        return urlsplit(self.siteurl).hostname or "localhost"

    @property
    def timezone(self) -> ZoneInfo:
        """Return the site's time zone."""
        return ZoneInfo(self.timezone_name)

    @classmethod
    def from_pelican(cls, settings: dict) -> PluginSettings:
        """Read the plugin's settings from Pelican's (defaults applied); raise DataErrors in French."""
        values = {_RENAMED.get(key, key.lower().removeprefix("tierslieu_")): settings.get(key) for key in DEFAULTS}
        values.update(
            siteurl=(settings.get("SITEURL") or "").rstrip("/"),
            relative_urls=bool(settings.get("RELATIVE_URLS")),
            timezone_name=settings.get("TIMEZONE") or "Europe/Paris",
            default_lang=settings.get("DEFAULT_LANG") or "fr",
            theme=str(settings.get("THEME") or ""),
            data_path=data_path(settings),
            project_root=project_root(settings),
        )
        try:
            values["build_date"] = build_date(settings)
        except (KeyError, ValueError):  # an unknown TIMEZONE (ZoneInfoNotFoundError), a bad date: told below
            values["build_date"] = settings.get("TIERSLIEU_BUILD_DATE")
        try:
            return cls.model_validate(values)
        except ValidationError as error:
            raise DataErrors([_setting_error(item, settings) for item in error.errors()], "les réglages") from None


def _setting_error(item: dict, settings: dict) -> DataError:
    name = str(item["loc"][0])
    key = next(
        (key for key in DEFAULTS if _RENAMED.get(key, key.lower().removeprefix("tierslieu_")) == name),
        PELICAN_KEYS.get(name, name.upper()),
    )
    expected = PluginSettings.model_fields[name].description if name in PluginSettings.model_fields else None
    return DataError(
        *setting_line(settings, key),
        f"réglage {key} : valeur {item.get('input')!r} invalide" + (f" ; attendu : {expected}" if expected else ""),
    )
