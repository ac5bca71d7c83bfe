"""The audit administrator's ledger pages (三员分立: only the audit administrator reads the ledger):
entries in Chinese, filtered by date range, user, action, object and request; one entry's
before/after as a readable diff; the filtered entries as an Excel file; the chain verified
(seed 001: 全过程记录, tamper-proof archiving; architecture invariant 2)."""

from __future__ import annotations

import io
import json
from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from openpyxl import Workbook

from zhifa.core import ledger
from zhifa.core.ledger_labels import action_label, field_label, object_type_label
from zhifa.core.models import LedgerEntry

DATE = forms.DateInput(attrs={"type": "date"})
EXPORT_LIMIT = 50_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_auditor(request: HttpRequest) -> None:
    if not request.user.has_role("audit_admin"):
        raise PermissionDenied("只有审计管理员可以查看审计台账")


class LedgerFilterForm(forms.Form):
    since = forms.DateField(label="起始日期", required=False, widget=DATE)
    until = forms.DateField(label="截止日期", required=False, widget=DATE)
    actor = forms.CharField(label="操作人", max_length=150, required=False)
    action = forms.ChoiceField(label="操作", required=False)
    object_type = forms.ChoiceField(label="对象类型", required=False)
    object_id = forms.CharField(label="对象标识", max_length=64, required=False)
    request_id = forms.CharField(label="请求标识", max_length=64, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actions = LedgerEntry.objects.order_by().values_list("action", flat=True).distinct()
        types = LedgerEntry.objects.order_by().values_list("object_type", flat=True).distinct()
        action_choices = sorted(((a, action_label(a)) for a in actions), key=lambda c: c[1])
        type_choices = sorted(((t, object_type_label(t)) for t in types if t), key=lambda c: c[1])
        self.fields["action"].choices = [("", "全部操作"), *action_choices]
        self.fields["object_type"].choices = [("", "全部对象"), *type_choices]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "截止日期不能早于起始日期")
        return data

    def apply(self, entries: QuerySet[LedgerEntry]) -> QuerySet[LedgerEntry]:
        if not self.is_bound or not self.is_valid():
            return entries
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        if data.get("since"):
            entries = entries.filter(created_at__gte=datetime.combine(data["since"], time(), zone))
        if data.get("until"):
            end = datetime.combine(data["until"] + timedelta(days=1), time(), zone)
            entries = entries.filter(created_at__lt=end)
        if data.get("actor"):
            entries = entries.filter(actor_name__contains=data["actor"].strip())
        for key in ("action", "object_type", "request_id"):
            if data.get(key):
                entries = entries.filter(**{key: data[key].strip()})
        if data.get("object_id"):
            entries = entries.filter(object_id=data["object_id"].strip())
        return entries


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
    form = LedgerFilterForm(request.GET or None)
    entries = form.apply(LedgerEntry.objects.order_by("-seq"))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    verification = ledger.verify() if request.GET.get("verify") else None
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("verify", None)
    return render(
        request,
        "core/ledger.html",
        {
            "form": form,
            "page": page,
            "rows": _rows(page.object_list),
            "verification": verification,
            "query": query.urlencode(),
        },
    )


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


COLUMNS = ("序号", "时间", "操作人", "操作", "对象类型", "对象标识", "请求标识", "本条SM3")


def _safe(value: str) -> str:
    """A cell that starts like a formula is written as text, never run by a spreadsheet."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


@login_required
def ledger_export(request: HttpRequest) -> HttpResponse:
    """The filtered entries as an .xlsx file (at most 50,000, newest first)."""
    _require_auditor(request)
    form = LedgerFilterForm(request.GET or None)
    entries = form.apply(LedgerEntry.objects.order_by("-seq"))[:EXPORT_LIMIT]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("全过程记录台账")
    sheet.append(list(COLUMNS))
    zone = timezone.get_current_timezone()
    for e in entries.iterator(chunk_size=2000):
        sheet.append(
            [
                e.seq,
                timezone.localtime(e.created_at, zone).strftime("%Y-%m-%d %H:%M:%S"),
                _safe(e.actor_name),
                action_label(e.action),
                object_type_label(e.object_type),
                _safe(e.object_id),
                e.request_id,
                e.entry_hash,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="ledger-{stamp}.xlsx"'
    return response
