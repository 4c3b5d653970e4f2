"""The package's shape: what may import what, and modules a reader can hold in mind."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "pelican" / "plugins" / "tierslieu"
NAME = "pelican.plugins.tierslieu"
MAX_LINES = 300


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def imported(path: Path) -> set[str]:
    """Return the modules of the package that ``path`` imports, as dotted names relative to the package."""
    here = path.relative_to(PACKAGE).with_suffix("").parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(here[: len(here) - node.level + 1])
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
                names = [target] if node.module else [".".join([*base, alias.name]) for alias in node.names]
            elif node.module and node.module.startswith(NAME + "."):
                names = [node.module.removeprefix(NAME + ".")]
            else:
                names = []
            found.update(names)
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.removeprefix(NAME + ".") for alias in node.names if alias.name.startswith(NAME + ".")
            )
    return found


def area(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else ""


def test_the_imports_are_read():
    assert "model.errors" in imported(PACKAGE / "integration.py")
    assert "model.events" in imported(PACKAGE / "model" / "loading.py") or "model.models" in imported(
        PACKAGE / "model" / "loading.py"
    )


@pytest.mark.parametrize(
    "path", [path for path in modules() if area(path) != "editors"], ids=lambda path: str(path.relative_to(PACKAGE))
)
def test_a_build_imports_nothing_of_the_editors_tools(path):
    assert [name for name in imported(path) if name.startswith("editors")] == []


@pytest.mark.parametrize(
    "path", [path for path in modules() if area(path) == "model"], ids=lambda path: str(path.relative_to(PACKAGE))
)
def test_the_model_is_a_leaf(path):
    assert [name for name in imported(path) if not name.startswith("model")] == []


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_modules_stay_short(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES
