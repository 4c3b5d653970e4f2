"""Markdown shown as plain text (calendar DESCRIPTION, events RSS): what the page shows, links written out."""

from __future__ import annotations

import pytest

from pelican.plugins.tierslieu.markup import MarkdownRenderer, plain_text

RENDER = MarkdownRenderer({"MARKDOWN": {"extensions": ["markdown.extensions.extra"]}})


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("Un **atelier** *pratique* et `du code`.", "Un atelier pratique et du code."),
        ("Voir [le site](https://ex.org/a).", "Voir le site (https://ex.org/a)."),
        ("Voir <https://ex.org/a>.", "Voir https://ex.org/a."),
        ("Écrire à [Camille](mailto:camille@ex.org).", "Écrire à Camille (camille@ex.org)."),
        ("Appeler le [standard](tel:+33123456789).", "Appeler le standard (+33123456789)."),
        ("Ligne un<br>\nligne deux", "Ligne un\nligne deux"),
        ("Ligne un  \nligne deux", "Ligne un\nligne deux"),
        ("Un.\n\n\n\nDeux.", "Un.\n\nDeux."),
        ("- gants\n- seau", "  * gants\n  * seau"),
        ("1. gants\n2. seau", " 1. gants\n 2. seau"),
        ("## Programme\n\nDu compost.", "Programme\n\nDu compost."),
        ("Avant <script>alert(1)</script> après", "Avant après"),
        ("R&amp;D &lt;b&gt; ![photo](x.png)", "R&D ‹b›"),  # a tag's words, never a tag (markup.plain_text)
        ("", ""),
    ],
)
def test_markdown_becomes_the_text_its_page_shows(markdown, text):
    assert RENDER.text(markdown) == text


def test_plain_text_of_html_writes_each_address_once():
    html = '<p><a href="https://ex.org">https://ex.org</a> et <a href="https://ex.org/b">\n  B  </a></p>'
    assert plain_text(html) == "https://ex.org et B (https://ex.org/b)"
    assert plain_text("  \n ") == ""
