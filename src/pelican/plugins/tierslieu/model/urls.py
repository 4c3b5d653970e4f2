"""The addresses editors give (``registration``, ``website``, links' ``url``…): http(s), mailto and tel only.

Every one is published as a link: the rules keep what a visitor's
browser would show, follow or leak (RFC 3986 sections 2, 3.2).
"""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit, urlunsplit

from pydantic import BeforeValidator, WithJsonSchema

from .fields import _fail, _text
from .texts import hidden_in_address

URL_SCHEMES = ("http", "https", "mailto", "tel")
TEL_PATTERN = r"tel:\+?[0-9.()\-]*[0-9][0-9.()\-]*"
"""A tel: URL: a phone number as phones.PHONE_PATTERN (no space, as no URL), a digit at least (RFC 3966)."""
FORBIDDEN = '<>"`'
"""Characters no address holds (RFC 3986 appendix C: they delimit addresses in texts); « <script> » is one."""
_MAX_PORT = 65535


def parse_url(value) -> str:
    """Accept http(s), mailto and tel (``TEL_PATTERN``) URLs only; PydanticCustomError ``url_…`` in French.

    Refused: another scheme, an http(s) address without its host, a
    space, a tel: that is not a phone number, a character of ``FORBIDDEN``,
    a user name or password before « @ » (the page would publish them), a
    port that is no number from 1 to 65535, or an address urllib cannot
    read (« https://[::1 »); first, a character shown as nothing
    (``texts.hidden_in_address``: « bil\u200bletterie.example.org » is
    another host than it looks, a trap), PydanticCustomError ``hidden_character``.
    """
    text = _text(value)
    if hidden := hidden_in_address(text):
        raise _fail("hidden_character", hidden)
    if not re.match(r"^(https?://|mailto:|tel:)", text):
        raise _fail(
            "url_scheme",
            "adresse « {value} » refusée : elle doit commencer par https://, http://, mailto: ou tel:",
            value=text,
        )
    try:
        parts = urlsplit(text)
    except ValueError:  # « https://[::1 »: an unclosed IPv6 bracket
        raise _fail("url_unreadable", "adresse « {value} » illisible : vérifiez le nom du site", value=text) from None
    if parts.scheme in ("http", "https") and not parts.netloc:
        raise _fail("url_host", "adresse « {value} » incomplète : le nom du site manque", value=text)
    if any(char.isspace() for char in text):
        raise _fail("url_space", "adresse « {value} » invalide : elle contient une espace", value=text)
    if text.startswith("tel:") and not re.fullmatch(TEL_PATTERN, text):
        message = "adresse « {value} » invalide : après « tel: », écrivez seulement un numéro de téléphone "
        message += "(chiffres, et si besoin points, tirets, parenthèses, un + au début) : « tel:+33199002760 »"
        raise _fail("url_tel", message, value=text)
    if found := next((char for char in text if char in FORBIDDEN), None):
        message = "adresse « {value} » invalide : caractère interdit dans une adresse « {char} »"
        raise _fail("url_character", message, value=text, char=found)
    host = parts.netloc.rpartition("@")[2]
    if "@" in parts.netloc:  # never echoed: the message would show the password again
        message = "l'adresse contient un identifiant ou un mot de passe (… @) : retirez-les, ils seraient publiés ; "
        message += "écrivez « {bare} »"
        raise _fail("url_userinfo", message, bare=urlunsplit(parts._replace(netloc=host)))
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 and host.rpartition("]")[2].rpartition(":")[2]:
        message = "adresse « {value} » invalide : port invalide « {port} » (un nombre de 1 à {most}) ; "
        message += "le plus souvent, une adresse n'en a pas : retirez « :{port} »"
        raise _fail("url_port", message, value=text, port=host.rpartition("]")[2].rpartition(":")[2], most=_MAX_PORT)
    return text


_PORT = r"0*(?:[1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d{2}|655[0-2]\d|6553[0-5])"
_HOST = r'(?:[^\s/?#@<>"`\[\]:]+|\[[^\s\]<>"`]+\])'
URL_PATTERN = rf'https?://{_HOST}(?::(?:{_PORT})?)?(?:[/?#][^\s<>"`]*)?|mailto:[^\s<>"`]+|{TEL_PATTERN}'
"""An address ``parse_url`` accepts, for editors' tools (JSON Schema): no user name, a port of 1 to 65535."""

Url = Annotated[str, BeforeValidator(parse_url), WithJsonSchema({"type": "string", "pattern": f"^({URL_PATTERN})$"})]
