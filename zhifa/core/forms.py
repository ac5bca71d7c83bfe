"""Pages call services and show the services' field errors on their forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError

T = TypeVar("T")


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's errors on the form fields they name (others on the form itself)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, messages in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


def call_service(
    form: forms.Form, service: Callable[..., T], *args: Any, **kwargs: Any
) -> T | None:
    """Run a service; on a ValidationError put its messages on the form and return None."""
    try:
        return service(*args, **kwargs)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
