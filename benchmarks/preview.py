"""The preview figure: `invoke serve` on the venue, a save, and a real browser reloading the item's page.

The preview runs as `invoke serve` runs it (its own process, the watcher,
the server on 127.0.0.1); headless Chromium, driven by playwright-core
(benchmarks/reload.js, as the tests drive it), saves the file itself and
times, on one clock, from the write until the page that holds the change
has loaded.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def available() -> str:
    """Return what is missing to measure the preview ('' when Node, playwright-core and Chromium are there)."""
    if shutil.which("node") is None:
        return "Node.js"
    if not (ROOT / "node_modules" / "playwright-core").exists():
        return "playwright-core (npm ci)"
    if not os.path.exists(CHROMIUM):
        return f"Chromium ({CHROMIUM})"
    return ""


def require() -> None:
    """Raise SystemExit naming what is missing to measure the preview (``available``)."""
    missing = available()
    if missing:
        raise SystemExit(f"bench: {missing} is needed for the preview figure")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_served(url: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"preview: {url} never answered")


def items(site: Path, base: str, key: str = "") -> list[dict]:
    """Return what the browser edits and watches: an event, a pépite and an article of ``site``.

    Each item's ``key`` names its figure: its kind, after ``key`` and a colon when ``key`` is given.
    """
    event = sorted((site / "data/events").glob("*.yaml"))[5]
    pepite = sorted((site / "data/pepites").glob("*.yaml"))[3]
    article = site / "content/article-3.md"
    year = article.read_text(encoding="utf-8").split("Date: ", 1)[1][:4]
    plan = [
        {"kind": "event", "file": str(event), "url": f"{base}/agenda/{event.stem}/", "prefix": "title:"},
        {"kind": "pepite", "file": str(pepite), "url": f"{base}/pepites/{pepite.stem}/", "prefix": "name:"},
        {"kind": "article", "file": str(article), "url": f"{base}/actualites/{year}/article-3/", "prefix": "Title:"},
    ]
    for item in plan:
        item["key"] = f"{key}:{item['kind']}" if key else item["kind"]
        item["line"] = LINES[item["kind"]]
    return plan


LINES = {"event": 'title: "Atelier {m}"', "pepite": "name: Camille {m}", "article": "Title: Article {m}"}


def _start(site: Path, work: Path, today: str, tree: Path, env: dict | None) -> tuple[subprocess.Popen, str, Path]:
    """Start `invoke serve`'s program of ``tree`` on ``site``; return the process, its address and its log file."""
    port = _free_port()
    output = work / f"preview-out-{port}"
    command = [
        sys.executable,
        "-m",
        "pelican.plugins.tierslieu.editors.preview",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--content",
        str(site / "content"),
        "--output",
        str(output),
        "--watch",
        str(site / "content"),
        "--watch",
        str(site / "data"),
        f'DATA_PATH="{site / "data"}"',
        f'CACHE_PATH="{work / f"preview-cache-{port}"}"',
        'SITEURL="http://localhost"',
        f'TIERSLIEU_BUILD_DATE="{today}"',
    ]
    log_path = work / f"preview-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=tree, stdout=log, stderr=subprocess.STDOUT, env=env)
    return process, f"http://127.0.0.1:{port}", log_path


def measure(
    site: Path, work: Path, today: str, saves: int, pause: float, previews: list[tuple] | None = None
) -> dict[str, list[float]]:
    """Start the preview on ``site``; return, per kind of item, the seconds from each save to the reloaded page.

    ``previews``, a list of ``(key, site, tree, env)``, starts one preview per
    entry instead (each on its own copy of the venue, ``tree``'s code run
    with ``env``); their saves alternate, kind by kind, and the figures are
    keyed ``key:kind``.
    """
    previews = previews or [("", site, ROOT, None)]
    started = [(key, venue, *_start(venue, work, today, tree, env)) for key, venue, tree, env in previews]
    try:
        plan = []
        for key, venue, _, base, _ in started:
            served = items(venue, base, key)
            _wait_served(served[0]["url"])
            plan += served
        plan_file = work / "reload-plan.json"
        plan_file.write_text(json.dumps({"saves": saves, "pause": pause, "items": plan}), encoding="utf-8")
        result = subprocess.run(
            ["node", str(ROOT / "benchmarks" / "reload.js"), str(plan_file)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "CHROMIUM": CHROMIUM},
        )
        if result.returncode:
            tail = "\n".join(log.read_text(errors="replace")[-1500:] for *_, log in started)
            raise SystemExit(f"preview: the browser failed\n{result.stderr[-2000:]}\npreview log:\n{tail}")
        return json.loads(result.stdout)
    finally:
        for _, _, process, _, _ in started:
            process.terminate()
        for _, _, process, _, _ in started:
            process.wait(timeout=30)
