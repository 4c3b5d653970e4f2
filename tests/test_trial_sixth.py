"""A sixth attacker trial: images hosted elsewhere, relative links of data texts, duplicate ids, the director.

Each finding is refused in French at its line, by check and the build alike, or made true.
"""

from __future__ import annotations

import pytest
from conftest import build
from test_input import check

from pelican.plugins.tierslieu.model.errors import DataErrors

PIXEL = "https://tracker.example.net/p.gif"
REMOTE = (
    "image hébergée ailleurs « https://tracker.example.net/p.gif » : le site ne charge rien d'un autre site "
    "(les visiteurs seraient suivis) ; copiez l'image dans content/images/ et citez-la avec {cite}/images/…"
)


def refused(site, capsys, tmp_path) -> list[str]:
    """Return what check refuses, after asserting the build refuses the same (file:line: message)."""
    found = check(site, capsys)
    with pytest.raises(DataErrors) as raised:
        build(site, tmp_path / "out")
    assert sorted(str(error).removeprefix(f"{site}/") for error in raised.value.errors) == sorted(found)
    return found


@pytest.mark.parametrize(
    "text",
    [f"description: |\n  Voir.\n\n  ![pixel]({PIXEL})\n", f'description: |\n  Voir.\n\n  <img src="{PIXEL}">\n'],
)
def test_an_image_hosted_elsewhere_in_an_event_description_is_refused(site_copy, capsys, tmp_path, text):
    (site_copy / "data/events/zz.yaml").write_text(f"title: Atelier\nstart: 2027-02-03 10:00\n{text}", "utf-8")
    assert refused(site_copy, capsys, tmp_path) == [f"data/events/zz.yaml:6: {REMOTE.format(cite='')}"]


def test_an_image_hosted_elsewhere_in_a_session_description_is_refused(site_copy, capsys, tmp_path):
    text = (
        "title: Atelier\nstart: 2027-02-03 10:00\nend: 2027-02-03 12:00\nsessions:\n"
        "  - start: '10:00'\n    end: '11:00'\n    title: Un\n    description: '![x][p]'\n\n"
    )
    text = text.replace("'![x][p]'", f"|\n      ![x][p]\n\n      [p]: {PIXEL}")
    (site_copy / "data/events/zz.yaml").write_text(text, "utf-8")
    assert refused(site_copy, capsys, tmp_path) == [f"data/events/zz.yaml:11: {REMOTE.format(cite='')}"]


def test_an_image_hosted_elsewhere_in_an_article_is_refused(site_copy, capsys, tmp_path):
    article = (
        f"Title: Zz\nDate: 2026-11-01 10:00\n\n![pixel]({PIXEL})\n\n<IMG SRC='{PIXEL}'>\n\n"
        f"![a][b]\n\n[b]: {PIXEL}\n\n![inline](data:image/gif;base64,R0lGODlhAQABAAAAACw=)\n"
    )
    (site_copy / "content/zz.md").write_text(article, "utf-8")
    message = REMOTE.format(cite="{static}")
    assert refused(site_copy, capsys, tmp_path) == [f"content/zz.md:{n}: {message}" for n in (4, 6, 10)]
