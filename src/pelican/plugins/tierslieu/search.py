"""The site's search index, built by Pagefind into the staged site."""

from __future__ import annotations

import importlib.util
import logging
import os
import subprocess
import sys

logger = logging.getLogger(__name__)


def index_search(settings: dict, output: str) -> None:
    """Build the Pagefind search index of the site in ``output``, when Pagefind is installed.

    The search page says what to do without it; nothing else depends on it.
    A failure of Pagefind is a warning (``tierslieu:`` prefix), not an error.
    """
    command = pagefind_command() if settings.get("TIERSLIEU_SEARCH", True) else None
    if command is None:
        return
    result = subprocess.run(
        [*command, "--site", output, "--output-subdir", "pagefind", "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        logger.warning("tierslieu: index de recherche non construit : %s", result.stderr.strip()[-500:])


def pagefind_command() -> list[str] | None:
    """Return the command that runs Pagefind's program, or None when Pagefind is not installed.

    Its executable itself when the ``pagefind_bin`` package ships it
    (requirements.txt pins it): ``python -m
    pagefind`` finds the same file (pagefind.service.get_executable) and
    replaces itself with it, after starting Python and importing asyncio,
    about 0.1 s of every build. Else ``python -m pagefind``, which also
    honours PAGEFIND_BINARY_PATH and the extended build.
    """
    if os.environ.get("PAGEFIND_BINARY_PATH") is None and importlib.util.find_spec("pagefind_bin") is not None:
        from pagefind_bin import get_executable  # noqa: PLC0415 - only when the search index is built

        try:
            return [str(get_executable())]
        except FileNotFoundError:
            pass
    return None if importlib.util.find_spec("pagefind") is None else [sys.executable, "-m", "pagefind"]
