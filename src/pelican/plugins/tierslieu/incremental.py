"""What a change of data files touches: the outputs to write again, and those to delete.

The preview uses it to rebuild, after one saved event or pépite, only the
pages and feeds that show it; a test proves the result is byte-identical
to a full build.
"""

from __future__ import annotations

import os

from .site import Event, Pepite, SiteData


def changed_slugs(paths: list[str], data_folder: str) -> tuple[set[str], set[str]] | None:
    """Return the slugs of changed events and pépites, or None if another file changed."""
    events, pepites = set(), set()
    for path in paths:
        folder, name = os.path.split(os.path.abspath(path))
        slug, extension = os.path.splitext(name)
        kind = {os.path.join(data_folder, "events"): events, os.path.join(data_folder, "pepites"): pepites}.get(folder)
        if kind is None:
            return None
        if extension in (".yaml", ".yml") and not name.startswith("."):
            kind.add(slug)
        # Other files there are editors' temporary files: nothing to build.
    return events, pepites


def event_outputs(event: Event, settings: dict) -> set[str]:
    """Return the files one event writes of its own."""
    outputs = {event.save_as, event.ics_save_as}
    outputs |= {settings["EVENT_SAVE_AS"].format(slug=alias) for alias in event.data.aliases}
    return outputs


def pepite_outputs(pepite: Pepite, settings: dict) -> set[str]:
    """Return the files one pépite writes of its own (its feed is one of the shared feeds)."""
    return {pepite.save_as}


def affected(old: SiteData, new: SiteData, events: set[str], pepites: set[str], settings: dict) -> tuple[set[str], set[str]]:
    """Return (outputs to write again, outputs to delete) after events and pépites changed."""
    old_events = {event.slug: event for event in old.events}
    new_events = {event.slug: event for event in new.events}
    new_pepites = {pepite.slug: pepite for pepite in new.pepites}
    write: set[str] = set()
    touched_pepites = set(pepites)
    for slug in events:
        for site_events in (old_events, new_events):
            if slug in site_events:
                touched_pepites |= {pepite.slug for pepite in site_events[slug].pepites}
        if slug in new_events:
            write |= event_outputs(new_events[slug], settings)
    for slug in touched_pepites:
        if slug in new_pepites:
            write |= pepite_outputs(new_pepites[slug], settings)
            # An event page shows the names and trades of its pépites.
            if slug in pepites:
                for event in new_pepites[slug].events:
                    write |= event_outputs(event, settings)
    write |= _shared_outputs(new, settings)
    return write, all_outputs(old, settings) - all_outputs(new, settings)


def all_outputs(site: SiteData, settings: dict) -> set[str]:
    """Return every output of the data that an update may write or delete."""
    outputs = _shared_outputs(site, settings)
    for event in site.events:
        outputs |= event_outputs(event, settings)
    for pepite in site.pepites:
        outputs.add(pepite.save_as)
    return outputs


def _shared_outputs(site: SiteData, settings: dict) -> set[str]:
    """Return the lists, views and feeds that gather many events: written again each time."""
    from .agenda_pages import agenda_pages  # noqa: PLC0415 - imported here to keep this module light
    from .subscriptions import calendar_feeds  # noqa: PLC0415

    outputs = {settings[key] for key in (
        "HOME_SAVE_AS", "AGENDA_SAVE_AS", "PAST_EVENTS_SAVE_AS", "PEPITES_SAVE_AS", "SUBSCRIBE_SAVE_AS",
        "EVENTS_RSS_SAVE_AS", "AGENDA_JSON_SAVE_AS", "SEARCH_SAVE_AS",
    )}
    outputs |= {page.save_as for page in agenda_pages(site, settings)}
    for feed in calendar_feeds(site, settings):
        outputs |= {feed.save_as, feed.qr_save_as}
    return outputs
