"""sitemap.xml of every page the build wrote."""

from __future__ import annotations

import os
from xml.etree import ElementTree

from .urls import web_path

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def listed(context: dict | None) -> bool:
    """Tell whether a page Pelican's writer wrote with ``context`` goes into the sitemap.

    Not a page marked ``noindex`` (embeds, redirections), nor a hidden article or page (« Status: hidden »):
    Pelican leaves those out of its lists and feeds, reachable only by a link given by hand.
    """
    context = context or {}
    shown = (context.get("article"), context.get("page"))
    return not context.get("noindex") and all(getattr(item, "status", None) != "hidden" for item in shown)


def write_sitemap(settings: dict, output: str, pages: set[str]) -> None:
    """Write the sitemap of the HTML pages written (paths relative to the output)."""
    siteurl = (settings.get("SITEURL") or "").rstrip("/")
    skipped = {settings["NOT_FOUND_SAVE_AS"]}
    urls = set()
    for relative in pages:
        if relative.startswith("..") or relative in skipped or not relative.endswith(".html"):
            continue
        urls.add(relative.removesuffix("index.html"))
    root = ElementTree.Element("urlset", xmlns=NAMESPACE)
    for url in sorted(urls):
        entry = ElementTree.SubElement(root, "url")
        ElementTree.SubElement(entry, "loc").text = web_path(f"{siteurl}/{url}")
    tree = ElementTree.ElementTree(root)
    ElementTree.indent(tree)
    tree.write(os.path.join(output, settings["SITEMAP_SAVE_AS"]), encoding="utf-8", xml_declaration=True)
