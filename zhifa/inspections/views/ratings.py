"""事后评价 pages: the public rating page opened from the QR code (no account), the supervisors' list
(flagged ratings first, and the accompanying policy officers' and liaison leaders' notes), and the
enterprise's own inspection history across agencies."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from zhifa.core.forms import call_service
from zhifa.core.listing import Column, ListPage
from zhifa.inspections import rating_excel
from zhifa.inspections.filters import RatingFilter
from zhifa.inspections.models import OnSiteRecord, Rating
from zhifa.inspections.models.visits import FOLLOW_UP
from zhifa.inspections.services import ratings
from zhifa.org.models import Role

SCORE_CHOICES = [(str(n), f"{n}分") for n in range(5, 0, -1)]


class RatingForm(forms.Form):
    civility = forms.ChoiceField(
        label="文明规范：执法人员是否着装规范、用语文明、举止得体",
        choices=SCORE_CHOICES,
        widget=forms.RadioSelect,
    )
    rights = forms.ChoiceField(
        label="权益保障：是否告知检查依据和您的权利，是否听取您的陈述",
        choices=SCORE_CHOICES,
        widget=forms.RadioSelect,
    )
    misconduct = forms.ChoiceField(
        label="违规行为：是否有吃拿卡要、随意扩大检查范围、干扰正常经营等行为",
        choices=[("false", "没有"), ("true", "有")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="意见建议", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    anonymous = forms.BooleanField(label="匿名评价", required=False, initial=True)
    rater_name = forms.CharField(label="评价人姓名（实名评价时填写）", required=False)
    rater_phone = forms.CharField(label="联系电话（选填）", required=False)


@never_cache
def rate(request: HttpRequest, token: str) -> HttpResponse:
    """The rating page (public): a forged link is 404, a used one says so; nothing is written
    unless the whole questionnaire is valid."""
    record = ratings.record_for(token)
    if record is None:
        return render(request, "inspections/rate.html", {"refusal": ratings.FORGED}, status=404)
    refusal = ratings.refusal(record)
    form = RatingForm(request.POST or None)
    done = None
    if request.method == "POST" and refusal is None and form.is_valid():
        done = call_service(form, ratings.rate, token, **form.cleaned_data)
    context = {
        "record": record,
        "inspection": record.inspection,
        "refusal": refusal,
        "form": form,
        "done": done,
    }
    return render(request, "inspections/rate.html", context, status=400 if form.errors else 200)


RATING_LIST = ListPage(
    filterset=RatingFilter,
    columns=(
        Column("party", "被检查单位", ("record__inspection__party__name",)),
        Column("agency", "检查单位", ("record__inspection__lead_agency__name",)),
        Column("visited", "检查日期", ("record__visited_on",)),
        Column("civility", "文明规范", ("civility",)),
        Column("rights", "权益保障", ("rights",)),
        Column("misconduct", "违规行为", ("misconduct",)),
        Column("comment", "意见建议"),
        Column("rater", "评价人"),
        Column("follow_up", "监督", ("flagged", "followed_up_at")),
    ),
    default_order=("-flagged", "-submitted_at", "-pk"),
)


def _rating_listing(request: HttpRequest) -> Any:
    user = request.user
    if not user.has_role(Role.SUPERVISOR, Role.AGENCY_HEAD):
        raise PermissionDenied("只有执法监督人员和单位负责人可以查看检查评价")
    rows = Rating.objects.restrict(user).select_related(
        "record__inspection__party", "record__inspection__lead_agency", "followed_up_by"
    )
    return RATING_LIST.bind(request, rows)


@login_required
def rating_list(request: HttpRequest) -> HttpResponse:
    """Ratings in the user's scope (flagged first, filters, pages, Excel), the justice bureau's
    follow-up of a flagged one, and the notes of the accompanying policy officers and liaison
    leaders (伴随执法) — the justice bureau sees both at once."""
    user = request.user
    listing = _rating_listing(request)
    page = listing.paginate(listing.order(listing.filtered))
    may_follow = set(
        Rating.objects.restrict(user, FOLLOW_UP)
        .filter(pk__in=[r.pk for r in page], flagged=True, followed_up_at__isnull=True)
        .values_list("pk", flat=True)
    )
    for rating in page:
        rating.may_follow_up = rating.pk in may_follow
    feedback = (
        OnSiteRecord.objects.restrict(user)
        .exclude(policy_officer_note="", liaison_leader_note="")
        .select_related("inspection__party", "inspection__lead_agency")
        .order_by("-visited_on", "-pk")[:50]
    )
    context = {
        "page": page,
        "flagged_count": Rating.objects.restrict(user).filter(flagged=True).count(),
        "feedback": feedback,
        "export_url": reverse("visits:rating_export"),
    }
    return listing.render("inspections/rating_list.html", "inspections/_rating_rows.html", context)


@login_required
def rating_export(request: HttpRequest) -> HttpResponse:
    """The rows of the ratings list (same filters, scope and order), every page."""
    filename = f"检查评价_{timezone.localdate():%Y%m%d}.xlsx"
    return _rating_listing(request).export(rating_excel.export_ratings_xlsx, filename)


class FollowUpForm(forms.Form):
    note = forms.CharField(
        label="跟进情况（核实结果、处理措施）",
        required=False,  # the service says what is missing
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@login_required
def rating_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """The justice bureau follows up a flagged rating (``services.ratings.follow_up``)."""
    user = request.user
    rating = get_object_or_404(
        Rating.objects.restrict(user).select_related("record__inspection__party"), pk=pk
    )
    if not Rating.objects.restrict(user, FOLLOW_UP).filter(pk=pk).exists():
        raise PermissionDenied("只有监督该执法主体的司法行政部门可以跟进评价")
    form = FollowUpForm(request.POST or None)
    posted = request.method == "POST" and form.is_valid()
    if posted and call_service(form, ratings.follow_up, user, rating, **form.cleaned_data):
        messages.success(request, f"已记录对{rating.record.inspection.party.name}评价的跟进")
        return redirect("visits:rating_list")
    context = {"rating": rating, "form": form}
    status = 400 if form.errors else 200
    return render(request, "inspections/rating_follow_up.html", context, status=status)


@login_required
def my_history(request: HttpRequest) -> HttpResponse:
    """The enterprise's own inspections across all agencies: who came, when, why, on which
    matters, the outcome and its ratings (only its own party)."""
    user = request.user
    account = getattr(user, "party_account", None)
    if not user.has_role(Role.ENTERPRISE) or account is None:
        raise PermissionDenied("企业账号尚未绑定企业，请联系执法主体的信息管理员")
    party = account.party
    records = (
        OnSiteRecord.objects.restrict(user)
        .filter(inspection__party=party)
        .select_related("inspection__lead_agency", "rating")
        .prefetch_related("inspection__agencies", "inspection__matters", "inspection__officers")
        .order_by("-visited_on", "-pk")
    )
    return render(request, "inspections/my_history.html", {"party": party, "records": records})
