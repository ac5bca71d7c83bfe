"""The forms of the approval steps (one per kind of step): what each person fills in. The service
validates again (the API and the pages share it); these only shape the input."""

from __future__ import annotations

from typing import Any

from django import forms

from zhifa.catalog.forms import DateInput, text_area


class SubmitForm(forms.Form):
    """送法制审核: a button."""


class ReviewForm(forms.Form):
    opinion = forms.CharField(
        label="审核意见",
        required=False,
        widget=text_area(3),
        help_text="同意时可简写；不同意时须写明理由",
    )


class DiscussionForm(forms.Form):
    discussed_on = forms.DateField(label="集体讨论日期", widget=DateInput)
    participants = forms.CharField(
        label="参加人员", max_length=300, help_text="如：局长张某、副局长李某、法制科科长王某"
    )
    opinion = forms.CharField(label="讨论结论", widget=text_area(3))


class PublishRuleForm(forms.Form):
    effective_on = forms.DateField(
        label="施行日期",
        widget=DateInput,
        help_text="不得早于发布之日（不溯及既往）；可晚于批准时的日期",
    )
    confirm = forms.BooleanField(
        label="我已核对：发布后本版本不再修改，并报送司法行政部门备案",
        error_messages={"required": "请勾选确认后再发布"},
    )


class RefileForm(forms.Form):
    effective_on = forms.DateField(label="新版本施行日期", widget=DateInput)
    submit = forms.BooleanField(
        label="内容已按审查意见修改完毕，直接送法制审核",
        required=False,
        help_text="不勾选则新建草稿，修改后再送审",
    )


FORMS: dict[str, type[forms.Form]] = {
    "submit": SubmitForm,
    "review_pass": ReviewForm,
    "review_fail": ReviewForm,
    "approve": DiscussionForm,
    "disapprove": DiscussionForm,
    "publish": PublishRuleForm,
}


def form_for(action: str, data: Any = None, **kwargs: Any) -> forms.Form:
    return FORMS[action](data, prefix=action, **kwargs)


def service_data(action: str, cleaned: dict[str, Any]) -> dict[str, Any]:
    """What the step's service takes (the confirmation box is the page's own)."""
    return {k: v for k, v in cleaned.items() if k != "confirm"}
