"""Any feed, however broken, is read or refused with a French reason: never an exception of another kind."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from pelican.plugins.tierslieu.network.reading import FeedError, read_items

NAMES = ["DTSTART", "DTEND", "DURATION", "RRULE", "EXDATE", "RDATE", "RECURRENCE-ID", "UID", "STATUS", "SUMMARY", "URL"]
VALUES = st.one_of(
    st.sampled_from(
        [
            "20261201T100000Z",
            "20261201T100000",
            "20261201",
            "2026120",
            "FREQ=WEEKLY",
            "FREQ=DAILY;COUNT=99999999",
            "FREQ=YEARLY;BYSETPOS=-1;BYDAY=MO",
            "FREQ=MINUTELY",
            "FREQ=WEEKLY;UNTIL=20250101",
            "PT1H",
            "-P1D",
            "CANCELLED",
            "javascript:alert(1)",
            "<script>x</script>",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=30),
)
PARAMS = st.sampled_from(["", ";VALUE=DATE", ";TZID=Europe/Paris", ";TZID=Nowhere/Else", ";VALUE=PERIOD"])
LINE = st.tuples(st.sampled_from(NAMES), PARAMS, VALUES).map(lambda parts: f"{parts[0]}{parts[1]}:{parts[2]}")
EVENT = st.lists(LINE, max_size=8).map(
    lambda lines: "BEGIN:VEVENT\r\n" + "".join(f"{line}\r\n" for line in lines) + "END:VEVENT\r\n"
)
HEAD = st.sampled_from(["", "X-WR-TIMEZONE:Europe/Paris\r\n", "X-WR-TIMEZONE:Mars/Base\r\n"])


@given(HEAD, st.lists(EVENT, max_size=4))
def test_a_broken_feed_is_read_or_refused_never_raised(head, events):
    data = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{head}{''.join(events)}END:VCALENDAR\r\n".encode()
    try:
        items = read_items(data, ZoneInfo("Europe/Paris"), date(2026, 11, 24), date(2027, 2, 24))
    except FeedError as error:
        assert error.reason
        return
    assert all(item.url == "" or item.url.startswith(("http://", "https://")) for item in items)
    assert all("<" not in item.title for item in items)


def test_one_broken_event_leaves_the_others_readable():
    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        "BEGIN:VEVENT\r\nUID:bad\r\nDTSTART:20261201T100000Z\r\nRRULE;VALUE=DATE:2026120\r\nSUMMARY:Cassé\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:good\r\nDTSTART:20261202T100000Z\r\nSUMMARY:Bon\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    ).encode()
    items = read_items(data, ZoneInfo("Europe/Paris"), date(2026, 11, 24), date(2027, 2, 24))
    assert [item.title for item in items] == ["Bon"]
