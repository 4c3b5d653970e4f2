"""Work done in a short-lived forked process, so that what it imports never weighs on the build.

The `holidays` package loads the rules of every country it knows (about
390 modules, 17 MB of the build's peak memory) to give France's eleven
public holidays. Computed in a forked child, only the answer (a few dates
and names, pickled through a pipe) reaches the build.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import TypeVar

Result = TypeVar("Result")


def call_in_child(function: Callable[..., Result], *args) -> Result:
    """Return ``function(*args)``, computed in a forked child process when the system can fork.

    The result must pickle. Where there is no ``os.fork`` (Windows), or
    when the child fails or dies, the call is made in this process, so
    that any exception is raised here, as a plain call would raise it.
    """
    if not hasattr(os, "fork"):  # pragma: no cover - Windows
        return function(*args)
    reading, writing = os.pipe()
    child = os.fork()
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
    with os.fdopen(reading, "rb") as stream:
        payload = stream.read()
    os.waitpid(child, 0)
    if not payload:
        return function(*args)
    return pickle.loads(payload)  # our own child wrote it
