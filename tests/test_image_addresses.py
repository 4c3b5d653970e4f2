"""Images the sanitiser would publish broken: a « data: » address, another scheme, an <img> without src.

markup.sanitise keeps only http(s), mailto and tel addresses and drops
``srcset``: each such image is refused at its line, check and build alike
(remote_images.image_problem), in an article and in a data text.
"""

from __future__ import annotations

from test_trial_sixth import refused

DATA = "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMTIpPg=="
EMBEDDED = (
    "image intégrée au texte (« data:image/svg+xml;base64,PHN2… ») : enregistrez-la dans content/images/ "
    "et liez-la avec « {cite}/images/son-nom.png »"
)
REFUSED = (
    "adresse d'image refusée « {address} » : le site ne publierait qu'une image cassée ; "
    "enregistrez l'image dans content/images/ et liez-la avec « {cite}/images/son-nom.png »"
)
NO_SOURCE = (
    "image sans adresse (src) : le site publierait une image cassée (srcset seul n'est pas gardé) ; "
    "donnez le chemin de son fichier, « {cite}/images/son-nom.png »"
)


def test_broken_images_of_an_article_are_refused_at_their_lines(site_copy, capsys, tmp_path):
    article = (
        "Title: Pièges\nDate: 2026-11-20 10:00\n\n"
        f"![img data]({DATA})\n\n"  # 4
        '<img srcset="javascript:alert(6) 1x" alt="srcset">\n\n'  # 6
        "![img js](javascript:alert(11))\n\n"  # 8
        '<img alt="x" src="vbscript:msgbox(1)"> ![f](<file:///etc/passwd> "titre")\n\n'  # 10
        "![vide]()\n\n"  # 12
        "![r][piege]\n\n[piege]: JavaScript:alert(2)\n\n"  # 16
        "`![code](javascript:x)`\n"
    )
    (site_copy / "content/2026-11-20-pieges.md").write_text(article, "utf-8")
    static = "{static}"
    assert refused(site_copy, capsys, tmp_path) == [
        f"content/2026-11-20-pieges.md:{line}: {message}"
        for line, message in (
            (4, EMBEDDED.format(cite=static)),
            (6, NO_SOURCE.format(cite=static)),
            (8, REFUSED.format(address="javascript:alert(11)", cite=static)),
            (10, REFUSED.format(address="file:///etc/passwd", cite=static)),
            (10, REFUSED.format(address="vbscript:msgbox(1)", cite=static)),
            (12, NO_SOURCE.format(cite=static)),
            (16, REFUSED.format(address="JavaScript:alert(2)", cite=static)),
        )
    ]


def test_broken_images_of_an_event_description_are_refused_at_their_lines(site_copy, capsys, tmp_path):
    event = (
        "title: Atelier\nstart: 2027-02-03 10:00\ndescription: |\n  Voir.\n\n"
        f"  ![img data]({DATA})\n\n"  # 6
        "  ![img js](javascript:alert(11))\n\n"  # 8
        '  <img srcset="/images/a.jpg 1x" alt="srcset">\n'  # 10
    )
    (site_copy / "data/events/zz.yaml").write_text(event, "utf-8")
    assert refused(site_copy, capsys, tmp_path) == [
        f"data/events/zz.yaml:6: {EMBEDDED.format(cite='')}",
        f"data/events/zz.yaml:8: {REFUSED.format(address='javascript:alert(11)', cite='')}",
        f"data/events/zz.yaml:10: {NO_SOURCE.format(cite='')}",
    ]
