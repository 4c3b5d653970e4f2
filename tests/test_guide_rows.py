"""Every message `invoke check` prints about a data file or an article has its row in GUIDE.md section 10.

Section 3 of the guide promises « La section 10 explique chaque message ».
The faulty files of ``MISTAKES`` (one file per mistake, all in one copy of
the sample venue) make at least one message of each family; each message
printed, its ``file:line:`` removed, must match the quoted message of a row
of the tables « Les messages des fichiers YAML » and « Les messages des
actualités »: a row's example values (« … », '…', (…), numbers) and its « … »
stand for any text, and the row's words must begin the message.
"""

from __future__ import annotations

import os
import re

import pytest
from conftest import ROOT, SAMPLE, write_files
from pelican.settings import read_settings
from test_guide import guide_text
from test_input import check

from pelican.plugins.tierslieu.editors.checking import run_check

_ROW_TABLES = ("### Les messages des fichiers YAML", "### Les pièges du YAML")
_SPAN = re.compile(r"(`+) ?(.+?) ?\1")
# An example value of a row: « … », '…' (a key, no space), (…), a number, or an elision « … ».
_VALUE = re.compile(r"« [^»]*»|'[^'\s]*'|\([^()]*\)|\d+|…")
_PLACE = re.compile(r"^[^\s:]+(?::\d+)?: ")

E = "title: {title}\nstart: 2027-03-12 14:00\n"
N = "name: {name}\ntown: Méré\n"
VENUE = (SAMPLE / "data" / "venue.yaml").read_text(encoding="utf-8")


def venue(old: str, new: str) -> dict[str, str]:
    """Return the sample's data/venue.yaml with ``old`` written ``new`` (one mistake)."""
    assert old in VENUE
    return {"data/venue.yaml": VENUE.replace(old, new, 1)}


# Files of a group that are there for a mistake of another file, and are not told themselves.
HELPERS = {"content/deux/b.md", "content/files/plan.pdf"}
SESSIONS = "end: 2027-03-12 18:00\nsessions:\n"
# Groups of faulty files, each group in its own copy of the sample venue (an unreadable article stops the others).
MISTAKES = [
    {  # rules.py, spellings.py: the editor's report of GUIDE section 3.
        "data/events/2027-01-14-club-tricot.yaml": (
            "title: Club tricot\nstart: 2027-01-14 18:00\nrepeat:\n  freq: weekly\n  until: 2027-01-01\n"
        ),
        "data/events/z-categorie.yaml": "title: Zumba\nstart: 2027-02-01 18:00\ncategory: atelier\n",
        "data/events/z-categorie-vide.yaml": 'title: Yoga\nstart: 2027-02-02 18:00\ncategory: "!!!"\n',
        "data/pepites/z-kind.yaml": 'name: Zélie\ntrade: Potière\nkind: "!!!"\n',
        "data/pepites/z-kind-casse.yaml": "name: Zoé\ntrade: Potière\nkind: artisan\n",
        "data/events/z-long.yaml": "title: Long\nstart: 2027-02-03 18:00\ncategory: " + "a" * 300 + "\n",
    },
    {  # model/messages.py, fields.py, rules.py: one event file each.
        "data/events/e-cle.yaml": "tilte: Atelier\nstart: 2027-01-12 14:00\n",
        "data/events/e-date.yaml": E.format(title="Date").replace("2027-03-12 14:00", "2025-02-30"),
        "data/events/e-format.yaml": E.format(title="Format").replace("2027-03-12 14:00", "12/01/2027"),
        "data/events/e-fin.yaml": E.format(title="Fin") + "end: 2027-03-12 11:00\n",
        "data/events/e-statut.yaml": E.format(title="Statut") + "status: annulé\n",
        "data/events/e-complet.yaml": E.format(title="Complet") + "full: oui\n",
        "data/events/e-pepite.yaml": E.format(title="Pépite") + "pepites: [eloise-berengr]\n",
        "data/events/e-count.yaml": E.format(title="Count")
        + "repeat:\n  freq: weekly\n  count: 3\n  until: 2027-04-01\n",
        "data/events/e-interval.yaml": E.format(title="Intervalle") + "repeat:\n  freq: weekly\n  interval: deux\n",
        "data/events/e-count-0.yaml": E.format(title="Zéro") + "repeat:\n  freq: weekly\n  count: 0\n",
        "data/events/e-vide.yaml": 'title: ""\nstart: 2027-03-12 14:00\n',
        "data/events/e-tab.yaml": E.format(title="Tab") + "repeat:\n\tfreq: weekly\n",
        "data/events/e-diese.yaml": E.format(title="Atelier #3"),
        "data/events/e-adresse.yaml": E.format(title="Adresse") + "registration: www.exemple.fr\n",
        "data/events/e-adresse-2.yaml": E.format(title="Adresse 2") + "registration: https://\n",
        "data/events/e-double.yaml": "title: Double\n" + E.format(title="Double"),
        "data/events/e-texte.yaml": E.format(title="Texte") + "summary: [a, b]\n",
        "data/events/e-moved.yaml": E.format(title="Moved")
        + "repeat:\n  freq: weekly\n  count: 3\n  except: [2027-03-19]\n  moved:\n    2027-03-19: 2027-03-20 14:00\n",
        "data/events/e-decalage.yaml": 'title: Décalage\nstart: "2027-03-12T14:00+01:00"\nend: 2027-03-12 16:00\n',
        "data/events/e-commentaire.yaml": "yaml-language-server: $schema=../../schemas/event.schema.json\n"
        + E.format(title="Commentaire"),
        "data/events/e-accolades.yaml": E.format(title="Accolades") + "repeat: {freq, weekly}\n",
        "data/events/e-sessions.yaml": E.format(title="Sessions")
        + "repeat:\n  freq: weekly\n  count: 2\nsessions:\n  - start: '14:00'\n    end: '15:00'\n    title: A\n",
        "data/events/e-session-hors.yaml": E.format(title="Hors")
        + "end: 2027-03-12 16:00\nsessions:\n  - start: '17:00'\n    end: '18:00'\n    title: A\n",
        "data/events/e-session-heure.yaml": E.format(title="Heure")
        + "end: 2027-03-12 16:00\nsessions:\n  - start: quatorze\n    end: '15:00'\n    title: A\n",
        "data/pepites/p-manque.yaml": "name: Zoé\n",
    },
    {  # model/loading.py, paths.py: files and folders of data/.
        "data/evenements/a.yaml": E.format(title="Dossier"),
        "data/events/sous/c.yaml": E.format(title="Sous-dossier"),
    },
    {"content/a-date.md": "Title: Fête\nDate: 24/11/2026\n\nTexte.\n"},
    {
        "content/a-statut.md": "Title: Fête\nDate: 2026-11-20 10:00\nStatus: publie\n\nTexte.\n",
        "content/a-lien.md": "Title: Lien\nDate: 2026-11-20 10:00\n\n[x]({filename}autre.md)\n",
    },
    {
        "content/a-modele.md": "Title: Modèle\nDate: 2026-11-20 10:00\nTemplate: special\n\nTexte.\n",
        "content/a-double.md": "Title: Double\nDate: 2026-11-20 10:00\nTags: a\nTags: b\n\nTexte.\n",
        "content/a-hors.md": "Title: Hors\nDate: 2026-11-20 10:00\n\n[x]({static}../../secret.txt)\n",
        "content/a-url.md": "Title: Url\nDate: 2026-11-20 10:00\nUrl: x/\n\nTexte.\n",
    },
    {
        "content/a-inconnu.md": "Title: Inconnu\nDate: 2026-11-20 10:00\n\n[x]({fichier}autre.md)\n",
    },
    {"content/images/vide.png": ""},  # an unreadable image stops the checks of the articles
    {  # model/sessions.py, fields.py, yamlfile.py, syntax.py, paths.py; markup.py in a data text.
        "data/events/f-session-id.yaml": E.format(title="Identifiant")
        + SESSIONS
        + "  - {start: '14:00', end: '15:00', title: Atelier, id: a}\n"
        + "  - {start: '15:00', end: '16:00', title: Suite, id: a}\n",
        "data/events/f-session-titre.yaml": E.format(title="Titre")
        + SESSIONS
        + "  - {start: '14:00', end: '15:00', title: Atelier}\n"
        + "  - {start: '14:00', end: '16:00', title: Atelier}\n",
        "data/events/f-session-decalage.yaml": E.format(title="Décalage session")
        + SESSIONS
        + "  - {start: '2027-03-12T14:00+01:00', end: '15:00', title: A}\n",
        "data/events/f-decalage.yaml": 'title: Décalage\nstart: "2027-03-12T14:00+24:00"\n',
        "data/events/f-imbrique.yaml": E.format(title="Imbriqué") + "tags: " + "[" * 60 + "]" * 60 + "\n",
        "data/events/f-incoherent.yaml": E.format(title="Incohérent") + "repeat:\n    freq: weekly\n  count: 3\n",
        "data/events/f-crochets.yaml": E.format(title="Crochets") + 'description: "' + "[" * 1500 + "x" * 1000 + '"\n',
        "data/events/f-balises.yaml": E.format(title="Balises") + 'description: "' + "<b>" * 101 + 'x"\n',
        "data/events/f-majuscules.YAML": E.format(title="Majuscules"),
        "data/events/f-notes.txt": E.format(title="Notes"),
    },
    {"data/venue.yaml": None},  # model/loading.py: no venue
    {"data/venue.yml": VENUE},  # model/loading.py: two venues
    # data/venue.yaml: one mistake per copy (a model's rules wait for its keys)
    venue("price: 15,", "price: quinze,"),
    venue("days: [mo, tu, we, th, fr]", "days: []"),
    venue("days: [mo, tu, we, th, fr]", "days: [lundi, tu]"),
    venue("opens: 09:00", "opens: neuf"),
    venue("start: 2026-12-24", "start: 24/12/2026"),
    venue("lat: 46.2", "lat: 146.2"),
    venue("lat: 46.2", "lat: nord"),
    venue("closes: 18:30", "closes: 08:00"),
    venue("closed_on_public_holidays: true", "closed_on_public_holidays: [true]"),
    {  # model/network.py: data/network/*.yaml
        "data/network/n-ftp.yaml": N.format(name="Un") + "calendar: ftp://exemple.org/agenda.ics\n",
        "data/network/n-absolu.yaml": N.format(name="Deux") + "calendar: /etc/agenda.ics\n",
        "data/network/n-sortie.yaml": N.format(name="Trois") + "calendar: output/agenda.ics\n",
        "data/network/n-txt.yaml": N.format(name="Quatre") + "calendar: network-feeds/agenda.txt\n",
        "data/network/n-absent.yaml": N.format(name="Cinq") + "calendar: network-feeds/absent.ics\n",
        "data/network/n-geo.yaml": N.format(name="Six") + "geo: {lat: 48.7, lon: 200}\n",
        "data/network/n-courriel.yaml": N.format(name="Sept") + "email: contact@\n",
        "data/network/n-fuseau.yaml": N.format(name="Huit") + "timezone: Europe/Pariss\n",
        "data/network/n-site.yaml": N.format(name="Neuf") + "website: www.exemple.org\n",
        "data/network/n-ville.yaml": "name: Dix\n",
    },
    {  # data_links.py: Pelican's placeholder links in data/ texts, to a page, a file, nothing
        "data/pepites/z-lien.yaml": "name: Zia\ntrade: Potière\nbio: |\n  [a]({filename}/premier-article.md)\n",
        "data/pepites/z-lien-fichier.yaml": "name: Zaza\ntrade: Potière\nbio: |\n  [a]({static}/files/plan.pdf)\n",
        "data/pepites/z-lien-absent.yaml": "name: Zed\ntrade: Potière\nbio: |\n  [a]({filename}/nope.md)\n",
        "data/pepites/z-lien-tag.yaml": "name: Zou\ntrade: Potière\nbio: |\n  [a]({tag}inconnue)\n",
        "data/pepites/z-lien-auteur.yaml": "name: Zef\ntrade: Potière\nbio: |\n  [a]({author}moi)\n",
        "content/files/plan.pdf": "%PDF-1.4\n%%EOF\n",
    },
    {  # markup.py: brackets Python-Markdown would scan for minutes
        "content/a-crochets.md": "Title: Crochets\nDate: 2026-11-20 10:00\n\n" + "[" * 1500 + "x" * 1000 + "\n",
        "content/a-balises.md": "Title: Balises\nDate: 2026-11-20 10:00\n\n"
        + "<div>" * 500
        + "x"
        + "</div>" * 500
        + "\n",
        "content/a-crochet.md": "Title: Crochet\nDate: 2026-11-20 10:00\n\n[" + "[" * 1100 + "]" * 1100 + "\n",
        "content/a-imbriques.md": "Title: Imbriqués\nDate: 2026-11-20 10:00\n\n" + "[" * 1100 + "]" * 1100 + "\n",
    },
    {  # content_log.py: one file {attach}ed by two articles of two folders; a Save_as above output/
        "content/un/a-attache.md": "Title: Attache\nDate: 2026-11-20 10:00\n\n[plan]({attach}/files/plan.pdf)\n",
        "content/deux/b.md": "Title: Attache 2\nDate: 2026-11-21 10:00\n\n[plan]({attach}/files/plan.pdf)\n",
        "content/files/plan.pdf": "%PDF-1.4\n%%EOF\n",
        "content/a-hors-site.md": "Title: Hors site\nDate: 2026-11-20 10:00\nSave_as: ../../fete.html\n\nTexte.\n",
    },
    {  # model/texts.hidden_character: a character shown as nothing in a name, a data file's and an article's.
        "data/events/2027-03-12-cache.yaml": E.format(title="Atelier") + "category: Cat\u00adégorie\n",
        "data/pepites/cache.yaml": "name: Karim\ntrade: Menuisier\ntags: [bo\u200bis]\n",
        "content/a-cache.md": "Title: Ca\u200bché\nDate: 2026-11-20 10:00\nSlug: ca\u2060che\n\nTexte.\n",
    },
    {"content/2026-13-45-a5.md": "Title: A5\n\nTexte.\n"},  # content_unreadable.py: a date of a file name
]


def row_patterns() -> list[re.Pattern]:
    """Return, for each message quoted in the first column of a row of section 10, a pattern of its fixed words."""
    text = guide_text()
    tables = text[text.index(_ROW_TABLES[0]) : text.index(_ROW_TABLES[1])]
    patterns = []
    for row in tables.splitlines():
        if not row.startswith("| `"):
            continue
        first = re.split(r"(?<!\\)\|", row)[1]
        for _, span in _SPAN.findall(first):
            fixed = _VALUE.split(span.replace("\\|", "|"))
            if len(re.findall(r"\w", "".join(fixed))) >= 6:  # a few words, not a lone « `>` »
                patterns.append(re.compile(".*?".join(re.escape(part) for part in fixed), re.S))
    return patterns


def unexplained(messages: list[str]) -> list[str]:
    """Return the messages (``file:line:`` removed) that no row of section 10 begins."""
    patterns = row_patterns()
    told = [_PLACE.sub("", line) for line in messages]
    return [message for message in told if not any(pattern.match(message) for pattern in patterns)]


@pytest.mark.parametrize("mistakes", MISTAKES, ids=lambda mistakes: next(iter(mistakes)))
def test_each_family_of_messages_has_its_row(site_copy, capsys, mistakes):
    write_files(site_copy, mistakes)
    printed = check(site_copy, capsys)
    told = {line.split(":", 1)[0] for line in printed}
    assert [name for name in mistakes.keys() - HELPERS if not any(name.startswith(path) for path in told)] == []
    assert unexplained(printed) == []


def check_in_project(site, capsys) -> list[str]:
    """Run `invoke check` as test_input.check does, ``site`` being the project folder calendar paths start from."""
    folders = {"PATH": str(site / "content"), "DATA_PATH": str(site / "data"), "SETTINGS_DIR": str(site)}
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={**folders, "TIERSLIEU_BUILD_DATE": "2026-11-24"})
    capsys.readouterr()
    assert run_check(settings) != 0
    return capsys.readouterr().err.replace(f"{site}/", "").splitlines()[:-1]


def test_calendar_files_of_the_project_have_their_row(site_copy, tmp_path, capsys):
    outside = tmp_path / "dehors.ics"
    outside.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    feeds = site_copy / "network-feeds"
    (feeds / "dossier.ics").mkdir(parents=True)
    os.mkfifo(feeds / "tube.ics")
    (feeds / "lien.ics").symlink_to(outside)
    names = {"dossier": "Un", "tube": "Deux", "lien": "Trois"}
    write_files(
        site_copy,
        {
            f"data/network/{slug}.yaml": N.format(name=name) + f"calendar: network-feeds/{slug}.ics\n"
            for slug, name in names.items()
        },
    )
    printed = check_in_project(site_copy, capsys)
    assert printed == [
        "data/network/dossier.yaml:3: calendrier « network-feeds/dossier.ics » : ce n'est pas un fichier ordinaire",
        "data/network/lien.yaml:3: calendrier « network-feeds/lien.ics » hors du projet (lien)",
        "data/network/tube.yaml:3: calendrier « network-feeds/tube.ics » : ce n'est pas un fichier ordinaire",
    ]
    assert unexplained(printed) == []
