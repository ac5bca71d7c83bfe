"""Registry API: officers, certificates (with lifecycle actions), training, reviews."""

from __future__ import annotations

from rest_framework.routers import BaseRouter


def register(router: BaseRouter) -> None:
    """Add the registry's viewsets to the API router."""
