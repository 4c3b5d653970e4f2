"""The preview serves only once its folders are watched (editors/watching.watch_saves' ``ready``): no save is missed."""

from __future__ import annotations

import threading
import time

from pelican.plugins.tierslieu.editors.watching import watch_saves


class _Preview:
    """What watch_saves uses of a LivePreview: its settings, and ``saved``."""

    def __init__(self, root):
        self.pelican = type("Pelican", (), {"settings": {"SETTINGS_DIR": str(root), "PATH": str(root)}})()
        self.saves: list[list[str]] = []
        self.seen = threading.Event()

    def saved(self, paths: list[str]) -> None:
        self.saves.append(paths)
        self.seen.set()


def test_a_file_saved_as_soon_as_the_preview_serves_is_rebuilt(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    preview, stop = _Preview(tmp_path), threading.Event()
    ready_at: list[float] = []

    def ready() -> None:  # what main() does there: start serving; a browser's save may follow at once
        ready_at.append(time.monotonic())
        (folder / "event.yaml").write_text("title: Tout de suite\n", encoding="utf-8")

    watcher = threading.Thread(target=watch_saves, args=(preview, [str(folder)], ready, stop), daemon=True)
    watcher.start()
    try:
        assert preview.seen.wait(20), "the save made when the preview became ready was missed"
    finally:
        stop.set()
        watcher.join(10)
    assert len(ready_at) == 1  # told once
    assert [str(folder / "event.yaml")] in preview.saves
    assert not watcher.is_alive()  # the stop event ends the watch
