"""factory-boy factories for the common models, each built THROUGH its service (so every row has
its ledger entry and passes the same checks a user's input does) by the actor the rules name:
the system administrator opens agencies and accounts, the security administrator grants roles,
an agency's 信息管理员 registers its officers, certificates and matters.

They need the demo city's administrators (the session city has them)::

    agency = AgencyFactory(short_name="市文旅局")
    officer = OfficerFactory(agency=agency)          # an admin for the agency is made if needed
    certificate = CertificateFactory(officer=officer)
    user = UserFactory(role=Role.OFFICER, agency=agency)
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

import factory

from zhifa.core.divisions import division_codes
from zhifa.core.validators import id_number_check_char, uscc_check_char
from zhifa.org.models import (
    Agency,
    AgencyKind,
    EnforcementField,
    Region,
    Role,
    Unit,
    UnitKind,
    User,
)
from zhifa.org.services import accounts, organisation

PASSWORD = "Shifan@2026"


def sysadmin() -> User:
    return User.objects.get(username="sysadmin")


def secadmin() -> User:
    return User.objects.get(username="secadmin")


def city() -> Region:
    return Region.objects.get(code="990100")


def admin_of(agency: Agency) -> User:
    """The agency's 信息管理员 (the first one), granted one if it has none."""
    found = (
        User.objects.filter(memberships__role=Role.AGENCY_ADMIN, memberships__agency=agency)
        .order_by("pk")
        .first()
    )
    return found or UserFactory(role=Role.AGENCY_ADMIN, agency=agency)


def id_number(n: int, birth: str = "19850301") -> str:
    """A valid 18-digit 身份证号码 (GB 11643-1999), born in 深圳市南山区 (GB/T 2260 440305)."""
    first17 = f"440305{birth}{n % 1000:03d}"
    return first17 + id_number_check_char(first17)


def county_id_number(n: int) -> str:
    """A valid 身份证号码, distinct for every n below 1,000 × the number of real counties (born
    1980-01-01 in the (n // 1000)-th GB/T 2260 county): for imports of thousands of people."""
    first17 = f"{_counties()[n // 1000]}19800101{n % 1000:03d}"
    return first17 + id_number_check_char(first17)


@functools.cache
def _counties() -> list[str]:
    return sorted(c for c in division_codes() if not c.endswith("00"))


def market_field() -> EnforcementField:
    """Field 01 (市场监管). It comes from a data migration, which a browser journey's live server
    (a flushing test case) wipes, so it is made again when missing."""
    field, _ = EnforcementField.objects.get_or_create(code="01", defaults={"name": "市场监管"})
    return field


class _ServiceFactory(factory.Factory):
    class Meta:
        abstract = True

    @classmethod
    def _build(cls, model_class: type, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("built through the services only: use create()")


class RegionFactory(_ServiceFactory):
    """A district (区) of 示范市, codes 990150… (the demo city uses 9901xx below 50)."""

    class Meta:
        model = Region

    code = factory.Sequence(lambda n: f"9901{50 + n % 50:02d}")
    name = factory.Sequence(lambda n: f"测试{n}区")
    parent = factory.LazyFunction(city)

    @classmethod
    def _create(cls, model_class: type, **kwargs: Any) -> Region:
        return organisation.create_region(sysadmin(), **kwargs)


def _uscc(n: int) -> str:
    first17 = f"11990100MB{9_000_000 + n:07d}"
    return first17 + uscc_check_char(first17)


class AgencyFactory(_ServiceFactory):
    """An enforcement agency (行政机关) of the city, with the units ``units`` names."""

    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"示范市测试执法局{n}")
    short_name = factory.Sequence(lambda n: f"测试局{n}")
    kind = AgencyKind.AUTHORITY
    region = factory.LazyFunction(city)
    uscc = factory.Sequence(_uscc)
    legal_representative = ""
    address = "示范市政务服务中心"
    complaint_phone = "12345"
    legal_basis = "依据《中华人民共和国行政处罚法》第十七条"

    @classmethod
    def _create(cls, model_class: type, units: Any = None, **kwargs: Any) -> Agency:
        agency = organisation.create_agency(sysadmin(), **kwargs)
        default = [("执法大队", UnitKind.HANDLING), ("法规科", UnitKind.LEGAL_REVIEW)]
        for name, kind in default if units is None else units:
            organisation.create_unit(sysadmin(), agency, name=name, kind=kind)
        return agency


class UnitFactory(_ServiceFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory, units=())
    name = factory.Sequence(lambda n: f"测试科{n}")
    kind = UnitKind.HANDLING

    @classmethod
    def _create(cls, model_class: type, agency: Agency, **kwargs: Any) -> Unit:
        return organisation.create_unit(sysadmin(), agency, **kwargs)


class UserFactory(_ServiceFactory):
    """An account, with a role when ``role`` is given (``agency``/``unit`` as the role needs)."""

    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"test_user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    password = PASSWORD

    @classmethod
    def _create(
        cls,
        model_class: type,
        role: str | None = None,
        agency: Agency | None = None,
        unit: Unit | None = None,
        **kwargs: Any,
    ) -> User:
        user = accounts.create_user(sysadmin(), **kwargs)
        if role:
            accounts.grant_role(secadmin(), user, role=role, agency=agency, unit=unit)
        return user


class OfficerFactory(_ServiceFactory):
    """An officer on duty in the agency's handling unit (市市场监管局 unless told), in 市场监管."""

    class Meta:
        model = "registry.Officer"

    agency = factory.LazyFunction(lambda: Agency.objects.get(short_name="市市场监管局"))
    name = factory.Sequence(lambda n: f"测试执法员{n}")
    id_number = factory.Sequence(id_number)
    post = "执法岗"
    in_enforcement_post = True

    @classmethod
    def _create(cls, model_class: type, agency: Agency, **kwargs: Any) -> Any:
        from zhifa.registry.services import officers

        kwargs.setdefault(
            "unit",
            agency.units.filter(kind=UnitKind.HANDLING).order_by("pk").first(),
        )
        kwargs.setdefault("fields", [market_field()])
        return officers.create_officer(admin_of(agency), agency, **kwargs)


class CertificateFactory(_ServiceFactory):
    """A five-year certificate, issued after the officer passed both exams (recorded first)."""

    class Meta:
        model = "registry.Certificate"

    officer = factory.SubFactory(OfficerFactory)
    number = factory.Sequence(lambda n: f"99018801{n:04d}")
    issuing_authority = "示范市人民政府"
    issued_on = date(2023, 3, 1)
    expires_on = date(2028, 2, 29)

    @classmethod
    def _create(cls, model_class: type, officer: Any, **kwargs: Any) -> Any:
        from zhifa.registry.models import ExamKind
        from zhifa.registry.services import certificates, training

        admin = admin_of(officer.agency)
        field = kwargs.setdefault("field", market_field())
        if not officer.exams.filter(passed=True).exists():
            taken = date(kwargs["issued_on"].year - 1, 10, 10)
            training.record_exam(admin, officer, kind=ExamKind.PUBLIC_LAW, taken_on=taken, score=85)
            training.record_exam(
                admin,
                officer,
                kind=ExamKind.SPECIALISED_LAW,
                taken_on=taken,
                score=78,
                field=field,
            )
        return certificates.issue_certificate(admin, officer, **kwargs)


class MatterFactory(_ServiceFactory):
    """An administrative-penalty matter (执法事项) of 市市场监管局 on a real article."""

    class Meta:
        model = "catalog.Matter"

    agency = factory.LazyFunction(lambda: Agency.objects.get(short_name="市市场监管局"))
    code = factory.Sequence(lambda n: f"TEST-CF-{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"对经营超过保质期的食品的行政处罚（{n}）")
    category = "penalty"
    level = "city"
    law = "中华人民共和国食品安全法"
    article = "第一百二十四条第一款"
    article_text = (
        "违反本法规定，有下列情形之一，尚不构成犯罪的，由县级以上人民政府食品安全监督管理部门"
        "没收违法所得和违法生产经营的食品……"
    )

    @classmethod
    def _create(cls, model_class: type, agency: Agency, **kwargs: Any) -> Any:
        from zhifa.catalog.services import matters

        kwargs.setdefault("field", market_field())
        return matters.create_matter(admin_of(agency), agency, **kwargs)


def party_uscc(n: int, org: str = "91") -> str:
    """A valid 统一社会信用代码 (GB 32100-2015), distinct for every n below 10**9 × the number of
    real counties: registered in the (n // 10**9)-th real GB/T 2260 county, ``org`` the
    登记管理部门 and 机构类别 codes (91 企业, 92 个体工商户, 93 农民专业合作社, 52 社会组织)."""
    county = _counties()[n // 10**9]
    first17 = f"{org}{county}{n % 10**9:09d}"
    return first17 + uscc_check_char(first17)


_PARTY_ORG_CODES = {
    "enterprise": "91",
    "individual_business": "92",
    "cooperative": "93",
    "social_org": "52",
    "other": "Y1",
}


class PartyFactory(_ServiceFactory):
    """A party registered by 市市场监管局's 信息管理员: an enterprise unless ``kind`` says
    otherwise; a person (``kind="person"``) gets a real county's ID number, the others a USCC."""

    class Meta:
        model = "parties.Party"

    kind = "enterprise"
    name = factory.Sequence(lambda n: f"示范市测试商贸有限公司{n}")
    legal_representative = factory.Sequence(lambda n: f"测试法人{n}")
    address = factory.Sequence(lambda n: f"示范市测试路{n}号")
    region = factory.LazyFunction(city)
    industry = "F52"
    number = factory.Sequence(lambda n: n)

    @classmethod
    def _create(cls, model_class: type, actor: User | None = None, **kwargs: Any) -> Any:
        from zhifa.parties import services

        n = kwargs.pop("number")
        if kwargs["kind"] == "person":
            kwargs.setdefault("id_number", county_id_number(n))
        else:
            kwargs.setdefault("uscc", party_uscc(n, _PARTY_ORG_CODES[kwargs["kind"]]))
        actor = actor or admin_of(Agency.objects.get(short_name="市市场监管局"))
        return services.create_party(actor, **kwargs)


class PartyAccountFactory(_ServiceFactory):
    """An enterprise user (``qy_test…``) bound to ``party`` by 市市场监管局's 信息管理员."""

    class Meta:
        model = "parties.PartyAccount"

    party = factory.SubFactory(PartyFactory)

    @classmethod
    def _create(cls, model_class: type, party: Any, user: User | None = None) -> Any:
        from zhifa.parties import services

        user = user or UserFactory(role=Role.ENTERPRISE)
        admin = admin_of(Agency.objects.get(short_name="市市场监管局"))
        return services.bind_account(admin, party, user)


def case_handler(agency: Agency) -> tuple[User, Any]:
    """The agency's first officer account (``scjg_zhang`` in 市市场监管局) and its officer record,
    registered with a certificate valid today if it has none yet: the lead officer of the cases
    the :class:`CaseFactory` makes, so the persona officer handles them."""
    from zhifa.registry.models import Officer
    from zhifa.testing.filings import eligible_officer, member

    user = member(agency, Role.OFFICER)
    officer = Officer.objects.filter(user=user).first() or eligible_officer(agency, user=user)
    return user, officer


class CaseFactory(_ServiceFactory):
    """A lead (线索) of 市市场监管局 (unless ``agency``), recorded through the service by its
    lead officer's account (see :func:`case_handler`): two officers who may enforce today (the
    persona officer 主办, a new one 协办), a new party and a new matter of the agency; taken on
    along the ordinary procedure to ``state`` when given (see :func:`advance_case`)."""

    class Meta:
        model = "cases.Case"

    agency = factory.LazyFunction(lambda: Agency.objects.get(short_name="市市场监管局"))
    title = factory.Sequence(lambda n: f"涉嫌经营超过保质期的食品案（{n}）")
    source = "inspection"
    source_reference = factory.Sequence(lambda n: f"现场检查记录{n}")
    facts = "执法人员现场检查发现当事人货架上摆放超过保质期的预包装食品待售。"
    procedure = "ordinary"

    @classmethod
    def _create(
        cls,
        model_class: type,
        agency: Agency,
        officers: list | None = None,
        parties: list | None = None,
        matters: list | None = None,
        recorder: User | None = None,
        state: str = "lead",
        **kwargs: Any,
    ) -> Any:
        from django.utils import timezone

        from zhifa.cases.services import leads
        from zhifa.testing.filings import eligible_officer

        user, lead = case_handler(agency)
        if officers is None:
            officers = [lead, eligible_officer(agency)]
        today = timezone.localdate()
        kwargs.setdefault("discovered_on", today)
        kwargs.setdefault("violation_began", today)
        kwargs.setdefault(
            "unit", agency.units.filter(kind=UnitKind.HANDLING).order_by("pk").first()
        )
        case = leads.record_lead(
            recorder or user,
            agency,
            officers=officers,
            parties=parties if parties is not None else [PartyFactory()],
            matters=matters if matters is not None else [MatterFactory(agency=agency)],
            **kwargs,
        )
        return advance_case(case, state) if state != "lead" else case


def advance_case(case: Any, state: str) -> Any:
    """Take ``case`` (a lead) along the ordinary procedure to ``state``, each step by whom the
    table names (the lead officer, the agency head), through the services: a review round
    requested from the agency's legal reviewer, the penalty recorded before the decision
    (:mod:`zhifa.cases.paths`)."""
    from zhifa.cases.paths import PATHS, REQUEST_REVIEW, walk
    from zhifa.testing.filings import member

    officer, _ = case_handler(case.agency)
    if REQUEST_REVIEW in PATHS[state]:
        legal_reviewer(case.agency)
    lead = case.officers.get(role="lead").officer

    def actor_of(role: str | None) -> Any:
        return member(case.agency, role) if role else (lead.user or officer)

    return walk(case, state, actor_of)


def legal_reviewer(agency: Agency) -> Any:
    """The officer record of the agency's legal reviewer account (``scjg_li`` in 市市场监管局),
    registered in its legal review unit with the legal-profession qualification if it has none."""
    from zhifa.registry.models import Officer
    from zhifa.testing.filings import member

    user = member(agency, Role.LEGAL_REVIEWER)
    return Officer.objects.filter(user=user).first() or OfficerFactory(
        agency=agency,
        unit=agency.units.filter(kind=UnitKind.LEGAL_REVIEW).order_by("pk").first(),
        post="法制审核岗",
        is_legal_reviewer=True,
        has_legal_qualification=True,
        user=user,
    )
