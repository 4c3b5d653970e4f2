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

import re

import pytest
from conftest import write_files
from test_guide import guide_text
from test_input import check

_ROW_TABLES = ("### Les messages des fichiers YAML", "### Les pièges du YAML")
_SPAN = re.compile(r"(`+) ?(.+?) ?\1")
# An example value of a row: « … », '…' (a key, no space), (…), a number, or an elision « … ».
_VALUE = re.compile(r"« [^»]*»|'[^'\s]*'|\([^()]*\)|\d+|…")
_PLACE = re.compile(r"^[^\s:]+(?::\d+)?: ")

E = "title: {title}\nstart: 2027-03-12 14:00\n"
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
    assert [name for name in mistakes if not any(name.startswith(path) for path in told)] == []
    assert unexplained(printed) == []
