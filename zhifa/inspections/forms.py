"""Page forms for plans and draws (types only; the services validate and explain)."""

from __future__ import annotations

from typing import Any

from django import forms

from zhifa.catalog.models import Matter
from zhifa.inspections.models import PlanKind
from zhifa.inspections.plan_rules import CREDIT_ORDER, RISK_ORDER
from zhifa.org.models import Agency, Region
from zhifa.parties.models import PartyKind

RISK_LABELS = {"low": "低风险", "medium": "中风险", "high": "高风险"}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # what type=date reads


def ratio_field_name(risk: str, credit: str) -> str:
    return f"ratio_{risk}_{credit}"


class PlanForm(forms.Form):
    lead_agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="牵头部门")
    name = forms.CharField(label="计划名称", max_length=200)
    kind = forms.ChoiceField(label="检查类型", choices=PlanKind.choices)
    agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.filter(is_active=True),
        label="联合检查部门（可多选；不选则仅牵头部门）",
        required=False,
    )
    matters = forms.ModelMultipleChoiceField(
        queryset=Matter.objects.select_related("agency"),
        label="抽查事项（须在随机抽查事项清单上）",
    )
    period_start = forms.DateField(label="检查开始日期", widget=DATE)
    period_end = forms.DateField(label="检查结束日期", widget=DATE)
    basis = forms.CharField(
        label="计划依据", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    regions = forms.ModelMultipleChoiceField(
        queryset=Region.objects.all(), label="抽查区域（不选则为牵头部门所在区划）", required=False
    )
    industries = forms.CharField(
        label="行业代码（国民经济行业分类，逗号分隔，如C13,F52；不填则不限）",
        required=False,
        max_length=300,
    )
    party_kinds = forms.MultipleChoiceField(
        label="主体类型（不选则不限）",
        choices=[c for c in PartyKind.choices if c[0] != PartyKind.PERSON],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["lead_agency"].queryset = agencies
        for risk in RISK_ORDER:
            for credit in CREDIT_ORDER:
                self.fields[ratio_field_name(risk, credit)] = forms.DecimalField(
                    label=f"{RISK_LABELS[risk]}·信用{credit}（%）",
                    required=False,
                    min_value=0,
                    max_value=100,
                    decimal_places=2,
                    max_digits=5,
                )

    def ratio_fields(self) -> list[list[forms.BoundField]]:
        return [[self[ratio_field_name(r, c)] for c in CREDIT_ORDER] for r in RISK_ORDER]

    def plain_fields(self) -> list[forms.BoundField]:
        return [f for f in self if not f.name.startswith("ratio_")]

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        strata = [
            {"risk_class": r, "credit_grade": c, "ratio": data[ratio_field_name(r, c)]}
            for r in RISK_ORDER
            for c in CREDIT_ORDER
            if data.get(ratio_field_name(r, c)) is not None
        ]
        return {
            "name": data["name"],
            "kind": data["kind"],
            "agencies": list(data["agencies"]),
            "matters": list(data["matters"]),
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "basis": data["basis"],
            "regions": list(data["regions"]),
            "industries": [
                i for i in data["industries"].replace("，", ",").split(",") if i.strip()
            ],
            "party_kinds": list(data["party_kinds"]),
            "strata": strata,
        }


class OpinionForm(forms.Form):
    opinion = forms.CharField(
        label="意见", widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class VisitDayForm(forms.Form):
    visit_on = forms.DateField(label="检查日期", widget=DATE)


class ConflictForm(forms.Form):
    officer = forms.ModelChoiceField(queryset=None, label="执法人员")  # type: ignore[arg-type]
    party_code = forms.CharField(label="企业统一社会信用代码", max_length=18)
    reason = forms.CharField(label="回避事由", max_length=200)

    def __init__(self, *args: Any, officers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers
