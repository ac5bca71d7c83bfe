"""Helpers for the legal review and decision tests: reviewers, a published benchmark on the case's
matter, the major-decision list, closed similar cases."""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import date
from typing import Any

from django.utils import timezone

from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.models.decisions import Decision
from zhifa.cases.models.reviews import LegalReview
from zhifa.catalog.models import DiscretionBenchmark, ListKind, Matter
from zhifa.catalog.services import lists
from zhifa.catalog.tests.approval_fixtures import publish_benchmark, publish_list
from zhifa.catalog.tests.catalog_fixtures import published_food, save_food
from zhifa.org.models import Agency, Role, UnitKind, User
from zhifa.registry.models import Officer
from zhifa.testing import ledger as shared
from zhifa.testing.factories import OfficerFactory, UserFactory, admin_of
from zhifa.testing.filings import head_of, member
from zhifa.testing.ledger_guard import writes_around_services

CASE_MODELS = (LegalReview, Decision)

#: Every point of the checklist holds.
ALL_OK = {
    k: {"ok": True, "note": ""}
    for k in ("subject", "facts", "evidence", "law", "procedure", "discretion", "documents")
}


def refused(message: str, field: str | None = None) -> AbstractContextManager[Any]:
    """The block raises a ValidationError showing ``message`` and writes nothing."""
    return shared.refused(message, *CASE_MODELS, field=field)


def review_unit(agency: Agency) -> Any:
    return agency.units.filter(kind=UnitKind.LEGAL_REVIEW).order_by("pk").first()


def reviewer(agency: Agency, *, new: bool = False, qualified: bool = True) -> Officer:
    """A legal reviewer of the agency's legal review unit with an account holding the role: the
    persona ``scjg_li`` (unless ``new``)."""
    user = UserFactory(role=Role.LEGAL_REVIEWER, agency=agency) if new else None
    user = user or member(agency, Role.LEGAL_REVIEWER)
    found = Officer.objects.filter(user=user).first()
    if found is not None:
        return found
    return OfficerFactory(
        agency=agency,
        unit=review_unit(agency),
        post="法制审核岗",
        is_legal_reviewer=True,
        has_legal_qualification=qualified,
        user=user,
    )


def handler(case: Case) -> User:
    """The lead officer's account (the persona officer)."""
    return case.officers.get(role="lead").officer.user


def head(case: Case) -> User:
    return head_of(case.agency)


def matter_of(case: Case) -> Matter:
    return case.matters.get().matter


def food_benchmark(case: Case, **changes: Any) -> DiscretionBenchmark:
    """The catalogue tests' food benchmark (轻微: fine 50,000–60,000; 一般: 10–13 times the goods
    value …) published for the case's matter, effective 1 January 2024 unless told."""
    admin = admin_of(case.agency)
    if not changes:
        return published_food(admin, matter_of(case))
    return publish_benchmark(admin, save_food(admin, matter_of(case), **changes))


def on_major_decision_list(case: Case) -> None:
    """Put the case's matter on the agency's major-decision list, in force today."""
    admin = admin_of(case.agency)
    version = lists.draft_version(
        admin,
        case.agency,
        kind=ListKind.MAJOR_DECISION,
        effective_on=timezone.localdate(),
        copy_from_current=True,
    )
    lists.add_entry(
        admin,
        version,
        matter=matter_of(case),
        attrs={"认定标准": "拟处十万元以上罚款的", "审核机构": "法规科"},
        basis="《中华人民共和国行政处罚法》第五十八条",
    )
    publish_list(admin, version)


def closed(case: Case, on: date | None = None) -> None:
    """Mark a case closed (its closing steps are another helper's table)."""
    with writes_around_services("a closed similar case for 类案参考"):
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closed_on=on)
