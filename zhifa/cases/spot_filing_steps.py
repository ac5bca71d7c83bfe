"""The case table's rows for filing an on-the-spot decision with the agency (处罚法 art. 52;
``zhifa.cases.services.spot_filing``): spliced into ``zhifa.cases.workflows`` after
``collect_on_spot``. The case stays in execution; the filing's own state is on its
``OnSpotDecision``."""

from __future__ import annotations

from typing import Any

from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.services import spot_filing
from zhifa.core import workflow as wf
from zhifa.org.models import Role

OFFICERS = (Role.OFFICER, Role.AGENCY_HEAD)
HEADS = (Role.AGENCY_HEAD,)


def _may_file(case: Case, user: Any, data: Any) -> str | None:
    return spot_filing.filing_problem(case)


def _filed(case: Case, user: Any, data: Any) -> str | None:
    return spot_filing.answer_problem(case)


def _filed_before_closing(case: Case, user: Any, data: Any) -> str | None:
    return spot_filing.close_problem(case)


FILED_BEFORE_CLOSING = wf.Guard(_filed_before_closing, rule=spot_filing.ART_52)
FILING_STEPS = (
    wf.Step(
        "file_on_spot",
        "报备当场处罚决定",
        (CaseStatus.EXECUTION,),
        None,
        OFFICERS,
        spot_filing.file,
        guards=(wf.Guard(_may_file, rule=spot_filing.ART_52),),
    ),
    wf.Step(
        "acknowledge_filing",
        "当场处罚决定备案",
        (CaseStatus.EXECUTION,),
        None,
        HEADS,
        spot_filing.acknowledge,
        guards=(wf.Guard(_filed, rule=spot_filing.ART_52),),
    ),
    wf.Step(
        "return_filing",
        "退回当场处罚决定报备",
        (CaseStatus.EXECUTION,),
        None,
        HEADS,
        spot_filing.return_filing,
        guards=(wf.Guard(_filed, rule=spot_filing.ART_52),),
    ),
)
