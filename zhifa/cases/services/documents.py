"""Generating a case document (文书): the officer picks the kind the case's state allows and gives
its inputs; the document is written from the case and issued through core's document kit (SM3 of
the exact bytes, verification code and QR, ledger entry) — seed 001 三项制度 (执法全过程记录);
处罚法 arts. 44, 54–56, 59, 61, 64 for each document's elements."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from zhifa.cases.documents import KINDS, Kind
from zhifa.cases.models import Case, CaseStatus
from zhifa.core import documents as kit
from zhifa.core.errors import field_error
from zhifa.core.models import IssuedDocument
from zhifa.core.scoping import CHANGE, permits

DENIED = "只有本案承办人员和单位负责人可以制作文书"


def kind_of(key: str) -> Kind:
    kind = KINDS.get(key)
    if kind is None:
        raise field_error("kind", "没有这种文书")
    return kind


def available(case: Case) -> list[Kind]:
    """The kinds the case's state allows now, in the order of the procedure."""
    return [k for k in KINDS.values() if k.fits(case)]


def refusal(case: Case, kind: Kind) -> str | None:
    if case.status not in kind.states:
        state = CaseStatus(case.status).label
        return f"案件当前为“{state}”，不能制作{kind.name}"
    if not kind.fits(case):
        return f"本案不适用{kind.name}"
    return None


def generate(
    actor: Any,
    case: Case,
    kind_key: str,
    data: Mapping[str, Any],
    *,
    base_url: str | None = None,
) -> IssuedDocument:
    """Issue one document of the case: only its handling officers and the agency head (the case's
    ``change`` scope), only in a state the kind allows, only with valid inputs; nothing is written
    otherwise. The case row is locked so that a concurrent transition is seen first."""
    kind = kind_of(kind_key)
    if not permits(actor, case, CHANGE):
        raise PermissionDenied(DENIED)
    with transaction.atomic():
        case = (
            Case.objects.select_for_update()
            .select_related("agency__region", "unit")
            .get(pk=case.pk)
        )
        problem = refusal(case, kind)
        if problem:
            raise ValidationError(problem)
        inputs = kind.clean(case, data)
        builder = kind.build(case, actor, inputs)
        return kit.issue(
            actor=actor,
            owner=case,
            kind=f"cases.{kind.key}",
            kind_name=kind.name,
            builder=builder,
            file_name=f"{kind.name}（{case.number or case.title}）.docx",
            base_url=base_url,
        )
