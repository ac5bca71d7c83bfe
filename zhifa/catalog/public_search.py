"""What the public portal's search finds in the catalogue: matters (by name, code, law and
article), published benchmarks, service guides and published compliance guides (118号: published
before enforcement; declared as ``public_search`` on the app's config)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse

from zhifa.catalog.models import BenchmarkStatus, ComplianceGuide, DiscretionBenchmark, Matter
from zhifa.catalog.models.guides import ServiceGuide
from zhifa.core.declarations import SearchHit

PUBLISHED = Q(status=BenchmarkStatus.PUBLISHED)


def with_benchmark_mark(matters: QuerySet[Matter]) -> QuerySet[Matter]:
    """Each matter marked with whether a published benchmark exists for it."""
    published = DiscretionBenchmark.objects.filter(PUBLISHED, matter=OuterRef("pk"))
    return matters.annotate(has_benchmark=Exists(published))


def matters(q: str) -> QuerySet[Matter]:
    found = Matter.objects.filter(
        Q(name__contains=q)
        | Q(code__icontains=q)
        | Q(law__contains=q)
        | Q(article__contains=q)
        | Q(agency__name__contains=q)
    )
    return with_benchmark_mark(found.select_related("agency")).order_by("code")


def matter_hit(matter: Matter) -> SearchHit:
    return SearchHit(
        f"{matter.code} {matter.name}",
        reverse("public_catalog:matter_detail", args=[matter.pk]),
        f"{matter.agency.name} · {matter.get_category_display()} · {matter.basis}",
        "有裁量基准" if getattr(matter, "has_benchmark", False) else "",
    )


def benchmarks(q: str) -> QuerySet[DiscretionBenchmark]:
    found = DiscretionBenchmark.objects.filter(PUBLISHED).filter(
        Q(violation__contains=q)
        | Q(matter__name__contains=q)
        | Q(penalty_basis__contains=q)
        | Q(matter__code__icontains=q)
    )
    return found.select_related("matter__agency").order_by("matter__code", "-version")


def benchmark_hit(benchmark: DiscretionBenchmark) -> SearchHit:
    url = reverse("public_catalog:matter_detail", args=[benchmark.matter_id])
    return SearchHit(
        f"{benchmark.violation}（第{benchmark.version}版）",
        f"{url}?benchmark={benchmark.pk}",
        f"{benchmark.matter.agency.name} · {benchmark.effective_on:%Y年%m月%d日}施行 · "
        f"{benchmark.penalty_basis}",
    )


def service_guides(q: str) -> QuerySet[ServiceGuide]:
    found = ServiceGuide.objects.filter(
        Q(matter__name__contains=q) | Q(conditions__contains=q) | Q(place__contains=q)
    )
    return found.select_related("matter__agency").order_by("matter__code")


def service_guide_hit(guide: ServiceGuide) -> SearchHit:
    return SearchHit(
        f"{guide.matter.name}办事指南",
        reverse("public_catalog:matter_detail", args=[guide.matter_id]) + "#guide",
        f"{guide.matter.agency.name} · 办理时限：{guide.time_limit}",
    )


def compliance_guides(q: str) -> QuerySet[ComplianceGuide]:
    found = ComplianceGuide.objects.filter(published_at__isnull=False).filter(
        Q(title__contains=q) | Q(industry__contains=q) | Q(items__topic__contains=q)
    )
    ids = found.values("pk")  # a guide matching in several items is listed once
    return (
        ComplianceGuide.objects.filter(pk__in=ids)
        .select_related("agency")
        .order_by("industry", "title")
    )


def compliance_hit(guide: ComplianceGuide) -> SearchHit:
    return SearchHit(
        guide.title,
        reverse("public_catalog:compliance_detail", args=[guide.pk]),
        f"{guide.industry} · {guide.agency.name}",
    )
