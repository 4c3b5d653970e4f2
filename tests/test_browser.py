"""Pages as visitors get them: headless Chromium, axe-core, no request to another host."""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading

import pytest
from conftest import node, require_tool

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PAGE_TYPES = [
    "",
    "le-lieu/",
    "agenda/",
    "agenda/atelier-hebdo/",
    "agenda/salon-artisans/",
    "agenda/2026/12/",
    "agenda/programme/2026-12/",
    "agenda/categorie/atelier/",
    "agenda/abonnement/",
    "agenda/integrer/",
    "pepites/",
    "pepites/eloise-berenger/",
    "actualites/",
    "actualites/2026/premier-article/",
    "mentions-legales/",
    "registre-accessibilite/",
    "recherche/",
    "404.html",
]


@pytest.fixture(scope="module")
def audit(built_site):
    require_tool(os.path.exists(CHROMIUM), f"Chromium ({CHROMIUM})")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_site.output))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield json.loads(node("browser_audit.js", f"http://127.0.0.1:{server.server_address[1]}/", *PAGE_TYPES))
    finally:
        server.shutdown()
        server.server_close()


def test_every_page_type_loads_at_both_widths(audit):
    assert sorted({(item["path"], item["width"]) for item in audit}) == sorted(
        (path, width) for path in PAGE_TYPES for width in (390, 1280)
    )
    assert [item["path"] for item in audit if item["status"] != 200] == []
    assert [(item["path"], item["errors"]) for item in audit if item["errors"]] == []


def test_no_serious_or_critical_accessibility_violation(audit):
    serious = [
        (item["path"], item["width"], violation["id"], violation["targets"])
        for item in audit
        for violation in item["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_no_request_to_another_host(audit):
    own = ("https://grange.example.org/",)  # the 404 page uses absolute addresses: it is served at any depth
    assert [
        (item["path"], [url for url in item["external"] if not url.startswith(own)])
        for item in audit
        if any(not url.startswith(own) for url in item["external"])
    ] == []


def test_a_missing_browser_fails_in_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"^Chromium \(/nowhere\) is missing in CI, where every test"):
        require_tool(False, "Chromium (/nowhere)")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match=r"^Chromium \(/nowhere\) is not installed$"):
        require_tool(False, "Chromium (/nowhere)")
    require_tool(True, "Chromium (/nowhere)")
