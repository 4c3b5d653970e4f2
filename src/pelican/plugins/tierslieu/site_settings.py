"""Pelican's own settings the plugin relies on, checked as its own: SITEURL, TIMEZONE, DEFAULT_LANG, THEME.

Pelican takes them as given (``-e SITEURL='"javascript:alert(1)//"'`` would
become every link of the site; an unknown TIMEZONE stops the build with a
``ZoneInfoNotFoundError``; DEFAULT_LANG goes into ``<html lang>``; a THEME
without the templates the plugin renders stops it with a
``PelicanTemplateNotFound``). They are
validated with the plugin's settings (settings.PluginSettings inherits
this model), and a wrong one is told in French at the line of the
settings file that sets it.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, Field, field_validator

from .content_headers import LANGUAGE_TAG

PELICAN_KEYS = {"siteurl": "SITEURL", "timezone_name": "TIMEZONE", "default_lang": "DEFAULT_LANG", "theme": "THEME"}
"""The field of each Pelican setting, and its name in the settings files."""
THEME_TEMPLATES = ("base.html", "home.html", "event.html", "agenda.html", "article.html", "page.html")
"""Templates a THEME folder must hold under templates/: the pages every site of the kit has (theme/templates/)."""
_UNSAFE = re.compile(r"[\s\"'<>\\`{}|^]|[\x00-\x1f\x7f]")


class PelicanSettings(BaseModel):
    """SITEURL, TIMEZONE and DEFAULT_LANG, validated."""

    siteurl: str = Field(
        description="une adresse absolue en http:// ou https:// (https://mon-lieu.fr), sans espace, guillemet "
        "ni chevron, ou rien pour des liens relatifs"
    )
    """SITEURL without its trailing slash ('' for relative builds)."""
    timezone_name: str = Field(description="un fuseau horaire connu, par exemple Europe/Paris")
    """Pelican's TIMEZONE, an IANA name (Europe/Paris by default)."""
    default_lang: str = Field(default="fr", description="un code de langue, par exemple fr")
    """Pelican's DEFAULT_LANG, a BCP 47-like tag (content_headers.LANGUAGE_TAG)."""
    theme: str = Field(
        default="theme",
        description="le dossier du thème du site (« theme »), qui contient templates/base.html "
        "et les autres modèles de pages",
    )
    """Pelican's THEME, a folder (Pelican makes it absolute) holding THEME_TEMPLATES under templates/."""

    @field_validator("siteurl")
    @classmethod
    def _absolute_url(cls, value: str) -> str:
        if not value:
            return value
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname or _UNSAFE.search(value):
            raise ValueError(value)
        return value

    @field_validator("timezone_name")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise ValueError(value) from None
        return value

    @field_validator("theme")
    @classmethod
    def _theme_folder(cls, value: str) -> str:
        folder = os.path.join(os.path.expanduser(value), "templates")
        if not all(os.path.isfile(os.path.join(folder, name)) for name in THEME_TEMPLATES):
            raise ValueError(value)
        return value

    @field_validator("default_lang")
    @classmethod
    def _language_tag(cls, value: str) -> str:
        if not LANGUAGE_TAG.fullmatch(value):
            raise ValueError(value)
        return value


def setting_line(settings: dict, key: str) -> tuple[str, int]:
    """Return (settings file, line) where ``key`` is set: publishconf.py when publishing, else pelicanconf.py.

    Files are those of SETTINGS_DIR (the project); a setting given with
    ``-e`` only, or not found, is shown at line 1 of pelicanconf.py.
    """
    root = settings.get("SETTINGS_DIR") or ""
    names = ["publishconf.py", "pelicanconf.py"] if settings.get("TIERSLIEU_PUBLISHING") else ["pelicanconf.py"]
    assignment = re.compile(rf"^{re.escape(key)}\s*=")
    for name in names:
        try:
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as stream:
                found = [number for number, line in enumerate(stream, start=1) if assignment.match(line)]
        except OSError:
            continue
        if found:
            return name, found[-1]  # the last assignment is the one Python keeps
    return "pelicanconf.py", 1
