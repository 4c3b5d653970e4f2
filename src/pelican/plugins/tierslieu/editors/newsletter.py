"""The month's programme by e-mail: an HTML file mail clients render, and its plain-text twin.

Both come from the data of the printable programme (agenda_pages: the
month's occurrences, each series once, ``group_series``) and the production
settings, so every link is absolute under the production SITEURL. The HTML
follows what mail clients need (Campaign Monitor's CSS support guide,
caniemail.com): a 600-pixel table layout, inline styles only, no script,
images with their width and height. The unsubscribe link belongs to the
mailing tool: the file leaves a marked place for it (UNSUBSCRIBE_MARK).
"""

from __future__ import annotations

import os
import re
from datetime import date

from jinja2 import Environment, FileSystemLoader, select_autoescape
from PIL import Image

from pelican.plugins.tierslieu.agenda_pages import by_month, group_series, month_range
from pelican.plugins.tierslieu.dates import FILTERS, capfirst, format_occurrence, long_date, month_year, of_month
from pelican.plugins.tierslieu.editors.letter_folder import OutputError, check_output
from pelican.plugins.tierslieu.model.fields import FIRST_YEAR, LAST_YEAR
from pelican.plugins.tierslieu.series import describe, occurrence_days
from pelican.plugins.tierslieu.site import SiteData, sort_instant

UNSUBSCRIBE_MARK = "[[LIEN_DE_DESINSCRIPTION]]"
"""Replace it with the mailing tool's own tag (Brevo: {{ unsubscribe }}, Mailchimp: *|UNSUB|*)."""
WIDTH = 600
"""Width of the message in pixels: what mail clients show without scrolling (Litmus, Campaign Monitor)."""
IMAGE_WIDTH = 552  # the message's width less its margins
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class NewsletterError(ValueError):
    """A month the task cannot write (told in French)."""


def parse_month(text: str) -> date:
    """Return the first day of the month ``AAAA-MM`` (NewsletterError otherwise, and for a year data refuses).

    The years are those of data files' dates (model/fields.py: FIRST_YEAR to LAST_YEAR).
    """
    match = _MONTH.match(text.strip())
    if not match or not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
        raise NewsletterError(f"mois attendu au format AAAA-MM (par exemple 2027-03), reçu « {text} »")
    return date(int(match.group(1)), int(match.group(2)), 1)


def check_month(site: SiteData, month: date) -> None:
    """Raise NewsletterError when ``month`` has no printable programme page, which the letter links to.

    The site has one for each month of its agenda: this one to the horizon (agenda_pages.month_range).
    """
    months = month_range(site)
    if month not in months:
        raise NewsletterError(
            f"pas de programme en ligne pour {month_year(month)} : la lettre y renverrait ; "
            f"le site en publie {of_month(months[0])} à {month_year(months[-1])} "
            f"(« invoke newsletter {months[0]:%Y-%m} » à « invoke newsletter {months[-1]:%Y-%m} »)"
        )


def newsletter_items(site: SiteData, month: date, content: str) -> list[dict]:
    """Return the lines of a month's programme, as the printable programme has them, with absolute links.

    ``content`` is Pelican's content folder (PATH), where event images are.
    """
    pairs = sorted(
        ((occurrence, event) for event in site.events for occurrence in event.occurrences),
        key=lambda pair: (sort_instant(pair[0].start, site.timezone), pair[1].slug),
    )
    pairs = dict(by_month(pairs, site, month, month)).get(month, [])
    items = []
    for item in group_series(pairs):
        if hasattr(item, "occurrences"):
            event = item.event
            days = occurrence_days(item.occurrences, event, zone=site.timezone)
            when = f"{capfirst(describe(event.data, brief=True, zone=site.timezone))} : {days}"
            label = event.data.status.label  # a whole series postponed or to be confirmed; its cancelled dates are said
        else:
            occurrence, event = item
            when = capfirst(format_occurrence(occurrence, site.timezone)).replace("\u00a0", " ")
            if occurrence.moved:  # as the agenda says it (macros.html)
                when += f" (déplacé, au lieu du {long_date(occurrence.original)})".replace("\u00a0", " ")
            label = occurrence.status.label  # « annulé », « reporté », « à confirmer », as on the event's page
        items.append(_item(event, when, label or ("complet" if event.data.full else ""), site, content))
    return items


def _item(event, when: str, label: str, site: SiteData, content: str) -> dict:
    data = event.data
    where = "En ligne" if data.online_only else data.location or site.venue.name
    return {
        "title": data.title,
        "when": when,
        "label": label,
        "summary": data.summary or "",
        "where": where,
        "price": data.price or "",
        "sessions": len(event.sessions),
        "url": site.urls.absolute(event.url),
        "image": _image(data.image, data.image_alt, site, content),
    }


def _image(path: str | None, alt: str | None, site: SiteData, content: str) -> dict | None:
    """Return an event's image at IMAGE_WIDTH with its height (mail clients need both), or None."""
    if not path:
        return None
    source = os.path.join(content, path)
    try:
        with Image.open(source) as image:
            width, height = image.size
    except OSError:
        return None
    return {
        "src": site.urls.absolute(path),
        "width": IMAGE_WIDTH,
        "height": round(height * IMAGE_WIDTH / width),
        "alt": alt or "",
    }


def render_newsletter(site: SiteData, month: date, templates: str, content: str) -> tuple[str, str]:
    """Return the HTML and the plain text of the month's programme, from the theme's ``newsletter/`` templates."""
    environment = Environment(
        loader=FileSystemLoader(templates), autoescape=select_autoescape(["html"]), keep_trailing_newline=True
    )
    environment.filters.update(FILTERS)
    context = {
        "venue": site.venue,
        "month_title": f"Programme {of_month(month)}",
        "items": newsletter_items(site, month, content),
        "online": site.urls.absolute(site.urls.programme(month).url),
        "agenda": site.urls.absolute(site.urls.page("agenda").url),
        "home": site.urls.absolute(""),
        "unsubscribe": UNSUBSCRIBE_MARK,
        "width": WIDTH,
    }
    html = environment.get_template("newsletter/email.html").render(context)
    text = environment.get_template("newsletter/email.txt").render(context)
    return html, text


def write_newsletter(site: SiteData, month: date, settings: dict, folder: str) -> list[str]:
    """Write ``<folder>/programme-AAAA-MM.html`` and ``.txt`` from Pelican's ``settings``; return their paths.

    Raises NewsletterError, before writing anything, for a month without a programme page (``check_month``)
    or a folder the letter must not go into (letter_folder.check_output).
    """
    try:
        check_output(folder, settings)
    except OutputError as error:
        raise NewsletterError(str(error)) from None
    check_month(site, month)
    os.makedirs(folder, exist_ok=True)
    templates = os.path.join(settings["THEME"], "templates")
    html, text = render_newsletter(site, month, templates, settings["PATH"])
    paths = []
    for suffix, body in ((".html", html), (".txt", text)):
        path = os.path.join(folder, f"programme-{month:%Y-%m}{suffix}")
        with open(path, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(body)
        paths.append(path)
    return paths
