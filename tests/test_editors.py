"""What editors use: advice from `invoke check`, drafts, publishing (scaffolds: test_scaffolds.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, build, run_build, snapshot, write_files
from pelican.settings import read_settings
from PIL import Image
from test_calendar_identity import git

from pelican.plugins.tierslieu.editors import scaffold
from pelican.plugins.tierslieu.editors.checking import run_check


def check(site, capsys, today: str = "2026-11-24") -> tuple[int, list[str], list[str]]:
    """Run `invoke check` on a site folder (built on ``today``); return its status, advice lines and error lines."""
    override = {
        "PATH": str(site / "content"),
        "DATA_PATH": str(site / "data"),
        "SITEURL": "https://grange.example.org",
        "TIERSLIEU_BUILD_DATE": today,
    }
    # Both settings files, as `invoke check` reads them.
    status = run_check(
        [read_settings(str(ROOT / name), override=override) for name in ("pelicanconf.py", "publishconf.py")]
    )
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err.splitlines()


def test_thin_month_is_advised_and_advice_keeps_status_zero(site_copy, capsys):
    status, out, err = check(site_copy, capsys)
    assert status == 0 and err == []
    assert (
        f"{site_copy}/data/events:1: attention : novembre 2026 n'a que 1 événement prévu : un agenda bien rempli donne envie de venir"
        in out
    )
    assert not any("conference-passee" in line for line in out)  # past events get no advice
    assert out[-1] == f"Aucune erreur : 3 pépites, 7 événements, {len(out) - 1} conseils ci-dessus."


def test_the_current_month_is_left_out_in_its_last_six_days(site_copy, capsys):
    def thin_months(today: str) -> list[str]:
        _, out, _ = check(site_copy, capsys, today=today)
        return [line.split(" attention : ")[1].split(" n'a ")[0] for line in out if "un agenda bien rempli" in line]

    assert thin_months("2026-11-24") == ["novembre 2026"]  # seven days left: still worth filling
    assert thin_months("2026-11-25") == []  # six: the advice looks at December to February


def test_a_draft_is_a_note_at_its_status_line(site_copy, capsys):
    write_files(site_copy, {"content/brouillon.md": "Title: Pas prêt\nDate: 2026-11-20\nStatus: draft\n\nTexte.\n"})
    status, out, _ = check(site_copy, capsys)
    assert status == 0
    assert (
        f"{site_copy}/content/brouillon.md:3: note : brouillon (« Status: draft ») : ni publié ni montré par "
        "l'aperçu ; écrivez « Status: published » quand il est prêt"
    ) in out


def test_an_article_dated_in_the_future_is_a_note_of_its_date_not_a_draft(site_copy, capsys):
    write_files(site_copy, {"content/plus-tard.md": "Title: Plus tard\nDate: 2027-06-01 10:00\n\nTexte.\n"})
    status, out, _ = check(site_copy, capsys)
    assert status == 0
    notes = [line for line in out if "plus-tard.md" in line]
    assert notes == [
        (
            f"{site_copy}/content/plus-tard.md:2: note : publication programmée : l'actualité paraîtra le "
            "2027-06-01 10:00 (la reconstruction de la nuit la publie)"
        )
    ]


def test_long_title_is_advised(site_copy, capsys):
    title = "Un titre " + "très " * 16 + "long"
    write_files(site_copy, {"data/events/long.yaml": f"title: {title}\nstart: 2027-02-03\ndescription: Oui.\n"})
    _, out, _ = check(site_copy, capsys)
    assert (
        f"{site_copy}/data/events/long.yaml:1: attention : le titre fait {len(title)} caractères : 80 au plus se lisent bien partout"
        in out
    )


def test_event_without_description_is_advised(site_copy, capsys):
    write_files(site_copy, {"data/events/nu.yaml": "title: Nu\nstart: 2027-02-03\n"})
    _, out, _ = check(site_copy, capsys)
    assert (
        f"{site_copy}/data/events/nu.yaml:1: attention : l'événement n'a pas de 'description' : dites en quelques lignes ce qui s'y passe"
        in out
    )


def test_event_during_a_closure_is_advised(site_copy, capsys):
    write_files(site_copy, {"data/events/noel.yaml": "title: Noël\ndescription: Oui.\nstart: 2026-12-26 15:00\n"})
    _, out, _ = check(site_copy, capsys)
    assert (
        f"{site_copy}/data/events/noel.yaml:3: attention : l'événement du 2026-12-26 tombe pendant une fermeture du lieu (Fêtes de fin d'année)"
        in out
    )


@pytest.mark.parametrize(
    "elsewhere",
    ["location: Salle des fêtes, Chevreuse\n", "online: https://visio.example.org/noel\nonline_only: true\n"],
)
def test_event_held_elsewhere_during_a_closure_is_not_advised(site_copy, capsys, elsewhere):
    write_files(
        site_copy, {"data/events/noel.yaml": f"title: Noël\ndescription: Oui.\nstart: 2026-12-26 15:00\n{elsewhere}"}
    )
    code, out, _ = check(site_copy, capsys)
    assert code == 0  # a valid file: the advice is left out, not the event
    assert not [line for line in out if "noel.yaml" in line and "fermeture du lieu" in line]


def test_missing_image_is_advised(site_copy, capsys):
    write_files(
        site_copy,
        {"data/events/photo.yaml": "title: Photo\ndescription: Oui.\nstart: 2027-02-03\nimage: images/absente.jpg\n"},
    )
    _, out, _ = check(site_copy, capsys)
    assert (
        f"{site_copy}/data/events/photo.yaml:4: attention : image « images/absente.jpg » introuvable sous content/"
        in out
    )


def _repair_cafe_photo(site) -> None:
    (site / "content/images/events").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 8)).save(site / "content/images/events/repair-cafe.jpg")


def test_an_image_path_with_wrong_capitals_suggests_the_file(site_copy, capsys):
    _repair_cafe_photo(site_copy)
    write_files(
        site_copy,
        {
            "data/events/photo.yaml": "title: P\ndescription: O.\nstart: 2027-02-03\nimage: images/events/Repair-Cafe.JPG\n",
            "data/pepites/photo.yaml": "name: Photo\ntrade: Photographe\nphoto: Images/events/repair-cafe.jpg\n",
        },
    )
    _, out, _ = check(site_copy, capsys)
    assert [line for line in out if "introuvable" in line] == [
        (
            f"{site_copy}/data/events/photo.yaml:4: attention : image « images/events/Repair-Cafe.JPG » introuvable sous "
            "content/ (vouliez-vous dire « images/events/repair-cafe.jpg » ?)"
        ),
        (
            f"{site_copy}/data/pepites/photo.yaml:3: attention : image « Images/events/repair-cafe.jpg » introuvable sous "
            "content/ (vouliez-vous dire « images/events/repair-cafe.jpg » ?)"
        ),
    ]


def test_an_image_path_with_a_leading_slash_says_to_remove_it(site_copy, capsys):
    _repair_cafe_photo(site_copy)
    write_files(
        site_copy,
        {
            "data/events/photo.yaml": "title: P\ndescription: O.\nstart: 2027-02-03\nimage: /images/events/repair-cafe.jpg\n",
            "data/events/absente.yaml": "title: A\ndescription: O.\nstart: 2027-02-03\nimage: /images/absente.jpg\n",
        },
    )
    status, _, err = check(site_copy, capsys)
    assert status == 1
    assert err[:2] == [
        (
            f"{site_copy}/data/events/absente.yaml:4: 'image' : l'image « /images/absente.jpg » doit être sous content/ "
            "(par exemple images/events/photo.jpg)"
        ),
        (
            f"{site_copy}/data/events/photo.yaml:4: 'image' : écrivez le chemin sans « / » devant : "
            "« images/events/repair-cafe.jpg »"
        ),
    ]


def test_an_image_path_that_starts_with_content_says_to_remove_it(site_copy, capsys):
    write_files(
        site_copy, {"data/events/photo.yaml": "title: P\ndescription: O.\nstart: 2027-02-03\nimage: content/x.jpg\n"}
    )
    _, out, _ = check(site_copy, capsys)
    assert (
        f"{site_copy}/data/events/photo.yaml:4: attention : image « content/x.jpg » introuvable sous content/ : "
        "écrivez le chemin sans « content/ » devant"
    ) in out


def test_broken_internal_links_are_advised(site_copy, capsys):
    write_files(
        site_copy,
        {
            "data/events/lien.yaml": "title: Lien\nstart: 2027-02-03\ndescription: Voir [ici](/agenda/nexiste-pas/) et [là](/agenda/salon-artisans/).\n",
            "content/lien.md": "Title: Lien\nDate: 2026-11-01\n\nVoir [l'autre](/actualites/nulle-part/) et [le salon](/pepites/repair/).\n",
        },
    )
    status, out, _ = check(site_copy, capsys)
    broken = [line for line in out if "lien cassé" in line]
    assert status == 0
    assert broken == [
        f"{site_copy}/content/lien.md:4: attention : lien cassé vers « /actualites/nulle-part/ »",
        f"{site_copy}/data/events/lien.yaml:3: attention : lien cassé vers « /agenda/nexiste-pas/ »",
    ]


def test_a_link_pelican_resolves_is_an_error_not_advice(site_copy, capsys):
    write_files(
        site_copy, {"content/lien.md": "Title: Lien\nDate: 2026-11-01\n\nVoir [l'autre]({filename}absent.md).\n"}
    )
    status, out, err = check(site_copy, capsys)
    assert status == 1
    assert not any("lien cassé" in line for line in out)
    assert err[0] == (
        f"{site_copy}/content/lien.md:4: lien interne introuvable « {{filename}}absent.md » : aucun article, page "
        "ou fichier à ce chemin (relatif au dossier du fichier, ou à content/ s'il commence par /)"
    )


def test_a_link_missing_its_md_says_to_add_it(site_copy, capsys):
    write_files(
        site_copy,
        {
            "content/2026-11-18-programme-2027.md": "Title: Programme 2027\nDate: 2026-11-18\n\nTout.\n",
            "content/lien.md": "Title: Lien\nDate: 2026-11-01\n\nVoir [x]({filename}2026-11-18-programme-2027).\n",
        },
    )
    status, _, err = check(site_copy, capsys)
    assert status == 1
    assert err[0] == (
        f"{site_copy}/content/lien.md:4: lien interne introuvable « {{filename}}2026-11-18-programme-2027 » : aucun "
        "article, page ou fichier à ce chemin (relatif au dossier du fichier, ou à content/ s'il commence par /) : "
        "ajoutez « .md » ({filename}2026-11-18-programme-2027.md)"
    )


def test_rename_without_alias_is_advised(site_copy, capsys):
    git(site_copy, "init", "-q")
    git(site_copy, "add", ".")
    git(site_copy, "commit", "-qm", "first")
    git(site_copy, "mv", "data/events/journee-ete.yaml", "data/events/fete-ete.yaml")
    git(site_copy, "commit", "-qm", "rename")
    _, out, _ = check(site_copy, capsys)
    assert (
        f"{site_copy}/data/events/fete-ete.yaml:1: attention : ce fichier s'appelait « journee-ete » : "
        "ajoutez 'aliases: [journee-ete]' pour que les agendas abonnés ne voient pas un doublon"
    ) in out


RENAMED = (
    "data/events/fete-ete.yaml:1: attention : ce fichier s'appelait « journee-ete » : "
    "ajoutez 'aliases: [journee-ete]' pour que les agendas abonnés ne voient pas un doublon"
)


def _committed(site):
    git(site, "init", "-q")
    git(site, "add", ".")
    git(site, "commit", "-qm", "first")


def test_a_staged_rename_is_advised_before_the_commit(site_copy, capsys):
    _committed(site_copy)
    git(site_copy, "mv", "data/events/journee-ete.yaml", "data/events/fete-ete.yaml")
    _, out, _ = check(site_copy, capsys)
    assert [line for line in out if "s'appelait" in line] == [f"{site_copy}/{RENAMED}"]


def test_a_plain_move_of_a_similar_file_is_advised_before_git_add(site_copy, capsys):
    _committed(site_copy)
    old, new = site_copy / "data/events/journee-ete.yaml", site_copy / "data/events/fete-ete.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("10 €", "12 €"), encoding="utf-8")
    old.unlink()
    _, out, _ = check(site_copy, capsys)
    assert [line for line in out if "s'appelait" in line] == [f"{site_copy}/{RENAMED}"]


def test_a_move_with_its_alias_or_an_unrelated_new_file_is_not_advised(site_copy, capsys):
    _committed(site_copy)
    old = site_copy / "data/events/journee-ete.yaml"
    text = old.read_text(encoding="utf-8")
    old.unlink()
    write_files(
        site_copy,
        {
            "data/events/fete-ete.yaml": text + "aliases: [journee-ete]\n",
            "data/events/autre.yaml": "title: Tout autre chose\nstart: 2027-07-20\n",
        },
    )
    git(site_copy, "add", "data/events/fete-ete.yaml")
    _, out, _ = check(site_copy, capsys)
    assert not [line for line in out if "s'appelait" in line]


def test_errors_and_advice_are_reported_together(site_copy, capsys):
    write_files(site_copy, {"data/events/oups.yaml": "tilte: X\nstart: 2027-02-03\n"})
    status, _, err = check(site_copy, capsys)
    assert status == 1
    assert f"{site_copy}/data/events/oups.yaml:1: clé inconnue 'tilte' (vouliez-vous dire 'title' ?)" in err


def test_advice_never_blocks_publication(site_copy, tmp_path, capsys):
    write_files(
        site_copy,
        {
            "data/events/nu.yaml": "title: " + "x" * 90 + "\nstart: 2026-12-26\nimage: images/absente.jpg\n",
            "data/events/lien.yaml": "title: Lien\nstart: 2027-02-03\ndescription: Voir [ici](/agenda/nexiste-pas/).\n",
            "content/lien.md": "Title: Lien\nDate: 2026-11-01\n\nVoir [ici](/actualites/nulle-part/).\n",  # a plain image path is an error (content_images.py)
            "content/pages/mentions-legales.md": "Title: Mentions légales\nSlug: mentions-legales\n\nÀ nous.\n",
        },
    )
    status, out, err = check(site_copy, capsys)
    assert status == 0 and err == []
    for kind in (
        "titre fait",
        "pas de 'description'",
        "pendant une fermeture",
        "introuvable sous",
        "lien cassé",
        "remplace",
    ):
        assert any(kind in line for line in out[:-1]), kind
    build(site_copy, tmp_path / "out", "publishconf.py")  # fails on any warning, as `--fatal warnings` does


def test_publish_fails_on_a_pelican_warning_and_keeps_the_site(site_copy, tmp_path):
    output = tmp_path / "out"
    assert run_build(site_copy, output, "publishconf.py", extra=["--fatal", "warnings"]).returncode == 0
    before = snapshot(output)
    write_files(site_copy, {"content/lien.md": "Title: Lien\nDate: 2026-11-01\n\n[l'autre]({filename}absent.md)\n"})
    build = run_build(site_copy, output, "publishconf.py", extra=["--fatal", "warnings"])
    assert build.returncode != 0
    assert snapshot(output) == before


def test_drafts_and_future_articles_wait(site_copy, tmp_path):
    write_files(
        site_copy,
        {
            "content/brouillon.md": "Title: Brouillon\nDate: 2026-11-01\nStatus: draft\nSlug: brouillon\n\nPas encore.\n",
            "content/futur.md": "Title: Plus tard\nDate: 2099-01-01 10:00\nSlug: plus-tard\n\nPlus tard.\n",
        },
    )
    site = build(site_copy, tmp_path / "out")
    published = "\n".join(str(path) for path in (tmp_path / "out").rglob("*"))
    assert "brouillon" not in published and "plus-tard" not in published
    assert "Brouillon" not in site.read("actualites.rss.xml") and "Plus tard" not in site.read("actualites.rss.xml")


@pytest.mark.parametrize(
    ("make", "schema"),
    [
        (lambda data: scaffold.new_event(data, "Atelier", "2027-01-12 14:00"), "event"),
        (lambda data: scaffold.new_pepite(data, "Zoé Ébrard", "Ébéniste"), "pepite"),
    ],
)
def test_scaffolded_data_files_name_their_schema(tmp_path, make, schema):
    """The first line VS Code's YAML extension reads, pointing at schemas/ from data/<kind>/ (GUIDE.md)."""
    path = Path(make(str(tmp_path / "data")))
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../schemas/{schema}.schema.json"
    assert (
        ROOT / "data" / path.parent.name / first.split("=", 1)[1]
    ).resolve() == ROOT / "schemas" / f"{schema}.schema.json"
    assert (ROOT / "schemas" / f"{schema}.schema.json").exists()


def test_invoke_lists_every_editor_task():
    result = subprocess.run(
        [str(ROOT / ".venv/bin/invoke"), "--list"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        pytest.skip("invoke is not installed in .venv")
    for name in (
        "build",
        "serve",
        "check",
        "publish",
        "test",
        "new-event",
        "new-pepite",
        "new-article",
        "schema",
        "update-golden",
    ):
        assert f"  {name} " in result.stdout


def test_markup_typed_into_a_plain_text_field_is_advised(site_copy, capsys):
    write_files(
        site_copy,
        {
            "data/events/compost.yaml": "title: Compost\nstart: 2027-02-03\nsummary: Chez <b>soi</b>\n"
            "price: '**5 €**'\ndescription: Oui.\n",
            "data/pepites/compost.yaml": "name: Cl<i>é</i>o\ntrade: Potière\nkind: Artisan\n",
        },
    )
    status, out, errors = check(site_copy, capsys)
    assert (status, errors) == (0, []), errors
    advice = [line for line in out if "ce champ est du texte simple" in line]
    assert advice == [
        (
            f"{site_copy}/data/events/compost.yaml:3: attention : 'summary' contient « <b> » : ce champ est du texte simple, "
            "le site l'affiche tel quel ; "
            "la mise en forme se fait dans 'description'"
        ),
        # Calendars keep Markdown marks and never show a pépite's fields: no promise there.
        (
            f"{site_copy}/data/events/compost.yaml:4: attention : 'price' contient « **5 €** » : ce champ est du texte "
            "simple, le site l'affiche tel quel ; la mise en forme se fait dans 'description'"
        ),
        (
            f"{site_copy}/data/pepites/compost.yaml:1: attention : 'name' contient « <i> » : ce champ est du texte simple, "
            "le site l'affiche tel quel ; la mise en forme se fait dans 'bio'"
        ),
    ]


def test_an_empty_month_is_said_in_good_french():
    from pelican.plugins.tierslieu.editors.advice import _how_many  # noqa: PLC0415

    assert [_how_many(count) for count in (0, 1, 2)] == [
        "n'a aucun événement prévu",
        "n'a que 1 événement prévu",
        "n'a que 2 événements prévus",
    ]


def test_notes_are_counted_apart_from_advice(site_copy, capsys):
    """A « note : » line (a draft, a page replacing a generated one) is not a conseil (GUIDE section 3)."""
    write_files(site_copy, {"content/brouillon.md": "Title: Brouillon\nDate: 2026-11-20\nStatus: draft\n\nTexte.\n"})
    status, out, _ = check(site_copy, capsys)
    notes = [line for line in out if ": note : " in line]
    assert status == 0 and len(notes) == 1
    assert out[-1] == f"Aucune erreur : 3 pépites, 7 événements, {len(out) - 2} conseils et 1 note ci-dessus."


def test_a_monthly_series_from_the_31st_and_a_yearly_one_from_29_february_are_advised(site_copy, capsys):
    write_files(
        site_copy,
        {
            "data/events/zz-fin.yaml": "title: Fin de mois\nstart: 2026-12-31 18:00\nrepeat:\n  freq: monthly\n",
            "data/events/zz-bis.yaml": "title: Bissextile\nstart: 2028-02-29\nrepeat:\n  freq: yearly\n  count: 3\n",
            "data/events/zz-ok.yaml": "title: Le 28\nstart: 2026-12-28 18:00\nrepeat:\n  freq: monthly\n",
            "data/events/zz-vendredi.yaml": (
                "title: Dernier vendredi\nstart: 2026-12-25 18:00\nrepeat:\n  freq: monthly\n  byday: [-1fr]\n"
            ),
        },
    )
    status, out, err = check(site_copy, capsys)
    assert status == 0 and err == []
    advised = [line.split("/data/events/")[1] for line in out if "(RFC 5545)" in line]
    assert advised == [
        (
            "zz-bis.yaml:2: attention : le 29 février ne revient que les années bissextiles : la série saute les "
            "autres années (RFC 5545) ; choisissez le 28 février ou le 1er mars"
        ),
        (
            "zz-fin.yaml:2: attention : le 31 n'existe pas tous les mois : la série saute ces mois-là (RFC 5545) ; "
            "pour une date chaque mois, choisissez un jour du 1 au 28, ou un jour de semaine numéroté "
            "(byday: [-1fr] pour le dernier vendredi du mois)"
        ),
    ]
