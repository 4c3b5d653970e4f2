"""Paths of data/ and content/: how they are shown, which are never read, and names the site would skip."""

from __future__ import annotations

import os
import re
import stat
import unicodedata

from unidecode import unidecode

from .errors import DataError

_ESCAPED = re.compile("[\udc80-\udcff]")
"""A byte of a file name that is not UTF-8, as Python reads it (PEP 383 « surrogateescape »)."""


def display_path(path: str, root: str) -> str:
    """Show a path from the project root when it is inside it; bytes that are not UTF-8 show as « ? »."""
    relative = os.path.relpath(path, root)
    return readable_name(path if relative.startswith("..") else relative)


def readable_name(name: str) -> str:
    """Return ``name`` printable: each byte that is not UTF-8 (a lone surrogate, PEP 383) becomes « ? »."""
    return re.sub("[\ud800-\udfff]", "?", name)


def is_undecodable(name: str) -> bool:
    """Tell whether the file name ``name`` (as os.listdir gives it) holds bytes that are not UTF-8 (PEP 383)."""
    return re.search("[\ud800-\udfff]", name) is not None


def _guessed_letter(found: re.Match) -> str:
    """Return the letter a byte escaped by PEP 383 most likely was: Windows-1252, else Latin-1 (« \\xe9 » → é)."""
    byte = bytes([ord(found.group()) - 0xDC00])
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: not in Windows-1252
        return byte.decode("latin-1")


def suggested_slug(name: str) -> str:
    """Return the file slug closest to ``name``: « Noël Durand » → noel-durand, « аtelier » (Cyrillic а) → atelier.

    Letters are transliterated by Unidecode after NFKC, as Pelican's slugify does (a look-alike or a
    ligature becomes its Latin letters: « Œuvre » → oeuvre), never dropped; « nom » when nothing is left.
    A byte of a name that is not UTF-8 (PEP 383) is read as Windows-1252, the usual encoding of such names
    (« caf\\xe9 » → cafe); any other lone surrogate is dropped, so Unidecode never warns.
    """
    name = re.sub("[\ud800-\udfff]", "", _ESCAPED.sub(_guessed_letter, name))
    ascii_name = unidecode(unicodedata.normalize("NFKC", name)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-") or "nom"


def refuse_path(path: str, display: str, folders: list[str]) -> DataError | None:
    """Return why ``path`` must not be read, or None.

    A symbolic link must lead to a file inside one of ``folders`` (the data
    or the content folder, the first one named in the message): not
    elsewhere in the project either, where .git/, the cache and the settings
    are (SPEC section 2: only content/ is published). The target is never
    opened. A FIFO, a device or a folder is never opened (opening a FIFO
    blocks, /dev/zero never ends). Nor is a file with more than one hard
    link (``st_nlink``): it may be a file outside the project under a
    second name, and a git checkout never makes one.
    """
    where = os.path.basename(os.path.normpath(folders[0])) + "/"
    try:
        if os.path.islink(path):
            real = os.path.realpath(path)
            kind = "dossier" if os.path.isdir(real) else "fichier"
            if not any(is_inside(real, folder) for folder in folders):
                return DataError(
                    display,
                    1,
                    f"lien symbolique vers un {kind} hors de {where} : il n'est ni lu ni publié ; "
                    f"copiez le {kind} ici, ou supprimez le lien",
                )
            if kind == "dossier":
                return DataError(
                    display,
                    1,
                    "lien symbolique vers un dossier : il n'est pas suivi ; "
                    "mettez ici les fichiers eux-mêmes, ou supprimez le lien",
                )
        status = os.stat(path)
    except OSError as exc:
        return DataError(display, 1, f"fichier illisible ({exc.strerror}) : vérifiez qu'il existe et ses droits")
    problem = _not_a_plain_file(status, where)
    return DataError(display, 1, problem) if problem else None


def _not_a_plain_file(status: os.stat_result, where: str) -> str | None:
    """Return why a file of this ``os.stat`` must not be read (a folder, a FIFO or device, a hard link), or None."""
    if stat.S_ISDIR(status.st_mode):
        return "c'est un dossier, pas un fichier : renommez-le sans « .yaml », ou déplacez son contenu"
    if not stat.S_ISREG(status.st_mode):
        return "ce n'est pas un fichier ordinaire (tube, périphérique…) : il n'est pas lu ; supprimez-le"
    if status.st_nlink > 1:
        return (
            f"ce fichier a {status.st_nlink} noms sur le disque (lien physique) : il peut être un fichier hors "
            f"de {where} ; il n'est ni lu ni publié ; remplacez-le par une copie (cp), ou supprimez-le"
        )
    return None


def is_inside(path: str, folder: str) -> bool:
    """Tell whether the resolved ``path`` is ``folder`` or under it (``folder`` is resolved here)."""
    folder = os.path.realpath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def refuse_unread(path: str, root: str) -> DataError:
    """Refuse what the site would not read in data/events/ or data/pepites/ (SPEC 2: one ``<slug>.yaml`` each).

    An event in ``X.YAML``, ``x.yaml.txt``, a file without extension or a
    sub-folder would vanish from the site without a word.
    """
    display = display_path(path, root)
    if os.path.islink(path):
        refusal = refuse_path(path, display, [os.path.dirname(os.path.dirname(path))])
        if refusal is not None:
            return refusal
    folder = display_path(os.path.dirname(path), root).rstrip("/") + "/"
    name = os.path.basename(path)
    if os.path.isdir(path):
        return DataError(
            display,
            1,
            f"dossier « {readable_name(name)} » non lu : seuls les fichiers placés directement dans {folder} sont lus ; "
            "déplacez-y ses fichiers .yaml",
        )
    found = re.search(r"\.ya?ml", name, re.IGNORECASE)
    stem = name[: found.start()] if found else os.path.splitext(name)[0]
    return DataError(
        display,
        1,
        f"fichier « {readable_name(name)} » non lu : seuls les fichiers .yaml (ou .yml) en minuscules de {folder} sont lus ; "
        f"renommez-le « {suggested_slug(stem)}.yaml », ou déplacez-le hors de ce dossier",
    )
