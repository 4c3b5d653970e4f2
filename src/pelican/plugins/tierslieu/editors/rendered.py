"""The links of an editor's text as its page will have them, and the source line each is written on (links.py).

A text is read from the HTML Python-Markdown makes of it (markup.MarkdownRenderer), so that every form of
link the page shows is seen: inline (« [x](/a/) »), by reference (« [x][r] » with « [r]: /a/ »), images of
both forms, autolinks (« <https://…> ») and raw HTML (« <a href> », « <img src> »); code is no link.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html


def rendered_links(html: str) -> list[tuple[bool, str]]:
    """Return (whether an image, address) for each ``a[href]`` and ``img[src]`` of ``html``, in order.

    Attributes are read by lxml's HTML parser (entities decoded, surrounding spaces dropped, as browsers
    do: HTML Living Standard, « valid URL potentially surrounded by spaces »). Raises nothing.
    """
    if not html.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):  # nothing a parser makes an element of
        return []
    found = []
    for element in root.iter("a", "img"):
        address = (element.get("href" if element.tag == "a" else "src") or "").strip()
        if address:
            found.append((element.tag == "img", address))
    return found


def source_lines(lines: list[str], addresses: list[str]) -> list[int]:
    """Return, for each of ``addresses`` in order, the 1-based number of the line of ``lines`` it is written on.

    The n-th time an address is met is its n-th writing in the source (an address written as a whole:
    between spaces, brackets, angle brackets or quotes); a reference used twice is its definition's line
    each time. An address not found as written (an entity in raw HTML) is on the first line.
    """
    seen: dict[str, int] = {}
    numbers = []
    for address in addresses:
        written = _written(lines, address)
        index = seen.get(address, 0)
        seen[address] = index + 1
        numbers.append(written[min(index, len(written) - 1)] if written else 1)
    return numbers


def _written(lines: list[str], address: str) -> list[int]:
    """Return the line number of each writing of ``address`` in ``lines``, once per writing."""
    whole = re.compile(r"(?<![^\s(<\"'=])" + re.escape(address) + r"(?![^\s)>\"'#])")
    return [number for number, line in enumerate(lines, start=1) for _ in whole.finditer(line)]
