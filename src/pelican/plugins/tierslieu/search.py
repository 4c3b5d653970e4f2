"""The site's search index, built by Pagefind into the staged site."""

from __future__ import annotations

import importlib.util
import logging
import subprocess
import sys

logger = logging.getLogger(__name__)


def index_search(settings: dict, output: str) -> None:
    """Build the Pagefind search index of the site in ``output``, when Pagefind is installed.

    The search page says what to do without it; nothing else depends on it.
    A failure of Pagefind is a warning (``tierslieu:`` prefix), not an error.
    """
    if not settings.get("TIERSLIEU_SEARCH", True) or importlib.util.find_spec("pagefind") is None:
        return
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", output, "--output-subdir", "pagefind", "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        logger.warning("tierslieu: index de recherche non construit : %s", result.stderr.strip()[-500:])
