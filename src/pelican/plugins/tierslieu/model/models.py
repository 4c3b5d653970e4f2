"""The data model: what editors may write in data/, with its rules.

Glossary: a « pépite » is a resident member or local talent of the
tiers-lieu (artisan, freelancer, social-economy actor). Keys are English;
what visitors read is French. Field docstrings double as the editors' schema.
"""

from __future__ import annotations

from datetime import time

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .fields import (
    Clock,
    Email,
    Flag,
    Line,
    LocalDate,
    Number,
    Plain,
    Text,
    WeekdayCode,
)
from .groupings import Grouping
from .hours import ClosingClock, clock_text
from .phones import Phone, tel_link
from .prices import Price
from .titles import Name, Title
from .urls import Url


class Model(BaseModel):
    """Base of every model: unknown keys are errors, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, defer_build=True)


def rule_error(field: str, message: str, **context) -> PydanticCustomError:
    """Return an error of a rule between fields, pointing at ``field``."""
    return PydanticCustomError("rule", message, {"field": field, **context})


class Link(Model):
    """A labelled link."""

    label: Line
    """Texte du lien, par exemple LinkedIn."""
    url: Url
    """Adresse : https://…, mailto:… ou tel:…"""


class Partner(Model):
    """A partner organisation of the venue."""

    name: Name
    """Nom du partenaire."""
    url: Url | None = None
    """Site du partenaire."""


class Address(Model):
    """A postal address."""

    street: Line
    """Numéro et rue."""
    postal_code: Line
    """Code postal, tel qu'il s'écrit (78760)."""
    city: Line
    """Commune."""
    country: Line = "FR"
    """Pays, code à deux lettres (FR)."""


class Geo(Model):
    """A point on the map."""

    lat: Number = Field(ge=-90, le=90)
    """Latitude en degrés décimaux."""
    lon: Number = Field(ge=-180, le=180)
    """Longitude en degrés décimaux."""


class Hours(Model):
    """Weekly opening hours for some days."""

    days: list[WeekdayCode] = Field(min_length=1)
    """Jours concernés : mo, tu, we, th, fr, sa, su."""
    opens: Clock
    """Heure d'ouverture, HH:MM."""
    closes: ClosingClock
    """Heure de fermeture, HH:MM ; 24:00 pour minuit (la fin de la journée)."""

    @model_validator(mode="after")
    def _closes_after_opens(self) -> Hours:
        if self.closes <= self.opens:
            midnight = " ; pour fermer à minuit, écrivez 24:00" if self.closes == time(0) else ""
            raise rule_error(
                "closes",
                "'closes' ({closes}) doit être après 'opens' ({opens}){midnight}",
                closes=clock_text(self.closes),
                opens=clock_text(self.opens),
                midnight=midnight,
            )
        return self


class Closure(Model):
    """An exceptional closure of the venue, first and last day included."""

    start: LocalDate
    """Premier jour de fermeture."""
    end: LocalDate
    """Dernier jour de fermeture (inclus)."""
    reason: Line | None = None
    """Motif affiché aux visiteurs."""

    @model_validator(mode="after")
    def _end_after_start(self) -> Closure:
        if self.end < self.start:
            raise rule_error(
                "end",
                "'end' ({end}) est avant 'start' ({start})",
                end=self.end.isoformat(),
                start=self.start.isoformat(),
            )
        return self


class Offer(Model):
    """A price of the venue."""

    name: Name
    """Nom de la formule (Journée, Abonnement…)."""
    price: Price
    """Prix en euros TTC."""
    unit: Line | None = None
    """Unité du prix (jour, mois, heure…)."""
    description: Text | None = None
    """Détails, en Markdown."""


class Legal(Model):
    """What the « Mentions légales » page must say."""

    publisher: Line
    """Éditeur du site (personne ou association)."""
    director: Line | None = None
    """Directeur ou directrice de la publication."""
    host: Plain | None = None
    """Hébergeur : nom et adresse."""


class VenueData(Model):
    """The venue (data/venue.yaml)."""

    # What the file says; the JSON Schema keeps the title editors' tools show.
    model_config = ConfigDict(title="Venue")

    name: Title
    """Nom du lieu."""
    tagline: Line | None = None
    """Une phrase qui dit ce qu'est le lieu."""
    description: Text | None = None
    """Présentation du lieu, en Markdown."""
    address: Address
    """Adresse postale."""
    geo: Geo | None = None
    """Coordonnées pour la carte."""
    email: Email | None = None
    """Adresse e-mail de contact."""
    phone: Phone | None = None
    """Téléphone de contact : chiffres, espaces, points, tirets, parenthèses, un + au début (01 99 00 27 60)."""
    hours: list[Hours] = []
    """Horaires d'ouverture de la semaine."""
    closures: list[Closure] = []
    """Fermetures exceptionnelles."""
    offers: list[Offer] = []
    """Formules et tarifs."""
    amenities: list[Line] = []
    """Équipements et services."""
    accessibility: Text | None = None
    """Accessibilité (accès de plain-pied, etc.)."""
    access: Text | None = None
    """Comment venir."""
    links: list[Link] = []
    """Liens (réseaux sociaux…)."""
    partners: list[Partner] = []
    """Partenaires."""
    network: Line | None = None
    """Le réseau de tiers-lieux dont le lieu fait partie, tel qu'il suit « fait partie du » (réseau des tiers-lieux du Parc) ; ses lieux sont dans data/network/."""
    closed_on_public_holidays: Flag = False
    """true : les jours fériés français sont des fermetures."""
    legal: Legal | None = None
    """Informations des mentions légales."""

    @field_validator("hours")
    @classmethod
    def _hours_do_not_overlap(cls, hours: list[Hours]) -> list[Hours]:
        """Refuse two ranges of a same day that overlap, at the later range (ranges that touch, 12:00 then 12:00, are fine).

        The home page would say « ouvert de 9 h à 18 h et de 10 h à 20 h »:
        an editor's slip, not hours visitors can use.
        """
        seen: dict[object, Hours] = {}
        for index, later in enumerate(hours):
            for day in later.days:
                earlier = seen.get(day)
                if earlier and later.opens < earlier.closes and earlier.opens < later.closes:
                    raise rule_error(
                        index,
                        "'hours' : le {day}, {opens}–{closes} chevauche {first}–{last} d'une plage précédente : "
                        "corrigez les heures, ou réunissez-les en une seule plage",
                        day=day.french,
                        opens=later.opens.strftime("%H:%M"),
                        closes=clock_text(later.closes),
                        first=earlier.opens.strftime("%H:%M"),
                        last=clock_text(earlier.closes),
                    )
            for day in later.days:
                seen.setdefault(day, later)
        return hours

    @property
    def tel(self) -> str | None:
        """Return the ``tel:`` link of ``phone``, made of its digits and + only (phones.tel_link), or None."""
        return tel_link(self.phone) if self.phone else None


class PepiteData(Model):
    """A pépite: a resident member or local talent (data/pepites/<slug>.yaml)."""

    # What the file says; the published pépite, with its page and events, is site.Pepite.
    model_config = ConfigDict(title="Pepite")

    name: Title
    """Nom de la personne ou de la structure."""
    trade: Line
    """Métier."""
    kind: Grouping | None = None
    """Famille : Artisan, Indépendant, ESS, Association…"""
    summary: Line | None = None
    """Une ligne de présentation."""
    bio: Text | None = None
    """Présentation, en Markdown."""
    photo: Line | None = None
    """Chemin d'une photo sous content/ (images/pepites/nom.jpg)."""
    website: Url | None = None
    """Site web."""
    email: Email | None = None
    """Adresse e-mail."""
    links: list[Link] = []
    """Autres liens."""
    tags: list[Name] = []
    """Mots-clés."""

    @field_validator("tags")
    @classmethod
    def _one_tag_per_spelling(cls, tags: list[str]) -> list[str]:
        """Keep the first of tags written alike (NFC already, fields.parse_text), so that « été » is shown once."""
        return list(dict.fromkeys(tags))

    organisation: Flag = False
    """true : une structure (association, entreprise, collectif), pas une personne."""


__all__ = ["Model", "PepiteData", "VenueData", "rule_error"]
