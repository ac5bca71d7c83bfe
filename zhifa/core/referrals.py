"""Referrals between apps: a case to open that another app found (a visit's 移送立案, issue #9),
picked up by the cases app as a lead. The app that refers declares a
:class:`~zhifa.core.declarations.ReferralSource` on its AppConfig; the cases app reads and takes
referrals through here, as plain :class:`Referral` values, so neither app imports the other
(the import contracts in ``pyproject.toml``).

A referral becomes one lead only: :func:`take` locks it and refuses a second time. The app that
takes them declares a :class:`~zhifa.core.declarations.ReferralTaker`, through which the referring
app links the case it became, for those who may see it (:func:`case_links`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.module_loading import import_string

from zhifa.core.declarations import ReferralSource, ReferralTaker


@dataclass(frozen=True)
class Referral:
    """A referral as the cases app sees it: where it came from, for which agencies, the party,
    the matters and the facts found, the day found, and the case it led to (if any)."""

    source: str
    pk: int
    label: str
    agency_ids: tuple[int, ...]
    party_id: int
    matter_ids: tuple[int, ...]
    facts: str
    found_on: date
    reference: str
    case_pk: int | None = None

    @property
    def key(self) -> str:
        return f"{self.source}:{self.pk}"

    @property
    def taken(self) -> bool:
        return self.case_pk is not None


def sources() -> dict[str, ReferralSource]:
    found: dict[str, ReferralSource] = {}
    for config in apps.get_app_configs():
        declared = getattr(config, "referral_source", None)
        if isinstance(declared, ReferralSource):
            found[declared.source] = declared
    return found


def open_for(agency_ids: Iterable[int]) -> list[Referral]:
    """The referrals not yet taken, for the agencies named, oldest first."""
    ids = list(agency_ids)
    rows: list[Referral] = []
    for source in sources().values():
        rows.extend(import_string(source.open)(ids))
    return sorted(rows, key=lambda r: (r.found_on, r.key))


def _split(key: Any) -> tuple[ReferralSource, int] | None:
    text = str(key or "").strip()
    name, _, pk = text.partition(":")
    source = sources().get(name)
    if source is None or not pk.isdigit():
        return None
    return source, int(pk)


def find(key: Any) -> Referral | None:
    """The referral named ``"<source>:<pk>"`` (e.g. ``"inspection:12"``), or None."""
    found = _split(key)
    if found is None:
        return None
    source, pk = found
    return import_string(source.get)(pk)


def take(actor: Any, key: Any, case_pk: int) -> None:
    """Mark the referral taken by case ``case_pk``: once (a second attempt is refused)."""
    found = _split(key)
    if found is None:
        raise ValidationError({"referral": ["没有这个移送立案"]})
    source, pk = found
    import_string(source.take)(actor, pk, case_pk)


def _taker() -> ReferralTaker | None:
    for config in apps.get_app_configs():
        declared = getattr(config, "referral_taker", None)
        if isinstance(declared, ReferralTaker):
            return declared
    return None


def case_links(user: Any, case_pks: Iterable[int | None]) -> dict[int, str]:
    """The page of each case referrals became that ``user`` may see, by case pk: a case the user
    may not see gets no link (it would answer 404), nor does one without a taking app."""
    wanted = {pk for pk in case_pks if pk is not None}
    taker = _taker()
    if not wanted or taker is None:
        return {}
    seen: set[int] = import_string(taker.visible)(user, wanted)
    return {pk: reverse(taker.url_name, args=[pk]) for pk in sorted(wanted & set(seen))}
