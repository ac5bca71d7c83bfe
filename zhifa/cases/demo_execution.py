"""Demo execution (送达与执行) for 市市场监管局's served cases with a fine, through the case's
execution steps: one partly paid, one with a deferral approved by the head (处罚法 art. 66), one
paid in full (arts. 67, 72), and in the full demo instalments waiting for the head.

What the demo cannot show through cases made today (``demo_history`` shows them through the
take-over of historic cases): a fine overdue and a case enforced by the court.
A decision is always made today (the ``decide`` step has no day to give) and payment runs 15 days
from service, so no demo case is late on the day it is seeded; the court application needs the
appeal periods (6 months) ended. ``time_machine`` is a test dependency only, so the demo does not
move the clock (the tests show both, with the clock frozen)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from zhifa.cases.models import Case, CaseStatus, Execution, Payment, PaymentArrangement
from zhifa.cases.services.procedure import act
from zhifa.org.models import Agency, Membership, Role, User

AGENCY = "市市场监管局"
HANDLER = "scjg_zhang"


def _partly_paid(case: Case, record: Execution, officer: Any, head: Any) -> str:
    half = (record.fine / 2).quantize(Decimal("0.01"))
    act(officer, case, "pay", paid_on=timezone.localdate(), amount_paid=half, reference="DEMO-1")
    return "部分缴纳"


def _deferred(case: Case, record: Execution, officer: Any, head: Any) -> str:
    today = timezone.localdate()
    act(
        officer,
        case,
        "apply_arrangement",
        kind="deferral",
        applied_on=today,
        reason="受市场影响，经营资金周转困难，申请暂缓缴纳罚款。",
        deferred_to=today + timedelta(days=60),
    )
    act(head, case, "approve_arrangement", opinion="情况属实，同意暂缓缴纳。")
    return "批准暂缓缴纳"


def _paid(case: Case, record: Execution, officer: Any, head: Any) -> str:
    act(
        officer,
        case,
        "pay",
        paid_on=timezone.localdate(),
        amount_paid=record.fine,
        reference="DEMO-2",
    )
    return "已缴清"


def _instalments(case: Case, record: Execution, officer: Any, head: Any) -> str:
    today = timezone.localdate()
    first = (record.fine / 2).quantize(Decimal("0.01"))
    act(
        officer,
        case,
        "apply_arrangement",
        kind="instalments",
        applied_on=today,
        reason="当事人为个体工商户，确有经济困难，申请分两期缴纳。",
        instalments=[
            {"due": (today + timedelta(days=30)).isoformat(), "amount": str(first)},
            {"due": (today + timedelta(days=60)).isoformat(), "amount": str(record.fine - first)},
        ],
    )
    return "分期缴纳申请待批准"


SCENES = (_partly_paid, _deferred, _paid, _instalments)


def seed() -> list[str]:
    """Once (idempotent): cases in execution with a fine and nothing recorded yet."""
    agency = Agency.objects.filter(short_name=AGENCY).first()
    head = (
        Membership.objects.filter(agency=agency, role=Role.AGENCY_HEAD)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if agency is None or head is None:
        return []
    seeded = Payment.objects.filter(case__agency=agency, reference__startswith="DEMO-")
    if seeded.exists() or PaymentArrangement.objects.filter(case__agency=agency).exists():
        return []
    records = list(
        Execution.objects.filter(
            case__agency=agency,
            case__status=CaseStatus.EXECUTION,
            case__officers__officer__user__username=HANDLER,
            fine__gt=0,
            case__payments__isnull=True,
            case__arrangements__isnull=True,
        )
        .exclude(case__source_reference__startswith="DEMO-HIST")  # demo_history's, as taken over
        .select_related("case")
        .order_by("case_id")
        .distinct()[: len(SCENES)]
    )
    officer = User.objects.filter(username=HANDLER).first()
    if officer is None:
        return []
    done = []
    for record, scene in zip(records, SCENES, strict=False):
        with transaction.atomic():
            done.append(scene(record.case, record, officer, head.user))
    return [f"送达与执行：{'、'.join(done)}（{AGENCY}）"] if done else []
