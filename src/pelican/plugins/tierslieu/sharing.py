"""Share an event without trackers: plain links to WhatsApp, LinkedIn and e-mail (no script, no request until clicked).

The addresses are the services' own documented share links: WhatsApp's
click to chat (https://faq.whatsapp.com/5913398998672934, ``wa.me/?text=``),
LinkedIn's share URL (``/sharing/share-offsite/?url=``) and a ``mailto:``
with subject and body (RFC 6068). Nothing is loaded from these hosts when
the page is shown (SPEC section 3).
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from .dates import format_occurrence
from .series import describe


def share_links(event, occurrence, site) -> dict[str, str]:
    """Return the page's absolute address (``url``) and its ``whatsapp``, ``linkedin`` and ``email`` share links."""
    url = site.urls.absolute(event.url)
    when = format_occurrence(occurrence, site.timezone).replace("\u00a0", " ")
    if event.is_series:
        when = describe(event.data, brief=True, zone=site.timezone)
    text = f"{event.data.title} — {when}"
    body = f"{text}\n{event.data.summary or ''}\n{url}".replace("\n\n", "\n")
    return {
        "url": url,
        "whatsapp": "https://wa.me/?" + urlencode({"text": f"{text} {url}"}, quote_via=quote),
        "linkedin": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}, quote_via=quote),
        "email": "mailto:?" + urlencode({"subject": event.data.title, "body": body}, quote_via=quote),
    }
