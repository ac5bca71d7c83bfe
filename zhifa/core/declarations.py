"""What an app offers the portal, declared on its AppConfig (the portal composes them; nobody else
reads them, so no app needs to import the apps above it).

An AppConfig may set:

- ``menu_items``: a sequence of :class:`MenuItem` (the menu, ordered by ``order`` across apps);
- ``home_panels``: a sequence of :class:`HomePanel` (sections of a role's panel on the 工作台);
- ``demo``: a :class:`DemoSeed` (its part of ``manage.py seed_demo``, after the apps it names);
- ``usage_sources``: ``{name: "dotted.path"}`` of functions ``(since: date) -> Iterable[int]`` giving
  the ids of the catalogue's matters used since that day (the five-year review,
  :mod:`zhifa.catalog.usage`);
- ``public_search``: a sequence of :class:`PublicSearch` (what the public portal's search covers);
- ``importers``: a sequence of :class:`Importer` (the Excel imports the portal's 数据导入 page offers);
- ``document_owners``: the models (``"app_label.Model"``) issued documents (文书) may belong to: a
  document is seen by whoever sees its owner (:mod:`zhifa.core.models.documents`).

Functions are named by dotted path and imported when first called, because an AppConfig is loaded
before the app's models are. Roles are the role values (strings), as the pages check them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class MenuItem:
    """A page in the main menu."""

    label: str
    url_name: str
    #: Who sees it; ``None``: every signed-in user. What a role may do is decided by the page.
    roles: frozenset[str] | None = None
    #: Place in the menu across apps (lower first).
    order: int = 100


@dataclass(frozen=True)
class HomePanel:
    """A section an app adds to the panel of each role named in ``templates``.

    ``summary(user, role) -> dict`` is put in the panel under ``name`` (``panel.<name>`` in the
    template), and ``templates[role]`` is included in the role's panel.
    """

    name: str
    summary: str
    templates: Mapping[str, str] = field(default_factory=dict)
    #: Place in the panel across apps (lower first).
    order: int = 100


@dataclass(frozen=True)
class DemoSeed:
    """The app's demo data: ``seed() -> list[str]`` builds it (idempotently) and returns the lines
    ``seed_demo`` prints; it runs after the apps labelled in ``after``."""

    seed: str
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchHit:
    """One result of the public search: what it is called, where it is, a line about it."""

    title: str
    url: str
    detail: str = ""
    #: A short mark shown beside the title (e.g. "有裁量基准").
    mark: str = ""


@dataclass(frozen=True)
class PublicSearch:
    """A kind of public record the portal's search covers (``public_search`` on an AppConfig).

    ``search(q) -> QuerySet`` finds the records matching the words (only what the public may see);
    ``hit(obj) -> SearchHit`` shows one. The portal counts and pages the queryset.
    """

    key: str
    label: str
    search: str
    hit: str
    order: int = 100


@dataclass(frozen=True)
class Importer:
    """An Excel import the portal's 数据导入 page offers (``importers`` on an AppConfig).

    ``template(user) -> bytes`` builds the blank .xlsx for ``user``; ``service(actor, file) ->
    ImportResult`` imports a file all or nothing (raising ``ImportFailed`` with every error by row
    and column). ``url_name`` (with ``url_kwargs``) is the app's own upload page.
    """

    key: str
    label: str
    #: Who may use it (role values). The service still checks what the actor may import into.
    roles: frozenset[str]
    template: str
    service: str
    url_name: str
    url_kwargs: Mapping[str, str] = field(default_factory=dict)
    #: Place on the page across apps (lower first).
    order: int = 100


@dataclass(frozen=True)
class ReferralSource:
    """Leads an app refers to the cases app (``referral_source`` on an AppConfig), e.g. a visit's
    移送立案: read and taken through :mod:`zhifa.core.referrals`, so neither app imports the other.

    ``open(agency_ids) -> list[Referral]``: those not yet taken, for the agencies named;
    ``get(pk) -> Referral | None``; ``take(actor, pk, case_pk)``: marks it taken by that case, once
    (locking it; a second attempt raises a ValidationError on ``referral``), inside the caller's
    transaction, with its ledger entry.
    """

    source: str
    label: str
    open: str
    get: str
    take: str


@dataclass(frozen=True)
class ReferralTaker:
    """The app that turns referrals into cases (``referral_taker`` on an AppConfig), so the
    referring app can link the case without importing it (:func:`zhifa.core.referrals.case_links`).

    ``visible(user, case_pks) -> set[int]``: those of the cases the user may see (one query);
    ``url_name``: the case's page, reversed with its pk.
    """

    visible: str
    url_name: str
