"""The inspections API: plans, draws (one ``actions/{step}`` endpoint per object, from the same
workflow tables as the pages), conflicts of interest, and the public draw JSON."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import BaseRouter
from rest_framework.views import APIView

from zhifa.core import workflow
from zhifa.core.api import May, ScopedViewSetMixin, ServiceCreateMixin, Write, valid_data
from zhifa.inspections import serializers as s
from zhifa.inspections.models import ConflictOfInterest, Draw, InspectionPlan
from zhifa.inspections.services import conflicts, draw_filings, draws, plans
from zhifa.org.roles import Role

#: The body each step reads (the others take none).
STEP_INPUT = {
    "revise": s.PlanInputSerializer,
    "send_back": s.OpinionSerializer,
    "acknowledge": s.OpinionSerializer,
    "return": s.OpinionSerializer,
    "freeze_inspectors": s.VisitDaySerializer,
}
STEP = r"(?P<step>[a-z_]+)"


class WorkflowActionsMixin:
    """``POST …/{id}/actions/{step}``: one step of the object's workflow table, the same steps the
    page offers (roles, state and guards checked by the engine; outsiders 404)."""

    @extend_schema(
        summary="办理流程中的一步（actions字段列出可办理的步骤）", request=OpenApiTypes.OBJECT
    )
    @action(detail=True, methods=["post"], url_path=f"actions/{STEP}", url_name="act")
    def act(self, request: Any, pk: str | None = None, step: str = "") -> Response:
        obj = self.get_object()
        workflow.table_of(obj).step(step)  # an unknown step: 400 with the Chinese message
        data = valid_data(STEP_INPUT.get(step, s.NoInputSerializer), request)
        workflow.transition(obj, step, request.user, **data)
        return self.respond(obj)


class PlanViewSet(
    ScopedViewSetMixin, ServiceCreateMixin, WorkflowActionsMixin, viewsets.ReadOnlyModelViewSet
):
    """Random-inspection plans (抽查计划) of the user's agencies (supervisors: their regions)."""

    model = InspectionPlan
    serializer_class = s.PlanSerializer
    may = {
        "create": May(step="draft", message="只有执法主体的执法人员或信息管理员可以制定抽查计划")
    }
    http_method_names = ["get", "post", "head", "options"]
    create_with = Write(s.PlanCreateSerializer, plans.create_plan, owner="lead_agency")

    def get_queryset(self) -> Any:
        return (
            super()
            .get_queryset()
            .select_related("lead_agency", "draw")
            .prefetch_related("strata", "agencies", "matters", "regions")
        )


class DrawViewSet(
    ScopedViewSetMixin, ServiceCreateMixin, WorkflowActionsMixin, viewsets.ReadOnlyModelViewSet
):
    """Draws (抽取) of the plans the user sees; ``POST`` freezes a filed plan's pools."""

    model = Draw
    serializer_class = s.DrawSerializer
    may = {"create": May(step="freeze", message="只有牵头部门的负责人或信息管理员可以抽取")}
    http_method_names = ["get", "post", "head", "options"]
    create_with = Write(s.DrawCreateSerializer, draws.start_draw, owner="plan")

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("plan__lead_agency")

    @extend_schema(
        summary="按抽取结果生成检查备案（每个抽中对象一份；不符合备案规定的列出原因）",
        request=None,
        responses=s.TargetsFiledSerializer,
    )
    @action(detail=True, methods=["post"], url_path="file-targets", url_name="file-targets")
    def file_targets(self, request: Any, pk: str | None = None) -> Response:
        draw = self.get_object()
        if not draw_filings.may_file(request.user, draw):
            raise PermissionDenied("只有牵头部门的执法人员或负责人可以按抽取结果生成备案")
        result = draw_filings.file_drawn_targets(request.user, draw)
        body = {
            "created": [i.pk for i in result.created],
            "already": [t.code for t in result.already],
            "refused": [{"code": t.code, "reasons": reasons} for t, reasons in result.refused],
        }
        return Response(body, status=status.HTTP_200_OK)


class ConflictViewSet(
    ScopedViewSetMixin, ServiceCreateMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """Conflicts of interest (回避) of the user's agencies' officers."""

    model = ConflictOfInterest
    serializer_class = s.ConflictSerializer
    may = {
        "create": May(
            roles=(Role.AGENCY_HEAD, Role.AGENCY_ADMIN),
            message="只有执法主体的负责人或信息管理员可以登记回避",
        )
    }
    http_method_names = ["get", "post", "head", "options"]
    create_with = Write(s.ConflictCreateSerializer, conflicts.record_conflict, owner="officer")

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("officer", "party")


class PublicDrawView(APIView):
    """Public: a draw's data, enough to recompute its selection (``scripts/recheck_draw.py``)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    @extend_schema(summary="抽取公开数据（可用脚本复核）", responses=OpenApiTypes.OBJECT)
    def get(self, request: Any, pk: int) -> Response:
        draw = Draw.objects.public().select_related("plan").filter(pk=pk).first()
        if draw is None:
            raise Http404
        return Response(draws.public_data(draw), status=status.HTTP_200_OK)


def register(router: BaseRouter) -> None:
    router.register("inspection-plans", PlanViewSet, basename="inspection-plan")
    router.register("draws", DrawViewSet, basename="draw")
    router.register("conflicts", ConflictViewSet, basename="conflict")
