"""The API of the visit: on-site records (open, answer the checklist — idempotent by the phone's key
—, photos, details, submit, re-check) and ratings (read in scope; the public rating by link).

The same services as the pages; the record's workflow actions come with ``actions``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import parsers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.routers import BaseRouter
from rest_framework.views import APIView

from zhifa.core import workflow as wf
from zhifa.core.api import May, ScopedViewSetMixin, valid_data
from zhifa.core.scoping import CHANGE
from zhifa.core.validators import mask_phone
from zhifa.core.workflow_api import AvailableActionsField
from zhifa.inspections.filters import RatingFilter
from zhifa.inspections.models import (
    ChecklistResult,
    CheckResult,
    ImpactAssessment,
    ImpactLevel,
    OnSiteRecord,
    Outcome,
    Rating,
    Referral,
    VisitPhoto,
)
from zhifa.inspections.models.filings import Inspection
from zhifa.inspections.models.visits import FOLLOW_UP
from zhifa.inspections.services import ratings, visits
from zhifa.org.roles import Role

ONLY_OFFICERS = May(action=CHANGE, message=visits.OFFICERS_ONLY)


def _has(record: OnSiteRecord, name: str) -> bool:
    """Whether the record has its one-to-one ``name`` (referral, impact) without raising."""
    try:
        getattr(record, name)
    except ObjectDoesNotExist:
        return False
    return True


class ResultSerializer(serializers.ModelSerializer):
    matter = serializers.CharField(source="matter.name", read_only=True)
    result = serializers.CharField(
        read_only=True, help_text="pass 合格 / fail 不合格 / na 不涉及；空为未登记"
    )

    class Meta:
        model = ChecklistResult
        fields = ["id", "matter", "order", "text", "basis", "result", "note", "entered_at"]


class PhotoSerializer(serializers.ModelSerializer):
    class Meta:
        model = VisitPhoto
        fields = ["id", "caption", "content_type", "received_sm3", "received_size", "uploaded_at"]


class ReferralSerializer(serializers.ModelSerializer):
    class Meta:
        model = Referral
        fields = ["facts", "taken_at", "case_pk", "created_at"]


class ImpactSerializer(serializers.ModelSerializer):
    class Meta:
        model = ImpactAssessment
        fields = ["measures", "level", "effect", "mitigation", "created_at"]


class RecordSerializer(serializers.ModelSerializer):
    party = serializers.CharField(source="inspection.party.name", read_only=True)
    results = ResultSerializer(many=True, read_only=True)
    photos = PhotoSerializer(many=True, read_only=True)
    referral = serializers.SerializerMethodField(help_text="移送立案（检查结果为移送立案时）")
    impact = serializers.SerializerMethodField(help_text="经济影响评估（采取措施时）")
    actions = AvailableActionsField()

    @extend_schema_field(ReferralSerializer(allow_null=True))
    def get_referral(self, record: OnSiteRecord) -> dict[str, Any] | None:
        found = getattr(record, "referral", None) if _has(record, "referral") else None
        return ReferralSerializer(found).data if found else None

    @extend_schema_field(ImpactSerializer(allow_null=True))
    def get_impact(self, record: OnSiteRecord) -> dict[str, Any] | None:
        found = getattr(record, "impact", None) if _has(record, "impact") else None
        return ImpactSerializer(found).data if found else None

    class Meta:
        model = OnSiteRecord
        fields = [
            "id",
            "inspection",
            "party",
            "state",
            "visited_on",
            "present",
            "recording_required",
            "recording_on",
            "badges_shown",
            "policy_officer_note",
            "liaison_leader_note",
            "findings",
            "outcome",
            "correction_due",
            "recheck_on",
            "rechecked_at",
            "recheck_corrected",
            "submitted_at",
            "results",
            "photos",
            "referral",
            "impact",
            "actions",
        ]


class OpenInput(serializers.Serializer):
    inspection = serializers.IntegerField(help_text="涉企检查（事前备案）编号")


class EntryInput(serializers.Serializer):
    key = serializers.CharField(max_length=64, help_text="手机生成的幂等键：同一键只登记一次")
    item = serializers.IntegerField(help_text="检查要点编号（results 中的 id）")
    result = serializers.ChoiceField(choices=CheckResult.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)
    entered_at = serializers.DateTimeField(help_text="手机上登记的时间")


class EntrySerializer(serializers.Serializer):
    key = serializers.CharField()
    item = serializers.IntegerField(source="item_id")
    result = serializers.CharField()
    note = serializers.CharField()
    entered_at = serializers.DateTimeField()
    received_at = serializers.DateTimeField()


class DetailsInput(serializers.Serializer):
    present = serializers.CharField(required=False, allow_blank=True)
    recording_on = serializers.BooleanField(required=False)
    badges_shown = serializers.BooleanField(required=False)
    policy_officer_note = serializers.CharField(required=False, allow_blank=True)
    liaison_leader_note = serializers.CharField(required=False, allow_blank=True)
    findings = serializers.CharField(required=False, allow_blank=True)


class SubmitInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    findings = serializers.CharField(required=False, allow_blank=True)
    correction_due = serializers.DateField(required=False)
    facts = serializers.CharField(required=False, allow_blank=True)
    measures = serializers.CharField(required=False, allow_blank=True)
    level = serializers.ChoiceField(choices=ImpactLevel.choices, required=False)
    effect = serializers.CharField(required=False, allow_blank=True)
    mitigation = serializers.CharField(required=False, allow_blank=True)


class RecheckInput(serializers.Serializer):
    corrected = serializers.BooleanField()
    note = serializers.CharField()


class PhotoInput(serializers.Serializer):
    photo = serializers.FileField()
    caption = serializers.CharField(required=False, allow_blank=True, max_length=200)


@extend_schema_view(
    list=extend_schema(summary="现场检查记录列表"),
    retrieve=extend_schema(summary="现场检查记录详情（检查要点结论、照片、可办理的操作）"),
)
class OnSiteRecordViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """事中登记: one record per inspection, filled on site by the inspection's officers."""

    model = OnSiteRecord
    serializer_class = RecordSerializer
    may = {
        "create": May(roles=(Role.OFFICER,), message=visits.OFFICERS_ONLY),
        "entries": ONLY_OFFICERS,
        "photos": ONLY_OFFICERS,
        "details": ONLY_OFFICERS,
        "submit": ONLY_OFFICERS,
        "recheck": ONLY_OFFICERS,
    }

    def get_queryset(self) -> Any:
        return (
            super()
            .get_queryset()
            .select_related("inspection__party", "referral", "impact")
            .prefetch_related("results__matter", "photos")
        )

    @extend_schema(
        summary="开始现场检查（本次检查的执法人员，在备案的检查时间内）", request=OpenInput
    )
    def create(self, request: Any) -> Response:
        data = valid_data(OpenInput, request)
        inspection = Inspection.objects.visible_to(request.user).filter(pk=data["inspection"])
        found = inspection.first()
        if found is None:
            raise serializers.ValidationError({"inspection": ["没有这项涉企检查"]})
        record = wf.start(OnSiteRecord, "open", request.user, agency=found, inspection=found)
        return self.respond(record, status.HTTP_201_CREATED)

    @extend_schema(
        summary="登记一个检查要点（同一幂等键重发只登记一次）",
        request=EntryInput,
        responses=EntrySerializer,
    )
    @action(detail=True, methods=["post"])
    def entries(self, request: Any, pk: Any = None) -> Response:
        record = self.get_object()
        data = valid_data(EntryInput, request)
        entry, created = visits.enter_result(request.user, record, **data)
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(EntrySerializer(entry).data, code)

    @extend_schema(summary="上传现场照片（JPEG或PNG）", request=PhotoInput)
    @action(detail=True, methods=["post"], parser_classes=[parsers.MultiPartParser])
    def photos(self, request: Any, pk: Any = None) -> Response:
        record = self.get_object()
        data = valid_data(PhotoInput, request)
        photo = visits.add_photo(request.user, record, data["photo"], data.get("caption", ""))
        return Response(PhotoSerializer(photo).data, status.HTTP_201_CREATED)

    @extend_schema(
        summary="登记在场人员、亮证、音像记录、伴随执法意见和检查情况", request=DetailsInput
    )
    @action(detail=True, methods=["post"])
    def details(self, request: Any, pk: Any = None) -> Response:
        record = self.get_object()
        data = valid_data(DetailsInput, request)
        return self.respond(visits.save_details(request.user, record, **data))

    @extend_schema(summary="提交检查结果", request=SubmitInput)
    @action(detail=True, methods=["post"])
    def submit(self, request: Any, pk: Any = None) -> Response:
        record = self.get_object()
        data = valid_data(SubmitInput, request)
        return self.respond(wf.transition(record, "submit", request.user, **data))

    @extend_schema(summary="登记复查（责令限期改正的）", request=RecheckInput)
    @action(detail=True, methods=["post"])
    def recheck(self, request: Any, pk: Any = None) -> Response:
        record = self.get_object()
        data = valid_data(RecheckInput, request)
        return self.respond(wf.transition(record, "recheck", request.user, **data))


class RatingSerializer(serializers.ModelSerializer):
    inspection = serializers.IntegerField(source="record.inspection_id", read_only=True)
    party = serializers.CharField(source="record.inspection.party.name", read_only=True)
    rater_phone = serializers.SerializerMethodField(help_text="联系电话（脱敏）")
    follow_up_status = serializers.CharField(
        source="follow_up_label", read_only=True, help_text="待跟进、已跟进；未提请监督为—"
    )

    class Meta:
        model = Rating
        fields = [
            "id",
            "inspection",
            "party",
            "civility",
            "rights",
            "misconduct",
            "comment",
            "anonymous",
            "rater_name",
            "rater_phone",
            "flagged",
            "submitted_at",
            "follow_up_status",
            "follow_up_note",
            "followed_up_at",
        ]

    def get_rater_phone(self, rating: Rating) -> str:
        return mask_phone(rating.rater_phone)


class FollowUpInput(serializers.Serializer):
    note = serializers.CharField(help_text="跟进情况（核实结果、处理措施）")


@extend_schema_view(
    list=extend_schema(summary="事后评价列表（司法局、检查单位负责人、被检查企业）"),
    retrieve=extend_schema(summary="事后评价详情"),
)
class RatingViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    model = Rating
    serializer_class = RatingSerializer
    filterset_class = RatingFilter
    may = {
        "follow_up": May(action=FOLLOW_UP, message="只有监督该执法主体的司法行政部门可以跟进评价")
    }

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("record__inspection__party")

    @extend_schema(summary="司法行政部门跟进提请监督的评价", request=FollowUpInput)
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request: Any, pk: Any = None) -> Response:
        rating = self.get_object()
        data = valid_data(FollowUpInput, request)
        return self.respond(ratings.follow_up(request.user, rating, **data))


class PublicRatingInput(serializers.Serializer):
    civility = serializers.IntegerField(min_value=1, max_value=5, help_text="文明规范（1至5分）")
    rights = serializers.IntegerField(min_value=1, max_value=5, help_text="权益保障（1至5分）")
    misconduct = serializers.BooleanField(help_text="执法人员有无违规行为")
    comment = serializers.CharField(required=False, allow_blank=True)
    anonymous = serializers.BooleanField(required=False, default=True)
    rater_name = serializers.CharField(required=False, allow_blank=True)
    rater_phone = serializers.CharField(required=False, allow_blank=True)


class PublicRatingResult(serializers.Serializer):
    id = serializers.IntegerField()
    flagged = serializers.BooleanField(help_text="是否提请监督（低分或反映违规行为）")


class PublicRatingView(APIView):
    """事后评价 by the visit's link, without an account (one rating per visit)."""

    serializer_class = PublicRatingInput

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        summary="提交事后评价（凭检查记录上的评价码，无需登录）", request=PublicRatingInput
    )
    def post(self, request: Any, token: str) -> Response:
        data = valid_data(PublicRatingInput, request)
        rating = ratings.rate(token, **data)
        return Response({"id": rating.pk, "flagged": rating.flagged}, status.HTTP_201_CREATED)


def register(router: BaseRouter) -> None:
    router.register("onsite-records", OnSiteRecordViewSet, basename="onsite-record")
    router.register("ratings", RatingViewSet, basename="rating")
