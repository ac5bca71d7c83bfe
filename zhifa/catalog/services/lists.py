"""Versioned lists and their filing with the justice bureau (报备; seed 000 (七)(十); 118号).

A published version never changes: adjusting a list is publishing a new version with its
effective date. Publishing files it with the justice bureau of the agency's region (or the nearest
one above); a supervisor there acknowledges it or returns it with an opinion.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import Max
from django.utils import timezone

from zhifa.catalog.models import Filing, FilingStatus, ListEntry, ListKind, ListVersion, Matter
from zhifa.catalog.models.lists import LENIENCY_KINDS
from zhifa.catalog.rules import CIRCUMSTANCES, check_conditions
from zhifa.core import workflow
from zhifa.core.errors import collect, field_error
from zhifa.org.models import Agency, AgencyKind
from zhifa.org.models.regions import code_prefix


def as_of(agency: Agency, kind: str, day: date) -> ListVersion | None:
    """The version of a list in force on ``day``: the latest published one effective by then."""
    return (
        ListVersion.objects.filter(
            agency=agency, kind=kind, published_at__isnull=False, effective_on__lte=day
        )
        .order_by("-effective_on", "-number")
        .first()
    )


def draft_version(
    actor: Any,
    agency: Agency,
    *,
    kind: str,
    effective_on: date,
    note: str = "",
    copy_from_current: bool = True,
) -> ListVersion:
    """Start a new version of a list (the ``draft`` step of ``catalog.workflows.LIST_VERSION``)."""
    return workflow.start(
        ListVersion,
        "draft",
        actor,
        agency=agency,
        list_agency=agency,
        kind=kind,
        effective_on=effective_on,
        note=note,
        copy_from_current=copy_from_current,
    )


def draft(
    _: None,
    actor: Any,
    *,
    list_agency: Agency,
    kind: str,
    effective_on: date,
    note: str = "",
    copy_from_current: bool = True,
) -> ListVersion:
    """A new draft of a list, copying the entries in force to edit; one draft of a list at a time
    (a list is adjusted by publishing a new version; seed 000 (七)(十))."""
    agency = list_agency
    if kind not in ListKind.values:
        raise field_error("kind", "请选择清单")
    if ListVersion.objects.filter(agency=agency, kind=kind, published_at__isnull=True).exists():
        raise field_error("kind", "该清单已有未发布的草稿，请先发布或继续编辑该草稿")
    number = (
        ListVersion.objects.filter(agency=agency, kind=kind).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    version = ListVersion.objects.create(
        agency=agency,
        kind=kind,
        number=number,
        effective_on=effective_on,
        note=(note or "")[:200],
    )
    current = as_of(agency, kind, effective_on) if copy_from_current else None
    if current is not None:
        ListEntry.objects.bulk_create(
            [
                ListEntry(
                    version=version,
                    matter=e.matter,
                    title=e.title,
                    attrs=e.attrs,
                    conditions=e.conditions,
                    basis=e.basis,
                )
                for e in current.entries.all()
            ]
        )
    return version


def add_entry(
    actor: Any,
    version: ListVersion,
    *,
    matter: Matter | None = None,
    title: str = "",
    attrs: dict | None = None,
    conditions: list | None = None,
    basis: str = "",
) -> ListEntry:
    """Add an entry to a draft (the ``add_entry`` step of ``catalog.workflows.LIST_VERSION``)."""
    return workflow.transition(
        version,
        "add_entry",
        actor,
        matter=matter,
        title=title,
        attrs=attrs,
        conditions=conditions,
        basis=basis,
    )


def entry(
    version: ListVersion,
    actor: Any,
    *,
    matter: Matter | None = None,
    title: str = "",
    attrs: dict | None = None,
    conditions: list | None = None,
    basis: str = "",
) -> ListEntry:
    """Add a matter (or, for the four lists, a circumstance with its conditions) to a draft."""
    errors: dict[str, list[str]] = {"matter": [], "title": [], "conditions": []}
    if matter is not None and matter.agency_id != version.agency_id:
        errors["matter"].append("只能列入本单位的执法事项")
    if version.kind in LENIENCY_KINDS:
        if not (title or "").strip():
            errors["title"].append("请填写适用情形")
        facts = {f.key: f for f in CIRCUMSTANCES}
        if not conditions:
            errors["conditions"].append("请设置适用条件")
        else:
            errors["conditions"].extend(check_conditions(conditions, facts))
    elif matter is None:
        errors["matter"].append("请选择执法事项")
    elif version.entries.filter(matter=matter).exists():
        errors["matter"].append("该事项已在清单中")
    collect(errors)
    return ListEntry.objects.create(
        version=version,
        matter=matter,
        title=(title or "").strip(),
        attrs=attrs or {},
        conditions=conditions or [],
        basis=(basis or "").strip(),
    )


def justice_bureau_for(agency: Agency) -> Agency | None:
    """The justice bureau of the agency's region, or of the nearest region above it."""
    bureaus = Agency.objects.filter(kind=AgencyKind.JUSTICE, is_active=True).select_related(
        "region"
    )
    code = agency.region.code
    candidates = [b for b in bureaus if code.startswith(code_prefix(b.region.code))]
    return max(candidates, key=lambda b: len(code_prefix(b.region.code)), default=None)


def publish_version(actor: Any, version: ListVersion) -> Filing:
    """Publish a draft and file it (the ``publish`` step of ``catalog.workflows.LIST_VERSION``)."""
    return workflow.transition(version, "publish", actor)


def has_entries(version: ListVersion, actor: Any, data: Mapping[str, Any]) -> str | None:
    """An empty list is not published."""
    return None if version.entries.exists() else "清单没有任何条目，不能发布"


def has_bureau(version: ListVersion, actor: Any, data: Mapping[str, Any]) -> str | None:
    """A published list is filed with the justice bureau (seed 000 (十); 118号): there must be one
    to receive it."""
    return None if justice_bureau_for(version.agency) else "未找到受理报备的司法行政部门"


def publish(version: ListVersion, actor: Any) -> Filing:
    """Publish a draft and file it with the justice bureau (报备; seed 000 (十))."""
    version.published_at, version.status = timezone.now(), "published"
    version.save(update_fields=["published_at", "status"])
    return Filing.objects.create(
        agency=version.agency,
        version=version,
        justice_bureau=justice_bureau_for(version.agency),
        workflow_version=workflow.latest(Filing).version,
    )


def handle_filing(actor: Any, filing: Filing, *, acknowledge: bool, opinion: str = "") -> Filing:
    """A supervisor of the receiving bureau acknowledges a filing, or returns it with an opinion
    (the ``acknowledge`` and ``return`` steps of ``catalog.workflows.FILING``)."""
    return workflow.transition(
        filing, "acknowledge" if acknowledge else "return", actor, opinion=opinion
    )


def handle(filing: Filing, actor: Any, *, acknowledge: bool, opinion: str = "") -> Filing:
    """备案 (acknowledged) or 退回 (returned, only with the bureau's opinion)."""
    if not acknowledge and not (opinion or "").strip():
        raise field_error("opinion", "退回报备须写明审查意见")
    filing.status = FilingStatus.ACKNOWLEDGED if acknowledge else FilingStatus.RETURNED
    filing.opinion = (opinion or "").strip()
    filing.handled_by, filing.handled_at = actor, timezone.now()
    filing.save()
    return filing
