"""The demo city's officers: a realistic mix for the registry.

Most officers hold a valid certificate with a passed review for last year; some certificates expire
within a month, one is suspended, one was collected; some officers are short of training hours this
year; 东城区城管执法局 is short of legal reviewers; 西城区市场监管局 has held no drill this year.
Every agency gets an information administrator (信息管理员) who keeps its registry.

Deterministic in shape (the same people every time); dates are relative to the day it runs, so the
demo always shows certificates "expiring soon". Idempotent: a second run changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from zhifa.core.validators import id_number_check_char
from zhifa.org.demo import DEMO_PASSWORD, agency_admin, agency_keys
from zhifa.org.models import Agency, EnforcementField, UnitKind, User
from zhifa.registry.models import ExamKind, Officer, TrainingKind
from zhifa.registry.services import certificates, officers, training

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = [
    "建国",
    "海燕",
    "志强",
    "丽华",
    "俊杰",
    "晓东",
    "红梅",
    "振华",
    "文静",
    "国栋",
    "秀英",
    "明辉",
    "雪梅",
    "立新",
    "春燕",
    "永刚",
    "桂兰",
    "学军",
    "玉洁",
    "德胜",
    "佳琪",
    "浩然",
    "思远",
    "雨桐",
    "子涵",
    "宇航",
    "欣怡",
    "天佑",
    "梦瑶",
    "博文",
]

# key in org.demo.AGENCIES → (officers, legal reviewers, enforcement field code)
STAFF = {
    "scjg": (18, 2, "01"),
    "sthj": (14, 1, "02"),
    "yjgl": (12, 1, "03"),
    "cgzf": (16, 2, "04"),
    "jtzd": (12, 1, "05"),
    "dc_scjg": (10, 1, "01"),
    "dc_cgzf": (20, 1, "04"),  # needs 2 reviewers (7% of 20 → 1.4 → 2): short by one
    "xc_scjg": (9, 1, "01"),
    "ns_yjgl": (7, 1, "03"),
    "ns_sthj": (6, 1, "02"),
    "qs_zf": (8, 1, "13"),
    "sfj": (4, 1, "14"),
}
NO_DRILL = {"xc_scjg"}
PERSONA_OFFICERS = {  # username → (agency key, reviewer?)
    "scjg_zhang": ("scjg", False),
    "scjg_li": ("scjg", True),
    "sthj_xu": ("sthj", False),
    "cg_sun": ("dc_cgzf", False),
    "qs_he": ("qs_zf", False),
}


#: Real GB/T 2260 county codes for the demo officers' places of birth (示范市 itself is fictional).
BIRTHPLACES = ("110105", "310115", "440305", "330106", "510107", "420106", "320102", "370102")


def _id_number(agency_index: int, n: int) -> str:
    born = date(1970, 1, 1) + timedelta(days=(agency_index * 997 + n * 211) % 11000)
    place = BIRTHPLACES[(agency_index + n) % len(BIRTHPLACES)]
    body = f"{place}{born:%Y%m%d}{(agency_index * 40 + n) % 1000:03d}"
    return body + id_number_check_char(body)


def seed() -> list[tuple[str, str, str, str]]:
    """Officers, certificates, exams, training, reviews, drills and assessments for 示范市."""
    if Officer.objects.exists():
        return []
    today = timezone.localdate()
    year = today.year
    sysadmin = User.objects.get(username="sysadmin")
    secadmin = User.objects.get(username="secadmin")
    agencies = agency_keys()
    fields = {f.code: f for f in EnforcementField.objects.all()}
    personas = {u.username: u for u in User.objects.filter(username__in=PERSONA_OFFICERS)}
    logins = []
    for index, (key, (count, reviewers, field_code)) in enumerate(STAFF.items(), start=1):
        agency = agencies[key]
        admin = agency_admin(key, agency, secadmin, sysadmin)
        logins.append(
            (admin.username, DEMO_PASSWORD, admin.full_name, f"{agency.short_name}信息管理员")
        )
        handling = agency.units.filter(kind=UnitKind.HANDLING).first()
        review_unit = agency.units.filter(kind=UnitKind.LEGAL_REVIEW).first()
        field = fields[field_code]
        linked = [u for u, (k, _) in PERSONA_OFFICERS.items() if k == key]
        people = []
        for n in range(count):
            is_reviewer = n < reviewers
            persona = next(
                (u for u in linked if PERSONA_OFFICERS[u][1] == is_reviewer and u in personas), None
            )
            if persona:
                linked.remove(persona)
                name, user = personas[persona].full_name, personas[persona]
            else:
                name = (
                    SURNAMES[(index * 7 + n * 3) % len(SURNAMES)]
                    + GIVEN[(index + n * 5) % len(GIVEN)]
                )
                user = None
            officer = officers.create_officer(
                admin,
                agency,
                name=name,
                id_number=_id_number(index, n),
                unit=review_unit if is_reviewer else handling,
                post="法制审核岗" if is_reviewer else "执法岗",
                in_enforcement_post=True,
                is_legal_reviewer=is_reviewer,
                has_legal_qualification=is_reviewer or n % 5 == 0,
                fields=[field],
                user=user,  # the persona's account, linked in the same recorded change
            )
            people.append(officer)
            _qualify(admin, officer, field, index, n, today)
        _train(admin, people, index, today)
        _review(admin, people, year)
        _special_cases(admin, people, index, today)
        if key not in NO_DRILL:
            training.record_drill(
                admin,
                agency,
                title=f"{year}年度执法文书制作与现场检查岗位练兵",
                held_on=min(today, date(year, 6, 18)),
                participants=people[: max(2, len(people) // 2)],
            )
        if key == "scjg":
            _assess(admin, agency, people, year, today)
    return logins


def _qualify(
    admin: User, officer: Officer, field: EnforcementField, index: int, n: int, today: date
) -> None:
    taken = date(2022, 5, 10) + timedelta(days=(index * 13 + n) % 200)
    training.record_exam(
        admin, officer, kind=ExamKind.PUBLIC_LAW, taken_on=taken, score=70 + n % 25
    )
    training.record_exam(
        admin,
        officer,
        kind=ExamKind.SPECIALISED_LAW,
        field=field,
        taken_on=taken,
        score=66 + n % 30,
    )
    issued = taken + timedelta(days=60)
    expires = date(issued.year + 6, issued.month, 1)
    if n % 9 == 4:  # expiring within the month
        expires = today + timedelta(days=10 + n % 15)
    certificates.issue_certificate(
        admin,
        officer,
        number=f"示{officer.agency.region.code}{index:02d}{n:03d}",
        issuing_authority="示范市人民政府",
        field=field,
        issued_on=issued,
        expires_on=expires,
    )


def _train(admin: User, people: list[Officer], index: int, today: date) -> None:
    """Last year everyone reached 60 hours; this year a few are short."""
    last = date(today.year - 1, 11, 20)
    training.record_training_campaign(
        admin,
        people,
        kind=TrainingKind.PUBLIC_LAW,
        course="新修订《中华人民共和国行政复议法》全员轮训",
        held_on=last,
        hours=Decimal("24"),
        campaign=f"{today.year - 1}年行政复议法全员轮训",
    )
    training.record_training_campaign(
        admin,
        people,
        kind=TrainingKind.SPECIALISED_LAW,
        course="专业法律法规更新解读",
        held_on=last - timedelta(days=30),
        hours=Decimal("24"),
    )
    training.record_training_campaign(
        admin,
        people,
        kind=TrainingKind.SKILLS,
        course="执法记录仪使用与现场取证",
        held_on=last - timedelta(days=60),
        hours=Decimal("12"),
    )
    this_year = min(today, date(today.year, 9, 15))
    full = [p for i, p in enumerate(people) if (i + index) % 4 != 1]
    short = [p for p in people if p not in full]
    training.record_training_campaign(
        admin,
        people,
        kind=TrainingKind.PUBLIC_LAW,
        course="行政执法监督条例解读",
        held_on=this_year,
        hours=Decimal("36"),
    )
    if full:
        training.record_training_campaign(
            admin,
            full,
            kind=TrainingKind.SKILLS,
            course="行政处罚案卷制作规范",
            held_on=this_year - timedelta(days=20),
            hours=Decimal("30"),
        )
    if short:
        training.record_training(
            admin,
            short[0],
            kind=TrainingKind.SKILLS,
            course="执法礼仪与沟通",
            held_on=this_year - timedelta(days=40),
            hours=Decimal("8"),
        )


def _review(admin: User, people: list[Officer], year: int) -> None:
    for officer in people:
        for certificate in officer.certificates.all():
            if certificate.issued_on.year < year:
                certificates.review_certificate(
                    admin, certificate, year=year - 1, reviewed_on=date(year, 1, 15)
                )


def _special_cases(admin: User, people: list[Officer], index: int, today: date) -> None:
    if index == 1 and len(people) > 6:  # 市市场监管局: one suspended, one collected
        cert = people[5].certificates.get()
        certificates.suspend_certificate(
            admin,
            cert,
            reason="执法过程中未按规定出示证件，暂扣整改",
            starts_on=today - timedelta(days=10),
            ends_on=today + timedelta(days=50),
        )
        cert = people[6].certificates.get()
        certificates.collect_certificate(
            admin, cert, reason="年度考核不称职，收缴执法证件", on=today - timedelta(days=40)
        )
    if index == 4 and len(people) > 3:  # 市城管执法局: one retired, certificate recalled
        officers.update_officer(admin, people[3], status="retired", reason="退休")


def _assess(admin: User, agency: Agency, people: list[Officer], year: int, today: date) -> None:
    indicators = training.define_indicator_set(
        admin,
        agency,
        name=f"{agency.short_name}执法人员日常考核指标",
        indicators=[
            {"name": "执法办案质量", "max": 40},
            {"name": "执法程序规范", "max": 30},
            {"name": "执法作风纪律", "max": 20},
            {"name": "学习培训", "max": 10},
        ],
        pass_score=60,
    )
    for quarter in (1, 2, 3):
        assessed_on = min(today, date(year, quarter * 3, 28))
        for i, officer in enumerate(people[:8]):
            weak = i == 7 and quarter == 3
            training.record_assessment(
                admin,
                officer,
                indicator_set=indicators,
                year=year,
                period=f"第{quarter}季度",
                scores={
                    "执法办案质量": 20 if weak else 32 + i % 8,
                    "执法程序规范": 15 if weak else 24 + i % 6,
                    "执法作风纪律": 10 if weak else 16 + i % 4,
                    "学习培训": 5 if weak else 8 + i % 2,
                },
                assessed_on=assessed_on,
            )


def seed_demo() -> list[str]:
    """Seed the registry's demo data; return the line naming the agencies' 信息管理员 it created."""
    agency_admins = seed()
    if not agency_admins:
        return []
    names = "、".join(username for username, *_ in agency_admins)
    return [f"  各执法主体信息管理员（密码同上）：{names}"]
