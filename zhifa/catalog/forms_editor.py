"""The benchmark editor's forms: the benchmark's head, and formsets of fact rows, grade rows and
each grade's condition rows (prefixes ``head``, ``facts``, ``grades``, ``grades-<i>-conditions``).

They only shape input. Every cell is read as typed (nothing is refused here: a value that cannot be
read is the service's error, put back on its cell by :meth:`BenchmarkEditor.add_errors`), rows are
added and removed by the buttons' ``op`` (:meth:`BenchmarkEditor.apply`), and the page is drawn
again from the rows, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory

from zhifa.catalog.forms import BenchmarkForm, blank_first
from zhifa.catalog.models import FactKind, MultipleBase
from zhifa.catalog.rules import CIRCUMSTANCES, MULTIPLE_BASES
from zhifa.catalog.services.benchmark_editor import (
    FACT_FIELDS,
    GRADE_FIELDS,
    OP_LABELS,
    new_fact_key,
)

MAX_FACTS, MAX_GRADES, MAX_CONDITIONS = 20, 12, 10


#: The benchmark's own fields (施行日期, 制定文件, 违法行为, the statutory range …).
BenchmarkHeadForm = BenchmarkForm


def _text(label: str, max_length: int, **attrs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=forms.TextInput(attrs=attrs),
    )


def _select(label: str, choices: Sequence[tuple[str, Any]]) -> forms.CharField:
    """A drop-down read as text (the service says when its value is not one of the choices)."""
    return forms.CharField(label=label, required=False, widget=forms.Select(choices=choices))


class FactRowForm(forms.Form):
    key = forms.CharField(required=False, widget=forms.HiddenInput)
    label = _text("事实名称", 60, placeholder="如：违法次数")
    kind = _select("类型", blank_first(FactKind.choices))
    unit = _text("单位", 10, placeholder="如：次、元")
    choices = _text("可选值（选项型）", 300, placeholder="用、分隔，如：较轻、一般、严重")


class GradeRowForm(forms.Form):
    name = _text("裁量阶次", 20, placeholder="如：轻微、一般、较重、严重")
    penalty_kinds = _text("处罚种类", 200, placeholder="用、分隔，如：警告、没收违法所得")
    fine_min = _text("罚款下限（元）", 20, inputmode="decimal")
    fine_max = _text("罚款上限（元）", 20, inputmode="decimal")
    multiple_min = _text("倍数下限", 10, inputmode="decimal")
    multiple_max = _text("倍数上限", 10, inputmode="decimal")
    other_measures = _text("其他措施", 200, placeholder="如：责令改正、吊销许可证")


class ConditionRowForm(forms.Form):
    fact = _select("事实", [])
    op = _select("比较", list(OP_LABELS.items()))
    value = _text("取值", 100, placeholder="数字、是／否或选项")

    def __init__(self, *args: Any, fact_choices: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fact"].widget.choices = list(fact_choices)


FactRows = formset_factory(FactRowForm, extra=0, max_num=MAX_FACTS, absolute_max=MAX_FACTS)
GradeRows = formset_factory(GradeRowForm, extra=0, max_num=MAX_GRADES, absolute_max=MAX_GRADES)
ConditionRows = formset_factory(
    ConditionRowForm, extra=0, max_num=MAX_CONDITIONS, absolute_max=MAX_CONDITIONS
)


def blank_fact(taken: Sequence[str]) -> dict[str, str]:
    return {"key": new_fact_key(taken), "label": "", "kind": "", "unit": "", "choices": ""}


def blank_condition() -> dict[str, str]:
    return {"fact": "", "op": "ge", "value": ""}


def blank_grade() -> dict[str, Any]:
    return {**dict.fromkeys(GRADE_FIELDS, ""), "conditions": [blank_condition()]}


def _raw(form: forms.Form, names: Sequence[str]) -> dict[str, str]:
    return {n: str(form[n].value() or "") for n in names}


def post_data(
    head: Mapping[str, Any], facts: Sequence[Mapping[str, Any]], grades: Sequence[Mapping]
) -> dict[str, Any]:
    """The rows as a POST would carry them (so the formsets are drawn bound, with their errors)."""
    data: dict[str, Any] = {f"head-{k}": v for k, v in head.items()}

    def management(prefix: str, count: int) -> None:
        data[f"{prefix}-TOTAL_FORMS"] = str(count)
        data[f"{prefix}-INITIAL_FORMS"] = "0"

    management("facts", len(facts))
    for i, row in enumerate(facts):
        data.update({f"facts-{i}-{k}": row.get(k, "") for k in FACT_FIELDS})
    management("grades", len(grades))
    for i, row in enumerate(grades):
        data.update({f"grades-{i}-{k}": row.get(k, "") for k in GRADE_FIELDS})
        conditions = row.get("conditions") or []
        management(f"grades-{i}-conditions", len(conditions))
        for j, cond in enumerate(conditions):
            for k in ("fact", "op", "value"):
                data[f"grades-{i}-conditions-{j}-{k}"] = cond.get(k, "")
    return data


class BenchmarkEditor:
    """The head form and the rows' formsets, drawn from rows of text; ``fact_errors`` and
    ``grade_errors`` are the service's messages about the facts or the grades as a whole."""

    def __init__(
        self,
        head: Mapping[str, Any],
        facts: list[dict[str, str]],
        grades: list[dict[str, Any]],
    ) -> None:
        self.facts, self.grades = facts, grades
        data = post_data(head, facts, grades)
        self.head = BenchmarkHeadForm(data, prefix="head")
        self.head.is_valid()
        self.fact_rows = FactRows(data, prefix="facts")
        choices = self.fact_choices()
        self.grade_rows = GradeRows(data, prefix="grades")
        for i, form in enumerate(self.grade_rows.forms):
            form.conditions = ConditionRows(
                data,
                prefix=f"grades-{i}-conditions",
                form_kwargs={"fact_choices": choices},
            )
        self.fact_errors: list[str] = []
        self.grade_errors: list[str] = []

    @classmethod
    def from_post(cls, data: Mapping[str, Any]) -> BenchmarkEditor:
        """The rows as posted (every cell as typed, at most the formsets' maximum of rows)."""
        head_form = BenchmarkHeadForm(data, prefix="head")
        head = {name: head_form[name].value() for name in head_form.fields}
        head = {k: ("" if v is None else v) for k, v in head.items()}
        facts = [_raw(f, FACT_FIELDS) for f in _forms(FactRows(data, prefix="facts"))]
        grades = []
        for i, form in enumerate(_forms(GradeRows(data, prefix="grades"))):
            grade: dict[str, Any] = _raw(form, GRADE_FIELDS)
            rows = ConditionRows(data, prefix=f"grades-{i}-conditions")
            grade["conditions"] = [_raw(c, ("fact", "op", "value")) for c in _forms(rows)]
            grades.append(grade)
        return cls(head, facts, grades)

    @classmethod
    def from_content(cls, head: Mapping[str, Any], facts: list, grades: list) -> BenchmarkEditor:
        """A saved benchmark's rows (``benchmark_editor.to_rows``) with its head as typed text."""
        typed = {k: _head_text(v) for k, v in head.items()}
        return cls(typed, facts, grades)

    # -- what the service takes -----------------------------------------------------------------

    def head_data(self) -> dict[str, Any]:
        """The head's cleaned fields (as ``save_draft`` takes them)."""
        return dict(getattr(self.head, "cleaned_data", {}))

    def fact_choices(self) -> list[Any]:
        """The facts a condition may use, grouped: the benchmark's own, the base of its multiples,
        the circumstances the law names."""
        own = [(f["key"], f["label"]) for f in self.facts if f.get("key") and f.get("label")]
        base = self.head.cleaned_data.get("multiple_base") or MultipleBase.ILLEGAL_INCOME
        groups: list[Any] = [("", "请选择")]
        if own:
            groups.append(("本基准的事实", own))
        statutory_multiple = self.head.cleaned_data.get("multiple_max")
        if statutory_multiple and base in MULTIPLE_BASES and base not in {k for k, _ in own}:
            groups.append(("罚款倍数的计算基数", [(base, MULTIPLE_BASES[base])]))
        groups.append(("法定情形", [(f.key, f.label) for f in CIRCUMSTANCES]))
        return groups

    # -- rows added and removed ------------------------------------------------------------------

    def apply(self, op: str) -> BenchmarkEditor:
        """The editor with a row added or removed: ``add-fact``, ``remove-fact-<i>``,
        ``add-grade``, ``remove-grade-<i>``, ``add-condition-<i>``, ``remove-condition-<i>-<j>``
        (anything else changes nothing)."""
        facts = [dict(f) for f in self.facts]
        grades = [{**g, "conditions": [dict(c) for c in g["conditions"]]} for g in self.grades]
        action, _, where = op.partition("-")
        what, _, place = where.partition("-")
        numbers = [int(n) for n in place.split("-") if n.isdigit()] if place else []
        if action == "add" and what == "fact" and len(facts) < MAX_FACTS:
            facts.append(blank_fact([f["key"] for f in facts]))
        elif action == "add" and what == "grade" and len(grades) < MAX_GRADES:
            grades.append(blank_grade())
        elif action == "add" and what == "condition" and numbers and numbers[0] < len(grades):
            conditions = grades[numbers[0]]["conditions"]
            if len(conditions) < MAX_CONDITIONS:
                conditions.append(blank_condition())
        elif action == "remove" and what == "fact" and numbers and numbers[0] < len(facts):
            del facts[numbers[0]]
        elif action == "remove" and what == "grade" and numbers and numbers[0] < len(grades):
            del grades[numbers[0]]
        elif action == "remove" and what == "condition" and len(numbers) == 2:
            i, j = numbers
            if i < len(grades) and j < len(grades[i]["conditions"]):
                del grades[i]["conditions"][j]
        head = {k: self.head.data.get(f"head-{k}", "") for k in self.head.fields}
        return BenchmarkEditor(head, facts, grades)

    # -- the service's errors on their cells ----------------------------------------------------

    def add_errors(self, exc: ValidationError) -> None:
        if not hasattr(exc, "error_dict"):
            self.head.add_error(None, exc.messages)
            return
        for key, messages in exc.message_dict.items():
            form, name = self._cell(key)
            if form is not None:
                form.add_error(name, messages)
            elif key == "facts":
                self.fact_errors.extend(messages)
            elif key == "grades":
                self.grade_errors.extend(messages)
            else:
                self.head.add_error(key if key in self.head.fields else None, messages)

    def _cell(self, key: str) -> tuple[forms.Form | None, str]:
        parts = key.split("-")
        try:
            if parts[0] == "facts" and len(parts) == 3:
                return self.fact_rows.forms[int(parts[1])], parts[2]
            if parts[0] == "grades" and len(parts) == 3:
                return self.grade_rows.forms[int(parts[1])], parts[2]
            if parts[0] == "grades" and len(parts) == 5 and parts[2] == "conditions":
                grade = self.grade_rows.forms[int(parts[1])]
                return grade.conditions.forms[int(parts[3])], parts[4]
        except (ValueError, IndexError):
            pass
        return None, ""

    @property
    def has_errors(self) -> bool:
        forms_ = [self.head, *self.fact_rows.forms, *self.grade_rows.forms]
        forms_ += [c for g in self.grade_rows.forms for c in g.conditions.forms]
        return bool(self.fact_errors or self.grade_errors or any(f.errors for f in forms_))

    @property
    def base_label(self) -> str:
        base = self.head.cleaned_data.get("multiple_base") or MultipleBase.ILLEGAL_INCOME
        return MULTIPLE_BASES.get(base, "违法所得")


def _forms(formset: forms.BaseFormSet) -> list[forms.Form]:
    """A posted formset's forms; a missing or broken management form is no rows (not a 500)."""
    try:
        return list(formset.forms)
    except ValidationError:
        return []


def _head_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if hasattr(value, "normalize"):
        return f"{value.normalize():f}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
