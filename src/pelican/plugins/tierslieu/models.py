"""The data model: what editors may write in data/, with its rules.

Glossary: a « pépite » is a resident member or local talent of the
tiers-lieu (artisan, freelancer, social-economy actor). Keys are English;
what visitors read is French. Field docstrings double as the editors' schema.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .fields import (
    Clock,
    Count,
    Email,
    Flag,
    LocalDate,
    Number,
    Price,
    SeriesDay,
    Slug,
    Text,
    TimezoneName,
    Url,
    WeekdayCode,
    When,
)


class Model(BaseModel):
    """Base of every model: unknown keys are errors, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


def rule_error(field: str, message: str, **context) -> PydanticCustomError:
    """Return an error of a rule between fields, pointing at ``field``."""
    return PydanticCustomError("rule", message, {"field": field, **context})


class Link(Model):
    """A labelled link."""

    label: Text
    """Texte du lien, par exemple LinkedIn."""
    url: Url
    """Adresse : https://…, mailto:… ou tel:…"""


class Partner(Model):
    """A partner organisation of the venue."""

    name: Text
    """Nom du partenaire."""
    url: Url | None = None
    """Site du partenaire."""


class Address(Model):
    """A postal address."""

    street: Text
    """Numéro et rue."""
    postal_code: Text
    """Code postal, tel qu'il s'écrit (78760)."""
    city: Text
    """Commune."""
    country: Text = "FR"
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
    closes: Clock
    """Heure de fermeture, HH:MM."""

    @model_validator(mode="after")
    def _closes_after_opens(self) -> Hours:
        if self.closes <= self.opens:
            raise rule_error("closes", "'closes' ({closes}) doit être après 'opens' ({opens})",
                             closes=self.closes.strftime("%H:%M"), opens=self.opens.strftime("%H:%M"))
        return self


class Closure(Model):
    """An exceptional closure of the venue, first and last day included."""

    start: LocalDate
    """Premier jour de fermeture."""
    end: LocalDate
    """Dernier jour de fermeture (inclus)."""
    reason: Text | None = None
    """Motif affiché aux visiteurs."""

    @model_validator(mode="after")
    def _end_after_start(self) -> Closure:
        if self.end < self.start:
            raise rule_error("end", "'end' ({end}) est avant 'start' ({start})",
                             end=self.end.isoformat(), start=self.start.isoformat())
        return self


class Offer(Model):
    """A price of the venue."""

    name: Text
    """Nom de la formule (Journée, Abonnement…)."""
    price: Price
    """Prix en euros TTC."""
    unit: Text | None = None
    """Unité du prix (jour, mois, heure…)."""
    description: Text | None = None
    """Détails, en Markdown."""


class Legal(Model):
    """What the « Mentions légales » page must say."""

    publisher: Text
    """Éditeur du site (personne ou association)."""
    director: Text | None = None
    """Directeur ou directrice de la publication."""
    host: Text | None = None
    """Hébergeur : nom et adresse."""


class VenueData(Model):
    """The venue (data/venue.yaml)."""

    # What the file says; the JSON Schema keeps the title editors' tools show.
    model_config = ConfigDict(title="Venue")

    name: Text
    """Nom du lieu."""
    tagline: Text | None = None
    """Une phrase qui dit ce qu'est le lieu."""
    description: Text | None = None
    """Présentation du lieu, en Markdown."""
    address: Address
    """Adresse postale."""
    geo: Geo | None = None
    """Coordonnées pour la carte."""
    email: Email | None = None
    """Adresse e-mail de contact."""
    phone: Text | None = None
    """Téléphone de contact."""
    hours: list[Hours] = []
    """Horaires d'ouverture de la semaine."""
    closures: list[Closure] = []
    """Fermetures exceptionnelles."""
    offers: list[Offer] = []
    """Formules et tarifs."""
    amenities: list[Text] = []
    """Équipements et services."""
    accessibility: Text | None = None
    """Accessibilité (accès de plain-pied, etc.)."""
    access: Text | None = None
    """Comment venir."""
    links: list[Link] = []
    """Liens (réseaux sociaux…)."""
    partners: list[Partner] = []
    """Partenaires."""
    closed_on_public_holidays: Flag = False
    """true : les jours fériés français sont des fermetures."""
    legal: Legal | None = None
    """Informations des mentions légales."""


class PepiteData(Model):
    """A pépite: a resident member or local talent (data/pepites/<slug>.yaml)."""

    # What the file says; the published pépite, with its page and events, is site.Pepite.
    model_config = ConfigDict(title="Pepite")

    name: Text
    """Nom de la personne ou de la structure."""
    trade: Text
    """Métier."""
    kind: Text | None = None
    """Famille : Artisan, Indépendant, ESS, Association…"""
    summary: Text | None = None
    """Une ligne de présentation."""
    bio: Text | None = None
    """Présentation, en Markdown."""
    photo: Text | None = None
    """Chemin d'une photo sous content/ (images/pepites/nom.jpg)."""
    website: Url | None = None
    """Site web."""
    email: Email | None = None
    """Adresse e-mail."""
    links: list[Link] = []
    """Autres liens."""
    tags: list[Text] = []
    """Mots-clés."""
    organisation: Flag = False
    """true : une structure (association, entreprise, collectif), pas une personne."""


class Freq(str, Enum):
    """How often a series repeats."""

    daily = "daily"
    weekly = "weekly"
    monthly = "monthly"
    yearly = "yearly"


class Status(str, Enum):
    """The status of an event."""

    confirmed = "confirmed"
    tentative = "tentative"
    postponed = "postponed"
    cancelled = "cancelled"

    @property
    def is_cancelled(self) -> bool:
        """Tell whether the event will not take place."""
        return self is Status.cancelled

    @property
    def ical(self) -> str:
        """Return the iCalendar STATUS of a VEVENT (RFC 5545 section 3.8.1.11).

        RFC 5545 has no postponed status: a postponed event is TENTATIVE.
        """
        return _ICAL_STATUS[self]

    @property
    def schema_org(self) -> str:
        """Return the schema.org eventStatus URL (https://schema.org/EventStatusType).

        schema.org has no tentative status: a tentative event is EventScheduled.
        """
        return _SCHEMA_ORG_STATUS[self]

    @property
    def label(self) -> str:
        """Return the French word visitors read (« annulé »), empty for a confirmed event."""
        return _LABELS[self]


_ICAL_STATUS = {
    Status.confirmed: "CONFIRMED", Status.tentative: "TENTATIVE",
    Status.postponed: "TENTATIVE", Status.cancelled: "CANCELLED",
}
_SCHEMA_ORG_STATUS = {
    Status.confirmed: "https://schema.org/EventScheduled",
    Status.tentative: "https://schema.org/EventScheduled",
    Status.postponed: "https://schema.org/EventPostponed",
    Status.cancelled: "https://schema.org/EventCancelled",
}
_LABELS = {Status.confirmed: "", Status.tentative: "à confirmer", Status.postponed: "reporté", Status.cancelled: "annulé"}


MAX_REPEAT = 1000
"""Largest 'count' and 'interval' of a series. RFC 5545 sets no bound, but
every date of a series is a page line, a feed entry and a check: 1 000 dates
is twenty years of a weekly workshop, and an interval of 1 000 periods
(days to years) already puts the second date beyond any plan; larger values
are typing slips that would make the build expand dates for minutes."""


class Repeat(Model):
    """The recurrence of a series (RFC 5545 RRULE parts)."""

    freq: Freq
    """Fréquence : daily, weekly, monthly ou yearly."""
    interval: Count = Field(default=1, ge=1, le=MAX_REPEAT)
    """Toutes les N périodes (1 par défaut)."""
    byday: list[SeriesDay] = []
    """Jours : [tu] ; en mensuel, 1tu = premier mardi, -1fr = dernier vendredi."""
    until: LocalDate | None = None
    """Dernier jour possible de la série (inclus)."""
    count: Count | None = Field(default=None, ge=1, le=MAX_REPEAT)
    """Nombre de dates de la série."""
    except_: list[LocalDate] = Field(default=[], alias="except")
    """Dates annulées de la série."""
    moved: dict[LocalDate, When] = {}
    """Dates déplacées : date prévue → nouvelle date et heure."""

    model_config = ConfigDict(populate_by_name=False)

    @model_validator(mode="after")
    def _rules(self) -> Repeat:
        if self.count is not None and self.until is not None:
            raise rule_error("count", "'count' et 'until' ne peuvent pas être utilisés ensemble : choisissez l'un des deux")
        ranked = [day for day in self.byday if day.rank is not None]
        if ranked and self.freq not in (Freq.monthly, Freq.yearly):
            raise rule_error("byday", "un jour numéroté comme « {day} » n'a de sens qu'en 'freq: monthly' ou 'yearly'", day=ranked[0].code)
        return self


class EventData(Model):
    """An event or a series of events (data/events/<slug>.yaml)."""

    # What the file says; the published event, with its dates, pages and calendar identity, is site.Event.
    model_config = ConfigDict(title="Event")

    title: Text
    """Titre de l'événement."""
    start: When
    """Début : une date (toute la journée) ou une date et heure locale."""
    end: When | None = None
    """Fin ; pour un événement sur des journées entières, le DERNIER jour (inclus)."""
    timezone: TimezoneName | None = None
    """Fuseau horaire IANA, s'il diffère de celui du site (Europe/Paris)."""
    category: Text | None = None
    """Catégorie : Atelier, Conférence…"""
    summary: Text | None = None
    """Une ligne de résumé."""
    description: Text | None = None
    """Description, en Markdown."""
    location: Text | None = None
    """Lieu, s'il n'est pas le tiers-lieu lui-même."""
    registration: Url | None = None
    """Adresse d'inscription ou de billetterie."""
    price: Text | None = None
    """Prix, en texte libre (Gratuit, 10 €…)."""
    free: Flag = False
    """true : l'entrée est gratuite (les moteurs de recherche l'annoncent ; le texte affiché reste 'price')."""
    image: Text | None = None
    """Chemin d'une image sous content/."""
    image_alt: Text | None = None
    """Texte de remplacement de l'image ; sans lui, l'image est décorative."""
    online: Url | None = None
    """Lien de visioconférence (événement en ligne ou hybride)."""
    online_only: Flag = False
    """true : l'événement a lieu seulement en ligne, au lien 'online' ; sans lui, il est hybride."""
    pepites: list[Slug] = []
    """Pépites qui participent (noms de leurs fichiers)."""
    status: Status = Status.confirmed
    """confirmed, tentative, postponed (reporté) ou cancelled (annulé)."""
    full: Flag = False
    """true : l'événement est complet."""
    aliases: list[Slug] = []
    """Anciens noms de ce fichier (le plus ancien d'abord)."""
    repeat: Repeat | None = None
    """Répétition de l'événement (série)."""

    @property
    def all_day(self) -> bool:
        """Tell whether the event spans whole days."""
        return not isinstance(self.start, datetime)

    @model_validator(mode="after")
    def _rules(self) -> EventData:
        if self.online_only and self.online is None:
            raise rule_error("online_only", "'online_only: true' demande le lien de visioconférence 'online'")
        if self.end is None:
            return self
        if isinstance(self.start, datetime) != isinstance(self.end, datetime):
            raise rule_error("end", "'start' et 'end' doivent être tous deux des dates, ou tous deux des dates avec heure")
        if (self.start.tzinfo is None) != (self.end.tzinfo is None) if isinstance(self.start, datetime) else False:
            raise rule_error("end", "'start' et 'end' doivent tous deux avoir un décalage horaire, ou aucun")
        if self.end < self.start:
            raise rule_error("end", "'end' ({end}) est avant 'start' ({start})",
                             end=_show(self.end), start=_show(self.start))
        return self


def _show(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


__all__ = ["EventData", "Freq", "PepiteData", "Repeat", "Status", "VenueData"]
