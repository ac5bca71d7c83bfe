"""The steps that take a lead to each state of the ordinary procedure, with who takes them and
plain data: for the demo city and the tests' factories (never for a user's work)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zhifa.cases.models import CaseStatus as S
from zhifa.org.models import Role

_DECIDED = ("submit_opening", "open", "notify", "submit_decision", "decide")

PATHS: dict[str, tuple[str, ...]] = {
    S.LEAD: (),
    S.OPENING: ("submit_opening",),
    S.INVESTIGATION: ("submit_opening", "open"),
    S.PRIOR_NOTICE: ("submit_opening", "open", "notify"),
    S.HEARING: ("submit_opening", "open", "notify", "request_hearing"),
    S.LEGAL_REVIEW: ("submit_opening", "open", "notify", "submit_review"),
    S.DECIDING: ("submit_opening", "open", "notify", "submit_review", "pass_review"),
    S.DISCUSSION: ("submit_opening", "open", "notify", "submit_decision", "submit_discussion"),
    S.DECIDED: _DECIDED,
    S.EXECUTION: (*_DECIDED, "serve"),
    S.CLOSED: (*_DECIDED, "serve", "record_measures", "close"),
    S.ARCHIVED: (*_DECIDED, "serve", "record_measures", "close", "archive"),
    S.NOT_OPENED: ("submit_opening", "not_open"),
    S.WITHDRAWN: ("submit_opening", "open", "withdraw"),
    S.TRANSFERRED: ("submit_opening", "open", "transfer"),
}

#: Who takes each step (the rest: the case's lead officer).
ROLES = {
    "open": Role.AGENCY_HEAD,
    "send_back": Role.AGENCY_HEAD,
    "not_open": Role.AGENCY_HEAD,
    "submit_discussion": Role.AGENCY_HEAD,
    "conclude_discussion": Role.AGENCY_HEAD,
    "decide": Role.AGENCY_HEAD,
    "decide_no_penalty": Role.AGENCY_HEAD,
    "close": Role.AGENCY_HEAD,
    "withdraw": Role.AGENCY_HEAD,
    "transfer": Role.AGENCY_HEAD,
    "pass_review": Role.LEGAL_REVIEWER,
    "return_review": Role.LEGAL_REVIEWER,
}


def data_for(action: str) -> dict[str, Any]:
    """Plain data for ``action`` (what a user would type)."""
    return {
        "send_back": {"opinion": "请补充现场检查笔录"},
        "not_open": {"reason": "违法事实不能成立"},
        "return_review": {"opinion": "证据不足，补充后再审"},
        "conclude_discussion": {"opinion": "经集体讨论，同意承办机构意见"},
        "decide_no_penalty": {"reason": "初次违法且危害后果轻微并及时改正（第三十三条第一款）"},
        "serve": {"served_on": timezone.localdate(), "method": "direct"},
        "record_measures": {"done_on": timezone.localdate(), "note": "处罚决定已执行完毕"},
        "withdraw": {"reason": "违法事实不能成立"},
        "transfer": {
            "recipient_kind": "police",
            "recipient": "示范市公安局",
            "reason": "涉嫌生产销售伪劣产品罪",
        },
    }.get(action, {})


#: The evidence a transfer takes along when the case has none yet (a small made-up PDF).
TRANSFER_EVIDENCE = b"%PDF-1.4\n1 0 obj<<>>endobj\n% demo: inquiry record\n%%EOF\n"


def data_on(case: Any, action: str, actor: Any) -> dict[str, Any]:
    """:func:`data_for` on ``case``: a transfer takes the case's evidence list along (seed 000
    (十五)), so a case without evidence first gets the record of questioning, added through the
    evidence service by ``actor`` (the head taking the step)."""
    data = data_for(action)
    if action != "transfer":
        return data
    if not case.evidence.exists():
        _add_questioning_record(case, actor)
    return {**data, "evidence": list(case.evidence.values_list("pk", flat=True))}


def _add_questioning_record(case: Any, actor: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhifa.cases.rules import enforcing
    from zhifa.cases.services import evidence

    today = timezone.localdate()
    officers = [o.officer for o in case.officers.select_related("officer")]
    able, _ = enforcing(officers, [m.matter for m in case.matters.select_related("matter")], today)
    evidence.add_evidence(
        actor,
        case,
        kind="party_statement",
        title="对当事人的询问笔录",
        source="执法人员询问当事人制作，经当事人核对签字",
        collected_on=today,
        collected_by=able[:2],
        upload=SimpleUploadedFile("inquiry.pdf", TRANSFER_EVIDENCE, "application/pdf"),
    )
