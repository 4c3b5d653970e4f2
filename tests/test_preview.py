"""The preview: rebuilds on a save, shows errors in the page, keeps the last good site."""

from __future__ import annotations

import errno
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html import escape as html_escape
from http import server
from pathlib import Path

import pytest
from conftest import BUILD_EPOCH, ROOT, snapshot, write_files
from pelican.settings import read_settings

from pelican.plugins.tierslieu.dates import seconds
from pelican.plugins.tierslieu.editors.checking import run_check
from pelican.plugins.tierslieu.editors.options import PREVIEW_OUTPUT, parse_arguments
from pelican.plugins.tierslieu.editors.preview import LivePreview
from pelican.plugins.tierslieu.editors.serving import BLOCKS_PUBLISHING, NEVER_BUILT, PORT_TRIES, bind
from pelican.plugins.tierslieu.generator import TiersLieuGenerator


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, predicate, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting on {url}; last page:\n{last[:500]}")


def answer(url: str) -> tuple[int, str]:
    """Return the status and the text of a page, whatever its status."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for_answer(url: str, predicate, timeout: float = 30) -> tuple[int, str]:
    """Wait until ``predicate(status, text)`` holds for ``url``; return the status and text."""
    deadline = time.monotonic() + timeout
    last = (0, "")
    while time.monotonic() < deadline:
        try:
            last = answer(url)
            if predicate(*last):
                return last
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting on {url}; last answer: {last[0]}\n{last[1][:500]}")


@pytest.fixture
def preview(site_copy, tmp_path):
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "pelican.plugins.tierslieu.editors.preview",
        "--port",
        str(port),
        "--content",
        str(site_copy / "content"),
        "--output",
        str(tmp_path / "out"),
        "--watch",
        str(site_copy / "content"),
        "--watch",
        str(site_copy / "data"),
        f'DATA_PATH="{site_copy / "data"}"',
        'SITEURL="http://localhost"',
        f'CACHE_PATH="{tmp_path / "cache"}"',
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    # What the terminal shows, in a file a test may read (``terminal``).
    with open(tmp_path / "terminal.txt", "w", encoding="utf-8") as terminal:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=terminal, stderr=subprocess.STDOUT, text=True)
        try:
            yield f"http://localhost:{port}", site_copy
        finally:
            process.terminate()
            process.communicate(timeout=10)


def terminal(tmp_path) -> str:
    """Return what the ``preview`` printed so far."""
    return (tmp_path / "terminal.txt").read_text(encoding="utf-8")


def test_preview_rebuilds_on_save_and_shows_errors(preview):
    base, site = preview
    page = f"{base}/agenda/salon-artisans/"
    wait_for(page, lambda html: "Salon des artisans" in html and "__preview__/events" in html)
    event = site / "data/events/salon-artisans.yaml"
    event.write_text(
        event.read_text(encoding="utf-8").replace("Salon des artisans", "Grand salon des artisans"), encoding="utf-8"
    )
    wait_for(page, lambda html: "Grand salon des artisans" in html)
    write_files(site, {"data/events/oups.yaml": "tilte: X\nstart: 2027-01-12\n"})
    broken = wait_for(page, lambda html: 'role="alert"' in html)
    assert "oups.yaml:1: clé inconnue &#x27;tilte&#x27;" in broken
    assert "Grand salon des artisans" in broken  # the last good site stays served
    (site / "data/events/oups.yaml").unlink()
    wait_for(page, lambda html: 'role="alert"' not in html and "Grand salon des artisans" in html)


def _reload_message(url: str, wait: float) -> str:
    """Return the first line the reload connection at ``url`` sends within ``wait`` seconds ('' if none)."""
    try:
        with urllib.request.urlopen(url, timeout=wait) as response:
            return response.readline().decode("utf-8").strip()
    except TimeoutError:
        return ""


def test_a_page_connects_once_loaded_and_one_older_than_the_last_update_reloads_at_once(preview):
    base, _ = preview
    html = wait_for(f"{base}/agenda/salon-artisans/", lambda html: "__preview__/events" in html)
    script = re.search(r"<script>addEventListener\(\"load\".*?</script>", html).group()
    served = int(re.search(r"generation=(\d+)", script).group(1))
    assert served >= 1  # the first build was an update
    events = f"{base}/__preview__/events?page=%2Fagenda%2Fsalon-artisans%2F&generation="
    assert _reload_message(events + str(served), 1.0) == ""  # up to date: it waits for the next update
    assert _reload_message(events + str(served - 1), 10) == "data: reload"  # served before the last one


def test_a_new_article_s_broken_link_is_told_as_in_a_build(preview, tmp_path):
    base, site = preview
    wait_for(base + "/", lambda html: "__preview__/events" in html)
    # Created while the preview runs: the articles alone are read again (editors/articles.py).
    article = "content/2026-11-25-autre.md"
    text = "Title: Autre essai\nDate: 2026-11-24 10:00\n\nVoir [le programme]({filename}/programe.md).\n"
    write_files(site, {article: text})
    message = (
        f"{site / article}:4: lien interne introuvable « {{filename}}/programe.md » : aucun article, page ou "
        "fichier à ce chemin (relatif au dossier du fichier, ou à content/ s'il commence par /)"
    )
    html = wait_for(base + "/", lambda html: 'role="alert"' in html)
    assert html_escape(message) in html
    assert message in terminal(tmp_path).splitlines()
    assert "Unable to find" not in terminal(tmp_path)  # Pelican's English line is never printed
    assert answer(base + "/actualites/2026/autre-essai/")[0] == 404  # not published with a broken link
    write_files(site, {article: text.replace("programe.md", "premier-article.md")})
    page = wait_for(base + "/actualites/2026/autre-essai/", lambda html: 'role="alert"' not in html)
    assert 'href="../../../actualites/2026/premier-article/"' in page
    assert 'role="alert"' not in fetch(base + "/")


def test_pages_of_deleted_sources_stop_being_served(preview):
    base, site = preview
    pages = {
        "data/events/journee-ete.yaml": "/agenda/journee-ete/",
        "data/pepites/minimal.yaml": "/pepites/minimal/",
        "content/deuxieme-article.md": "/actualites/2026/deuxieme-article/",
    }
    for page in pages.values():
        wait_for_answer(base + page, lambda status, _text: status == 200)
    for source, page in pages.items():
        (site / source).unlink()
        wait_for_answer(base + page, lambda status, _text: status == 404)
    # With an error shown, a save rebuilds the whole site: a page deleted meanwhile goes too.
    write_files(site, {"data/events/oups.yaml": "tilte: X\nstart: 2027-01-12\n"})
    wait_for(base + "/agenda/fete-annulee/", lambda html: 'role="alert"' in html)
    (site / "data/events/fete-annulee.yaml").unlink()
    (site / "data/events/oups.yaml").unlink()
    _, gone = wait_for_answer(base + "/agenda/fete-annulee/", lambda status, _text: status == 404)
    assert '<html lang="fr"' in gone and "__preview__/events" in gone  # the site's 404 page, never a folder listing
    assert answer(base + "/agenda/salon-artisans/")[0] == 200


def test_what_would_block_publishing_shows_above_the_new_page(preview):
    base, site = preview
    page = f"{base}/agenda/salon-artisans/"
    wait_for(page, lambda html: "Salon des artisans" in html)
    event = site / "data/events/salon-artisans.yaml"
    event.write_text(event.read_text(encoding="utf-8") + "registration: https://…\n", encoding="utf-8")
    line = event.read_text(encoding="utf-8").count("\n")
    html = wait_for(page, lambda html: 'role="alert"' in html)
    assert (
        f"<strong>{html_escape(BLOCKS_PUBLISHING)}</strong>\n{event}:{line}: valeur d&#x27;exemple laissée : "
        "« https://… » ; remplacez-la ou supprimez la ligne</div>"
    ) in html
    assert "https://…" in html.split("</div>", 1)[1]  # the new page, not the last one without the link


def test_a_site_that_never_built_shows_a_french_error_page_at_every_address(site_copy, tmp_path):
    write_files(site_copy, {"data/events/oups.yaml": "tilte: X\nstart: 2027-01-12\n"})
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "pelican.plugins.tierslieu.editors.preview",
        "--port",
        str(port),
        "--content",
        str(site_copy / "content"),
        "--output",
        str(tmp_path / "apercu"),
        "--watch",
        str(site_copy / "data"),
        f'DATA_PATH="{site_copy / "data"}"',
        f'CACHE_PATH="{tmp_path / "cache"}"',
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://localhost:{port}"
    try:
        for address in ("/", "/agenda/salon-artisans/", "/theme/css/site.css", "/nulle-part"):
            status, html = wait_for_answer(base + address, lambda status, _text: status != 0)
            assert status == 503, address
            assert html.startswith('<!DOCTYPE html>\n<html lang="fr">')
            assert (
                f"<strong>{html_escape(NEVER_BUILT)}</strong>\n{site_copy}/data/events/oups.yaml:1: clé inconnue"
                in html
            )
            assert "__preview__/events" in html  # it reloads once the site builds
        (site_copy / "data/events/oups.yaml").unlink()
        status, html = wait_for_answer(base + "/", lambda status, _text: status == 200)
        assert 'role="alert"' not in html
    finally:
        process.terminate()
        process.communicate(timeout=10)


def test_the_preview_serves_a_folder_of_its_own():
    assert parse_arguments([]).output == PREVIEW_OUTPUT == os.path.join("cache", "apercu")
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", f"{PREVIEW_OUTPUT}/index.html"], cwd=ROOT, check=False, capture_output=True
    )
    assert ignored.returncode == 0  # never committed, and apart from output/, which build and publish write


# In-process: an update that fails half-way, the terminal, a taken port.

SETTINGS = {"SITEURL": "https://grange.example.org", "TIERSLIEU_BUILD_DATE": "2026-11-24", "TIERSLIEU_SEARCH": False}


@pytest.fixture
def live(site_copy, tmp_path):
    """A LivePreview of the sample site, built once."""
    extra = {"DATA_PATH": str(site_copy / "data"), "CACHE_PATH": str(tmp_path / "cache"), **SETTINGS}
    preview = LivePreview(str(ROOT / "pelicanconf.py"), str(site_copy / "content"), str(tmp_path / "out"), extra)
    preview.build_all()
    assert preview.error is None
    return preview


def fail_at_second_output(monkeypatch, make_error) -> list[str]:
    """Make our generator write one output, then fail on the next with ``make_error(folder, save_as)``.

    Returns the outputs it was asked to write: the first written, the second failed.
    """
    real = TiersLieuGenerator._write
    written: list[str] = []

    def writing(self, writer, output):
        written.append(output.save_as)
        if len(written) > 1:
            raise make_error(writer.output_path, output.save_as)
        real(self, writer, output)

    monkeypatch.setattr(TiersLieuGenerator, "_write", writing)
    return written


def broken(_folder, _save_as):
    return RuntimeError("panne simulée")


def disk_full(folder, save_as):
    return OSError(errno.ENOSPC, "No space left on device", os.path.join(folder, save_as))


def rename_event(site) -> Path:
    event = site / "data/events/salon-artisans.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("Salon des artisans", "Grand salon"), "utf-8")
    return event


def test_an_update_that_fails_half_way_changes_nothing(live, site_copy, tmp_path, monkeypatch, capsys):
    before = snapshot(tmp_path / "out")
    written = fail_at_second_output(monkeypatch, broken)
    live.saved([str(rename_event(site_copy))])
    assert written  # one page was written, then the update failed
    assert live.error == "RuntimeError: panne simulée"
    assert snapshot(tmp_path / "out") == before
    left = [path.name for path in tmp_path.iterdir() if path.name.startswith(".out")]
    assert left in ([], [".out-started"])  # the start stamp of the last build (staging.py), nothing of this update
    out, err = capsys.readouterr()
    assert "RuntimeError: panne simulée" in err.splitlines()
    assert out.splitlines()[-1].startswith("Échec de la reconstruction (")
    monkeypatch.undo()
    live.saved([str(site_copy / "data/events/salon-artisans.yaml")])  # the next save rebuilds it all
    assert live.error is None
    assert "Grand salon" in (tmp_path / "out/agenda/salon-artisans/index.html").read_text(encoding="utf-8")


def test_a_full_disk_during_an_update_is_told_and_changes_nothing(live, site_copy, tmp_path, monkeypatch, capsys):
    before = snapshot(tmp_path / "out")
    written = fail_at_second_output(monkeypatch, disk_full)
    live.saved([str(rename_event(site_copy))])
    message = (
        f"{tmp_path}/out/{written[1]}: disque plein ; "
        "libérez de la place (le dossier cache/ peut être supprimé) puis relancez."
    )
    assert live.error == message  # the served path, not the folder written aside
    assert message in capsys.readouterr().err.splitlines()
    assert snapshot(tmp_path / "out") == before


def test_an_article_update_that_fails_half_way_changes_nothing(live, site_copy, tmp_path, monkeypatch):
    before = snapshot(tmp_path / "out")
    written = fail_at_second_output(monkeypatch, broken)
    article = site_copy / "content/premier-article.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Title: ", "Title: Nouveau : ", 1), "utf-8")
    live.saved([str(article)])
    assert written and live.error == "RuntimeError: panne simulée"
    assert snapshot(tmp_path / "out") == before  # Pelican's article pages were written aside too


def test_a_full_rebuild_empties_the_preview_s_folder(live, site_copy, tmp_path):
    (tmp_path / "out/reste.html").write_text("<p>vieux</p>", encoding="utf-8")
    (site_copy / "data/events/journee-ete.yaml").unlink()
    live.saved([str(site_copy / "data/venue.yaml")])  # venue.yaml: a full rebuild
    assert live.error is None and live.publishing is None
    assert not (tmp_path / "out/reste.html").exists()
    assert not (tmp_path / "out/agenda/journee-ete").exists()


def test_the_terminal_prints_every_problem(live, site_copy, capsys):
    capsys.readouterr()
    write_files(site_copy, {"data/events/oups.yaml": "tilte: X\nstart: 2027-01-12\n"})
    live.saved([str(site_copy / "data/events/oups.yaml")])
    out, err = capsys.readouterr()
    data = site_copy / "data"
    assert err.splitlines() == [
        f"{data}/events/oups.yaml:1: clé inconnue 'tilte' (vouliez-vous dire 'title' ?)",
        f"{data}/events/oups.yaml:1: clé obligatoire 'title' manquante",
        "2 erreurs dans data/ et content/ ; le site n'a pas été reconstruit.",  # as check's, but for the outcome
    ]
    # French decimal comma, as the builds' « en 8,2 s »
    assert re.fullmatch(r"Échec de la reconstruction \(\d+,\d\d s\) : le dernier site réussi reste affiché\.\n", out)
    live.saved([str(site_copy / "content/premier-article.md")])  # with an error shown, a full build
    out, err = capsys.readouterr()
    assert err.splitlines()[-1] == "2 erreurs dans data/ et content/ ; le site n'a pas été reconstruit."
    assert len(err.splitlines()) == 3  # printed once, by the build
    assert live.error.splitlines()[-1] == "2 erreurs dans data/ et content/ ; le site n'a pas été reconstruit."


def test_what_would_block_publishing_is_printed_after_every_rebuild(live, site_copy, capsys):
    """Editor trial 18: « À corriger avant de publier » was printed once, then no more while it still held."""
    capsys.readouterr()
    event = site_copy / "data/events/salon-artisans.yaml"
    event.write_text(event.read_text("utf-8") + "registration: https://…\n", "utf-8")
    block = "À corriger avant de publier (invoke publish les refuserait) :"
    for _ in range(2):  # an unchanged list is printed again by the next rebuild
        live.saved([str(event)])
        out, err = capsys.readouterr()
        lines = err.splitlines()
        assert lines[0] == block
        assert lines[1].endswith("valeur d'exemple laissée : « https://… » ; remplacez-la ou supprimez la ligne")
        assert out.startswith("Site reconstruit en ")
    write_files(site_copy, {"data/events/oups.yaml": "tilte: X\nstart: 2027-01-12\n"})
    live.saved([str(site_copy / "data/events/oups.yaml")])  # an error beside it: errors, count, then the block
    out, err = capsys.readouterr()
    assert err.splitlines()[2:4] == ["2 erreurs dans data/ et content/ ; le site n'a pas été reconstruit.", block]
    assert out.startswith("Échec de la reconstruction (")


def test_an_article_update_resolves_its_links_as_a_build(live, site_copy, tmp_path, capsys):
    before = snapshot(tmp_path / "out")
    article = site_copy / "content/premier-article.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nVoir [ceci]({filename}absent.md).\n", "utf-8")
    line = article.read_text(encoding="utf-8").count("\n")
    capsys.readouterr()
    live.saved([str(article)])
    message = (
        f"{article}:{line}: lien interne introuvable « {{filename}}absent.md » : aucun article, page ou "
        "fichier à ce chemin (relatif au dossier du fichier, ou à content/ s'il commence par /)"
    )
    assert live.error == f"{message}\n1 erreur dans data/ et content/ ; le site n'a pas été reconstruit."
    assert message in capsys.readouterr().err.splitlines()
    assert snapshot(tmp_path / "out") == before


def test_a_taken_port_gives_the_next_free_one(capsys):
    with socket.socket() as taken:
        taken.bind(("localhost", 0))
        taken.listen()
        port = taken.getsockname()[1]
        httpd = bind("localhost", port, server.SimpleHTTPRequestHandler)
        try:
            chosen = httpd.server_address[1]
        finally:
            httpd.server_close()
    assert port < chosen < port + PORT_TRIES
    assert capsys.readouterr().out == (
        f"Le port {port} est déjà utilisé (un autre aperçu ?) : l'aperçu prend le port {chosen}.\n"
    )


def test_full_addresses_in_pages_use_the_preview_s_own_port(site_copy, tmp_path):
    port = free_port()  # never 8000, the port of pelicanconf.py's SITEURL
    command = [sys.executable, "-m", "pelican.plugins.tierslieu.editors.preview", "--port", str(port)]
    command += ["--content", str(site_copy / "content"), "--output", str(tmp_path / "out")]
    command += [
        "--watch",
        str(site_copy / "data"),
        f'DATA_PATH="{site_copy / "data"}"',
        f'CACHE_PATH="{tmp_path / "c"}"',
    ]
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _, page = wait_for_answer(f"http://localhost:{port}/agenda/atelier-hebdo/", lambda status, _: status == 200)
    finally:
        process.terminate()
        process.communicate(timeout=30)
    assert f"http://localhost:{port}/agenda/atelier-hebdo/" in page  # the address to copy and share
    assert "localhost:8000" not in page


def test_the_preview_watches_the_network_feeds_that_are_project_files(tmp_path):
    """A saved network-feeds/*.ics rebuilds the preview, as does a copy written by invoke fetch-network (issue 15)."""
    from pelican.settings import read_settings  # noqa: PLC0415

    from pelican.plugins.tierslieu.editors.options import watched_folders  # noqa: PLC0415
    from pelican.plugins.tierslieu.generator import load_site  # noqa: PLC0415
    from pelican.plugins.tierslieu.settings import apply_defaults  # noqa: PLC0415

    (tmp_path / "copies").mkdir()
    override = {"TIERSLIEU_BUILD_DATE": "2026-11-24", "TIERSLIEU_NETWORK_COPIES": str(tmp_path / "copies")}
    settings = read_settings(str(ROOT / "pelicanconf.py"), override=override)
    apply_defaults(settings)
    site = load_site(settings)
    before = os.getcwd()
    os.chdir(ROOT)
    try:
        folders = watched_folders(settings, site, "pelicanconf.py")
        assert folders == sorted(
            [
                str(ROOT / "content"),
                str(ROOT / "data"),
                str(ROOT / "theme"),
                str(ROOT / "pelicanconf.py"),
                str(ROOT / "network-feeds"),
                str(tmp_path / "copies"),
            ]
        )
        # Before a first good build there is no site: the feeds' folders are not known yet, the rest is watched.
        assert str(ROOT / "network-feeds") not in watched_folders(settings, None, "pelicanconf.py")
    finally:
        os.chdir(before)


def test_the_preview_says_its_time_with_a_decimal_comma(live, site_copy, capsys):
    capsys.readouterr()
    live.saved([str(site_copy / "data/events/salon-artisans.yaml")])
    assert re.fullmatch(r"Site reconstruit en \d+,\d\d s\.", capsys.readouterr().out.splitlines()[-1])
    assert (seconds(1.55, 2), seconds(0.08, 2), seconds(8.24)) == ("1,55", "0,08", "8,2")


def test_an_error_and_a_publishing_rule_together_keep_the_banner_red_and_say_the_page_is_the_old_one():
    """Trial 10 (editor): one red banner said both « dernière version réussie » and « Cette page est à jour »."""
    from types import SimpleNamespace  # noqa: PLC0415

    from pelican.plugins.tierslieu.editors import serving  # noqa: PLC0415

    both = SimpleNamespace(
        preview=SimpleNamespace(error="e.yaml:6: erreur", publishing="p.yaml:2: exemple", built=True)
    )
    banner = serving.PreviewHandler._banner(both)
    assert "#b00020" in banner and serving.BLOCKS_PUBLISHING not in banner
    assert (
        banner.index(html_escape(serving.FAILED))
        < banner.index("e.yaml:6")
        < banner.index("Et même corrigé")
        < banner.index("p.yaml")
    )
    alone = SimpleNamespace(preview=SimpleNamespace(error=None, publishing="p.yaml:2: exemple", built=True))
    assert "#8a4b00" in serving.PreviewHandler._banner(alone)
    assert html_escape(serving.BLOCKS_PUBLISHING) in serving.PreviewHandler._banner(alone)


def test_a_new_article_s_missing_image_is_told_once_as_in_check(preview, tmp_path, capsys):
    base, site = preview
    wait_for(base + "/", lambda html: "__preview__/events" in html)
    # No alternative text, no such file: check and a build tell both, never Pelican's « Unable to find » besides.
    article = "content/2026-11-30-fete.md"
    write_files(site, {article: "Title: Fête\nDate: 2026-11-30 10:00\n\n![]({static}/images/four.jpg)\n"})
    html = wait_for(base + "/", lambda html: 'role="alert"' in html)
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(site / "content"), "DATA_PATH": str(site / "data"), "TIERSLIEU_BUILD_DATE": "2026-11-24"},
    )
    capsys.readouterr()
    assert run_check(settings) != 0
    checked = [line for line in capsys.readouterr().err.splitlines() if line.startswith(f"{site / article}:")]
    assert [line.split(": ", 1)[1][:40] for line in checked] == [
        "l'image « four.jpg » n'a pas de texte al",
        "lien vers un fichier introuvable « image",
    ]
    shown = [line for line in terminal(tmp_path).splitlines() if line.startswith(f"{site / article}:")]
    assert shown == checked
    assert "2 erreurs dans data/ et content/ ; le site n'a pas été reconstruit." in terminal(tmp_path)
    assert "3 erreurs" not in terminal(tmp_path)
    assert all(html_escape(line) in html for line in checked)
    assert "lien interne introuvable" not in html
