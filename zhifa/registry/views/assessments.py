"""日常考核 page: an agency's indicator sets, assessments recorded against them, and the results.

The agency's head and information administrator define indicator sets and record assessments
(through the services, whose Chinese errors land on the forms); the results table is theirs and the
supervisors' of the agency's region (``queries.assessment_results``: in scope, and not a colleague's
results for an officer). Anyone else is refused the page (403), as on the other registry pages.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from zhifa.core.forms import call_service
from zhifa.core.listing import Column, Listing, ListPage
from zhifa.core.scoping import CHANGE
from zhifa.org.models import Agency, Role, User
from zhifa.registry import excel, queries
from zhifa.registry.filters import AssessmentResultFilter
from zhifa.registry.forms import date_field
from zhifa.registry.models import IndicatorSet, Officer, OfficerStatus
from zhifa.registry.models.officers import ASSESS
from zhifa.registry.services import training
from zhifa.registry.views.common import OVERSEERS, require_roles, tabs_for

ASSESSORS = (Role.AGENCY_ADMIN, Role.AGENCY_HEAD)
SEPARATORS = ("=", "＝")


def assessing_agencies(user: User) -> QuerySet[Agency]:
    """The agencies whose officers the user assesses (负责人, 信息管理员)."""
    return Agency.objects.where_role(user, *ASSESSORS)


def indicators_text(indicator_set: IndicatorSet) -> str:
    return "、".join(
        f"{i['name']}（{Decimal(i['max']).normalize():f}）" for i in indicator_set.indicators
    )


# ---------------------------------------------------------------------------------------------
# Forms: they shape input only; the services check every rule
# ---------------------------------------------------------------------------------------------


class IndicatorSetForm(forms.Form):
    agency = forms.ModelChoiceField(label="执法主体", queryset=Agency.objects.none())
    name = forms.CharField(label="指标体系名称", max_length=100)
    indicators = forms.CharField(
        label="考核指标",
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "办案质量=60\n执法纪律=40"}),
        help_text="每行一项：指标名称=满分",
    )
    pass_score = forms.DecimalField(label="合格分", max_digits=5, decimal_places=1)

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0].pk

    def clean_indicators(self) -> list[dict[str, str]]:
        """Lines "名称=满分" as ``[{"name", "max"}]``; the service checks names and maxima."""
        items = []
        for number, line in enumerate(self.cleaned_data["indicators"].splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            for separator in SEPARATORS:
                if separator in line:
                    name, maximum = line.rsplit(separator, 1)
                    items.append({"name": name.strip(), "max": maximum.strip()})
                    break
            else:
                raise forms.ValidationError(f"第{number}行应为“指标名称=满分”")
        return items


class OfficerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Officer) -> str:
        unit = f"·{obj.unit.name}" if obj.unit_id else ""
        return f"{obj.name}（{obj.agency.short_name or obj.agency.name}{unit}）"


class IndicatorSetChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: IndicatorSet) -> str:
        return f"{obj.name}（{obj.agency.short_name or obj.agency.name}）"


class AssessmentForm(forms.Form):
    indicator_set = IndicatorSetChoice(
        label="考核指标体系",
        queryset=IndicatorSet.objects.none(),
        widget=forms.Select(
            attrs={
                "hx-get": reverse_lazy("registry:assessments"),
                "hx-target": "#assessment-scores",
                "hx-trigger": "change",
            }
        ),
    )
    officer = OfficerChoice(label="执法人员", queryset=Officer.objects.none())
    year = forms.IntegerField(label="考核年度", min_value=2000, max_value=2100)
    period = forms.CharField(
        label="考核期",
        max_length=30,
        widget=forms.TextInput(attrs={"placeholder": "如：第3季度"}),
    )
    assessed_on = date_field("考核日期")

    def __init__(
        self,
        *args: Any,
        indicator_sets: QuerySet[IndicatorSet],
        officers: QuerySet[Officer],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator_set"].queryset = indicator_sets
        self.fields["officer"].queryset = officers


class ScoresForm(forms.Form):
    """A number input per indicator of the chosen set; ``set`` says which set they were for."""

    set = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, indicator_set: IndicatorSet, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"set": indicator_set.pk})
        super().__init__(*args, **kwargs)
        self.indicator_set = indicator_set
        for n, item in enumerate(indicator_set.indicators):
            maximum = Decimal(item["max"]).normalize()
            self.fields[f"score_{n}"] = forms.DecimalField(
                label=item["name"], help_text=f"满分{maximum:f}"
            )

    def scores(self) -> dict[str, Decimal]:
        return {
            item["name"]: self.cleaned_data[f"score_{n}"]
            for n, item in enumerate(self.indicator_set.indicators)
        }


# ---------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------


def _pick(indicator_sets: QuerySet[IndicatorSet], raw: Any) -> IndicatorSet | None:
    """The set chosen by id (among the user's), or None."""
    try:
        return indicator_sets.filter(pk=int(raw)).first()
    except (TypeError, ValueError):
        return None


def _define(request: HttpRequest, form: IndicatorSetForm) -> HttpResponse | None:
    if not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    created = call_service(
        form, training.define_indicator_set, request.user, data.pop("agency"), **data
    )
    if created is None:
        return None
    messages.success(request, f"已设置考核指标体系“{created.name}”")
    return redirect(f"{reverse('registry:assessments')}?record-indicator_set={created.pk}")


def _record(
    request: HttpRequest, form: AssessmentForm, scores: ScoresForm | None
) -> HttpResponse | None:
    if not form.is_valid() or scores is None:
        return None
    if not scores.is_bound:
        # The set changed without its scores loaded (no JavaScript): show its inputs first.
        form.add_error(None, "请填写所选指标体系的各项得分")
        return None
    if not scores.is_valid():
        return None
    data = form.cleaned_data
    officer = data["officer"]
    done = call_service(
        form,
        training.record_assessment,
        request.user,
        officer,
        indicator_set=data["indicator_set"],
        year=data["year"],
        period=data["period"],
        scores=scores.scores(),
        assessed_on=data["assessed_on"],
    )
    if done is None:
        return None
    verdict = "合格" if done.passed else "不合格"
    messages.success(
        request,
        f"已登记{officer.name}{done.year}年{done.period}日常考核："
        f"{done.total.normalize():f}分，{verdict}",
    )
    return redirect(f"{reverse('registry:assessments')}?year={done.year}")


ASSESSMENT_LIST = ListPage(
    filterset=AssessmentResultFilter,
    columns=(
        Column("officer", "执法人员", ("officer__name",)),
        Column("agency", "执法主体", ("officer__agency__region__code", "officer__agency__name")),
        Column("period", "考核期", ("year", "period")),
        Column("scores", "各项得分"),
        Column("total", "总分", ("total",)),
        Column("passed", "结果", ("passed",)),
        Column("assessed_on", "考核日期", ("assessed_on",)),
    ),
    default_order=(
        "officer__agency__region__code",
        "officer__agency__name",
        "period",
        "officer__name",
    ),
    per_page=50,
)


def assessment_listing(request: HttpRequest) -> Listing:
    """The results the user may read (``queries.assessment_results``) with the API's
    AssessmentFilter; the page assumes this year when the request names none. The page and its
    Excel export share it."""
    spec = replace(ASSESSMENT_LIST, defaults={"year": str(timezone.localdate().year)})
    return spec.bind(request, queries.assessment_results(request.user))


def _results(listing: Listing, default_year: int) -> dict[str, Any]:
    rows = listing.filtered
    valid = listing.filterset.is_valid()
    year = (listing.filterset.form.cleaned_data.get("year") if valid else None) or default_year
    failed = rows.filter(passed=False).count()
    return {
        "year": year,
        "page": listing.paginate(
            listing.order(rows.select_related("officer__agency", "indicator_set"))
        ),
        "measure": f"条，其中不合格{failed}条" if failed else "条",  # 共3条，其中不合格1条
        "export_url": reverse("registry:assessment_export"),
    }


@login_required
def assessment_export(request: HttpRequest) -> HttpResponse:
    """The results of the page with its filters and order, every page of them."""
    require_roles(request.user, *OVERSEERS)
    filename = f"{excel.ASSESSMENTS.title}_{timezone.localdate():%Y%m%d}.xlsx"
    return assessment_listing(request).export(excel.export_assessments, filename)


@login_required
def assessments(request: HttpRequest) -> HttpResponse:
    user = request.user
    require_roles(user, *OVERSEERS)
    today = timezone.localdate()
    agencies = assessing_agencies(user)
    indicator_sets = (
        IndicatorSet.objects.restrict(user, CHANGE)
        .select_related("agency")
        .order_by("agency__name", "name", "pk")
    )
    source = request.POST if request.method == "POST" else request.GET
    chosen = _pick(indicator_sets, source.get("record-indicator_set"))
    if request.htmx and request.method == "GET" and "record-indicator_set" in request.GET:
        scores = ScoresForm(prefix="scores", indicator_set=chosen) if chosen else None
        return render(request, "registry/_assessment_scores.html", {"scores_form": scores})

    act = request.POST.get("act") if request.method == "POST" else None
    if request.method == "POST" and not agencies:
        raise PermissionDenied("只有执法主体的负责人和信息管理员可以登记日常考核")
    if act not in (None, "define", "record"):
        raise PermissionDenied("未知的操作")

    define_form = IndicatorSetForm(
        request.POST if act == "define" else None, prefix="define", agencies=agencies
    )
    officers = (
        Officer.objects.restrict(user, ASSESS)
        .filter(status=OfficerStatus.ON_DUTY)
        .select_related("agency", "unit")
        .order_by("agency__name", "name", "pk")
    )
    if chosen is None and act != "record":
        chosen = indicator_sets.first()
    record_form = AssessmentForm(
        request.POST if act == "record" else None,
        prefix="record",
        indicator_sets=indicator_sets,
        officers=officers,
        initial={"indicator_set": chosen, "year": today.year, "assessed_on": today},
    )
    scores_form = None
    if chosen is not None:
        loaded = act == "record" and request.POST.get("scores-set") == str(chosen.pk)
        scores_form = ScoresForm(
            request.POST if loaded else None, prefix="scores", indicator_set=chosen
        )

    if act == "define":
        done = _define(request, define_form)
    elif act == "record":
        done = _record(request, record_form, scores_form)
    else:
        done = None
    if done is not None:
        return done

    listing = assessment_listing(request)
    context = {
        "may_assess": agencies.exists(),
        "define_form": define_form,
        "record_form": record_form,
        "scores_form": scores_form,
        "indicator_sets": [(s, indicators_text(s)) for s in indicator_sets],
        **_results(listing, today.year),
        **tabs_for(user),
    }
    return listing.render("registry/assessments.html", "registry/_assessment_rows.html", context)
