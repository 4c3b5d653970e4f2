"""JSON Schemas of the data files, for editors' tools (`invoke schema`).

VS Code and other editors read the `# yaml-language-server: $schema=` line
at the top of each data file and then complete keys and underline mistakes
as the editor types.
"""

from __future__ import annotations

import json
import os

from pelican.plugins.tierslieu.model.events import EventData
from pelican.plugins.tierslieu.model.models import PepiteData, VenueData
from pelican.plugins.tierslieu.model.network import NetworkVenueData

SCHEMAS = {"venue": VenueData, "pepite": PepiteData, "event": EventData, "network-venue": NetworkVenueData}


def schema_texts() -> dict[str, str]:
    """Return the text of each schema file, by file name."""
    result = {}
    for name, model in SCHEMAS.items():
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{name}.schema.json",
            **model.model_json_schema(by_alias=True),
        }
        result[f"{name}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return result


def write_schemas(folder: str) -> list[str]:
    """Write every schema into ``folder`` and return their paths."""
    os.makedirs(folder, exist_ok=True)
    paths = []
    for name, text in schema_texts().items():
        path = os.path.join(folder, name)
        with open(path, "w", encoding="utf-8") as stream:
            stream.write(text)
        paths.append(path)
    return paths
