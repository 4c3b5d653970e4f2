"""`invoke bench`: the budgets of SPEC section 5, measured as medians of paired runs, with their targets.

Every line prints the median, the min–max, the target, whether it is met,
and the machine's 1-minute load average while it was measured (median).
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import tempfile
from pathlib import Path

from benchmarks import builds, preview
from benchmarks.loading import TODAY, measure_loading, settings_for  # noqa: F401 (settings_for: the tests' venue check)
from benchmarks.options import SCALE_RUNS, machine_line, parse, rounds
from benchmarks.synthetic import write_bare_site, write_site

ROOT = Path(__file__).resolve().parent.parent
PREVIEW_SHARE, BUILD_RATIO, SEARCH_RATIO, MEMORY_RATIO = 0.12, 0.7, 1.0, 2.0
LINEAR = 1.2
"""The scale line's target: the cost per page at 5,000 events at most this many times the one at 400 (« linear »)."""


def measure_builds(venue: builds.Venue, runs: int) -> dict:
    """Run the paired builds on 2 cores then 1, warm then cold; measure Pagefind alone and the home page."""
    results = {}
    for count in (2, 1):
        for warm in (True, False):
            key = f"{count}c-{'warm' if warm else 'cold'}"
            results[key] = builds.paired(venue, builds.cores(count), warm, runs)
    ours = venue.work / "last-ours"
    results["indexer"] = builds.indexer_peak(ours, builds.cores(2))
    files = [ours / "index.html", ours / "theme/css/site.css", ours / "theme/js/site.js"]
    results["home"] = sum(len(gzip.compress(path.read_bytes(), 9)) for path in files)
    results["pages"] = sum(1 for _ in ours.rglob("*.html"))
    results["bare_pages"] = sum(1 for _ in (venue.work / "last-bare").rglob("*.html"))
    return results


def _spread(values: list[float], unit: str = " s", digits: int = 2) -> tuple[str, str]:
    return (
        f"{statistics.median(values):.{digits}f}{unit}",
        f"{min(values):.{digits}f}–{max(values):.{digits}f}",
    )


def _ratio_row(label: str, samples: dict, side: str, target: float | None) -> tuple:
    ratios = [ours / bare for ours, bare in zip(samples[side].seconds, samples["bare"].seconds, strict=True)]
    value = samples[side].median / samples["bare"].median
    shown = f"≤ {target:.2f}".replace(".", ",") if target else "rapporté"
    loads = samples[side].load + samples["bare"].load
    return (
        label,
        f"{value:.2f}",
        f"{min(ratios):.2f}–{max(ratios):.2f}",
        shown,
        value <= target if target else None,
        loads,
    )


LEGEND = (
    "Colonnes : médiane et min–max des tours (mémoire : nous / Pelican nu) ; cible de SPEC section 5 ; "
    "tenue : oui, NON, ou — sans cible (« rapporté » : donné sans cible) ; charge : charge moyenne du "
    "système sur 1 min pendant la mesure."
)


def measure_scale(work: Path, sizes: dict, runs: int) -> dict:
    """Build the venue of ``sizes`` alone (no bare twin), warm, on 2 cores: its times, memory and page count."""
    site = write_site(work / "scale-site", sizes["events"], sizes["pepites"], sizes["articles"], TODAY)
    (work / "scale").mkdir()
    venue = builds.Venue(site, site, work / "scale", TODAY.isoformat())
    sample = builds.alone(venue, builds.cores(2), min(runs, SCALE_RUNS))
    pages = sum(1 for _ in (venue.work / "last-ours").rglob("*.html"))
    return {"sample": sample, "pages": pages, "sizes": sizes}


def scale_rows(scale: dict, full: dict) -> list[tuple]:
    """Return the scale lines: the build at 5,000 events, its cost per page against the one at 400, its memory."""
    sample, pages = scale["sample"], scale["pages"]
    per_page = [seconds / pages * 1000 for seconds in sample.seconds]
    base = full["2c-warm"]["ours"].median / full["pages"] * 1000
    ratio = statistics.median(per_page) / base
    events = f"{scale['sizes']['events']} événements"
    return [
        (
            f"construction à {events} ({pages} pages, 2 cœurs, chaud, sans recherche)",
            *_spread(sample.seconds),
            "—",
            None,
            sample.load,
        ),
        (
            f"  linéarité : le coût par page à {events} / à {full['pages']} pages",
            f"{ratio:.2f}",
            f"{statistics.median(per_page):.2f} ms",
            f"≤ {LINEAR:.2f}".replace(".", ","),
            ratio <= LINEAR,
            sample.load,
        ),
        (
            f"  mémoire max. du plus gros processus à {events}",
            f"{max(sample.peak_kib) / 1024:.0f} Mo",
            "—",
            "rapporté",
            None,
            sample.load,
        ),
    ]


def rows(loading: dict, full: dict, seen: dict, sizes: dict, loading_sizes: dict) -> list[tuple]:
    """Return the lines of the report: (label, median, min–max, target, met or None, loads)."""
    venue = f"{sizes['pepites']}/{sizes['events']}/{sizes['articles']}"
    warm = full["2c-warm"]
    table = [
        (
            f"chargement + validation ({loading_sizes['pepites']} pépites, {loading_sizes['events']} événements)",
            *_spread(loading["load"][0]),
            "< 0,5 s",
            statistics.median(loading["load"][0]) < 0.5,
            loading["load"][1],
        ),
        (
            "  puis préparation (dates des séries, historique git)",
            *_spread(loading["prepare"][0]),
            "—",
            None,
            loading["prepare"][1],
        ),
        (
            f"flux iCalendar ({loading['feed_count']} flux + {loading_sizes['events']} fichiers .ics, contrôle compris)",
            *_spread(loading["feeds"][0]),
            "< 1 s",
            statistics.median(loading["feeds"][0]) < 1,
            loading["feeds"][1],
        ),
        (
            f"construction livrée, avec recherche ({full['pages']} pages, {venue}, 2 cœurs, chaud)",
            *_spread(warm["ours_search"].seconds),
            "—",
            None,
            warm["ours_search"].load,
        ),
        (
            "construction sans index de recherche (2 cœurs, chaud)",
            *_spread(warm["ours"].seconds),
            "—",
            None,
            warm["ours"].load,
        ),
        (
            f"Pelican nu, mêmes contenus ({full['bare_pages']} pages, 2 cœurs, chaud)",
            *_spread(warm["bare"].seconds),
            "—",
            None,
            warm["bare"].load,
        ),
    ]
    for key, where in (
        ("2c-warm", "2 cœurs, chaud"),
        ("1c-warm", "1 cœur, chaud"),
        ("2c-cold", "2 cœurs, froid"),
        ("1c-cold", "1 cœur, froid"),
    ):
        main = key == "2c-warm"
        table.append(
            _ratio_row(f"sans recherche / Pelican nu ({where})", full[key], "ours", BUILD_RATIO if main else None)
        )
        table.append(
            _ratio_row(
                f"avec recherche / Pelican nu ({where})", full[key], "ours_search", SEARCH_RATIO if main else None
            )
        )
    peak, bare_peak = max(warm["ours"].peak_kib), max(warm["bare"].peak_kib)
    table.append(
        (
            "mémoire max. du plus gros processus / Pelican nu",
            f"{peak / bare_peak:.2f}",
            f"{peak / 1024:.0f} / {bare_peak / 1024:.0f} Mo",
            f"≤ {MEMORY_RATIO:.1f}".replace(".", ","),
            peak / bare_peak <= MEMORY_RATIO,
            warm["ours"].load,
        )
    )
    indexer_seconds, indexer_peak = full["indexer"]
    table.append(
        (
            "  index de recherche (Pagefind) seul : durée, mémoire",
            f"{indexer_seconds:.2f} s",
            f"{indexer_peak / 1024:.0f} Mo",
            "rapporté",
            None,
            [],
        )
    )
    per_page = warm["ours"].median / full["pages"] * 1000
    table.append(
        (
            "coût par page, sans recherche (2 cœurs, chaud)",
            f"{per_page:.2f} ms",
            "—",
            "rapporté",
            None,
            warm["ours"].load,
        )
    )
    budget = PREVIEW_SHARE * warm["ours"].median
    names = {"event": "un événement", "pepite": "une pépite", "article": "un article"}
    for kind, values in seen["saves"].items():
        saved = "enregistrée" if kind == "pepite" else "enregistré"
        label = f"aperçu : {names[kind]} {saved} → page rechargée ({len(values)} fois)"
        median = statistics.median(values)
        table.append((label, *_spread(values), f"≤ {budget:.2f} s".replace(".", ","), median <= budget, seen["load"]))
    table.append(
        (
            "page d'accueil, HTML + CSS + JS (gzip -9)",
            f"{full['home'] / 1024:.1f} Ko",
            "—",
            "≤ 30 Ko",
            full["home"] <= 30 * 1024,
            [],
        )
    )
    return table


def format_table(table: list[tuple]) -> str:
    """Return the report as aligned text lines."""
    width = max(len(row[0]) for row in table)
    header = f"{'mesure':<{width}}  {'médiane':>10}  {'min–max':>13}  {'cible':>9}  {'tenue':>5}  charge"
    lines = [header, "-" * len(header)]
    for label, value, spread, target, met, loads in table:
        mark = "—" if met is None else ("oui" if met else "NON")
        load = f"{statistics.median(loads):.2f}" if loads else "—"
        lines.append(f"{label:<{width}}  {value:>10}  {spread:>13}  {target:>9}  {mark:>5}  {load}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    plan = parse(__doc__.splitlines()[0], argv)
    runs, saves, sizes, loading_sizes = plan.runs, plan.saves, plan.sizes, plan.loading_sizes
    preview.require()
    load_before = os.getloadavg()
    builds.compile_tree(ROOT)
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        work = Path(folder)
        loading_site = write_site(
            work / "loading-site", loading_sizes["events"], loading_sizes["pepites"], loading_sizes["articles"], TODAY
        )
        loading = measure_loading(loading_site, runs)
        site = write_site(work / "site", sizes["events"], sizes["pepites"], sizes["articles"], TODAY)
        venue = builds.Venue(site, write_bare_site(work / "bare", site), work, TODAY.isoformat())
        full = measure_builds(venue, runs)
        preview_site = write_site(work / "preview-site", sizes["events"], sizes["pepites"], sizes["articles"], TODAY)
        load_preview = os.getloadavg()[0]
        saved = preview.measure(preview_site, work, TODAY.isoformat(), saves, pause=0.3 if plan.quick else 1.5)
        seen = {"saves": saved, "load": [load_preview, os.getloadavg()[0]]}
        scale = measure_scale(work, plan.scale_sizes, runs)
    print(machine_line(load_before))
    if plan.notice():
        print(plan.notice())
    print(
        f"{rounds(runs)} (nous, Pelican nu, nous avec recherche), chacun dans un dossier neuf ; "
        "1 cœur : os.sched_setaffinity dans un petit lanceur (benchmarks/launch.py), dont la construction "
        "et ses enfants héritent ; mémoire : ru_maxrss de os.wait4 lu par ce lanceur (le plus gros processus "
        "de la construction, Pagefind mesuré à part)."
    )
    print(LEGEND)
    table = rows(loading, full, seen, sizes, loading_sizes) + scale_rows(scale, full)
    if plan.quick:  # the targets are SPEC's venue's, not the tiny one's
        table = [(*line[:4], None, line[5]) for line in table]
    print(format_table(table))
    if plan.json:
        raw = {
            "full": {
                key: value if not isinstance(value, dict) else {side: vars(sample) for side, sample in value.items()}
                for key, value in full.items()
            },
            "preview": seen,
            "scale": {**scale, "sample": vars(scale["sample"])},
        }
        Path(plan.json).write_text(json.dumps(raw, indent=1, default=list), encoding="utf-8")
    missed = [row[0].strip() for row in table if row[4] is False]
    if plan.quick:
        print("Cibles : non jugées (essai rapide sur un petit lieu).")
    else:
        print("Cibles : toutes tenues." if not missed else f"Cibles non tenues : {len(missed)} ({' ; '.join(missed)}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
