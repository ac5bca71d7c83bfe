"""Demo documents of 示范市: for a few cases of each state, the document the state calls for —
立案审批表 for leads, 现场检查笔录 for cases under investigation, 行政处罚决定书 for decided cases
with their penalty recorded — issued through the service by the case's lead officer, so the
documents panel and the public check page have something to show.

Idempotent (nothing happens once any case has a document) and bounded (``per_kind`` cases per
kind).
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from zhifa.cases.models import Case, CaseStatus, DecisionKind
from zhifa.cases.services import documents
from zhifa.core.models import IssuedDocument

S = CaseStatus


def _inputs(kind: str) -> dict[str, Any]:
    if kind == "opening_form":
        return {"opinion": "当事人涉嫌违法，符合立案条件，建议立案调查。"}
    if kind == "inspection_record":
        return {
            "started_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "place": "当事人经营场所",
            "present": "当事人负责人",
            "findings": "执法人员检查发现货架上摆放超过保质期的预包装食品待售。",
        }
    return {}


PLAN = (
    ("opening_form", (S.LEAD, S.OPENING)),
    ("inspection_record", (S.INVESTIGATION,)),
    ("decision", (S.DECIDED, S.EXECUTION)),
)


def seed(per_kind: int = 3) -> list[str]:
    with_documents = IssuedDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(Case)
    ).values("object_id")
    if with_documents.exists():
        return []
    issued = 0
    for kind, states in PLAN:
        cases = Case.objects.filter(status__in=states).exclude(pk__in=with_documents)
        if kind == "decision":
            cases = cases.filter(decisions__kind=DecisionKind.FINAL).distinct()
        made = 0
        for case in cases.order_by("pk")[: per_kind * 3]:
            lead = case.officers.filter(role="lead").select_related("officer__user").first()
            if lead is None or lead.officer.user is None:
                continue
            try:
                documents.generate(lead.officer.user, case, kind, _inputs(kind))
            except (ValidationError, PermissionDenied):
                continue  # a demo case the service would not document: skip it
            made += 1
            if made == per_kind:
                break
        issued += made
    return [f"文书：{issued}份（页脚验证码可在 /public/documents/ 核验）"] if issued else []
