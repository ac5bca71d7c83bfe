"""The kinds of case document (文书) the platform generates: each names the case states in which
it may be made, the inputs the officer gives (a form: the page, the API and the service share it)
and the function that writes it from the case."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from zhifa.cases.models import Case
from zhifa.core.docx_kit import Builder


class Inputs(forms.Form):
    """A kind's inputs; ``case`` is given so that choices and checks can depend on it."""

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        self.case = case
        super().__init__(*args, **kwargs)


@dataclass(frozen=True)
class Kind:
    key: str
    name: str
    #: The case states (``CaseStatus`` values) in which the document may be made.
    states: frozenset[str]
    build: Callable[[Case, Any, dict[str, Any]], Builder]
    inputs: type[Inputs] = Inputs
    #: What the document is for, shown beside the button.
    help: str = ""
    #: The procedure (``Procedure`` value) whose cases it belongs to; ``None``: any.
    procedure: str | None = None

    def fits(self, case: Case) -> bool:
        return case.status in self.states and self.procedure in (None, case.procedure)

    def clean(self, case: Case, data: Mapping[str, Any]) -> dict[str, Any]:
        """The inputs parsed and checked; a ValidationError names the fields in Chinese."""
        form = self.inputs(data=data, case=case)
        if not form.is_valid():
            raise ValidationError(
                {field: list(messages) for field, messages in form.errors.items()}
            )
        return form.cleaned_data


KINDS: dict[str, Kind] = {}


def register(*kinds: Kind) -> None:
    for kind in kinds:
        KINDS[kind.key] = kind
