"""`invoke bench`: the budgets of SPEC section 5, measured as medians, with their targets."""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

from pelican.settings import read_settings

from benchmarks.synthetic import write_bare_site, write_site
from pelican.plugins.tierslieu.generator import load_site
from pelican.plugins.tierslieu.ical.vevents import CalendarMaker
from pelican.plugins.tierslieu.model.loading import load_data
from pelican.plugins.tierslieu.settings import apply_defaults, data_path, project_root
from pelican.plugins.tierslieu.subscriptions import calendar_feeds

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 24)


def settings_for(site: Path) -> dict:
    """Return the project's settings pointed at a synthetic site."""
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(site / "content"),
            "DATA_PATH": str(site / "data"),
            "SITEURL": "https://bench.example.org",
            "TIERSLIEU_BUILD_DATE": TODAY.isoformat(),
        },
    )
    apply_defaults(settings)
    return settings


def timed(function, runs: int) -> tuple[float, object]:
    """Return the median duration of ``runs`` calls, and the last result."""
    durations, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations), result


def build(command: list[str], env: dict | None = None) -> tuple[float, int]:
    """Run a build; return its wall time and its peak memory (KiB)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    error = process.stderr.read().decode()
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"build failed: {' '.join(command)}\n{error[-2000:]}")
    return elapsed, usage.ru_maxrss


def our_build(site: Path, output: Path, search: bool = False) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pelican",
        str(site / "content"),
        "-o",
        str(output),
        "-s",
        "pelicanconf.py",
        "-e",
        f'DATA_PATH="{site / "data"}"',
        'SITEURL="https://bench.example.org"',
        f"TIERSLIEU_SEARCH={'true' if search else 'false'}",
        f'TIERSLIEU_BUILD_DATE="{TODAY.isoformat()}"',
    ]


def bare_build(bare: Path, output: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pelican",
        str(bare / "content"),
        "-o",
        str(output),
        "-s",
        str(bare / "pelicanconf.py"),
    ]


def measure_full(work: Path, events: int, pepites: int, articles: int, runs: int) -> dict:
    site = write_site(work / "site", events, pepites, articles, TODAY)
    bare = write_bare_site(work / "bare", site)
    settings = settings_for(site)
    results: dict = {}
    results["load"], _ = timed(lambda: load_data(data_path(settings), project_root(settings)), runs)
    results["prepare"], site_data = timed(lambda: load_site(settings), runs)

    def feeds():
        maker = CalendarMaker(site_data)
        for feed in calendar_feeds(site_data):
            maker.calendar(feed.events, name=feed.name, description="…", check_as=feed.save_as)
        for event in site_data.events:
            maker.calendar([event], check_as=event.ics_save_as)

    results["feeds"], _ = timed(feeds, runs)
    results["feed_count"] = len(calendar_feeds(site_data))
    # Warm-up: fills the image and QR code caches, as on any second build.
    build(our_build(site, work / "out"))
    ours, theirs, memory = [], [], []
    for _ in range(runs):  # A B A B, in one run, on the same machine
        elapsed, peak = build(our_build(site, work / "out"))
        ours.append(elapsed)
        memory.append(peak)
        theirs.append(build(bare_build(bare, work / "bare-out"))[0])
    results["ours"], results["bare"] = statistics.median(ours), statistics.median(theirs)
    results["memory"] = max(memory)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(work / "out"), "--silent"], check=True)
    results["search"] = time.perf_counter() - started
    output = work / "out"
    files = [output / "index.html", output / "theme/css/site.css", output / "theme/js/site.js"]
    results["home"] = sum(len(gzip.compress(path.read_bytes(), 9)) for path in files)
    results["pages"] = sum(1 for _ in output.rglob("*.html"))
    results["bare_pages"] = sum(1 for _ in (work / "bare-out").rglob("*.html"))
    return results


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return ""


def _wait(url: str, predicate, timeout: float = 60) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if predicate(_fetch(url)):
            return time.perf_counter() - started
        time.sleep(0.02)
    raise SystemExit(f"preview: timed out on {url}")


def measure_preview(work: Path, runs: int) -> dict:
    site = write_site(work / "preview-site", 400, 50, 200, TODAY)
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "pelican.plugins.tierslieu.editors.preview",
        "--port",
        str(port),
        "--content",
        str(site / "content"),
        "--output",
        str(work / "preview-out"),
        "--watch",
        str(site / "content"),
        "--watch",
        str(site / "data"),
        f'DATA_PATH="{site / "data"}"',
        'SITEURL="http://localhost"',
        f'TIERSLIEU_BUILD_DATE="{TODAY.isoformat()}"',
    ]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://localhost:{port}"
    try:
        event_file = sorted((site / "data/events").glob("*.yaml"))[5]
        article_file = site / "content/article-3.md"
        event_url = f"{base}/agenda/{event_file.stem}/"
        year = article_file.read_text(encoding="utf-8").split("Date: ", 1)[1][:4]
        article_url = f"{base}/actualites/{year}/article-3/"
        _wait(event_url, lambda page: "<h1" in page, timeout=120)
        results: dict = {"event": [], "article": []}
        for run in range(runs):
            marker = f"Modifié {run}"
            text = event_file.read_text(encoding="utf-8").split("\n", 1)
            event_file.write_text(f'title: "{marker}"\n{text[1]}', encoding="utf-8")
            results["event"].append(_wait(event_url, lambda page, m=marker: m in page))
            lines = article_file.read_text(encoding="utf-8").split("\n", 1)
            article_file.write_text(f"Title: Article {marker}\n{lines[1]}", encoding="utf-8")
            results["article"].append(_wait(article_url, lambda page, m=marker: f"Article {m}" in page))
        return {key: statistics.median(values) for key, values in results.items()}
    finally:
        process.terminate()
        process.wait(timeout=10)


def table(full: dict, preview: dict, sizes: tuple[int, int, int]) -> str:
    events, pepites, _articles = sizes
    ratio = full["ours"] / full["bare"]
    rows = [
        (
            f"chargement + validation ({pepites} pépites, {events} événements)",
            f"{full['load']:.2f} s",
            "< 0,5 s",
            full["load"] < 0.5,
        ),
        ("  + préparation (dates des séries, historique git ; Markdown à part)", f"{full['prepare']:.2f} s", "—", None),
        (
            f"flux iCalendar ({full['feed_count']} flux + {events} fichiers .ics, avec le contrôle)",
            f"{full['feeds']:.2f} s",
            "< 1 s",
            full["feeds"] < 1,
        ),
        (f"construction complète ({full['pages']} pages HTML)", f"{full['ours']:.2f} s", "—", None),
        (f"Pelican nu, mêmes contenus ({full['bare_pages']} pages HTML)", f"{full['bare']:.2f} s", "—", None),
        ("rapport construction / Pelican nu", f"{ratio:.2f}", "≤ 1,20", ratio <= 1.2),
        ("index de recherche (Pagefind), à part", f"{full['search']:.2f} s", "—", None),
        (
            "aperçu : un événement modifié → page servie (50/400/200)",
            f"{preview['event']:.2f} s",
            "< 1 s",
            preview["event"] < 1,
        ),
        (
            "aperçu : un article modifié → page servie (50/400/200)",
            f"{preview['article']:.2f} s",
            "< 1 s",
            preview["article"] < 1,
        ),
        ("mémoire maximale de la construction complète", f"{full['memory'] / 1024:.0f} Mo", "—", None),
        (
            "page d'accueil, HTML + CSS + JS (gzip)",
            f"{full['home'] / 1024:.1f} Ko",
            "≤ 30 Ko",
            full["home"] <= 30 * 1024,
        ),
    ]
    width = max(len(row[0]) for row in rows)
    lines = [f"{'mesure':<{width}}  {'médiane':>9}  {'cible':>8}", "-" * (width + 25)]
    for label, value, target, ok in rows:
        mark = "" if ok is None else ("  ok" if ok else "  NON")
        lines.append(f"{label:<{width}}  {value:>9}  {target:>8}{mark}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--pepites", type=int, default=100)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", help="also write the figures to this file")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        work = Path(folder)
        full = measure_full(work, options.events, options.pepites, options.articles, options.runs)
        preview = measure_preview(work, options.runs)
    print(
        f"Machine : {platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()}, "
        f"{options.runs} mesures par ligne (médiane)"
    )
    print(table(full, preview, (options.events, options.pepites, options.articles)))
    if options.json:
        Path(options.json).write_text(json.dumps({**full, **{f"preview_{k}": v for k, v in preview.items()}}, indent=1))


if __name__ == "__main__":
    main()
