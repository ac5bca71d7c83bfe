"""One filter for the cases, serving the list page, its Excel export and the API; and the order
"deadlines first": cases whose decision is still due (opened, not yet decided) come first, the
earliest opened (the nearest 90-day limit, 处罚法 art. 60) at the top."""

from __future__ import annotations

import django_filters
from django.db.models import Case as When_
from django.db.models import IntegerField, Q, QuerySet, Value, When

from zhifa.cases.models import Case, CaseSource, CaseStatus, Procedure
from zhifa.org.models import Agency

MINE = "mine"
#: States in which the decision's 90 days are running.
DECISION_DUE = (
    CaseStatus.INVESTIGATION,
    CaseStatus.PRIOR_NOTICE,
    CaseStatus.HEARING,
    CaseStatus.LEGAL_REVIEW,
    CaseStatus.DISCUSSION,
    CaseStatus.DECIDING,
)


def deadlines_first(rows: QuerySet[Case]) -> QuerySet[Case]:
    """``rows`` with ``urgency``: 0 while the decision is due, 1 for the rest."""
    return rows.annotate(
        urgency=When_(
            When(status__in=DECISION_DUE, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    )


#: The list's default order (after :func:`deadlines_first`).
DEFAULT_ORDER = ("urgency", "opened_on", "-discovered_on")


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="案号、案由或当事人")
    scope = django_filters.ChoiceFilter(
        method="in_scope", choices=[(MINE, "我承办的")], label="范围", empty_label="全部"
    )
    status = django_filters.ChoiceFilter(choices=CaseStatus.choices, label="状态")
    procedure = django_filters.ChoiceFilter(choices=Procedure.choices, label="程序")
    source = django_filters.ChoiceFilter(choices=CaseSource.choices, label="案件来源")
    agency = django_filters.ModelChoiceFilter(
        queryset=lambda request: Agency.objects.filter(is_active=True).order_by(
            "region__code", "name"
        ),
        label="执法主体",
    )
    opened_after = django_filters.DateFilter(
        field_name="opened_on", lookup_expr="gte", label="立案日期起"
    )
    opened_before = django_filters.DateFilter(
        field_name="opened_on", lookup_expr="lte", label="立案日期止"
    )

    class Meta:
        model = Case
        fields = ["q", "scope", "status", "procedure", "source", "agency"]

    def search(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        text = value.strip()
        if not text:
            return queryset
        parties = Case.parties.rel.related_model.objects.filter(
            Q(party__name__icontains=text) | Q(party__uscc=text.upper())
        ).values("case_id")
        return queryset.filter(
            Q(number__icontains=text) | Q(title__icontains=text) | Q(pk__in=parties)
        )

    def in_scope(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        user = getattr(self.request, "user", None)
        if value != MINE or user is None:
            return queryset
        return queryset.filter(
            pk__in=Case.officers.rel.related_model.objects.filter(officer__user=user).values(
                "case_id"
            )
        )
