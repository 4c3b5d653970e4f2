"""The bench's smoke run prints every figure with its target (no timing is asserted)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
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
    "coût par page, sans recherche",
    "aperçu : un événement enregistré → page rechargée",
    "aperçu : une pépite enregistrée → page rechargée",
    "aperçu : un article enregistré → page rechargée",
    "page d'accueil",
    "construction à 90 événements",
    "linéarité : le coût par page à 90 événements",
    "mémoire max. du plus gros processus à 90 événements",
]


def test_the_quick_bench_reports_every_figure_with_its_target():
    require_tool(shutil.which("node") is not None and os.path.exists("/usr/bin/chromium"), "Node and Chromium")
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = result.stdout.splitlines()
    assert report[0].startswith("Machine : ") and "charge (1, 5, 15 min)" in report[0]
    assert report[1].startswith("Essai rapide (--quick)") and "ne s'appliquent pas" in report[1]
    assert "1 tour apparié (" in report[2] and "os.sched_setaffinity" in report[2]
    assert report[3].startswith("Colonnes : médiane et min–max")
    for label in LINES:
        found = [line for line in report[:-1] if label in line]
        assert len(found) == 1, (label, result.stdout)
        # median, min–max, target, met (oui / NON / —), load: every line has its five columns
        columns = found[0].split()
        assert columns[-2] in {"oui", "NON", "—"}, found[0]
    saves = [line for line in report if line.startswith("aperçu")]
    assert all("(2 fois)" in line and " ≤ " in line for line in saves), saves
    assert report[-1] == "Cibles : non jugées (essai rapide sur un petit lieu)."
    assert all(line.split()[-2] != "NON" for line in report[6:-1])  # SPEC's targets are not the tiny venue's


def test_the_synthetic_venue_of_the_full_bench_passes_the_rules(tmp_path):
    """The loading figure's venue (100 pépites, 2,000 events) is valid data: no two pépites share a name."""
    from benchmarks.run import TODAY, settings_for  # noqa: PLC0415
    from benchmarks.synthetic import write_site  # noqa: PLC0415
    from pelican.plugins.tierslieu.generator import load_site  # noqa: PLC0415

    site = load_site(settings_for(write_site(tmp_path / "venue", 2000, 100, 20, TODAY)))
    assert len(site.pepites) == 100 and len(site.events) == 2000


def test_the_sign_test_calls_a_figure_worse_only_when_chance_would_rarely_give_it():
    """`invoke bench --against`: one-sided sign test at 5 % over the pairs (avant, après), ties left out."""
    from benchmarks.compare import sign_test  # noqa: PLC0415

    assert sign_test([(1.0, 2.0)] * 5) == (5, 5, "PIRE")  # 1/32
    assert sign_test([(1.0, 2.0)] * 4 + [(2.0, 1.0)]) == (4, 5, "pareil")  # 6/32
    assert sign_test([(1.0, 2.0)] * 4) == (4, 4, "indécis")  # 1/16: four pairs can never decide
    assert sign_test([(2.0, 1.0)] * 5) == (0, 5, "mieux")
    assert sign_test([(1.0, 2.0)] * 15 + [(2.0, 1.0)] * 5) == (15, 20, "PIRE")  # 21,700 / 2**20 = 0.021
    assert sign_test([(1.0, 2.0)] * 14 + [(2.0, 1.0)] * 6) == (14, 20, "pareil")  # 60,460 / 2**20 = 0.058
    assert sign_test([(1.0, 1.0)] * 3 + [(1.0, 2.0)] * 5) == (5, 5, "PIRE")  # ties left out
    assert sign_test([(3.0, 3.0)] * 5) == (0, 0, "indécis")
    assert sign_test([(1.0, 2.0)]) == (1, 1, "indécis")  # what a quick run has


def test_the_last_line_says_when_too_few_pairs_decide_nothing():
    from benchmarks.compare import conclusion  # noqa: PLC0415

    line = ("flux iCalendar", "1 s", "1 s", "1.00", "1.00–1.00")
    assert conclusion([(*line, "0/5", "pareil"), (*line, "0/5", "mieux")]) == "Aucune mesure pire qu'avant."
    assert conclusion([(*line, "5/5", "PIRE"), (*line, "1/1", "indécis")]) == "Pires qu'avant : 1 (flux iCalendar)."
    assert conclusion([(*line, "0/1", "indécis")]).startswith(
        "Rien ne peut être conclu : 1 mesure(s) avec trop peu de paires"
    )


def test_the_report_lines_give_both_medians_the_paired_ratio_and_the_verdict():
    from benchmarks.compare import format_table, home_row, row  # noqa: PLC0415

    line = row("flux iCalendar", [(1.0, 1.1), (2.0, 2.4), (1.5, 1.5)])
    assert line == ("flux iCalendar", "1.50 s", "1.50 s", "1.10", "1.00–1.20", "2/2", "indécis")
    memory = row("mémoire", [(102_400, 97_280)] * 5, " Mo", 1 / 1024, 1)
    assert memory[1:3] == ("100.0 Mo", "95.0 Mo") and memory[-1] == "mieux"
    assert home_row((8_400, 8_500))[-1] == "PIRE" and home_row((8_400, 8_400))[-1] == "pareil"
    text = format_table([line, memory]).splitlines()
    assert text[0].split() == ["mesure", "avant", "après", "après/avant", "min–max", "plus", "lent", "verdict"]
    assert text[2].endswith("2/2  indécis") and text[3].endswith("0/5  mieux")


def test_the_revision_compared_runs_its_own_code_on_the_same_venue(tmp_path):
    """`invoke bench --against REV` exports REV by git archive; its loading runs that copy's code, in turn with ours."""
    from benchmarks.compare import ROOT as BENCH_ROOT  # noqa: PLC0415
    from benchmarks.compare import Tree, export, loading_pairs, site_for  # noqa: PLC0415

    before = Tree("avant", export("HEAD", tmp_path / "avant"))
    assert (before.root / "pelicanconf.py").is_file() and not (before.root / ".git").exists()
    imported = subprocess.run(
        [sys.executable, "-c", "import pelican.plugins.tierslieu as plugin; print(plugin.__file__)"],
        cwd=before.root,
        env=before.env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert imported.stdout.strip() == str(before.root / "src/pelican/plugins/tierslieu/__init__.py")
    trees = [before, Tree("après", BENCH_ROOT)]
    sizes = {"events": 12, "pepites": 4, "articles": 0}
    sites = {tree.name: site_for(tree, tmp_path / f"site-{tree.name}", sizes) for tree in trees}
    assert (sites["avant"] / "data/venue.yaml").read_bytes() == (before.root / "data/venue.yaml").read_bytes()
    figures = loading_pairs(trees, sites, 2, tmp_path)
    assert set(figures) == {"load", "prepare", "feeds"}
    for sides in figures.values():
        assert set(sides) == {"avant", "après"}
        assert all(
            len(values) == 2 and all(len(pair) == 2 and pair[0] > 0 for pair in values) for values in sides.values()
        )


def test_an_unknown_revision_is_refused_in_french(tmp_path):
    from benchmarks.compare import export  # noqa: PLC0415

    with pytest.raises(SystemExit, match="git ne connaît pas la révision « pas-une-revision »"):
        export("pas-une-revision", tmp_path / "avant")
