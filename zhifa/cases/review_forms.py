"""The forms of legal review and discretion pages (types only: the services validate the rest)."""

from __future__ import annotations

from typing import Any

from django import forms

from zhifa.cases.models import Case
from zhifa.cases.models.decisions import DecisionKind, Measure
from zhifa.cases.models.reviews import CHECKLIST, Opinion, Ruling
from zhifa.cases.services.decisions import benchmark_in_force, violation_day
from zhifa.cases.services.review_grounds import GROUNDS
from zhifa.catalog.models import Matter
from zhifa.catalog.services.benchmarks import fact_map
from zhifa.registry.models import Officer, OfficerStatus

TEXTAREA = forms.Textarea(attrs={"rows": 3})
OK_CHOICES = (("yes", "符合"), ("no", "不符合"))


class RequestForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        label="法制审核人员", queryset=Officer.objects.none(), required=False, empty_label="请选择"
    )
    grounds = forms.CharField(label="提请审核的理由", required=False, widget=TEXTAREA)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = Officer.objects.filter(
            agency=case.agency,
            is_legal_reviewer=True,
            status=OfficerStatus.ON_DUTY,
            user__isnull=False,
        ).select_related("unit")
        self.fields["reviewer"].label_from_instance = lambda o: (
            f"{o.name}（{o.unit or '未分科室'}）"
        )


class GroundsForm(forms.Form):
    """处罚法 art. 58(1): a checkbox and its circumstances for each ground."""

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        recorded = case.review_grounds or {}
        initial = {f"on_{k}": k in recorded for k, _, _ in GROUNDS}
        initial.update({f"reason_{k}": recorded.get(k, "") for k, _, _ in GROUNDS})
        super().__init__(*args, initial=initial, **kwargs)
        for key, label, item in GROUNDS:
            self.fields[f"on_{key}"] = forms.BooleanField(
                label=f"{label}（{item}）", required=False
            )
            self.fields[f"reason_{key}"] = forms.CharField(
                label=f"{label}：具体情况",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def grounds(self) -> dict[str, str]:
        data = self.cleaned_data
        return {k: data.get(f"reason_{k}") or "" for k, _, _ in GROUNDS if data.get(f"on_{k}")}


class OpinionForm(forms.Form):
    opinion = forms.ChoiceField(
        label="审核意见", choices=Opinion.choices, widget=forms.RadioSelect, required=False
    )
    reasons = forms.CharField(label="理由", required=False, widget=TEXTAREA)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in CHECKLIST:
            self.fields[f"ok_{key}"] = forms.ChoiceField(
                label=f"审核要点：{label}",
                choices=OK_CHOICES,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"note_{key}"] = forms.CharField(
                label=f"{label}：说明", required=False, max_length=500
            )

    def checklist(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        found = {}
        for key, _ in CHECKLIST:
            answer = data.get(f"ok_{key}")
            if answer:
                found[key] = {"ok": answer == "yes", "note": data.get(f"note_{key}", "")}
        return found


class ObjectionForm(forms.Form):
    objection = forms.CharField(label="异议理由", required=False, widget=TEXTAREA)


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label="延长天数", required=False)
    reason = forms.CharField(label="延期理由", required=False, widget=TEXTAREA)

    def clean_days(self) -> Any:
        days = self.cleaned_data.get("days")
        return 0 if days is None else days


class RulingForm(forms.Form):
    ruling = forms.ChoiceField(
        label="协调结果", choices=Ruling.choices, widget=forms.RadioSelect, required=False
    )
    reasons = forms.CharField(label="协调意见", required=False, widget=TEXTAREA)


def candidate_facts(case: Case, matter: Matter | None, today: Any) -> dict[str, Any]:
    """The facts the benchmarks that may apply ask for (in force when the violation happened and
    today, 处罚法 art. 37), by key."""
    if matter is None:
        return {}
    found: dict[str, Any] = {}
    for day in (violation_day(case), today):
        benchmark = benchmark_in_force(matter, day)
        if benchmark is not None:
            for key, fact in fact_map(benchmark).items():
                found.setdefault(key, fact)
    return found


class DiscretionForm(forms.Form):
    kind = forms.ChoiceField(label="录入", choices=DecisionKind.choices, required=False)
    measures = forms.MultipleChoiceField(
        label="处罚种类",
        choices=Measure.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    fine = forms.CharField(label="罚款金额（元）", required=False)
    confiscated = forms.CharField(label="没收违法所得（元）", required=False)
    other_terms = forms.CharField(label="其他处罚内容", required=False, max_length=300)
    outside_reason = forms.CharField(
        label="超出裁量幅度的书面理由",
        required=False,
        widget=TEXTAREA,
        help_text="罚款超出基准幅度时必填，并提示执法监督",
    )

    def __init__(self, *args: Any, facts: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fact_keys = list(facts)
        for key, fact in facts.items():
            label = f"事实：{fact.label}" + (f"（{fact.unit}）" if fact.unit else "")
            kind = getattr(fact, "kind", "number")
            if kind == "boolean":
                field: forms.Field = forms.BooleanField(label=label, required=False)
            elif kind == "choice" and fact.choices:
                choices = [("", "请选择"), *((c, c) for c in fact.choices)]
                field = forms.ChoiceField(label=label, choices=choices, required=False)
            elif kind == "integer":
                field = forms.IntegerField(label=label, required=False, min_value=0)
            else:
                field = forms.DecimalField(label=label, required=False, min_value=0)
            self.fields[f"fact_{key}"] = field

    def facts(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key in self.fact_keys:
            value = self.cleaned_data.get(f"fact_{key}")
            if value in (None, ""):
                continue
            found[key] = str(value) if not isinstance(value, bool | int) else value
        return found
