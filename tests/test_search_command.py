"""The search index is built by Pagefind's own executable, as ``python -m pagefind`` would find it."""

from __future__ import annotations

import os
import subprocess
import sys

from pelican.plugins.tierslieu.search import pagefind_command


def test_pagefind_runs_as_its_executable_the_one_python_m_pagefind_finds():
    command = pagefind_command()
    assert command is not None and len(command) == 1
    assert os.access(command[0], os.X_OK)
    found = subprocess.run(
        [sys.executable, "-c", "from pagefind.service import get_executable; print(get_executable())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert os.path.realpath(command[0]) == os.path.realpath(found)
    version = subprocess.run([*command, "--version"], capture_output=True, text=True, check=True).stdout
    assert version.startswith("pagefind ")


def test_a_binary_named_by_pagefind_binary_path_is_left_to_python_m_pagefind(monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/opt/pagefind-extended")
    assert pagefind_command() == [sys.executable, "-m", "pagefind"]
