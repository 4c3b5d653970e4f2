"""Events and series as editors write them (data/events/<slug>.yaml), with their status.

Field docstrings double as the editors' schema (invoke schema).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

from pydantic import ConfigDict, Field, model_validator

from .fields import Count, Flag, Line, LocalDate, SeriesDay, Slug, Text, TimezoneName, When
from .groupings import Grouping
from .models import Model, rule_error
from .prices import says_free
from .sessions import SessionId, SessionTime
from .titles import Title
from .urls import Url


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
    Status.confirmed: "CONFIRMED",
    Status.tentative: "TENTATIVE",
    Status.postponed: "TENTATIVE",
    Status.cancelled: "CANCELLED",
}
_SCHEMA_ORG_STATUS = {
    Status.confirmed: "https://schema.org/EventScheduled",
    Status.tentative: "https://schema.org/EventScheduled",
    Status.postponed: "https://schema.org/EventPostponed",
    Status.cancelled: "https://schema.org/EventCancelled",
}
_LABELS = {
    Status.confirmed: "",
    Status.tentative: "à confirmer",
    Status.postponed: "reporté",
    Status.cancelled: "annulé",
}


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
            raise rule_error(
                "count", "'count' et 'until' ne peuvent pas être utilisés ensemble : choisissez l'un des deux"
            )
        ranked = [day for day in self.byday if day.rank is not None]
        if ranked and self.freq not in (Freq.monthly, Freq.yearly):
            raise rule_error(
                "byday",
                "un jour numéroté comme « {day} » n'a de sens qu'en 'freq: monthly' ou 'yearly'",
                day=ranked[0].code,
            )
        return self


class SessionData(Model):
    """One session of an event's programme: a workshop, a talk, a slot of the photo studio."""

    model_config = ConfigDict(title="Session")

    start: SessionTime
    """Début : une heure du jour de l'événement (12:30), ou une date et heure pour un événement de plusieurs jours."""
    end: SessionTime
    """Fin : une heure (12:50), ou une date et heure."""
    title: Title
    """Titre de la session."""
    id: SessionId | None = None
    """Identifiant stable (minuscules et tirets) : l'agenda des abonnés garde la session si son titre ou son heure change."""
    place: Line | None = None
    """Salle ou endroit : « la cour », « studio photo »."""
    pepites: list[Slug] = []
    """Pépites qui animent la session (noms de leurs fichiers)."""
    description: Text | None = None
    """Description, en Markdown."""
    category: Grouping | None = None
    """Catégorie, si elle diffère de celle de l'événement."""
    registration: Url | None = None
    """Adresse d'inscription à cette session."""
    price: Line | None = None
    """Prix de cette session, en texte libre."""
    full: Flag = False
    """true : la session est complète."""
    status: Status = Status.confirmed
    """confirmed, tentative, postponed (reportée) ou cancelled (annulée)."""


MAX_SESSIONS = 200
"""Largest programme: two hundred sessions is a week-long festival; more is a slip."""


class EventData(Model):
    """An event or a series of events (data/events/<slug>.yaml)."""

    # What the file says; the published event, with its dates, pages and calendar identity, is site.Event.
    model_config = ConfigDict(title="Event")

    title: Title
    """Titre de l'événement."""
    start: When
    """Début : une date (toute la journée) ou une date et heure locale."""
    end: When | None = None
    """Fin ; pour un événement sur des journées entières, le DERNIER jour (inclus)."""
    timezone: TimezoneName | None = None
    """Fuseau horaire IANA, s'il diffère de celui du site (Europe/Paris)."""
    category: Grouping | None = None
    """Catégorie : Atelier, Conférence…"""
    summary: Line | None = None
    """Une ligne de résumé."""
    description: Text | None = None
    """Description, en Markdown."""
    location: Line | None = None
    """Lieu, s'il n'est pas le tiers-lieu lui-même."""
    registration: Url | None = None
    """Adresse d'inscription ou de billetterie."""
    price: Line | None = None
    """Prix, en texte libre (Gratuit, 10 €…)."""
    free: Flag = False
    """true : l'entrée est gratuite (les moteurs de recherche l'annoncent ; le texte affiché reste 'price')."""
    image: Line | None = None
    """Chemin d'une image sous content/."""
    image_alt: Line | None = None
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
    sessions: list[SessionData] = Field(default=[], max_length=MAX_SESSIONS)
    """Programme : les sessions de la journée (ou des journées), chacune avec start, end et title."""

    @property
    def all_day(self) -> bool:
        """Tell whether the event spans whole days."""
        return not isinstance(self.start, datetime)

    @model_validator(mode="after")
    def _rules(self) -> EventData:
        if self.online_only and self.online is None:
            raise rule_error("online_only", "'online_only: true' demande le lien de visioconférence 'online'")
        if self.online_only and self.location is not None:
            raise rule_error(
                "location",
                "un événement seulement en ligne n'a pas de lieu : retirez 'location' ou 'online_only'",
            )
        if self.free and self.price and not says_free(self.price):
            # The JSON-LD offer says price 0 (structured.py): the page's price text must say free as well.
            raise rule_error(
                "free",
                "'free' : l'événement est dit gratuit (free: true) mais 'price' dit « {price} » : retirez l'un des deux",
                price=self.price,
            )
        if self.end is None:
            return self
        if isinstance(self.start, datetime) != isinstance(self.end, datetime):
            raise rule_error(
                "end", "'start' et 'end' doivent être tous deux des dates, ou tous deux des dates avec heure"
            )
        if (self.start.tzinfo is None) != (self.end.tzinfo is None) if isinstance(self.start, datetime) else False:
            raise rule_error("end", "'start' et 'end' doivent tous deux avoir un décalage horaire, ou aucun")
        if self.end < self.start:
            raise rule_error(
                "end", "'end' ({end}) est avant 'start' ({start})", end=_show(self.end), start=_show(self.start)
            )
        if self.end == self.start and isinstance(self.start, datetime):  # as sessions (model/sessions.py)
            raise rule_error(
                "end",
                "'end' ({end}) doit être après 'start' : un événement à heure fixe dure ; sans 'end', il dure une heure",
                end=_show(self.end),
            )
        return self


def _show(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


__all__ = ["MAX_REPEAT", "MAX_SESSIONS", "EventData", "Freq", "Repeat", "SessionData", "Status"]
