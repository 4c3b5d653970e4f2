"""Faults seen on the editor's own lines around a YAML error: a tab, a key glued to its value, a quote closed early.

PyYAML reports where it stumbled, often a line after the fault, in terms
(block end, indentation) that point at the wrong cure; these look at the
reported lines themselves (YAML 1.1: tabs are never indentation, section
5.5; a key is followed by « : » and a space, section 7.4; a quoted text
ends at its closing quote, section 9.1).
"""

from __future__ import annotations

import re

TAB = "tabulation en début de ligne : les décalages se font avec des espaces, jamais avec la touche Tab"

_GLUED = re.compile(r"( *)(?:- +)?([A-Za-z][\w-]*):([^\s/:].*?)\s*$")
_SCHEMES = {"mailto", "tel", "http", "https"}  # « mailto:x » is an address, not a key
_QUOTED_START = re.compile(r" *(?:- +)?(?:[A-Za-z_][\w-]*: +)?(['\"])")


def tab_line(lines: list[str], candidates: list[int]) -> int | None:
    """Return the first of ``candidates`` (1-based lines) with a tab in its leading whitespace, or None."""
    for line in candidates:
        if 0 < line <= len(lines):
            text = lines[line - 1]
            if "\t" in text[: len(text) - len(text.lstrip(" \t"))]:
                return line
    return None


def glued_key(lines: list[str], candidates: list[int]) -> tuple[int, str] | None:
    """Find a ``key:value`` line without the space after « : » among ``candidates``; return its line and message."""
    for line in candidates:
        found = _GLUED.fullmatch(lines[line - 1]) if 0 < line <= len(lines) else None
        if found and found.group(2).lower() not in _SCHEMES:
            key, value = found.group(2), found.group(3)
            return line, f"il manque une espace après « {key}: » : écrivez « {key}: {value} »"
    return None


def early_quote(lines: list[str], candidates: list[int]) -> tuple[int, str] | None:
    """Find a value opened by a quote that closes before more text of its line; return its line and message."""
    for line in candidates:
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        found = _QUOTED_START.match(text)
        if not found:
            continue
        quote, start = found.group(1), found.start(1)
        end = _closing(text, start, quote)
        rest = text[end + 1 :].strip() if end is not None else ""
        if rest and not rest.startswith("#"):
            return line, _early_quote_message(text[start:].rstrip(), text[start : end + 1], quote)
    return None


def _closing(text: str, start: int, quote: str) -> int | None:
    """Return the index of the quote closing the one at ``start`` ('' and \\" do not close), or None."""
    index = start + 1
    while index < len(text):
        if (quote == "'" and text.startswith("''", index)) or (quote == '"' and text[index] == "\\"):
            index += 2
            continue
        if text[index] == quote:
            return index
        index += 1
    return None


def _early_quote_message(value: str, quoted: str, quote: str) -> str:
    """Say where the quote closed, and how to write the whole value."""
    inner = value[1:-1] if len(value) > 1 and value.endswith(quote) else value
    if quote == "'" and '"' not in inner and "\\" not in inner:
        advice = f'mettez toute la valeur entre guillemets doubles ("{inner}")'
    elif "'" in inner:
        doubled = inner.replace("'", "''")
        advice = f"mettez toute la valeur entre guillemets simples, l'apostrophe doublée ('{doubled}')"
    else:
        advice = f"mettez toute la valeur entre guillemets simples ('{inner}')"
    return (
        f"le guillemet {quote} ouvre la valeur et se referme au milieu (« {quoted} ») : {advice}, "
        "ou écrivez les guillemets à la française « »"
    )


def quoted(value: str) -> str:
    """Write ``value`` as a YAML quoted text: double quotes, or single ones (quote doubled) when it holds « " »."""
    if '"' in value or "\\" in value:
        return "'" + value.replace("'", "''") + "'"
    return f'"{value}"'
