"""Shared fixtures: the sample site built once, and small sites written per test."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "sample_site"
# 2026-11-24 12:00 UTC: the sample's "today", so that upcoming/past never drift.
BUILD_EPOCH = "1795521600"
SITEURL = "https://grange.example.org"


@dataclass
class Build:
    """The result of one real Pelican build in a subprocess."""

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


def run_build(site: Path, output: Path, settings: str = "pelicanconf.py", siteurl: str = SITEURL, extra=()) -> Build:
    """Build ``site`` (content/ + data/) with the project's settings, as SPEC section 3 shows."""
    command = [
        sys.executable, "-m", "pelican", str(site / "content"), "-o", str(output),
        "-s", str(ROOT / settings),
        "-e", f'DATA_PATH="{site / "data"}"', f'SITEURL="{siteurl}"', *extra,
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "COLUMNS": "80"}
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, check=False)
    return Build(result.returncode, result.stdout, result.stderr, output)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Build:
    """The sample site, built once for the whole session."""
    build = run_build(SAMPLE, tmp_path_factory.mktemp("sample") / "output")
    assert build.returncode == 0, build.stderr
    return build


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


def node(script: str, *args: str) -> str:
    """Run a Node script of tests/js and return what it printed."""
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "js" / script), *args],
        cwd=ROOT, capture_output=True, text=True, check=False, env={**os.environ, "TZ": "UTC"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
