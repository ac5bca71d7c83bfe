"""Template filters of the list pages (:mod:`zhifa.core.listing`)."""

from __future__ import annotations

from django import template

from zhifa.core.listing import Listing

register = template.Library()


@register.filter
def list_query(listing: Listing, page: int) -> str:
    """The query string of page ``page`` of ``listing``, with its filters and sort."""
    return listing.query(page=page)
