"""Production settings: the real address, absolute URLs, the publishing rules (a clean output, as in development)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: F403

SITEURL = "https://coworkingjp.example.org"
RELATIVE_URLS = False

TIERSLIEU_PUBLISHING = True  # publishing rules are errors (shallow clone, example values left)
