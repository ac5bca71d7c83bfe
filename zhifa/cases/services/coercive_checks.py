"""The checks of a coercive measure's request (行政强制措施), shared by the workflow's steps.

Sources (强制法 = 《中华人民共和国行政强制法》):

- art. 18(二): at least two officers who may enforce carry the measure out.
- art. 24: the decision lists the places, facilities or things sealed or seized (清单).
- arts. 18, 19: the ordinary procedure is part of an opened case (立案后): the officers ask the
  head beforehand; only an emergency measure carried out on the spot (当场实施, art. 19) may come
  before the case is opened (a lead, or its opening awaiting approval).
- art. 29 (art. 32 for its period): deposits and remittances are frozen only by an agency a law
  authorises, never by delegation; other agencies may not freeze (``Agency.may_freeze``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from zhifa.cases import rules
from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.models.coercive import CoerciveItem, CoerciveKind
from zhifa.core.errors import collect
from zhifa.org.models import AgencyKind
from zhifa.registry.models import Officer

TEXT_MAX = 2000
ITEMS_MAX = 200
ITEM_FIELDS = ("name", "quantity", "place", "note")
ITEM_LIMITS = {"name": 200, "quantity": 50, "place": 200, "note": 300}
ART_29 = "《中华人民共和国行政强制法》第二十九条"
#: The states of a case not yet opened (立案): only an emergency measure may come this early.
NOT_OPENED = (CaseStatus.LEAD, CaseStatus.OPENING)


def text(value: Any) -> str:
    return str(value or "").strip()


def officers_problem(officers: Sequence[Officer], matters: Sequence[Any], on: date) -> str | None:
    """At least two of ``officers`` may enforce on ``on`` for every matter of the case."""
    able, reasons = rules.enforcing(officers, matters, on)
    if len(able) >= rules.MIN_OFFICERS:
        return None
    detail = f"（{'；'.join(reasons)}）" if reasons else ""
    return (
        f"{on.year}年{on.month}月{on.day}日能够执法的实施人员只有{len(able)}名，"
        f"行政强制措施应当由{rules.MIN_OFFICERS}名以上行政执法人员实施{detail}"
    )


def clean_items(raw: Any) -> tuple[list[dict[str, str]], list[str]]:
    """The list (清单, 强制法 art. 24): at least one line, each with its name and quantity."""
    if not isinstance(raw, Sequence) or isinstance(raw, str | bytes) or not raw:
        return [], ["请填写查封、扣押、冻结的场所、设施或者财物清单（至少一项）"]
    if len(raw) > ITEMS_MAX:
        return [], [f"清单不能超过{ITEMS_MAX}项"]
    cleaned, errors = [], []
    for n, item in enumerate(raw, start=1):
        if not isinstance(item, Mapping):
            errors.append(f"第{n}项：应写明名称、数量、存放地点和备注")
            continue
        line = {f: text(item.get(f)) for f in ITEM_FIELDS}
        if not line["name"]:
            errors.append(f"第{n}项：请填写名称")
        if not line["quantity"]:
            errors.append(f"第{n}项：请填写数量")
        for f, limit in ITEM_LIMITS.items():
            if len(line[f]) > limit:
                errors.append(f"第{n}项：{CoerciveItem._meta.get_field(f).verbose_name}过长")
        cleaned.append(line)
    return cleaned, errors


def freezing_problem(case: Case) -> str | None:
    """强制法 art. 29: the case's agency may freeze only where a law authorises it."""
    agency = case.agency
    if agency.may_freeze and agency.kind != AgencyKind.DELEGATED:
        return None
    return (
        f"依据{ART_29}：冻结存款、汇款应当由法律规定的行政机关实施，不得委托；"
        f"{agency.name}未经法律授权冻结存款、汇款"
    )


def case_problem(case: Case, *, emergency: bool) -> str | None:
    """The case must be under way; before it is opened only an emergency measure on the spot
    (强制法 art. 19) may be taken."""
    if case.is_finished:
        return "案件已办结，不能再采取行政强制措施"
    if not emergency and case.status in NOT_OPENED:
        return (
            f"案件尚未立案（{case.get_status_display()}），立案后方可提请采取行政强制措施；"
            "情况紧急需要当场实施的，依照行政强制法第十九条当场实施后报告负责人"
        )
    return None


def check_request(
    case: Case,
    kind: Any,
    place: Any,
    reason: Any,
    officers: Any,
    items: Any,
    *,
    emergency: bool = False,
) -> list[dict[str, str]]:
    """Every problem of a request (or of an emergency measure recorded) at once; the cleaned
    list (清单) when there is none."""
    errors: dict[str, list[str]] = {"case": [], "kind": [], "place": [], "reason": []}
    errors.update({"officers": [], "items": []})
    problem = case_problem(case, emergency=emergency)
    if problem:
        errors["case"].append(problem)
    if kind not in CoerciveKind.values:
        errors["kind"].append("请选择措施种类：查封、扣押或冻结")
    elif kind == CoerciveKind.FREEZE and (problem := freezing_problem(case)):
        errors["kind"].append(problem)
    if not text(place):
        errors["place"].append("请填写实施地点")
    elif len(text(place)) > 200:
        errors["place"].append("实施地点不能超过200字")
    if not text(reason):
        errors["reason"].append("请写明采取行政强制措施的理由和依据")
    elif len(text(reason)) > TEXT_MAX:
        errors["reason"].append(f"理由不能超过{TEXT_MAX}字")
    others = [o for o in officers or [] if o.agency_id != case.agency_id]
    if others:
        names = "、".join(o.name for o in others)
        errors["officers"].append(f"{names}不是本机关的执法人员")
    cleaned, problems = clean_items(items)
    errors["items"].extend(problems)
    collect(errors)
    return cleaned
