"""Markdown from data/ and content/, rendered like Pelican's articles and sanitised; and as plain text."""

from __future__ import annotations

import functools
import re
from urllib.parse import urljoin

import lxml.html
import nh3
from inscriptis.html_engine import Inscriptis
from inscriptis.model.config import ParserConfig
from markdown import Markdown
from markupsafe import Markup

from .data_links import refuse_placeholders
from .kept_texts import recall
from .markdown_reading import setting_key
from .typography import french_html

# Tags and attributes Markdown (with Pelican's default extensions) produces.
_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start"},
}
_SCHEMES = {"http", "https", "mailto", "tel"}


# Elements whose content HTML parses as raw text (or drops): left open, they swallow the rest of the text.
_RAW_TEXT = "script|style|textarea|title|iframe|xmp|noembed|noframes|noscript|plaintext|template"
_RAW_OPEN = re.compile(rf"<({_RAW_TEXT})\b[^>]*>", re.I)


def _escape_unclosed(html: str) -> str:
    """Return HTML with each raw-text start tag that is never closed escaped, so it shows as typed.

    ``Utilisez la balise <style> pour…`` would otherwise make nh3 drop (or
    show as source) everything after the tag; a closed pair keeps nh3's
    treatment (a ``<script>…</script>`` loses its code).
    """

    def escape_if_unclosed(found: re.Match) -> str:
        closed = re.search(rf"</{found.group(1)}\s*>", html[found.end() :], re.I)
        return found.group(0) if closed else "&lt;" + found.group(0)[1:].replace(">", "&gt;")

    return _RAW_OPEN.sub(escape_if_unclosed, html)


def sanitise(html: str, page: str | None = None) -> str:
    """Remove scripts, event handlers and javascript: URLs from HTML.

    A raw-text start tag left open (``<style>``, ``<textarea>``…) is
    escaped first, so the text after it stays (_escape_unclosed). With ``page``
    (its address from the server's root, « /actualites/2026/x/ »), a relative
    ``href`` or ``src`` is written as the address it leads to from there
    (RFC 3986 section 5.2: « ../y/ » → « /actualites/2026/y/ »): the same page
    wherever the HTML is copied (news list, category page, RSS). Links within
    the page (« #note »), Pelican's (« {filename}… ») and others' stay.
    """
    return nh3.clean(
        _escape_unclosed(html),
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel=None,
        filter_style_properties={"text-align"},
        attribute_filter=functools.partial(_rooted, page) if page else None,
    )


_NOT_RELATIVE = re.compile(r"^\s*(?:$|[/#{|]|[A-Za-z][A-Za-z0-9+.-]*:)")


def _rooted(page: str, tag: str, attribute: str, value: str) -> str:
    """Return a relative ``href`` or ``src`` (nh3's attribute_filter) as the address it leads to from ``page``."""
    if attribute not in ("href", "src") or _NOT_RELATIVE.match(value):
        return value
    return urljoin(page, value.strip())


_TEXT_CONFIG = ParserConfig(display_links=False, display_images=False)
_SCHEME_SHOWN = re.compile(r"^(mailto|tel):", re.I)


def plain_text(html: str, base: str | None = None) -> str:
    """Return the text a browser shows of sanitised HTML, each link's address written out.

    With ``base`` (the address of the page the HTML is on), a relative link is
    written out as the address it leads to (RFC 3986 section 5.2: « ../x/ » on
    https://lieu.fr/agenda/a/ is https://lieu.fr/agenda/x/), never as typed.

    Rendered by inscriptis (blocks, line breaks, lists and tables laid
    out as text; never Markdown). A link reads "texte (https://…)", its
    address after its text unless the text already is the address
    (``mailto:``/``tel:`` shown without the scheme). Trailing spaces and
    runs of blank lines are dropped; an empty or blank document gives "".
    Links within the page (footnotes) are not written out, and a text that
    reads as a tag (« <b> », typed as « &lt;b&gt; ») is shown « ‹b› »: some
    calendar clients render a DESCRIPTION as HTML (RFC 5545 says plain text).
    Source of the rule: SPEC section 3 ("the feed's DESCRIPTION is plain
    text, links written out").
    """
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="body")
    for link in root.iter("a"):
        address = (link.get("href") or "").strip()
        if address.startswith("#"):  # within the page (footnotes): nothing to follow in a calendar
            if "footnote-backref" in (link.get("class") or ""):
                link.text = ""  # the « ↩ » back to the text
            continue
        address = urljoin(base, address) if base and address else address
        shown = _SCHEME_SHOWN.sub("", address)
        if shown and " ".join(link.text_content().split()) not in (address, shown):
            link.tail = f" ({shown})" + (link.tail or "")
    text = Inscriptis(root, _TEXT_CONFIG).get_text()
    lines = [line.rstrip() for line in text.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return untagged(text)


_TAG_LIKE = re.compile(r"<(/?[A-Za-z!?][^<>]*)>")


def untagged(text: str) -> str:
    """Return plain text with what reads as a tag (« <b> ») shown « ‹b› »: its words kept, never a tag a client might render.

    Some calendar clients render a DESCRIPTION as HTML (RFC 5545 says plain
    text); SPEC section 3: never Markdown or HTML source in it.
    """
    return _TAG_LIKE.sub(r"‹\1›", text)


MAX_BRACKET_SCAN = 1_000_000
"""Characters Python-Markdown may scan for closing brackets in one text (about half a second).

Python-Markdown's link, image and reference patterns
(markdown.inlinepatterns.LinkInlineProcessor.getText, 3.x) scan from each
« [ » to its closing « ] », or to the end of the paragraph when there is
none: a paragraph of n unclosed « [ » costs n²/2 characters (« [a » × 8000,
16 kB: 32 million, about a minute). Ordinary texts scan a few thousand.
"""
_BRACKET = re.compile(r"\\.|[\[\]]", re.S)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@functools.lru_cache(maxsize=4096)  # pure; the preview checks every text again at each save
def bracket_problem(text: str) -> tuple[int, str] | None:
    """Return (line in ``text``, French message) when its brackets would make rendering slow, else None.

    The scan Python-Markdown would do (MAX_BRACKET_SCAN) is counted per
    paragraph (text between blank lines), escaped « \\[ » aside: each matched
    « [ » costs the distance to its « ] », an unclosed one the rest of its
    paragraph. The line is that of the first unclosed « [ » (else the first « [ »). Linear in ``len(text)``.
    """
    cost, unclosed, first = 0, [], None
    breaks = list(_PARAGRAPH_BREAK.finditer(text))
    for begin, end in zip([0] + [m.end() for m in breaks], [m.start() for m in breaks] + [len(text)], strict=True):
        opened: list[int] = []
        for match in _BRACKET.finditer(text, begin, end):
            if match.group() == "[":
                opened.append(match.start())
                first = match.start() if first is None else first
            elif match.group() == "]" and opened:
                cost += match.start() - opened.pop()
        cost += sum(end - position for position in opened)
        unclosed += opened
    if cost <= MAX_BRACKET_SCAN:
        return None
    advice = "ce texte serait trop long à mettre en forme ; écrivez « \\[ » pour un crochet seul"
    if not unclosed:
        return text.count("\n", 0, first) + 1, f"crochets « [ » imbriqués trop profondément : {advice}"
    count = f"{len(unclosed)} crochets « [ » jamais fermés" if len(unclosed) > 1 else "un crochet « [ » jamais fermé"
    return text.count("\n", 0, unclosed[0]) + 1, f"{count} par « ] » : {advice}, ou fermez-les"


FOOTNOTES = {"BACKLINK_TITLE": "Revenir à l'appel de note {} dans le texte"}
"""Python-Markdown's footnotes settings in French (its default title: « Jump back to footnote 1 in the text »)."""
_FOOTNOTES = ("markdown.extensions.footnotes", "footnotes")
_EXTRA = ("markdown.extensions.extra", "extra")


def french_footnotes(settings: dict) -> None:
    """Set MARKDOWN so that footnotes' back-links are titled in French (``FOOTNOTES``), where footnotes are on.

    Articles and pages (Pelican's Markdown reader) and data descriptions (``MarkdownRenderer``) read the
    same MARKDOWN: its footnotes extension, or the one « extra » loads (configured under its « footnotes »).
    A title the site's settings give is kept. Raises nothing.
    """
    options = dict(settings.get("MARKDOWN") or {})
    configs = {name: dict(config or {}) for name, config in (options.get("extension_configs") or {}).items()}
    named = {name for name in options.get("extensions", []) if isinstance(name, str)} | set(configs)
    for name in named & {*_FOOTNOTES, *_EXTRA}:
        config = configs.setdefault(name, {})
        if name in _EXTRA:
            config["footnotes"] = config = {**FOOTNOTES, **(config.get("footnotes") or {})}
        else:
            config.update({**FOOTNOTES, **config})
    settings["MARKDOWN"] = {**options, "extension_configs": configs}


class MarkdownRenderer:
    """Render Markdown text with the site's MARKDOWN settings, then sanitise it."""

    def __init__(self, settings: dict):
        options = settings.get("MARKDOWN") or {}
        configs = options.get("extension_configs", {})
        # As Pelican's reader: each configured extension is loaded (Pelican's default: extra, so tables).
        extensions = list(options.get("extensions", []))
        extensions += [name for name in configs if name not in extensions]
        output = options.get("output_format", "html5")
        self._md = Markdown(extensions=extensions, extension_configs=configs, output_format=output)
        self._setting = setting_key(options)
        self._cache: dict[str, Markup] = {}
        self._texts: dict[tuple[str, str | None], str] = {}

    def remember(self, rendered: dict[str, Markup]) -> None:
        """Take Markdown rendered elsewhere (the background process) as already done."""
        self._cache.update(rendered)

    def __call__(self, text: str | None) -> Markup:
        """Return safe HTML for a Markdown text (empty for None); raise DataErrors on a « {filename} » link."""
        if not text:
            return Markup("")
        if text not in self._cache:
            # Kept from one build to the next (kept_texts.py); refuse_placeholders raises before anything is kept.
            html = recall(("data markdown", self._setting, text), lambda: self._html(text))
            self._cache[text] = Markup(html)
        return self._cache[text]

    def _html(self, text: str) -> str:
        return french_html(refuse_placeholders(sanitise(self.unsanitised(text))))

    def unsanitised(self, text: str) -> str:
        """Return the HTML Markdown makes of ``text`` before sanitising: what was written, for checks."""
        return self._md.reset().convert(text)

    def text(self, source: str | None, base: str | None = None) -> str:
        """Return a Markdown text as the plain text its page shows (plain_text of its HTML; "" for None).

        ``base`` is the address of that page: relative links are written out from it (plain_text)."""
        if not source:
            return ""
        if (source, base) not in self._texts:
            parts = ("plain text", self._setting, source, base)
            self._texts[source, base] = recall(parts, lambda: plain_text(str(self(source)), base))
        return self._texts[source, base]
