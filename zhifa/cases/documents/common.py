"""What every case document prints the same way: the parties, the officers with their
certificates, the matters with their legal basis, dates in Chinese."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from zhifa.cases.models import Case
from zhifa.core.docx_kit import Builder
from zhifa.registry.models import Certificate, CertificateState


def chinese_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "    年  月  日"


def yuan(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"


def builder(case: Case, title: str) -> Builder:
    """A document of the case's agency, numbered with the case number (案号)."""
    return Builder(title, agency=case.agency.name, number=case.number)


def party_rows(case: Case) -> list[tuple[str, str]]:
    """当事人 and what identifies them (处罚法 art. 59(1): 姓名或者名称、地址). No 身份证号码 is
    printed by the platform: it is personal data and art. 59 does not ask for it."""
    rows: list[tuple[str, str]] = []
    for link in case.parties.select_related("party"):
        party = link.party
        rows.append(("当事人", party.name))
        if party.uscc:
            rows.append(("统一社会信用代码", party.uscc))
        if party.legal_representative:
            rows.append(("法定代表人（负责人）", party.legal_representative))
        rows.append(("住所（经营场所）", party.address or "—"))
    return rows


def party_names(case: Case) -> str:
    return "、".join(link.party.name for link in case.parties.select_related("party"))


def officer_lines(case: Case, on: date | None = None) -> list[str]:
    """The handling officers with their certificate numbers (处罚法 art. 42: 出示执法证件)."""
    on = on or timezone.localdate()
    lines = []
    for link in case.officers.select_related("officer"):
        valid = [
            c
            for c in Certificate.objects.filter(officer=link.officer).order_by("-issued_on")
            if c.state_on(on) == CertificateState.VALID
        ]
        number = valid[0].number if valid else "（无有效执法证件）"
        lines.append(f"{link.officer.name}（{link.get_role_display()}，执法证号{number}）")
    return lines


def matter_rows(case: Case) -> list[tuple[str, str]]:
    rows = []
    for link in case.matters.select_related("matter"):
        matter = link.matter
        rows.append(("执法事项", f"{matter.code} {matter.name}"))
        rows.append(("法律依据", matter.basis))
    return rows


def bases(case: Case) -> str:
    """The legal bases of the case's matters, joined (《食品安全法》第一百二十四条 …)."""
    return "、".join(link.matter.basis for link in case.matters.select_related("matter"))


def appeal_organ(case: Case) -> str:
    """The reconsideration body: the people's government of the agency's region (行政复议法
    2023 art. 24: 县级以上地方各级人民政府管辖对本级人民政府工作部门的复议申请)."""
    return f"{case.agency.region.name}人民政府"
