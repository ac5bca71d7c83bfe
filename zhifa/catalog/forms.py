"""Forms of the catalogue pages. They only shape input: every rule (legal basis, gaps and overlaps
between grades, conditions over known facts, opinions on returned filings …) is checked by the
services, whose Chinese errors ``call_service`` puts back on these forms. So fields the services
check are optional here, and named as the services' arguments."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db.models import QuerySet

from zhifa.catalog.models import (
    FactKind,
    ListKind,
    Matter,
    MatterCategory,
    MatterLevel,
    MatterStatus,
    MultipleBase,
)
from zhifa.catalog.rules import CIRCUMSTANCES, OPS, Fact
from zhifa.org.models import Agency, EnforcementField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def blank_first(choices, label: str = "请选择") -> list[tuple[str, str]]:
    return [("", label), *choices]


def text_area(rows: int, **attrs: Any) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


# ---------------------------------------------------------------------------------------------
# 执法事项
# ---------------------------------------------------------------------------------------------


class MatterForm(forms.Form):
    """A matter's fields as ``create_matter``/``update_matter`` take them (the service checks)."""

    agency = forms.ModelChoiceField(label="实施主体", queryset=Agency.objects.none())
    code = forms.CharField(label="事项编码", max_length=40, required=False)
    name = forms.CharField(label="事项名称", max_length=200, required=False)
    category = forms.ChoiceField(
        label="职权类别", required=False, choices=blank_first(MatterCategory.choices)
    )
    level = forms.ChoiceField(
        label="行使层级", required=False, choices=blank_first(MatterLevel.choices)
    )
    field = forms.ModelChoiceField(
        label="执法领域",
        queryset=EnforcementField.objects.all(),
        required=False,
        empty_label="（未标明）",
        help_text="执法证件只能用于其执法领域内的事项；未标明领域的事项无法核对证件",
    )
    status = forms.ChoiceField(label="状态", required=False, choices=MatterStatus.choices)
    law = forms.CharField(
        label="法律依据（法律、法规或规章名称）",
        max_length=200,
        required=False,
        help_text="不含书名号，如：中华人民共和国食品安全法",
    )
    article = forms.CharField(
        label="条款", max_length=100, required=False, help_text="如：第一百二十二条第一款"
    )
    article_text = forms.CharField(label="条文内容", required=False, widget=text_area(4))

    def __init__(
        self,
        *args,
        agencies: QuerySet[Agency] | None = None,
        matter: Matter | None = None,
        **kwargs,
    ) -> None:
        if matter is not None:
            kwargs.setdefault(
                "initial",
                {
                    k: getattr(matter, k)
                    for k in (
                        "code",
                        "name",
                        "category",
                        "level",
                        "field",
                        "status",
                        "law",
                        "article",
                        "article_text",
                    )
                },
            )
        super().__init__(*args, **kwargs)
        if agencies is None:
            del self.fields["agency"]
        else:
            self.fields["agency"].queryset = agencies
            if len(agencies) == 1:
                self.fields["agency"].initial = agencies[0].pk
            del self.fields["status"]  # a new matter is in force (有效)


# ---------------------------------------------------------------------------------------------
# 清单
# ---------------------------------------------------------------------------------------------


class DraftForm(forms.Form):
    """Start a new version of a list (``draft_version``)."""

    kind = forms.ChoiceField(label="清单", choices=blank_first(ListKind.choices), required=False)
    effective_on = forms.DateField(label="施行日期", widget=DateInput)
    note = forms.CharField(label="调整说明", max_length=200, required=False)
    copy_from_current = forms.BooleanField(label="复制现行版本的条目", required=False, initial=True)


def _parse_value(text: str) -> Any:
    """A condition's value as typed in a row: 是/否 → true/false, a number, otherwise text."""
    value = text.strip()
    if value.lower() in ("是", "true", "yes", "y"):
        return True
    if value.lower() in ("否", "false", "no", "n"):
        return False
    try:
        number = Decimal(value)
    except InvalidOperation:
        return value
    if not number.is_finite():
        return value
    return int(number) if number == number.to_integral_value() else str(number)


class ConditionRowForm(forms.Form):
    """One clause of a four-lists entry: 事实 / 比较 / 取值 (over the law's circumstances)."""

    fact = forms.ChoiceField(
        label="事实",
        required=False,
        choices=blank_first([(f.key, f.label) for f in CIRCUMSTANCES], "—"),
    )
    op = forms.ChoiceField(
        label="比较",
        required=False,
        initial="eq",
        choices=[(k, symbol) for k, (symbol, _) in OPS.items() if k != "in"],
    )
    value = forms.CharField(
        label="取值",
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"placeholder": "是／否"}),
    )

    def clause(self) -> dict[str, Any] | None:
        data = getattr(self, "cleaned_data", {})
        if not data.get("fact"):
            return None
        return {
            "fact": data["fact"],
            "op": data.get("op") or "eq",
            "value": _parse_value(data.get("value") or ""),
        }


ConditionRows = forms.formset_factory(ConditionRowForm, extra=4, max_num=20)


def parse_json(text: str, expected: type, what: str) -> Any:
    """JSON typed in a textarea, with a Chinese message saying where it is wrong."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise forms.ValidationError(
            f"{what}不是有效的JSON（第{exc.lineno}行第{exc.colno}列）"
        ) from None
    if not isinstance(value, expected):
        shape = "列表 [ … ]" if expected is list else "对象 { … }"
        raise forms.ValidationError(f"{what}应为{shape}")
    return value


class EntryForm(forms.Form):
    """Add an entry to a draft: a matter; for the four lists a circumstance with its conditions,
    given as rows (``ConditionRows``) or as JSON in ``conditions``."""

    matter = forms.ModelChoiceField(
        label="执法事项", queryset=Matter.objects.none(), required=False, empty_label="请选择"
    )
    title = forms.CharField(label="适用情形", max_length=200, required=False)
    basis = forms.CharField(label="依据", max_length=300, required=False)
    may = forms.BooleanField(
        label="属于“可以”情形（由执法机关裁量），不勾选为“应当”", required=False
    )
    attrs = forms.CharField(
        label="清单内容",
        required=False,
        widget=text_area(3, placeholder="抽查对象：食品生产企业\n抽查比例：5%"),
        help_text="每行一项，写作“名称：内容”",
    )
    conditions = forms.CharField(
        label="适用条件（JSON，可选）",
        required=False,
        widget=text_area(
            3,
            placeholder='[{"fact": "first_violation", "op": "eq", "value": true}]',
            **{"class": "hash"},
        ),
        help_text="填写此项时不再使用上面的条件表格",
    )

    def __init__(self, *args, matters: QuerySet[Matter], leniency: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.leniency = leniency
        self.fields["matter"].queryset = matters
        if leniency:
            del self.fields["attrs"]
            self.fields["matter"].help_text = "可不选：不选时适用于本单位的所有处罚事项"
        else:
            for name in ("title", "may", "conditions"):
                del self.fields[name]

    def clean_attrs(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for number, line in enumerate(self.cleaned_data.get("attrs", "").splitlines(), start=1):
            if not line.strip():
                continue
            key, sep, value = line.replace("：", ":", 1).partition(":")
            if not sep or not key.strip():
                raise forms.ValidationError(f"第{number}行应写作“名称：内容”")
            found[key.strip()] = value.strip()
        return found

    def clean_conditions(self) -> list | None:
        text = self.cleaned_data.get("conditions", "").strip()
        return parse_json(text, list, "适用条件") if text else None

    def entry(self, rows: Any) -> dict[str, Any]:
        """The arguments of ``add_entry`` (the conditions from the JSON or else from the rows)."""
        data = dict(self.cleaned_data)
        if not self.leniency:
            return {"matter": data["matter"], "attrs": data["attrs"], "basis": data["basis"]}
        conditions = data["conditions"]
        if conditions is None:
            conditions = [c for c in (row.clause() for row in rows) if c is not None]
        return {
            "matter": data["matter"],
            "title": data["title"],
            "basis": data["basis"],
            "attrs": {"may": True} if data["may"] else {},
            "conditions": conditions,
        }


# ---------------------------------------------------------------------------------------------
# 裁量基准
# ---------------------------------------------------------------------------------------------


class BenchmarkForm(forms.Form):
    """A draft benchmark's own fields as ``save_draft`` takes them (the service checks
    everything); its facts and grades are the editor's rows (``forms_editor``)."""

    effective_on = forms.DateField(label="施行日期", required=False, widget=DateInput)
    source_document = forms.CharField(label="制定文件", max_length=200, required=False)
    violation = forms.CharField(label="违法行为", max_length=300, required=False)
    violation_basis = forms.CharField(label="违法依据", max_length=300, required=False)
    penalty_basis = forms.CharField(label="处罚依据", max_length=300, required=False)
    statutory_range = forms.CharField(label="法定处罚幅度", required=False, widget=text_area(2))
    fine_min = forms.CharField(label="法定罚款下限（元）", required=False)
    fine_max = forms.CharField(label="法定罚款上限（元）", required=False)
    multiple_min = forms.CharField(label="法定罚款下限（倍数）", required=False)
    multiple_max = forms.CharField(label="法定罚款上限（倍数）", required=False)
    multiple_base = forms.ChoiceField(
        label="罚款倍数的计算基数", choices=MultipleBase.choices, required=False
    )
    mitigation_floor = forms.CharField(
        label="减轻处罚的罚款下限（元）", required=False, help_text="不填则可减至零"
    )
    mitigation_to_warning = forms.BooleanField(label="减轻处罚可以只给予警告", required=False)


class PublishForm(forms.Form):
    """A button: publish, or start a new version (only the service's errors)."""


class ApplyBenchmarkForm(forms.Form):
    """One input per fact (named by its key, so ``apply_benchmark``'s errors land on it)."""

    YES_NO = [("", "未认定"), ("true", "是"), ("false", "否")]

    def __init__(self, *args, facts: dict[str, Fact], needed: set[str], **kwargs) -> None:
        kwargs.setdefault("prefix", "e")
        super().__init__(*args, **kwargs)
        self.facts = facts
        law = {f.key for f in CIRCUMSTANCES}
        self.main = [k for k in facts if k not in law or k in needed]
        self.circumstances = [k for k in facts if k in law and k not in needed]
        for key in [*self.main, *self.circumstances]:
            self.fields[key] = self._field(facts[key], required=key in needed)

    def _field(self, fact: Fact, required: bool) -> forms.Field:
        label = f"{fact.label}（{fact.unit}）" if fact.unit else fact.label
        if fact.kind in (FactKind.NUMBER, FactKind.INTEGER):
            mode = "numeric" if fact.kind == FactKind.INTEGER else "decimal"
            return forms.CharField(
                label=label,
                required=False,
                max_length=30,
                widget=forms.TextInput(attrs={"inputmode": mode}),
            )
        if fact.kind == FactKind.BOOLEAN:
            return forms.ChoiceField(label=label, required=False, choices=self.YES_NO)
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=blank_first([(c, c) for c in fact.choices], "未认定"),
        )

    def values(self) -> dict[str, Any]:
        """The facts given, for ``apply_benchmark`` (blanks left out; it says which are missing)."""
        found: dict[str, Any] = {}
        for key, value in self.cleaned_data.items():
            if value in (None, ""):
                continue
            if self.facts[key].kind == FactKind.BOOLEAN:
                found[key] = value == "true"
            else:
                found[key] = value.strip() if isinstance(value, str) else value
        return found


# ---------------------------------------------------------------------------------------------
# 报备
# ---------------------------------------------------------------------------------------------


class HandleForm(forms.Form):
    opinion = forms.CharField(
        label="审查意见",
        required=False,
        widget=text_area(3),
        help_text="退回时须写明审查意见",
    )
