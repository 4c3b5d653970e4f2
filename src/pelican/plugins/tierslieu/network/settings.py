"""The network's settings: its addresses and the folder of last good copies (merged into settings.PluginSettings)."""

from __future__ import annotations

from pydantic import BaseModel

NETWORK_DEFAULTS = {
    "TIERSLIEU_NETWORK_COPIES": "network-copies",
    "NETWORK_URL": "reseau/",
    "NETWORK_SAVE_AS": "reseau/index.html",
    "NETWORK_AGENDA_URL": "reseau/agenda/",
    "NETWORK_AGENDA_SAVE_AS": "reseau/agenda/index.html",
    "NETWORK_ICS_SAVE_AS": "reseau.ics",
    "NETWORK_JSON_SAVE_AS": "reseau.json",
}


class NetworkSettings(BaseModel):
    """The network's fields of the typed settings."""

    network_copies: str
    """Folder of the feeds' last good copies (``invoke fetch-network``), relative to the project; git-ignored."""
    network_url: str
    network_save_as: str
    network_agenda_url: str
    network_agenda_save_as: str
    network_ics_save_as: str
    network_json_save_as: str
