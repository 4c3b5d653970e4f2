"""Tasks of the venue site: invoke --list shows them all."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
PYTHON = shlex.quote(sys.executable)
PELICAN = f"{PYTHON} -m pelican"
PORT = int(os.environ.get("PORT", "8000"))


@task
def build(c):
    """Build the site into output/ with the development settings."""
    c.run(f"{PELICAN} content -s pelicanconf.py", pty=False)


@task
def publish(c):
    """Build the production site (publishconf.py); fails on any error."""
    c.run(f"{PELICAN} content -s publishconf.py --fatal errors", pty=False)


@task
def check(c):
    """Validate data/ and content/ without building; print every problem."""
    sys.path.insert(0, str(ROOT))
    from pelican.settings import read_settings  # noqa: PLC0415

    from pelican.plugins.tierslieu.checking import run_check  # noqa: PLC0415

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    sys.exit(run_check(settings))


@task
def serve(c, port=PORT):
    """Build, serve on http://localhost:8000 and rebuild + reload on every save."""
    from livereload import Server  # noqa: PLC0415

    def rebuild():
        c.run(f"{PELICAN} content -s pelicanconf.py", warn=True, pty=False)

    rebuild()
    server = Server()
    for folder in ("content", "data", "theme"):
        server.watch(f"{folder}/", rebuild)
    server.watch("pelicanconf.py", rebuild)
    server.serve(root=str(ROOT / "output"), port=port, host="localhost", open_url_delay=None)


@task
def test(c):
    """Run the whole test suite."""
    c.run(f"{PYTHON} -m pytest", pty=False)


@task(name="update-golden")
def update_golden(c):
    """Rewrite tests/golden/ from the sample site (then review the diff)."""
    c.run(f"UPDATE_GOLDEN=1 {PYTHON} -m pytest -q tests/test_golden.py", pty=False)


@task
def clean(c):
    """Remove the built site."""
    c.run("rm -rf output cache", pty=False)
