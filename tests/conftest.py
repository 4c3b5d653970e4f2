"""Shared fixtures: the sample site built once, and small sites written per test.

Builds run in the test process (``build``), so that pytest's warnings
filter sees what a build does and Pelican's warnings fail the test that
caused them. A few tests run the command line (``run_build``) for what
only it shows: exit codes and what an editor reads on stderr.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.configuration import set_hypothesis_home_dir
from pelican.log import LimitFilter
from pelican.settings import read_settings

from pelican import Pelican
from pelican.plugins.tierslieu.model import rereading
from pelican.plugins.tierslieu.model.errors import Abort

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "sample_site"
# 2026-11-24 12:00 UTC: the sample's "today", so that upcoming/past never drift.
BUILD_EPOCH = "1795521600"
BUILD_DATE = "2026-11-24"  # the same day, as the plugin's TIERSLIEU_BUILD_DATE
SITEURL = "https://grange.example.org"
_session: dict[str, Path] = {}

# Hypothesis: 25 examples by default (a test that builds a site stays under a minute);
# derandomised when CI is set, so that a run is repeatable; HYPOTHESIS_PROFILE=long digs deeper.
# Tests that fix max_examples themselves keep theirs.
_PROFILE = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("default", max_examples=25, **_PROFILE)
settings.register_profile("ci", max_examples=25, derandomize=True, **_PROFILE)
settings.register_profile("long", max_examples=500, **_PROFILE)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default"))
# For tests whose every example is a whole build: shrinking a failure takes many minutes there, so the
# failing example is reported as found (HYPOTHESIS_PROFILE=long shrinks it).
BUILD_PHASES = (
    tuple(settings.default.phases)
    if os.environ.get("HYPOTHESIS_PROFILE") == "long"
    else (
        Phase.explicit,
        Phase.reuse,
        Phase.generate,
    )
)


@dataclass
class Build:
    """The result of one real Pelican build (in the test process, or on the command line)."""

    returncode: int
    stdout: str
    stderr: str
    output: Path

    def raw(self, path: str) -> str:
        """Return the text of a file of the built site, as written."""
        return (self.output / path).read_text(encoding="utf-8")

    def read(self, path: str) -> str:
        """Return the text of a file with French no-break spaces read as plain spaces."""
        return self.raw(path).replace("\u00a0", " ").replace("\u202f", " ")


def cache_path() -> Path:
    """Return the session's cache folder (images, QR codes, Pelican's content cache)."""
    if "cache" not in _session:
        raise RuntimeError("the session fixture has not set the cache folder")
    return _session["cache"]


def build_command(
    site: Path, output: Path, settings: str = "pelicanconf.py", siteurl: str = SITEURL, extra=()
) -> list[str]:
    """Return the command line that builds ``site`` (content/ + data/), as SPEC section 3 shows."""
    return [
        sys.executable,
        "-m",
        "pelican",
        str(site / "content"),
        "-o",
        str(output),
        "-s",
        str(ROOT / settings),
        "-e",
        f'DATA_PATH="{site / "data"}"',
        f'SITEURL="{siteurl}"',
        f'CACHE_PATH="{cache_path()}"',
        *extra,
    ]


def build_env(**variables: str) -> dict[str, str]:
    """Return the environment of a command-line build (the sample's date, unwrapped lines), plus ``variables``."""
    return {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "COLUMNS": "80", **variables}


def sample_settings() -> dict:
    """Return the project's settings pointed at the sample site, the plugin's defaults applied, as a build has them."""
    from pelican.plugins.tierslieu.settings import apply_defaults  # noqa: PLC0415 - only the tests that load data need it

    override = {
        "PATH": str(SAMPLE / "content"),
        "DATA_PATH": str(SAMPLE / "data"),
        "SITEURL": SITEURL,
        "TIERSLIEU_BUILD_DATE": BUILD_DATE,
    }
    settings = read_settings(str(ROOT / "pelicanconf.py"), override=override)
    apply_defaults(settings)
    return settings


def run_build(
    site: Path, output: Path, settings: str = "pelicanconf.py", siteurl: str = SITEURL, extra=(), prefix=(), env=None
) -> Build:
    """Build ``site`` (content/ + data/) on the command line; ``prefix`` runs it through another command."""
    command = [*prefix, *build_command(site, output, settings, siteurl, extra)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env or build_env(), check=False)
    return Build(result.returncode, result.stdout, result.stderr, output)


class _Records(logging.Handler):
    """Keep the log records of one build (warnings and above)."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build(
    site: Path,
    output: Path,
    settings: str = "pelicanconf.py",
    siteurl: str = SITEURL,
    allow_warnings: bool = False,
    **override,
) -> Build:
    """Build ``site`` (content/ + data/) in the test process, with the settings the command line gives.

    ``override`` adds or replaces settings (Pelican's ``-e``). A data or
    content error raises ``DataErrors`` (errors.py); a warning logged during
    the build fails the test unless ``allow_warnings``.
    """
    settings_file = str(ROOT / settings)
    values = {
        "PATH": str(site / "content"),
        "OUTPUT_PATH": str(output),
        "DATA_PATH": str(site / "data"),
        "SITEURL": siteurl,
        "CACHE_PATH": str(cache_path()),
        "TIERSLIEU_BUILD_DATE": BUILD_DATE,
        **override,
    }
    # Pelican drops a warning it already logged in this process: each build starts afresh.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    records = _Records()
    root = logging.getLogger()
    root.addHandler(records)
    try:
        Pelican(read_settings(settings_file, override=values)).run()
    except Abort as abort:  # the problems were printed; the test reads them from the DataErrors
        if abort.errors is None:
            raise
        raise abort.errors from None
    finally:
        root.removeHandler(records)
    if records.records and not allow_warnings:
        pytest.fail(
            "the build logged:\n" + "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in records.records)
        )
    return Build(0, "", "\n".join(record.getMessage() for record in records.records), output)


def repository_state() -> dict[str, tuple]:
    """Return what git sees of the repository, and every file of its ignored folders (but tools' own)."""
    status = subprocess.run(
        ["git", "status", "--porcelain", "--ignored"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if status.returncode != 0:
        return {}
    state: dict[str, tuple] = {}
    for line in status.stdout.splitlines():
        name = line[3:]
        if "__pycache__" in name or name.rstrip("/") in (".venv", "node_modules"):
            continue
        state[line] = ()
        folder = ROOT / name
        if line.startswith("!!") and folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    stat = path.stat()
                    state[str(path.relative_to(ROOT))] = (stat.st_size, stat.st_mtime_ns)
    return state


@pytest.fixture(autouse=True)
def builds_read_every_file():
    """A preview made in a test keeps what data files give (model.rereading): the next test starts without it."""
    yield
    rereading.keep(False)


@pytest.fixture(scope="session", autouse=True)
def session_folders(tmp_path_factory):
    """Give the session its own cache and Hypothesis folders; check it wrote nothing into the repository."""
    before = repository_state()
    _session["cache"] = tmp_path_factory.mktemp("cache")
    set_hypothesis_home_dir(tmp_path_factory.mktemp("hypothesis"))
    yield _session["cache"]
    set_hypothesis_home_dir(None)
    after = repository_state()
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert changed == [], "the test session wrote into the repository"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Build:
    """The sample site, built once for the whole session."""
    return build(SAMPLE, tmp_path_factory.mktemp("sample") / "output")


def check_both(site: Path) -> int:
    """Run `invoke check` on a site folder with both settings files, as the task does; return its status.

    What it printed is left to the caller's ``capsys``.
    """
    from pelican.plugins.tierslieu.editors.checking import run_check  # noqa: PLC0415 - editors' code, for a few tests

    override = {
        "PATH": str(site / "content"),
        "DATA_PATH": str(site / "data"),
        "SITEURL": "https://grange.example.org",
        "TIERSLIEU_BUILD_DATE": "2026-11-24",
    }
    return run_check(
        [read_settings(str(ROOT / name), override=override) for name in ("pelicanconf.py", "publishconf.py")]
    )


@pytest.fixture
def site_copy(tmp_path) -> Path:
    """A private copy of the sample site that a test may break."""
    target = tmp_path / "site"
    shutil.copytree(SAMPLE, target)
    return target


def write_files(base: Path, files: dict[str, str]) -> None:
    """Write files (dedented) under ``base``; a None content deletes the file."""
    for name, text in files.items():
        path = base / name
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file of a folder with its bytes."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def json_ld(html: str) -> dict:
    """Return the JSON-LD object of a page."""
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def require_tool(present: bool, what: str) -> None:
    """Skip the test when a tool it drives is missing on a workstation; fail it in CI (``CI`` set).

    CI installs every tool (`.ci/run`, the workflows): a tool missing there is
    a broken set-up, and a skipped test would hide it behind a green run.
    """
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing in CI, where every test must run", pytrace=False)
    pytest.skip(f"{what} is not installed")


def node(script: str, *args: str) -> str:
    """Run a Node script of tests/js and return what it printed."""
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "js" / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "TZ": "UTC"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
