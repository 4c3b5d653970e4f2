"""`invoke fetch-network` tells a server's answer in French: its status by our words, never the server's."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from feed_server import FEED, FeedServer
from test_network_fetch import FIRST, fetch, venue

from pelican.plugins.tierslieu.network import copies


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


STATUSES = {
    201: "réponse inattendue",
    204: "aucun contenu",
    206: "contenu partiel",
    300: "réponse inattendue",
    301: "redirection sans adresse de destination",
    302: "redirection sans adresse de destination",
    304: "« non modifié », alors qu'aucune copie n'était demandée",
    400: "requête refusée",
    401: "accès protégé par un mot de passe",
    403: "accès interdit",
    404: "adresse introuvable",
    405: "requête refusée",
    407: "accès protégé par le serveur mandataire (proxy)",
    410: "adresse supprimée",
    418: "requête refusée",
    429: "trop de demandes : le serveur demande d'attendre",
    451: "accès interdit pour raison légale",
    499: "requête refusée",
    500: "erreur du serveur",
    501: "demande non prise en charge par le serveur",
    502: "serveur indisponible",
    503: "serveur indisponible",
    504: "serveur indisponible",
    505: "erreur du serveur",
    599: "erreur du serveur",
    600: "réponse inattendue",
    999: "réponse inattendue",
}
ENGLISH = [status.phrase for status in HTTPStatus] + ["Whatever The Server Says"]


def failure(tmp_path, server, route) -> str:
    """Fetch ``route`` for a venue without a copy; return the reason of its one warning."""
    server.routes["/feed.ics"] = route
    done, [warning] = fetch(tmp_path, venue(tmp_path, server.url("/feed.ics")), FIRST)
    assert done == []
    start = "data/network/fabrique.yaml:4: avertissement : agenda de « La Fabrique » non lu : "
    end = " ; aucune copie : ses événements ne sont pas affichés"
    assert warning.startswith(start) and warning.endswith(end), warning
    reason = warning.removeprefix(start).removesuffix(end)
    assert copies.last_failure(str(tmp_path / "copies"), "fabrique", server.url("/feed.ics")).reason == reason
    return reason


@pytest.mark.parametrize("code", sorted(STATUSES))
def test_a_status_is_told_by_its_number_and_our_french_words_never_the_server_s(tmp_path, server, code):
    reason = failure(tmp_path, server, f"status-{code}")
    assert reason == f"le serveur répond {code} ({STATUSES[code]})"
    assert not any(phrase in reason for phrase in ENGLISH if phrase), reason


ILLEGIBLE = {
    "many-headers": "réponse illisible (en-têtes trop nombreux ou trop longs)",
    "bad-status-line": "réponse illisible (ligne d'état ou en-têtes HTTP mal formés)",
    "bad-header-line": "réponse illisible (ligne d'état ou en-têtes HTTP mal formés)",
    "bad-chunks": "réponse illisible (corps découpé en morceaux mal formés, Transfer-Encoding: chunked)",
    "hang-up": "le serveur a fermé la connexion sans répondre",
    "cut": "réponse interrompue (flux tronqué)",
}


@pytest.mark.parametrize("route", sorted(ILLEGIBLE))
def test_an_answer_httpx_cannot_read_is_told_as_what_it_is(tmp_path, server, route):
    """5000 header lines are an answer, too big to read: not a server that closed without answering."""
    assert failure(tmp_path, server, route) == ILLEGIBLE[route]


def test_an_illegible_answer_after_a_redirection_says_so(tmp_path, server):
    server.routes["/many.ics"] = "many-headers"
    assert failure(tmp_path, server, "to-many-headers") == (
        "réponse illisible (en-têtes trop nombreux ou trop longs) (après 1 redirection)"
    )


def test_5000_short_header_lines_within_the_limit_are_read(tmp_path, server):
    """Under httpcore's 100 KiB, many headers are only many headers: the feed is read."""
    server.routes["/feed.ics"] = "many-short-headers"
    done, warnings = fetch(tmp_path, venue(tmp_path, server.url("/feed.ics")), FIRST)
    assert warnings == []
    assert done == [f"data/network/fabrique.yaml : agenda de « La Fabrique » lu ({len(FEED)} octets)"]
