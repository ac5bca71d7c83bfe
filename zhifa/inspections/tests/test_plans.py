"""Random-inspection plans: matters from the random-inspection list, ratios that follow credit and
risk, the head's approval, the special-plan quota, filing with the justice bureau."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhifa.core import parameters
from zhifa.inspections.models import InspectionPlan, PlanStatus, PlanStratum
from zhifa.inspections.plan_rules import SPECIAL_PLANS_PER_YEAR
from zhifa.inspections.services import plans
from zhifa.inspections.tests.draw_fixtures import (
    agency,
    filed_plan,
    inspection_matter,
    plan_data,
    random_list_with,
)
from zhifa.testing.ledger import recorded, refused


@pytest.fixture
def listed(midyear, personas):
    matter = inspection_matter()
    random_list_with(matter)
    return matter


def test_it_carries_a_plan_from_draft_to_the_justice_bureau(listed, personas):
    with recorded(
        "inspections.plan.draft",
        "inspections.plan.submit",
        "inspections.plan.approve",
        "inspections.plan.file",
    ):
        plan = filed_plan(personas, [listed])
    assert plan.status == PlanStatus.FILED
    assert plan.justice_bureau.short_name == "市司法局"
    assert plan.approved_by == personas.agency_head
    assert [s.label for s in plan.strata.all()] == ["高风险·信用D", "低风险·信用A"]
    with recorded("inspections.plan.handle"):
        plans.act(personas.city_supervisor, plan, "acknowledge")
    plan.refresh_from_db()
    assert plan.get_status_display() == "已备案"


def test_a_returned_plan_is_revised_and_goes_round_again(listed, personas):
    plan = filed_plan(personas, [listed])
    with refused("退回须填写审查意见", InspectionPlan):
        plans.act(personas.city_supervisor, plan, "return")
    plans.act(personas.city_supervisor, plan, "return", opinion="抽查比例偏高")
    plan.refresh_from_db()
    assert (plan.status, plan.opinion) == (PlanStatus.RETURNED, "抽查比例偏高")
    data = plan_data([listed], strata=[{"risk_class": "low", "credit_grade": "A", "ratio": "3"}])
    plans.act(personas.officer, plan, "revise", **data)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert [str(s.ratio) for s in plan.strata.all()] == ["3.00"]


def test_it_refuses_a_matter_not_on_the_random_inspection_list(listed, personas):
    unlisted = inspection_matter()
    with refused(
        "不在市市场监管局2026年6月18日施行的随机抽查事项清单上", InspectionPlan, PlanStratum
    ):
        plans.create_plan(personas.officer, agency(), **plan_data([listed, unlisted]))


def test_it_refuses_a_matter_the_list_drops_before_the_plan_ends(midyear, personas):
    matter = inspection_matter()
    random_list_with(matter)
    random_list_with(inspection_matter(), on=date(2026, 8, 1))  # a new version without it
    with refused("2026年9月30日施行的随机抽查事项清单上", InspectionPlan):
        plans.create_plan(personas.officer, agency(), **plan_data([matter]))


def test_it_refuses_a_better_credit_grade_drawn_more_often(listed, personas):
    strata = [
        {"risk_class": "medium", "credit_grade": "A", "ratio": "20"},
        {"risk_class": "medium", "credit_grade": "C", "ratio": "10"},
    ]
    message = "中风险·信用A的抽查比例（20%）高于中风险·信用C（10%）：信用好的企业抽查比例应更低"
    with refused(message, InspectionPlan, field="strata"):
        plans.create_plan(personas.officer, agency(), **plan_data([listed], strata=strata))


def test_it_refuses_a_lower_risk_drawn_more_often_and_a_ratio_past_100(listed, personas):
    strata = [
        {"risk_class": "low", "credit_grade": "B", "ratio": "30"},
        {"risk_class": "high", "credit_grade": "B", "ratio": "120"},
    ]
    with pytest.raises(ValidationError) as caught:
        plans.create_plan(personas.officer, agency(), **plan_data([listed], strata=strata))
    shown = caught.value.message_dict["strata"]
    assert "分层“高风险·信用B”的抽查比例应大于0且不超过100%" in shown


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": " "}, "name", "请填写计划名称"),
        ({"matters": []}, "matters", "至少选择一项抽查事项"),
        ({"period_end": date(2026, 6, 1)}, "period_end", "检查结束日期不能早于开始日期"),
        ({"industries": ["食品"]}, "industries", "行业代码“食品”无效"),
        ({"party_kinds": ["person"]}, "party_kinds", "自然人不进入公开抽查名单"),
        ({"strata": []}, "strata", "至少设置一个抽查分层"),
        ({"kind": "weekly"}, "kind", "检查类型应为日常检查或专项检查"),
    ],
)
def test_it_explains_bad_input_and_writes_nothing(listed, personas, changes, field, message):
    with refused(message, InspectionPlan, PlanStratum, field=field):
        plans.create_plan(personas.officer, agency(), **plan_data([listed], **changes))


def test_special_plans_count_against_the_yearly_quota(listed, personas, sysadmin):
    parameters.set_value(sysadmin, SPECIAL_PLANS_PER_YEAR.key, 1)
    filed_plan(personas, [listed], kind="special", name="专项一")
    second = plans.create_plan(personas.officer, agency(), **plan_data([listed], kind="special"))
    plans.act(personas.officer, second, "submit")
    with refused("2026年已批准专项检查计划1项，已达年度上限1项", InspectionPlan, field="kind"):
        plans.act(personas.agency_head, second, "approve")
    daily = plans.create_plan(personas.officer, agency(), **plan_data([listed]))
    plans.act(personas.officer, daily, "submit")
    plans.act(personas.agency_head, daily, "approve")  # daily plans do not count


def test_only_the_head_approves_and_outsiders_do_not_see_the_plan(listed, personas):
    plan = plans.create_plan(personas.officer, agency(), **plan_data([listed]))
    plans.act(personas.officer, plan, "submit")
    with pytest.raises(PermissionDenied, match="单位负责人"):
        plans.act(personas.officer, plan, "approve")
    assert not InspectionPlan.objects.visible_to(personas.outsider).filter(pk=plan.pk).exists()
    assert not InspectionPlan.objects.visible_to(personas.enterprise).filter(pk=plan.pk).exists()
    assert InspectionPlan.objects.visible_to(personas.city_supervisor).filter(pk=plan.pk).exists()
    with pytest.raises(PermissionDenied):
        plans.create_plan(personas.outsider, agency(), **plan_data([listed]))


@pytest.fixture
def sysadmin(personas):
    return personas.system_admin
