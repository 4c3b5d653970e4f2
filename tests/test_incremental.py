"""The preview's fast path writes exactly what a full build would, and only that."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import ROOT, build, snapshot, write_files

from pelican.plugins.tierslieu.editors.preview import LivePreview

SETTINGS = {"SITEURL": "https://grange.example.org", "TIERSLIEU_BUILD_DATE": "2026-11-24", "TIERSLIEU_SEARCH": False}
ARTICLE = "actualites/2026/premier-article/index.html"

EVENT_EDITS = ("title", "date", "category", "pepites", "deletion")
PEPITE_EDITS = ("name", "kind", "deletion")
ARTICLE_EDITS = ("title", "date", "category", "tags", "deletion")


def _set_key(text: str, key: str, value: str) -> str:
    """Return YAML or Markdown-header text with ``key`` set to ``value`` (replaced, or added after the first line)."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if re.match(rf"{key}\s*:", line):
            lines[index] = f"{key}: {value}"
            return "\n".join(lines) + "\n"
    lines.insert(1, f"{key}: {value}")
    return "\n".join(lines) + "\n"


def _shift_dates(text: str, key: str, days: int) -> str:
    """Move every date of the ``key:`` line by ``days`` (a week keeps a series on its weekday)."""

    def shift(match):
        return (date.fromisoformat(match.group(0)) + timedelta(days=days)).isoformat()

    return (
        "\n".join(
            re.sub(r"\d{4}-\d{2}-\d{2}", shift, line) if line.startswith(key) else line for line in text.splitlines()
        )
        + "\n"
    )


def _edit(site: Path, path: Path, kind: str, rng: random.Random) -> list[Path]:
    """Apply one edit of ``kind`` to a source file; return every file saved (a deletion may touch others)."""
    text = path.read_text(encoding="utf-8")
    folder = path.parent.name
    if kind == "deletion":
        path.unlink()
        touched = [path]
        if folder == "pepites":  # its events must stop naming it, in the same save
            for event in sorted((site / "data" / "events").glob("*.yaml")):
                old = event.read_text(encoding="utf-8")
                new = re.sub(rf"(pepites: \[[^\]]*?)\b{path.stem}\b,? ?", r"\1", old).replace(", ]", "]")
                if new != old:
                    event.write_text(new, encoding="utf-8")
                    touched.append(event)
        return touched
    pepites = sorted(item.stem for item in (site / "data" / "pepites").glob("*.yaml"))
    header = "Title" if folder == "content" else "title"
    values = {
        "title": lambda: _set_key(text, header, f"Titre changé n° {rng.randint(1, 99)}"),
        "name": lambda: _set_key(text, "name", f"Nom changé n° {rng.randint(1, 99)}"),
        "kind": lambda: _set_key(text, "kind", rng.choice(["Artisan", "Association", "Nouvelle famille"])),
        "category": lambda: _set_key(
            text, "Category" if folder == "content" else "category", rng.choice(["Atelier", "Fête", "Catégorie neuve"])
        ),
        "pepites": lambda: _set_key(
            text, "pepites", "[" + ", ".join(rng.sample(pepites, rng.randint(0, min(2, len(pepites))))) + "]"
        ),
        "tags": lambda: _set_key(text, "Tags", rng.choice(["ouverture", "neuf, autre"])),
        "date": lambda: _shift_dates(
            text,
            "Date" if folder == "content" else ("start", "end", "  until"),
            rng.choice([-7, 7, 14]) if folder != "content" else -rng.randint(1, 20),
        ),
    }
    path.write_text(values[kind](), encoding="utf-8")
    return [path]


def _sources(site: Path) -> list[tuple[Path, tuple[str, ...]]]:
    data = site / "data"
    return (
        [(path, EVENT_EDITS) for path in sorted((data / "events").glob("*.yaml"))]
        + [(path, PEPITE_EDITS) for path in sorted((data / "pepites").glob("*.yaml"))]
        + [(path, ARTICLE_EDITS) for path in sorted((site / "content").glob("*.md"))]
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fast_path_equals_a_full_build_for_every_source(site_copy, tmp_path, seed):
    """Each event, pépite and article of the sample, edited at random in turn: the preview equals a full build."""
    rng = random.Random(seed)
    extra = {"DATA_PATH": str(site_copy / "data"), "CACHE_PATH": str(tmp_path / "cache"), **SETTINGS}
    preview = LivePreview(str(ROOT / "pelicanconf.py"), str(site_copy / "content"), str(tmp_path / "preview"), extra)
    preview.build_all()
    assert preview.error is None
    sources = _sources(site_copy)
    rng.shuffle(sources)
    for step, (path, kinds) in enumerate(sources):
        if not path.exists():
            continue
        kind = kinds[(step + seed) % len(kinds)]  # every kind of edit, spread over the seeds
        saved = _edit(site_copy, path, kind, rng)
        preview.saved([str(item) for item in saved])
        assert preview.error is None, (path.name, kind, preview.error)
        build(site_copy, tmp_path / f"full-{step}", TIERSLIEU_SEARCH=False)
        fast, slow = snapshot(tmp_path / "preview"), snapshot(tmp_path / f"full-{step}")
        assert (path.name, kind, sorted(set(fast) ^ set(slow))) == (path.name, kind, [])
        assert (path.name, kind, [name for name in fast if fast[name] != slow[name]]) == (path.name, kind, [])


def test_an_event_saved_alone_rewrites_only_what_shows_it(site_copy, tmp_path):
    extra = {"DATA_PATH": str(site_copy / "data"), "CACHE_PATH": str(tmp_path / "cache"), **SETTINGS}
    preview = LivePreview(str(ROOT / "pelicanconf.py"), str(site_copy / "content"), str(tmp_path / "preview"), extra)
    preview.build_all()
    stamps = {name: (tmp_path / "preview" / name).stat().st_mtime_ns for name in snapshot(tmp_path / "preview")}
    event = site_copy / "data/events/journee-ete.yaml"
    event.write_text(
        event.read_text(encoding="utf-8").replace("Journée d'été", "Journée d'été, revue"), encoding="utf-8"
    )
    preview.saved([str(event)])
    changed = {name for name, stamp in stamps.items() if (tmp_path / "preview" / name).stat().st_mtime_ns != stamp}
    assert "agenda/journee-ete/index.html" in changed
    assert ARTICLE not in changed
    assert "pepites/eloise-berenger/index.html" not in changed  # she is not in that event
    assert "le-lieu/index.html" not in changed


def test_fast_path_keeps_the_site_when_data_is_wrong(site_copy, tmp_path):
    extra = {"DATA_PATH": str(site_copy / "data"), "CACHE_PATH": str(tmp_path / "cache"), **SETTINGS}
    preview = LivePreview(str(ROOT / "pelicanconf.py"), str(site_copy / "content"), str(tmp_path / "preview"), extra)
    preview.build_all()
    before = snapshot(tmp_path / "preview")
    write_files(site_copy, {"data/events/oups.yaml": "tilte: X\nstart: 2027-01-12\n"})
    preview.saved([str(site_copy / "data/events/oups.yaml")])
    assert "oups.yaml:1: clé inconnue 'tilte'" in preview.error
    assert snapshot(tmp_path / "preview") == before


def test_background_process_gives_the_same_site(tmp_path):
    from datetime import date  # noqa: PLC0415

    from benchmarks.synthetic import write_site  # noqa: PLC0415

    site = write_site(tmp_path / "site", 320, 12, 6, date(2026, 11, 24))
    build(site, tmp_path / "forked", TIERSLIEU_SEARCH=False, TIERSLIEU_BACKGROUND=True)
    build(site, tmp_path / "alone", TIERSLIEU_SEARCH=False, TIERSLIEU_BACKGROUND=False)
    first, second = snapshot(tmp_path / "forked"), snapshot(tmp_path / "alone")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
