"""五年评估 (seed 000 (十四)): matters listed for five years and used by nothing since, for the
agency's head and 信息管理员 (their agency) and the supervisors (the agencies of their region).

The agency's 信息管理员 acts on the proposal here: 暂停实施 or 取消 through ``update_matter`` with
a reason recorded in the ledger, 调整 on the matter's own page. Usage comes from the sources
registered in :mod:`zhifa.catalog.usage`.

Self-contained (it does not import ``pages``, which mounts it) so the two modules load in any order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from zhifa.catalog import usage
from zhifa.catalog.models import Matter, MatterStatus
from zhifa.catalog.services import matters
from zhifa.core.forms import call_service
from zhifa.core.scoping import CHANGE, require_permission
from zhifa.org.models import Agency, Role, User
from zhifa.org.permissions import refusal
from zhifa.org.scope import role_q

#: Who reads the review: the agency's head and 信息管理员, and the supervisors of its region.
REVIEW_READERS = (Role.AGENCY_HEAD, Role.AGENCY_ADMIN, Role.SUPERVISOR)
#: What the 信息管理员 may do here (调整 is done on the matter's page).
ACTS = ((MatterStatus.SUSPENDED.value, "暂停实施"), (MatterStatus.CANCELLED.value, "取消"))
#: Names of the usage sources as shown on the page.
SOURCE_LABELS = {"cases": "行政执法案件", "inspections": "行政检查", "permits": "行政许可"}


def review_q(user: User, path: str = "agency") -> Q:
    """Agencies at ``path`` whose review the user reads: those where they are head or 信息管理员,
    and for a supervisor every agency of the region (and below)."""
    return role_q(user, Role.AGENCY_HEAD, Role.AGENCY_ADMIN, path=path, supervisors=True)


def reviewable_matters(user: User) -> QuerySet[Matter]:
    """The matters in the user's review (refused to anyone else)."""
    if not user.has_role(*REVIEW_READERS):
        raise PermissionDenied("只有执法主体负责人、信息管理员和执法监督人员可以查看五年评估")
    return Matter.objects.filter(review_q(user), agency__is_active=True)


def five_year_review_rows(user: User, today: Any = None) -> list[usage.FiveYearReviewRow]:
    return usage.unused_matters(reviewable_matters(user), today)


class ReviewActionForm(forms.Form):
    act = forms.ChoiceField(label="处理", choices=ACTS)
    reason = forms.CharField(
        label="理由",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写暂停实施或取消的理由"},
    )


@dataclass
class AgencyGroup:
    agency: Agency
    rows: list[Any] = field(default_factory=list)
    may_act: bool = False


@login_required
def review(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    found = usage.unused_matters(reviewable_matters(user), today)
    bound: tuple[int, ReviewActionForm] | None = None
    admin_of = set(Agency.objects.where_role(user, Role.AGENCY_ADMIN).values_list("pk", flat=True))
    if request.method == "POST":
        if not admin_of:  # decides no review anywhere: refused before the matter is looked up
            raise PermissionDenied("只有执法主体的信息管理员可以处理五年评估")
        wanted = request.POST.get("matter", "")
        listed = {row.matter.pk: row.matter for row in found}
        matter = listed.get(int(wanted)) if wanted.isdigit() else None
        if matter is None:
            raise Http404("该执法事项不在五年评估之列")
        require_permission(user, matter, CHANGE, refusal(matter.agency, Role.AGENCY_ADMIN))
        form = ReviewActionForm(request.POST, prefix=f"m{matter.pk}")
        if form.is_valid():
            act = form.cleaned_data["act"]
            done = call_service(
                form,
                matters.update_matter,
                user,
                matter,
                status=act,
                reason=form.cleaned_data["reason"],
            )
            if done is not None:
                messages.success(
                    request, f"执法事项{matter.code} {matter.name}已{MatterStatus(act).label}"
                )
                return redirect("catalog:review")
        bound = (matter.pk, form)
    groups: list[AgencyGroup] = []
    for agency, rows in groupby(found, key=lambda r: r.matter.agency):
        group = AgencyGroup(agency, may_act=agency.pk in admin_of)
        for row in rows:
            form = None
            if group.may_act:
                if bound and bound[0] == row.matter.pk:
                    form = bound[1]
                else:
                    form = ReviewActionForm(prefix=f"m{row.matter.pk}")
            group.rows.append({"row": row, "matter": row.matter, "form": form})
        groups.append(group)
    context = {
        "groups": groups,
        "total": sum(len(g.rows) for g in groups),
        "today": today,
        "since": usage.years_before(today, usage.REVIEW_YEARS),
        "years": usage.REVIEW_YEARS,
        "sources": [SOURCE_LABELS.get(name, name) for name in sorted(usage.SOURCES)],
        "is_catalog_admin": user.has_role(Role.AGENCY_ADMIN),
        "sees_filings": user.has_role(*REVIEW_READERS),
    }
    return render(request, "catalog/review.html", context)
