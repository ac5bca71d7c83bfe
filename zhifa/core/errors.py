"""Validation errors with Chinese messages, raised by services and shown by pages and the API."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def field_error(field: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def collect(errors: dict[str, list[str]]) -> None:
    """Raise one ValidationError holding every field's messages, if there are any."""
    if any(errors.values()):
        raise ValidationError({field: msgs for field, msgs in errors.items() if msgs})
