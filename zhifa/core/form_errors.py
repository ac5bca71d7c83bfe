"""Form errors that name their field, for every form of the platform.

Django's required-field message is "这个字段是必填项。" (in English "This field is required."):
read in an error summary, or by a screen reader that jumps to it, it does not say which field.
Here a required field that was left empty says "请填写「姓名」" (请选择 for a choice, 请上传 for
a file, 请勾选 for a box to tick), and each field offers ``summary_errors``: its messages each
naming the field, for the error summary at the top of a form (``_form.html`` and the apps'
``_fields.html``/``_errors.html``).

It is installed once for all forms as the form renderer (``FORM_RENDERER``) whose
``bound_field_class`` is :class:`NamedBoundField` (Django 5.2), so no form class has to opt in.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.forms.utils import ErrorList

DEFAULT_REQUIRED = forms.Field.default_error_messages["required"]
CHOOSE = (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple, forms.SelectMultiple)


def field_name(bound: BoundField) -> str:
    """The field as the user reads it: its label (or its name when it has none)."""
    return str(bound.label or bound.name).rstrip("：:")


def required_message(bound: BoundField) -> str:
    """What to say when ``bound`` was left empty, naming it."""
    widget = bound.field.widget
    name = field_name(bound)
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return f"请上传「{name}」"
    if isinstance(widget, forms.CheckboxInput):
        return f"请勾选「{name}」"
    if isinstance(widget, CHOOSE):
        return f"请选择「{name}」"
    return f"请填写「{name}」"


class NamedBoundField(BoundField):
    @property
    def errors(self) -> ErrorList:
        errors = super().errors
        if not errors:
            return errors
        # A field's own required message (a form that already words it) is kept.
        default = str(self.field.error_messages.get("required")) == str(DEFAULT_REQUIRED)
        messages: list[str] = []
        for item in errors.data:
            if default and isinstance(item, ValidationError) and item.code == "required":
                messages.append(required_message(self))
            else:
                messages.extend(ValidationError(item).messages)
        named = self.form.error_class(messages, renderer=self.form.renderer)
        named.error_class, named.field_id = errors.error_class, errors.field_id
        return named

    @property
    def summary_errors(self) -> list[str]:
        """The field's messages, each naming the field (for a summary away from the field)."""
        name = field_name(self)
        return [m if f"「{name}」" in m else f"「{name}」：{m}" for m in self.errors]


class Renderer(DjangoTemplates):
    """Django's template renderer, with fields whose errors name them."""

    bound_field_class = NamedBoundField
