"""French typography: no-break spaces before « ; : ! ? » and inside « guillemets »."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

NARROW = "\u202f"  # before ; ! ? and inside « »
NBSP = "\u00a0"  # before :
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_RAW = re.compile(r"^<(/?)(code|pre|kbd|script|style)\b", re.I)


def french_text(text: str) -> str:
    """Put the right no-break spaces in plain text, where the author typed a space."""
    text = re.sub(r"[ \u00a0\u202f]+([;!?])", NARROW + r"\1", text)
    text = re.sub(r"[ \u00a0\u202f]+:(?=\s|$)", NBSP + ":", text)
    text = re.sub(r"«[ \u00a0\u202f]*", "«" + NARROW, text)
    return re.sub(r"[ \u00a0\u202f]*»", NARROW + "»", text)


def french_html(html: str) -> str:
    """Apply french_text to the text of HTML, leaving tags, code and scripts alone."""
    parts = _TAG_OR_TEXT.split(html)
    depth = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            match = _RAW.match(part)
            if match:
                depth += -1 if match.group(1) else 1
        elif depth == 0 and part:
            parts[index] = french_text(part)
    return "".join(parts)


def french_filter(value) -> Markup:
    """Jinja filter: escape plain text (or keep safe HTML), then fix its typography."""
    if isinstance(value, Markup):
        return Markup(french_html(str(value)))
    return Markup(french_text(str(escape(value))))
