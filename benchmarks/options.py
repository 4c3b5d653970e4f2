"""What `invoke bench` and `invoke bench --against` share: the venue's sizes, their options, the machine's line."""

from __future__ import annotations

import argparse
import os
import platform
from dataclasses import dataclass

FULL = {"events": 400, "pepites": 50, "articles": 200}
"""SPEC section 5's venue for the builds and the preview."""
LOADING = {"events": 2000, "pepites": 100, "articles": 0}
"""SPEC section 5's venue for loading and the calendar feeds."""
SCALE = {"events": 5000, "pepites": 50, "articles": 200}
"""The scale line's venue (issue 13: 5,000 events stay linear): SPEC's venue with 5,000 events."""
SCALE_RUNS = 3
"""Rounds of the scale line, at most (a build there takes ten times as long)."""
QUICK = {"events": 30, "pepites": 6, "articles": 10}
QUICK_LOADING = {"events": 60, "pepites": 6, "articles": 0}
QUICK_SCALE = {"events": 90, "pepites": 6, "articles": 10}


@dataclass
class Plan:
    """What one run measures: rounds, saves per kind of item, the two venues' sizes, the raw figures' file."""

    runs: int
    saves: int
    quick: bool
    sizes: dict
    loading_sizes: dict
    json: str | None
    revision: str | None = None
    asked_saves: int = 20
    scale_sizes: dict | None = None

    def notice(self, targets: bool = True) -> str:
        """Return a line telling what of the command line this run does not use, or '' (``targets``: it has some)."""
        if self.quick:
            tail = " ; les cibles ne s'appliquent pas à ce petit lieu" if targets else ""
            return (
                f"Essai rapide (--quick) : un petit lieu, 1 tour, 2 enregistrements ; --runs et --saves ignorés{tail}."
            )
        if self.asked_saves < self.saves:
            return f"Enregistrements : {self.saves} et non {self.asked_saves} (20 au moins, SPEC section 5)."
        return ""


def parse(description: str, argv: list[str] | None, revision: bool = False) -> Plan:
    """Read the bench's command line (``revision``: a first argument, the tree compared); quick = 1 round, 2 saves."""
    parser = argparse.ArgumentParser(description=description)
    if revision:
        parser.add_argument("revision", help="the revision to compare this tree with (avant), e.g. a commit or a tag")
    parser.add_argument("--runs", type=int, default=5, help="paired rounds per build line (5)")
    parser.add_argument(
        "--saves", type=int, default=20, help="saves per kind of item (and tree) in the preview: 20 at least (SPEC 5)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: tiny venue, 1 round, 2 saves (--runs, --saves ignored)"
    )
    parser.add_argument("--json", help="also write the figures to this file")
    options = parser.parse_args(argv)
    sizes, loading_sizes = (QUICK, QUICK_LOADING) if options.quick else (FULL, LOADING)
    runs, saves = (1, 2) if options.quick else (options.runs, max(options.saves, 20))
    revision = getattr(options, "revision", None)
    scale = QUICK_SCALE if options.quick else SCALE
    return Plan(runs, saves, options.quick, sizes, loading_sizes, options.json, revision, options.saves, scale)


def rounds(runs: int) -> str:
    """Return « 1 tour apparié » or « 5 tours appariés »."""
    return f"{runs} tour apparié" if runs == 1 else f"{runs} tours appariés"


def machine_line(load_before: tuple[float, float, float]) -> str:
    """Return the report's first line: the machine, and its load averages at the start and now."""
    return (
        f"Machine : {platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()} ; "
        f"charge (1, 5, 15 min) au départ : {', '.join(f'{x:.2f}' for x in load_before)}, "
        f"à la fin : {', '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
