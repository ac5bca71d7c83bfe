"""Catalogue API: matters, lists and their versions, filings, benchmarks, apply_benchmark.

Thin, as the org and registry endpoints, on the core plumbing (:mod:`zhifa.core.api`): every read
goes through ``visible_to`` (outsiders get 404), every write through a service function (which
checks the role, validates and writes the ledger), and every answer re-reads the object in scope. Published lists and benchmarks are public; drafts are seen by the agency and its
supervisors only.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from zhifa.catalog import api_guides, filters
from zhifa.catalog import serializers as s
from zhifa.catalog.api_approvals import ACTORS, ApprovalActions, RefileAction
from zhifa.catalog.models import (
    DiscretionBenchmark,
    Filing,
    ListKind,
    ListVersion,
    Matter,
)
from zhifa.catalog.services import benchmarks, discretion, imports, lists, matters
from zhifa.catalog.views import five_year_review as review_views
from zhifa.core.api import (
    May,
    ScopedViewSetMixin,
    ServiceCreateMixin,
    ServiceUpdateMixin,
    Write,
    error_body,
)
from zhifa.core.api import valid_data as _valid
from zhifa.org.models import Agency, Role
from zhifa.org.permissions import IMPORTERS_ONLY, KEEPERS

NOT_FOUND = OpenApiResponse(description="未找到（或无权查看）")


class FiveYearReviewRowSerializer(serializers.Serializer):
    matter = s.MatterSerializer()
    listed_since = serializers.DateField(help_text="列入清单日期")
    options = serializers.ListField(child=serializers.CharField(), help_text="评估意见")


# --- matters ---


@extend_schema_view(
    list=extend_schema(summary="执法事项列表"),
    retrieve=extend_schema(summary="执法事项详情"),
    create=extend_schema(
        summary="新增执法事项（须有法律依据）",
        request=s.MatterCreateSerializer,
        responses={201: s.MatterSerializer},
    ),
    partial_update=extend_schema(
        summary="修改执法事项",
        request=s.MatterUpdateSerializer,
        responses=s.MatterSerializer,
    ),
)
class MatterViewSet(
    ScopedViewSetMixin, ServiceCreateMixin, ServiceUpdateMixin, viewsets.ReadOnlyModelViewSet
):
    """执法事项: every enforcement act rests on a listed power with its legal basis; the agency's
    information administrator maintains its own."""

    model = Matter
    serializer_class = s.MatterSerializer
    may = {
        "create": May((Role.AGENCY_ADMIN,), message=KEEPERS),
        "import_": May((Role.AGENCY_ADMIN,), message=IMPORTERS_ONLY),
    }
    filterset_class = filters.MatterFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    create_with = Write(s.MatterCreateSerializer, matters.create_matter, owner="agency")
    update_with = Write(s.MatterUpdateSerializer, matters.update_matter)

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("agency")

    @extend_schema(
        summary="从Excel导入执法事项（任何一行有误则不导入）",
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            }
        },
        responses={201: OpenApiTypes.OBJECT},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        url_name="import",
        parser_classes=[MultiPartParser],
    )
    def import_(self, request: Any) -> Response:
        upload = request.FILES.get("file")
        if upload is None:
            raise serializers.ValidationError({"file": ["请选择要导入的Excel文件"]})
        result = imports.import_matters(request.user, upload)
        body = {"kind": result.kind, "created": result.created, "detail": str(result)}
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="五年评估：连续五年未使用的执法事项（本单位或本辖区）",
        responses={
            200: FiveYearReviewRowSerializer(many=True),
            403: OpenApiResponse(
                description="只有执法主体负责人、信息管理员和执法监督人员可以查看"
            ),
        },
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def review(self, request: Any) -> Response:
        return Response(
            FiveYearReviewRowSerializer(
                review_views.five_year_review_rows(request.user), many=True
            ).data
        )


# --- list versions ---


class AsOfQuerySerializer(serializers.Serializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    kind = serializers.ChoiceField(choices=ListKind.choices)
    date = serializers.DateField(required=False)


@extend_schema_view(
    list=extend_schema(summary="清单版本列表（含条目）"),
    retrieve=extend_schema(summary="清单版本详情（含条目）"),
    create=extend_schema(
        summary="新建清单版本草稿（默认复制施行中版本的条目）",
        request=s.ListVersionCreateSerializer,
        responses={201: s.ListVersionSerializer},
    ),
)
class ListVersionViewSet(
    ApprovalActions, ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet
):
    """Versioned lists: a published version never changes; adjusting a list is publishing a new
    version with its effective date, filed with the justice bureau (报备)."""

    model = ListVersion
    serializer_class = s.ListVersionSerializer
    may = {"create": May(step="draft", message=KEEPERS), "act": ACTORS}
    filterset_class = filters.ListVersionFilter
    http_method_names = ["get", "post", "head", "options"]
    create_with = Write(s.ListVersionCreateSerializer, lists.draft_version, owner="agency")

    def get_queryset(self) -> Any:
        return (
            super()
            .get_queryset()
            .select_related("agency", "filing__justice_bureau")
            .prefetch_related("entries__matter")
        )

    @extend_schema(
        summary="某日施行的清单版本",
        parameters=[
            OpenApiParameter("agency", OpenApiTypes.INT, required=True, description="执法主体"),
            OpenApiParameter(
                "kind", OpenApiTypes.STR, required=True, enum=ListKind.values, description="清单"
            ),
            OpenApiParameter("date", OpenApiTypes.DATE, description="日期YYYY-MM-DD，默认今天"),
        ],
        responses={200: s.ListVersionSerializer, 404: NOT_FOUND},
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="as-of",
        url_name="as-of",
        filter_backends=[],
        pagination_class=None,
    )
    def as_of(self, request: Any) -> Response:
        query = AsOfQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        agency, kind = query.validated_data["agency"], query.validated_data["kind"]
        day = query.validated_data.get("date") or timezone.localdate()
        version = lists.as_of(agency, kind, day)
        if version is None:
            message = f"{agency.name}在{day:%Y年%m月%d日}没有施行中的{ListKind(kind).label}"
            return Response(error_body(message, "not_found"), status=status.HTTP_404_NOT_FOUND)
        return self.respond(version)

    @extend_schema(
        summary="向清单草稿添加条目",
        request=s.ListEntryCreateSerializer,
        responses={201: s.ListEntrySerializer},
    )
    @action(detail=True, methods=["post"])
    def entries(self, request: Any, pk: str | None = None) -> Response:
        version = self.get_object()
        data = _valid(s.ListEntryCreateSerializer, request)
        entry = lists.add_entry(request.user, version, **data)
        return Response(s.ListEntrySerializer(entry).data, status.HTTP_201_CREATED)

    @extend_schema(
        summary="发布清单版本并向司法行政部门报备", request=None, responses=s.ListVersionSerializer
    )
    @action(detail=True, methods=["post"])
    def publish(self, request: Any, pk: str | None = None) -> Response:
        version = self.get_object()
        lists.publish_version(request.user, version)
        return self.respond(version)


# --- filings ---


@extend_schema_view(
    list=extend_schema(summary="清单报备列表"),
    retrieve=extend_schema(summary="清单报备详情"),
)
class FilingViewSet(RefileAction, ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """报备: seen by the filing agency's head and information administrator and the supervisors
    of its region (``Filing`` scope, as on the page); a supervisor of the receiving bureau
    acknowledges or returns it."""

    model = Filing
    serializer_class = s.FilingSerializer
    may = {"refile": May((Role.AGENCY_ADMIN,), message=KEEPERS)}
    filterset_class = filters.FilingFilter

    def get_queryset(self) -> Any:
        return (
            super()
            .get_queryset()
            .select_related(
                "agency", "version__agency", "benchmark", "justice_bureau", "handled_by"
            )
        )

    def _handle(self, request: Any, *, acknowledge: bool) -> Response:
        filing = self.get_object()
        data = _valid(s.FilingActionSerializer, request)
        lists.handle_filing(request.user, filing, acknowledge=acknowledge, **data)
        return self.respond(filing)

    @extend_schema(
        summary="报备审查：予以备案", request=s.FilingActionSerializer, responses=s.FilingSerializer
    )
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Any, pk: str | None = None) -> Response:
        return self._handle(request, acknowledge=True)

    @extend_schema(
        summary="报备审查：退回（须写明审查意见）",
        request=s.FilingActionSerializer,
        responses=s.FilingSerializer,
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request: Any, pk: str | None = None) -> Response:
        return self._handle(request, acknowledge=False)


# --- benchmarks ---


@extend_schema_view(
    list=extend_schema(summary="行政裁量权基准列表"),
    retrieve=extend_schema(summary="行政裁量权基准详情（含事实与裁量阶次）"),
    create=extend_schema(
        summary="新建裁量基准草稿（阶次不得有空档或重叠）",
        request=s.BenchmarkCreateSerializer,
        responses={201: s.BenchmarkSerializer},
    ),
    partial_update=extend_schema(
        summary="修改裁量基准草稿（只替换所发送的部分）",
        request=s.BenchmarkUpdateSerializer,
        responses=s.BenchmarkSerializer,
    ),
)
class BenchmarkViewSet(ApprovalActions, ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """行政裁量权基准: drafted and checked for gaps and overlaps on every save, published as an
    immutable dated version; anyone signed in may apply a published one to facts."""

    model = DiscretionBenchmark
    serializer_class = s.BenchmarkSerializer
    may = {"create": May((Role.AGENCY_ADMIN,), message=KEEPERS), "act": ACTORS}
    filterset_class = filters.BenchmarkFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        return (
            super()
            .get_queryset()
            .select_related("matter__agency")
            .prefetch_related("facts", "grades")
        )

    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        data = _valid(s.BenchmarkCreateSerializer, request)
        matter = data.pop("matter")
        content = {key: data.get(key) for key in benchmarks.HEAD_FIELDS}
        content["facts"] = data.get("facts") or []
        content["grades"] = data.get("grades") or []
        benchmark = benchmarks.save_draft(request.user, matter, **content)
        return self.respond(benchmark, status.HTTP_201_CREATED)

    def partial_update(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        benchmark = self.get_object()
        data = _valid(s.BenchmarkUpdateSerializer, request)
        content = benchmarks.content_of(benchmark)
        content.update(data)
        benchmark = benchmarks.save_draft(
            request.user, benchmark.matter, benchmark=benchmark, **content
        )
        return self.respond(benchmark)

    @extend_schema(
        summary="发布裁量基准（发布后不再修改）", request=None, responses=s.BenchmarkSerializer
    )
    @action(detail=True, methods=["post"])
    def publish(self, request: Any, pk: str | None = None) -> Response:
        benchmark = self.get_object()
        benchmarks.publish_benchmark(request.user, benchmark)
        return self.respond(benchmark)

    @extend_schema(
        summary="以本版本内容新建下一版本草稿",
        request=s.NewVersionSerializer,
        responses={201: s.BenchmarkSerializer},
    )
    @action(detail=True, methods=["post"], url_path="new-version", url_name="new-version")
    def new_version(self, request: Any, pk: str | None = None) -> Response:
        benchmark = self.get_object()
        data = _valid(s.NewVersionSerializer, request)
        content = benchmarks.content_of(benchmark)
        content.update(data)
        draft = benchmarks.save_draft(request.user, benchmark.matter, **content)
        return self.respond(draft, status.HTTP_201_CREATED)

    @extend_schema(
        summary="按裁量基准计算：适用阶次、处罚幅度、四张清单与说理",
        request=s.ApplyBenchmarkSerializer,
        responses={200: s.BenchmarkOutcomeSerializer, 404: NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def apply(self, request: Any, pk: str | None = None) -> Response:
        benchmark = self.get_object()
        data = _valid(s.ApplyBenchmarkSerializer, request)
        result = discretion.apply_benchmark(benchmark, data["facts"], on=data.get("on"))
        return Response(result.as_dict())


def register(router: BaseRouter) -> None:
    """Add the catalogue's viewsets to the API router."""
    router.register("matters", MatterViewSet, basename="matter")
    router.register("list-versions", ListVersionViewSet, basename="list-version")
    router.register("filings", FilingViewSet, basename="filing")
    router.register("benchmarks", BenchmarkViewSet, basename="benchmark")
    api_guides.register(router)
