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
    S.CLOSED: (*_DECIDED, "serve", "close"),
    S.ARCHIVED: (*_DECIDED, "serve", "close", "archive"),
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
        "withdraw": {"reason": "违法事实不能成立"},
        "transfer": {"recipient": "示范市公安局", "reason": "涉嫌生产销售伪劣产品罪"},
    }.get(action, {})
