"""The YAML parser's errors, said in French on the line to look at, with what to do."""

from __future__ import annotations

import re

import yaml

from .blocks import block_message, list_message
from .errors import DataError
from .syntax_lines import TAB, early_quote, glued_key, quoted, tab_line

_QUOTE_HINT = "mettez toute la valeur entre guillemets"


def syntax_error(exc: yaml.MarkedYAMLError, text: str, display: str) -> DataError:  # noqa: PLR0911, PLR0912 - one return per kind of fault
    """Say in French what is wrong, on the line an editor must look at, and what to do."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    problem = exc.problem or ""
    context = exc.context or ""
    lines = text.split("\n")
    char = ""
    if mark and mark.line < len(lines) and mark.column < len(lines[mark.line]):
        char = lines[mark.line][mark.column]
    concerned = [line, exc.context_mark.line + 1 if exc.context_mark else line]
    if (tabbed := tab_line(lines, concerned)) or ("cannot start any token" in problem and char == "\t"):
        return DataError(display, tabbed or line, TAB)
    if found := glued_key(lines, [line, line - 1, concerned[1]]) or early_quote(lines, [line, line - 1, concerned[1]]):
        return DataError(display, *found)
    if "cannot start any token" in problem:
        return DataError(
            display, line, f'une valeur ne peut pas commencer par « {char} » en YAML : {_QUOTE_HINT} ("{char}…")'
        )
    if "tag" in context and exc.context_mark:  # `!! Nouveau !!`: « did not find expected tag URI »
        return DataError(
            display,
            exc.context_mark.line + 1,
            f"une valeur ne peut pas commencer par « ! » en YAML : {_QUOTE_HINT}",
        )
    if "scanning an alias" in context or "scanning an anchor" in context:
        sign = "*" if "alias" in context else "&"
        return DataError(
            display,
            exc.context_mark.line + 1,
            f'une valeur ne peut pas commencer par « {sign} » en YAML : {_QUOTE_HINT} ("{sign}…")',
        )
    if "block scalar" in context:
        sign = lines[exc.context_mark.line][exc.context_mark.column] if exc.context_mark else "|"
        return DataError(
            display,
            exc.context_mark.line + 1,
            f"« {sign} » annonce un texte sur plusieurs lignes, qui commence à la ligne suivante, décalée de deux "
            f"espaces ; pour un texte qui commence par « {sign} », {_QUOTE_HINT}",
        )
    if "could not find expected ':'" in problem and exc.context_mark:
        return DataError(display, exc.context_mark.line + 1, _missing_colon(lines, exc.context_mark.line + 1))
    if "mapping values are not allowed" in problem and _key_without_colon(lines, line):
        # « title Apéro » then « start: … »: YAML reads both lines as one text, and stumbles on the second.
        return DataError(display, line - 1, _missing_colon(lines, line - 1))
    if "mapping values are not allowed" in problem and (shifted := _shifted_key(lines, line)):
        # « freq: weekly » then «    byday: [th] », one space too many: YAML reads the second line as the end of
        # the first value, and stumbles on its colon.
        return DataError(display, line, shifted)
    if "mapping values are not allowed" in problem and (told := _block_on_its_line(lines, line)):
        # « moved: 2027-01-26: 2027-01-27 14:00 »: quoting it would only lead to « un bloc de clés est attendu ».
        return DataError(display, line, told)
    if "mapping values are not allowed" in problem:
        return DataError(
            display,
            line,
            "« : » inattendu : un deux-points suivi d'une espace dans un texte se met entre guillemets "
            f"({_quoted_example(lines, line)}) ; sinon, alignez la ligne sur les autres clés",
        )
    if "quoted scalar" in context and ("escape" in problem or "hexdecimal" in problem):
        return DataError(display, line, _escape_problem(lines, mark, problem))
    if "quoted scalar" in context and exc.context_mark:
        return DataError(
            display, exc.context_mark.line + 1, "guillemet jamais refermé : ajoutez le guillemet de fin du texte"
        )
    if "flow" in context and exc.context_mark:
        return DataError(
            display,
            exc.context_mark.line + 1,
            "crochet [ ] ou accolade { } mal fermé : vérifiez la liste ou le bloc "
            "ouvert ici ; un texte qui contient « , [ ] { } » se met entre guillemets",
        )
    if char and char in "]}," and lines[mark.line][: mark.column].rstrip().endswith((":", "-")):
        # « summary: ] »: a list or a block closed before it opened
        return DataError(
            display, line, f'une valeur ne peut pas commencer par « {char} » en YAML : {_QUOTE_HINT} ("{char}…")'
        )
    if "block" in context or "indentation" in problem or "expected <block end>" in problem:
        if shifted := _shifted_key(lines, line):  # a comment line between them: YAML says it otherwise
            return DataError(display, line, shifted)
        return DataError(
            display,
            line,
            "décalage incohérent : alignez cette ligne sur les autres clés du même niveau (avec des espaces)",
        )
    if "not allowed in this context" in problem:  # « - x » or « ? x » as a value: a list, a complex key
        value = lines[line - 1][mark.column :].strip() if mark and line <= len(lines) else char
        return DataError(display, line, _indicator_value(value, _list_on_its_line(lines, line)))
    if "document start" in problem or "directive" in problem:
        return _document_marker(lines, line, display, problem)
    return DataError(
        display,
        line,
        f"YAML illisible ({problem or context or 'syntaxe invalide'}) : vérifiez cette ligne et celle d'avant",
    )


def _indicator_value(value: str, form: str) -> str:
    """Say what « - » or « ? » then a space means at the start of a value (YAML 1.1 sections 8.2.1, 8.2.2).

    ``form`` is the form of the line's key when it takes a list or a block
    (blocks.list_message): « - » there begins the list itself, which goes
    on the following lines; quotes would only make it a text.
    """
    if value.startswith("-") and form:
        return form
    if value.startswith("?"):
        return f"« ? » suivi d'une espace en début de valeur annonce une clé complexe en YAML : {_QUOTE_HINT} ({quoted(value)})"
    return f"« - » suivi d'une espace en début de valeur annonce une liste en YAML : {_QUOTE_HINT} ({quoted(value)})"


def _document_marker(lines: list[str], line: int, display: str, problem: str) -> DataError:
    """Name the line starting with « ... » or « % » that YAML read as the end of the document or a directive."""
    for number in range(min(line, len(lines)), 0, -1):
        text = lines[number - 1]
        if text.startswith("%"):
            return DataError(
                display,
                number,
                "une ligne ne peut pas commencer par « % » en YAML (elle annoncerait une directive) : "
                f"{_QUOTE_HINT} ({quoted(text.strip())})",
            )
        if text.startswith("..."):
            return DataError(
                display,
                number,
                "« ... » en début de ligne marque la fin du document en YAML : supprimez cette ligne, "
                "ou décalez ce texte sous sa clé, entre guillemets",
            )
    return DataError(display, line, f"YAML illisible ({problem}) : vérifiez cette ligne et celle d'avant")


def _quoted_example(lines: list[str], line: int) -> str:
    """Write the faulty line (1-based) with its value quoted, or a general example when it is not « key: text »."""
    found = re.match(r"\s*([A-Za-z_][\w-]*): +([^\"'].*?)\s*$", lines[line - 1]) if 0 < line <= len(lines) else None
    if not found or ": " not in found.group(2) or len(found.group(2)) > 60:  # noqa: PLR2004 - a readable example
        return 'title: "Formation : bien démarrer"'
    key, value = found.groups()
    if '"' in value:  # single quotes then, where a quote is written twice (YAML 1.1, 7.3.2)
        doubled = value.replace("'", "''")
        return f"{key}: '{doubled}'"
    return f'{key}: "{value}"'


_MISSING_COLON = "deux-points manquant : écrivez « clé: valeur » (ou vérifiez le décalage de la ligne suivante)"
_BLOCK_TEXT = re.compile(r" *(?:- +)?([A-Za-z_][\w-]*): *[|>][-+0-9]*\s*(?:#.*)?")


def _missing_colon(lines: list[str], line: int) -> str:
    """Say « deux-points manquant », or, after the indented lines of a « | » or « > » text, to indent this line too.

    The text of ``key: |`` is its following lines indented more than the
    key (YAML 1.1 section 9.3): a line back at the key's level ends it.
    """
    if not 0 < line <= len(lines):
        return _MISSING_COLON
    indent = len(lines[line - 1]) - len(lines[line - 1].lstrip(" "))
    shown = 0
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        if not text.strip():
            continue
        margin = len(text) - len(text.lstrip(" "))
        if margin > indent:
            shown = margin
            continue
        found = _BLOCK_TEXT.fullmatch(text)
        if shown and found:
            return (
                f"cette ligne continue le texte de '{found.group(1)}' ? décalez-la comme les lignes au-dessus "
                f"({shown} espace{'s' if shown > 1 else ''} devant) ; sinon, écrivez « clé: valeur »"
            )
        break
    return _MISSING_COLON


def _block_on_its_line(lines: list[str], line: int) -> str:
    """Say the form of a key that takes a block (blocks.py) written with a « key: value » value on its line."""
    found = _KEY_LINE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    return block_message(found.group(3)) if found else ""


def _list_on_its_line(lines: list[str], line: int) -> str:
    """Say the form of a key that takes a list or a block (blocks.list_message), its value written on its line."""
    found = _KEY_LINE.match(lines[line - 1]) if 0 < line <= len(lines) else None
    return list_message(found.group(3)) if found else ""


def _key_without_colon(lines: list[str], line: int) -> bool:
    """Tell whether the line before ``line`` (1-based) looks like a key whose colon was forgotten."""
    if line < 2 or line > len(lines):  # noqa: PLR2004 - a previous line is needed
        return False
    previous, current = lines[line - 2], lines[line - 1]
    stripped = previous.strip()
    indent = len(previous) - len(previous.lstrip(" "))
    return (
        bool(stripped)
        and not stripped.startswith(("#", "-"))
        and ":" not in stripped
        and (indent == len(current) - len(current.lstrip(" ")))
    )


_KEY_LINE = re.compile(r"( *)((?:- +)?)([A-Za-z_][\w-]*): +\S")


def _shifted_key(lines: list[str], line: int) -> str:
    """Say how to align the line ``line`` (1-based), a « key: value » shifted right of the key line before it."""
    if line < 2 or line > len(lines):  # noqa: PLR2004 - a previous line is needed
        return ""
    current = _KEY_LINE.match(lines[line - 1])
    above = [text for text in lines[: line - 1] if text.strip() and not text.lstrip().startswith("#")]
    previous = _KEY_LINE.match(above[-1]) if above else None  # comment lines between them do not count
    if not current or not previous or current.group(2):
        return ""
    shift, key_column = len(current.group(1)), len(previous.group(1)) + len(previous.group(2))
    if shift <= key_column:
        return ""
    this, that = lines[line - 1].strip(), above[-1].strip().removeprefix("-").strip()
    before = f"la précédente de {key_column}" if key_column else "la précédente ne l'est pas"
    return (
        f"cette ligne est décalée de {shift} espace{'s' if shift > 1 else ''}, {before} : "
        f"alignez « {this} » sur « {that} » (même nombre d'espaces devant)"
    )


def _escape_problem(lines: list[str], mark, problem: str) -> str:
    """Say which backslash sequence of a double-quoted text YAML cannot read (YAML 1.1 section 5.7), and what to do."""
    text = lines[mark.line] if mark and mark.line < len(lines) else ""
    start = text.rfind("\\", 0, (mark.column if mark else 0) + 1)
    found = (
        re.match(r"\\(?:u[0-9A-Fa-f]{0,4}|U[0-9A-Fa-f]{0,8}|x[0-9A-Fa-f]{0,2}|.?)", text[start:])
        if start >= 0
        else None
    )
    code = found.group() if found else "\\"
    if "invalid Unicode" in problem:  # a half of a UTF-16 pair (\ud800), or beyond U+10FFFF
        return (
            f"caractère impossible « {code} » : ce code ne désigne aucun caractère ; écrivez le caractère "
            "lui-même, ou supprimez ce code"
        )
    return (
        f"« {code} » illisible entre guillemets : une barre oblique inverse y annonce un code ; écrivez le "
        "caractère lui-même, doublez la barre (« \\\\ ») pour l'écrire telle quelle, ou mettez le texte "
        "entre guillemets simples (')"
    )
