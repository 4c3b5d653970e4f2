"""Golden files: the sample's feeds and a few pages, byte for byte.

`invoke update-golden` rewrites them; reviewers read the golden diff as the
behaviour change. The sample is copied out of git with fixed modification
times, so that DTSTAMP and SEQUENCE do not depend on this repository's history.
"""

from __future__ import annotations

import difflib
import os
import shutil

import pytest
from conftest import ROOT, SAMPLE, build

GOLDEN = ROOT / "tests" / "golden"
FILES = ["agenda.ics", "evenements.rss.xml", "pepites/index.html", "agenda/atelier-hebdo/index.html"]
FIXED_TIME = 1793527200  # 2026-11-01 09:00 UTC


@pytest.fixture(scope="module")
def golden_build(tmp_path_factory):
    site = tmp_path_factory.mktemp("golden") / "site"
    shutil.copytree(SAMPLE, site)
    for path in site.rglob("*"):
        os.utime(path, (FIXED_TIME, FIXED_TIME))
    return build(site, site.parent / "output")


@pytest.mark.parametrize("name", FILES)
def test_output_matches_golden_file(golden_build, name):
    produced = (golden_build.output / name).read_bytes().replace(b"\r\n", b"\n").decode("utf-8")
    golden = GOLDEN / name.replace("/", "__")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(produced, encoding="utf-8", newline="\n")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), produced.splitlines(True), "golden", "built"))
    assert produced == expected, diff
