"""The API of legal review and the decision's discretion: the same services as the pages.

- ``/api/v1/legal-reviews/``: list/read in scope; ``POST`` requests a review; ``opinion``,
  ``objection`` and ``ruling`` are the workflow's actions (the object lists them under ``actions``).
- ``/api/v1/case-decisions/``: list/read in scope; ``POST`` records the intended or decided
  penalty; ``assess`` answers what the benchmark says about facts (nothing is written).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from zhifa.cases.models import Case
from zhifa.cases.models.decisions import Decision, DecisionExtension, DecisionKind, Measure
from zhifa.cases.models.reviews import LegalReview, Opinion, Ruling
from zhifa.cases.review_filters import DecisionFilter, LegalReviewApiFilter
from zhifa.cases.services import decisions, extensions, reviews
from zhifa.catalog.models import Matter
from zhifa.core.api import May, ScopedViewSetMixin, valid_data
from zhifa.core.scoping import CHANGE
from zhifa.core.workflow_api import AvailableActionsField
from zhifa.org.roles import Role
from zhifa.registry.models import Officer

HANDLERS_ONLY = "只有本案承办人员或机关负责人可以办理"


def _case(request: Any, pk: Any) -> Case:
    found = Case.objects.visible_to(request.user).filter(pk=pk).first()
    if found is None:
        raise serializers.ValidationError({"case": ["没有这个案件"]})
    return found


class LegalReviewSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    reviewer_name = serializers.CharField(source="reviewer.name", read_only=True)
    checklist = serializers.SerializerMethodField(help_text="审核要点：key、label、ok、note")
    actions = AvailableActionsField()

    class Meta:
        model = LegalReview
        fields = [
            "id",
            "case",
            "case_number",
            "round",
            "status",
            "reviewer",
            "reviewer_name",
            "requested_on",
            "grounds",
            "due_on",
            "checklist",
            "opinion",
            "reasons",
            "reviewed_on",
            "objection",
            "ruling",
            "ruling_reasons",
            "ruled_on",
            "actions",
        ]

    def get_checklist(self, review: LegalReview) -> list[dict]:
        return review.checklist_rows


class RequestInput(serializers.Serializer):
    case = serializers.IntegerField(help_text="案件编号")
    reviewer = serializers.IntegerField(help_text="法制审核人员（执法人员编号）")
    grounds = serializers.CharField(required=False, allow_blank=True, help_text="提请审核的理由")


class OpinionInput(serializers.Serializer):
    opinion = serializers.ChoiceField(choices=Opinion.choices)
    reasons = serializers.CharField(allow_blank=True)
    checklist = serializers.DictField(
        help_text="审核要点：{subject|facts|evidence|law|procedure|discretion|documents: "
        "{ok: true/false, note}}"
    )


class ObjectionInput(serializers.Serializer):
    objection = serializers.CharField(allow_blank=True)


class RulingInput(serializers.Serializer):
    ruling = serializers.ChoiceField(choices=Ruling.choices)
    reasons = serializers.CharField(allow_blank=True)


@extend_schema_view(
    list=extend_schema(summary="法制审核列表（本人可见范围）"),
    retrieve=extend_schema(summary="法制审核详情（审核要点、意见、协调、可办理的操作）"),
)
class LegalReviewViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    model = LegalReview
    serializer_class = LegalReviewSerializer
    filterset_class = LegalReviewApiFilter
    may = {
        "create": May(step="request", message=HANDLERS_ONLY),
        "opinion": May(step="opine", message="只有法制审核人员可以出具审核意见"),
        "objection": May(action=CHANGE, message=HANDLERS_ONLY),
        "ruling": May(step="rule", message="只有机关负责人可以协调"),
    }

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("case__agency", "reviewer")

    @extend_schema(summary="提请法制审核（本案承办人员或机关负责人）", request=RequestInput)
    def create(self, request: Any) -> Response:
        data = valid_data(RequestInput, request)
        case = _case(request, data["case"])
        reviewer = Officer.objects.filter(pk=data["reviewer"], agency=case.agency).first()
        if reviewer is None:
            raise serializers.ValidationError(
                {"reviewer": ["法制审核人员应为本机关的法制审核人员"]}
            )
        review = reviews.request_review(
            request.user, case, reviewer=reviewer, grounds=data.get("grounds", "")
        )
        return self.respond(review, status.HTTP_201_CREATED)

    @extend_schema(summary="出具审核意见（同意/不同意/补充后再审）", request=OpinionInput)
    @action(detail=True, methods=["post"])
    def opinion(self, request: Any, pk: Any = None) -> Response:
        review = self.get_object()
        data = valid_data(OpinionInput, request)
        return self.respond(reviews.give_opinion(request.user, review, **data))

    @extend_schema(summary="承办机构对审核意见提出异议（提请负责人协调）", request=ObjectionInput)
    @action(detail=True, methods=["post"])
    def objection(self, request: Any, pk: Any = None) -> Response:
        review = self.get_object()
        data = valid_data(ObjectionInput, request)
        return self.respond(reviews.raise_objection(request.user, review, **data))

    @extend_schema(summary="机关负责人协调（维持审核意见或采纳承办机构意见）", request=RulingInput)
    @action(detail=True, methods=["post"])
    def ruling(self, request: Any, pk: Any = None) -> Response:
        review = self.get_object()
        data = valid_data(RulingInput, request)
        return self.respond(reviews.coordinate(request.user, review, **data))


class DecisionSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="case.number", read_only=True)
    summary = serializers.CharField(read_only=True, help_text="处罚内容")

    class Meta:
        model = Decision
        fields = [
            "id",
            "case",
            "case_number",
            "kind",
            "measures",
            "fine",
            "confiscated",
            "other_terms",
            "summary",
            "facts",
            "benchmark",
            "benchmark_choice",
            "grade",
            "range_min",
            "range_max",
            "explanation",
            "outside_range",
            "outside_reason",
            "similar",
            "flags",
            "recorded_on",
        ]


class DecisionInput(serializers.Serializer):
    case = serializers.IntegerField(help_text="案件编号")
    kind = serializers.ChoiceField(choices=DecisionKind.choices)
    measures = serializers.ListField(child=serializers.ChoiceField(choices=Measure.choices))
    fine = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    confiscated = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    other_terms = serializers.CharField(required=False, allow_blank=True)
    facts = serializers.DictField(help_text="裁量事实（基准的事实键 → 值）")
    outside_reason = serializers.CharField(required=False, allow_blank=True)
    matter = serializers.IntegerField(required=False, help_text="执法事项（默认为案件的第一个）")


class AssessInput(serializers.Serializer):
    case = serializers.IntegerField(help_text="案件编号")
    facts = serializers.DictField(help_text="裁量事实")
    matter = serializers.IntegerField(required=False)


def _matter(case: Case, pk: Any) -> Matter | None:
    if pk is None:
        return None
    found = Matter.objects.filter(pk=pk, cases__case=case).first()
    if found is None:
        raise serializers.ValidationError({"matter": ["所选执法事项不属于本案"]})
    return found


@extend_schema_view(
    list=extend_schema(summary="处罚裁量记录列表（拟处罚与处罚决定）"),
    retrieve=extend_schema(summary="处罚裁量记录详情"),
)
class DecisionViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    model = Decision
    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter
    may = {"create": May(roles=(Role.OFFICER, Role.AGENCY_HEAD), message=HANDLERS_ONLY)}

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("case")

    @extend_schema(
        summary="录入拟处罚（事先告知）或处罚决定的处罚内容及裁量", request=DecisionInput
    )
    def create(self, request: Any) -> Response:
        data = valid_data(DecisionInput, request)
        case = _case(request, data.pop("case"))
        matter = _matter(case, data.pop("matter", None))
        decision = decisions.record_decision(request.user, case, matter=matter, **data)
        return self.respond(decision, status.HTTP_201_CREATED)

    @extend_schema(
        summary="按裁量基准测算（不保存）：阶次、幅度、类案参考、说明", request=AssessInput
    )
    @action(detail=False, methods=["post"])
    def assess(self, request: Any) -> Response:
        data = valid_data(AssessInput, request)
        case = _case(request, data["case"])
        found = decisions.assess(case, data["facts"], matter=_matter(case, data.get("matter")))
        outcome = found.outcome.as_dict() if found.outcome else None
        return Response(
            {
                "benchmark": found.benchmark.pk if found.benchmark else None,
                "choice": found.choice,
                "grade": found.grade,
                "allowed_min": _text(found.allowed_min),
                "allowed_max": _text(found.allowed_max),
                "similar": found.similar,
                "outcome": outcome,
            }
        )


class ExtensionSerializer(serializers.ModelSerializer):
    approved_by_name = serializers.CharField(source="approved_by.full_name", read_only=True)

    class Meta:
        model = DecisionExtension
        fields = ["id", "case", "days", "reason", "approved_by_name", "approved_on"]


class ExtensionInput(serializers.Serializer):
    case = serializers.IntegerField(help_text="案件编号")
    days = serializers.IntegerField(help_text="延长天数")
    reason = serializers.CharField(allow_blank=True)


@extend_schema_view(list=extend_schema(summary="办案期限延长记录（本人可见范围）"))
class ExtensionViewSet(ScopedViewSetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    model = DecisionExtension
    serializer_class = ExtensionSerializer
    may = {"create": May(roles=(Role.AGENCY_HEAD,), message=extensions.HEADS_ONLY)}

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("approved_by")

    @extend_schema(summary="批准延长作出处罚决定的期限（执法主体负责人）", request=ExtensionInput)
    def create(self, request: Any) -> Response:
        data = valid_data(ExtensionInput, request)
        case = _case(request, data["case"])
        done = extensions.extend(request.user, case, days=data["days"], reason=data["reason"])
        return self.respond(done, status.HTTP_201_CREATED)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def register(router: BaseRouter) -> None:
    router.register("legal-reviews", LegalReviewViewSet, basename="legal-review")
    router.register("case-decisions", DecisionViewSet, basename="case-decision")
    router.register("case-extensions", ExtensionViewSet, basename="case-extension")
