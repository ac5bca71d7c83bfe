"""案号: each agency numbers its cases ``{prefix}〔{year}〕{n}号`` (e.g. ``示市监罚〔2026〕12号``),
from 1 each year, when the case is opened (or a summary decision is made). The agency's prefix is
kept in :class:`~zhifa.cases.models.CaseNumbering` (its information administrator sets it); without
one, the agency's short name stands in."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max

from zhifa.cases.models import Case, CaseNumbering
from zhifa.core import ledger
from zhifa.core.errors import field_error
from zhifa.org.models import Agency, Role
from zhifa.org.permissions import require_agency_role

PREFIX_MAX = 20


def default_prefix(agency: Agency) -> str:
    return (agency.short_name or agency.name).removesuffix("局") + "罚"


def format_number(prefix: str, year: int, seq: int) -> str:
    return f"{prefix}〔{year}〕{seq}号"


def prefix_of(agency: Agency) -> str:
    numbering = CaseNumbering.objects.filter(agency=agency).first()
    return numbering.prefix if numbering else default_prefix(agency)


def next_number(agency: Agency, on: date, prefix: str | None = None) -> str:
    """The number the agency's next case opened on ``on`` would get (a preview: nothing is
    locked or written; :func:`assign` gives the real one)."""
    last = Case.objects.filter(agency=agency, number_year=on.year).aggregate(m=Max("number_seq"))[
        "m"
    ]
    return format_number(prefix or prefix_of(agency), on.year, (last or 0) + 1)


def assign(case: Case, on: date) -> Case:
    """Give ``case`` the agency's next number of ``on``'s year (inside the step's transaction;
    the agency's numbering row is locked so two openings never share a number)."""
    numbering = CaseNumbering.objects.select_for_update().filter(agency=case.agency).first()
    prefix = numbering.prefix if numbering else default_prefix(case.agency)
    if numbering is None:
        # Serialise on the agency row when the agency has no pattern of its own yet.
        Agency.objects.select_for_update().filter(pk=case.agency_id).exists()
    last = Case.objects.filter(agency=case.agency, number_year=on.year).aggregate(
        m=Max("number_seq")
    )["m"]
    case.number_year = on.year
    case.number_seq = (last or 0) + 1
    case.number = format_number(prefix, on.year, case.number_seq)
    return case


@transaction.atomic
def set_prefix(actor: Any, agency: Agency, prefix: str) -> CaseNumbering:
    """The agency's information administrator sets its case-number prefix (字头)."""
    require_agency_role(actor, agency, Role.AGENCY_ADMIN)
    prefix = (prefix or "").strip()
    if not prefix:
        raise field_error("prefix", "请填写案号字头")
    if len(prefix) > PREFIX_MAX or any(c in prefix for c in "〔〕[]号 "):
        raise field_error("prefix", f"案号字头不超过{PREFIX_MAX}字，不含括号、空格和“号”")
    numbering = CaseNumbering.objects.filter(agency=agency).first()
    before = ledger.snapshot(numbering) if numbering else None
    if numbering is None:
        numbering = CaseNumbering.objects.create(agency=agency, prefix=prefix)
    else:
        numbering.prefix = prefix
        numbering.save(update_fields=["prefix"])
    ledger.append(
        actor=actor,
        action="cases.numbering.set",
        obj=numbering,
        before=before,
        after=ledger.snapshot(numbering),
    )
    return numbering
