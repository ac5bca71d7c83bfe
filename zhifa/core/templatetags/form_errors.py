"""``form|field_errors_named``: a form's field errors, each naming its field, with the id of the
input to link to (the error summary at the top of a form, ``_error_summary.html``)."""

from __future__ import annotations

from django import forms, template

register = template.Library()


@register.filter
def field_errors_named(form: forms.BaseForm) -> list[tuple[str, str]]:
    """``[(input id or "", message)]`` in the form's field order."""
    found = []
    for bound in form:
        for message in getattr(bound, "summary_errors", bound.errors):
            found.append(("" if bound.is_hidden else bound.id_for_label, message))
    return found
