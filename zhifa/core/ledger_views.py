"""The audit administrator's ledger pages (三员分立: only the audit administrator reads the ledger):
entries in Chinese, filtered by date range, user, action, object and request; one entry's
before/after as a readable diff; the filtered entries as an Excel file; the chain verified
(seed 001: 全过程记录, tamper-proof archiving; architecture invariant 2)."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Any

import django_filters
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from zhifa.core import ledger
from zhifa.core.excel import Sheet, write_workbook
from zhifa.core.ledger_labels import action_label, field_label, object_type_label
from zhifa.core.listing import Column, ListPage
from zhifa.core.models import LedgerEntry

DATE = forms.DateInput(attrs={"type": "date"})
EXPORT_LIMIT = 50_000


def _require_auditor(request: HttpRequest) -> None:
    if not request.user.has_role("audit_admin"):
        raise PermissionDenied("只有审计管理员可以查看审计台账")


def _action_choices() -> list[tuple[str, str]]:
    actions = LedgerEntry.objects.order_by().values_list("action", flat=True).distinct()
    return sorted(((a, action_label(a)) for a in actions), key=lambda c: c[1])


def _object_type_choices() -> list[tuple[str, str]]:
    types = LedgerEntry.objects.order_by().values_list("object_type", flat=True).distinct()
    return sorted(((t, object_type_label(t)) for t in types if t), key=lambda c: c[1])


class LedgerFilterForm(forms.Form):
    """The ledger filters' form: the date range must not run backwards."""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "截止日期不能早于起始日期")
        return data


class LedgerPageFilter(django_filters.FilterSet):
    """The ledger page's filters: a date range (the until day included), the actor's name, the
    action and object type (labelled in Chinese), the object and the request."""

    since = django_filters.DateFilter(label="起始日期", method="filter_since", widget=DATE)
    until = django_filters.DateFilter(label="截止日期", method="filter_until", widget=DATE)
    actor = django_filters.CharFilter(
        label="操作人", field_name="actor_name", lookup_expr="contains", max_length=150
    )
    action = django_filters.ChoiceFilter(label="操作", choices=_action_choices)
    object_type = django_filters.ChoiceFilter(label="对象类型", choices=_object_type_choices)
    object_id = django_filters.CharFilter(label="对象标识", max_length=64)
    request_id = django_filters.CharFilter(label="请求标识", max_length=64)

    class Meta:
        model = LedgerEntry
        fields = ("since", "until", "actor", "action", "object_type", "object_id", "request_id")
        form = LedgerFilterForm

    def filter_since(self, entries: QuerySet, name: str, value: date) -> QuerySet:
        zone = timezone.get_current_timezone()
        return entries.filter(created_at__gte=datetime.combine(value, time(), zone))

    def filter_until(self, entries: QuerySet, name: str, value: date) -> QuerySet:
        zone = timezone.get_current_timezone()
        return entries.filter(
            created_at__lt=datetime.combine(value + timedelta(days=1), time(), zone)
        )


LEDGER_LIST = ListPage(
    filterset=LedgerPageFilter,
    columns=(
        Column("seq", "序号", ("seq",)),
        Column("created_at", "时间", ("created_at",)),
        Column("actor", "操作人", ("actor_name",)),
        Column("action", "操作"),
        Column("object", "对象"),
        Column("request", "请求标识"),
        Column("hash", "本条SM3"),
    ),
    default_order=("-seq",),
    per_page=50,
)


def _rows(entries: Any) -> list[dict[str, Any]]:
    return [
        {
            "entry": e,
            "action_label": action_label(e.action),
            "object_label": object_type_label(e.object_type),
        }
        for e in entries
    ]


@login_required
def ledger_page(request: HttpRequest) -> HttpResponse:
    _require_auditor(request)
    listing = LEDGER_LIST.bind(request, LedgerEntry.objects.all())
    page = listing.paginate(listing.order(listing.filtered))
    verification = ledger.verify() if request.GET.get("verify") else None
    context = {
        "page": page,
        "rows": _rows(page.object_list),
        "verification": verification,
        "export_url": reverse("ledger_export"),
    }
    return listing.render("core/ledger.html", "core/_ledger_rows.html", context)


def _text(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def diff(entry: LedgerEntry) -> list[dict[str, Any]]:
    """The entry's before/after, field by field, each by its Chinese name, changes marked."""
    body = json.loads(entry.payload.body)
    before, after = body.get("before"), body.get("after")
    if not isinstance(before, dict) and not isinstance(after, dict):
        return [
            {
                "field": "内容",
                "before": _text(before),
                "after": _text(after),
                "changed": before != after,
            }
        ]
    before, after = before or {}, after or {}
    keys = list(dict.fromkeys([*before, *after]))
    return [
        {
            "field": field_label(entry.object_type, key),
            "before": _text(before.get(key)) if key in before else "—",
            "after": _text(after.get(key)) if key in after else "—",
            "changed": before.get(key) != after.get(key),
        }
        for key in keys
    ]


@login_required
def ledger_entry(request: HttpRequest, seq: int) -> HttpResponse:
    _require_auditor(request)
    entry = get_object_or_404(LedgerEntry.objects.select_related("payload"), seq=seq)
    return render(
        request,
        "core/ledger_entry.html",
        {
            "entry": entry,
            "action_label": action_label(entry.action),
            "object_label": object_type_label(entry.object_type),
            "diff": diff(entry),
        },
    )


LEDGER_SHEET = Sheet(
    kind="ledger",
    title="全过程记录台账",
    measure="条",
    columns=("序号", "时间", "操作人", "操作", "对象类型", "对象标识", "请求标识", "本条SM3"),
    widths=(10, 20, 14, 28, 18, 12, 38, 66),
)


def _write(entries: QuerySet[LedgerEntry]) -> bytes:
    """The entries as a workbook; text that starts like a formula stays text (the kit's writer)."""
    zone = timezone.get_current_timezone()
    rows = (
        [
            e.seq,
            timezone.localtime(e.created_at, zone).strftime("%Y-%m-%d %H:%M:%S"),
            e.actor_name,
            action_label(e.action),
            object_type_label(e.object_type),
            e.object_id,
            e.request_id,
            e.entry_hash,
        ]
        for e in entries[:EXPORT_LIMIT].iterator(chunk_size=2000)
    )
    return write_workbook(LEDGER_SHEET, rows)


@login_required
def ledger_export(request: HttpRequest) -> HttpResponse:
    """The filtered entries as an .xlsx file, in the page's order (at most 50,000)."""
    _require_auditor(request)
    listing = LEDGER_LIST.bind(request, LedgerEntry.objects.all())
    stamp = timezone.localdate().strftime("%Y%m%d")
    return listing.export(_write, f"ledger-{stamp}.xlsx")
