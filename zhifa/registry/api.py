"""Registry API: officers, certificates (with lifecycle actions), training, reviews.

Thin, as the org endpoints, on the core plumbing (:mod:`zhifa.core.api`): every read goes through
``visible_to`` (outsiders get 404), every write through a service function (which checks the role,
validates and writes the ledger), and every answer re-reads the object in scope.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404  # a non-numeric id is a 404, not a 500
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from zhifa.core.api import (
    May,
    ScopedViewSetMixin,
    ServiceCreateMixin,
    ServiceUpdateMixin,
    Write,
)
from zhifa.core.api import valid_data as _valid
from zhifa.core.scoping import CHANGE
from zhifa.org.models import Agency, Role
from zhifa.org.permissions import ASSESSORS, IMPORTERS_ONLY, KEEPERS, SUSPENDERS
from zhifa.org.scope import agency_data_q
from zhifa.registry import filters, queries
from zhifa.registry import serializers as s
from zhifa.registry.eligibility import can_enforce
from zhifa.registry.models import (
    Certificate,
    CertificateReview,
    ExamResult,
    IndicatorSet,
    Officer,
    Suspension,
    TrainingRecord,
)
from zhifa.registry.models.certificates import REVIEW, SUSPEND
from zhifa.registry.services import certificates, officers, training
from zhifa.registry.services.imports import IMPORTERS

# --- officers ---


@extend_schema_view(
    list=extend_schema(summary="执法人员列表"),
    retrieve=extend_schema(summary="执法人员详情"),
    create=extend_schema(
        summary="登记执法人员",
        request=s.OfficerCreateSerializer,
        responses={201: s.OfficerSerializer},
    ),
    partial_update=extend_schema(
        summary="修改执法人员信息（离岗时收回证件）",
        request=s.OfficerUpdateSerializer,
        responses=s.OfficerSerializer,
    ),
)
class OfficerViewSet(
    ScopedViewSetMixin, ServiceCreateMixin, ServiceUpdateMixin, viewsets.ReadOnlyModelViewSet
):
    """执法人员: the agency's information administrator registers and changes them."""

    model = Officer
    serializer_class = s.OfficerSerializer
    may = {
        "create": May((Role.AGENCY_ADMIN,), message=KEEPERS),
        "update": May(action=CHANGE, message=KEEPERS),
        "transfer": May(action=CHANGE, message=KEEPERS),
        "photo": May(action=CHANGE, message=KEEPERS),
    }
    filterset_class = filters.OfficerFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    create_with = Write(s.OfficerCreateSerializer, officers.create_officer, owner="agency")
    update_with = Write(s.OfficerUpdateSerializer, officers.update_officer)

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("agency", "unit").prefetch_related("fields")

    @extend_schema(
        summary="调动执法人员（收回原单位证件）",
        request=s.OfficerTransferSerializer,
        responses=s.OfficerSerializer,
    )
    @action(detail=True, methods=["post"])
    def transfer(self, request: Any, pk: str | None = None) -> Response:
        officer = self.get_object()
        data = _valid(s.OfficerTransferSerializer, request)
        # After the move the officer may be out of the actor's sight: respond() says so.
        return self.respond(officers.transfer_officer(request.user, officer, **data))

    @extend_schema(
        methods=["POST"],
        summary="上传或更换执法人员照片（JPEG或PNG，不超过2MB）",
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"photo": {"type": "string", "format": "binary"}},
                "required": ["photo"],
            }
        },
        responses=s.OfficerSerializer,
    )
    @extend_schema(
        methods=["DELETE"],
        summary="删除执法人员照片",
        request=None,
        responses=s.OfficerSerializer,
    )
    @action(detail=True, methods=["post", "delete"], parser_classes=[MultiPartParser])
    def photo(self, request: Any, pk: str | None = None) -> Response:
        officer = self.get_object()
        if request.method == "DELETE":
            officer = officers.remove_officer_photo(request.user, officer)
            return self.respond(officer)
        upload = request.FILES.get("photo")
        if upload is None:
            raise serializers.ValidationError({"photo": ["请选择照片"]})
        officer = officers.set_officer_photo(request.user, officer, upload)
        return self.respond(officer)

    @extend_schema(
        summary="能否执法（某日是否持有有效证件）",
        parameters=[
            OpenApiParameter("on", OpenApiTypes.DATE, description="日期YYYY-MM-DD，默认今天"),
            OpenApiParameter(
                "field", OpenApiTypes.STR, description="执法领域代码（如01）：只认该领域的证件"
            ),
        ],
        responses=s.EligibilitySerializer,
    )
    @action(detail=True, methods=["get"])
    def eligibility(self, request: Any, pk: str | None = None) -> Response:
        # Not get_object(): the list's filters (its ``field`` is an officer's recorded fields)
        # must not turn this question's ``field`` into a 404.
        officer = get_object_or_404(self.get_queryset(), pk=pk)
        self.check_object_permissions(request, officer)
        query = s.EligibilityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = can_enforce(
            officer,
            query.validated_data.get("on") or timezone.localdate(),
            field=query.validated_data.get("field"),
        )
        return Response(
            {
                "ok": result.ok,
                "reasons": result.reasons,
                "certificate": result.certificate.pk if result.certificate else None,
                "certificate_number": result.certificate.number if result.certificate else None,
                "notices": result.notices,
            }
        )


# --- certificates ---


def _certificate_action(request: type, summary: str) -> Any:
    return extend_schema(summary=summary, request=request, responses=s.CertificateSerializer)


@extend_schema_view(
    list=extend_schema(summary="执法证件列表"),
    retrieve=extend_schema(summary="执法证件详情"),
    create=extend_schema(
        summary="发放执法证件",
        request=s.CertificateCreateSerializer,
        responses={201: s.CertificateSerializer},
    ),
)
class CertificateViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """执法证件 and their lifecycle: 暂扣 and 发还, 收缴, 注销, 年审. Each action answers with the
    certificate as it now is."""

    model = Certificate
    serializer_class = s.CertificateSerializer
    may = {
        "create": May((Role.AGENCY_ADMIN,), message=KEEPERS),
        "suspend": May(action=SUSPEND, message=SUSPENDERS),
        "lift": May(action=SUSPEND, message=SUSPENDERS),
        "review": May(action=REVIEW, message=KEEPERS),
    }
    filterset_class = filters.CertificateFilter
    create_with = Write(
        s.CertificateCreateSerializer, certificates.issue_certificate, owner="officer"
    )

    def get_queryset(self) -> Any:
        return (
            super()
            .get_queryset()
            .select_related("officer__agency", "field")
            .prefetch_related(
                Prefetch("suspensions", queryset=Suspension.objects.order_by("-starts_on")),
                Prefetch("reviews", queryset=CertificateReview.objects.order_by("-year")),
            )
        )

    @_certificate_action(s.SuspendSerializer, "暂扣执法证件")
    @action(detail=True, methods=["post"])
    def suspend(self, request: Any, pk: str | None = None) -> Response:
        certificate = self.get_object()
        data = _valid(s.SuspendSerializer, request)
        certificates.suspend_certificate(request.user, certificate, **data)
        return self.respond(certificate)

    @_certificate_action(s.LiftSerializer, "发还暂扣的执法证件")
    @action(detail=True, methods=["post"])
    def lift(self, request: Any, pk: str | None = None) -> Response:
        certificate = self.get_object()
        data = _valid(s.LiftSerializer, request, certificate=certificate)
        certificates.lift_suspension(request.user, data["suspension"], lifted_on=data["lifted_on"])
        return self.respond(certificate)

    @_certificate_action(s.EndSerializer, "收缴执法证件")
    @action(detail=True, methods=["post"])
    def collect(self, request: Any, pk: str | None = None) -> Response:
        certificate = self.get_object()
        data = _valid(s.EndSerializer, request)
        certificates.collect_certificate(request.user, certificate, **data)
        return self.respond(certificate)

    @_certificate_action(s.EndSerializer, "注销执法证件")
    @action(detail=True, methods=["post"])
    def cancel(self, request: Any, pk: str | None = None) -> Response:
        certificate = self.get_object()
        data = _valid(s.EndSerializer, request)
        certificates.cancel_certificate(request.user, certificate, **data)
        return self.respond(certificate)

    @_certificate_action(s.ReviewActionSerializer, "执法证件年审")
    @action(detail=True, methods=["post"])
    def review(self, request: Any, pk: str | None = None) -> Response:
        certificate = self.get_object()
        data = _valid(s.ReviewActionSerializer, request)
        certificates.review_certificate(request.user, certificate, **data)
        return self.respond(certificate)


@extend_schema_view(
    list=extend_schema(summary="证件年审记录列表"),
    retrieve=extend_schema(summary="证件年审记录详情"),
)
class CertificateReviewViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """年审 records, seen by whoever sees the certificate (``CertificateReview`` scope)."""

    model = CertificateReview
    serializer_class = s.CertificateReviewSerializer
    filterset_class = filters.CertificateReviewFilter

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("certificate__officer")


# --- training and exams ---


@extend_schema_view(
    list=extend_schema(summary="培训记录列表"),
    retrieve=extend_schema(summary="培训记录详情"),
    create=extend_schema(
        summary="登记培训学时",
        request=s.TrainingCreateSerializer,
        responses={201: s.TrainingRecordSerializer},
    ),
)
class TrainingRecordViewSet(
    ScopedViewSetMixin,
    ServiceCreateMixin,
    viewsets.ReadOnlyModelViewSet,
):
    model = TrainingRecord
    serializer_class = s.TrainingRecordSerializer
    may = {
        "create": May((Role.AGENCY_ADMIN,), message=KEEPERS),
        "campaign": May((Role.AGENCY_ADMIN,), message=KEEPERS),
    }
    filterset_class = filters.TrainingFilter
    create_with = Write(s.TrainingCreateSerializer, training.record_training, owner="officer")

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("officer")

    @extend_schema(
        summary="集中培训：同一课程登记多名执法人员（全部成功或全部不登记）",
        request=s.TrainingCampaignSerializer,
        responses={201: s.TrainingRecordSerializer(many=True)},
    )
    @action(detail=False, methods=["post"])
    def campaign(self, request: Any) -> Response:
        data = _valid(s.TrainingCampaignSerializer, request)
        records = training.record_training_campaign(request.user, data.pop("officers"), **data)
        return Response(
            s.TrainingRecordSerializer(records, many=True).data, status.HTTP_201_CREATED
        )


@extend_schema_view(
    list=extend_schema(summary="执法资格考试成绩列表"),
    retrieve=extend_schema(summary="执法资格考试成绩详情"),
    create=extend_schema(
        summary="登记考试成绩",
        request=s.ExamCreateSerializer,
        responses={201: s.ExamSerializer},
    ),
)
class ExamResultViewSet(ScopedViewSetMixin, ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """Exam results, seen by whoever sees the officer (``ExamResult`` scope)."""

    model = ExamResult
    serializer_class = s.ExamSerializer
    may = {"create": May((Role.AGENCY_ADMIN,), message=KEEPERS)}
    filterset_class = filters.ExamFilter
    create_with = Write(s.ExamCreateSerializer, training.record_exam, owner="officer")

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("officer", "field")


# --- daily assessment (日常考核) ---


@extend_schema_view(
    list=extend_schema(summary="日常考核指标体系列表"),
    retrieve=extend_schema(summary="日常考核指标体系详情"),
    create=extend_schema(
        summary="设置日常考核指标体系",
        request=s.IndicatorSetCreateSerializer,
        responses={201: s.IndicatorSetSerializer},
    ),
)
class IndicatorSetViewSet(
    ScopedViewSetMixin,
    ServiceCreateMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """An agency's indicators with maximum scores and a pass mark, set by its head or
    information administrator."""

    model = IndicatorSet
    serializer_class = s.IndicatorSetSerializer
    may = {"create": May((Role.AGENCY_ADMIN, Role.AGENCY_HEAD), message=ASSESSORS)}
    filterset_class = filters.IndicatorSetFilter
    create_with = Write(
        s.IndicatorSetCreateSerializer, training.define_indicator_set, owner="agency"
    )

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("agency").order_by("agency_id", "pk")


@extend_schema_view(
    list=extend_schema(summary="日常考核结果列表"),
    retrieve=extend_schema(summary="日常考核结果详情"),
    create=extend_schema(
        summary="登记日常考核结果",
        request=s.AssessmentCreateSerializer,
        responses={201: s.AssessmentSerializer},
    ),
)
class AssessmentViewSet(ServiceCreateMixin, viewsets.ReadOnlyModelViewSet):
    """日常考核 results, seen by the agency's head and information administrator, the supervisors
    of its region, and the officer assessed (``queries.assessment_results``)."""

    serializer_class = s.AssessmentSerializer
    may = {"create": May((Role.AGENCY_ADMIN, Role.AGENCY_HEAD), message=ASSESSORS)}
    filterset_class = filters.AssessmentFilter
    create_with = Write(s.AssessmentCreateSerializer, training.record_assessment, owner="officer")

    def get_queryset(self) -> Any:
        return (
            queries.assessment_results(self.request.user)
            .select_related("officer__agency", "indicator_set")
            .order_by("-assessed_on", "-pk")
        )


# --- staffing ---


class StaffingViewSet(viewsets.GenericViewSet):
    """Per agency the user has business scope on: officers, legal reviewers against the required
    ratio, officers short of training hours, drills against the requirement."""

    serializer_class = s.StaffingSerializer
    filter_backends: list = []
    pagination_class = None

    @extend_schema(
        summary="人员配备与培训达标情况",
        parameters=[s.StaffingQuerySerializer],  # documents year's bounds (1949–9999)
        responses=s.StaffingSerializer,
    )
    def list(self, request: Any) -> Response:
        query = s.StaffingQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year") or timezone.localdate().year
        # Business data: agencies the user has business scope on (administrators: none).
        agencies = Agency.objects.filter(agency_data_q(request.user, path=""), is_active=True)
        rows = queries.staffing(agencies, year)
        return Response(s.StaffingSerializer({"year": year, "results": rows}).data)


class ImportViewSet(viewsets.ViewSet):
    """Excel imports (the template's columns): all rows valid, or nothing written and every
    problem listed by row and column."""

    parser_classes = [MultiPartParser]
    may = {"upload": May((Role.AGENCY_ADMIN,), message=IMPORTERS_ONLY)}

    @extend_schema(
        summary="导入Excel（执法人员、执法证件、培训记录）",
        parameters=[
            OpenApiParameter(
                "kind",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=["officers", "certificates", "training"],
                description="导入什么：执法人员、执法证件或培训记录",
            )
        ],
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
        responses={201: OpenApiTypes.OBJECT},
    )
    @action(detail=False, methods=["post"], url_path="(?P<kind>officers|certificates|training)")
    def upload(self, request: Any, kind: str) -> Response:
        upload = request.FILES.get("file")
        if upload is None:
            raise serializers.ValidationError({"file": ["请选择要导入的Excel文件"]})
        result = IMPORTERS[kind](request.user, upload)
        return Response(
            {"kind": kind, "created": result.created, "detail": str(result)}, status=201
        )


def register(router: BaseRouter) -> None:
    """Add the registry's viewsets to the API router."""
    router.register("officers", OfficerViewSet, basename="officer")
    router.register("certificates", CertificateViewSet, basename="certificate")
    router.register("reviews", CertificateReviewViewSet, basename="certificate-review")
    router.register("training", TrainingRecordViewSet, basename="training-record")
    router.register("exams", ExamResultViewSet, basename="exam")
    router.register("indicator-sets", IndicatorSetViewSet, basename="indicator-set")
    router.register("assessments", AssessmentViewSet, basename="assessment")
    router.register("staffing", StaffingViewSet, basename="staffing")
    router.register("imports", ImportViewSet, basename="import")
