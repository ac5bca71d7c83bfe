"""Demo 报备 of on-the-spot decisions (处罚法 art. 52) for 市市场监管局's summary cases, through the
services: the 当场行政处罚决定书 issued by the lead officer, then two filings acknowledged by the
head (已备案), one waiting for the head (on the approvals page), one returned with an opinion; the
rest stay unfiled (the officers' to-do).

What the demo cannot show through the services: a late filing. A decision is always made today
(the ``decide_on_spot`` step has no day to give) and a filing cannot precede its decision, so no
demo filing is late on the day it is seeded (the tests show it, with the clock frozen).
Idempotent: nothing happens once any decision has been filed."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from zhifa.cases.models import Case, OnSpotDecision, OnSpotFilingStatus, Procedure
from zhifa.cases.services import documents, spot_filing
from zhifa.org.models import Membership, Role

AGENCY = "市市场监管局"
#: What happens to the first summary cases, in order.
PLAN = ("acknowledge", "acknowledge", "wait", "return")


def _head(case: Case) -> Any:
    member = (
        Membership.objects.filter(agency=case.agency, role=Role.AGENCY_HEAD, user__is_active=True)
        .select_related("user")
        .first()
    )
    return member.user if member else None


def seed() -> list[str]:
    if OnSpotDecision.objects.exclude(filing_status=OnSpotFilingStatus.NOT_FILED).exists():
        return []
    cases = Case.objects.filter(
        procedure=Procedure.SUMMARY, agency__short_name=AGENCY, status="execution"
    ).order_by("pk")
    done: list[str] = []
    for case, what in zip(cases, PLAN, strict=False):
        lead = case.officers.filter(role="lead").select_related("officer__user").first()
        head = _head(case)
        if lead is None or lead.officer.user is None or head is None:
            continue
        officer = lead.officer.user
        try:
            documents.generate(officer, case, "on_spot_decision", {})
            spot_filing.file_on_spot(officer, case, note="当场处罚决定报备")
            if what == "acknowledge":
                spot_filing.acknowledge_filing(head, case)
            elif what == "return":
                spot_filing.return_on_spot_filing(
                    head, case, opinion="处罚依据条款未写明款项，请更正后重新报备"
                )
        except (ValidationError, PermissionDenied):
            continue  # a demo case the services refuse: skip it
        done.append(what)
    if not done:
        return []
    return [
        f"当场处罚决定报备：已备案{done.count('acknowledge')}件，待确认{done.count('wait')}件，"
        f"已退回{done.count('return')}件"
    ]
