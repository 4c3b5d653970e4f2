"""Read a YAML file as the editor typed it, keeping the line of every key.

YAML 1.1 resolvers turn ``18:30`` into 1110, ``01000`` into 512 and ``NO``
into False. We read the parser's events instead of constructing objects,
and keep every scalar as the text that was typed: the data model, not the
look of the scalar, decides its type.

Reading events also bounds the work: anchors and aliases (``&a``, ``*a``),
which let a 400-byte file expand into billions of values, are refused at
the first one, before anything is expanded; a file, a text, a document
count and the nesting depth are limited. YAML tags (``!x``, ``!!binary``) are
refused: a value typed ``!important`` would otherwise read as empty. Every
refusal is a French message at the file and line.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import yaml

from .errors import DataError
from .syntax import syntax_error
from .texts import decode_utf8, drop_invisible, french_number, invisible_character, needs_cleaning, short

try:  # The C parser keeps marks and is about ten times faster.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

NULL_TAG = "tag:yaml.org,2002:null"
TAG_REFUSED = "une valeur ne peut pas commencer par « ! » en YAML : mettez toute la valeur entre guillemets"
_NULL_WORDS = ("", "~", "null", "Null", "NULL")
MAX_FILE_BYTES = 1_000_000
"""Largest data file read: a venue with a long description is about 10 kB."""
MAX_TEXT_CHARS = 100_000
"""Longest text of one value: about fifty printed pages."""
MAX_DEPTH = 50
"""Deepest nesting of lists and mappings: our files need 4 levels. Each level's key path is a
tuple as long as its depth, so 50,000 nested « [ » would cost 1.25 billion copies (minutes)."""


@dataclass
class YamlDocument:
    """Plain data of one file, and the line (1-based) of each key path."""

    path: str
    data: object
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, loc: tuple) -> int:
        """Return the line of a key path, falling back to its parents, then 1."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return 1


def read_yaml(path: str, display: str, raw: bytes | None = None) -> tuple[YamlDocument | None, list[DataError]]:
    """Parse one YAML file (a regular file, at most MAX_FILE_BYTES; ``raw``: its bytes, if read) with its line map."""
    if raw is None:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            DataError(
                display,
                1,
                f"fichier trop gros (plus de {MAX_FILE_BYTES // 1_000_000} Mo) : "
                "découpez-le, ou mettez les longs textes dans un article",
            )
        ]
    text, problems = decode_utf8(raw, display)
    if text is None:
        return None, problems
    return parse_yaml(text, display)


def alias_lines(path: str) -> list[int]:
    """Return the line of each item of an event file's ``aliases`` (collisions name it)."""
    document, _problems = read_yaml(path, path)
    aliases = document.data.get("aliases") if document and isinstance(document.data, dict) else None
    return [document.line_of(("aliases", index)) for index in range(len(aliases))] if isinstance(aliases, list) else []


def parse_yaml(text: str, display: str) -> tuple[YamlDocument | None, list[DataError]]:
    """Parse YAML text into plain data with its line map.

    Return ``(None, [error])`` when the text cannot be read as one YAML
    document without anchors; otherwise the document and the problems of
    its content (duplicate keys, over-long texts, comments glued to values).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    dirty = needs_cleaning(text)  # one search of the whole text: most files have nothing to refuse or drop
    invisible = (
        [
            DataError(display, number, message)
            for number, line in enumerate(text.split("\n"), start=1)
            if (message := invisible_character(line))
        ]
        if dirty
        else []
    )
    if dirty:
        text = drop_invisible(text)  # refused above; dropped so that the rest is read, on the lines the editor sees
    builder = _Builder(display, text, dirty)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except _Refused as refusal:
        return None, [*invisible, refusal.error]
    except yaml.MarkedYAMLError as exc:
        return None, [*invisible, syntax_error(exc, text, display)]
    except yaml.YAMLError as exc:
        return None, [*invisible, DataError(display, 1, f"YAML illisible : {exc}")]
    document = builder.document
    document.data = builder.result if builder.result is not None else {}
    return document, [*invisible, *builder.errors]


class _Refused(Exception):
    """Stop reading a file at once (an anchor, a second document)."""

    def __init__(self, error: DataError):
        super().__init__(str(error))
        self.error = error


class _Builder:
    """Turn parser events into plain dicts, lists and strings, with lines."""

    def __init__(self, display: str, text: str, dirty: bool = True):
        self.display = display
        self.dirty = dirty  # False: the file holds no invisible character, only a "…" escape can make one
        self.lines_of_text = text.split("\n")
        self.document = YamlDocument(display, None)
        self.errors: list[DataError] = []
        self.stack: list[list] = []  # [container, loc, pending key, key line, key end, flow]
        self.result = None
        self.documents = 0

    def feed(self, event) -> None:
        line = event.start_mark.line + 1
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent) or anchor:
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            raise _Refused(
                DataError(
                    self.display,
                    line,
                    f"« {sign}{event.anchor} » : les ancres et alias YAML (& et *) ne sont pas "
                    f"acceptés ; recopiez la valeur, ou si « {sign} » fait partie du texte, "
                    "mettez toute la valeur entre guillemets",
                )
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != NULL_TAG:
            # `summary: !important` would read as an empty value, `!Nouveau apéro` lose its first word.
            self.errors.append(DataError(self.display, line, TAG_REFUSED))
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _Refused(
                    DataError(
                        self.display,
                        line,
                        "un second document commence ici (« --- ») : un fichier décrit une "
                        "seule chose ; supprimez cette ligne, ou mettez la suite dans un autre fichier",
                    )
                )
        elif isinstance(event, yaml.MappingStartEvent):
            self._push({}, event)
        elif isinstance(event, yaml.SequenceStartEvent):
            self._push([], event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            container = self.stack.pop()[0]
            self._add(container, None)
        elif isinstance(event, yaml.ScalarEvent):
            self._add(self._scalar(event), event)

    def _push(self, container, event) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(
                DataError(
                    self.display,
                    event.start_mark.line + 1,
                    f"listes ou blocs imbriqués sur plus de {MAX_DEPTH} niveaux (« [ », « {{ » ou indentation) : "
                    "un fichier de données en demande 4 au plus ; fermez chaque « [ » par « ] » et chaque « { » par « } », "
                    "ou mettez la valeur entre guillemets si ces signes font partie du texte",
                )
            )
        loc = self._child_loc(event)
        self.stack.append([container, loc, None, 0, None, bool(event.flow_style)])

    def _child_loc(self, event) -> tuple:
        """Return the key path of the value that starts with ``event``; record its line."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        container, loc = frame[0], frame[1]
        if isinstance(container, list):
            child = (*loc, len(container))
            self.document.lines[child] = event.start_mark.line + 1
            return child
        if frame[2] is None:  # a key that is itself a block or list: YAML allows it, we do not
            return (*loc, "?")
        return (*loc, frame[2])

    def _scalar(self, event):
        value = event.value
        # A printable text has no invisible character (texts.invisible_character); in a clean file, only the
        # escapes of a double-quoted value (« "\\0" », « "\\N" ») can make one.
        if (self.dirty or event.style == '"') and not value.isprintable():
            message = invisible_character(value)  # raw ones are refused by line; these come from escapes ("\0")
            if message:
                self.errors.append(DataError(self.display, event.start_mark.line + 1, message))
            value = drop_invisible(value)
        if not value.isascii():  # ASCII is its own NFC
            # NFC: « été » typed precomposed or as e + U+0301 is one text, one tag, one category, one slug.
            value = unicodedata.normalize("NFC", value)
        if len(value) > MAX_TEXT_CHARS:
            self.errors.append(
                DataError(
                    self.display,
                    event.start_mark.line + 1,
                    f"texte trop long ({french_number(len(value))} caractères ; {french_number(MAX_TEXT_CHARS)} au plus) : "
                    "raccourcissez-le, ou faites-en un article",
                )
            )
            value = value[:MAX_TEXT_CHARS]
        plain = event.implicit[0] and not event.style
        if (plain and value in _NULL_WORDS) or event.tag == NULL_TAG:
            return None
        if not value.strip():  # `title: ""` or `name: "   "` says nothing: it counts as absent
            return None
        if plain:
            self._check_comment(event)
        return value

    def _check_comment(self, event) -> None:
        """Refuse `` #`` right after a plain value: YAML would silently drop the end of the line."""
        end = event.end_mark
        if end.line >= len(self.lines_of_text):
            return
        rest = self.lines_of_text[end.line][end.column :]
        if rest.lstrip(" \t").startswith("#") and rest[:1] in (" ", "\t"):
            comment = rest.strip()
            self.errors.append(
                DataError(
                    self.display,
                    end.line + 1,
                    f"« {short(comment)} » serait ignoré : « # » après une espace commence un commentaire "
                    f'en YAML ; mettez toute la valeur entre guillemets ("{short(event.value)} {short(comment)}")',
                )
            )

    def _add(self, value, event) -> None:
        if not self.stack:
            self.result = value
            return
        frame = self.stack[-1]
        container = frame[0]
        if isinstance(container, list):
            if event is not None:
                self.document.lines[(*frame[1], len(container))] = event.start_mark.line + 1
            container.append(value)
            return
        if frame[2] is None and not frame[3]:  # this is a key
            key = value if isinstance(value, str) else "?"
            line = event.start_mark.line + 1 if event is not None else 1
            frame[2], frame[3], frame[4] = key, line, event.end_mark.index if event is not None else None
            return
        key, line, key_end = frame[2], frame[3], frame[4]
        frame[2], frame[3], frame[4] = None, 0, None
        if (
            frame[5]
            and value is None
            and event is not None
            and event.start_mark.index == key_end
            and event.end_mark.index == key_end
        ):
            raise _Refused(
                DataError(
                    self.display,
                    line,
                    f"« {short(key)} » sans deux-points entre {{ }} : une virgule sépare "
                    "deux clés ; si elle fait partie du texte, mettez la valeur entre guillemets",
                )
            )
        if key in container:
            first = self.document.lines.get((*frame[1], key))
            where = f" (déjà à la ligne {first})" if first else ""
            self.errors.append(DataError(self.display, line, f"clé '{key}' en double{where}"))
            return
        self.document.lines[(*frame[1], key)] = line
        container[key] = value
