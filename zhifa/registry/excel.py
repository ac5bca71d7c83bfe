"""Excel (.xlsx) files of the registry: the sheets and their Chinese columns, reading an upload,
the blank templates, and the exports (officers, certificates, training records).

The importers (:mod:`zhifa.registry.services.imports`) read the first worksheet; its first row
must be exactly the sheet's columns, in order. A template is the header row, formatted (ID
numbers as text, drop-down lists for 是/否 and the fixed choices), and a second sheet, 填写说明,
listing what the importer may use: their agencies and units, the enforcement fields.

Exports have the same columns as the templates, over what the user may see
(``visible_to``), with every ID number masked (GB/T 35273-2020: ``110105********002X``).

Why always masked, and no unmasked export even for the agency's information administrator:

- the issue asks for it ("Export respects scope and masks ID numbers"), and an .xlsx file leaves
  everything that protects the numbers in the platform: encryption at rest (SM4), scoping, the
  ledger. A workbook is mailed, copied to USB sticks and printed; a full export of a city's
  officers with ID numbers is the most damaging file this module could produce;
- nobody needs the numbers back: the platform is the register, and the one use of a full number
  in a file — registering people — starts from the HR source data, in the template;
- re-importing an export is meaningless for officers (they are registered already: every row
  would be a duplicate) and for certificates (the numbers exist); what the round trip needs is that
  the columns are the same, so a file built from known data imports, exports, and compares.

So an export cannot be re-imported as it is: a masked number is refused with a message saying
so (see :func:`id_number_text`), and nothing is written. An unmasked export, if ever required,
should be a separate, logged (``registry.officer.export``) and approved action, not a button.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from zhifa.org.models import Agency, Role, Unit
from zhifa.registry.models import (
    Certificate,
    EnforcementField,
    Officer,
    OfficerStatus,
    TrainingKind,
    TrainingRecord,
)

YES, NO = "是", "否"
FIELD_SEPARATOR = "、"
MAX_ROWS = 50_000
NOT_EXCEL = "文件不是有效的Excel（.xlsx）文件"
NOT_EXCEL_HINT = "；如为.xls或.csv文件，请在Excel中“另存为”Excel工作簿（.xlsx）后再导入"


# --------------------------------------------------------------------------------------------
# Errors: by row and column, as the user sees them in Excel
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellError:
    """One problem: ``row`` as numbered in Excel (1 is the header row; None: the whole file),
    ``column`` its header ("" when the problem is the row or the file)."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if not self.column:
            return f"第{self.row}行：{self.message}"
        return f"第{self.row}行“{self.column}”：{self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


class ImportFailed(ValidationError):
    """The file was refused and nothing was written. A ValidationError, so pages and the API show
    its messages like any service's; ``cell_errors`` keeps them by row and column."""

    def __init__(self, errors: Sequence[CellError]) -> None:
        self.cell_errors = list(errors)
        super().__init__([ValidationError(str(e), code="import_invalid") for e in self.cell_errors])


# --------------------------------------------------------------------------------------------
# The sheets
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    kind: str
    title: str  # the worksheet's name and what a row is
    measure: str  # counting word: 名执法人员, 张执法证件, 条培训记录
    columns: tuple[str, ...]
    widths: tuple[int, ...]
    text: frozenset[str] = frozenset()  # kept as text in the template (ID numbers, codes)
    dates: frozenset[str] = frozenset()
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def count(self, n: int) -> str:
        return f"{n}{self.measure}{self.title}"


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
# Reading
# --------------------------------------------------------------------------------------------


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    """A cell as text: numbers without a spurious ``.0``, dates as ``YYYY-MM-DD``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def id_number_text(value: Any) -> str:
    """A cell holding an ID number, as text; refuses numbers Excel has rounded and masked numbers
    (from an export)."""
    if isinstance(value, float):
        raise ValueError(
            "身份证号码被Excel存成了数字，后几位已丢失；请将该列设为文本格式后重新填写"
        )
    number = text(value)
    if "*" in number:
        raise ValueError("身份证号码已脱敏（导出文件中的号码不完整），请填写完整的身份证号码")
    return number


_DATE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")


def to_date(value: Any) -> date | None:
    """A date cell, or text such as 2024-01-31, 2024/1/31, 2024年1月31日; None when blank."""
    if blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE.fullmatch(str(value).strip())
    if match:
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise ValueError("日期格式不正确，应为2024-01-31这样的日期")


def to_bool(value: Any, default: bool | None = None) -> bool:
    """是/否 (or a TRUE/FALSE cell); blank is ``default``, or an error when there is none."""
    if isinstance(value, bool):
        return value
    word = text(value)
    if word == YES:
        return True
    if word == NO:
        return False
    if not word and default is not None:
        return default
    raise ValueError("应填写“是”或“否”")


def split_names(value: Any) -> list[str]:
    """Names separated by 、 (commas and semicolons are accepted too)."""
    return [n.strip() for n in re.split(r"[、，,；;]", text(value)) if n.strip()]


def _header_error(found: list[str], sheet: Sheet) -> CellError:
    missing = [c for c in sheet.columns if c not in found]
    extra = [c for c in found if c and c not in sheet.columns]
    problems = []
    if not any(found):
        problems.append("第1行没有表头")
    else:
        if missing:
            problems.append("缺少列：" + "、".join(missing))
        if extra:
            problems.append("多余的列：" + "、".join(extra))
        if not missing and not extra:
            problems.append("列的顺序不对，或有重复、空白的列")
    return CellError(
        1,
        "",
        f"表头不正确（{'；'.join(problems)}）。第1行应依次为：{'、'.join(sheet.columns)}。"
        f"请下载{sheet.title}导入模板填写",
    )


def read_rows(file: Any, sheet: Sheet) -> list[tuple[int, dict[str, Any]]]:
    """The data rows of the first worksheet as (row number in Excel, {column: cell value}).

    Blank rows are skipped. Raises :class:`ImportFailed` when the file is not an .xlsx workbook,
    when the header row is not exactly the sheet's columns, when cells stand outside the columns,
    or when there is no data row or more than :data:`MAX_ROWS`.
    """
    if isinstance(file, bytes | bytearray):
        file = io.BytesIO(file)
    elif hasattr(file, "seek"):
        file.seek(0)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # zipfile.BadZipFile, InvalidFileException, KeyError, …: not a workbook
        raise ImportFailed([CellError(None, "", NOT_EXCEL + NOT_EXCEL_HINT)]) from None
    try:
        return _rows(workbook, sheet)
    except ImportFailed:
        raise
    except Exception:  # a damaged worksheet inside an otherwise readable zip
        raise ImportFailed([CellError(None, "", NOT_EXCEL + NOT_EXCEL_HINT)]) from None
    finally:
        workbook.close()


def _rows(workbook: Any, sheet: Sheet) -> list[tuple[int, dict[str, Any]]]:
    if not workbook.worksheets:
        raise ImportFailed([CellError(None, "", NOT_EXCEL)])
    cells = workbook.worksheets[0].iter_rows(values_only=True)
    found = [text(v) for v in next(cells, None) or ()]
    while found and not found[-1]:
        found.pop()
    if found != list(sheet.columns):
        raise ImportFailed([_header_error(found, sheet)])
    width = len(sheet.columns)
    rows: list[tuple[int, dict[str, Any]]] = []
    errors: list[CellError] = []
    for number, values in enumerate(cells, start=2):
        values = tuple(values or ())
        if all(blank(v) for v in values):
            continue
        outside = [
            get_column_letter(i)
            for i, v in enumerate(values[width:], start=width + 1)
            if not blank(v)
        ]
        if outside:
            errors.append(
                CellError(
                    number,
                    "",
                    f"表头以外的{'、'.join(outside)}列有内容，请删除或检查是否错列",
                )
            )
        values = values[:width] + (None,) * (width - len(values))
        rows.append((number, dict(zip(sheet.columns, values, strict=True))))
        if len(rows) > MAX_ROWS:
            raise ImportFailed(
                [CellError(None, "", f"一个文件最多导入{MAX_ROWS}行，请分成几个文件导入")]
            )
    if errors:
        raise ImportFailed(errors)
    if not rows:
        raise ImportFailed([CellError(None, "", "文件中除表头外没有数据行")])
    return rows


# --------------------------------------------------------------------------------------------
# Writing: templates and exports
# --------------------------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F2")


def _to_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_workbook(sheet: Sheet, rows: Iterable[Sequence[Any]]) -> bytes:
    """A write-only workbook (exports of tens of thousands of rows) with the sheet's header."""
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(sheet.title)
    for i, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    header = []
    for column in sheet.columns:
        cell = WriteOnlyCell(ws, value=column)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        header.append(cell)
    ws.append(header)
    for row in rows:
        ws.append(list(row))
    return _to_bytes(workbook)


def keeper_agencies(user: Any) -> list[Agency]:
    """The active agencies whose information administrator (信息管理员) ``user`` is."""
    return list(Agency.objects.where_role(user, Role.AGENCY_ADMIN))


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


def template_workbook(sheet: Sheet, extra: Sequence[tuple[str, bool]] = ()) -> bytes:
    """A blank import file for ``sheet``: the header row (text and date columns formatted,
    drop-down lists for the choices) and a second sheet, 填写说明, with the sheet's notes, the
    expected header and the ``extra`` lines ((text, bold))."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet.title
    ws.append(list(sheet.columns))
    for i, (column, width) in enumerate(zip(sheet.columns, sheet.widths, strict=True), start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = width
        header = ws.cell(row=1, column=i)
        header.font, header.fill = _HEADER_FONT, _HEADER_FILL
        if column in sheet.text:
            ws.column_dimensions[letter].number_format = "@"
        if column in sheet.dates:
            ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
        if column in sheet.choices:
            rule = DataValidation(
                type="list",
                formula1='"' + ",".join(sheet.choices[column]) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="取值无效",
                error="请从下拉列表中选择",
            )
            rule.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
            ws.add_data_validation(rule)
    ws.freeze_panes = "A2"

    notes = workbook.create_sheet("填写说明")
    notes.column_dimensions["A"].width = 100
    wrap = Alignment(wrap_text=True, vertical="top")
    lines: list[tuple[str, bool]] = [(f"{sheet.title}导入说明", True)]
    lines += [(f"{n}. {note}", False) for n, note in enumerate(sheet.notes, start=1)]
    lines.append(("", False))
    lines.append(("第1行应依次为：" + "、".join(sheet.columns), False))
    lines += extra
    for row, (line, bold) in enumerate(lines, start=1):
        cell = notes.cell(row=row, column=1, value=line)
        cell.alignment = wrap
        if bold:
            cell.font = _HEADER_FONT
    return _to_bytes(workbook)


def _yes_no(value: bool) -> str:
    return YES if value else NO


def export_officers(user: Any) -> bytes:
    """The officers ``user`` may see, in the template's columns, ID numbers masked."""
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


def export_certificates(user: Any) -> bytes:
    """The certificates ``user`` may see (every status), holders' ID numbers masked."""
    certificates = (
        Certificate.objects.visible_to(user).select_related("officer", "field").order_by("number")
    )
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


def export_training(user: Any) -> bytes:
    """The training records ``user`` may see, ID numbers masked."""
    records = (
        TrainingRecord.objects.visible_to(user)
        .select_related("officer")
        .order_by("officer__agency_id", "officer__name", "officer_id", "held_on", "pk")
    )
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


EXPORTS = {
    "officers": export_officers,
    "certificates": export_certificates,
    "training": export_training,
}
