"""Pelican plugin for the website of a tiers-lieu: venue, pépites, agenda and feeds."""

from .plugin import register

__all__ = ["register"]
