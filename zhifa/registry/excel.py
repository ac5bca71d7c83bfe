"""Excel (.xlsx) files of the registry: its sheets and their Chinese columns, the blank templates'
instructions, and the exports (officers, certificates, training records). Reading an upload,
errors by row and column and writing workbooks are the core kit's (:mod:`zhifa.core.excel`).

The importers (:mod:`zhifa.registry.services.imports`) read the first worksheet; its first row
must be exactly the sheet's columns, in order. A template is the header row, formatted (ID
numbers as text, drop-down lists for 是/否 and the fixed choices), and a second sheet, 填写说明,
listing what the importer may use: their agencies and units, the enforcement fields.

Exports have the same columns as the templates, over what the user may see
(``visible_to``), with every ID number masked (GB/T 35273-2020: ``110105********002X``).

Why always masked, and no unmasked export even for the agency's information administrator:

- exports follow the scope and mask ID numbers (personal data, architecture invariant 6), and an .xlsx file leaves
  everything that protects the numbers in the platform: encryption at rest (SM4), scoping, the
  ledger. A workbook is mailed, copied to USB sticks and printed; a full export of a city's
  officers with ID numbers is the most damaging file this module could produce;
- nobody needs the numbers back: the platform is the register, and the one use of a full number
  in a file — registering people — starts from the HR source data, in the template;
- re-importing an export is meaningless for officers (they are registered already: every row
  would be a duplicate) and for certificates (the numbers exist); what the round trip needs is that
  the columns are the same, so a file built from known data imports, exports, and compares.

So an export cannot be re-imported as it is: a masked number is refused with a message saying
so (see :func:`zhifa.core.excel.id_number_text`), and nothing is written. An unmasked export, if ever required,
should be a separate, logged (``registry.officer.export``) and approved action, not a button.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet

from zhifa.core.excel import FIELD_SEPARATOR, NO, YES, Sheet, template_workbook, write_workbook
from zhifa.org.models import EnforcementField, Unit
from zhifa.org.permissions import keeper_agencies
from zhifa.registry.models import (
    Assessment,
    Certificate,
    Drill,
    Officer,
    OfficerStatus,
    TrainingKind,
    TrainingRecord,
)

__all__ = [
    "EXPORTS",
    "SHEETS",
    "certificates_template",
    "keeper_agencies",
    "officers_template",
    "template_xlsx",
    "training_template",
]

# --------------------------------------------------------------------------------------------
# The sheets
# --------------------------------------------------------------------------------------------


STATUS_LABELS = tuple(OfficerStatus.labels)
TRAINING_LABELS = tuple(TrainingKind.labels)

OFFICERS = Sheet(
    kind="officers",
    title="执法人员",
    measure="名",
    columns=(
        "姓名",
        "身份证号码",
        "执法主体",
        "科室",
        "岗位",
        "执法岗位",
        "执法领域",
        "状态",
        "法制审核人员",
        "法律职业资格",
    ),
    widths=(10, 22, 34, 16, 14, 10, 24, 8, 12, 12),
    text=frozenset({"身份证号码"}),
    choices={
        "执法岗位": (YES, NO),
        "状态": STATUS_LABELS,
        "法制审核人员": (YES, NO),
        "法律职业资格": (YES, NO),
    },
    notes=(
        "每行一名执法人员；第1行表头请勿改动。",
        "身份证号码：18位公民身份号码，请保持该列为文本格式（否则Excel会截断后几位）。",
        "执法主体：填写全称（或简称），只能导入您担任信息管理员的执法主体。",
        "科室：可不填；填写时须为该执法主体已登记的内设机构名称。",
        "执法岗位：填写“是”或“否”。",
        "执法领域：可填写多个，用顿号“、”分隔，如“市场监管、文化市场”。",
        "状态：在岗、离岗、调离或退休；不填视为在岗。",
        "法制审核人员、法律职业资格：填写“是”或“否”，不填视为“否”；"
        "法制审核人员应在法制审核机构，初次从事法制审核的须取得法律职业资格。",
        "文件中任何一行有误，整个文件都不会导入；请按提示逐行改正后重新上传。",
    ),
)

CERTIFICATES = Sheet(
    kind="certificates",
    title="执法证件",
    measure="张",
    columns=("证件编号", "持证人身份证号码", "发证机关", "执法领域", "发证日期", "有效期至"),
    widths=(18, 22, 30, 14, 12, 12),
    text=frozenset({"证件编号", "持证人身份证号码"}),
    dates=frozenset({"发证日期", "有效期至"}),
    notes=(
        "每行一张执法证件；第1行表头请勿改动。",
        "持证人须已登记为您管理的执法主体的执法人员，在岗且在执法岗位，"
        "并已通过公共法律知识考试和该领域专业法律知识考试。",
        "证件编号不得与已登记的证件或文件中其他行重复。",
        "执法领域：填写一个领域名称（见下方列表）。",
        "日期格式：2024-01-31；有效期至须晚于发证日期。",
        "文件中任何一行有误，整个文件都不会导入。",
    ),
)

TRAINING = Sheet(
    kind="training",
    title="培训记录",
    measure="条",
    columns=("身份证号码", "培训类别", "课程", "培训日期", "学时", "培训活动"),
    widths=(22, 14, 30, 12, 8, 24),
    text=frozenset({"身份证号码"}),
    dates=frozenset({"培训日期"}),
    choices={"培训类别": TRAINING_LABELS},
    notes=(
        "每行一名执法人员的一次培训；第1行表头请勿改动。",
        "身份证号码：须为您管理的执法主体已登记的执法人员。",
        "培训类别：公共法律知识、专业法律知识或执法技能。",
        "培训日期不能晚于今天；学时应大于0，单条不超过200学时。",
        "同一人员、同一类别、课程和日期的培训不能重复登记。",
        "文件中任何一行有误，整个文件都不会导入。",
    ),
)

SHEETS = {s.kind: s for s in (OFFICERS, CERTIFICATES, TRAINING)}


# --------------------------------------------------------------------------------------------
# Templates and exports
# --------------------------------------------------------------------------------------------


def template_xlsx(kind: str, user: Any = None) -> bytes:
    """The blank import file for ``kind``: the header row and, on a second sheet, how to fill it
    in, with the agencies and units ``user`` may import into and the enforcement fields."""
    lines: list[tuple[str, bool]] = []
    agencies = keeper_agencies(user)
    if agencies:
        lines.append(("", False))
        lines.append(("您可导入的执法主体及其内设机构（科室）：", True))
        units = defaultdict(list)
        for unit in Unit.objects.filter(agency__in=agencies, is_active=True).order_by("name"):
            units[unit.agency_id].append(unit.name)
        for agency in agencies:
            lines.append(
                (f"{agency.name}：{'、'.join(units[agency.pk]) or '（未登记科室）'}", False)
            )
    lines.append(("", False))
    lines.append(("执法领域：", True))
    lines.append(("、".join(EnforcementField.objects.values_list("name", flat=True)), False))
    return template_workbook(SHEETS[kind], lines)


# The templates as the portal's 数据导入 page calls them (``Importer.template``: one per kind).
def officers_template(user: Any = None) -> bytes:
    return template_xlsx("officers", user)


def certificates_template(user: Any = None) -> bytes:
    return template_xlsx("certificates", user)


def training_template(user: Any = None) -> bytes:
    return template_xlsx("training", user)


def _yes_no(value: bool) -> str:
    return YES if value else NO


def export_officers(user: Any, officers: QuerySet[Officer] | None = None) -> bytes:
    """The officers ``user`` may see (or ``officers``, the officer list's filtered rows, already
    scoped to ``user``), in the template's columns, ID numbers masked."""
    if officers is None:
        officers = Officer.objects.visible_to(user)
    names: dict[int, list[str]] = defaultdict(list)
    through = Officer.fields.through.objects.filter(officer__in=officers.values("pk"))
    for officer_id, name in through.order_by("enforcementfield__code").values_list(
        "officer_id", "enforcementfield__name"
    ):
        names[officer_id].append(name)
    rows = (
        (
            o.name,
            o.id_number_masked,
            o.agency.name,
            o.unit.name if o.unit else "",
            o.post,
            _yes_no(o.in_enforcement_post),
            FIELD_SEPARATOR.join(names[o.pk]),
            o.get_status_display(),
            _yes_no(o.is_legal_reviewer),
            _yes_no(o.has_legal_qualification),
        )
        for o in officers.select_related("agency", "unit").iterator(chunk_size=2000)
    )
    return write_workbook(OFFICERS, rows)


def export_certificates(user: Any, officers: QuerySet[Officer] | None = None) -> bytes:
    """The certificates ``user`` may see (every status), holders' ID numbers masked; with
    ``officers`` (the officer list's filtered rows, already scoped to ``user``), theirs only."""
    certificates = (
        Certificate.objects.visible_to(user).select_related("officer", "field").order_by("number")
    )
    if officers is not None:
        certificates = certificates.filter(officer__in=officers.values("pk"))
    rows = (
        (
            c.number,
            c.officer.id_number_masked,
            c.issuing_authority,
            c.field.name,
            c.issued_on,
            c.expires_on,
        )
        for c in certificates.iterator(chunk_size=2000)
    )
    return write_workbook(CERTIFICATES, rows)


def export_training(user: Any, officers: QuerySet[Officer] | None = None) -> bytes:
    """The training records ``user`` may see, ID numbers masked; with ``officers`` (the officer
    list's filtered rows, already scoped to ``user``), theirs only."""
    records = (
        TrainingRecord.objects.visible_to(user)
        .select_related("officer")
        .order_by("officer__agency_id", "officer__name", "officer_id", "held_on", "pk")
    )
    if officers is not None:
        records = records.filter(officer__in=officers.values("pk"))
    rows = (
        (
            r.officer.id_number_masked,
            r.get_kind_display(),
            r.course,
            r.held_on,
            r.hours,
            r.campaign,
        )
        for r in records.iterator(chunk_size=2000)
    )
    return write_workbook(TRAINING, rows)


ASSESSMENTS = Sheet(
    kind="assessments",
    title="日常考核结果",
    measure="条",
    columns=(
        "执法人员",
        "执法主体",
        "年度",
        "考核期",
        "指标体系",
        "各项得分",
        "总分",
        "合格分",
        "结果",
        "考核日期",
    ),
    widths=(12, 34, 8, 12, 24, 40, 8, 8, 8, 12),
)


def export_assessments(assessments: QuerySet[Assessment]) -> bytes:
    """``assessments`` (the results page's rows: scoped, filtered and ordered by the caller)."""
    rows = (
        (
            a.officer.name,
            a.officer.agency.name,
            a.year,
            a.period,
            a.indicator_set.name,
            "、".join(f"{name} {score}" for name, score in a.scores.items()),
            a.total,
            a.indicator_set.pass_score,
            "合格" if a.passed else "不合格",
            a.assessed_on,
        )
        for a in assessments.select_related("officer__agency", "indicator_set")
    )
    return write_workbook(ASSESSMENTS, rows)


DRILLS = Sheet(
    kind="drills",
    title="岗位练兵",
    measure="次",
    columns=("日期", "执法主体", "练兵项目", "参加人数", "参加人员"),
    widths=(12, 34, 30, 10, 60),
)


def export_drills(drills: QuerySet[Drill]) -> bytes:
    """``drills`` (the training page's rows: scoped, filtered and ordered by the caller)."""
    rows = (
        (
            d.held_on,
            d.agency.name,
            d.title,
            len(people := [o.name for o in d.participants.all()]),
            "、".join(people),
        )
        for d in drills.select_related("agency").prefetch_related("participants")
    )
    return write_workbook(DRILLS, rows)


EXPORTS = {
    "officers": export_officers,
    "certificates": export_certificates,
    "training": export_training,
}
