"""事后评价 pages: the public rating page opened from the QR code (no account), the supervisors' list
(flagged ratings first, and the accompanying policy officers' and liaison leaders' notes), and the
enterprise's own inspection history across agencies."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from zhifa.core.forms import call_service
from zhifa.inspections.models import OnSiteRecord, Rating
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


@login_required
def rating_list(request: HttpRequest) -> HttpResponse:
    """Ratings in the user's scope (flagged first), and the notes of the accompanying policy
    officers and liaison leaders (伴随执法) — the justice bureau sees both at once."""
    user = request.user
    if not user.has_role(Role.SUPERVISOR, Role.AGENCY_HEAD):
        raise PermissionDenied("只有执法监督人员和单位负责人可以查看检查评价")
    rows = (
        Rating.objects.restrict(user)
        .select_related("record__inspection__party", "record__inspection__lead_agency")
        .order_by("-flagged", "-submitted_at", "-pk")
    )
    flagged_only = request.GET.get("flagged") == "1"
    if flagged_only:
        rows = rows.filter(flagged=True)
    feedback = (
        OnSiteRecord.objects.restrict(user)
        .exclude(policy_officer_note="", liaison_leader_note="")
        .select_related("inspection__party", "inspection__lead_agency")
        .order_by("-visited_on", "-pk")[:50]
    )
    context = {
        "ratings": rows[:200],
        "flagged_count": Rating.objects.restrict(user).filter(flagged=True).count(),
        "flagged_only": flagged_only,
        "feedback": feedback,
    }
    return render(request, "inspections/rating_list.html", context)


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
