"""Every built page is valid HTML for the Nu HTML checker (vnu.jar)."""

from __future__ import annotations

import json
import shutil
import subprocess

from conftest import ROOT, require_tool

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(built_site):
    require_tool(shutil.which("java") is not None, "Java (for the Nu HTML checker)")
    pages = sorted(str(path) for path in built_site.output.rglob("*.html"))
    assert len(pages) > 20
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    problems = [f"{m.get('url', '').rsplit('/output/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert problems == []
