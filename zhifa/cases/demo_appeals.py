"""Demo appeals of 示范市 (复议、诉讼): on served cases of 市市场监管局 (handled by scjg_zhang), the
parties applied for reconsideration or sued: one still pending, one upheld, one revoked (with the
reconsideration decision as a small made-up PDF) — so the case page, the supervision signal and
the counts have something to show.

Built through the services by the agency head, on the day of service (relative to today);
idempotent (nothing happens once an appeal exists)."""

from __future__ import annotations

from django.core.files.base import ContentFile

from zhifa.cases.models import Appeal, Case
from zhifa.cases.services import appeals
from zhifa.org.models import Agency, Membership, Role

#: (kind, body, claim, outcome or "", note)
PLAN = (
    ("reconsideration", "示范市人民政府", "请求撤销行政处罚决定", "", ""),
    (
        "lawsuit",
        "示范市东城区人民法院",
        "请求撤销行政处罚决定",
        "dismissed",
        "原告的诉讼请求不能成立",
    ),
    ("reconsideration", "示范市人民政府", "请求撤销罚款", "revoked", "主要事实不清、证据不足"),
)


def _decision_pdf() -> bytes:
    return b"%PDF-1.4\n% demo: reconsideration decision\n1 0 obj<<>>endobj\n%%EOF\n"


def seed() -> list[str]:
    if Appeal.objects.exists():
        return []
    agency = Agency.objects.filter(short_name="市市场监管局").first()
    if agency is None:
        return []
    head = (
        Membership.objects.filter(agency=agency, role=Role.AGENCY_HEAD)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    served = list(
        Case.objects.filter(
            agency=agency, served_on__isnull=False, officers__officer__user__username="scjg_zhang"
        ).order_by("pk")[: len(PLAN)]
    )
    if head is None or not served:
        return []
    made = 0
    for case, (kind, body, claim, result, note) in zip(served, PLAN, strict=False):
        appeal = appeals.file_appeal(
            head.user, case, kind=kind, body=body, filed_on=case.served_on, claim=claim
        )
        if result:
            document = (
                ContentFile(_decision_pdf(), name="decision.pdf") if result == "revoked" else None
            )
            appeals.record_result(
                head.user,
                appeal,
                result=result,
                result_on=case.served_on,
                note=note,
                document=document,
            )
        made += 1
    return [f"行政复议、行政诉讼：{made}件（市市场监管局）"]
