"""Work done in a short-lived forked process: what it imports never weighs on the build, and the build goes on meanwhile.

The `holidays` package loads the rules of every country it knows (about
390 modules, 17 MB of the build's peak memory) to give France's eleven
public holidays. Computed in a forked child, only the answer (a few dates
and names, pickled through a pipe) reaches the build. The checks of
content/ run the same way while the build loads data/ (integration.py):
on the second core, which has nothing else to do then.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Callable
from typing import Generic, TypeVar

Result = TypeVar("Result")


class Pending(Generic[Result]):
    """A call started in a forked child: ``result()`` waits for its answer, ``cancel()`` drops it."""

    def __init__(self, function: Callable[..., Result], args: tuple, fork: bool = True) -> None:
        self._function, self._args = function, args
        self._child: int | None = None
        self._reading: int | None = None
        self._done, self._value = False, None
        if not fork or not hasattr(os, "fork"):  # computed by result(), in this process (Windows, too)
            return
        reading, writing = os.pipe()
        child = fork_held()
        if child == 0:  # pragma: no cover - the child; coverage does not follow the fork
            os.close(reading)
            try:
                payload = pickle.dumps(function(*args))
            except BaseException:  # noqa: BLE001 - the parent calls it again and raises it there
                payload = b""
            with os.fdopen(writing, "wb") as stream:
                stream.write(payload)
            os._exit(0)
        os.close(writing)
        self._child, self._reading = child, reading

    def result(self) -> Result:
        """Return the function's result: the child's, or, when it failed or died, a call made here.

        A call made here raises what the function raises, as a plain call would.
        """
        if not self._done:
            payload = b""
            if self._reading is not None:
                with os.fdopen(self._reading, "rb") as stream:
                    payload = stream.read()
                os.waitpid(self._child, 0)
                self._reading = self._child = None
            # Our own child wrote it; an empty answer means it failed: the call is made here.
            self._value = pickle.loads(payload) if payload else self._function(*self._args)
            self._done = True
        return self._value

    def cancel(self) -> None:
        """Stop the child if it still runs, and forget the call (no zombie left behind)."""
        if self._reading is not None:
            os.close(self._reading)
            with contextlib.suppress(ProcessLookupError):  # it may have ended already
                os.kill(self._child, signal.SIGKILL)
            os.waitpid(self._child, 0)
            self._reading = self._child = None
        self._done = True


@contextlib.contextmanager
def signals_held():
    """Within the block (a fork), hold SIGTERM and SIGINT back; they are handled when it ends, in both processes.

    Python runs a signal's handler at the next step of Python code, and
    after a fork the first such code is the at-fork callbacks (logging's
    lock release), where an exception is reported as "ignored" and lost: a
    SIGTERM arriving during a fork would not stop the build (faults.py turns
    it into an exception). Held back, the signal is handled once the fork has
    returned, in the build's own code.
    """
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows has no fork either
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def fork_held() -> int:
    """``os.fork()`` with SIGTERM and SIGINT held back until it has returned (``signals_held``)."""
    with signals_held():
        return os.fork()


def start_in_child(function: Callable[..., Result], *args, fork: bool = True) -> Pending[Result]:
    """Start ``function(*args)`` in a forked child process (where the system can fork); return the pending call.

    The result must pickle. Without ``fork`` (a process whose threads serve
    pages: the preview), or where there is no ``os.fork`` (Windows), the
    call is made by ``result()``, in this process.
    """
    return Pending(function, args, fork)


def call_in_child(function: Callable[..., Result], *args) -> Result:
    """Return ``function(*args)``, computed in a forked child process when the system can fork.

    The result must pickle. Where there is no ``os.fork`` (Windows), or
    when the child fails or dies, the call is made in this process, so
    that any exception is raised here, as a plain call would raise it.
    """
    return start_in_child(function, *args).result()
