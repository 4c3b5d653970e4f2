"""Raw HTML nested too deep for Python-Markdown, found before it runs (as markup.bracket_problem)."""

from __future__ import annotations

import functools
import re
from collections import Counter

from .model.texts import french_number

MAX_HTML_NESTING = 100
"""Levels of HTML elements open one inside another a Markdown text may have; no real article needs as many.

Python-Markdown's raw-HTML handling (markdown.extensions.md_in_html and its
inline treeprocessor, 3.x) grows faster than the depth: « <b> » typed
100 000 times (300 kB) kept ``invoke check`` busy 71 s and the build 93 s,
50 000 nested « <div>…</div> » 38 s.
"""
# A start or end tag: « <b> », « <div class="x"> », « </b> », « <br/> »; never an autolink (« <https://…> »,
# « <nom@lieu.fr> »). Linear: « [^<>]* » stops at the next « < ».
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])([^<>]*)>")
# Elements that hold nothing (HTML Standard, section 13.1.2 « void elements »): never open.
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements whose end tag may be left out (HTML Standard, section 13.1.2.4): a sibling of the same name closes them.
_OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rp", "rt", "thead", "tbody", "tfoot"}


@functools.lru_cache(maxsize=4096)  # pure; the preview checks every text again at each save
def html_nesting_problem(text: str) -> tuple[int, str] | None:
    """Return (line in ``text``, French message) when its HTML tags nest over MAX_HTML_NESTING levels, else None.

    Tags are counted as a browser would, loosely: a void element (« <br> »)
    or a self-closed tag (« <x/> ») opens nothing; an end tag closes the
    elements opened since its start tag (a stray one is ignored); a « <p> »
    or « <li> » after an open one of the same name closes it. The line is
    that of the tag that goes past the bound; the message names the tag
    most often open at once. Linear in the length of ``text``.
    """
    opened: list[str] = []
    count: Counter[str] = Counter()
    most: Counter[str] = Counter()
    past = None
    for tag in _TAG.finditer(text):
        closing, name, rest = tag.group(1), tag.group(2).lower(), tag.group(3)
        if closing:
            while count[name]:
                top = opened.pop()
                count[top] -= 1
                if top == name:
                    break
            continue
        if name in _VOID or rest.rstrip().endswith("/"):
            continue
        if name in _OPTIONAL_END and opened and opened[-1] == name:
            continue  # the sibling replaces the one open
        opened.append(name)
        count[name] += 1
        most[name] = max(most[name], count[name])
        if past is None and len(opened) > MAX_HTML_NESTING:
            past = tag.start()
    if past is None:
        return None
    name, times = most.most_common(1)[0]
    fate = "sans être fermée" if count[name] == times else "avant d'être fermée"
    return text.count("\n", 0, past) + 1, (
        f"balises HTML imbriquées sur plus de {MAX_HTML_NESTING} niveaux (« <{name}> » ouverte "
        f"{french_number(times)} fois {fate}) : ce texte serait trop long à mettre en forme ; fermez les balises"
    )
