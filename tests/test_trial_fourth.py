"""Fourth attacker trial (issue 11), the settings and content side: what passes is published right, the rest refused.

The refusals of content/ files and article headers are in the one-verdict
table (test_verdict.CONTENT_CASES); here: the files that pass are
published and hidden files never are, wrong Pelican settings are French
lines at their place (in process, on the command line), and a
development build starts from an empty output like a publication.
"""

from __future__ import annotations

import pytest
from conftest import ROOT, build, run_build, snapshot
from test_verdict import png_bytes

from pelican.plugins.tierslieu.model.errors import DataErrors

SITEURL_EXPECTED = (
    "une adresse absolue en http:// ou https:// (https://mon-lieu.fr), sans espace, guillemet ni chevron, "
    "ou rien pour des liens relatifs"
)
THEME_EXPECTED = (
    "le dossier du thème du site (« theme »), qui contient templates/base.html et les autres modèles de pages"
)
BAD_SETTINGS = {
    "siteurl-javascript": ("SITEURL", "javascript:alert(1)//", "javascript:alert(1)", SITEURL_EXPECTED),
    "siteurl-markup": ("SITEURL", '"><script>alert(1)</script>', '"><script>alert(1)</script>', SITEURL_EXPECTED),
    "siteurl-space": ("SITEURL", "https://mon lieu.fr", "https://mon lieu.fr", SITEURL_EXPECTED),
    "siteurl-without-host": ("SITEURL", "https://", "https:", SITEURL_EXPECTED),
    "timezone-unknown": (
        "TIMEZONE",
        "Mars/Olympus",
        "Mars/Olympus",
        "un fuseau horaire connu, par exemple Europe/Paris",
    ),
    "timezone-path": (
        "TIMEZONE",
        "../../etc/passwd",
        "../../etc/passwd",
        "un fuseau horaire connu, par exemple Europe/Paris",
    ),
    "lang-markup": ("DEFAULT_LANG", 'fr"><script>', 'fr"><script>', "un code de langue, par exemple fr"),
    "theme-without-templates": ("THEME", "/etc", "/etc", THEME_EXPECTED),
}


def assigned(name: str, key: str) -> str:
    """Return ``name:LINE`` of the line of the project's settings file ``name`` that sets ``key``."""
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return f"{name}:{next(number for number, line in enumerate(lines, 1) if line.startswith(f'{key} = '))}"


def setting_line(key: str, shown: str, expected: str, where: str = "pelicanconf.py:1") -> str:
    """Return the French line that refuses the setting ``key`` (its value shown as ``shown``)."""
    return f"{where}: réglage {key} : valeur {shown!r} invalide ; attendu : {expected}"


@pytest.mark.parametrize(("key", "value", "shown", "expected"), BAD_SETTINGS.values(), ids=BAD_SETTINGS.keys())
def test_a_wrong_pelican_setting_is_refused_in_french(site_copy, tmp_path, key, value, shown, expected):
    override = {"siteurl": value} if key == "SITEURL" else {key: value}
    with pytest.raises(DataErrors) as refused:
        build(site_copy, tmp_path / "out", "publishconf.py", **override)
    # Given on the command line (here, as -e), the value is told at the settings file that names the key.
    where = assigned("publishconf.py" if key == "SITEURL" else "pelicanconf.py", key)
    assert [str(error) for error in refused.value.errors] == [setting_line(key, shown, expected, where)]
    assert not (tmp_path / "out").exists()


def test_an_unknown_time_zone_on_the_command_line_is_one_line_without_traceback(site_copy, tmp_path):
    result = run_build(site_copy, tmp_path / "out", extra=["-e", 'TIMEZONE="Mars/Olympus"'])
    assert result.returncode == 1
    where = assigned("pelicanconf.py", "TIMEZONE")
    assert result.stderr.splitlines()[:2] == [
        setting_line("TIMEZONE", "Mars/Olympus", "un fuseau horaire connu, par exemple Europe/Paris", where),
        "1 erreur dans les réglages ; le site n'a pas été reconstruit.",
    ]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_theme_without_our_templates_on_the_command_line_is_one_line_without_traceback(site_copy, tmp_path):
    result = run_build(site_copy, tmp_path / "out", "publishconf.py", extra=["-e", 'THEME="/etc"'])
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        setting_line("THEME", "/etc", THEME_EXPECTED, assigned("pelicanconf.py", "THEME")),
        "1 erreur dans les réglages ; le site n'a pas été reconstruit.",
    ]
    assert "Traceback" not in result.stderr and "Erreur interne" not in result.stderr


def test_images_and_pdfs_that_pass_are_published_and_hidden_files_never(site_copy, tmp_path):
    images = site_copy / "content" / "images"
    (images / "sous").mkdir(parents=True)
    (images / "logo.png").write_bytes(png_bytes())
    (images / "Photo.PNG").write_bytes(png_bytes())
    (images / "plan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (images / ".htaccess").write_text("Options +ExecCGI\n")
    (images / "sous" / ".DS_Store").write_bytes(b"\x00\x01")
    (images / ".cache").mkdir()
    (images / ".cache" / "page.html").write_text("<script>alert(1)</script>\n")
    result = build(site_copy, tmp_path / "out")
    published = snapshot(result.output / "images")
    assert sorted(published) == ["Photo.PNG", "logo.png", "plan.pdf"]
    assert published["plan.pdf"] == b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    assert published["logo.png"] == png_bytes()


def test_a_development_build_drops_the_pages_of_a_deleted_event(site_copy, tmp_path):
    output = tmp_path / "out"
    build(site_copy, output)
    page, feed = output / "agenda/salon-artisans/index.html", output / "agenda/salon-artisans/salon-artisans.ics"
    assert page.is_file() and feed.is_file()
    (output / ".git").mkdir()
    (output / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")  # a clone of the published site
    (output / "vieux.html").write_text("une page d'une version passée\n")
    (site_copy / "data/events/salon-artisans.yaml").unlink()
    build(site_copy, output)
    assert not page.exists() and not feed.exists() and not (output / "agenda/salon-artisans").exists()
    assert not (output / "vieux.html").exists()
    assert (output / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert "salon-artisans" not in (output / "agenda.ics").read_text(encoding="utf-8")
