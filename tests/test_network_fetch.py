"""`invoke fetch-network` through a server on 127.0.0.1: good copies kept, every failure told in French."""

from __future__ import annotations

import json
import tracemalloc
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import httpx
import pytest
from conftest import ROOT, write_files
from feed_server import FEED, FeedServer
from test_loading import load_ok
from test_tasks import invoke, project  # noqa: F401 - the fixture of the tasks' tests

from pelican.plugins.tierslieu.network import copies
from pelican.plugins.tierslieu.network.fetching import Limits, fetch_network
from pelican.plugins.tierslieu.network.reading import read_items

FIRST = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
SECOND = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
THIRD = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
LIMITS = Limits(read_seconds=0.5, total_seconds=5, max_bytes=5 * 1024 * 1024)


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


def venue(tmp_path, url: str):
    """Load a data folder with one network venue whose calendar is ``url``; return its sources."""
    text = f"name: La Fabrique\ntown: Les Essarts-le-Roi\n\ncalendar: {url}\n"
    return load_ok(tmp_path, {"data/network/fabrique.yaml": text}).network


def fetch(tmp_path, sources, now):
    return fetch_network(sources, str(tmp_path / "copies"), now, LIMITS)


def test_a_good_feed_is_kept_with_its_metadata_then_a_304_keeps_it(tmp_path, server):
    server.routes["/good.ics"] = "good"
    sources = venue(tmp_path, server.url("/good.ics"))
    done, warnings = fetch(tmp_path, sources, FIRST)
    assert warnings == []
    assert done == [f"data/network/fabrique.yaml : agenda de « La Fabrique » lu ({len(FEED)} octets)"]
    assert (tmp_path / "copies" / "fabrique.ics").read_bytes() == FEED
    meta = json.loads((tmp_path / "copies" / "fabrique.json").read_text())
    assert meta == {
        "etag": '"v1"',
        "last_modified": "Tue, 24 Nov 2026 06:00:00 GMT",
        "read_at": "2026-11-20T06:00:00+00:00",
        "url": server.url("/good.ics"),
    }
    done, warnings = fetch(tmp_path, sources, SECOND)
    assert done == ["data/network/fabrique.yaml : agenda de « La Fabrique » lu (inchangé)"]
    assert server.requests[-1][1]["If-None-Match"] == '"v1"'
    assert server.requests[-1][1]["If-Modified-Since"] == "Tue, 24 Nov 2026 06:00:00 GMT"
    assert (tmp_path / "copies" / "fabrique.ics").read_bytes() == FEED
    assert copies.find(str(tmp_path / "copies"), "fabrique", server.url("/good.ics")).read_at == SECOND


@pytest.mark.parametrize(
    "route", ["gzip", "gzip-twice", "to-good", "utf-16", "utf-16-bom-only", "latin-1", "utf-8-said-latin-1"]
)
def test_gzip_charsets_and_redirects_within_http_are_followed_and_the_copy_is_utf8(tmp_path, server, route):
    server.routes.update({"/feed.ics": route, "/good.ics": "good"})
    done, warnings = fetch(tmp_path, venue(tmp_path, server.url("/feed.ics")), FIRST)
    assert warnings == []
    assert len(done) == 1
    kept = (tmp_path / "copies" / "fabrique.ics").read_bytes()
    assert kept == FEED
    [item] = read_items(kept, ZoneInfo("Europe/Paris"), date(2026, 11, 24), date(2027, 2, 24))
    assert item.title == "Soirée jeux"


REASONS = {
    "html": "une page web (HTML), pas un calendrier iCalendar",
    "html-as-calendar": "une page web (HTML ou XML), pas un calendrier iCalendar",
    "html-without-tag": "une page web (HTML), pas un calendrier iCalendar",
    "not-ical": "ce n'est pas un calendrier iCalendar (il ne commence pas par BEGIN:VCALENDAR)",
    "truncated": "flux tronqué (il ne finit pas par END:VCALENDAR)",
    "cut": "réponse interrompue (flux tronqué)",
    "big": "flux trop gros (plus de 5 Mo)",
    "slow": "pas de réponse en 0.5 s",
    "to-file": "redirection vers « file:///etc/passwd » refusée : seules les adresses http(s) sont suivies",
    "loop": "redirections en boucle : « /feed.ics » mène à une adresse déjà visitée",
    "to-hang-up": "le serveur a fermé la connexion sans répondre (après 1 redirection)",
    "hang-up": "le serveur a fermé la connexion sans répondre",
    "short-length": "flux tronqué (il ne finit pas par END:VCALENDAR)",
    "error": "le serveur répond 500 (erreur du serveur)",
    "missing": "le serveur répond 404 (adresse introuvable)",
    "gzip-said-twice": "réponse compressée illisible (Content-Encoding: gzip, gzip)",
    "gzip-bomb-twice": "flux trop gros (plus de 5 Mo)",
    "utf-16-broken": "jeu de caractères « utf-16 » illisible",
    "unknown-charset": "jeu de caractères « klingon » illisible",
}


@pytest.mark.parametrize("route", sorted(REASONS))
def test_a_failing_feed_keeps_the_last_good_copy_and_says_why_at_the_file_and_line(tmp_path, server, route):
    server.routes["/feed.ics"] = FEED
    sources = venue(tmp_path, server.url("/feed.ics"))
    fetch(tmp_path, sources, FIRST)
    server.routes.update({"/feed.ics": route, "/hang-up.ics": "hang-up"})
    done, warnings = fetch(tmp_path, sources, SECOND)
    assert done == []
    assert warnings == [
        (
            f"data/network/fabrique.yaml:4: avertissement : agenda de « La Fabrique » non lu : {REASONS[route]} ; "
            "la copie lue le 20/11/2026 à 06:00 UTC reste affichée (14 jours au plus)"
        )
    ]
    assert (tmp_path / "copies" / "fabrique.ics").read_bytes() == FEED
    assert copies.find(str(tmp_path / "copies"), "fabrique", server.url("/feed.ics")).read_at == FIRST


def test_a_calendar_served_as_text_html_is_judged_by_its_body_and_kept(tmp_path, server):
    server.routes["/feed.ics"] = "calendar-as-html"
    done, warnings = fetch(tmp_path, venue(tmp_path, server.url("/feed.ics")), FIRST)
    assert warnings == []
    assert done == [f"data/network/fabrique.yaml : agenda de « La Fabrique » lu ({len(FEED) + 7} octets)"]
    kept = (tmp_path / "copies" / "fabrique.ics").read_bytes()
    assert kept == b"\xef\xbb\xbf\r\n  " + FEED
    [item] = read_items(kept, ZoneInfo("Europe/Paris"), date(2026, 11, 24), date(2027, 2, 24))
    assert item.title == "Soirée jeux"


def test_a_50_mb_feed_is_cut_while_it_streams(tmp_path, server):
    server.routes["/big.ics"] = "big"
    _done, warnings = fetch(tmp_path, venue(tmp_path, server.url("/big.ics")), FIRST)
    assert "flux trop gros" in warnings[0]
    assert "aucune copie : ses événements ne sont pas affichés" in warnings[0]
    # The client stopped reading at the limit: the server could not send the 50 MB.
    assert server.sent["/big.ics"] < 20 * 1024 * 1024
    assert not (tmp_path / "copies" / "fabrique.ics").exists()


def test_a_gzip_bomb_compressed_twice_is_cut_by_pieces_never_held_whole(tmp_path, server):
    """httpx undoes each layer in one call: these 500 bytes were 200 MB in memory before the size limit was seen."""
    server.routes["/bomb.ics"] = "gzip-bomb-twice"
    tracemalloc.start()
    try:
        _done, warnings = fetch(tmp_path, venue(tmp_path, server.url("/bomb.ics")), FIRST)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "non lu : flux trop gros (plus de 5 Mo)" in warnings[0]
    assert peak < 40 * 1024 * 1024


def test_an_unreachable_server_is_a_warning(tmp_path, server):
    url = server.url("/feed.ics")
    server.__exit__()
    _done, warnings = fetch(tmp_path, venue(tmp_path, url), FIRST)
    assert warnings == [
        (
            "data/network/fabrique.yaml:4: avertissement : agenda de « La Fabrique » non lu : serveur injoignable "
            "(adresse inconnue, connexion refusée ou certificat invalide) ; aucune copie : ses événements ne sont pas affichés"
        )
    ]


def test_a_copy_of_another_address_is_not_the_venue_s(tmp_path, server):
    server.routes.update({"/old.ics": FEED, "/new.ics": "missing"})
    fetch(tmp_path, venue(tmp_path, server.url("/old.ics")), FIRST)
    assert copies.find(str(tmp_path / "copies"), "fabrique", server.url("/new.ics")) is None


def test_the_task_fetches_into_network_copies_which_clean_keeps(project, server):  # noqa: F811 - the fixture
    server.routes["/good.ics"] = "good"
    write_files(
        project, {"data/network/fabrique.yaml": f"name: La Fabrique\ntown: Méré\ncalendar: {server.url('/good.ics')}\n"}
    )
    result = invoke(project, "fetch-network")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"data/network/fabrique.yaml : agenda de « La Fabrique » lu ({len(FEED)} octets)"
    ]
    assert (project / "network-copies" / "fabrique.ics").read_bytes() == FEED
    assert invoke(project, "clean").returncode == 0
    assert (project / "network-copies" / "fabrique.ics").read_bytes() == FEED
    assert "network-copies/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_task_on_bad_data_prints_the_problems(project):  # noqa: F811 - the fixture
    write_files(project, {"data/network/a.yaml": "name: A\ncalendr: https://a.example/x.ics\n"})
    result = invoke(project, "fetch-network")
    assert result.returncode == 1
    assert "data/network/a.yaml:2: clé inconnue 'calendr' (vouliez-vous dire 'calendar' ?)" in result.stderr


@pytest.mark.parametrize("name", sorted(path.stem for path in (ROOT / "network-feeds").glob("*.ics")))
def test_each_origin_is_fetched_and_read(tmp_path, server, name):
    server.routes["/feed.ics"] = (ROOT / "network-feeds" / f"{name}.ics").read_bytes()
    _done, warnings = fetch(tmp_path, venue(tmp_path, server.url("/feed.ics")), FIRST)
    assert warnings == []
    copy = (tmp_path / "copies" / "fabrique.ics").read_bytes()
    assert read_items(copy, ZoneInfo("Europe/Paris"), date(2026, 11, 24), date(2027, 2, 24))


def transport_fetch(tmp_path, handler):
    sources = venue(tmp_path, "https://fabrique.example.org/agenda.ics")
    return fetch_network(sources, str(tmp_path / "copies"), FIRST, LIMITS, transport=httpx.MockTransport(handler))


def test_a_gzip_answer_that_is_not_gzip_is_told_in_french(tmp_path):
    def handler(request):
        # A stream, as from a server: httpx decodes it while it is read (content= would decode it at once).
        return httpx.Response(200, headers={"Content-Encoding": "gzip"}, stream=httpx.ByteStream(FEED))

    _done, warnings = transport_fetch(tmp_path, handler)
    assert warnings == [
        (
            "data/network/fabrique.yaml:4: avertissement : agenda de « La Fabrique » non lu : réponse compressée "
            "illisible (Content-Encoding: gzip) ; aucune copie : ses événements ne sont pas affichés"
        )
    ]


HTTPX_ERRORS = sorted(
    name
    for name in httpx.__all__
    if isinstance(getattr(httpx, name), type)
    and issubclass(getattr(httpx, name), (httpx.HTTPError, httpx.InvalidURL))
    and name != "HTTPStatusError"  # needs a response: raised only by raise_for_status, which fetching never calls
)


@pytest.mark.parametrize("name", HTTPX_ERRORS)
def test_no_httpx_exception_name_reaches_a_message(tmp_path, name):
    def handler(request):
        kind = getattr(httpx, name)
        raise kind("boom", request=request) if issubclass(kind, httpx.RequestError) else kind("boom")

    _done, [warning] = transport_fetch(tmp_path, handler)
    assert "non lu : " in warning
    assert not any(other in warning for other in [*HTTPX_ERRORS, "HTTPStatusError", "Error", "boom"]), warning


def test_a_failure_at_another_address_keeps_the_copy_of_the_first_for_when_calendar_comes_back(tmp_path, server):
    """The editor's sequence: feed.ics read, then missing.ics tried (404), then feed.ics again with the server down."""
    server.routes["/feed.ics"] = "good"
    folder = str(tmp_path / "copies")
    first, other = server.url("/feed.ics"), server.url("/missing.ics")
    done, _ = fetch(tmp_path, venue(tmp_path, first), FIRST)
    assert done == [f"data/network/fabrique.yaml : agenda de « La Fabrique » lu ({len(FEED)} octets)"]
    _, warnings = fetch(tmp_path, venue(tmp_path, other), SECOND)
    assert warnings == [
        (
            "data/network/fabrique.yaml:4: avertissement : agenda de « La Fabrique » non lu : le serveur répond "
            "404 (adresse introuvable) ; aucune copie : ses événements ne sont pas affichés"
        )
    ]
    assert copies.find(folder, "fabrique", other) is None  # the copy of feed.ics is never missing.ics's
    assert copies.last_failure(folder, "fabrique", other) == copies.Failure(
        "le serveur répond 404 (adresse introuvable)", SECOND
    )
    assert copies.find(folder, "fabrique", first).read_at == FIRST
    assert copies.last_failure(folder, "fabrique", first) is None
    server.__exit__()
    _, warnings = fetch(tmp_path, venue(tmp_path, first), THIRD)
    assert warnings == [
        (
            "data/network/fabrique.yaml:4: avertissement : agenda de « La Fabrique » non lu : serveur injoignable "
            "(adresse inconnue, connexion refusée ou certificat invalide) ; la copie lue le 20/11/2026 à 06:00 UTC "
            "reste affichée (14 jours au plus)"
        )
    ]
    copy = copies.find(folder, "fabrique", first)
    assert (copy.read_at, copy.etag) == (FIRST, '"v1"')
    assert (tmp_path / "copies" / "fabrique.ics").read_bytes() == FEED
    assert copies.last_failure(folder, "fabrique", other) is None  # only the last attempt is kept
    assert copies.last_failure(folder, "fabrique", first).at == THIRD


def test_the_metadata_of_an_older_version_still_names_the_failed_address_in_url(tmp_path):
    folder = tmp_path / "copies"
    folder.mkdir()
    (folder / "fabrique.json").write_text(
        '{"url": "https://a.example/x.ics", "failure": "le serveur répond 404 Not Found", '
        '"failed_at": "2026-11-24T06:00:00+00:00"}'
    )
    failure = copies.last_failure(str(folder), "fabrique", "https://a.example/x.ics")
    assert failure == copies.Failure("le serveur répond 404 Not Found", SECOND)
    assert copies.last_failure(str(folder), "fabrique", "https://b.example/x.ics") is None
