"""Rendering the pages of the output plan on two cores: a forked worker shares them with the build.

Once Pelican's context and the plan are built, the build forks one worker
(the data, the templates and the caches come with the fork, nothing is
pickled). Both processes take the next page of the plan from one shared
counter until none is left, so the work balances itself whatever the mix
of pages; each renders and writes the pages it took. Pelican's own news
(its articles generator's output) is one more item, taken by whichever
process is free. Files written by ``build`` callables (feeds, calendars:
some wait for the background process) stay in the build's own process,
which writes them first while the worker starts on the pages. The same
templates render the same context in either process: the files are byte
for byte those of a serial build (tests/test_parallel.py).

Used only where the second process of ``background.py`` runs (fork
available, TIERSLIEU_BACKGROUND on, no other thread than daemons then),
with two cores or more to run on and enough pages to gain from it.
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import pickle
import struct
import tempfile
from collections.abc import Callable, Sequence

from .forked import fork_held

THRESHOLD = 200
"""Below this many pages, a forked worker costs more than it saves."""


def worth_it(site, pages: int) -> bool:
    """Tell whether to fork a rendering worker for ``pages`` pages of ``site``.

    Called only when the background process runs: it was started when no
    other thread than daemons ran (background.py); the threads that run
    now are its executor's, which the worker never touches.
    """
    return (
        site.config.background
        and pages >= THRESHOLD
        and len(os.sched_getaffinity(0)) >= 2  # noqa: PLR2004 - this process and the worker
        and "fork" in multiprocessing.get_all_start_methods()
    )


class SharedCounter:
    """A whole number shared by this process and the workers it forks, taken one by one under a lock.

    Eight bytes of an unnamed temporary file read and written under
    ``fcntl.lockf``: POSIX record locks belong to a process, not to the
    file descriptor a fork shares, so they exclude the worker. (The same
    job as ``multiprocessing.Value``, which imports ctypes and costs the
    build about 2 MB of peak memory.)
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - held for the life of the counter, closed by close()
        self._fd = self._file.fileno()
        os.pwrite(self._fd, struct.pack("q", 0), 0)

    def take(self) -> int:
        """Return the current value and add one to it, as one step for every process."""
        fcntl.lockf(self._fd, fcntl.LOCK_EX)
        try:
            (value,) = struct.unpack("q", os.pread(self._fd, 8, 0))
            os.pwrite(self._fd, struct.pack("q", value + 1), 0)
        finally:
            fcntl.lockf(self._fd, fcntl.LOCK_UN)
        return value

    def set(self, value: int) -> None:
        """Set the value (under the lock)."""
        fcntl.lockf(self._fd, fcntl.LOCK_EX)
        try:
            os.pwrite(self._fd, struct.pack("q", value), 0)
        finally:
            fcntl.lockf(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        """Close the file (the system deletes it: it never had a name)."""
        self._file.close()


def render_shared(
    items: Sequence, write: Callable[[object], None], first: Sequence = (), gather: Callable[[], object] | None = None
) -> object:
    """Call ``write`` on every item, shared between this process and one forked worker; return what the worker gathered.

    This process first calls ``write`` on each of ``first`` (what must stay
    here: outputs that wait for the background process) while the worker
    starts on ``items``, then both take the next item until none is left.
    Once done, the worker calls ``gather`` (what it learnt that this process
    needs: the pages Pelican's writer recorded there) and hands back its
    result, which must pickle; None without ``gather``.

    Raises what the worker raised (an OSError keeps its errno and path, so
    the build names the folder that refused), or RuntimeError when the
    worker died without saying why.
    """
    counter = SharedCounter()
    reading, writing = os.pipe()
    child = fork_held()
    if child == 0:  # pragma: no cover - the worker; coverage does not follow the fork
        os.close(reading)
        _worker(items, write, counter, writing, gather)
    os.close(writing)
    try:
        for item in first:
            write(item)
        _take_turns(items, write, counter)
    except BaseException:
        counter.set(len(items))  # the worker stops taking items: the build fails anyway
        raise
    finally:
        with os.fdopen(reading, "rb") as stream:
            report = stream.read()
        _, status = os.waitpid(child, 0)
        counter.close()
    outcome, value = pickle.loads(report) if report else (None, None)  # our own forked process wrote it
    if outcome == "failed":
        raise value
    if os.waitstatus_to_exitcode(status) != 0 or outcome != "done":
        raise RuntimeError(f"the rendering worker ended with status {os.waitstatus_to_exitcode(status)}")
    return value


def _take_turns(items: Sequence, write: Callable[[object], None], counter: SharedCounter) -> None:
    while True:
        index = counter.take()
        if index >= len(items):
            return
        write(items[index])


def _worker(
    items: Sequence,
    write: Callable[[object], None],
    counter: SharedCounter,
    report: int,
    gather: Callable[[], object] | None,
) -> None:  # pragma: no cover
    """Render items until none is left, report what it gathered or its failure on ``report``, and leave without Python's exit handlers."""
    status = 0
    try:
        _take_turns(items, write, counter)
        payload = pickle.dumps(("done", gather() if gather is not None else None))
    except BaseException as error:  # noqa: BLE001 - handed to the build, which reports it
        status = 1
        # Let the build stop taking pages: the site fails anyway.
        counter.set(len(items))
        try:
            payload = pickle.dumps(("failed", error))
        except Exception:  # noqa: BLE001 - an exception that cannot be pickled is described instead
            payload = pickle.dumps(("failed", RuntimeError(f"{type(error).__name__}: {error}")))
    try:
        with os.fdopen(report, "wb") as stream:
            stream.write(payload)
    finally:
        os._exit(status)
