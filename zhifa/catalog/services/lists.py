"""Versioned lists and their filing with the justice bureau (报备; seed 000 (七)(十); 118号).

A published version never changes: adjusting a list is publishing a new version with its
effective date. Publishing files it with the justice bureau of the agency's region (or the nearest
one above); a supervisor there acknowledges it or returns it with an opinion.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from zhifa.catalog.models import Filing, FilingStatus, ListEntry, ListKind, ListVersion, Matter
from zhifa.catalog.models.lists import LENIENCY_KINDS
from zhifa.catalog.rules import CIRCUMSTANCES, check_conditions
from zhifa.core import ledger
from zhifa.core.errors import collect, field_error
from zhifa.org.models import Agency, AgencyKind, Role
from zhifa.org.models.regions import code_prefix
from zhifa.org.permissions import holds_role_in, require_agency_role


def as_of(agency: Agency, kind: str, day: date) -> ListVersion | None:
    """The version of a list in force on ``day``: the latest published one effective by then."""
    return (
        ListVersion.objects.filter(
            agency=agency, kind=kind, published_at__isnull=False, effective_on__lte=day
        )
        .order_by("-effective_on", "-number")
        .first()
    )


@transaction.atomic
def draft_version(
    actor: Any,
    agency: Agency,
    *,
    kind: str,
    effective_on: date,
    note: str = "",
    copy_from_current: bool = True,
) -> ListVersion:
    """Start a new version of a list (a draft), copying the current entries to edit."""
    require_agency_role(actor, agency, Role.AGENCY_ADMIN)
    if kind not in ListKind.values:
        raise field_error("kind", "请选择清单")
    if ListVersion.objects.filter(agency=agency, kind=kind, published_at__isnull=True).exists():
        raise field_error("kind", "该清单已有未发布的草稿，请先发布或继续编辑该草稿")
    number = (
        ListVersion.objects.filter(agency=agency, kind=kind).aggregate(n=Max("number"))["n"] or 0
    ) + 1
    version = ListVersion.objects.create(
        agency=agency, kind=kind, number=number, effective_on=effective_on, note=(note or "")[:200]
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
    ledger.append(
        actor=actor, action="catalog.list.draft", obj=version, after=ledger.snapshot(version)
    )
    return version


@transaction.atomic
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
    """Add a matter (or, for the four lists, a circumstance with its conditions) to a draft."""
    version = ListVersion.objects.select_for_update().get(pk=version.pk)
    require_agency_role(actor, version.agency, Role.AGENCY_ADMIN)
    if version.is_published:
        raise field_error("version", "已发布的清单版本不能修改，请新建版本")
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
    entry = ListEntry.objects.create(
        version=version,
        matter=matter,
        title=(title or "").strip(),
        attrs=attrs or {},
        conditions=conditions or [],
        basis=(basis or "").strip(),
    )
    ledger.append(actor=actor, action="catalog.list.entry", obj=entry, after=ledger.snapshot(entry))
    return entry


def justice_bureau_for(agency: Agency) -> Agency | None:
    """The justice bureau of the agency's region, or of the nearest region above it."""
    bureaus = Agency.objects.filter(kind=AgencyKind.JUSTICE, is_active=True).select_related(
        "region"
    )
    code = agency.region.code
    candidates = [b for b in bureaus if code.startswith(code_prefix(b.region.code))]
    return max(candidates, key=lambda b: len(code_prefix(b.region.code)), default=None)


@transaction.atomic
def publish_version(actor: Any, version: ListVersion) -> Filing:
    """Publish a draft and file it with the justice bureau (报备)."""
    version = (
        ListVersion.objects.select_for_update().select_related("agency__region").get(pk=version.pk)
    )
    require_agency_role(actor, version.agency, Role.AGENCY_ADMIN)
    if version.is_published:
        raise field_error("version", "该版本已发布")
    if not version.entries.exists():
        raise field_error("version", "清单没有任何条目，不能发布")
    bureau = justice_bureau_for(version.agency)
    if bureau is None:
        raise field_error("version", "未找到受理报备的司法行政部门")
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    filing = Filing.objects.create(version=version, justice_bureau=bureau)
    ledger.append(
        actor=actor, action="catalog.list.publish", obj=version, after=ledger.snapshot(version)
    )
    return filing


@transaction.atomic
def handle_filing(actor: Any, filing: Filing, *, acknowledge: bool, opinion: str = "") -> Filing:
    """A supervisor of the receiving bureau acknowledges a filing, or returns it with an opinion."""
    filing = (
        Filing.objects.select_for_update()
        .select_related("version__agency__region")
        .get(pk=filing.pk)
    )
    if not holds_role_in(actor, filing.justice_bureau, Role.SUPERVISOR):
        raise PermissionDenied("只有受理机关的执法监督人员可以审查报备")
    if filing.status != FilingStatus.PENDING:
        raise field_error("status", f"该报备已处理（{filing.get_status_display()}）")
    if not acknowledge and not (opinion or "").strip():
        raise field_error("opinion", "退回报备须写明审查意见")
    before = ledger.snapshot(filing)
    filing.status = FilingStatus.ACKNOWLEDGED if acknowledge else FilingStatus.RETURNED
    filing.opinion = (opinion or "").strip()
    filing.handled_by, filing.handled_at = actor, timezone.now()
    filing.save()
    ledger.append(
        actor=actor,
        action="catalog.filing.handle",
        obj=filing,
        before=before,
        after=ledger.snapshot(filing),
    )
    return filing
