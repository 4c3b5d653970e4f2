"""Random damage to the sample's sources never crashes `invoke check` or the build, nor touches the old site.

Each example mutates one or two of tests/sample_site's YAML and Markdown
files (a key deleted, a value of another type, the file cut short, random
bytes, a line twice, odd Unicode, indentation changed), then runs
``invoke check`` in process and a command-line build over a previous good
output: each exits 0, or 1 with ``file:line: message`` lines and no
traceback; a refused build leaves the old output byte for byte.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import BUILD_DATE, BUILD_PHASES, ROOT, SAMPLE, run_build, snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pelican.settings import read_settings

from pelican.plugins.tierslieu.editors.checking import run_check

SOURCES = sorted(
    str(path.relative_to(SAMPLE)) for path in SAMPLE.rglob("*") if path.suffix in (".yaml", ".md") and path.is_file()
)
ODD = [
    "\u2028",
    "\u202e",
    "\ufeff",
    "\u0301",
    "\x00",
    "\x0c",
    "\r",
    "\t",
    "é",
    "🎉",
    "\ud7ff",
    "\U0010fffd",
    ": ",
    "- ",
]
SCALARS = [
    "[a, b]",
    "{a: 1}",
    "{}",
    "[]",
    "''",
    "~",
    "true",
    "12",
    "2027-13-45",
    "-1",
    "1e9999",
    "&a x",
    "*a",
    "!!binary x",
]
PROBLEM = re.compile(r"^(data|content)/\S+:\d+: \S")
# One run's settings of the command-line build: no search index (pagefind), which the checks here do not concern.
NO_SEARCH = ("TIERSLIEU_SEARCH=false",)


def _lines(text: str) -> list[str]:
    return text.split("\n")


@st.composite
def mutation(draw, text: str) -> str:
    """Return ``text`` with one kind of damage an editor (or a bad merge) could do."""
    lines = _lines(text)
    index = draw(st.integers(0, max(len(lines) - 1, 0)))
    kind = draw(st.sampled_from(["delete", "retype", "truncate", "bytes", "duplicate", "unicode", "indent"]))
    if kind == "delete":
        del lines[index]
    elif kind == "retype":
        key = lines[index].split(":", 1)[0]
        lines[index] = f"{key}: {draw(st.sampled_from(SCALARS))}"
    elif kind == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    elif kind == "bytes":
        at = draw(st.integers(0, len(text)))
        # Raw bytes, kept through str as surrogate escapes (invalid UTF-8 stays invalid on disk).
        noise = draw(st.binary(min_size=1, max_size=8)).decode("utf-8", "surrogateescape")
        return text[:at] + noise + text[at:]
    elif kind == "duplicate":
        lines.insert(index, lines[index])
    elif kind == "unicode":
        at = draw(st.integers(0, len(lines[index])))
        lines[index] = lines[index][:at] + draw(st.sampled_from(ODD)) + lines[index][at:]
    else:
        shift = draw(st.sampled_from([-4, -2, -1, 1, 2, 3]))
        lines[index] = " " * shift + lines[index] if shift > 0 else lines[index][-shift:]
    return "\n".join(lines)


@st.composite
def damage(draw) -> dict[str, str]:
    """Return the damaged files of one example: one or two sources, each mutated once or twice."""
    names = draw(st.lists(st.sampled_from(SOURCES), min_size=1, max_size=2, unique=True))
    damaged = {}
    for name in names:
        text = (SAMPLE / name).read_text(encoding="utf-8")
        for _ in range(draw(st.integers(1, 2))):
            text = draw(mutation(text))
        damaged[name] = text
    return damaged


@pytest.fixture(scope="module")
def good_output(tmp_path_factory) -> Path:
    """The sample built once on the command line: the previous site each example builds over."""
    output = tmp_path_factory.mktemp("previous") / "output"
    result = run_build(SAMPLE, output, extra=NO_SEARCH)
    assert result.returncode == 0, result.stderr
    return output


def write_damaged(site: Path, damaged: dict[str, str]) -> None:
    """Copy the sample to ``site`` and write the damaged files (noise bytes as they were drawn)."""
    shutil.copytree(SAMPLE, site)
    for name, text in damaged.items():
        (site / name).write_bytes(text.encode("utf-8", "surrogateescape"))


def check_in_process(site: Path) -> tuple[int, str]:
    """Run `invoke check` on ``site``; return its status and what it printed on stderr."""
    conf = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(site / "content"), "DATA_PATH": str(site / "data"), "TIERSLIEU_BUILD_DATE": BUILD_DATE},
    )
    printed = io.StringIO()
    with contextlib.redirect_stderr(printed):
        status = run_check(conf)
    return status, printed.getvalue()


def assert_told_plainly(status: int, stderr: str, site: Path, who: str) -> None:
    """A refusal is exit 1 with file:line: lines, never a traceback or an internal error."""
    assert status in (0, 1), f"{who}: exit {status}\n{stderr}"
    assert "Traceback" not in stderr, f"{who}:\n{stderr}"
    assert "Erreur interne" not in stderr, f"{who}:\n{stderr}"
    if status == 1:
        problems = [line for line in stderr.replace(f"{site}/", "").splitlines() if PROBLEM.match(line)]
        assert problems, f"{who} refused without a file:line: message\n{stderr}"


# Each example is a check and a command-line build (about a second): 3/5 of the profile's examples
# keeps this file under a minute (15 by default, 300 with HYPOTHESIS_PROFILE=long).
FUZZ_EXAMPLES = max(5, settings.default.max_examples * 3 // 5)


@settings(max_examples=FUZZ_EXAMPLES, phases=BUILD_PHASES, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damaged=damage())
def test_damaged_sources_are_refused_plainly_and_keep_the_old_site(good_output, damaged):
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        write_damaged(site, damaged)
        status, printed = check_in_process(site)
        assert_told_plainly(status, printed, site, "invoke check")
        output = Path(folder) / "output"
        shutil.copytree(good_output, output)
        before = snapshot(output)
        result = run_build(site, output, extra=NO_SEARCH)
        assert_told_plainly(result.returncode, result.stderr, site, "pelican")
        if result.returncode != 0:
            assert snapshot(output) == before
            assert status == 1, f"the build refused what check let pass:\n{result.stderr}"


def test_a_metadata_line_written_twice_is_refused_in_french(site_copy, tmp_path):
    article = site_copy / "content" / "premier-article.md"
    article.write_text("Title: Premier article\n" + article.read_text(encoding="utf-8"), encoding="utf-8")
    message = "content/premier-article.md:2: « Title: » est déjà écrit ligne 1 : gardez une seule de ces lignes"
    status, printed = check_in_process(site_copy)
    assert status == 1
    assert message in printed.replace(f"{site_copy}/", "").splitlines()
    result = run_build(site_copy, tmp_path / "output", extra=NO_SEARCH)
    assert result.returncode == 1
    assert message in result.stderr.replace(f"{site_copy}/", "").splitlines()
    assert "Erreur interne" not in result.stderr
