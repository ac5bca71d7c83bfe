"""Random-inspection plans (抽查计划): drafted by the lead agency, approved by its head, filed
with the justice bureau, acknowledged (备案) or returned (退回) there.

Sources: 国办发〔2019〕5号 (抽查计划, 双随机、一公开); 54号 (专项检查: yearly quota, approved and filed
plan); seeds 002, 004 (credit and risk set the frequency). The steps are the table
``zhifa.inspections.workflows.PLAN``; these services run inside its transitions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from zhifa.catalog.services.lists import justice_bureau_for
from zhifa.core import workflow
from zhifa.core.errors import collect
from zhifa.inspections import plan_rules
from zhifa.inspections.models import InspectionPlan, PlanKind, PlanStatus, PlanStratum
from zhifa.org.models import Agency
from zhifa.parties.models import PartyKind

INDUSTRY = re.compile(r"^[A-T](\d{1,4})?$")
COUNTED_STATES = (PlanStatus.APPROVED, PlanStatus.FILED, PlanStatus.ACKNOWLEDGED)


def _day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _clean_strata(
    raw: Iterable[Any], errors: dict[str, list[str]]
) -> list[tuple[str, str, Decimal]]:
    strata: list[tuple[str, str, Decimal]] = []
    for item in raw:
        risk, credit, ratio = (
            (item.get("risk_class", ""), item.get("credit_grade", ""), item.get("ratio"))
            if isinstance(item, Mapping)
            else item
        )
        risk, credit = (risk or "").strip(), (credit or "").strip().upper()
        if risk not in ("", *plan_rules.RISK_ORDER):
            errors["strata"].append(f"风险分类“{risk}”无效（应为低、中、高或留空）")
            continue
        if credit not in ("", *plan_rules.CREDIT_ORDER):
            errors["strata"].append(f"信用等级“{credit}”无效（应为A、B、C、D或留空）")
            continue
        try:
            strata.append((risk, credit, Decimal(str(ratio))))
        except (InvalidOperation, ValueError):
            errors["strata"].append(f"抽查比例“{ratio}”不是数字")
    if not strata and not errors["strata"]:
        errors["strata"].append("至少设置一个抽查分层（风险分类×信用等级）及其抽查比例")
    errors["strata"].extend(plan_rules.stratum_problems(strata))
    return strata


def _validate(
    *,
    lead_agency: Agency,
    name: str,
    kind: str,
    agencies: Iterable[Agency],
    matters: Iterable[Any],
    period_start: date | None,
    period_end: date | None,
    industries: Iterable[str],
    party_kinds: Iterable[str],
    strata: Iterable[Any],
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {
        k: []
        for k in (
            "name",
            "kind",
            "agencies",
            "matters",
            "period_end",
            "industries",
            "party_kinds",
            "strata",
        )
    }
    name = (name or "").strip()
    if not name:
        errors["name"].append("请填写计划名称")
    if kind not in PlanKind.values:
        errors["kind"].append("检查类型应为日常检查或专项检查")
    agencies = list({a.pk: a for a in [lead_agency, *agencies]}.values())
    if any(not a.is_active for a in agencies):
        errors["agencies"].append("参与部门中有已撤销的执法主体")
    matters = list(matters)
    if not matters:
        errors["matters"].append("至少选择一项抽查事项")
    if period_start is None or period_end is None:
        errors["period_end"].append("请填写检查起止日期")
    elif period_end < period_start:
        errors["period_end"].append("检查结束日期不能早于开始日期")
    elif matters:
        errors["matters"].extend(
            plan_rules.matter_problems(agencies, matters, (period_start, period_end))
        )
    industries = [i.strip().upper() for i in industries if i and i.strip()]
    for code in industries:
        if not INDUSTRY.match(code):
            errors["industries"].append(
                f"行业代码“{code}”无效（国民经济行业分类：门类字母加0至4位数字，如C、C13、F52）"
            )
    party_kinds = [k for k in party_kinds if k]
    for party_kind in party_kinds:
        if party_kind not in PartyKind.values or party_kind == PartyKind.PERSON:
            errors["party_kinds"].append(
                f"主体类型“{party_kind}”不能抽查（自然人不进入公开抽查名单）"
            )
    clean = _clean_strata(strata, errors)
    collect(errors)
    return {
        "name": name,
        "kind": kind,
        "agencies": agencies,
        "matters": matters,
        "industries": industries,
        "party_kinds": party_kinds,
        "strata": clean,
    }


def _save(plan: InspectionPlan, clean: dict[str, Any], regions: Iterable[Any]) -> InspectionPlan:
    plan.agencies.set(clean["agencies"])
    plan.matters.set(clean["matters"])
    plan.regions.set(list(regions))
    plan.strata.all().delete()
    PlanStratum.objects.bulk_create(
        PlanStratum(plan=plan, risk_class=r, credit_grade=c, ratio=ratio)
        for r, c, ratio in clean["strata"]
    )
    return plan


def draft(
    _: None,
    actor: Any,
    *,
    lead_agency: Agency,
    name: str,
    kind: str,
    matters: Iterable[Any],
    period_start: date | None,
    period_end: date | None,
    strata: Iterable[Any],
    agencies: Iterable[Agency] = (),
    basis: str = "",
    regions: Iterable[Any] = (),
    industries: Iterable[str] = (),
    party_kinds: Iterable[str] = (),
) -> InspectionPlan:
    """Draft a plan: matters from the random-inspection lists, pool filters, a ratio per stratum
    (国办发〔2019〕5号; seeds 002, 004)."""
    clean = _validate(
        lead_agency=lead_agency,
        name=name,
        kind=kind,
        agencies=agencies,
        matters=matters,
        period_start=period_start,
        period_end=period_end,
        industries=industries,
        party_kinds=party_kinds,
        strata=strata,
    )
    plan = InspectionPlan.objects.create(
        name=clean["name"],
        kind=kind,
        lead_agency=lead_agency,
        period_start=period_start,
        period_end=period_end,
        basis=(basis or "").strip(),
        industries=clean["industries"],
        party_kinds=clean["party_kinds"],
        created_by=actor,
    )
    return _save(plan, clean, regions)


def revise(
    plan: InspectionPlan,
    actor: Any,
    *,
    name: str,
    kind: str,
    matters: Iterable[Any],
    period_start: date | None,
    period_end: date | None,
    strata: Iterable[Any],
    agencies: Iterable[Agency] = (),
    basis: str = "",
    regions: Iterable[Any] = (),
    industries: Iterable[str] = (),
    party_kinds: Iterable[str] = (),
) -> InspectionPlan:
    """Change a draft (or a plan the bureau returned); it becomes a draft again."""
    clean = _validate(
        lead_agency=plan.lead_agency,
        name=name,
        kind=kind,
        agencies=agencies,
        matters=matters,
        period_start=period_start,
        period_end=period_end,
        industries=industries,
        party_kinds=party_kinds,
        strata=strata,
    )
    plan.name, plan.kind = clean["name"], clean["kind"]
    plan.period_start, plan.period_end = period_start, period_end
    plan.basis = (basis or "").strip()
    plan.industries, plan.party_kinds = clean["industries"], clean["party_kinds"]
    plan.status = PlanStatus.DRAFT
    plan.save()
    return _save(plan, clean, regions)


def submit(plan: InspectionPlan, actor: Any) -> InspectionPlan:
    plan.status = PlanStatus.SUBMITTED
    plan.save(update_fields=["status"])
    return plan


def approve(plan: InspectionPlan, actor: Any) -> InspectionPlan:
    """The head approves the plan (54号: every inspection approved by the agency head)."""
    plan.status = PlanStatus.APPROVED
    plan.approved_by = actor
    plan.approved_at = timezone.now()
    plan.save(update_fields=["status", "approved_by", "approved_at"])
    return plan


def send_back(plan: InspectionPlan, actor: Any, opinion: str = "") -> InspectionPlan:
    opinion = (opinion or "").strip()
    if not opinion:
        raise ValidationError({"opinion": "退回须说明理由"})
    plan.status = PlanStatus.DRAFT
    plan.opinion = opinion
    plan.save(update_fields=["status", "opinion"])
    return plan


def file(plan: InspectionPlan, actor: Any) -> InspectionPlan:
    """File the approved plan with the justice bureau of the lead agency's region (54号)."""
    plan.status = PlanStatus.FILED
    plan.justice_bureau = justice_bureau_for(plan.lead_agency)
    plan.filed_at = timezone.now()
    plan.opinion = ""
    plan.save(update_fields=["status", "justice_bureau", "filed_at", "opinion"])
    return plan


def handle(
    plan: InspectionPlan, actor: Any, *, acknowledge: bool, opinion: str = ""
) -> InspectionPlan:
    """The bureau's supervisor acknowledges the filing (备案) or returns it with an opinion."""
    opinion = (opinion or "").strip()
    if not acknowledge and not opinion:
        raise ValidationError({"opinion": "退回须填写审查意见"})
    plan.status = PlanStatus.ACKNOWLEDGED if acknowledge else PlanStatus.RETURNED
    plan.opinion = opinion
    plan.save(update_fields=["status", "opinion"])
    return plan


# -- guards ---------------------------------------------------------------------------------


def period_not_over(plan: InspectionPlan, actor: Any, data: Mapping[str, Any]) -> str | None:
    today = timezone.localdate()
    if plan.period_end < today:
        return f"检查结束日期{_day(plan.period_end)}已过，请修改计划"
    return None


def matters_still_listed(plan: InspectionPlan, actor: Any, data: Mapping[str, Any]) -> str | None:
    problems = plan_rules.matter_problems(
        plan.agencies.all(),
        plan.matters.select_related("agency"),
        (plan.period_start, plan.period_end),
    )
    return "；".join(problems) or None


def within_special_quota(plan: InspectionPlan, actor: Any, data: Mapping[str, Any]) -> str | None:
    """Special (专项) plans count against the lead agency's yearly quota (54号)."""
    if plan.kind != PlanKind.SPECIAL:
        return None
    year = plan.period_start.year
    quota = plan_rules.special_quota()
    used = (
        InspectionPlan.objects.filter(
            lead_agency=plan.lead_agency,
            kind=PlanKind.SPECIAL,
            period_start__year=year,
            status__in=COUNTED_STATES,
        )
        .exclude(pk=plan.pk)
        .count()
    )
    if used >= quota:
        return f"{plan.lead_agency.short_name or plan.lead_agency.name}{year}年已批准专项检查计划{used}项，已达年度上限{quota}项"
    return None


def has_bureau(plan: InspectionPlan, actor: Any, data: Mapping[str, Any]) -> str | None:
    return None if justice_bureau_for(plan.lead_agency) else "未找到受理报备的司法行政部门"


# -- entry points ---------------------------------------------------------------------------


def create_plan(actor: Any, lead_agency: Agency, **data: Any) -> InspectionPlan:
    return workflow.start(
        InspectionPlan, "draft", actor, agency=lead_agency, lead_agency=lead_agency, **data
    )


def act(actor: Any, plan: InspectionPlan, action: str, **data: Any) -> InspectionPlan:
    return workflow.transition(plan, action, actor, **data)
