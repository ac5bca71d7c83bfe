"""The approval steps in the API: ``POST …/{id}/act`` takes one of the actions the object's
``actions`` field lists (the same workflow table as the page's buttons), ``GET …/{id}/approvals``
lists the reviews and approvals recorded, ``POST /filings/{id}/refile`` refiles a returned filing
as a new version. Refusals as on the pages: out of sight 404, wrong role 403, a failing guard or
bad input 400 with the Chinese reasons by field."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from zhifa.catalog.models import ListVersion, RuleApproval
from zhifa.catalog.services import approvals
from zhifa.core import workflow
from zhifa.core.api import May
from zhifa.core.api import valid_data as _valid
from zhifa.org.models import Role

#: The data each step takes.
FIELDS_OF: dict[str, tuple[str, ...]] = {
    "submit": (),
    "review_pass": ("opinion",),
    "review_fail": ("opinion",),
    "approve": ("discussed_on", "participants", "opinion"),
    "disapprove": ("discussed_on", "participants", "opinion"),
    "publish": ("effective_on",),
}
ACTORS = May(
    (Role.AGENCY_ADMIN, Role.LEGAL_REVIEWER, Role.AGENCY_HEAD),
    message="只有执法主体的信息管理员、法制审核人员或单位负责人可以办理审核审批",
)


class ApprovalActSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=list(FIELDS_OF), help_text="操作名（见对象的 actions）"
    )
    opinion = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="法制审核意见（不同意时必填）或集体讨论结论",
    )
    discussed_on = serializers.DateField(required=False, allow_null=True, help_text="集体讨论日期")
    participants = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="集体讨论参加人员"
    )
    effective_on = serializers.DateField(
        required=False, allow_null=True, help_text="发布时的施行日期（不得早于发布之日）"
    )


class RuleApprovalSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    actor_name = serializers.CharField(source="actor.full_name", read_only=True)

    class Meta:
        model = RuleApproval
        fields = [
            "id",
            "kind",
            "kind_display",
            "agrees",
            "opinion",
            "discussed_on",
            "participants",
            "actor_name",
            "created_at",
        ]
        read_only_fields = fields


class RefileSerializer(serializers.Serializer):
    effective_on = serializers.DateField(help_text="新版本的施行日期（不得早于今天）")
    submit = serializers.BooleanField(
        required=False, default=False, help_text="新版本直接送法制审核（否则为草稿）"
    )


class RefiledSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="list 或 benchmark")
    id = serializers.IntegerField()
    status = serializers.CharField()
    status_display = serializers.CharField()


class ApprovalActions:
    """Mixed into the list-version and benchmark viewsets."""

    @extend_schema(
        summary="审核审批：送法制审核、法制审核、集体讨论、发布并报备（操作名见 actions）",
        request=ApprovalActSerializer,
    )
    @action(detail=True, methods=["post"])
    def act(self, request: Any, pk: str | None = None) -> Response:
        rule = self.get_object()
        data = _valid(ApprovalActSerializer, request)
        name = data["action"]
        workflow.require_role(rule, name, request.user)
        kwargs = {k: data.get(k) for k in FIELDS_OF[name]}
        if kwargs.get("effective_on", 0) is None:
            kwargs.pop("effective_on")
        approvals.act(rule, name, request.user, **kwargs)
        return self.respond(rule)

    @extend_schema(summary="法制审核与集体讨论记录", responses=RuleApprovalSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def approvals(self, request: Any, pk: str | None = None) -> Response:
        rule = self.get_object()
        records = rule.approvals.select_related("actor")
        return Response(RuleApprovalSerializer(records, many=True).data)


class RefileAction:
    """Mixed into the filing viewset."""

    @extend_schema(
        summary="被退回的报备：以其内容新建版本，修改后重新报送",
        request=RefileSerializer,
        responses={201: RefiledSerializer},
    )
    @action(detail=True, methods=["post"])
    def refile(self, request: Any, pk: str | None = None) -> Response:
        filing = self.get_object()
        workflow.require_role(filing, "refile", request.user)
        data = _valid(RefileSerializer, request)
        new = approvals.refile_filing(request.user, filing, **data)
        body = {
            "kind": "list" if isinstance(new, ListVersion) else "benchmark",
            "id": new.pk,
            "status": new.status,
            "status_display": new.get_status_display(),
        }
        return Response(body, status.HTTP_201_CREATED)
