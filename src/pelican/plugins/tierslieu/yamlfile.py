"""Read a YAML file as the editor typed it, keeping the line of every key.

YAML 1.1 resolvers turn ``18:30`` into 1110, ``01000`` into 512 and ``NO``
into False. We compose the node tree instead of constructing it, and keep
every scalar as the text that was typed: the data model, not the look of
the scalar, decides its type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .errors import DataError

try:  # The C loader keeps marks and is about ten times faster.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

NULL_TAG = "tag:yaml.org,2002:null"
# Control characters other than tab and newline are dropped at load (SPEC 2).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


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


def clean_text(text: str) -> str:
    """Drop control characters other than newline and tab."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def read_yaml(path: str, display: str) -> tuple[YamlDocument | None, list[DataError]]:
    """Parse one YAML file into plain data with its line map."""
    try:
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
    except UnicodeDecodeError as exc:
        return None, [DataError(display, 1, f"le fichier n'est pas en UTF-8 ({exc.reason})")]
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> tuple[YamlDocument | None, list[DataError]]:
    """Parse YAML text into plain data with its line map."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or exc.context or "syntaxe invalide"
        return None, [DataError(display, line, f"YAML illisible : {problem}")]
    except yaml.YAMLError as exc:
        return None, [DataError(display, 1, f"YAML illisible : {exc}")]
    document = YamlDocument(display, None)
    errors: list[DataError] = []
    document.data = _to_plain(node, (), document, errors) if node is not None else {}
    return document, errors


def _to_plain(node, loc: tuple, document: YamlDocument, errors: list[DataError]):
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            line = key_node.start_mark.line + 1
            if key in result:
                errors.append(DataError(document.path, line, f"clé '{key}' en double"))
                continue
            document.lines[(*loc, key)] = line
            result[key] = _to_plain(value_node, (*loc, key), document, errors)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            document.lines[(*loc, index)] = item.start_mark.line + 1
            items.append(_to_plain(item, (*loc, index), document, errors))
        return items
    if node.tag == NULL_TAG and not node.style:  # the C loader gives plain scalars the style ""
        return None
    return clean_text(node.value)
