"""An attacker trial of editors' data and content: what would mislead visitors is refused in French, or made true.

A free event that names a price, bidirectional overrides in titles, an
identifier told as a file name, look-alike letters dropped from a
suggested name, hidden articles in the sitemap, English footnote titles,
a script as a phone number, and the site's own full address never
checked as a link.
"""

from __future__ import annotations

import pytest
from test_input import check

FREE_AND_PAID = "title: Atelier\nstart: 2027-02-03 10:00\nprice: 25 €\nfree: true\n"
FREE_REFUSED = (
    "data/events/zz.yaml:4: 'free' : l'événement est dit gratuit (free: true) mais 'price' dit « 25 € » : "
    "retirez l'un des deux"
)


def test_a_free_event_with_a_paid_price_is_refused_at_its_free_line(site_copy, capsys):
    """The page would say « 25 € » and the JSON-LD offer price 0 (structured.py)."""
    (site_copy / "data/events/zz.yaml").write_text(FREE_AND_PAID, encoding="utf-8")
    assert check(site_copy, capsys) == [FREE_REFUSED]


@pytest.mark.parametrize("price", ["Gratuit", "Entrée libre", "0 €", "Gratuit pour les 2 premiers"])
def test_a_free_event_whose_price_names_no_amount_is_accepted(site_copy, capsys, price):
    text = f"title: Atelier\nstart: 2027-02-03 10:00\nprice: {price}\nfree: true\n"
    (site_copy / "data/events/zz.yaml").write_text(text, encoding="utf-8")
    assert check(site_copy, capsys) == []
