"""Pages rendered by two processes (parallel.py): the same files as one process, failures reported."""

from __future__ import annotations

import errno
import hashlib
import os
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import build

from pelican.plugins.tierslieu import parallel


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_pages_rendered_by_two_processes_are_those_of_one(tmp_path, monkeypatch):
    from benchmarks.synthetic import write_site  # noqa: PLC0415

    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one core only: the build renders alone")
    shared = []
    original = parallel.render_shared
    monkeypatch.setattr(
        parallel, "render_shared", lambda items, write: shared.append(len(items)) or original(items, write)
    )
    site = write_site(tmp_path / "site", 320, 12, 6, date(2026, 11, 24))
    build(site, tmp_path / "two", TIERSLIEU_SEARCH=False, TIERSLIEU_BACKGROUND=True)
    assert len(shared) == 1 and shared[0] > parallel.THRESHOLD  # the pages were shared with a worker
    build(site, tmp_path / "one", TIERSLIEU_SEARCH=False, TIERSLIEU_BACKGROUND=False)
    assert len(shared) == 1  # the second build rendered alone
    two, one = _snapshot(tmp_path / "two"), _snapshot(tmp_path / "one")
    assert len(one) > parallel.THRESHOLD
    assert two.keys() == one.keys()
    assert [name for name in two if two[name] != one[name]] == []


def test_every_item_is_written_once_by_one_of_the_two_processes(tmp_path):
    items = [f"page-{index}" for index in range(300)]
    parent = os.getpid()

    def write(name):
        with open(tmp_path / name, "x", encoding="utf-8") as stream:  # "x": a second write would fail
            stream.write(str(os.getpid()))
        if os.getpid() == parent and name == "page-0":  # the build waits until the worker wrote a page
            for _ in range(3000):
                if any(path.read_text(encoding="utf-8") not in ("", str(parent)) for path in tmp_path.iterdir()):
                    break
                time.sleep(0.01)

    parallel.render_shared(items, write)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(items)
    assert len({path.read_text(encoding="utf-8") for path in tmp_path.iterdir()}) == 2


def test_a_refusal_in_the_worker_is_raised_by_the_build_with_its_path(tmp_path):
    parent = os.getpid()

    def write(name):
        if os.getpid() != parent:
            (tmp_path / "worker-failed").touch()
            raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / name))
        for _ in range(3000):  # the build waits until the worker took a page
            if (tmp_path / "worker-failed").exists():
                break
            time.sleep(0.01)

    with pytest.raises(OSError) as raised:
        parallel.render_shared([f"page-{index}" for index in range(50)], write)
    assert raised.value.errno == errno.ENOSPC
    assert raised.value.filename.startswith(str(tmp_path))


def test_one_core_or_a_small_site_renders_alone(monkeypatch):
    class Site:
        class config:
            background = True

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    assert parallel.worth_it(Site, parallel.THRESHOLD)
    assert not parallel.worth_it(Site, parallel.THRESHOLD - 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert not parallel.worth_it(Site, parallel.THRESHOLD)


def test_the_shared_counter_gives_each_number_to_one_process_only():
    """Two processes taking numbers as fast as they can: every number taken once, none skipped."""
    counter = parallel.SharedCounter()
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the forked taker
        os.close(reading)
        taken = [counter.take() for _ in range(2000)]
        os.write(writing, ",".join(map(str, taken)).encode())
        os.close(writing)
        os._exit(0)
    os.close(writing)
    mine = [counter.take() for _ in range(2000)]
    with os.fdopen(reading, "rb") as stream:
        theirs = [int(number) for number in stream.read().decode().split(",")]
    os.waitpid(child, 0)
    assert sorted(mine + theirs) == list(range(4000))
    counter.set(10)
    assert counter.take() == 10 and counter.take() == 11
    counter.close()
