"""A second process that prepares work while Pelican reads articles and renders pages.

Forked right after the data is loaded, it inherits the site and renders
the Markdown of events and pépites, then serialises their VEVENTs with
icalendar, both started at once, while this process reads the articles:
the two most expensive steps of a large venue, done on the second core. Only with fork, with enough events, and when the only
other threads are daemons that never touch what the child uses (Pelican's
"Generating..." spinner); the preview, which serves pages from threads,
turns it off (TIERSLIEU_BACKGROUND).
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor

from markupsafe import Markup

from . import kept_texts
from .forked import signals_held

THRESHOLD = 300  # below this, a second process costs more than it saves
_FORKED = None


class Background:
    """The second process and the work handed to it."""

    def __init__(self, executor: ProcessPoolExecutor, markdown: Future, serialised: Future, count: int):
        self.executor = executor
        self.markdown: Future | None = markdown
        self._serialised: tuple[int, Future] | None = (count, serialised)

    @classmethod
    def start(cls, site) -> Background | None:
        """Fork the second process and start on the Markdown; None when not worth it."""
        global _FORKED  # noqa: PLW0603 - what the forked process inherits
        others = [thread for thread in threading.enumerate() if thread is not threading.current_thread()]
        if (
            not site.config.background
            or len(site.events) < THRESHOLD
            or any(not thread.daemon for thread in others)
            or "fork" not in multiprocessing.get_all_start_methods()
        ):
            return None
        _FORKED = site
        try:
            executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
            # The VEVENTs follow the Markdown at once: serialised while this process reads the articles.
            count = len(site.events) + len(site.removed)
            with signals_held():  # the executor forks its process in submit (forked.signals_held says why)
                markdown, serialised = executor.submit(_render_markdown), executor.submit(_serialise, count)
            return cls(executor, markdown, serialised, count)
        finally:
            _FORKED = None

    def collect_markdown(self, render) -> None:
        """Put the Markdown rendered in the background into the site's renderer."""
        if self.markdown is not None:
            rendered = _taken(self.markdown)
            render.remember({text: Markup(html) for text, html in rendered.items()})
            self.markdown = None

    @staticmethod
    def blocks(serialised: Future) -> list[bytes]:
        """Return the VEVENTs of each event from what ``serialise`` returned (waits for them)."""
        return _taken(serialised)

    def serialise(self, count: int) -> Future:
        """Serialise the VEVENTs of the first ``count`` events (the removed ones follow the events).

        All of them were started with the Markdown: that work is handed
        over the first time all of them are asked for.
        """
        started, self._serialised = self._serialised, None
        if started is not None and started[0] == count:
            return started[1]
        return self.executor.submit(_serialise, count)

    def close(self) -> None:
        """Let the second process go."""
        self.executor.shutdown(wait=False)


def _inherited():
    if _FORKED is None:  # pragma: no cover - the process was not forked with the site
        raise RuntimeError("the second process did not inherit the site")
    return _FORKED


def _taken(future: Future):
    """Return a task's result, noting the texts the second process kept as used here too (kept_texts.take)."""
    result, texts = future.result()
    kept_texts.take(texts)
    return result


def _render_markdown() -> tuple[dict[str, str], dict]:
    site = _inherited()
    texts = [event.data.description for event in site.events] + [pepite.data.bio for pepite in site.pepites]
    return {text: str(site.render(text)) for text in texts if text}, kept_texts.used()


def _serialise(count: int) -> tuple[list[bytes], dict]:
    from .ical.vevents import event_components  # noqa: PLC0415 - the child imports it once, late

    site = _inherited()
    events = [*site.events, *site.removed][:count]
    blocks = [b"".join(component.to_ical() for component in event_components(event, site)) for event in events]
    return blocks, kept_texts.used()
