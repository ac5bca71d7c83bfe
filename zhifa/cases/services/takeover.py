"""接收历史案件: a case opened before the platform (in the agency's older system or on paper) is
taken over as it stands — its own number, opening day and current state — by the agency's
information administrator, so its deadlines (the decision within 90 days of opening, 处罚法
art. 60) run on the platform from the day it was really opened. Steps already taken are not
replayed; from here on the case follows the workflow table like any other.

``take_over_case`` goes through the workflow table; ``take_over`` is the step it runs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.services import leads
from zhifa.cases.services.procedure import note
from zhifa.core import workflow
from zhifa.core.errors import collect
from zhifa.org.models import Agency

#: The states a case may be taken over in: opened and not yet decided.
TAKEN_OVER_STATES = (
    CaseStatus.INVESTIGATION,
    CaseStatus.PRIOR_NOTICE,
    CaseStatus.HEARING,
    CaseStatus.DECIDING,
)
NUMBER_MAX = 60


def take_over_case(actor: Any, agency: Agency, **data: Any) -> Case:
    """Take over an opened case of ``agency`` (its information administrator)."""
    return workflow.start(Case, "take_over", actor, agency=agency, case_agency=agency, **data)


def take_over(
    _: None,
    actor: Any,
    *,
    case_agency: Agency,
    number: str,
    opened_on: date | None,
    status: str,
    notified_on: date | None = None,
    **lead: Any,
) -> Case:
    """The ``take_over`` step: the lead's checks, plus the number, the opening day and the state."""
    number = (number or "").strip()
    today = timezone.localdate()
    errors: dict[str, list[str]] = {"number": [], "opened_on": [], "status": []}
    if not number:
        errors["number"].append("请填写原案号")
    elif len(number) > NUMBER_MAX:
        errors["number"].append(f"案号不能超过{NUMBER_MAX}字")
    elif Case.objects.filter(agency=case_agency, number=number).exists():
        errors["number"].append(f"案号{number}已被本执法主体使用")
    if not isinstance(opened_on, date):
        errors["opened_on"].append("请填写立案日期")
    elif opened_on > today:
        errors["opened_on"].append("立案日期不能晚于今天")
    elif lead.get("discovered_on") and opened_on < lead["discovered_on"]:
        errors["opened_on"].append("立案日期不能早于发现日期")
    if status not in TAKEN_OVER_STATES:
        errors["status"].append("只接收已立案、尚未作出决定的案件")
    collect(errors)
    case = leads.record(None, actor, case_agency=case_agency, noted=False, **lead)
    case.number, case.opened_on, case.status = number, opened_on, status
    case.notified_on = notified_on if status != CaseStatus.INVESTIGATION else None
    case.save(update_fields=["number", "opened_on", "status", "notified_on", "updated_at"])
    note(case, actor, "take_over", f"原案号{number}，{opened_on:%Y年%m月%d日}立案")
    return case
