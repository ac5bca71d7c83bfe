"""The API of a decision's execution (送达与执行): the same services as the case page's panel
(:mod:`zhifa.cases.services.execution`, each step through the case's workflow table).

``/api/v1/case-executions/``: the served cases in scope; ``/api/v1/case-executions/{case}``: the
service record, the fine's account to the day (owed, paid, late fee, next day of payment, 处罚法
arts. 67, 72), the payments, the applications to defer or pay in instalments (art. 66), the demand
notice, the court and its ruling (强制法 arts. 53, 54), the end of execution (art. 40), and the
execution steps the user may take now. ``pay``, ``apply-arrangement``, ``approve-arrangement``,
``refuse-arrangement``, ``demand``, ``apply-court``, ``record-ruling``, ``record-measures`` and
``end-execution`` are the table's steps: a step the user's roles do not allow, 403 before the
body is read; bad input, 400 with Chinese field errors, nothing written; outsiders, 404.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from zhifa.cases.models import Case, CaseStatus
from zhifa.cases.models.execution import (
    ArrangementKind,
    CourtRuling,
    Execution,
    Payment,
    PaymentArrangement,
)
from zhifa.cases.services import execution
from zhifa.cases.workflows import EXECUTION_ACTIONS
from zhifa.core import workflow
from zhifa.core.api import May, ScopedViewSetMixin, valid_data
from zhifa.core.calendar import current_oracle
from zhifa.org.models import Role
from zhifa.org.permissions import agency_roles

HANDLERS_ONLY = "只有本案承办人员或机关负责人可以办理"
HEADS_ONLY = "只有机关负责人可以审批"


class PaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Payment
        fields = ["id", "paid_on", "amount", "fine_part", "late_fee_part", "reference"]


class PaymentArrangementSerializer(serializers.ModelSerializer):
    class Meta:
        model = PaymentArrangement
        fields = [
            "id",
            "kind",
            "applied_on",
            "reason",
            "plan",
            "status",
            "decided_on",
            "opinion",
        ]


class ExecutionRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = Execution
        fields = [
            "receiver",
            "place",
            "service_note",
            "consent",
            "service_due",
            "service_flag",
            "fine",
            "measures",
            "plan",
            "demand_served_on",
            "demand_note",
            "court",
            "court_applied_on",
            "ruling",
            "ruled_on",
            "ruling_note",
            "measures_done_on",
            "measures_note",
            "ended_on",
            "end_reason",
            "settled",
            "next_due",
        ]


class FineAccountSerializer(serializers.Serializer):
    """The fine's account today (处罚法 arts. 66, 67, 72)."""

    on = serializers.DateField(help_text="计算日期（今天）")
    fine = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="罚款")
    fine_paid = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="已缴罚款")
    late_fee = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="加处罚款（截至今日）"
    )
    late_fee_paid = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="已缴加处罚款"
    )
    owed = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="尚欠")
    next_due = serializers.DateField(allow_null=True, help_text="下一缴款期限")
    days_left = serializers.IntegerField(allow_null=True, help_text="剩余天数（负数为逾期天数）")
    overdue = serializers.BooleanField(help_text="是否逾期")
    calendar_note = serializers.CharField(help_text="缺少节假日数据时的说明")


class ExecutionActionSerializer(serializers.Serializer):
    action = serializers.CharField(help_text="操作名")
    label = serializers.CharField(help_text="中文名称")
    confirm = serializers.CharField(help_text="办理前应向用户确认的提示")


class CaseExecutionSerializer(serializers.ModelSerializer):
    record = serializers.SerializerMethodField(help_text="送达回证与执行情况")
    account = serializers.SerializerMethodField(help_text="罚款缴纳情况（无罚款时为空）")
    payments = PaymentSerializer(many=True, read_only=True)
    arrangements = PaymentArrangementSerializer(many=True, read_only=True)
    actions = serializers.SerializerMethodField(help_text="当前用户现在可以办理的执行事项")

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "title",
            "status",
            "decided_on",
            "served_on",
            "service_method",
            "record",
            "account",
            "payments",
            "arrangements",
            "actions",
        ]

    @extend_schema_field(ExecutionRecordSerializer(allow_null=True))
    def get_record(self, case: Case) -> dict[str, Any] | None:
        record = getattr(case, "execution", None) if _has_record(case) else None
        return None if record is None else ExecutionRecordSerializer(record).data

    @extend_schema_field(FineAccountSerializer(allow_null=True))
    def get_account(self, case: Case) -> dict[str, Any] | None:
        record = case.execution if _has_record(case) else None
        if record is None or not record.fine:
            return None
        if "_oracle" not in self.context:  # the calendar, read once per response
            self.context["_oracle"] = current_oracle()
        oracle = self.context["_oracle"]
        found = execution.account_of(
            case, record, payments=list(case.payments.all()), oracle=oracle
        )
        _, note = execution.payment_last_day(case, oracle)
        data = {
            name: getattr(found, name)
            for name in (
                "on",
                "fine",
                "fine_paid",
                "late_fee",
                "late_fee_paid",
                "owed",
                "next_due",
                "days_left",
                "overdue",
            )
        }
        return FineAccountSerializer({**data, "calendar_note": note}).data

    @extend_schema_field(ExecutionActionSerializer(many=True))
    def get_actions(self, case: Case) -> list[dict[str, str]]:
        request = self.context.get("request")
        if request is None or not _open(case):
            return []
        table = workflow.table_of(case)
        cache = self.context.setdefault("_roles", {})
        found = []
        for name in sorted(EXECUTION_ACTIONS):
            step = table.step(name)
            if _may(request.user, case, step.roles, cache):
                found.append({"action": name, "label": step.label, "confirm": step.confirm})
        return found


def _may(user: Any, case: Case, roles: tuple[str, ...], cache: dict) -> bool:
    """The case table's role check (``workflows.case_roles``: the agency's role; an officer
    only on the cases he handles), with the agency's answers remembered for the response and
    the case's officers read from the prefetch."""

    def agency_may(wanted: tuple[str, ...]) -> bool:
        key = (case.agency_id, wanted)
        if key not in cache:
            cache[key] = agency_roles(user, case.agency, wanted) is None
        return cache[key]

    if not agency_may(roles):
        return False
    others = tuple(r for r in roles if r != Role.OFFICER)
    if Role.OFFICER not in roles or (others and agency_may(others)):
        return True
    return any(o.officer.user_id == user.pk for o in case.officers.all())


def _has_record(case: Case) -> bool:
    try:
        case.execution  # noqa: B018 - the reverse one-to-one, prefetched by the viewset
    except Execution.DoesNotExist:
        return False
    return True


def _open(case: Case) -> bool:
    return case.status == CaseStatus.EXECUTION


class ExecutionPayInput(serializers.Serializer):
    paid_on = serializers.DateField(help_text="缴款日期")
    amount = serializers.CharField(help_text="缴款金额（元）")
    reference = serializers.CharField(allow_blank=True, help_text="票据号或银行流水号")


class InstalmentInput(serializers.Serializer):
    due = serializers.DateField(help_text="缴款期限")
    amount = serializers.CharField(help_text="金额（元）")


class PaymentArrangementInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ArrangementKind.choices)
    applied_on = serializers.DateField(help_text="申请日期")
    reason = serializers.CharField(allow_blank=True, help_text="确有经济困难的情况")
    deferred_to = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="暂缓缴纳至（暂缓缴纳）"
    )
    instalments = serializers.ListField(
        child=InstalmentInput(), required=False, default=list, help_text="各期计划（分期缴纳）"
    )


class ExecutionOpinionInput(serializers.Serializer):
    opinion = serializers.CharField(required=False, allow_blank=True, default="")


class DemandNoticeInput(serializers.Serializer):
    served_on = serializers.DateField(help_text="催告书送达日期")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CourtApplicationInput(serializers.Serializer):
    applied_on = serializers.DateField(help_text="申请日期")
    court = serializers.CharField(allow_blank=True, help_text="人民法院名称")


class CourtRulingInput(serializers.Serializer):
    ruling = serializers.ChoiceField(choices=CourtRuling.choices)
    ruled_on = serializers.DateField(help_text="裁定日期")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class MeasuresDoneInput(serializers.Serializer):
    done_on = serializers.DateField(help_text="执行完毕日期")
    note = serializers.CharField(allow_blank=True, help_text="执行情况")


class EndExecutionInput(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, help_text="终结执行的理由")


def _steps() -> dict[str, May]:
    heads = {"approve_arrangement", "refuse_arrangement", "apply_court", "end_execution"}
    return {
        name: May(step=name, message=HEADS_ONLY if name in heads else HANDLERS_ONLY)
        for name in EXECUTION_ACTIONS
    }


@extend_schema_view(
    list=extend_schema(summary="已送达案件的执行情况列表（本人可见范围）"),
    retrieve=extend_schema(
        summary="案件的送达与执行情况（送达回证、缴款、暂缓或分期、催告、强制执行、可办理的事项）"
    ),
)
class CaseExecutionViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """送达与执行, addressed by the case's id."""

    model = Case
    serializer_class = CaseExecutionSerializer
    may = _steps()

    def get_queryset(self) -> Any:
        return (
            super()
            .get_queryset()
            .filter(served_on__isnull=False)
            .select_related("agency", "execution", "on_spot")
            .prefetch_related("payments", "arrangements", "officers__officer")
            .order_by("-served_on", "-pk")
        )

    def _step(self, request: Any, name: str, schema: type, **rename: str) -> Response:
        case = self.get_object()
        workflow.require_role(case, name, request.user)  # 403 before the body is read
        data = valid_data(schema, request)
        for old, new in rename.items():
            data[new] = data.pop(old)
        if "instalments" in data:
            data["instalments"] = [dict(i) for i in data["instalments"]]
        workflow.transition(case, name, request.user, **data)
        return self.respond(case)

    @extend_schema(summary="登记缴款（罚款及加处罚款）", request=ExecutionPayInput)
    @action(detail=True, methods=["post"])
    def pay(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, "pay", ExecutionPayInput, amount="amount_paid")

    @extend_schema(summary="登记暂缓或分期缴纳申请", request=PaymentArrangementInput)
    @action(detail=True, methods=["post"], url_path="apply-arrangement")
    def apply_arrangement(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, "apply_arrangement", PaymentArrangementInput)

    @extend_schema(summary="负责人批准暂缓或分期缴纳", request=ExecutionOpinionInput)
    @action(detail=True, methods=["post"], url_path="approve-arrangement")
    def approve_arrangement(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, "approve_arrangement", ExecutionOpinionInput)

    @extend_schema(
        summary="负责人不予批准暂缓或分期缴纳（写明理由）", request=ExecutionOpinionInput
    )
    @action(detail=True, methods=["post"], url_path="refuse-arrangement")
    def refuse_arrangement(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, "refuse_arrangement", ExecutionOpinionInput)

    @extend_schema(summary="送达催告书", request=DemandNoticeInput)
    @action(detail=True, methods=["post"])
    def demand(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, "demand", DemandNoticeInput)

    @extend_schema(summary="负责人申请人民法院强制执行", request=CourtApplicationInput)
    @action(detail=True, methods=["post"], url_path="apply-court")
    def apply_court(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, "apply_court", CourtApplicationInput)

    @extend_schema(summary="登记法院裁定", request=CourtRulingInput)
    @action(detail=True, methods=["post"], url_path="record-ruling")
    def record_ruling(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, "record_ruling", CourtRulingInput)

    @extend_schema(summary="登记罚款以外处罚的执行情况", request=MeasuresDoneInput)
    @action(detail=True, methods=["post"], url_path="record-measures")
    def record_measures(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, "record_measures", MeasuresDoneInput)

    @extend_schema(summary="负责人终结执行（写明理由）", request=EndExecutionInput)
    @action(detail=True, methods=["post"], url_path="end-execution")
    def end_execution(self, request: Any, pk: Any = None) -> Response:
        return self._step(request, "end_execution", EndExecutionInput)


def register(router: BaseRouter) -> None:
    router.register("case-executions", CaseExecutionViewSet, basename="case-execution")
