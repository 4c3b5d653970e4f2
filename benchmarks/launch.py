"""Run one build on given CPU cores and write its wall time and peak memory (standard library only).

Usage: ``python benchmarks/launch.py REPORT CPUS -- COMMAND...`` with CPUS
as ``0,1``. The bench starts this small process rather than the build
itself: Linux carries a process's peak resident set across ``exec``, so a
build forked straight from the bench (which holds a whole venue in
memory) would report at least the bench's own size. From here the floor is
this launcher's size (about 10 MB). The affinity set here is inherited by
the build and all its children. REPORT receives ``{"seconds", "cpu_seconds", "peak_kib",
"status"}``: ``peak_kib`` is ``ru_maxrss`` of ``os.wait4``, the largest
resident set of the build and of the children it waited for;
``cpu_seconds`` is ``ru_utime + ru_stime`` of the same call, the CPU time
of the build and of those children (what a loaded machine moves least).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    report, cpus, separator, *command = argv
    if separator != "--" or not command:
        raise SystemExit("usage: python benchmarks/launch.py REPORT CPUS -- COMMAND...")
    os.sched_setaffinity(0, {int(cpu) for cpu in cpus.split(",")})
    started = time.perf_counter()
    process = subprocess.Popen(command)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    with open(report, "w", encoding="utf-8") as stream:
        cpu = usage.ru_utime + usage.ru_stime
        json.dump({"seconds": seconds, "cpu_seconds": cpu, "peak_kib": usage.ru_maxrss, "status": code}, stream)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
