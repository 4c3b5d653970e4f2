"""GUIDE.md true to the letter: the commands it shows exist, the messages it quotes are what `invoke check` prints.

Commands: every `invoke` or `.venv/bin/…` command of a code block or of an
inline code span; each invoke task must exist and take the options shown
(`invoke --help TASK`). Messages: every line `data/…:LINE: message` or
`content/…:LINE: message` of a code block. Where the guide shows the faulty
file itself (a code block after a paragraph naming one file, then the
messages), the test writes that very file into a copy of the sample venue;
the other quoted lines are reproduced by the mistakes of ``OTHER_MISTAKES``.
Either way the lines `invoke check` prints for that file must be the guide's,
in the same order.
"""

from __future__ import annotations

import functools
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass, field

import pytest
from conftest import ROOT, SAMPLE
from pelican.settings import read_settings

from pelican.plugins.tierslieu.editors import scaffold
from pelican.plugins.tierslieu.editors.checking import run_check

GUIDE = ROOT / "GUIDE.md"
INVOKE = ROOT / ".venv" / "bin" / "invoke"
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)
_QUOTED = re.compile(r"^((?:data|content)/[^\s:]+):(\d+): (.+)$")
_NAMED_FILE = re.compile(r"`((?:data|content)/[^`\s]+\.(?:yaml|md))`")
# The pépites the guide's examples cite, as the demo has them; the sample venue gets a minimal file of each.
GUIDE_PEPITES = {"karim-benali": "name: Karim Benali\ntrade: Développeur\n"}


def _end_before_start(site) -> None:
    """Section 3: the file `invoke new-event` writes, its `end` line uncommented with a time before `start`."""
    path = scaffold.new_event(str(site / "data"), "Atelier couture", "2027-01-12 14:00")
    with open(path, encoding="utf-8") as stream:
        lines = stream.read().splitlines(keepends=True)
    assert lines[5].startswith("# end: ")
    lines[5] = "end: 2027-01-12 11:00\n"
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("".join(lines))


OTHER_MISTAKES = {
    "data/events/2027-01-12-atelier-couture.yaml:6: 'end' (2027-01-12 11:00) est avant 'start' (2027-01-12 14:00)": (
        _end_before_start
    ),
    "content/pages/mentions-legales.md:2: note : cette page remplace la page générée « /mentions-legales/ » du site": {
        "content/pages/mentions-legales.md": "Title: Mentions légales\nSlug: mentions-legales\n\nNotre texte.\n"
    },
    # A copy of the venue outside any git repository (the test's temporary folder) is the mistake itself.
    (
        "data/events:1: attention : ce dossier n'est pas dans un dépôt git : chaque événement aurait la SEQUENCE 0 "
        "et la date de son fichier, et les agendas abonnés pourraient ignorer ses changements ; publiez depuis un clone git"
    ): {},
}


@dataclass
class Quoted:
    """Lines of one code block of the guide, about one file, and how to make the mistake they answer."""

    path: str
    lines: list[str]
    mistake: object = field(repr=False)  # {path: text} or a callable(site)


def guide_text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def quoted_messages() -> list[Quoted]:
    """Return every quoted `file:line: message` block, with the mistake that makes it."""
    found: list[Quoted] = []
    text, position, shown = guide_text(), 0, None
    for block in _BLOCK.finditer(text):
        before, (language, body) = text[position : block.start()], block.groups()
        position = block.end()
        named = _NAMED_FILE.findall(before.strip().rsplit("\n\n", 1)[-1])
        if language in ("yaml", "markdown") and len(set(named)) == 1:
            shown = (named[0], body)
            continue
        lines = [line for line in body.splitlines() if _QUOTED.match(line)]
        if not lines:
            continue
        paths = {_QUOTED.match(line).group(1) for line in lines}
        assert len(paths) == 1, f"one file per block of quoted messages: {lines}"
        path = paths.pop()
        if shown and shown[0] == path:
            found.append(Quoted(path, lines, {path: shown[1]}))
        else:
            for line in lines:
                assert line in OTHER_MISTAKES, f"GUIDE.md quotes a message no test reproduces: {line}"
                found.append(Quoted(path, [line], OTHER_MISTAKES[line]))
        shown = None
    return found


def check_lines(site, capsys) -> list[str]:
    """Run `invoke check` (both settings files) on a venue folder; return every line, paths relative to it."""
    override = {
        "PATH": str(site / "content"),
        "DATA_PATH": str(site / "data"),
        "SITEURL": "https://grange.example.org",
        "TIERSLIEU_BUILD_DATE": "2026-11-24",
    }
    run_check([read_settings(str(ROOT / name), override=override) for name in ("pelicanconf.py", "publishconf.py")])
    captured = capsys.readouterr()
    return [line.removeprefix(f"{site}/") for line in (captured.err + captured.out).splitlines()]


def test_the_guide_quotes_the_ten_common_mistakes():
    quoted = quoted_messages()
    assert len(quoted) == 14
    assert sum(isinstance(item.mistake, dict) and item.lines[0].startswith("data/events/") for item in quoted) == 9


@pytest.mark.parametrize("quoted", quoted_messages(), ids=lambda quoted: quoted.lines[0][:70])
def test_quoted_messages_are_what_check_prints(tmp_path, capsys, quoted):
    site = tmp_path / "site"
    shutil.copytree(SAMPLE, site)
    for name, text in GUIDE_PEPITES.items():
        (site / "data" / "pepites" / f"{name}.yaml").write_text(text, encoding="utf-8")
    if callable(quoted.mistake):
        quoted.mistake(site)
    else:
        for name, text in quoted.mistake.items():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(text, encoding="utf-8")
    printed = check_lines(site, capsys)
    if quoted.path.endswith((".yaml", ".md")):
        assert [line for line in printed if line.startswith(f"{quoted.path}:")] == quoted.lines
    else:  # advice about a whole folder stands among the others
        assert [line for line in quoted.lines if line in printed] == quoted.lines


def guide_commands() -> list[str]:
    """Return the commands the guide shows: code-block lines and inline code starting with invoke or .venv/bin/."""
    text = guide_text()
    lines = [line.strip() for _, body in _BLOCK.findall(text) for line in body.splitlines()]
    spans = re.findall(r"`([^`\n]+)`", _BLOCK.sub("", text))
    return sorted({item for item in lines + spans if item.startswith(("invoke ", ".venv/bin/"))})


@functools.cache
def task_help(task: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(INVOKE), "--help", task], cwd=ROOT, capture_output=True, text=True, check=False)


def test_the_guide_shows_the_editors_commands():
    commands = guide_commands()
    assert '.venv/bin/invoke new-event "Atelier couture" --start "2027-01-12 14:00"' in commands
    assert {shlex.split(command)[1] for command in commands if "/invoke " in command} == {
        "check",
        "new-article",
        "new-event",
        "new-pepite",
        "new-network-venue",
        "fetch-network",
        "newsletter",
        "publish",
        "serve",
        "--list",
    }


@pytest.mark.parametrize("command", guide_commands())
def test_each_command_exists_with_the_options_shown(command):
    program, *arguments = shlex.split(command)
    if not program.endswith("invoke"):
        assert (ROOT / program).name in ("pip", "python"), command
        for index, argument in enumerate(arguments):
            if argument == "-r":
                assert (ROOT / arguments[index + 1]).is_file(), command
        return
    if not INVOKE.exists():
        pytest.skip("invoke is not installed in .venv")
    if arguments == ["--list"]:
        assert subprocess.run([str(INVOKE), "--list"], cwd=ROOT, capture_output=True, check=False).returncode == 0
        return
    task, *rest = arguments
    shown = task_help(task)
    assert shown.returncode == 0, f"{command}: {shown.stderr}"
    for option in (argument.split("=", 1)[0] for argument in rest if argument.startswith("--")):
        assert re.search(rf"(^|\s){re.escape(option)}(=\S+)?(\s|$)", shown.stdout, re.M), f"{command}: no {option}"
    positionals = [argument for argument in rest if not argument.startswith("-")]
    values = sum(1 for argument in rest if argument.startswith("--") and "=" not in argument)
    assert len(positionals) - values <= shown.stdout.count("=STRING"), command
