"""Register the plugin with Pelican."""

from __future__ import annotations

from pelican import signals


def register() -> None:
    """Connect the plugin's receivers to Pelican's signals."""
    from . import build  # noqa: PLC0415 - imported late to keep Pelican's start fast

    signals.initialized.connect(build.on_initialized)
    signals.get_generators.connect(build.get_generators)
    signals.content_object_init.connect(build.sanitise_content)
    signals.content_written.connect(build.record_written)
    signals.all_generators_finalized.connect(build.remember_generators)
