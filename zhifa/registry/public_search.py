"""What the public portal's search finds in the registry: enforcement bodies (主体资格) and the
officers published on duty (执法人员信息公示), an officer also by certificate number with or
without its letter prefix (亮证核验). Never an ID number (118号; seed 001)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.urls import reverse

from zhifa.core.declarations import SearchHit
from zhifa.org.models import Agency
from zhifa.registry.models import Officer
from zhifa.registry.queries import certificate_q
from zhifa.registry.views.public import published_officers


def agencies(q: str) -> QuerySet[Agency]:
    found = Agency.objects.filter(is_active=True).filter(
        Q(name__contains=q) | Q(short_name__contains=q) | Q(region__name__contains=q)
    )
    return found.select_related("region").order_by("region__code", "name")


def agency_hit(agency: Agency) -> SearchHit:
    return SearchHit(
        agency.name,
        reverse("public:agency_detail", args=[agency.pk]),
        f"{agency.get_kind_display()} · {agency.region.name}",
    )


def officers(q: str) -> QuerySet[Officer]:
    ids = published_officers().filter(Q(name__contains=q) | certificate_q(q)).values("pk")
    return (
        Officer.objects.filter(pk__in=ids).select_related("agency").order_by("agency__name", "name")
    )


def officer_hit(officer: Officer) -> SearchHit:
    url = reverse("public:officer_search") + "?" + urlencode({"q": officer.name})
    return SearchHit(officer.name, url, f"{officer.agency.name} · 执法人员")
