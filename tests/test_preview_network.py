"""The preview shows a venue's events as soon as ``invoke fetch-network`` wrote its copy (GUIDE section 12).

Outside trial: the copies folder did not exist when the preview started (the
first fetch makes it), so it was never watched, and /reseau/ kept saying
« Agenda pas encore lu. » until a data file was saved.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime

from conftest import BUILD_EPOCH, ROOT, write_files
from feed_server import FEED, FeedServer
from test_preview import free_port, wait_for

from pelican.plugins.tierslieu.model.loading import load_data
from pelican.plugins.tierslieu.network.fetching import Limits, fetch_network

READ = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)  # the day before the sample's build date
BOUND = 60.0  # seconds: generous; the rebuild takes a few


def test_a_fetch_after_the_preview_started_shows_on_the_network_page(site_copy, tmp_path):
    copies = tmp_path / "network-copies"  # not there yet: the first fetch makes it
    with FeedServer() as server:
        server.routes["/agenda.ics"] = FEED
        write_files(
            site_copy,
            {"data/network/lointain.yaml": f"name: Lointain\ntown: Méré\ncalendar: {server.url('/agenda.ics')}\n"},
        )
        port = free_port()
        command = [
            *(sys.executable, "-m", "pelican.plugins.tierslieu.editors.preview", "--port", str(port)),
            *("--content", str(site_copy / "content"), "--output", str(tmp_path / "out")),
            f'DATA_PATH="{site_copy / "data"}"',
            f'CACHE_PATH="{tmp_path / "cache"}"',
            f'TIERSLIEU_NETWORK_COPIES="{copies}"',
        ]  # no --watch: the folders the preview chooses itself, as `invoke serve` runs it
        env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH}
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        try:
            page = f"http://localhost:{port}/reseau/"
            wait_for(page, lambda html: "Agenda pas encore lu." in html, timeout=120)
            network = load_data(str(site_copy / "data"), str(site_copy)).network
            done, warnings = fetch_network(network, str(copies), READ, Limits())
            assert done and not warnings, (done, warnings)
            shown = wait_for(page, lambda html: "Soirée jeux" in html, timeout=BOUND)
            assert "Agenda pas encore lu." not in shown
        finally:
            process.terminate()
            process.communicate(timeout=30)
