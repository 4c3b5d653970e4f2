"""Work done in a forked child (forked.py): its answer comes back, its imports stay there."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date

import pytest

from pelican.plugins.tierslieu import opening
from pelican.plugins.tierslieu.forked import call_in_child, start_in_child
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


def _slowly(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def test_a_started_call_runs_in_a_child_while_the_build_goes_on():
    started = time.monotonic()
    pending = start_in_child(_slowly, 0.4)
    assert time.monotonic() - started < 0.3  # not waited for
    assert pending.result() not in (os.getpid(), None)
    assert pending.result() == pending.result()  # answered once, kept


def test_without_fork_the_call_is_made_here_when_its_result_is_asked():
    pending = start_in_child(_slowly, 0, fork=False)
    assert pending.result() == os.getpid()


def test_a_cancelled_call_leaves_no_child_behind():
    pending = start_in_child(_slowly, 30)
    child = pending._child
    pending.cancel()
    with pytest.raises(ChildProcessError):  # reaped: no zombie
        os.waitpid(child, os.WNOHANG)
    pending.cancel()  # twice is harmless


def test_holidays_expected_ahead_are_taken_from_that_child(monkeypatch):
    started = []
    original = opening.start_in_child
    monkeypatch.setattr(opening, "start_in_child", lambda *args: started.append(args[1:]) or original(*args))
    monkeypatch.setattr(opening, "_HOLIDAYS", {})
    opening.expect_holidays(2031, 2032)
    opening.expect_holidays(2031, 2032)  # already on its way
    assert dict(opening.french_holidays(2031, 2032))[date(2032, 7, 14)] == "Fête nationale"
    opening.expect_holidays(2031, 2032)  # already known
    assert started == [(2031, 2032)]
    opening.expect_holidays(2033, 2033)
    opening.forget_expected()  # a venue open on public holidays never asks: its child is stopped
    assert opening._AHEAD == {}


def test_content_checked_in_a_child_and_data_loaded_here_report_every_problem_at_once(site_copy, tmp_path):
    from conftest import build  # noqa: PLC0415

    from pelican.plugins.tierslieu.model.errors import DataErrors  # noqa: PLC0415

    (site_copy / "content" / "2026-01-05-cassé.md").write_text(
        "Title: Cassé\nDate: pas une date\n\nTexte.\n", encoding="utf-8"
    )
    event = next((site_copy / "data" / "events").glob("*.yaml"))
    event.write_text("title: [pas fermé\n", encoding="utf-8")
    with pytest.raises(DataErrors) as raised:
        build(site_copy, tmp_path / "out", TIERSLIEU_BACKGROUND=True, TIERSLIEU_SEARCH=False)
    where = [str(problem.path) for problem in raised.value.errors]
    assert any("cassé.md" in path for path in where) and any(event.name in path for path in where)
    assert where.index(next(path for path in where if "cassé.md" in path)) < where.index(
        next(path for path in where if event.name in path)
    )  # content/ first, as before the checks ran in a child


def test_problems_and_advice_come_back_from_a_child_as_they_were():
    from pelican.plugins.tierslieu.editors.advice import Advice  # noqa: PLC0415
    from pelican.plugins.tierslieu.model.errors import DataError  # noqa: PLC0415

    sent = [DataError("content/a.md", 3, "date illisible", "date"), Advice("data/b.yaml", 1, "image absente")]
    back = call_in_child(lambda: sent)
    assert back == sent and [type(item) for item in back] == [DataError, Advice]
    assert [str(item) for item in back] == [str(item) for item in sent] and back[0].field == "date"


def test_a_sigterm_during_a_fork_stops_the_build_once_the_fork_returned():
    """Without signals held, the handler would run in logging's at-fork callback, and its exception be lost."""
    from pelican.plugins.tierslieu.faults import Terminated, terminate_as_exception  # noqa: PLC0415

    armed = {"on": False}

    def terminate_now():
        if armed["on"]:
            armed["on"] = False
            os.kill(os.getpid(), signal.SIGTERM)

    os.register_at_fork(after_in_parent=terminate_now)  # runs before Python's own callbacks (last registered first)
    with terminate_as_exception(), pytest.raises(Terminated):
        armed["on"] = True
        start_in_child(_slowly, 0)
    assert armed["on"] is False
