"""Share links on event pages: plain links, no third-party script or request (SPEC section 3)."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit


def share_section(html: str) -> str:
    return html[
        html.index('<section aria-labelledby="partager"') : html.index("</section>", html.index('id="partager"'))
    ]


def test_an_event_page_offers_whatsapp_linkedin_email_and_its_address(built_site):
    section = share_section(built_site.read("agenda/salon-artisans/index.html"))
    links = {text: unescape(href) for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', section)}
    page = "https://grange.example.org/agenda/salon-artisans/"
    whatsapp = urlsplit(links["WhatsApp"])
    assert (whatsapp.scheme, whatsapp.netloc, whatsapp.path) == ("https", "wa.me", "/")
    assert parse_qs(whatsapp.query)["text"] == [
        f"Salon des artisans — du vendredi 11 décembre 2026 au dimanche 13 décembre 2026 {page}"
    ]
    linkedin = urlsplit(links["LinkedIn"])
    assert linkedin.netloc == "www.linkedin.com" and parse_qs(linkedin.query) == {"url": [page]}
    email = urlsplit(links["Par e-mail"])
    assert email.scheme == "mailto" and parse_qs(email.query)["subject"] == ["Salon des artisans"]
    assert parse_qs(email.query)["body"][0].endswith(page)
    # The copy button is an enhancement: hidden until the script finds the clipboard; the address is written out.
    assert f'<code>{page}</code> <button type="button" class="copy-link" data-url="{page}" hidden>' in section


def test_a_series_is_shared_with_its_rule(built_site):
    section = share_section(built_site.read("agenda/atelier-hebdo/index.html"))
    whatsapp = unescape(re.search(r'<a href="(https://wa.me/[^"]+)"', section).group(1))
    assert parse_qs(urlsplit(whatsapp).query)["text"][0].startswith(
        'Atelier "couture" du mardi — tous les mardis de 18 h 30 à 20 h https://'
    )


def test_sharing_loads_nothing_from_another_host(built_site):
    html = built_site.read("agenda/salon-artisans/index.html")
    loaded = re.findall(r'<(?:script|img|iframe|link)\b[^>]*\b(?:src|href)="([^"]+)"', html)
    assert [
        url for url in loaded if url.startswith(("http:", "https:", "//")) and "grange.example.org" not in url
    ] == []
