"""An attacker trial of links `invoke check` did not see: every form the page shows is checked, as it is rendered.

Reference links and images (« [x][r] », « ![x][r] » with « [r]: … »), raw HTML (« <a href> », « <img src> »),
autolinks (« <https://…> ») in articles and data texts, and the URL fields of data (« registration: »,
« online: », « website: ») that point at the site itself. A link is told at the line its address is written
on (a reference's definition); a data text's at its field's line, as for inline links.
"""

from __future__ import annotations

from conftest import ROOT, write_files
from PIL import Image

from pelican.plugins.tierslieu.editors.checking import run_check

ARTICLE = """\
    Title: Z
    Date: 2026-10-05 10:00

    Voir [lien ref][r2] et [la pépite][r3].

    Une image ![alt][r].

    <a href="/agenda/nexistepas/">a</a> et <img src="/images/absente.jpg" alt="x">

    <https://coworkingjp.example.org/agenda/nexistepas/>

    Bons : [salon][ok], <a href="/agenda/salon-artisans/">s</a>, <https://coworkingjp.example.org/pepites/repair/>.
    Et ![ok][img], <img src="/images/ok.png" alt="ok">, `<a href="/dans/du/code/">`.

    [r2]: ../../../agenda/nexistepas/
    [r3]: /pepites/personne/
    [r]: ../../../images/nope.png "t"
    [ok]: ../../../agenda/salon-artisans/
    [img]: /images/ok.png
    """
EVENT = """\
    title: Atelier
    start: 2027-02-03 10:00
    registration: https://coworkingjp.example.org/agenda/inexistant/
    online: https://coworkingjp.example.org/agenda/salon-artisans/?depuis=zz
    description: |
      Voir [lien ref][r2], ![alt][r], <a href="/agenda/nexistepas/">a</a>, <img src="/images/absente.jpg" alt="x">,
      <https://coworkingjp.example.org/agenda/nexistepas/> ; bons : [salon][ok], <a href="/pepites/repair/">r</a>.

      [r2]: ../../../agenda/nexistepas/
      [r]: ../../../images/nope.png "t"
      [ok]: ../salon-artisans/
    """
PEPITE = """\
    name: Zoé Zed
    trade: Potière
    website: https://coworkingjp.example.org/pepites/inexistant/
    bio: "[ici][r3]\\n\\n[r3]: /pepites/personne/"
    """
SIBLING = "name: Yves\ntrade: Potier\nwebsite: https://coworkingjp.example.org/pepites/repair/\n"


def _check(site, capsys) -> tuple[int, list[str], list[str]]:
    """Run `invoke check` with both settings files (their own SITEURL); return status, advice and errors."""
    from pelican.settings import read_settings  # noqa: PLC0415 - Pelican's settings reader is slow to import

    override = {"PATH": str(site / "content"), "DATA_PATH": str(site / "data"), "TIERSLIEU_BUILD_DATE": "2026-11-24"}
    capsys.readouterr()
    status = run_check(
        [read_settings(str(ROOT / name), override=override) for name in ("pelicanconf.py", "publishconf.py")]
    )
    out, err = capsys.readouterr()
    return status, [line.replace(f"{site}/", "") for line in out.splitlines()], err.replace(f"{site}/", "")


def test_reference_html_and_autolinks_and_own_url_fields_are_checked(site_copy, capsys):
    # The reference image is an error (next test) that would hold the advice back: an existing one in its place.
    article = ARTICLE.replace("![alt][r]", "![ok][img]")
    write_files(site_copy, {"content/zz.md": article, "data/events/zz.yaml": EVENT, "data/pepites/zz.yaml": PEPITE})
    (site_copy / "data/pepites/yy.yaml").write_text(SIBLING, encoding="utf-8")
    (site_copy / "content/images").mkdir()
    Image.new("RGB", (4, 4), "red").save(site_copy / "content/images/ok.png")
    status, out, err = _check(site_copy, capsys)
    told = "attention : lien cassé vers « {} »"
    assert sorted(line for line in out if "lien cassé" in line) == sorted(
        [
            f"content/zz.md:8: {told.format('/agenda/nexistepas/')}",
            f"content/zz.md:8: {told.format('/images/absente.jpg')}",
            f"content/zz.md:10: {told.format('https://coworkingjp.example.org/agenda/nexistepas/')}",
            f"content/zz.md:15: {told.format('../../../agenda/nexistepas/')}",
            f"content/zz.md:16: {told.format('/pepites/personne/')}",
            f"data/events/zz.yaml:3: {told.format('https://coworkingjp.example.org/agenda/inexistant/')}",
            f"data/events/zz.yaml:9: {told.format('../../../agenda/nexistepas/')}",
            f"data/events/zz.yaml:10: {told.format('../../../images/nope.png')}",
            f"data/events/zz.yaml:6: {told.format('/agenda/nexistepas/')}",
            f"data/events/zz.yaml:6: {told.format('/images/absente.jpg')}",
            f"data/events/zz.yaml:7: {told.format('https://coworkingjp.example.org/agenda/nexistepas/')}",
            f"data/pepites/zz.yaml:3: {told.format('https://coworkingjp.example.org/pepites/inexistant/')}",
            f"data/pepites/zz.yaml:4: {told.format('/pepites/personne/')}",
        ]
    )
    assert status == 0 and err == ""


def test_a_reference_image_by_a_plain_path_is_refused_as_its_inline_form(site_copy, capsys):
    """« ![alt][r] » with « [r]: ../../../images/nope.png "t" » is a broken image on the page: refused at the definition."""
    write_files(site_copy, {"content/zz.md": ARTICLE})
    status, _, err = _check(site_copy, capsys)
    assert status == 1
    assert err.splitlines()[0] == (
        "content/zz.md:17: image introuvable « ../../../images/nope.png » : aucun fichier à ce chemin "
        "(relatif au dossier du fichier) ; mettez l'image dans content/images/ et liez-la avec "
        "« {static}/images/son-nom.jpg »"
    )
