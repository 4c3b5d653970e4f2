"""The output folder under faults: a build killed at any moment, a folder it cannot write, a full disk.

The old site or the new one, complete, never a mix; the next build cleans
up; a refusal of the file system is one French line (path, cause, what to
do) with exit status 1.
"""

from __future__ import annotations

import builtins
import errno
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import ROOT, build, build_command, build_env, run_build, snapshot, write_files

from pelican.plugins.tierslieu import integration
from pelican.plugins.tierslieu import staging as staging_module
from pelican.plugins.tierslieu.model.errors import Abort
from pelican.plugins.tierslieu.staging import KILL_AT, Staging

TINY = {
    "content/2026-11-01-bienvenue.md": "Title: Bienvenue\nDate: 2026-11-01 10:00\n\nPremier article.\n",
    "data/venue.yaml": """
        name: La Petite Fabrique
        address:
          street: 5 rue des Essais
          postal_code: "78760"
          city: Jouars-Pontchartrain
          country: FR
        email: contact@example.org
        hours:
          - days: [mo, tu, we, th, fr]
            opens: "09:00"
            closes: "18:00"
        legal:
          publisher: Association La Petite Fabrique
        """,
    "data/pepites/alice-martin.yaml": "name: Alice Martin\ntrade: Céramiste\nkind: Artisan\n",
    "data/events/atelier-terre.yaml": """
        title: Atelier terre
        start: 2027-02-03 10:00
        end: 2027-02-03 12:00
        category: Atelier
        pepites: [alice-martin]
        """,
}
STEPS = {  # each named step of the swap, and the site the output holds once the next run recovered
    "written": "old",
    "carried": "old",
    "journaled": "old",
    "between": "new",
    "swapped": "new",
    "cleaning": "new",
}
SITE_IS_BACK = "Le site n'a pas été généré ; le site précédent est intact."


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """A tiny venue before and after an event changed, and its two complete sites (old, then new over it)."""
    base = tmp_path_factory.mktemp("kill")
    old_site, new_site = base / "old-site", base / "new-site"
    write_files(old_site, TINY)
    shutil.copytree(old_site, new_site)
    event = new_site / "data/events/atelier-terre.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("Atelier terre", "Atelier terre et émail"), "utf-8")
    shutil.copystat(old_site / "data/events/atelier-terre.yaml", event)  # the same date of change on both sides
    old_output = base / "old"
    assert run_build(old_site, old_output).returncode == 0
    reference = base / "reference" / "output"
    shutil.copytree(old_output, reference)
    started = time.monotonic()
    assert run_build(new_site, reference).returncode == 0
    duration = time.monotonic() - started
    old, new = snapshot(old_output), snapshot(reference)
    assert old != new and "Atelier terre et émail" in (reference / "agenda.ics").read_text(encoding="utf-8")
    return {"site": new_site, "old_output": old_output, "old": old, "new": new, "duration": duration}


def leftovers(parent: Path) -> list[str]:
    """Return what runs left beside the output (staging folders, old sites, the journal), not the start stamp."""
    return sorted(
        path.name for path in parent.iterdir() if path.name.startswith(".output") and path.name != ".output-started"
    )


def which_site(output: Path, sites: dict) -> str:
    """Return "old" or "new" for a complete site; fail on anything else."""
    found = snapshot(output)
    assert found in (sites["old"], sites["new"]), sorted(set(found) ^ set(sites["new"]))[:10]
    return "old" if found == sites["old"] else "new"


@pytest.mark.parametrize("step", STEPS)
def test_a_build_killed_at_a_step_of_the_swap_leaves_a_complete_site(sites, tmp_path, step):
    output = tmp_path / "output"
    shutil.copytree(sites["old_output"], output)
    command = build_command(sites["site"], output)
    killed = subprocess.run(command, cwd=ROOT, capture_output=True, env=build_env(**{KILL_AT: step}), check=False)
    assert killed.returncode == -signal.SIGKILL  # it died right there
    if output.exists():
        assert which_site(output, sites) in ("old", "new")
    else:
        assert step == "between" and (tmp_path / ".output-swap.json").exists()
    Staging(str(output)).discard()  # what the next run does first: finish the swap, remove what is left
    assert which_site(output, sites) == STEPS[step]
    assert leftovers(tmp_path) == []


def test_a_build_killed_at_random_moments_leaves_a_complete_site(sites, tmp_path):
    output = tmp_path / "output"
    rng = random.Random(5)
    for _trial in range(5):
        shutil.rmtree(output, ignore_errors=True)
        shutil.copytree(sites["old_output"], output)
        command = build_command(sites["site"], output)
        process = subprocess.Popen(command, cwd=ROOT, env=build_env(), start_new_session=True)
        time.sleep(rng.uniform(0, sites["duration"] * 1.2))
        os.killpg(process.pid, signal.SIGKILL)  # the build and the search indexer it runs
        process.wait()
        assert output.exists() or (tmp_path / ".output-swap.json").exists()
        Staging(str(output)).discard()
        assert which_site(output, sites) in ("old", "new")
        assert leftovers(tmp_path) == []
    result = run_build(sites["site"], output)  # the next build, for real
    assert result.returncode == 0, result.stderr
    assert which_site(output, sites) == "new"
    assert leftovers(tmp_path) == []


def test_the_next_build_finishes_a_swap_killed_between_the_renames(sites, tmp_path):
    output = tmp_path / "output"
    shutil.copytree(sites["old_output"], output)
    command = build_command(sites["site"], output)
    subprocess.run(command, cwd=ROOT, capture_output=True, env=build_env(**{KILL_AT: "between"}), check=False)
    assert not output.exists()
    result = run_build(sites["site"], output)
    assert result.returncode == 0, result.stderr
    assert which_site(output, sites) == "new"
    assert leftovers(tmp_path) == []


def test_a_staging_folder_of_a_running_build_is_kept(tmp_path):
    running = Staging(str(tmp_path / "output"))  # holds its lock, as a build writing right now
    Staging(str(tmp_path / "output")).discard()
    assert Path(running.folder).is_dir()
    running.discard()
    assert leftovers(tmp_path) == []


def test_the_output_folder_has_the_usual_mode(site_copy, tmp_path):
    previous = os.umask(0o022)
    try:
        build(site_copy, tmp_path / "output")
    finally:
        os.umask(previous)
    assert (tmp_path / "output").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "output/agenda").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "output/agenda.ics").stat().st_mode & 0o777 == 0o644


def test_leftovers_of_a_killed_build_are_ignored_by_git():
    names = [
        ".output-staging-abc123/index.html",
        ".output-old-42-1234/index.html",
        ".output-swap.json",
        ".output-started",
    ]
    result = subprocess.run(["git", "check-ignore", *names], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.stdout.splitlines() == names


# A folder the build cannot write, a full disk: injected in in-process builds.


def refuse(monkeypatch, name: str, code: int, when) -> None:
    """Make ``os.<name>`` raise OSError(code) for the calls ``when(first_path)`` selects."""
    real = getattr(os, name)

    def refused(source, *args, **kwargs):
        if when(os.fspath(source)):
            target = os.fspath(args[0]) if args else None
            raise OSError(code, os.strerror(code), os.fspath(source), None, target)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(os, name, refused)


def refuse_writing(monkeypatch, code: int, suffix: str) -> None:
    """Make ``open`` for writing raise OSError(code) for a file of the staging folder ending in ``suffix``."""
    real = builtins.open

    def refused(file, mode="r", *args, **kwargs):
        path = os.fspath(file) if isinstance(file, (str, os.PathLike)) else ""
        if "w" in mode and ".output-staging-" in path and path.endswith(suffix):
            raise OSError(code, os.strerror(code), path)
        return real(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refused)


def failed_build(site: Path, output: Path, capsys, settings: str = "pelicanconf.py", **override) -> str:
    """Build, expect exit status 1 after one French line; return the line."""
    capsys.readouterr()
    with pytest.raises(Abort) as stopped:
        build(site, output, settings, **override)
    assert stopped.value.code == 1
    [line] = capsys.readouterr().err.splitlines()
    return line


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_the_output_cannot_be_moved(site_copy, tmp_path, monkeypatch, capsys, settings):
    output = tmp_path / "output"
    build(site_copy, output, settings)
    before = snapshot(output)
    refuse(monkeypatch, "rename", errno.EACCES, lambda source: source == str(output))
    line = failed_build(site_copy, output, capsys, settings)
    assert line == (
        f"{tmp_path}: dossier en lecture seule (permission refusée) ; "
        f"rendez-le modifiable (chmod -R u+rwX {tmp_path}) puis relancez. {SITE_IS_BACK}"
    )
    assert snapshot(output) == before
    assert leftovers(tmp_path) == []


def test_the_new_site_cannot_take_its_place_and_the_old_one_comes_back(site_copy, tmp_path, monkeypatch, capsys):
    output = tmp_path / "output"
    build(site_copy, output)
    before = snapshot(output)
    refuse(monkeypatch, "rename", errno.EACCES, lambda source: ".output-staging-" in source)
    line = failed_build(site_copy, output, capsys)
    assert line.startswith(f"{tmp_path}: dossier en lecture seule (permission refusée) ; ")
    assert snapshot(output) == before
    assert leftovers(tmp_path) == []


def test_a_full_disk_while_writing_a_feed(site_copy, tmp_path, monkeypatch, capsys):
    output = tmp_path / "output"
    build(site_copy, output)
    before = snapshot(output)
    refuse_writing(monkeypatch, errno.ENOSPC, "/agenda.ics")
    line = failed_build(site_copy, output, capsys)
    assert line == (
        f"{output}/agenda.ics: disque plein ; libérez de la place (le dossier cache/ peut être supprimé) "
        f"puis relancez. {SITE_IS_BACK}"
    )
    assert snapshot(output) == before
    assert leftovers(tmp_path) == []


def test_a_page_pelican_cannot_write(site_copy, tmp_path, monkeypatch, capsys):
    output = tmp_path / "output"
    build(site_copy, output, "publishconf.py")
    before = snapshot(output)
    refuse_writing(monkeypatch, errno.EACCES, "/le-lieu/index.html")
    line = failed_build(site_copy, output, capsys, "publishconf.py")
    assert line == (
        f"{output}/le-lieu: dossier en lecture seule (permission refusée) ; "
        f"rendez-le modifiable (chmod -R u+rwX {output}/le-lieu) puis relancez. {SITE_IS_BACK}"
    )
    assert snapshot(output) == before


# Settings without DELETE_OUTPUT_DIRECTORY (the project's have it) carry every file of the old site.
KEEP_OLD_FILES = {"DELETE_OUTPUT_DIRECTORY": False}


def test_files_that_cannot_be_linked_are_copied(site_copy, tmp_path, monkeypatch):
    output = tmp_path / "output"
    build(site_copy, output, **KEEP_OLD_FILES)
    write_files(output, {"ancienne-page.html": "<p>gardée</p>\n"})  # not written by the build: carried
    refuse(monkeypatch, "link", errno.EACCES, lambda _source: True)
    build(site_copy, output, **KEEP_OLD_FILES)
    assert (output / "ancienne-page.html").read_text(encoding="utf-8") == "<p>gardée</p>\n"
    assert leftovers(tmp_path) == []


def test_a_full_disk_while_carrying_the_old_files(site_copy, tmp_path, monkeypatch, capsys):
    output = tmp_path / "output"
    build(site_copy, output, **KEEP_OLD_FILES)
    write_files(output, {"ancienne-page.html": "<p>gardée</p>\n"})
    before = snapshot(output)
    refuse(monkeypatch, "link", errno.ENOSPC, lambda _source: True)

    def copy_refused(source, target, **_options):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fspath(target))

    monkeypatch.setattr(staging_module.shutil, "copy2", copy_refused)
    line = failed_build(site_copy, output, capsys, **KEEP_OLD_FILES)
    assert line == (
        f"{output}/ancienne-page.html: disque plein ; libérez de la place (le dossier cache/ peut être supprimé) "
        f"puis relancez. {SITE_IS_BACK}"
    )
    assert snapshot(output) == before
    assert leftovers(tmp_path) == []


# The same on the command line, with a real read-only folder.


def without_root_override() -> list[str]:
    """Return the prefix that runs a command without root's power over permissions, or skip."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("root without setpriv: permissions cannot be enforced")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps=-all"]


def test_a_read_only_folder_on_the_command_line(site_copy, tmp_path):
    prefix = without_root_override()
    parent = tmp_path / "web"
    output = parent / "output"
    build(site_copy, output)
    before = snapshot(output)
    parent.chmod(0o555)
    try:
        result = run_build(site_copy, output, prefix=prefix)
    finally:
        parent.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"{parent}: dossier en lecture seule (permission refusée) ; "
        f"rendez-le modifiable (chmod -R u+rwX {parent}) puis relancez. {SITE_IS_BACK}"
    )
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(output) == before


def test_a_read_only_folder_inside_the_output_is_replaced_whole(site_copy, tmp_path):
    """The case output-subdir-readonly: the build never writes into the old site, so it succeeds."""
    prefix = without_root_override()
    output = tmp_path / "output"
    build(site_copy, output)
    (output / "agenda").chmod(0o555)
    event = site_copy / "data/events/salon-artisans.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("Salon des artisans", "Grand salon"), "utf-8")
    result = run_build(site_copy, output, prefix=prefix)
    assert result.returncode == 0, result.stderr
    assert "Grand salon" in (output / "agenda/salon-artisans/index.html").read_text(encoding="utf-8")
    assert (output / "agenda").stat().st_mode & 0o777 == 0o755
    assert leftovers(tmp_path) == []


TERMINATED = "Construction interrompue (signal SIGTERM) : le site précédent est intact."


def test_a_sigterm_during_the_build_cleans_up_like_an_error(site_copy, tmp_path, monkeypatch, capsys):
    output = tmp_path / "output"
    build(site_copy, output)
    before = snapshot(output)
    monkeypatch.setattr(integration, "write_sitemap", lambda *_args: os.kill(os.getpid(), signal.SIGTERM))
    with pytest.raises(Abort) as stopped:
        build(site_copy, output)
    assert stopped.value.code == 128 + signal.SIGTERM
    assert capsys.readouterr().err.splitlines() == [TERMINATED]
    assert snapshot(output) == before
    assert leftovers(tmp_path) == []
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # the handler lives only as long as the build


def test_a_sigterm_during_the_swap_waits_for_the_new_site(site_copy, tmp_path, monkeypatch, capsys):
    output = tmp_path / "output"
    swap = Staging.swap

    def terminated_swap(self, carry):
        os.kill(os.getpid(), signal.SIGTERM)  # held back until both renames are done
        swap(self, carry)

    monkeypatch.setattr(Staging, "swap", terminated_swap)
    with pytest.raises(Abort) as stopped:
        build(site_copy, output)
    assert stopped.value.code == 128 + signal.SIGTERM
    assert capsys.readouterr().err.splitlines() == [
        "Construction interrompue (signal SIGTERM) : le nouveau site était déjà en place."
    ]
    assert (output / "index.html").is_file() and (output / "sitemap.xml").is_file()
    assert leftovers(tmp_path) == []


def test_a_sigterm_to_a_command_line_build_leaves_the_old_site_and_no_staging_folder(sites, tmp_path):
    output = tmp_path / "output"
    shutil.copytree(sites["old_output"], output)
    process = subprocess.Popen(
        build_command(sites["site"], output), cwd=ROOT, env=build_env(), stderr=subprocess.PIPE, text=True
    )
    # Wait for the staging folder (the handler is installed before it exists), then stop the build.
    while not any(path.name.startswith(".output-staging-") for path in tmp_path.iterdir()):
        assert process.poll() is None, "the build ended before it was stopped"
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    _out, errors = process.communicate()
    assert process.returncode == 128 + signal.SIGTERM
    assert errors.splitlines()[-1] in (
        TERMINATED,
        TERMINATED.replace("le site précédent est intact", "le nouveau site était déjà en place"),
    )
    assert "Traceback" not in errors
    assert which_site(output, sites) == ("old" if errors.splitlines()[-1] == TERMINATED else "new")
    assert leftovers(tmp_path) == []
