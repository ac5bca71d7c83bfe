"""Bulk imports of the registry from Excel: officers, certificates, training records.

Each importer reads the whole file (:func:`zhifa.core.excel.read_rows`), checks every row by
the rules the pages and the API use — :func:`~zhifa.registry.services.officers.clean_officer`,
:func:`~zhifa.registry.services.certificates.clean_certificate`,
:func:`~zhifa.registry.services.training.clean_training` — plus what only a file can get wrong
(cells that are not dates, unknown agencies or fields, the same person or number twice in the
file), and collects every problem by row and column. If there is any, it raises
:class:`ImportFailed` and writes nothing; otherwise it creates every row in one transaction, with
one ledger entry per row appended under one lock (:func:`zhifa.core.ledger.append_many`).

Lookups are prefetched into dictionaries (agencies, units, fields, existing ID numbers by blind
index, exams, certificate numbers), so the number of queries does not grow with the rows except
for the chunked ``IN`` lookups and the batched inserts.

Only an agency's information administrator (信息管理员) imports, and only into that agency; anyone
else gets PermissionDenied before the file is read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from zhifa.core import excel as kit
from zhifa.core import ledger, workflow
from zhifa.core.crypto import blind_index
from zhifa.core.excel import (
    CHUNK,
    CellError,
    ImportFailed,
    ImportResult,
    RowErrors,
    all_or_nothing,
    chunks,
    parse_cell,
    text_cell,
)
from zhifa.core.validators import validate_id_number
from zhifa.org.models import Agency, EnforcementField, Unit
from zhifa.org.permissions import importer_agencies
from zhifa.registry import excel
from zhifa.registry.models import (
    Certificate,
    ExamResult,
    Officer,
    OfficerStatus,
    TrainingKind,
    TrainingRecord,
)
from zhifa.registry.services import officers as officer_service
from zhifa.registry.services.certificates import clean_certificate
from zhifa.registry.services.officers import clean_officer
from zhifa.registry.services.training import clean_training, training_key

__all__ = [
    "IMPORTERS",
    "CellError",
    "ImportFailed",
    "ImportResult",
    "import_certificates",
    "import_officers",
    "import_training",
]

CONFLICT = "导入期间有其他用户同时登记了相同的人员或证件，本次未导入任何数据，请重新导入"


def _index_of(id_number: str) -> str | None:
    """The blind index of a valid ID number, None for an invalid one (reported elsewhere)."""
    try:
        return blind_index(validate_id_number(id_number))
    except ValidationError:
        return None


def _officer_by_id(
    errors: RowErrors, row: int, column: str, value: Any, officers: dict[str, Officer]
) -> Officer | None:
    """The officer a row names by ID number, among those the importer keeps."""
    id_number = parse_cell(errors, row, column, lambda: kit.id_number_text(value))
    if id_number is None:
        return None
    if not id_number:
        errors.add(row, column, "请填写身份证号码")
        return None
    try:
        id_number = validate_id_number(id_number)
    except ValidationError as exc:
        for message in exc.messages:
            errors.add(row, column, message)
        return None
    officer = officers.get(blind_index(id_number))
    if officer is None:
        errors.add(row, column, "您管理的执法主体中没有登记该身份证号码的执法人员")
    return officer


def _kept_officers(keeper_ids: Iterable[int], *, lock: bool = False) -> dict[str, Officer]:
    """The importer's officers by blind index, without decrypting anyone's ID number."""
    qs = Officer.objects.filter(agency_id__in=list(keeper_ids)).only(
        "id", "name", "agency_id", "id_number_index", "status", "in_enforcement_post"
    )
    if lock:
        qs = qs.select_for_update()
    return {o.id_number_index: o for o in qs}


def _fields_by_name() -> dict[str, EnforcementField]:
    return {f.name: f for f in EnforcementField.objects.all()}


# --------------------------------------------------------------------------------------------
# Officers
# --------------------------------------------------------------------------------------------

OFFICER_COLUMNS = {
    "name": "姓名",
    "id_number": "身份证号码",
    "unit": "科室",
    "status": "状态",
    "is_legal_reviewer": "法制审核人员",
    "fields": "执法领域",
}
STATUS_BY_LABEL = {label: value for value, label in OfficerStatus.choices}


def import_officers(actor: Any, file: Any) -> ImportResult:
    """Register every officer in an .xlsx file of :data:`excel.OFFICERS` columns, or none."""
    keeper = importer_agencies(actor)
    sheet = excel.OFFICERS
    rows = kit.read_rows(file, sheet)
    with all_or_nothing(CONFLICT):
        agencies = list(Agency.objects.all())
        by_name = {a.short_name: a for a in agencies if a.short_name}
        by_name.update({a.name: a for a in agencies})
        units = {(u.agency_id, u.name): u for u in Unit.objects.filter(agency_id__in=keeper)}
        fields = _fields_by_name()
        errors = RowErrors(sheet)
        parsed = []
        for row, cells in rows:
            parsed.append((row, _parse_officer(errors, row, cells, by_name, keeper, units, fields)))

        indexes = [_index_of(data["id_number"]) for _, data in parsed]
        registered: dict[str, str] = {}
        for chunk in chunks([i for i in indexes if i]):
            registered.update(
                Officer.objects.filter(id_number_index__in=chunk).values_list(
                    "id_number_index", "agency__name"
                )
            )

        seen: dict[str, int] = {}
        new: list[tuple[Officer, list[EnforcementField]]] = []
        for (row, data), index in zip(parsed, indexes, strict=True):
            agency = data.pop("agency")
            found = clean_officer(data, agency=agency, instance=None, registered=registered)
            errors.merge(row, found, OFFICER_COLUMNS)
            if index and not errors.has(row, "身份证号码"):
                if index in seen:
                    errors.add(row, "身份证号码", f"与第{seen[index]}行的身份证号码重复")
                else:
                    seen[index] = row
            if errors.has(row):
                continue
            field_list = data.pop("fields")
            officer = Officer(agency=agency, **data)
            officer.id_number_index = index
            new.append((officer, field_list))
        errors.raise_any()

        Officer.objects.bulk_create([o for o, _ in new], batch_size=CHUNK)
        through = Officer.fields.through
        through.objects.bulk_create(
            [
                through(officer_id=o.pk, enforcementfield_id=f.pk)
                for o, field_list in new
                for f in field_list
            ],
            batch_size=CHUNK,
        )
        ledger.append_many(
            actor=actor,
            action="registry.officer.create",
            changes=[
                ledger.Change(obj=o, after=officer_service.snapshot(o, field_list))
                for o, field_list in new
            ],
        )
    return ImportResult(sheet, len(new))


def _parse_officer(
    errors: RowErrors,
    row: int,
    cells: dict[str, Any],
    agencies: dict[str, Agency],
    keeper: dict[int, Agency],
    units: dict[tuple[int, str], Unit],
    fields: dict[str, EnforcementField],
) -> dict[str, Any]:
    """One row's cells as clean_officer's data (plus ``agency``), reporting what cannot be read."""
    agency_name = kit.text(cells["执法主体"])
    agency = agencies.get(agency_name)
    if not agency_name:
        errors.add(row, "执法主体", "请填写执法主体")
    elif agency is None:
        errors.add(row, "执法主体", f"未找到执法主体“{agency_name}”，请填写全称")
    elif agency.pk not in keeper:
        errors.add(row, "执法主体", f"您不是{agency.name}的信息管理员，不能导入该单位的人员")
        agency = None

    unit = None
    unit_name = kit.text(cells["科室"])
    if unit_name and agency is not None:
        unit = units.get((agency.pk, unit_name))
        if unit is None:
            errors.add(row, "科室", f"{agency.name}没有名为“{unit_name}”的科室")

    field_list = []
    unknown = []
    for name in kit.split_names(cells["执法领域"]):
        if name in fields:
            if fields[name] not in field_list:
                field_list.append(fields[name])
        else:
            unknown.append(name)
    if unknown:
        errors.add(row, "执法领域", f"未知的执法领域：{'、'.join(unknown)}")

    status_label = kit.text(cells["状态"])
    status = STATUS_BY_LABEL.get(status_label) if status_label else OfficerStatus.ON_DUTY
    if status is None:
        errors.add(row, "状态", "状态应为在岗、离岗、调离或退休")
        status = OfficerStatus.ON_DUTY

    def yes_no(column: str, default: bool | None) -> bool:
        value = parse_cell(errors, row, column, lambda: kit.to_bool(cells[column], default))
        return bool(value)

    id_number = parse_cell(
        errors, row, "身份证号码", lambda: kit.id_number_text(cells["身份证号码"])
    )
    return {
        "agency": agency,
        "name": text_cell(errors, row, "姓名", cells["姓名"], 50),
        "id_number": id_number or "",
        "unit": unit,
        "post": text_cell(errors, row, "岗位", cells["岗位"], 50),
        "in_enforcement_post": yes_no("执法岗位", None),
        "fields": field_list,
        "status": status,
        "is_legal_reviewer": yes_no("法制审核人员", False),
        "has_legal_qualification": yes_no("法律职业资格", False),
    }


# --------------------------------------------------------------------------------------------
# Certificates
# --------------------------------------------------------------------------------------------

CERTIFICATE_COLUMNS = {
    "officer": "持证人身份证号码",
    "number": "证件编号",
    "issuing_authority": "发证机关",
    "field": "执法领域",
    "issued_on": "发证日期",
    "expires_on": "有效期至",
}
# Stands in for a holder the row does not identify, so the row's other cells are still checked.
_NOBODY = Officer(name="", status=OfficerStatus.ON_DUTY, in_enforcement_post=True)


def import_certificates(actor: Any, file: Any) -> ImportResult:
    """Issue every certificate in an .xlsx file of :data:`excel.CERTIFICATES` columns, or none:
    the rules of ``issue_certificate`` (holder in an enforcement post, exams passed, new number,
    expiry after issue) apply to each row."""
    keeper = importer_agencies(actor)
    sheet = excel.CERTIFICATES
    rows = kit.read_rows(file, sheet)
    with all_or_nothing(CONFLICT):
        officers = _kept_officers(keeper, lock=True)
        exams: dict[int, list[ExamResult]] = defaultdict(list)
        for exam in ExamResult.objects.filter(officer__agency_id__in=list(keeper), passed=True):
            exams[exam.officer_id].append(exam)
        fields = _fields_by_name()
        numbers = sorted({kit.text(cells["证件编号"]) for _, cells in rows} - {""})
        taken: set[str] = set()
        for chunk in chunks(numbers):
            taken.update(
                Certificate.objects.filter(number__in=chunk).values_list("number", flat=True)
            )

        errors = RowErrors(sheet)
        seen: dict[str, int] = {}
        new: list[Certificate] = []
        for row, cells in rows:
            officer = _officer_by_id(
                errors, row, "持证人身份证号码", cells["持证人身份证号码"], officers
            )
            field_name = kit.text(cells["执法领域"])
            field = fields.get(field_name)
            if field_name and field is None:
                errors.add(row, "执法领域", f"未知的执法领域：{field_name}")
            data = {
                "number": text_cell(errors, row, "证件编号", cells["证件编号"], 30),
                "issuing_authority": text_cell(errors, row, "发证机关", cells["发证机关"], 100),
                "field": field,
                "issued_on": parse_cell(
                    errors, row, "发证日期", lambda c=cells: kit.to_date(c["发证日期"])
                ),
                "expires_on": parse_cell(
                    errors, row, "有效期至", lambda c=cells: kit.to_date(c["有效期至"])
                ),
            }
            found = clean_certificate(
                data,
                officer=officer or _NOBODY,
                exams=exams[officer.pk] if officer else [],
                taken_numbers=taken,
            )
            if officer is None:
                found.pop("officer")
            errors.merge(row, found, CERTIFICATE_COLUMNS)
            number = data["number"]
            if number and not errors.has(row, "证件编号"):
                if number in seen:
                    errors.add(row, "证件编号", f"与第{seen[number]}行的证件编号重复")
                else:
                    seen[number] = row
            if not errors.has(row):
                # Issued in bulk, each following the newest version of the certificate's table.
                new.append(
                    Certificate(
                        officer=officer,
                        workflow_version=workflow.latest(Certificate).version,
                        **data,
                    )
                )
        errors.raise_any()

        Certificate.objects.bulk_create(new, batch_size=CHUNK)
        ledger.append_many(
            actor=actor,
            action="registry.certificate.issue",
            changes=[ledger.Change(obj=c, after=ledger.snapshot(c)) for c in new],
        )
    return ImportResult(sheet, len(new))


# --------------------------------------------------------------------------------------------
# Training records
# --------------------------------------------------------------------------------------------

TRAINING_COLUMNS = {"kind": "培训类别", "course": "课程", "held_on": "培训日期", "hours": "学时"}
KIND_BY_LABEL = {label: value for value, label in TrainingKind.choices}


def import_training(actor: Any, file: Any) -> ImportResult:
    """Record every training in an .xlsx file of :data:`excel.TRAINING` columns, or none: the
    rules of ``record_training`` apply to each row, and a training already recorded (same
    officer, kind, course and day, in the file or in the register) is refused."""
    keeper = importer_agencies(actor)
    sheet = excel.TRAINING
    rows = kit.read_rows(file, sheet)
    today = timezone.localdate()
    with all_or_nothing(CONFLICT):
        officers = _kept_officers(keeper)
        errors = RowErrors(sheet)
        parsed = []
        for row, cells in rows:
            officer = _officer_by_id(errors, row, "身份证号码", cells["身份证号码"], officers)
            kind = kit.text(cells["培训类别"])
            hours = cells["学时"]
            if kit.blank(hours):
                errors.add(row, "学时", "请填写学时")
            data = {
                "kind": KIND_BY_LABEL.get(kind, kind),
                "course": text_cell(errors, row, "课程", cells["课程"], 100),
                "held_on": parse_cell(
                    errors, row, "培训日期", lambda c=cells: kit.to_date(c["培训日期"])
                ),
                "hours": hours,
                "campaign": text_cell(errors, row, "培训活动", cells["培训活动"], 100),
            }
            errors.merge(row, clean_training(data, today), TRAINING_COLUMNS)
            parsed.append((row, officer, data))

        days = [d["held_on"] for _, _, d in parsed if isinstance(d["held_on"], date)]
        recorded: set[tuple[Any, ...]] = set()
        if days:
            for officer_id, kind, course, held_on, hours in TrainingRecord.objects.filter(
                officer__agency_id__in=list(keeper), held_on__range=(min(days), max(days))
            ).values_list("officer_id", "kind", "course", "held_on", "hours"):
                recorded.add((officer_id, kind, course, held_on))
                recorded.add(
                    training_key(officer_id, {"course": course, "held_on": held_on, "hours": hours})
                )
        seen: dict[tuple[Any, ...], int] = {}
        new: list[TrainingRecord] = []
        for row, officer, data in parsed:
            if errors.has(row):
                continue
            key = (officer.pk, data["kind"], data["course"], data["held_on"])
            same = training_key(officer.pk, data)
            if key in recorded or same in recorded:
                errors.add(
                    row, "课程", f"该人员{data['held_on']:%Y-%m-%d}的这项培训已登记，请勿重复导入"
                )
            elif key in seen:
                errors.add(row, "课程", f"与第{seen[key]}行重复（同一人员、培训类别、课程和日期）")
            elif same in seen:
                errors.add(row, "课程", f"与第{seen[same]}行重复（同一人员、课程、日期和学时）")
            else:
                seen[key] = seen[same] = row
                new.append(TrainingRecord(officer=officer, **data))
        errors.raise_any()

        TrainingRecord.objects.bulk_create(new, batch_size=CHUNK)
        ledger.append_many(
            actor=actor,
            action="registry.training.create",
            changes=[ledger.Change(obj=r, after=ledger.snapshot(r)) for r in new],
        )
    return ImportResult(sheet, len(new))


IMPORTERS: dict[str, Callable[[Any, Any], ImportResult]] = {
    "officers": import_officers,
    "certificates": import_certificates,
    "training": import_training,
}
