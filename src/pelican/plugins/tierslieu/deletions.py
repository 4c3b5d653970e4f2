"""Events whose file was deleted lately: kept in the feeds as cancelled, so subscribers lose them cleanly."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

from pydantic import ValidationError

from .history import Change, History, change_of, deleted_files, earlier_versions
from .model import events
from .model.loading import YAML_SUFFIXES
from .model.yamlfile import parse_yaml


def removed_events(site, folder: str, history: History) -> list:
    """Return the events (site.Event) whose file in ``folder`` was deleted lately.

    A deleted event stays in the feed as STATUS:CANCELLED for
    TIERSLIEU_DELETED_WEEKS weeks (``site.config.deleted_weeks``), so that
    calendars drop it cleanly instead of keeping a ghost. A file renamed
    with its old name in ``aliases:`` is not a deletion, nor is the old
    file of one deleted later (newest deletion first). The file's last
    content comes from git; its SEQUENCE counts the commits of its whole
    life in ``history`` (its former names included), the deletion too. A
    file of HEAD deleted from the working tree, not yet committed, is
    deleted now (history.deleted_files), its deletion counted as a commit.

    No ghost shares a UID with a living event or with a newer ghost: a
    deleted file whose UID (its first alias, else its name) a living file
    still has is that event, continued under another name (renamed twice,
    the middle name missing from ``aliases:``), so no cancellation is
    published for it, and its SEQUENCE counts that file's commits too (a
    rename git did not see loses none); the feed gate (ical.gate) refuses
    two VEVENTs of one UID. Living events' UIDs are unique already:
    model.loading.check_references refuses an alias that is another file's
    name or alias.
    """
    weeks = site.config.deleted_weeks
    since = datetime.combine(site.today - timedelta(weeks=weeks), datetime.min.time(), tzinfo=site.timezone)
    known = {event.slug for event in site.events} | {alias for event in site.events for alias in event.data.aliases}
    living = {event.uid: event for event in site.events}
    uids = set(living)
    result = []
    for deletion in deleted_files(folder, since):
        slug = os.path.splitext(os.path.basename(deletion.name))[0]
        if slug in known or not deletion.name.endswith(YAML_SUFFIXES):
            continue
        data = _event_data(deletion.text, deletion.name)
        if data is None:
            continue
        data = data.model_copy(update={"status": events.Status.cancelled})
        path = os.path.join(folder, deletion.name)
        change = change_of(path, history, data.aliases, missing=deletion.deleted)  # the deletion is a change too
        if not deletion.committed and change.revisions:  # git has not counted it yet
            change = Change(change.revisions + 1, max(change.modified, deletion.deleted))
        known.update([slug, *data.aliases])  # an older file of the same event is not another ghost
        ghost = site.make_event(slug, data, deletion.name, change, url=site.urls.page("agenda").url)
        if ghost.uid in living:  # this event, continued: its SEQUENCE counts this file's commits too
            merged = change_of(living[ghost.uid].source, history, [*living[ghost.uid].data.aliases, slug])
            if merged.revisions > living[ghost.uid].change.revisions:
                living[ghost.uid].change = merged
            living[ghost.uid].continued.append(data)  # its sessions the living file lacks stay cancelled
        elif ghost.uid not in uids:  # else a newer ghost is this one
            uids.add(ghost.uid)
            result.append(ghost)
    return result


def removed_sessions(site, folder: str) -> None:
    """Give each event the sessions removed from its file lately (``Event.removed_sessions``), as cancelled.

    A session whose identifier (model.sessions.session_id) an earlier
    version of the file had, in the last TIERSLIEU_DELETED_WEEKS weeks, and
    the file no longer has, stays in the event's calendar, its pépites' and
    its category's as STATUS:CANCELLED (SPEC section 2), at the time that
    version gave it. Earlier versions come from git: none outside git. So
    do the sessions of a deleted file this event continues (``Event.continued``,
    same UID: removed_events), that the file no longer has.
    """
    weeks = site.config.deleted_weeks
    since = datetime.combine(site.today - timedelta(weeks=weeks), datetime.min.time(), tzinfo=site.timezone)
    by_name = {os.path.basename(event.source): event for event in site.events}
    pepites = {pepite.slug: pepite for pepite in site.pepites}
    for version in earlier_versions(folder, set(by_name), since):
        if "sessions" in version.text:  # most changes: no programme then, nothing to keep
            _keep_sessions(site, by_name[version.name], _event_data(version.text, version.name), pepites)
    for event in site.events:
        for data in event.continued:
            _keep_sessions(site, event, data, pepites)


def _keep_sessions(site, event, data: events.EventData | None, pepites: dict) -> None:
    """Give ``event`` the sessions of its earlier ``data`` it no longer has, as cancelled, at their old times."""
    from .sessions import make_sessions  # noqa: PLC0415 - sessions imports this module

    if data is None or data.repeat is not None:
        return
    earlier = event.__class__(**{**event.__dict__, "data": data})  # the old times, for the old sessions
    kept = {session.id for session in [*event.sessions, *event.removed_sessions]}
    for session in make_sessions(earlier, data.sessions, site.make_event.slugs, pepites, removed=True):
        if session.id not in kept:
            session.event = event
            event.removed_sessions.append(session)
            for pepite in session.pepites:
                pepite.sessions.append(session)


def _event_data(text: str, name: str) -> events.EventData | None:
    """Return the EventData of an event file's ``text`` (None when it does not parse or validate)."""
    document, problems = parse_yaml(text, name)
    try:
        return events.EventData.model_validate(document.data) if document and not problems else None
    except ValidationError:
        return None
