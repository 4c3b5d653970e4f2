"""The bench's smoke run prints every figure with its target (no timing is asserted)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import ROOT, require_tool

LINES = [
    "chargement + validation",
    "puis préparation",
    "flux iCalendar",
    "construction livrée, avec recherche",
    "construction sans index de recherche (2 cœurs, chaud)",
    "Pelican nu, mêmes contenus",
    *(
        f"{side} / Pelican nu ({where})"
        for where in ("2 cœurs, chaud", "1 cœur, chaud", "2 cœurs, froid", "1 cœur, froid")
        for side in ("sans recherche", "avec recherche")
    ),
    "mémoire max. du plus gros processus / Pelican nu",
    "index de recherche (Pagefind) seul",
    "coût par page",
    "aperçu : un événement enregistré → page rechargée",
    "aperçu : une pépite enregistrée → page rechargée",
    "aperçu : un article enregistré → page rechargée",
    "page d'accueil",
]


def test_the_quick_bench_reports_every_figure_with_its_target():
    require_tool(shutil.which("node") is not None and os.path.exists("/usr/bin/chromium"), "Node and Chromium")
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = result.stdout.splitlines()
    assert report[0].startswith("Machine : ") and "charge (1, 5, 15 min)" in report[0]
    assert "os.sched_setaffinity" in report[1]
    for label in LINES:
        found = [line for line in report[:-1] if label in line]
        assert len(found) == 1, (label, result.stdout)
        # median, min–max, target, met (oui / NON / —), load: every line has its five columns
        columns = found[0].split()
        assert columns[-2] in {"oui", "NON", "—"}, found[0]
    saves = [line for line in report if line.startswith("aperçu")]
    assert all("(2 fois)" in line and " ≤ " in line for line in saves), saves
    assert report[-1].startswith("Cibles ")


def test_the_synthetic_venue_of_the_full_bench_passes_the_rules(tmp_path):
    """The loading figure's venue (100 pépites, 2,000 events) is valid data: no two pépites share a name."""
    from benchmarks.run import TODAY, settings_for  # noqa: PLC0415
    from benchmarks.synthetic import write_site  # noqa: PLC0415
    from pelican.plugins.tierslieu.generator import load_site  # noqa: PLC0415

    site = load_site(settings_for(write_site(tmp_path / "venue", 2000, 100, 20, TODAY)))
    assert len(site.pepites) == 100 and len(site.events) == 2000
