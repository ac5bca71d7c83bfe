"""The matter's standard checklist (检查要点), edited by the agency's 信息管理员 as lines of text:
one item a line, “检查要点｜检查依据”, saved whole by the service."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path

from zhifa.catalog.models import Matter
from zhifa.catalog.services import checklists
from zhifa.catalog.views.guides import parse_rows, rows_text
from zhifa.catalog.views.pages import tabs_for
from zhifa.core.forms import call_service
from zhifa.core.scoping import CHANGE, require_permission
from zhifa.org.models import Role
from zhifa.org.permissions import refusal


class ChecklistForm(forms.Form):
    items = forms.CharField(
        label="检查要点",
        required=False,
        help_text="每行一项，依次为：检查要点｜检查依据（法律法规名称和条款），按检查顺序排列；"
        "全部清空即删除本事项的检查要点",
        widget=forms.Textarea(attrs={"rows": 10}),
    )


@login_required
def checklist_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    matter = get_object_or_404(Matter.objects.visible_to(user).select_related("agency"), pk=pk)
    require_permission(user, matter, CHANGE, refusal(matter.agency, Role.AGENCY_ADMIN))
    items = list(matter.checklist_items.all())
    initial = {"items": rows_text(items, checklists.ITEM_FIELDS)}
    form = ChecklistForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        rows = parse_rows(form.cleaned_data["items"], checklists.ITEM_FIELDS)
        saved = call_service(form, checklists.save_checklist, user, matter, items=rows)
        if saved is not None:
            messages.success(request, f"已保存检查要点（{len(saved)}项）")
            return redirect("catalog:matter_detail", pk=matter.pk)
    context = {"matter": matter, "items": items, "form": form, **tabs_for(user)}
    return render(request, "catalog/checklist_form.html", context)


urlpatterns = [
    path("matters/<int:pk>/checklist/", checklist_edit, name="checklist_edit"),
]
