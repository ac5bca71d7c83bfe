"""案号规则 page: the agency's information administrator sets its case-number prefix (字头) and
sees the number the next case opened today would get (:mod:`zhifa.cases.numbering`)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from zhifa.cases import numbering
from zhifa.core.forms import call_service
from zhifa.core.scoping import chosen_or_first
from zhifa.org.models import Agency, Role


class PrefixForm(forms.Form):
    prefix = forms.CharField(
        label="案号字头",
        required=False,
        max_length=40,
        help_text=f"如“示市监罚”，不超过{numbering.PREFIX_MAX}字，不含括号、空格和“号”；"
        "案号为“字头〔年度〕序号号”，每年从1号起",
    )


@login_required
def numbering_page(request: HttpRequest) -> HttpResponse:
    """The agency's case-number pattern with a preview of the next number (its administrator)."""
    agencies = Agency.objects.where_role(request.user, Role.AGENCY_ADMIN).order_by("pk")
    if not agencies.exists():
        raise PermissionDenied("只有执法主体的信息管理员可以设置案号规则")
    agency = chosen_or_first(request, agencies)
    today = timezone.localdate()
    current = numbering.prefix_of(agency)
    form = PrefixForm(request.POST or None, initial={"prefix": current})
    if request.method == "POST" and form.is_valid():
        prefix = form.cleaned_data["prefix"]
        if call_service(form, numbering.set_prefix, request.user, agency, prefix) is not None:
            messages.success(request, f"已设置案号字头：{prefix.strip()}")
            return redirect(f"{reverse('cases:numbering')}?agency={agency.pk}")
    context = {
        "agency": agency,
        "agencies": agencies,
        "form": form,
        "current": current,
        "next_number": numbering.next_number(agency, today),
    }
    return render(request, "cases/numbering.html", context, status=400 if form.errors else 200)
