"""`invoke bench --against REV`: every figure of the bench for this tree and for REV, measured side by side.

On a shared machine the load moves a figure more from one run to the next
than a change of code does, so two runs of `invoke bench` cannot say
whether a figure got worse. Here both trees are measured in the same run,
interleaved, and compared pair by pair:

- **the trees**: « avant » is REV exported by ``git archive`` into a
  temporary folder, « après » this working tree as it is; both run with
  this virtual environment, each with its own ``src/`` first on
  ``PYTHONPATH`` and its own ``pelicanconf.py`` and theme;
- **the same venue** (benchmarks/synthetic.py: the same pépites, events
  and articles), written for each tree with that tree's own demo venue
  file (an older model may not know every key of ours);
- **pairs**: loading, preparation and the feeds are measured in a fresh
  process per tree and round (``benchmarks/loading.py``), the two trees in
  turn, the first of each round alternating; each build round runs avant,
  après, bare Pelican, après with search, avant with search (the next round
  starts with après); the previews run side by side, each on its copy of
  the venue, their saves alternating;
- **CPU time** (user + system, of the build and the children it waited
  for) is reported beside wall time: the load moves it least;
- **the verdict** of each figure is a one-sided sign test at 5 % over its
  pairs (ties left out): « PIRE » when après is slower (or larger) in so many
  pairs that chance would give it less than one time in twenty, « mieux »
  the other way, « pareil » otherwise. Five pairs decide only when all five
  agree; the home page's size, measured once, is compared as it is.
"""

from __future__ import annotations

import gzip
import io
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks import builds, preview
from benchmarks.loading import TODAY
from benchmarks.options import machine_line, parse, rounds
from benchmarks.synthetic import write_bare_site, write_site

ROOT = Path(__file__).resolve().parent.parent
SIGNIFICANCE = 0.05
UNDECIDED = "indécis"
"""The verdict of a figure with too few pairs for the sign test to ever decide (fewer than 5)."""
LEGEND = (
    "Colonnes : avant, après = médianes ; après/avant = médiane des rapports de chaque paire, min–max = de ces "
    "rapports ; plus lent = paires où après est plus lent (plus gros pour la mémoire et la taille), sur celles "
    "qui diffèrent ; verdict = test des signes unilatéral à 5 % : PIRE, mieux, pareil, ou indécis (moins de 5 paires)."
)
CONFIGS = (
    (2, True, "2 cœurs, chaud"),
    (1, True, "1 cœur, chaud"),
    (2, False, "2 cœurs, froid"),
    (1, False, "1 cœur, froid"),
)


@dataclass
class Tree:
    """One side of the comparison: its name in the report, its folder, and the environment its code runs with."""

    name: str
    root: Path

    @property
    def env(self) -> dict:
        return {**os.environ, "PYTHONPATH": os.pathsep.join([str(self.root / "src"), str(ROOT)])}


def export(revision: str, folder: Path) -> Path:
    """Write ``revision``'s files (``git archive``) into ``folder``; raise SystemExit if git does not know it."""
    archive = subprocess.run(["git", "archive", "--format=tar", revision], cwd=ROOT, capture_output=True, check=False)
    if archive.returncode:
        raise SystemExit(
            f"bench : git ne connaît pas la révision « {revision} » (un commit, une branche ou une étiquette)"
        )
    folder.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def sign_test(pairs: list[tuple[float, float]]) -> tuple[int, int, str]:
    """Return (pairs where après is larger, pairs that differ, verdict) for ``(avant, après)`` pairs.

    One-sided sign test (ties left out): the chance of at least that many
    larger values out of ``n`` when each side is as likely to win is
    ``sum(C(n, k)) / 2**n``; at most ``SIGNIFICANCE`` gives « PIRE » (or
    « mieux » for smaller values), otherwise « pareil ». With so few pairs
    that even all of them one way would not be significant (fewer than 5),
    nothing can be told: « indécis ».
    """
    larger = sum(after > before for before, after in pairs)
    smaller = sum(after < before for before, after in pairs)
    count = larger + smaller
    if 0.5**count > SIGNIFICANCE:
        return larger, count, UNDECIDED

    def tail(wins: int) -> float:
        return sum(math.comb(count, k) for k in range(wins, count + 1)) / 2**count

    if count and tail(larger) <= SIGNIFICANCE:
        return larger, count, "PIRE"
    if count and tail(smaller) <= SIGNIFICANCE:
        return larger, count, "mieux"
    return larger, count, "pareil"


def site_for(tree: Tree, folder: Path, sizes: dict) -> Path:
    """Write the synthetic venue of ``sizes`` into ``folder`` with ``tree``'s own demo venue file; return it."""
    counts = (sizes["events"], sizes["pepites"], sizes["articles"])
    return write_site(folder, *counts, TODAY, venue=tree.root / "data" / "venue.yaml")


def loading_pairs(trees: list[Tree], sites: dict[str, Path], runs: int, work: Path) -> dict[str, dict[str, list]]:
    """Measure loading, preparation and the feeds of each tree's site once per round, each in a fresh process.

    Returns ``{figure: {tree name: [[wall s, CPU s], ...]}}``.
    """
    figures: dict[str, dict[str, list]] = {}
    for index in range(runs):
        for tree in trees if index % 2 == 0 else trees[::-1]:
            report = work / f"report-{tree.name}.json"
            site = str(sites[tree.name])
            command = [sys.executable, str(ROOT / "benchmarks" / "loading.py"), str(tree.root), site, str(report)]
            done = subprocess.run(command, cwd=tree.root, env=tree.env, capture_output=True, text=True, check=False)
            if done.returncode:
                raise SystemExit(f"bench: loading failed in {tree.name}\n{done.stderr[-2000:]}")
            for figure, values in json.loads(report.read_text(encoding="utf-8")).items():
                figures.setdefault(figure, {}).setdefault(tree.name, []).append(values)
    return figures


def _command(tree: Tree | None, side: str, venue: builds.Venue, output: Path, cache: Path) -> list[str]:
    if tree is None:
        return builds.bare_command(venue.bare, output, cache)
    site = venue.work / f"site-{tree.name}"
    return builds.our_command(site, output, cache, venue.today, search=side == "ours_search")


def build_pairs(trees: list[Tree], venue: builds.Venue, runs: int) -> dict[str, dict[str, list]]:
    """Run the rounds of every configuration; return ``{config: {"avant:ours" | … | "bare": [Measured, …]}}``.

    A round is avant, après, bare Pelican, après with search, avant with
    search; the next round starts with après. Each tree builds its site,
    ``venue.work / "site-<name>"``. Warm: each build keeps its own
    cache folder between rounds, filled by one untimed build first. Cold:
    each build starts with an empty one. Each build writes into a fresh folder.
    """
    results = {}
    for count, warm, label in CONFIGS:
        cpus = builds.cores(count)
        measured: dict[str, list] = {}
        for index in range(-1 if warm else 0, runs):
            first, second = trees if index % 2 == 0 else trees[::-1]
            for tree, side in (
                (first, "ours"),
                (second, "ours"),
                (None, "bare"),
                (second, "ours_search"),
                (first, "ours_search"),
            ):
                key = f"{tree.name}:{side}" if tree else "bare"
                folder = key.replace(":", "-")
                cache = venue.work / f"cache-{count}-{warm}-{folder}"
                if not warm:
                    shutil.rmtree(cache, ignore_errors=True)
                output = venue.work / f"out-{count}-{folder}-{index}"
                result = builds.run(
                    _command(tree, side, venue, output, cache),
                    cpus,
                    tree.root if tree else venue.bare,
                    tree.env if tree else None,
                )
                if index >= 0:
                    measured.setdefault(key, []).append(result)
                kept = venue.work / f"last-{folder}"
                shutil.rmtree(kept, ignore_errors=True)
                output.rename(kept)
        results[label] = measured
    return results


def indexer_pairs(trees: list[Tree], venue: builds.Venue, runs: int) -> dict[str, list]:
    """Run Pagefind alone on each tree's last site ``runs`` times in turn; return ``{tree name: [Measured, …]}``."""
    measured: dict[str, list] = {}
    for index in range(runs):
        for tree in trees if index % 2 == 0 else trees[::-1]:
            site = venue.work / f"last-{tree.name}-ours"
            command = [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                str(site),
                "--output-subdir",
                "pagefind-bench",
                "--silent",
            ]
            measured.setdefault(tree.name, []).append(builds.run(command, builds.cores(2)))
            shutil.rmtree(site / "pagefind-bench", ignore_errors=True)
    return measured


def home_size(site: Path) -> int:
    """Return the gzip -9 size (bytes) of a built site's home page, CSS and JS."""
    files = [site / "index.html", site / "theme/css/site.css", site / "theme/js/site.js"]
    return sum(len(gzip.compress(path.read_bytes(), 9)) for path in files)


def row(label: str, pairs: list[tuple[float, float]], unit: str = " s", scale: float = 1.0, digits: int = 2) -> tuple:
    """Return a line of the report: label, avant's and après's medians, the paired ratio's median and min–max, the count, the verdict."""
    ratios = [after / before for before, after in pairs if before]
    larger, count, verdict = sign_test(pairs)
    before, after = (statistics.median(side) * scale for side in zip(*pairs, strict=True))
    return (
        label,
        f"{before:.{digits}f}{unit}",
        f"{after:.{digits}f}{unit}",
        f"{statistics.median(ratios):.2f}",
        f"{min(ratios):.2f}–{max(ratios):.2f}",
        f"{larger}/{count}",
        verdict,
    )


def rows(trees: list[Tree], loading: dict, full: dict, indexer: dict, saves: dict, pages: dict) -> list[tuple]:
    """Return every line of the report, in the order of `invoke bench`'s own."""
    before, after = (tree.name for tree in trees)
    names = {"load": "chargement + validation", "prepare": "  puis préparation", "feeds": "flux iCalendar"}
    table = []
    for figure, label in names.items():
        for index, what in ((0, ""), (1, ", temps CPU")):
            pairs = [(b[index], a[index]) for b, a in zip(loading[figure][before], loading[figure][after], strict=True)]
            table.append(row(f"{label}{what}", pairs))
    for _, _, where in CONFIGS:
        measured = full[where]
        bare = [result.seconds for result in measured["bare"]]
        for side, name in (("ours", "sans recherche"), ("ours_search", "avec recherche")):
            mine = list(zip(measured[f"{before}:{side}"], measured[f"{after}:{side}"], strict=True))
            ratios = [(b.seconds / base, a.seconds / base) for (b, a), base in zip(mine, bare, strict=True)]
            table.append(row(f"{name} / Pelican nu ({where})", ratios, unit=""))
            table.append(row(f"  temps CPU, {name} ({where})", [(b.cpu_seconds, a.cpu_seconds) for b, a in mine]))
    warm = list(zip(full[CONFIGS[0][2]][f"{before}:ours"], full[CONFIGS[0][2]][f"{after}:ours"], strict=True))
    peaks = [(b.peak_kib, a.peak_kib) for b, a in warm]
    table.append(row("mémoire max. du plus gros processus (2 cœurs, chaud)", peaks, " Mo", 1 / 1024, 1))
    searched = list(zip(indexer[before], indexer[after], strict=True))
    table.append(row("  index de recherche (Pagefind) seul : durée", [(b.seconds, a.seconds) for b, a in searched]))
    table.append(
        row(
            "  index de recherche (Pagefind) seul : mémoire",
            [(b.peak_kib, a.peak_kib) for b, a in searched],
            " Mo",
            1 / 1024,
            1,
        )
    )
    per_page = [(b.seconds / pages[before], a.seconds / pages[after]) for b, a in warm]
    table.append(row("coût par page, sans recherche (2 cœurs, chaud)", per_page, unit=" ms", scale=1000))
    kinds = {"event": "un événement enregistré", "pepite": "une pépite enregistrée", "article": "un article enregistré"}
    for kind, label in kinds.items():
        pairs = list(zip(saves[f"{before}:{kind}"], saves[f"{after}:{kind}"], strict=True))
        table.append(row(f"aperçu : {label} → page rechargée", pairs))
    return table


def home_row(sizes: tuple[int, int]) -> tuple:
    """Return the home page's line: one size per tree, « PIRE » if après's is larger (it does not vary between builds)."""
    before, after = sizes
    verdict = "PIRE" if after > before else ("mieux" if after < before else "pareil")
    ratio = f"{after / before:.2f}"
    return (
        "page d'accueil, HTML + CSS + JS (gzip -9)",
        f"{before / 1024:.1f} Ko",
        f"{after / 1024:.1f} Ko",
        ratio,
        "—",
        "—",
        verdict,
    )


def format_table(table: list[tuple]) -> str:
    """Return the report as aligned text lines."""
    width = max(len(line[0]) for line in table)
    header = f"{'mesure':<{width}}  {'avant':>10}  {'après':>10}  {'après/avant':>11}  {'min–max':>9}  {'plus lent':>9}  verdict"
    lines = [header, "-" * len(header)]
    for label, before, after, ratio, spread, count, verdict in table:
        lines.append(f"{label:<{width}}  {before:>10}  {after:>10}  {ratio:>11}  {spread:>9}  {count:>9}  {verdict}")
    return "\n".join(lines)


def _describe(revision: str) -> str:
    found = subprocess.run(
        ["git", "rev-parse", "--short", revision], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return found.stdout.strip() or revision


def main(argv: list[str] | None = None) -> int:
    plan = parse(__doc__.splitlines()[0], argv, revision=True)
    runs, saves, sizes, loading_sizes = plan.runs, plan.saves, plan.sizes, plan.loading_sizes
    preview.require()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as folder:
        work = Path(folder)
        trees = [Tree("avant", export(plan.revision, work / "avant")), Tree("après", ROOT)]
        for tree in trees:
            builds.compile_tree(tree.root)
        sites = {tree.name: site_for(tree, work / f"loading-{tree.name}", loading_sizes) for tree in trees}
        loading = loading_pairs(trees, sites, runs, work)
        sites = {tree.name: site_for(tree, work / f"site-{tree.name}", sizes) for tree in trees}
        venue = builds.Venue(sites["après"], write_bare_site(work / "bare", sites["après"]), work, TODAY.isoformat())
        full = build_pairs(trees, venue, runs)
        indexer = indexer_pairs(trees, venue, runs)
        built = {tree.name: work / f"last-{tree.name}-ours" for tree in trees}
        pages = {name: sum(1 for _ in folder.rglob("*.html")) for name, folder in built.items()}
        homes = tuple(home_size(folder) for folder in built.values())
        previews = [
            (tree.name, site_for(tree, work / f"preview-{tree.name}", sizes), tree.root, tree.env) for tree in trees
        ]
        pause = 0.3 if plan.quick else 1.5
        saved = preview.measure(previews[0][1], work, TODAY.isoformat(), saves, pause, previews=previews)
    print(machine_line(load_before))
    if plan.notice(targets=False):
        print(plan.notice(targets=False))
    print(
        f"avant : {plan.revision} ({_describe(plan.revision)}) ; après : cet arbre ({_describe('HEAD')}"
        f"{' et ses modifications non enregistrées' if _modified() else ''}) ; {rounds(runs)}, "
        f"{saves} enregistrements par sorte d'élément et par arbre ; pages : {pages['avant']} avant, "
        f"{pages['après']} après."
    )
    print(LEGEND)
    table = [*rows(trees, loading, full, indexer, saved, pages), home_row(homes)]
    print(format_table(table))
    if plan.json:
        Path(plan.json).write_text(json.dumps(table, indent=1, ensure_ascii=False), encoding="utf-8")
    print(conclusion(table))
    return 0


def conclusion(table: list[tuple]) -> str:
    """Return the report's last line: the figures found worse, or none, or that too few pairs decide nothing."""
    worse = [line[0].strip() for line in table if line[-1] == "PIRE"]
    undecided = [line for line in table if line[-1] == UNDECIDED]
    if worse:
        return f"Pires qu'avant : {len(worse)} ({' ; '.join(worse)})."
    if undecided:
        return (
            f"Rien ne peut être conclu : {len(undecided)} mesure(s) avec trop peu de paires (il en faut 5 au moins ; "
            "--runs 5, sans --quick)."
        )
    return "Aucune mesure pire qu'avant."


def _modified() -> bool:
    """Tell whether the working tree differs from HEAD in files git tracks."""
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return bool(status.stdout.strip())


if __name__ == "__main__":
    raise SystemExit(main())
