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
from pelican.plugins.tierslieu.plan import Output


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
    shared, news = [], []
    original = parallel.render_shared

    def spied(items, write, **kept):
        shared.append(len(items))
        news.extend(item for item in items if not isinstance(item, Output))
        return original(items, write, **kept)

    monkeypatch.setattr(parallel, "render_shared", spied)
    site = write_site(tmp_path / "site", 320, 12, 6, date(2026, 11, 24))
    build(site, tmp_path / "two", TIERSLIEU_SEARCH=False, TIERSLIEU_BACKGROUND=True)
    assert len(shared) == 1 and shared[0] > parallel.THRESHOLD  # the pages were shared with a worker
    assert [item.__self__.__class__.__name__ for item in news] == ["ArticlesGenerator"]  # Pelican's news with them
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


def test_the_builds_own_items_come_first_and_the_worker_hands_back_what_it_gathered(tmp_path):
    """``first`` stays in the build's process, before any shared item; ``gather`` runs in the worker, once, at its end."""
    parent, taken = os.getpid(), []

    def write(name):
        taken.append((name, os.getpid()))
        with open(tmp_path / name, "x", encoding="utf-8") as stream:
            stream.write(str(os.getpid()))
        if name == "own-1":  # the worker has started on the pages meanwhile
            for _ in range(3000):
                if any(path.name.startswith("page-") for path in tmp_path.iterdir()):
                    break
                time.sleep(0.01)

    items = [f"page-{index}" for index in range(300)]
    gathered = parallel.render_shared(
        items, write, first=["own-0", "own-1"], gather=lambda: [name for name, pid in taken if pid != parent]
    )
    mine = [name for name, pid in taken]
    assert mine[:2] == ["own-0", "own-1"] and all(pid == parent for _, pid in taken)
    assert gathered and all(name.startswith("page-") for name in gathered)
    assert sorted(mine[2:] + gathered) == sorted(items)  # every page once, by one process or the other
    assert {path.read_text(encoding="utf-8") for path in tmp_path.glob("own-*")} == {str(parent)}


def test_a_failure_of_the_builds_own_item_stops_the_worker_and_is_raised(tmp_path):
    def write(name):
        if name == "own":
            for _ in range(3000):  # the worker is busy with the pages
                if any(tmp_path.iterdir()):
                    break
                time.sleep(0.01)
            raise ValueError("the calendar failed")
        (tmp_path / name).touch()
        time.sleep(0.005)

    items = [f"page-{index}" for index in range(2000)]
    with pytest.raises(ValueError, match="the calendar failed"):
        parallel.render_shared(items, write, first=["own"])
    assert 0 < len(list(tmp_path.iterdir())) < len(items)  # the worker stopped taking pages


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


def test_the_vevents_are_serialised_from_the_fork_on_and_handed_over_once(tmp_path):
    from benchmarks.loading import settings_for  # noqa: PLC0415
    from benchmarks.synthetic import write_site  # noqa: PLC0415
    from pelican.plugins.tierslieu.background import Background  # noqa: PLC0415
    from pelican.plugins.tierslieu.generator import load_site  # noqa: PLC0415
    from pelican.plugins.tierslieu.ical.vevents import event_components  # noqa: PLC0415

    settings = settings_for(write_site(tmp_path / "site", 320, 6, 2, date(2026, 11, 24)))
    settings["CACHE_PATH"] = str(tmp_path / "cache")
    site = load_site(settings)
    background = Background.start(site)
    assert background is not None
    try:
        count = len(site.events) + len(site.removed)
        started = background._serialised[1]  # submitted with the Markdown, before anything asks for it
        assert background.serialise(count) is started
        assert background.serialise(count) is not started  # asked again: new work
        events = [*site.events, *site.removed]
        assert background.blocks(started) == [
            b"".join(part.to_ical() for part in event_components(e, site)) for e in events
        ]
    finally:
        background.close()
