"""The in-process figures of SPEC section 5: loading + validation, preparation, and the calendar feeds.

Run in the bench's own process for the tree it belongs to, or as a child
for another tree (`invoke bench --against`): ``python benchmarks/loading.py
TREE SITE REPORT`` with ``PYTHONPATH=TREE/src:ROOT`` measures TREE's code
on SITE once, after one untimed load, and writes ``{"load": [wall, cpu],
"prepare": [...], "feeds": [...]}`` (seconds) to REPORT.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date
from pathlib import Path

from pelican.settings import read_settings

from pelican.plugins.tierslieu.generator import load_site
from pelican.plugins.tierslieu.ical.vevents import CalendarMaker
from pelican.plugins.tierslieu.model.loading import load_data
from pelican.plugins.tierslieu.settings import apply_defaults, data_path, project_root
from pelican.plugins.tierslieu.subscriptions import calendar_feeds

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 24)
"""The synthetic venue's « today » (SPEC section 5's venue is written around it)."""


def settings_for(site: Path, tree: Path = ROOT) -> dict:
    """Return the settings of ``tree`` (its pelicanconf.py) pointed at a synthetic site."""
    settings = read_settings(
        str(tree / "pelicanconf.py"),
        override={
            "PATH": str(site / "content"),
            "DATA_PATH": str(site / "data"),
            "SITEURL": "https://bench.example.org",
            "TIERSLIEU_BUILD_DATE": TODAY.isoformat(),
        },
    )
    apply_defaults(settings)
    return settings


def timed(function, runs: int) -> tuple[list[float], list[float], object]:
    """Return the durations (s) of ``runs`` calls, the load average before each, and the last result."""
    durations, loads, result = [], [], None
    for _ in range(runs):
        loads.append(os.getloadavg()[0])
        started = time.perf_counter()
        result = function()
        durations.append(time.perf_counter() - started)
    return durations, loads, result


def calendars(site_data) -> None:
    """Write every calendar file of a prepared site in memory: the feeds of SPEC section 3 and one per event."""
    maker = CalendarMaker(site_data)
    for feed in calendar_feeds(site_data):
        maker.calendar(feed.events, name=feed.name, description="…", check_as=feed.save_as)
    for event in site_data.events:
        maker.calendar([event], check_as=event.ics_save_as)


def steps(settings: dict) -> dict:
    """Return the three figures' work as calls: ``load`` (load_data), ``prepare`` (load_site), ``feeds``.

    ``feeds`` writes the calendars of the site the last ``prepare`` call returned.
    """
    prepared = {}

    def prepare():
        prepared["site"] = load_site(settings)
        return prepared["site"]

    return {
        "load": lambda: load_data(data_path(settings), project_root(settings)),
        "prepare": prepare,
        "feeds": lambda: calendars(prepared["site"]),
    }


def measure_loading(site: Path, runs: int, tree: Path = ROOT) -> dict:
    """Time loading + validation, preparation and the calendar feeds of ``site``, ``runs`` times each, in this process.

    Returns ``{"load" | "prepare" | "feeds": (durations, loads, last result), "feed_count": int}``.
    """
    results: dict = {name: timed(step, runs) for name, step in steps(settings_for(site, tree)).items()}
    results["feed_count"] = len(calendar_feeds(results["prepare"][2]))
    return results


def once(tree: Path, site: Path) -> dict[str, list[float]]:
    """Load ``site`` once untimed, then time each figure once: ``{figure: [wall seconds, CPU seconds]}``.

    The CPU time is this process's (``time.process_time``): the figures run
    in this process only.
    """
    settings = settings_for(site, tree)
    load_site(settings)  # untimed: imports, and the image checks every later load reuses, as in measure_loading
    figures = {}
    for name, step in steps(settings).items():
        cpu, wall = time.process_time(), time.perf_counter()
        step()
        figures[name] = [time.perf_counter() - wall, time.process_time() - cpu]
    return figures


if __name__ == "__main__":
    tree_folder, site_folder, report = sys.argv[1:4]
    Path(report).write_text(json.dumps(once(Path(tree_folder), Path(site_folder))), encoding="utf-8")
