"""What the preview says after an update: its problems as lines, a fault in French, what would block publishing."""

from __future__ import annotations

import sys

from pelican.plugins.tierslieu.faults import describe_os_error, is_filesystem_fault
from pelican.plugins.tierslieu.model.errors import DataErrors
from pelican.plugins.tierslieu.publishing import publishing_problems
from pelican.plugins.tierslieu.settings import project_root


def error_lines(errors: DataErrors) -> str:
    """Return every problem, one per line, then the summary (as the build prints them)."""
    return "\n".join(str(error) for error in errors.errors) + f"\n{errors}"


def describe_failure(error: Exception, settings: dict, hidden: dict[str, str]) -> str:
    """Say in French what failed in an update: the file system's refusal, or the fault as Python names it.

    ``hidden`` maps a staging folder to the folder it stands for (the
    output), so that a message names the folder the editor knows.
    """
    if is_filesystem_fault(error):
        return describe_os_error(error, project_root(settings), hidden) + "."
    return f"{type(error).__name__}: {error}"


def publishing_report(settings: dict) -> str | None:
    """Return what would block a publication, one per line (None when nothing would); print it when there is some.

    Printed after every rebuild, as the network's « avertissement : » lines
    are, so that the terminal's last lines always say it (GUIDE §2).
    """
    try:
        problems = publishing_problems(settings)
    except OSError:  # the build's own message says what the file system refused
        problems = []
    shown = "\n".join(str(problem) for problem in problems) or None
    if shown:
        print(f"À corriger avant de publier (invoke publish les refuserait) :\n{shown}", file=sys.stderr, flush=True)
    return shown
