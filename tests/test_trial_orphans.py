"""An orphaned build never puts its older site over a newer one; a closed terminal is no fault of the build.

Outside trials: ``timeout 90 invoke build`` killed invoke and left its
Pelican child running, which later swapped its stale site over the one a
newer ``invoke build`` had published; and a build still printing warnings
after its parent was killed wrote a crash log (BrokenPipeError).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import ROOT, build, build_command, build_env, write_files
from test_tasks import INVOKE, project  # noqa: F401 - the fixture of a project copy

from pelican.plugins.tierslieu.staging import SUPERSEDED, Staging

BOUND = 10.0  # seconds: generous; a build stops within a second of its SIGTERM
SITE_LINE = SUPERSEDED.format(output="output/")


def staged(output: Path, started: int, page: str) -> Staging:
    """Return a staging folder of a run that started at ``started``, holding index.html = ``page``."""
    staging = Staging(str(output), started=started)
    Path(staging.folder, "index.html").write_text(page, encoding="utf-8")
    return staging


def test_a_run_that_started_earlier_never_replaces_the_site_of_a_later_one(tmp_path):
    output = tmp_path / "output"
    older, newer = staged(output, 1_000, "ancien"), staged(output, 2_000, "nouveau")
    assert newer.swap("all") is True
    assert older.swap("all") is False
    older.discard()
    assert older.superseded and not newer.superseded
    assert (output / "index.html").read_text(encoding="utf-8") == "nouveau"
    assert not Path(older.folder).exists()
    assert (tmp_path / ".output-started").read_text(encoding="ascii") == "2000\n"


def test_a_run_that_started_later_replaces_the_site_in_place(tmp_path):
    output = tmp_path / "output"
    staged(output, 1_000, "ancien").swap("all")
    assert staged(output, 2_000, "nouveau").swap("all") is True
    assert (output / "index.html").read_text(encoding="utf-8") == "nouveau"


def test_a_missing_output_is_made_whatever_the_stamp_says(tmp_path):
    (tmp_path / ".output-started").write_text("99999\n", encoding="ascii")
    assert staged(tmp_path / "output", 1_000, "seul").swap("all") is True
    assert (tmp_path / "output" / "index.html").read_text(encoding="utf-8") == "seul"


def test_a_build_older_than_the_site_in_place_says_so_and_leaves_it(site_copy, tmp_path, capsys):
    output = tmp_path / "output"
    write_files(output, {"index.html": "le site le plus récent"})
    (tmp_path / ".output-started").write_text(f"{time.time_ns() + 10**12}\n", encoding="ascii")  # started later
    build(site_copy, output)
    assert capsys.readouterr().out.splitlines()[-1] == SUPERSEDED.format(output=f"{output}/")
    assert (output / "index.html").read_text(encoding="utf-8") == "le site le plus récent"
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".output")) == [".output-started"]


def session_processes(session: int) -> list[str]:
    """Return the command lines of the processes of ``session`` still alive (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getsid(int(entry.name)) != session:
                continue
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ProcessLookupError):
            continue
        if state != "Z":
            found.append(command)
    return found


def test_sigterm_to_invoke_build_stops_its_pelican_too(project):  # noqa: F811 - the fixture
    process = subprocess.Popen(
        [str(INVOKE), "build"],
        cwd=project,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=build_env(),
        start_new_session=True,  # its own session: every process it started is found by the session's id
    )
    deadline = time.monotonic() + 60
    while not any(path.name.startswith(".output-staging-") for path in project.iterdir()):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never started"
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGTERM)  # invoke alone, as `timeout` does
    _out, errors = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, errors
    assert "Construction interrompue (signal SIGTERM)" in errors and "Traceback" not in errors
    stopped = time.monotonic() + BOUND
    while session_processes(process.pid) and time.monotonic() < stopped:
        time.sleep(0.05)
    assert session_processes(process.pid) == []
    assert not any(path.name.startswith(".output-staging-") for path in project.iterdir())


def test_a_build_whose_reader_is_gone_goes_on_without_a_crash_log(site_copy, tmp_path):
    write_files(
        site_copy,
        {"data/network/lointain.yaml": "name: Lointain\ntown: Méré\ncalendar: https://lointain.example.org/a.ics\n"},
    )
    output, cache = tmp_path / "output", tmp_path / "cache"
    extra = (f'CACHE_PATH="{cache}"', f'TIERSLIEU_NETWORK_COPIES="{tmp_path / "copies"}"')
    reading, writing = os.pipe()
    os.close(reading)  # the terminal is gone before the first line: every print meets a closed pipe
    try:
        finished = subprocess.run(
            build_command(site_copy, output, extra=extra),
            cwd=ROOT,
            stdout=writing,
            stderr=writing,
            env=build_env(),
            check=False,
            timeout=300,
        )
    finally:
        os.close(writing)
    assert finished.returncode == 0
    assert (output / "reseau" / "index.html").is_file()
    assert not list(cache.glob("erreur-*.log"))


def test_the_guide_quotes_the_line_of_a_site_set_aside():
    assert f"`{SITE_LINE}`" in (ROOT / "GUIDE.md").read_text(encoding="utf-8")


def test_a_sigterm_is_never_swallowed_by_a_handler_of_untrusted_input():
    """CI: a SIGTERM that came while a partner feed was read was caught by its ``except Exception``; the build went on."""
    from pelican.plugins.tierslieu.faults import Terminated, terminate_as_exception  # noqa: PLC0415

    reached = []
    with pytest.raises(Terminated), terminate_as_exception():
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(1)  # the handler runs here, in the main thread
        except Exception:  # noqa: BLE001 - as the readers of untrusted feeds do
            reached.append("swallowed")
        reached.append("went on")
    assert reached == []
