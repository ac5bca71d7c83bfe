"""Catalogue API: matters, lists and their versions, filings, benchmarks, evaluate."""

from __future__ import annotations

from rest_framework.routers import BaseRouter


def register(router: BaseRouter) -> None:
    """Add the catalogue's viewsets to the API router."""
