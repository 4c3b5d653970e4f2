"""Text as editors write it: UTF-8 only, no control characters, quoted short in messages."""

from __future__ import annotations

import re
import unicodedata

from .errors import DataError

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"
# C0 and C1 controls but tab and newline; U+FEFF, a byte-order mark pasted inside a text (calendar
# parsers drop it, so an invisible value would read as empty there and as text on the page).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\ufeff]")


# What a data file may not hold, raw or as a YAML escape ("\0", "\N", "\L", "\P"): the controls above and
# U+2028/U+2029, line and paragraph separators that HTML shows as a space, JSON-LD must escape, and calendar
# and feed readers break or drop (SPEC section 2: one meaning everywhere, so refused rather than guessed);
# and the bidirectional embeddings, overrides and isolates U+202A-U+202E, U+2066-U+2069 (Unicode UAX #9):
# « \u202egnp.exe » shows as « exe.png » on the page and in calendars (the marks U+200E/U+200F stay allowed in
# texts; names refuse them: hidden_character).
BIDI = "\u202a-\u202e\u2066-\u2069"
# U+FFFE and U+FFFF, « noncharacters » (Unicode chapter 23.7) that XML 1.0 forbids (its Char production): lxml,
# and so the RSS feeds, refuse any text that holds one.
NONCHARACTERS = "\ufffe\uffff"
_INVISIBLE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f\\x80-\\x9f\\u2028\\u2029{BIDI}{NONCHARACTERS}]")
# A byte-order mark inside a text is dropped, not refused: it is what Windows tools paste, and shows as nothing.
_DROPPED = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f\\x80-\\x9f\\u2028\\u2029\\ufeff{BIDI}{NONCHARACTERS}]")
INVISIBLE_NAMES = {
    "\x00": "caractère nul",
    "\x08": "retour arrière",
    "\x0b": "tabulation verticale",
    "\x0c": "saut de page",
    "\x1b": "échappement",
    "\x7f": "suppression",
    "\x85": "fin de ligne NEL",
    "\u2028": "séparateur de ligne",
    "\u2029": "séparateur de paragraphe",
    "\u202a": "enchâssement de sens d'écriture de gauche à droite",
    "\u202b": "enchâssement de sens d'écriture de droite à gauche",
    "\u202c": "fin de forçage de sens d'écriture",
    "\u202d": "forçage de sens d'écriture de gauche à droite",
    "\u202e": "forçage de sens d'écriture de droite à gauche",
    "\u2066": "isolement de sens d'écriture de gauche à droite",
    "\u2067": "isolement de sens d'écriture de droite à gauche",
    "\u2068": "isolement de sens d'écriture automatique",
    "\u2069": "fin d'isolement de sens d'écriture",
    "\ufffe": "non-caractère",
    "\uffff": "non-caractère",
}


def clean_text(text: str) -> str:
    """Drop control characters other than newline and tab, and stray byte-order marks (U+FEFF)."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def invisible_character(text: str) -> str | None:
    """Return the French message for the first invisible character of ``text`` (see _INVISIBLE), or None.

    Tab, newline and carriage return are allowed. « caractère invisible U+000C (saut de page) : supprimez-le … »
    A text Python calls printable has none of them (they are Unicode « Other » or « Separator »): no search.
    """
    if text.isprintable():
        return None
    found = _INVISIBLE.search(text.replace("\r", ""))
    if found is None:
        return None
    char = found.group()
    name = INVISIBLE_NAMES.get(char, "caractère de contrôle")
    return (
        f"caractère invisible U+{ord(char):04X} ({name}) : supprimez-le "
        "(il vient souvent d'un copier-coller depuis un traitement de texte, ou d'un code comme « \\0 » entre guillemets)"
    )


# What a name may not hold, on top of the above (titles, names, categories, tags, kinds, session ids; article
# Title, Tags, Category, Author(s), Slug): a character shown as nothing, so that « Cat\u00adégorie » and
# « Catégorie » look alike and are two names, two addresses, or a text hidden in a title (the tags U+E0000-U+E007F).
# Unicode's format characters (category Cf, Unicode chapter 23) but the joiners U+200C/U+200D, which emoji sequences
# and some scripts need; and the Hangul fillers and the blank braille pattern, letters or symbols shown as a blank
# (Unicode's Default_Ignorable_Code_Point for the fillers). Long texts keep them: a soft hyphen is a hyphenation hint.
_KEPT_FORMATS = "\u200c\u200d"
_BLANK_LETTERS = "\u115f\u1160\u3164\uffa0\u2800"
HIDDEN_NAMES = {
    "\u00ad": "trait d'union conditionnel",
    "\u061c": "marque de lettre arabe",
    "\u180e": "séparateur de voyelles mongol",
    "\u200b": "espace sans chasse",
    "\u200e": "marque de gauche à droite",
    "\u200f": "marque de droite à gauche",
    "\u2060": "gluon de mots",
    "\u2061": "application de fonction",
    "\u2062": "multiplication invisible",
    "\u2063": "séparateur invisible",
    "\u2064": "plus invisible",
    "\ufeff": "espace insécable sans chasse",
    "\u115f": "remplissage hangul",
    "\u1160": "remplissage hangul",
    "\u3164": "remplissage hangul",
    "\uffa0": "remplissage hangul",
    "\u2800": "motif braille vide",
}


NAME_TAIL = "(on ne le voit pas, mais il change le nom et son adresse)"
"""Why a name refuses a character shown as nothing: another name, another address."""
LINE_TAIL = "(on ne le voit pas, mais il reste dans le texte publié : pages, calendriers, flux)"
"""Why any other one-line text refuses it (``fields.parse_line``: a price, a place, an alternative text…)."""
JOINERS = {"\u200c": "antiliant sans chasse", "\u200d": "liant sans chasse"}


MAYBE_HIDDEN = re.compile(
    "[\u00ad\u0600-\u06ff\u070f\u0890-\u08ff\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u2800\u3164\ufeff\uffa0\ufff0-\ufffb\U00010000-\U0010ffff]"
)
"""Every format character (Unicode category Cf) and blank letter lies in these ranges (a test enumerates them):
one search in C tells that a text has none, as nearly all texts, before _hidden looks at each character."""


def _hidden(text: str, joiners: bool = False) -> str | None:
    """Return the first character of ``text`` shown as nothing (see hidden_character), or None; with ``joiners``,
    U+200C/U+200D too (an address or a number never needs them)."""
    if text.isascii() or not MAYBE_HIDDEN.search(text):
        return None
    for char in text:
        if _INVISIBLE.match(char):  # a direction control: refused in the whole file, at its line (invisible_character)
            continue
        if char in _BLANK_LETTERS or (unicodedata.category(char) == "Cf" and (joiners or char not in _KEPT_FORMATS)):
            return char
    return None


def _name(char: str) -> str:
    name = HIDDEN_NAMES.get(char) or JOINERS.get(char)
    if name is None and "\U000e0000" <= char <= "\U000e007f":
        return "étiquette Unicode"
    return name or "caractère de mise en forme"


def hidden_character(text: str, tail: str = NAME_TAIL) -> str | None:
    """Return the French message for the first character of a one-line text shown as nothing, or None.

    A format character (Unicode category Cf) but U+200C/U+200D, or one of _BLANK_LETTERS; not those
    ``invisible_character`` names, which the whole file refuses.
    « caractère invisible U+00AD (trait d'union conditionnel) : supprimez-le (…) », ``tail`` in parentheses:
    NAME_TAIL for names (``titles.parse_name``), LINE_TAIL for other one-line texts (``fields.parse_line``).
    Long texts (Markdown) may hold them.
    """
    char = _hidden(text)
    if char is None:
        return None
    return f"caractère invisible U+{ord(char):04X} ({_name(char)}) : supprimez-le {tail}"


def hidden_in_address(text: str, what: str = "l'adresse") -> str | None:
    """Return the French message for a character shown as nothing in an address (URL, e-mail) or a number, or None.

    The characters of ``hidden_character`` and the joiners U+200C/U+200D: « bil\u200bletterie.example.org »
    looks like the venue's ticket office and is another host, a trap (attacker trial of hidden characters).
    « caractère invisible U+200B (espace sans chasse) dans l'adresse : supprimez-le »; ``what`` « le numéro »
    for a phone number.
    """
    char = _hidden(text, joiners=True)
    if char is None:
        return None
    return f"caractère invisible U+{ord(char):04X} ({_name(char)}) dans {what} : supprimez-le"


def plainly_shown(text: str) -> bool:
    """Tell that no character of ``text`` can be shown as nothing: ASCII, or none in MAYBE_HIDDEN (one search).

    Such a text shows nothing only if it is all spaces; ``hidden_character`` finds nothing in it.
    """
    return text.isascii() or not MAYBE_HIDDEN.search(text)


def invisible_only(text: str) -> bool:
    """Tell whether ``text`` shows nothing: only spaces, format characters (Unicode category Cf) and _BLANK_LETTERS.

    Cf holds the zero-width space U+200B, the direction marks U+200E/U+200F, the joiners U+200C/U+200D,
    the soft hyphen U+00AD and the word joiner U+2060 (Unicode, chapter 23).
    """
    if plainly_shown(text):  # no format character nor blank letter: only spaces?
        return not text or text.isspace()
    return all(char.isspace() or char in _BLANK_LETTERS or unicodedata.category(char) == "Cf" for char in text)


def drop_invisible(text: str) -> str:
    """Return ``text`` without the characters ``invisible_character`` names and U+FEFF (newlines normalised to LF)."""
    if text.isprintable():  # none of them, no line break (see invisible_character)
        return text
    return _DROPPED.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def needs_cleaning(text: str) -> bool:
    """Tell whether ``text`` holds a character ``drop_invisible`` would drop (one search of the whole text)."""
    return _DROPPED.search(text) is not None


def decode_utf8(raw: bytes, display: str) -> tuple[str | None, list[DataError]]:
    """Decode the bytes of an editor's file, or say in French how to save it.

    A byte-order mark is refused (UTF-16, or UTF-8 with BOM, as some Windows
    editors write): the first line would not read as its editor sees it.
    Invalid UTF-8 is reported at the line of the first bad byte.
    """
    if raw.startswith(_UTF16_BOMS):
        return None, [
            DataError(display, 1, "le fichier est en UTF-16 : enregistrez-le en « UTF-8 » depuis votre éditeur")
        ]
    if raw.startswith(_UTF8_BOM):
        return None, [
            DataError(
                display,
                1,
                "le fichier commence par une marque d'ordre des octets (BOM) : "
                "enregistrez-le en « UTF-8 » sans BOM depuis votre éditeur",
            )
        ]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        byte = raw[exc.start]
        return None, [
            DataError(
                display,
                line,
                f"le fichier n'est pas en UTF-8 (octet 0x{byte:02X} illisible, souvent un "
                "accent en Latin-1 ou Windows-1252) : réenregistrez-le en « UTF-8 » depuis votre éditeur",
            )
        ]


def french_number(value: int) -> str:
    """Write a number the French way: 100 000 (narrow no-break space)."""
    return f"{value:,}".replace(",", "\u202f")


def short(text, size: int = 40) -> str:
    """Return a value as quoted in a message: its text, cut to ``size`` characters."""
    text = str(text)
    return text if len(text) <= size else text[: size - 1] + "…"
