"""U+FFFE and U+FFFF (attacker trial 10): refused at their line by check and build, never a crash of the feeds."""

from __future__ import annotations

import pytest
from conftest import run_build
from test_input import check

FFFE = "caractère invisible U+FFFE (non-caractère) : supprimez-le"
FFFF = "caractère invisible U+FFFF (non-caractère) : supprimez-le"


@pytest.mark.parametrize(
    ("path", "text", "line", "said"),
    [
        ("data/events/e6.yaml", 'title: "Atelier six \\ufffe"\nstart: 2027-04-07 10:00\n', 1, FFFE),
        ("data/events/e7.yaml", 'title: Atelier\nstart: 2027-05-03 10:00\nsummary: "résumé \\uffff"\n', 3, FFFF),
        ("data/events/e8.yaml", 'title: Atelier\nstart: 2027-04-09 10:00\nsummary: "raw \ufffe x"\n', 3, FFFE),
        ("content/2026-11-20-actu.md", "Title: Actu \uffff bizarre\nDate: 2026-11-20 10:00\n\nTexte.\n", 1, FFFF),
    ],
    ids=["escaped-title", "escaped-summary", "raw-in-yaml", "raw-article-title"],
)
def test_a_noncharacter_is_refused_at_its_line_by_check_and_build(site_copy, capsys, tmp_path, path, text, line, said):
    (site_copy / path).write_text(text, encoding="utf-8")
    problems = check(site_copy, capsys)
    assert len(problems) == 1 and problems[0].startswith(f"{path}:{line}: {said} (il vient souvent")
    output = tmp_path / "output"
    result = run_build(site_copy, output)
    assert result.returncode == 1
    assert f"{path}:{line}: {said}" in result.stderr and "Erreur interne" not in result.stderr
    assert not output.exists()
