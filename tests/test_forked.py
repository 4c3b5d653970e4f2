"""Work done in a forked child (forked.py): its answer comes back, its imports stay there."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from pelican.plugins.tierslieu.forked import call_in_child
from pelican.plugins.tierslieu.opening import french_holidays


def _import_and_answer(name: str) -> tuple[str, bool]:
    __import__(name)
    return name.upper(), name in sys.modules


def test_the_answer_comes_back_and_the_imports_stay_in_the_child():
    sys.modules.pop("wave", None)
    assert call_in_child(_import_and_answer, "wave") == ("WAVE", True)
    assert "wave" not in sys.modules


def _refuse(value: int) -> int:
    raise ValueError(f"refusé : {value}")


def test_an_error_of_the_child_is_raised_here_as_a_plain_call_would():
    with pytest.raises(ValueError, match="refusé : 3"):
        call_in_child(_refuse, 3)


def test_french_public_holidays_without_the_holidays_package_in_the_build():
    days = dict(french_holidays(2027, 2027))
    assert days[date(2027, 5, 6)] == "Ascension"
    assert days[date(2027, 7, 14)] == "Fête nationale"
    assert len(days) == 11
    code = (
        "import sys; from pelican.plugins.tierslieu.opening import french_holidays; "
        "french_holidays(2027, 2027); print('holidays' in sys.modules)"
    )
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert fresh.stdout.strip() == "False"  # its 390 modules never loaded in the build's process
