"""The parties' API bodies: types only (the services validate); ID numbers and phones are only
ever read masked."""

from __future__ import annotations

from rest_framework import serializers

from zhifa.org.models import Region, User
from zhifa.parties.models import CreditGrade, Party, PartyAccount, PartyKind, RiskClass


def region_field(**kwargs) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=Region.objects.all(),
        help_text="行政区划代码（GB/T 2260），如990102",
        error_messages={"does_not_exist": "未找到行政区划代码{value}", "invalid": "区划代码无效"},
        **kwargs,
    )


class PartySerializer(serializers.ModelSerializer):
    """A party as clients see it: a person's ID number and the contacts' phones masked."""

    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    id_number_masked = serializers.CharField(read_only=True)
    industry_division = serializers.CharField(read_only=True)
    policy_officer_phone_masked = serializers.CharField(read_only=True)
    liaison_leader_phone_masked = serializers.CharField(read_only=True)

    class Meta:
        model = Party
        fields = [
            "id",
            "kind",
            "kind_display",
            "name",
            "uscc",
            "uscc_verified",
            "uscc_verified_reason",
            "id_number_masked",
            "legal_representative",
            "address",
            "region",
            "region_name",
            "industry",
            "industry_division",
            "credit_grade",
            "credit_graded_on",
            "credit_source",
            "risk_class",
            "risk_classed_on",
            "risk_source",
            "policy_officer_name",
            "policy_officer_phone_masked",
            "liaison_leader_name",
            "liaison_leader_phone_masked",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


def _text(max_length: int, **kwargs) -> serializers.CharField:
    return serializers.CharField(max_length=max_length, required=False, allow_blank=True, **kwargs)


class PartyDetailsSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    legal_representative = _text(50)
    address = _text(200)
    region = region_field()
    industry = _text(5, help_text="国民经济行业分类代码（GB/T 4754-2017），如C1311、F52")
    policy_officer_name = _text(50)
    policy_officer_phone = _text(30, write_only=True)
    liaison_leader_name = _text(50)
    liaison_leader_phone = _text(30, write_only=True)


class PartyCreateSerializer(PartyDetailsSerializer):
    kind = serializers.ChoiceField(choices=PartyKind.choices)
    uscc = _text(30, help_text="18位统一社会信用代码（GB 32100-2015）；自然人不填")
    id_number = _text(30, write_only=True, help_text="自然人的18位身份证号码，只写不读")
    uscc_verified_reason = _text(
        500, help_text="仅信息管理员：校验位不符但经登记机关核实无误的代码，写明核实情况"
    )


class PartyUpdateSerializer(PartyDetailsSerializer):
    """A partial change: only the fields sent are changed (kind, code and ID number never)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class VerifySerializer(serializers.Serializer):
    code = serializers.CharField(max_length=30)
    reason = serializers.CharField(max_length=500, help_text="登记机关核实的情况")


class CreditSerializer(serializers.Serializer):
    grade = serializers.ChoiceField(choices=CreditGrade.choices)
    graded_on = serializers.DateField()
    source = serializers.CharField(max_length=100)


class RiskSerializer(serializers.Serializer):
    risk = serializers.ChoiceField(choices=RiskClass.choices)
    classed_on = serializers.DateField()
    source = serializers.CharField(max_length=100)


class BindSerializer(serializers.Serializer):
    user = serializers.SlugRelatedField(
        slug_field="username",
        queryset=User.objects.all(),
        help_text="企业用户的账号",
        error_messages={"does_not_exist": "未找到账号{value}", "invalid": "账号无效"},
    )


class UnbindSerializer(serializers.Serializer):
    account = serializers.IntegerField(help_text="绑定记录id")


class PartyAccountSerializer(serializers.ModelSerializer):
    user = serializers.SlugRelatedField(slug_field="username", read_only=True)
    bound_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = PartyAccount
        fields = ["id", "party", "user", "bound_by", "bound_at"]
        read_only_fields = fields
