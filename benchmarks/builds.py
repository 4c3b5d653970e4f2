"""Full builds timed as separate processes: ours (with and without search) against bare Pelican.

Every build writes into a fresh folder that does not exist before it
starts, on a given set of CPU cores (``os.sched_setaffinity`` in a small
launcher, benchmarks/launch.py, before it starts Pelican: the build's own
children, the forked second process, the rendering worker and Pagefind,
inherit the set). A build runs in a session of its own; the
next one starts only once no process of that session is left, so nothing
of ours runs while bare Pelican is timed.

Peak memory is ``ru_maxrss`` of ``os.wait4`` on the build, read by the
launcher: the largest resident set of the build process and of the
children it waited for (Linux keeps the maximum, not a sum). It is taken from the build without
the search index; Pagefind's own process is measured apart (``indexer_peak``).
"""

from __future__ import annotations

import compileall
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from pelican.plugins.tierslieu.search import pagefind_command

ROOT = Path(__file__).resolve().parent.parent
SIDES = ("ours", "ours_search", "bare")
"""The three builds of one round, in the order they run (A B A' then the next round)."""


@dataclass
class Sample:
    """The durations (s), peak memories (KiB) and 1-minute load averages of one kind of build."""

    seconds: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)
    load: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


class Measured(NamedTuple):
    """One build: its wall time (s), its peak memory (KiB) and its CPU time, user + system (s)."""

    seconds: float
    peak_kib: int
    cpu_seconds: float


def cores(count: int) -> set[int]:
    """Return the first ``count`` CPU cores this process may run on (fewer if the machine has fewer)."""
    return set(sorted(os.sched_getaffinity(0))[:count])


def compile_tree(root: Path) -> None:
    """Write the bytecode of ``root``'s Python code (src/ and pelicanconf.py) once, before any build is timed.

    pip writes it for every installed package, bare Pelican's included; an
    editable install leaves src/ to the first run, and a machine where
    PYTHONDONTWRITEBYTECODE is set never writes it: every build of ours
    would compile about a hundred modules again (0.3 s on this venue's
    machine) while bare Pelican's are compiled. Python reads bytecode that
    exists even under that setting; compileall writes it regardless.
    """
    compileall.compile_dir(root / "src", quiet=1)
    compileall.compile_file(root / "pelicanconf.py", quiet=1)


def our_command(site: Path, output: Path, cache: Path, today: str, search: bool) -> list[str]:
    """Return the command of our build, as `invoke build` runs it, into ``output`` with caches in ``cache``."""
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
        f'CACHE_PATH="{cache}"',
        'SITEURL="https://bench.example.org"',
        f"TIERSLIEU_SEARCH={'true' if search else 'false'}",
        f'TIERSLIEU_BUILD_DATE="{today}"',
    ]


def bare_command(bare: Path, output: Path, cache: Path) -> list[str]:
    """Return the command of bare Pelican on the twin site (default theme, no plugin)."""
    settings, content = str(bare / "pelicanconf.py"), str(bare / "content")
    return [sys.executable, "-m", "pelican", content, "-o", str(output), "-s", settings, "-e", f'CACHE_PATH="{cache}"']


def run(command: list[str], cpus: set[int], cwd: Path = ROOT, env: dict | None = None) -> Measured:
    """Run one build on ``cpus`` in ``cwd`` (with ``env``, this process's environment by default); raise SystemExit if it fails.

    The build is started by ``benchmarks.launch`` (see there why), which
    times it and reads its peak memory and CPU time.
    """
    report = Path(tempfile.mkstemp(prefix="bench-build-", suffix=".json")[1])
    cores_list = ",".join(str(cpu) for cpu in sorted(cpus))
    launcher = [sys.executable, str(ROOT / "benchmarks" / "launch.py"), str(report), cores_list, "--", *command]
    process = subprocess.Popen(
        launcher,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env=env,
    )
    try:
        _, error = process.communicate()
    except BaseException:  # interrupted: no build of ours is left running
        os.killpg(process.pid, signal.SIGKILL)
        raise
    _wait_session(process.pid)
    try:
        measured = json.loads(report.read_text(encoding="utf-8") or "{}")
    finally:
        report.unlink(missing_ok=True)
    if process.returncode or measured.get("status") != 0:
        raise SystemExit(f"build failed: {' '.join(command)}\n{error.decode(errors='replace')[-2000:]}")
    return Measured(measured["seconds"], measured["peak_kib"], measured["cpu_seconds"])


def _wait_session(session: int, timeout: float = 60) -> None:
    """Wait until no process of the build's session is left (a detached child included); kill them after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            os.killpg(session, 0)
        except ProcessLookupError:
            return
        if time.monotonic() > deadline:
            os.killpg(session, signal.SIGKILL)
        time.sleep(0.02)


@dataclass
class Venue:
    """The synthetic site, bare Pelican's twin, and the folder where the builds go."""

    site: Path
    bare: Path
    work: Path
    today: str


def paired(venue: Venue, cpus: set[int], warm: bool, runs: int) -> dict[str, Sample]:
    """Time ``runs`` rounds of our build, bare Pelican, our build with search (A B A' …), each into a fresh folder.

    Warm: each side keeps its cache folder between rounds, filled by one
    untimed build first. Cold: each build gets an empty cache folder.
    """
    label = f"{len(cpus)}c-{'warm' if warm else 'cold'}"
    samples = {side: Sample() for side in SIDES}
    caches = {side: venue.work / f"cache-{label}-{side}" for side in SIDES}
    if warm:
        for side in SIDES:
            _build(venue, side, venue.work / f"warmup-{label}-{side}", caches[side], cpus)
    for index in range(runs):
        for side in SIDES:
            cache = caches[side]
            if not warm:
                shutil.rmtree(cache, ignore_errors=True)
            load = os.getloadavg()[0]
            measured = _build(venue, side, venue.work / f"out-{label}-{side}-{index}", cache, cpus)
            samples[side].seconds.append(measured.seconds)
            samples[side].peak_kib.append(measured.peak_kib)
            samples[side].load.append(load)
    return samples


def _build(venue: Venue, side: str, output: Path, cache: Path, cpus: set[int]) -> Measured:
    """Build one side into ``output`` (fresh), then delete it, untimed, before the next build."""
    if side == "bare":
        command = bare_command(venue.bare, output, cache)
    else:
        command = our_command(venue.site, output, cache, venue.today, search=side == "ours_search")
    result = run(command, cpus, cwd=venue.bare if side == "bare" else ROOT)
    kept = venue.work / f"last-{side}"
    shutil.rmtree(kept, ignore_errors=True)
    output.rename(kept)  # the last output of each side stays for the page counts and the home page
    return result


def alone(venue: Venue, cpus: set[int], runs: int) -> Sample:
    """Time ``runs`` warm builds of ours without search (one untimed first fills the caches), each into a fresh folder.

    The scale line: no bare Pelican beside it, the per-page cost is compared
    with the one of the paired builds.
    """
    sample, cache = Sample(), venue.work / "cache-alone"
    _build(venue, "ours", venue.work / "warmup-alone", cache, cpus)
    for index in range(runs):
        load = os.getloadavg()[0]
        measured = _build(venue, "ours", venue.work / f"out-alone-{index}", cache, cpus)
        sample.seconds.append(measured.seconds)
        sample.peak_kib.append(measured.peak_kib)
        sample.load.append(load)
    return sample


def indexer_peak(site: Path, cpus: set[int]) -> tuple[float, int]:
    """Run Pagefind alone on a built site; return its time (s) and its peak memory (KiB)."""
    command = [
        *(pagefind_command() or [sys.executable, "-m", "pagefind"]),
        "--site",
        str(site),
        "--output-subdir",
        "pagefind-bench",
        "--silent",
    ]
    try:
        return run(command, cpus)[:2]
    finally:
        shutil.rmtree(site / "pagefind-bench", ignore_errors=True)
