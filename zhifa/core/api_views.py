"""Core endpoints: legal deadlines (public), the holiday calendar, the ledger (audit)."""

from __future__ import annotations

from typing import Any

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from zhifa.core import calendar, holidays, ledger
from zhifa.core.api import HasRole, May
from zhifa.core.calendar import SYSTEM_ADMIN, compute_deadline
from zhifa.core.models import CalendarOverride, HolidayNotice, LedgerEntry
from zhifa.core.workdays import PeriodUnit


class DeadlineQuery(serializers.Serializer):
    start = serializers.DateField(
        error_messages={"invalid": "起算日格式应为YYYY-MM-DD", "required": "请提供起算日start"}
    )
    days = serializers.IntegerField(
        min_value=1,
        error_messages={
            "invalid": "期间长度days应为正整数",
            "required": "请提供期间长度days",
            "min_value": "期间长度days至少为1",
        },
    )
    unit = serializers.ChoiceField(
        choices=[u.value for u in PeriodUnit],
        default=PeriodUnit.WORKING.value,
        error_messages={"invalid_choice": "单位unit应为working、calendar、months或years之一"},
    )


class DeadlineView(APIView):
    """Public: the last day of a legal period, on the official calendar (rules.md "Time")."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "start", OpenApiTypes.DATE, required=True, description="起算日（不计入）"
            ),
            OpenApiParameter("days", OpenApiTypes.INT, required=True, description="期间长度"),
            OpenApiParameter(
                "unit",
                OpenApiTypes.STR,
                enum=[u.value for u in PeriodUnit],
                description="单位，默认working",
            ),
        ],
        responses=inline_serializer(
            "Deadline",
            {
                "start": serializers.DateField(),
                "days": serializers.IntegerField(),
                "unit": serializers.CharField(),
                "due": serializers.DateField(),
            },
        ),
        summary="计算法定期限",
    )
    def get(self, request: Any) -> Response:
        query = DeadlineQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        due = compute_deadline(data["start"], data["days"], data["unit"])
        return Response(
            {"start": data["start"], "days": data["days"], "unit": data["unit"], "due": due}
        )


class LedgerVerifyView(APIView):
    """Audit administrator: walk the chain and say whether it holds, and where it breaks."""

    permission_classes = [HasRole.of("audit_admin")]

    @extend_schema(
        summary="校验全过程记录台账",
        responses=inline_serializer(
            "LedgerVerification",
            {
                "ok": serializers.BooleanField(),
                "entries": serializers.IntegerField(),
                "head": serializers.CharField(),
                "first_bad_seq": serializers.IntegerField(allow_null=True),
                "problem": serializers.CharField(),
            },
        ),
    )
    def get(self, request: Any) -> Response:
        return Response(ledger.verify().as_dict())


class LedgerEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = LedgerEntry
        fields = [
            "seq",
            "created_at",
            "actor",
            "actor_name",
            "action",
            "object_type",
            "object_id",
            "payload_hash",
            "prev_hash",
            "entry_hash",
            "request_id",
        ]


class LedgerEntryFilter(django_filters.FilterSet):
    action = django_filters.CharFilter(lookup_expr="startswith", label="操作（前缀）")
    since = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    until = django_filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = LedgerEntry
        fields = ["action", "object_type", "object_id", "actor", "request_id"]


class LedgerEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """Audit administrator: read the ledger (no write endpoint exists)."""

    permission_classes = [HasRole.of("audit_admin")]
    serializer_class = LedgerEntrySerializer
    filterset_class = LedgerEntryFilter
    lookup_field = "seq"
    queryset = LedgerEntry.objects.order_by("-seq")


class CalendarOverrideSerializer(serializers.ModelSerializer):
    class Meta:
        model = CalendarOverride
        fields = ["id", "day", "is_working_day", "note"]


class CalendarOverrideViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Holiday/working-day overrides: everyone signed in reads, the system administrator edits."""

    serializer_class = CalendarOverrideSerializer
    may = {"create": May((SYSTEM_ADMIN,), message=holidays.DENIED)}
    queryset = CalendarOverride.objects.all()

    def perform_create(self, serializer: CalendarOverrideSerializer) -> None:
        serializer.instance = calendar.set_override(self.request.user, **serializer.validated_data)

    def perform_destroy(self, instance: CalendarOverride) -> None:
        calendar.remove_override(self.request.user, instance)


class HolidayPeriodSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=20, help_text="节日，如春节")
    first_day = serializers.DateField(help_text="放假首日")
    last_day = serializers.DateField(help_text="放假末日")


class AdjustedWorkdaySerializer(serializers.Serializer):
    day = serializers.DateField(help_text="调休上班的周六或周日")
    note = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")


class HolidayNoticeSerializer(serializers.ModelSerializer):
    """A year's notice as it reads; written through :func:`zhifa.core.holidays.save_notice`."""

    year = serializers.IntegerField(min_value=2000, max_value=2100)
    periods = HolidayPeriodSerializer(many=True, required=False)
    workdays = AdjustedWorkdaySerializer(many=True, required=False)
    reason = serializers.CharField(
        write_only=True, required=False, allow_blank=True, help_text="更正已确认的通知时必填"
    )

    class Meta:
        model = HolidayNotice
        fields = [
            "id",
            "year",
            "title",
            "periods",
            "workdays",
            "is_complete",
            "completed_at",
            "created_at",
            "reason",
        ]
        read_only_fields = ["is_complete", "completed_at", "created_at"]


@extend_schema(summary="节假日安排通知（系统管理员按通知原文录入，确认后用于期限计算）")
class HolidayNoticeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = HolidayNoticeSerializer
    may = {
        "create": May((SYSTEM_ADMIN,), message=holidays.DENIED),
        "update": May((SYSTEM_ADMIN,), message=holidays.DENIED),
    }
    queryset = HolidayNotice.objects.prefetch_related("periods", "workdays")
    lookup_field = "year"
    lookup_value_regex = "[0-9]{4}"

    def perform_create(self, serializer: HolidayNoticeSerializer) -> None:
        serializer.instance = holidays.save_notice(
            self.request.user, new=True, **serializer.validated_data
        )

    def perform_update(self, serializer: HolidayNoticeSerializer) -> None:
        notice = serializer.instance
        periods, workdays = holidays.notice_rows(notice)
        data = {
            "title": notice.title,
            "periods": periods,
            "workdays": workdays,
            **serializer.validated_data,
            "year": notice.year,
        }
        serializer.instance = holidays.save_notice(self.request.user, **data)

    @extend_schema(request=None, summary="确认通知录入完毕（此后该年度期限按通知计算）")
    @action(detail=True, methods=["post"])
    def complete(self, request: Any, year: str | None = None) -> Response:
        notice = holidays.complete_notice(request.user, self.get_object())
        return Response(self.get_serializer(notice).data)
