"""A synthetic venue of any size, in realistic French, for the benchmarks.

Deterministic (seeded): the same sizes give the same files.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

from PIL import Image, ImageDraw

from pelican.plugins.tierslieu.editors.scaffold import make_slug

FIRST = [
    "Camille",
    "Léa",
    "Hélène",
    "Inès",
    "Zoé",
    "Chloé",
    "Maël",
    "Théo",
    "Loïc",
    "Jérôme",
    "Benoît",
    "Aurélie",
    "Noémie",
    "Gaëlle",
    "Anaïs",
    "Éloïse",
    "Yannick",
    "Mathis",
    "Solène",
    "François",
    "Agnès",
    "Cécile",
]
LAST = [
    "Morel",
    "Lefèvre",
    "Barbier",
    "Garnier",
    "Mercier",
    "Fontaine",
    "Rousseau",
    "Benali",
    "Marchand",
    "Girard",
    "Faure",
    "André",
    "Lemoine",
    "Perrin",
    "Chevalier",
    "Gauthier",
    "Bérard",
    "Lacroix",
    "Noël",
    "Dupré",
]
TRADES = [
    ("Ébéniste", "Artisan"),
    ("Céramiste", "Artisan"),
    ("Tapissière", "Artisan"),
    ("Photographe", "Indépendant"),
    ("Graphiste", "Indépendant"),
    ("Développeur web", "Indépendant"),
    ("Traductrice", "Indépendant"),
    ("Coopérative alimentaire", "ESS"),
    ("Entreprise d'insertion", "ESS"),
    ("Repair café", "Association"),
]
CATEGORIES = ["Atelier", "Rencontre", "Conférence", "Marché", "Formation", "Portes ouvertes"]
TOPICS = [
    "couture",
    "céramique",
    "réparation",
    "compostage",
    "photographie",
    "numérique",
    "bois",
    "vannerie",
    "jardinage",
    "entrepreneuriat",
    "économie sociale",
    "reconversion",
    "tricot",
    "cuisine de saison",
]
SENTENCES = [
    "On y apprend les gestes de base, à son rythme, avec des outils prêtés sur place.",
    "Les places sont limitées : pensez à vous inscrire quelques jours avant.",
    "Le café et les tisanes sont offerts ; apportez de quoi grignoter si le cœur vous en dit.",
    "Chacun repart avec ce qu'il a fabriqué, et souvent avec de nouvelles idées.",
    "L'accès se fait par la cour du Gai Relais, de plain-pied.",
    "Les enfants sont les bienvenus à partir de huit ans, accompagnés d'un adulte.",
    "Nous terminerons par un temps d'échange autour d'un verre de jus de pomme du verger voisin.",
    "Une participation libre soutient l'association qui anime la séance.",
]
WEEKDAYS = ["mo", "tu", "we", "th", "fr", "sa", "su"]


def _paragraphs(rng: random.Random, count: int) -> str:
    return "\n\n".join(" ".join(rng.sample(SENTENCES, 3)) for _ in range(count))


def write_site(
    root: Path, events: int, pepites: int, articles: int, today: date, seed: int = 7, venue: Path | None = None
) -> Path:
    """Write content/ and data/ of a synthetic venue under ``root``; return root.

    ``venue`` is the venue file copied as data/venue.yaml: the demo's of
    this tree by default (another tree's, for `invoke bench --against`,
    whose model may not know every key of ours).
    """
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    (root / "data/events").mkdir(parents=True)
    (root / "data/pepites").mkdir(parents=True)
    (root / "content/images").mkdir(parents=True)
    demo = venue or Path(__file__).resolve().parent.parent / "data" / "venue.yaml"
    shutil.copy(demo, root / "data/venue.yaml")
    images = _images(root / "content/images", rng)
    slugs = _pepites(root, pepites, rng, images)
    _events(root, events, rng, slugs, images, today)
    _articles(root, articles, rng, today)
    return root


def _images(folder: Path, rng: random.Random) -> list[str]:
    names = []
    for index in range(4):
        image = Image.new("RGB", (1600, 1067), (240, 230, 215))
        draw = ImageDraw.Draw(image)
        for _ in range(12):
            x, y = rng.randrange(1500), rng.randrange(1000)
            draw.ellipse([x, y, x + 160, y + 160], fill=(rng.randrange(90, 200), rng.randrange(60, 160), 60))
        image.save(folder / f"illustration-{index}.jpg", quality=80)
        names.append(f"images/illustration-{index}.jpg")
    return names


def _pepites(root: Path, count: int, rng: random.Random, images: list[str]) -> list[str]:
    slugs, names = [], set()
    for index in range(count):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        slug = f"{make_slug(name)}-{index}"
        name = f"{name} {index}" if name in names else name  # two pépites never share a name (spellings.same_names)
        names.add(name)
        trade, kind = rng.choice(TRADES)
        photo = f"photo: {rng.choice(images)}\n" if index % 5 == 0 else ""
        (root / f"data/pepites/{slug}.yaml").write_text(
            f"name: {name}\ntrade: {trade}\nkind: {kind}\nsummary: {trade} au Gai Relais, passionné·e de {rng.choice(TOPICS)}\n"
            f"bio: |\n  {_paragraphs(rng, 2).replace(chr(10), chr(10) + '  ')}\n"
            f"website: https://{slug}.example.org\nemail: {slug}@example.org\ntags: [{rng.choice(TOPICS)}]\n{photo}",
            encoding="utf-8",
        )
        slugs.append(slug)
    return slugs


def _events(root: Path, count: int, rng: random.Random, pepites: list[str], images: list[str], today: date) -> None:
    for index in range(count):
        day = today + timedelta(days=rng.randrange(-365, 365))
        topic = rng.choice(TOPICS)
        category = rng.choice(CATEGORIES)
        title = f"{category} : {topic} ({index})"
        slug = f"{day.isoformat()}-{make_slug(category)}-{make_slug(topic)}-{index}"
        kind = index % 10
        lines = [f'title: "{title}"']
        if kind == 0:  # a multi-day, all-day event
            lines += [f"start: {day.isoformat()}", f"end: {(day + timedelta(days=2)).isoformat()}"]
        elif kind == 1:  # a weekly series with an exception
            day = day - timedelta(days=day.weekday() - 1) if day.weekday() >= 1 else day + timedelta(days=1)
            lines += [
                f"start: {day.isoformat()} 18:30",
                f"end: {day.isoformat()} 20:00",
                "repeat:",
                "  freq: weekly",
                "  byday: [tu]",
                f"  until: {(day + timedelta(weeks=12)).isoformat()}",
                f"  except: [{(day + timedelta(weeks=3)).isoformat()}]",
            ]
        elif kind == 2:  # a monthly series
            lines += [
                f"start: {day.isoformat()} 10:00",
                f"end: {day.isoformat()} 12:00",
                "repeat:",
                "  freq: monthly",
                "  count: 6",
            ]
        else:
            hour = rng.choice([9, 10, 14, 18])
            lines += [f"start: {day.isoformat()} {hour:02d}:00", f"end: {day.isoformat()} {hour + 2:02d}:00"]
        lines += [
            f"category: {category}",
            f"summary: Un moment autour de {topic}, ouvert à toutes et tous",
            "description: |",
            "  " + _paragraphs(rng, 2).replace("\n", "\n  "),
            f"price: {rng.choice(['Gratuit', 'Prix libre', '10 €', '25 €'])}",
            f"pepites: [{', '.join(rng.sample(pepites, min(2, len(pepites))))}]",
        ]
        if index % 25 == 0:
            lines.append("status: cancelled")
        if index % 7 == 0:
            lines += [f"image: {rng.choice(images)}", f"image_alt: Illustration de l'atelier {topic}"]
        (root / f"data/events/{slug}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _articles(root: Path, count: int, rng: random.Random, today: date) -> None:
    for index in range(count):
        day = today - timedelta(days=rng.randrange(1, 900))
        topic = rng.choice(TOPICS)
        title = f"Retour sur l'atelier {topic} n° {index}"
        (root / f"content/article-{index}.md").write_text(
            f"Title: {title}\nDate: {day.isoformat()} 10:00\nCategory: {rng.choice(['Vie du lieu', 'Pépites', 'Événements', 'Territoire'])}\n"
            f"Tags: {topic}, gai relais\nSlug: article-{index}\nSummary: Ce qui s'est passé à l'atelier {topic}.\n\n"
            f"## Ce que nous avons fait\n\n{_paragraphs(rng, 3)}\n\n- une liste\n- de points\n\n{_paragraphs(rng, 2)}\n",
            encoding="utf-8",
        )


def write_bare_site(root: Path, site: Path) -> Path:
    """Write bare Pelican's twin of a site: one plain article per event, pépite and article."""
    content = root / "content"
    if root.exists():
        shutil.rmtree(root)
    content.mkdir(parents=True)
    for source in sorted((site / "data/events").glob("*.yaml")) + sorted((site / "data/pepites").glob("*.yaml")):
        text = source.read_text(encoding="utf-8")
        title = text.split("\n", 1)[0].split(":", 1)[1].strip().strip('"')
        body = "\n".join(line.strip() for line in text.splitlines()[1:] if line.strip())
        (content / f"{source.parent.name}-{source.stem}.md").write_text(
            f"Title: {title}\nDate: 2026-01-01 10:00\nCategory: Données\nSlug: {source.parent.name}-{source.stem}\n\n{body}\n",
            encoding="utf-8",
        )
    for article in sorted((site / "content").glob("*.md")):
        shutil.copy(article, content / article.name)
    (root / "pelicanconf.py").write_text(
        'SITENAME = "Bare"\nSITEURL = ""\nPATH = "content"\nTIMEZONE = "Europe/Paris"\nDEFAULT_LANG = "fr"\n',
        encoding="utf-8",
    )
    return root
