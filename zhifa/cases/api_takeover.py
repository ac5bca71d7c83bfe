"""The body of ``POST /api/v1/cases/take-over`` (接收历史案件, one case): the lead's fields
(``api.LeadSerializer``) plus these, types only; the take-over service
(:mod:`zhifa.cases.services.takeover`) checks the rest, with Chinese field errors (400)."""

from __future__ import annotations

from rest_framework import serializers

from zhifa.cases.models import Procedure, ServiceMethod
from zhifa.cases.models.decisions import Measure


class TakeOverPenaltySerializer(serializers.Serializer):
    measures = serializers.ListField(
        child=serializers.ChoiceField(choices=Measure.choices), help_text="处罚种类"
    )
    fine = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, help_text="罚款金额（元）"
    )
    other_terms = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    outside_reason = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, help_text="超出裁量基准的理由"
    )


class TakeOverServiceSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=ServiceMethod.choices, help_text="送达方式")
    receiver = serializers.CharField(max_length=200, required=False, allow_blank=True)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    consent = serializers.BooleanField(required=False, default=False)


class TakeOverPaymentSerializer(serializers.Serializer):
    paid_on = serializers.DateField(allow_null=True, help_text="缴款日期")
    amount = serializers.CharField(allow_blank=True, help_text="金额（元）")
    reference = serializers.CharField(
        max_length=100, required=False, allow_blank=True, help_text="票据号或银行流水号"
    )


class TakeOverFields(serializers.Serializer):
    procedure = serializers.ChoiceField(
        choices=Procedure.choices, default=Procedure.ORDINARY, help_text="程序"
    )
    number = serializers.CharField(max_length=60, allow_blank=True, help_text="原案号")
    opened_on = serializers.DateField(allow_null=True, help_text="立案日期")
    status = serializers.CharField(
        max_length=20,
        help_text="当前状态：investigation、prior_notice、hearing、deciding、decided 或 execution",
    )
    reason = serializers.CharField(max_length=500, allow_blank=True, help_text="接收理由")
    notified_on = serializers.DateField(required=False, allow_null=True, help_text="事先告知日期")
    decided_on = serializers.DateField(required=False, allow_null=True, help_text="决定日期")
    penalty = TakeOverPenaltySerializer(required=False, allow_null=True, help_text="原处罚决定")
    served_on = serializers.DateField(required=False, allow_null=True, help_text="送达日期")
    service = TakeOverServiceSerializer(required=False, allow_null=True, help_text="送达")
    payments = TakeOverPaymentSerializer(many=True, required=False, help_text="已缴款（每笔）")
