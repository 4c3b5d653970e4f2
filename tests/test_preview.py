"""The preview: rebuilds on a save, shows errors in the page, keeps the last good site."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import BUILD_EPOCH, ROOT, write_files


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, predicate, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting on {url}; last page:\n{last[:500]}")


@pytest.fixture
def preview(site_copy, tmp_path):
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "pelican.plugins.tierslieu.editors.preview",
        "--port",
        str(port),
        "--content",
        str(site_copy / "content"),
        "--output",
        str(tmp_path / "out"),
        "--watch",
        str(site_copy / "content"),
        "--watch",
        str(site_copy / "data"),
        f'DATA_PATH="{site_copy / "data"}"',
        'SITEURL="http://localhost"',
        f'CACHE_PATH="{tmp_path / "cache"}"',
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield f"http://localhost:{port}", site_copy
    finally:
        process.terminate()
        process.communicate(timeout=10)


def test_preview_rebuilds_on_save_and_shows_errors(preview):
    base, site = preview
    page = f"{base}/agenda/salon-artisans/"
    wait_for(page, lambda html: "Salon des artisans" in html and "__preview__/events" in html)
    event = site / "data/events/salon-artisans.yaml"
    event.write_text(
        event.read_text(encoding="utf-8").replace("Salon des artisans", "Grand salon des artisans"), encoding="utf-8"
    )
    wait_for(page, lambda html: "Grand salon des artisans" in html)
    write_files(site, {"data/events/oups.yaml": "tilte: X\nstart: 2027-01-12\n"})
    broken = wait_for(page, lambda html: 'role="alert"' in html)
    assert "oups.yaml:1: clé inconnue &#x27;tilte&#x27;" in broken
    assert "Grand salon des artisans" in broken  # the last good site stays served
    (site / "data/events/oups.yaml").unlink()
    wait_for(page, lambda html: 'role="alert"' not in html and "Grand salon des artisans" in html)
