"""Tasks of the venue site: invoke --list shows them all."""

from __future__ import annotations

import functools
import os
import shlex
import sys
import traceback
from pathlib import Path

from invoke import Exit, UnexpectedExit
from invoke import task as invoke_task

ROOT = Path(__file__).resolve().parent
PYTHON = shlex.quote(sys.executable)
PELICAN = f"{PYTHON} -m pelican"
DEFAULT_PORT = 8000


def task(*args, **kwargs):
    """Declare a task whose failures are French lines and an exit status, never a Python traceback.

    Commands read no standard input (``in_stream=False``: invoke would
    otherwise forward Ctrl+C to a closed input when there is no terminal).
    A command that failed printed its own messages (exit with its status); a
    folder the task cannot write or a full disk is one line naming the path;
    anything else is an internal fault, its trace written into cache/.
    """

    def declare(body):
        @functools.wraps(body)
        def guarded(c, *values, **options):
            try:
                return body(c, *values, **options)
            except Exit:
                raise
            except UnexpectedExit as failed:
                raise Exit(code=failed.result.exited or 1) from None
            except KeyboardInterrupt:  # Ctrl+C: the command under way was interrupted too
                raise Exit("Arrêté (Ctrl+C).", code=130) from None
            except OSError as error:
                from pelican.plugins.tierslieu.faults import describe_os_error

                raise Exit(f"Erreur : {describe_os_error(error, str(ROOT))}.", code=1) from None
            except Exception as error:  # noqa: BLE001 - a task never ends on a traceback
                from pelican.plugins.tierslieu.faults import report_fault

                report_fault(error, "cache", str(ROOT))
                raise Exit(code=2) from None

        return invoke_task(guarded, **kwargs)

    return declare(args[0]) if args and callable(args[0]) else declare


@task
def build(c):
    """Construire le site dans output/ (réglages de développement, pelicanconf.py)."""
    _settings("pelicanconf.py")
    _pelican("content", "-s", "pelicanconf.py")


@task
def publish(c):
    """Construire le site de production (publishconf.py) ; refuse toute erreur."""
    _settings("publishconf.py")
    _pelican("content", "-s", "publishconf.py", "--fatal", "warnings")


def _pelican(*arguments: str) -> None:
    """Run Pelican in a child process that stops with this one; a failed run exits with its status (Exit).

    A SIGTERM or SIGHUP sent to invoke (``timeout``, a closed terminal) is
    passed on to the build as SIGTERM, which discards its site and prints
    why (faults.terminate_as_exception); a Ctrl+C as SIGINT. invoke's own
    ``c.run`` would leave the build running alone (it forwards only Ctrl+C,
    as a byte on a standard input the build does not read), and that orphan
    could later swap its older site over a newer one.
    """
    import signal
    import subprocess

    child = subprocess.Popen([sys.executable, "-m", "pelican", *arguments], cwd=ROOT, stdin=subprocess.DEVNULL)

    def forward(_number, _frame):
        child.send_signal(signal.SIGTERM)

    handled = (signal.SIGTERM, signal.SIGHUP)
    previous = {number: signal.signal(number, forward) for number in handled}
    try:
        try:
            code = child.wait()
        except KeyboardInterrupt:
            child.send_signal(signal.SIGINT)  # a Ctrl+C from a terminal reached it already; a kill -INT did not
            child.wait()
            raise
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if code:
        raise Exit(code=code if code > 0 else 128 - code)


@task
def check(c):
    """Vérifier data/ et content/ comme la construction et la publication, sans rien écrire."""
    from pelican.plugins.tierslieu.editors.checking import run_check

    sys.exit(run_check([_settings(), _settings("publishconf.py")]))


def _settings(name: str = "pelicanconf.py"):
    """Read a settings file; a mistake in it is one French line at its line (Exit), not a traceback."""
    sys.path.insert(0, str(ROOT))
    from pelican.settings import read_settings

    from pelican.plugins.tierslieu.model.errors import DataErrors
    from pelican.plugins.tierslieu.settings import apply_defaults

    path = ROOT / name
    try:
        settings = read_settings(str(path))
    except Exception as error:  # noqa: BLE001 - any mistake in the file: say where
        raise Exit(_settings_error(error, path), code=1) from None
    try:
        apply_defaults(settings)
    except DataErrors as problems:  # a wrong value (SITEURL, TIMEZONE, TIERSLIEU_*): at its line, in French
        problems.report()
        raise Exit(code=1) from None
    return settings


def _settings_error(error: Exception, path: Path) -> str:
    """Return ``name:LINE: message`` for a settings file Python could not run (or one it imports)."""
    if isinstance(error, SyntaxError) and error.lineno:
        where, line = Path(error.filename or path), error.lineno
        what = f"erreur de syntaxe Python ({error.msg})"
    else:
        frames = [frame for frame in traceback.extract_tb(error.__traceback__) if Path(frame.filename).parent == ROOT]
        where, line = (Path(frames[-1].filename), frames[-1].lineno) if frames else (path, 1)
        what = f"le fichier ne s'exécute pas ({type(error).__name__}: {error})"
    shown = where.name if where.parent == ROOT else where
    return f"{shown}:{line}: {what} ; corrigez-le puis relancez."


def _scaffold(make, *args, hint: str = ""):
    from pelican.plugins.tierslieu.editors.scaffold import ScaffoldError

    try:
        path = make(*args)
    except (ScaffoldError, ValueError) as error:
        sys.exit(f"Erreur : {error}")
    print(f"Créé : {os.path.relpath(path, ROOT)}")
    if hint:
        print(hint)


@task(
    name="new-event",
    help={"title": "titre de l'événement", "start": "début, obligatoire : AAAA-MM-JJ ou AAAA-MM-JJ HH:MM"},
)
def new_event(c, title, start=""):
    """Créer un événement, data/events/<date>-<nom>.yaml (--start obligatoire), avec des exemples."""
    from pelican.plugins.tierslieu import settings as plugin
    from pelican.plugins.tierslieu.editors import scaffold

    conf = _settings()
    _scaffold(scaffold.new_event, plugin.data_path(conf), title, start, plugin.site_timezone(conf))


@task(name="new-pepite", help={"name": "nom de la pépite", "trade": "métier"})
def new_pepite(c, name, trade=""):
    """Créer une pépite, data/pepites/<nom>.yaml (--trade : son métier)."""
    from pelican.plugins.tierslieu import settings as plugin
    from pelican.plugins.tierslieu.editors import scaffold

    conf = _settings()
    _scaffold(scaffold.new_pepite, plugin.data_path(conf), name, trade)


@task(name="new-network-venue", help={"name": "nom du lieu du réseau", "town": "commune"})
def new_network_venue(c, name, town=""):
    """Créer un lieu du réseau, data/network/<nom>.yaml (--town : sa commune)."""
    from pelican.plugins.tierslieu import settings as plugin
    from pelican.plugins.tierslieu.editors import scaffold

    conf = _settings()
    _scaffold(scaffold.new_network_venue, plugin.data_path(conf), name, town)


@task(name="fetch-network")
def fetch_network(c):
    """Télécharger les agendas des lieux du réseau (la construction, elle, ne télécharge rien)."""
    from datetime import UTC, datetime

    from pelican.plugins.tierslieu import settings as plugin
    from pelican.plugins.tierslieu.model.errors import DataErrors
    from pelican.plugins.tierslieu.model.loading import load_data
    from pelican.plugins.tierslieu.network.fetching import fetch_network as fetch

    config = plugin.PluginSettings.from_pelican(_settings())
    try:
        loaded = load_data(config.data_path, config.project_root)
    except DataErrors as errors:
        DataErrors(errors.errors, errors.what, "aucun agenda n'a été téléchargé").report()
        raise Exit(code=1) from None
    folder = os.path.join(config.project_root, config.network_copies)
    done, warnings = fetch(loaded.network, folder, datetime.now(UTC))
    for line in done:
        print(line)
    for line in warnings:
        print(line, file=sys.stderr)
    if not done and not warnings:
        print("Aucun lieu du réseau n'a d'agenda à une adresse https://… (data/network/).")


@task(name="new-article", help={"title": "titre de l'actualité"})
def new_article(c, title):
    """Créer une actualité, content/<date>-<nom>.md, en brouillon (Status: draft)."""
    from datetime import datetime

    from pelican.plugins.tierslieu import settings as plugin
    from pelican.plugins.tierslieu.editors import scaffold

    conf = _settings()
    # The time of day matters: an article dated later today would wait until then.
    now = datetime.now(plugin.site_timezone(conf)).strftime("%H:%M")
    _scaffold(scaffold.new_article, conf["PATH"], title, plugin.build_date(conf), now, hint=scaffold.DRAFT_HINT)


@task(help={"port": f"port du serveur ({DEFAULT_PORT}, ou la variable PORT ; s'il est pris, le suivant libre)"})
def serve(c, port=""):
    """Aperçu sur http://localhost:8000 (--port pour un autre), mis à jour à chaque enregistrement."""
    if port:
        number = _port(port, "--port")
    else:  # the editor set PORT, not --port: the message names the variable
        number = _port(os.environ.get("PORT", "") or str(DEFAULT_PORT), "la variable PORT")
    _settings("pelicanconf.py")
    # In this process, not a child: a SIGTERM sent to `invoke serve` stops the preview and frees its port.
    from pelican.plugins.tierslieu.editors.preview import main

    os.chdir(ROOT)
    main(["--port", str(number)])


def _port(text: str, given_by: str) -> int:
    """Read a port number (1 to 65535); anything else exits with a French message naming ``given_by``.

    ``given_by`` is where the value came from, as the message says it: « --port » or « la variable PORT ».
    """
    if not text.strip().isdigit() or not 1 <= int(text) <= 65535:  # noqa: PLR2004 - the range of TCP ports
        raise Exit(f"Erreur : {given_by} attend un numéro de port entre 1 et 65535, reçu « {text} ».", code=1)
    return int(text)


@task
def test(c):
    """Lancer les tests du code du site (pour les développeurs)."""
    c.run(f"{PYTHON} -m pytest", pty=False, in_stream=False)


@task(
    help={
        "runs": "tours appariés par ligne de construction (5)",
        "saves": "enregistrements par type d'élément dans l'aperçu (20 au moins)",
        "quick": "un petit essai : petit lieu, 1 tour, 2 enregistrements (vérifie que tout tourne)",
        "json": "écrire aussi les mesures brutes dans ce fichier",
        "against": "comparer cet arbre à une révision (commit, étiquette), mesurés côte à côte",
    }
)
def bench(c, runs=5, saves=20, quick=False, json="", against=""):
    """Mesurer les temps de construction et d'aperçu face à Pelican seul (pour les développeurs)."""
    extra = (" --quick" if quick else "") + (f" --json {shlex.quote(json)}" if json else "")
    program = f"benchmarks.compare {shlex.quote(against)}" if against else "benchmarks.run"
    c.run(f"{PYTHON} -m {program} --runs {int(runs)} --saves {int(saves)}{extra}", pty=False, in_stream=False)


@task(
    help={"month": "mois de la lettre, AAAA-MM", "output": "dossier où l'écrire (lettres/ par défaut, ignoré par git)"}
)
def newsletter(c, month, output="lettres"):
    """Écrire la lettre du mois (HTML et texte) dans lettres/, avec les liens du site publié."""
    from pelican.plugins.tierslieu.editors.newsletter import NewsletterError, parse_month, write_newsletter
    from pelican.plugins.tierslieu.generator import load_site
    from pelican.plugins.tierslieu.model.errors import DataErrors

    try:
        first = parse_month(month)
    except NewsletterError as error:
        raise Exit(f"Erreur : {error}", code=1) from None
    settings = _settings("publishconf.py")
    try:
        site = load_site(settings)
    except DataErrors as problems:
        DataErrors(problems.errors, problems.what, "la lettre n'a pas été écrite").report()
        raise Exit(code=1) from None
    try:
        paths = write_newsletter(site, first, settings, str(ROOT / output))
    except NewsletterError as error:
        raise Exit(f"Erreur : {error}", code=1) from None
    for path in paths:
        print(f"Écrit : {os.path.relpath(path, ROOT)}")


@task
def schema(c):
    """Réécrire les schémas JSON des fichiers de data/ dans schemas/ (pour les développeurs)."""
    from pelican.plugins.tierslieu.editors.schema import write_schemas

    for path in write_schemas(str(ROOT / "schemas")):
        print(f"Écrit : {os.path.relpath(path, ROOT)}")


LIGHTHOUSE = "lighthouse@13.5.0"
MIN_PERFORMANCE, FULL_SCORE, HOME_BUDGET = 95, 100, 30 * 1024


def _page_with_picture(out: Path, pattern: str) -> str:
    pages = sorted(out.glob(pattern))
    found = next((page for page in pages if "<picture" in page.read_text(encoding="utf-8")), pages[0])
    return found.parent.relative_to(out).as_posix() + "/"


AUDIT_PAGES = {"accueil": "", "agenda": "agenda/", "événement": None, "pépite": None}


@task
def audit(c, port=8765):
    """Mesurer la qualité des pages avec Lighthouse, et le poids de l'accueil (pour les développeurs)."""
    import functools
    import gzip
    import http.server
    import json
    import tempfile
    import threading

    out = Path(tempfile.mkdtemp(prefix="audit-"))
    site = f"http://localhost:{port}"
    c.run(
        f"{PELICAN} content -o {out} -s publishconf.py -e 'SITEURL=\"{site}\"'", pty=False, in_stream=False, hide="out"
    )
    pages = dict(AUDIT_PAGES)
    # The richest pages: an event and a pépite with a picture.
    pages["événement"] = _page_with_picture(out, "agenda/*-*/index.html")
    pages["pépite"] = _page_with_picture(out, "pepites/*/index.html")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("localhost", port), functools.partial(Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    flags = (
        "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
        "--disable-component-update --disable-sync --no-first-run"
    )
    rows = []
    try:
        for label, path in pages.items():
            report = out / f"lighthouse-{len(rows)}.json"
            c.run(
                f"CHROME_PATH=/usr/bin/chromium npx --yes {LIGHTHOUSE} {site}/{path} --quiet "
                f"--chrome-flags='{flags}' --only-categories=performance,accessibility,best-practices,seo "
                f"--output=json --output-path={report}",
                pty=False,
                in_stream=False,
            )
            scores = json.loads(report.read_text())["categories"]
            rows.append(
                (
                    label,
                    path,
                    *(
                        round(scores[key]["score"] * 100)
                        for key in ("performance", "accessibility", "best-practices", "seo")
                    ),
                )
            )
    finally:
        server.shutdown()
    print(f"\n{'page':<12} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5}   (cibles : perf >= 95, les autres = 100)")
    for label, path, *scores in rows:
        print(f"{label:<12} {scores[0]:>5} {scores[1]:>5} {scores[2]:>5} {scores[3]:>5}   /{path}")
    files = [out / "index.html", out / "theme/css/site.css", out / "theme/js/site.js"]
    weight = sum(len(gzip.compress(path.read_bytes(), 9)) for path in files)
    print(f"\nPage d'accueil, HTML + CSS + JS compressés (gzip -9) : {weight / 1024:.1f} Ko (cible : 30 Ko au plus)")
    failed = [row for row in rows if row[2] < MIN_PERFORMANCE or min(row[3:]) < FULL_SCORE] or weight > HOME_BUDGET
    if failed:
        sys.exit("Audit : une cible n'est pas atteinte.")


@task(name="update-golden")
def update_golden(c):
    """Réécrire tests/golden/ depuis le site d'exemple (pour les développeurs)."""
    c.run(f"UPDATE_GOLDEN=1 {PYTHON} -m pytest -q tests/test_golden.py", pty=False, in_stream=False)


@task
def clean(c):
    """Supprimer le site construit (output/) et le cache (pas les copies du réseau)."""
    c.run("rm -rf output cache", pty=False, in_stream=False)
