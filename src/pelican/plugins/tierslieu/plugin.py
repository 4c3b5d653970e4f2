"""Register the plugin with Pelican."""

from __future__ import annotations

from pelican import signals

from .templating import use_bytecode_cache


def register() -> None:
    """Connect the plugin's receivers to Pelican's signals."""
    from . import integration, sanitising  # noqa: PLC0415 - imported late to keep Pelican's start fast

    signals.initialized.connect(integration.on_initialized)
    signals.get_generators.connect(integration.get_generators)
    signals.content_object_init.connect(sanitising.read_content)
    signals.content_written.connect(integration.record_written)
    signals.all_generators_finalized.connect(integration.after_reading)
    signals.generator_init.connect(use_bytecode_cache)
