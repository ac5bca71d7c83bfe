"""The workflow table in the API: an ``actions`` field telling the client which actions the user
may take now (the same answer the pages use for their buttons)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from zhifa.core import workflow


class AvailableActionSerializer(serializers.Serializer):
    """One action the user may take now (the shape of :class:`zhifa.core.workflow.Available`)."""

    action = serializers.CharField(help_text="流程表中的操作名")
    label = serializers.CharField(help_text="中文名称")
    allowed = serializers.BooleanField(help_text="现在能否办理")
    reasons = serializers.ListField(
        child=serializers.CharField(), help_text="不能办理的理由（引用依据）"
    )
    confirm = serializers.CharField(
        help_text="不可撤销的操作办理前应向用户确认的提示；可撤销的操作为空"
    )


@extend_schema_field(AvailableActionSerializer(many=True))
class AvailableActionsField(serializers.Field):
    """``[{"action", "label", "allowed", "reasons", "confirm"}]`` for the requesting user, from the object's
    workflow table (role checks remembered across the rows of one response)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("help_text", "当前用户现在可以办理的操作")
        super().__init__(**kwargs)

    def to_representation(self, obj: Any) -> list[dict[str, Any]]:
        request = self.context.get("request")
        if request is None:
            return []
        cache = self.context.setdefault("_workflow_roles", {})
        return [a.as_dict() for a in workflow.available_actions(obj, request.user, cache=cache)]
