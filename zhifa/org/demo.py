"""The demo city 示范市: fictional regions, agencies, units and a persona for every role.

Deterministic and idempotent: running it again changes nothing. Everything is created through the
services (so the ledger records the demo city's founding like any other change).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from zhifa.core.validators import uscc_check_char
from zhifa.org.models import Agency, AgencyKind, Membership, Region, Role, Unit, UnitKind, User
from zhifa.org.services import accounts, organisation

DEMO_PASSWORD = "Shifan@2026"
ADMIN_PASSWORDS = {
    Role.SYSTEM_ADMIN: "Xitong@2026",
    Role.SECURITY_ADMIN: "Anquan@2026",
    Role.AUDIT_ADMIN: "Shenji@2026",
}

REGIONS = [
    ("990100", "示范市", None),
    ("990102", "东城区", "990100"),
    ("990103", "西城区", "990100"),
    ("990121", "南山县", "990100"),
    ("990121101", "青石镇", "990121"),
]

# (key, name, short name, kind, region code, parent key, delegating key)
AGENCIES = [
    ("sfj", "示范市司法局", "市司法局", AgencyKind.JUSTICE, "990100", None, None),
    ("scjg", "示范市市场监督管理局", "市市场监管局", AgencyKind.AUTHORITY, "990100", None, None),
    ("sthj", "示范市生态环境局", "市生态环境局", AgencyKind.AUTHORITY, "990100", None, None),
    ("yjgl", "示范市应急管理局", "市应急管理局", AgencyKind.AUTHORITY, "990100", None, None),
    (
        "cgzf",
        "示范市城市管理综合行政执法局",
        "市城管执法局",
        AgencyKind.AUTHORITY,
        "990100",
        None,
        None,
    ),
    ("jtys", "示范市交通运输局", "市交通运输局", AgencyKind.AUTHORITY, "990100", None, None),
    (
        "jtzd",
        "示范市交通运输综合行政执法支队",
        "市交通执法支队",
        AgencyKind.AUTHORISED,
        "990100",
        "jtys",
        None,
    ),
    ("dc_sfj", "示范市东城区司法局", "东城区司法局", AgencyKind.JUSTICE, "990102", None, None),
    (
        "dc_scjg",
        "示范市东城区市场监督管理局",
        "东城区市场监管局",
        AgencyKind.AUTHORITY,
        "990102",
        None,
        None,
    ),
    (
        "dc_cgzf",
        "示范市东城区城市管理综合行政执法局",
        "东城区城管执法局",
        AgencyKind.AUTHORITY,
        "990102",
        None,
        None,
    ),
    (
        "xc_scjg",
        "示范市西城区市场监督管理局",
        "西城区市场监管局",
        AgencyKind.AUTHORITY,
        "990103",
        None,
        None,
    ),
    ("ns_sfj", "示范市南山县司法局", "南山县司法局", AgencyKind.JUSTICE, "990121", None, None),
    (
        "ns_yjgl",
        "示范市南山县应急管理局",
        "南山县应急管理局",
        AgencyKind.AUTHORITY,
        "990121",
        None,
        None,
    ),
    (
        "ns_sthj",
        "示范市生态环境局南山分局生态环境保护综合执法大队",
        "南山生态执法大队",
        AgencyKind.DELEGATED,
        "990121",
        None,
        "sthj",
    ),
    (
        "qs_zf",
        "示范市南山县青石镇人民政府",
        "青石镇",
        AgencyKind.AUTHORITY,
        "990121101",
        None,
        None,
    ),
]

UNITS = {
    AgencyKind.JUSTICE: [
        ("行政执法协调监督科", UnitKind.OTHER),
        ("法制审核科", UnitKind.LEGAL_REVIEW),
    ],
    "default": [
        ("办公室", UnitKind.OTHER),
        ("执法大队", UnitKind.HANDLING),
        ("法规科", UnitKind.LEGAL_REVIEW),
    ],
    "qs_zf": [
        ("综合行政执法队", UnitKind.HANDLING),
        ("党政综合办公室（法制审核）", UnitKind.LEGAL_REVIEW),
    ],
}


@dataclass(frozen=True)
class Persona:
    username: str
    full_name: str
    role: str
    agency: str | None
    unit: str | None
    mobile: str
    note: str


PERSONAS = [
    Persona(
        "scjg_zhang", "张伟", Role.OFFICER, "scjg", "执法大队", "13800010001", "市场监管局执法人员"
    ),
    Persona(
        "scjg_li",
        "李娜",
        Role.LEGAL_REVIEWER,
        "scjg",
        "法规科",
        "13800010002",
        "市场监管局法制审核人员",
    ),
    Persona("scjg_wang", "王强", Role.AGENCY_HEAD, "scjg", None, "13800010003", "市场监管局负责人"),
    Persona(
        "scjg_admin",
        "赵敏",
        Role.AGENCY_ADMIN,
        "scjg",
        "办公室",
        "13800010004",
        "市场监管局信息管理员",
    ),
    Persona(
        "sthj_xu", "徐涛", Role.OFFICER, "sthj", "执法大队", "13800010005", "生态环境局执法人员"
    ),
    Persona(
        "cg_sun", "孙磊", Role.OFFICER, "dc_cgzf", "执法大队", "13800010006", "东城区城管执法人员"
    ),
    Persona(
        "qs_he",
        "何芳",
        Role.OFFICER,
        "qs_zf",
        "综合行政执法队",
        "13800010007",
        "青石镇综合执法队员",
    ),
    Persona(
        "sfj_chen",
        "陈静",
        Role.SUPERVISOR,
        "sfj",
        "行政执法协调监督科",
        "13800010008",
        "市司法局执法监督人员（全市）",
    ),
    Persona(
        "dc_sfj_liu",
        "刘洋",
        Role.SUPERVISOR,
        "dc_sfj",
        "行政执法协调监督科",
        "13800010009",
        "东城区司法局执法监督人员（东城区）",
    ),
    Persona(
        "qy_demo",
        "周梅",
        Role.ENTERPRISE,
        None,
        None,
        "13800010010",
        "企业用户（示范市和美食品有限公司）",
    ),
    Persona("shjd_wu", "吴刚", Role.SOCIAL_SUPERVISOR, None, None, "13800010011", "社会监督员"),
]


def agency_uscc(region_code: str, n: int) -> str:
    """A valid 统一社会信用代码 for a fictional 机关 (登记管理部门 1, 机构类别 1)."""
    first17 = f"11{region_code[:6]}MB{n:07d}"
    return first17 + uscc_check_char(first17)


def agency_keys() -> dict[str, Agency]:
    """The demo agencies by their key in :data:`AGENCIES` ('scjg', 'dc_cgzf', …)."""
    by_name = {a.name: a for a in Agency.objects.all()}
    return {key: by_name[name] for key, name, *_ in AGENCIES}


def agency_admin(key: str, agency: Agency, secadmin: User, sysadmin: User) -> User:
    """The agency's 信息管理员, created (``admin_<key>``) if it has none yet."""
    existing = Membership.objects.filter(role=Role.AGENCY_ADMIN, agency=agency).first()
    if existing:
        return existing.user
    user = accounts.create_user(
        sysadmin,
        username=f"admin_{key}",
        full_name=f"{agency.short_name}信息管理员",
        password=DEMO_PASSWORD,
    )
    unit = agency.units.filter(kind=UnitKind.OTHER).first()
    accounts.grant_role(secadmin, user, role=Role.AGENCY_ADMIN, agency=agency, unit=unit)
    return user


def seed() -> list[tuple[str, str, str, str]]:
    """Build the demo city; return the logins as (username, password, name, what)."""
    if not Membership.objects.filter(role=Role.SYSTEM_ADMIN).exists():
        accounts.bootstrap_administrators(dict(ADMIN_PASSWORDS))
    sysadmin = User.objects.get(username="sysadmin")
    secadmin = User.objects.get(username="secadmin")

    regions: dict[str, Region] = {}
    for code, name, parent in REGIONS:
        regions[code] = Region.objects.filter(code=code).first() or organisation.create_region(
            sysadmin, code=code, name=name, parent=regions.get(parent) if parent else None
        )

    agencies: dict[str, Agency] = {}
    for n, (key, name, short, kind, region, parent, delegating) in enumerate(AGENCIES, start=1):
        agency = Agency.objects.filter(name=name).first()
        if agency is None:
            extra = {}
            if kind == AgencyKind.DELEGATED:
                extra = {
                    "delegating_agency": agencies[delegating],
                    "delegation_agreement": "示环委〔2024〕3号 行政执法委托协议",
                    "delegation_start": date(2024, 1, 1),
                    # A three-year agreement that runs to the end of next year whenever the demo
                    # is built (a fixed end date would leave its officers unable to enforce).
                    "delegation_end": date(timezone.localdate().year + 1, 12, 31),
                }
            agency = organisation.create_agency(
                sysadmin,
                name=name,
                short_name=short,
                kind=kind,
                region=regions[region],
                parent=agencies.get(parent) if parent else None,
                uscc=agency_uscc(region, n),
                legal_representative="",
                address=f"{regions[region].name}政务服务中心{n}号楼",
                complaint_phone="12345",
                legal_basis="依据《中华人民共和国行政处罚法》第十七条至第二十条及相关法律法规",
                **extra,
            )
        agencies[key] = agency
        units = UNITS.get(key) or UNITS.get(kind) or UNITS["default"]
        for unit_name, unit_kind in units:
            if not Unit.objects.filter(agency=agency, name=unit_name).exists():
                organisation.create_unit(sysadmin, agency, name=unit_name, kind=unit_kind)

    logins = [
        ("sysadmin", ADMIN_PASSWORDS[Role.SYSTEM_ADMIN], "系统管理员", "用户、配置、节假日数据"),
        ("secadmin", ADMIN_PASSWORDS[Role.SECURITY_ADMIN], "安全管理员", "角色与权限"),
        ("auditadmin", ADMIN_PASSWORDS[Role.AUDIT_ADMIN], "审计管理员", "审计台账与校验"),
    ]
    for p in PERSONAS:
        user = User.objects.filter(username=p.username).first()
        if user is None:
            user = accounts.create_user(
                sysadmin,
                username=p.username,
                full_name=p.full_name,
                password=DEMO_PASSWORD,
                mobile=p.mobile,
            )
        agency = agencies[p.agency] if p.agency else None
        if not user.memberships.filter(role=p.role, agency=agency).exists():
            unit = Unit.objects.get(agency=agency, name=p.unit) if p.unit else None
            accounts.grant_role(secadmin, user, role=p.role, agency=agency, unit=unit)
        logins.append((p.username, DEMO_PASSWORD, p.full_name, p.note))
    return logins


def seed_demo() -> list[str]:
    """Seed the demo city; return its logins as ``manage.py seed_demo`` prints them."""
    logins = seed()
    width = max((len(username) for username, *_ in logins), default=0)
    return [
        f"  {username.ljust(width)}  {password}  {name}：{what}"
        for username, password, name, what in logins
    ]
