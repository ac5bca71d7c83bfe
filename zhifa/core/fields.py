"""Model fields for personal data: stored encrypted (SM4-GCM), read as plain text in Python."""

from __future__ import annotations

from typing import Any

from django.db import models

from zhifa.core import crypto


class EncryptedTextField(models.TextField):
    """Text kept encrypted at rest; the Python value is the plain text (or ``""``).

    Equality lookups cannot work on ciphertext: store a :func:`crypto.blind_index` beside the field
    when a lookup is needed. The ledger records such fields by their index, never in clear.
    """

    encrypted = True

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str:
        if not value:
            return ""
        return crypto.decrypt(value)

    def to_python(self, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, str) and value.startswith(crypto.PREFIX):
            return crypto.decrypt(value)
        return str(value)

    def get_prep_value(self, value: Any) -> str:
        value = super().get_prep_value(value)
        if not value:
            return ""
        return crypto.encrypt(value)
