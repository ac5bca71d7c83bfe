"""线索: a case begins as a lead recorded by an officer of the agency (处罚法 art. 54: 发现公民、法人
或者其他组织有依法应当给予行政处罚的行为的，必须全面、客观、公正地调查). The lead names where it came
from (检查发现, 投诉举报, 移送, 上级交办, 其他, with a reference to its origin), the handling unit, the
officers (the first is 主办), the parties and the matters, and the dates known so far.

``record_lead`` goes through the workflow table (``zhifa.cases.workflows``); ``record`` is the step
the table runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils import timezone

from zhifa.cases.models import Case, CaseMatter, CaseOfficer, CaseParty, CaseSource, Procedure
from zhifa.catalog.models import Matter
from zhifa.core import ledger, workflow
from zhifa.core.errors import collect
from zhifa.org.models import Agency, Unit
from zhifa.registry.models import Officer

TITLE_MAX = 200
FACTS_MAX = 5000
REFERENCE_MAX = 100


def snapshot(case: Case) -> dict[str, Any]:
    """The case as the ledger records it, its officers, parties and matters included."""
    data = ledger.snapshot(case) or {}
    if case.pk:
        data["officers"] = [
            [o, r] for o, r in case.officers.order_by("pk").values_list("officer_id", "role")
        ]
        data["parties"] = sorted(case.parties.values_list("party_id", flat=True))
        data["matters"] = sorted(case.matters.values_list("matter_id", flat=True))
    return data


def record_lead(
    actor: Any,
    agency: Agency,
    *,
    unit: Unit,
    title: str,
    source: str,
    discovered_on: date,
    officers: Iterable[Officer],
    parties: Iterable[Any],
    matters: Iterable[Matter],
    source_reference: str = "",
    facts: str = "",
    violation_began: date | None = None,
    violation_ended: date | None = None,
    safety_harm: bool = False,
    procedure: str = Procedure.ORDINARY,
) -> Case:
    """Record a lead (线索) for ``agency``: refused with every reason at once."""
    return workflow.start(
        Case,
        "record",
        actor,
        agency=agency,
        case_agency=agency,
        unit=unit,
        title=title,
        source=source,
        discovered_on=discovered_on,
        officers=list(officers),
        parties=list(parties),
        matters=list(matters),
        source_reference=source_reference,
        facts=facts,
        violation_began=violation_began,
        violation_ended=violation_ended,
        safety_harm=safety_harm,
        procedure=procedure,
    )


def _dates_problems(
    discovered_on: date | None, began: date | None, ended: date | None, today: date
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {
        "discovered_on": [],
        "violation_began": [],
        "violation_ended": [],
    }
    if discovered_on is None:
        errors["discovered_on"].append("请填写发现日期")
    elif discovered_on > today:
        errors["discovered_on"].append("发现日期不能晚于今天")
    if began is not None and began > today:
        errors["violation_began"].append("违法行为发生日不能晚于今天")
    if ended is not None:
        if began is None:
            errors["violation_ended"].append("填写违法行为终了日的，请先填写违法行为发生日")
        elif ended < began:
            errors["violation_ended"].append("违法行为终了日不能早于发生日")
        elif ended > today:
            errors["violation_ended"].append("违法行为终了日不能晚于今天")
    if discovered_on is not None and began is not None and began > discovered_on:
        errors["violation_began"].append("违法行为发生日不能晚于发现日期")
    return errors


def _people_problems(
    agency: Agency, unit: Unit | None, officers: list, parties: list, matters: list
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {"unit": [], "officers": [], "parties": [], "matters": []}
    if unit is None or unit.agency_id != agency.pk or not unit.is_active:
        errors["unit"].append("请选择本执法主体有效的承办机构")
    if not officers:
        errors["officers"].append("请选择承办人员（第一位为主办人员）")
    elif len({o.pk for o in officers}) != len(officers):
        errors["officers"].append("承办人员不能重复")
    strangers = [o.name for o in officers if o.agency_id != agency.pk]
    if strangers:
        errors["officers"].append(f"{'、'.join(strangers)}不是本执法主体的执法人员")
    if not parties:
        errors["parties"].append("请选择当事人")
    elif len({p.pk for p in parties}) != len(parties):
        errors["parties"].append("当事人不能重复")
    own = {agency.pk, agency.delegating_agency_id}
    foreign = [m.name for m in matters if m.agency_id not in own]
    if foreign:
        errors["matters"].append(f"执法事项“{'、'.join(foreign)}”不属于本执法主体")
    if len({m.pk for m in matters}) != len(matters):
        errors["matters"].append("执法事项不能重复")
    return errors


def record(
    _: None,
    actor: Any,
    *,
    case_agency: Agency,
    unit: Unit | None,
    title: str,
    source: str,
    discovered_on: date | None,
    officers: list[Officer],
    parties: list[Any],
    matters: list[Matter],
    source_reference: str = "",
    facts: str = "",
    violation_began: date | None = None,
    violation_ended: date | None = None,
    safety_harm: bool = False,
    procedure: str = Procedure.ORDINARY,
    noted: bool = True,
) -> Case:
    """The ``record`` step: the lead, checked field by field (``noted``: its trail starts with
    登记线索; a step creating a case otherwise notes itself)."""
    title = (title or "").strip()
    facts = (facts or "").strip()
    source_reference = (source_reference or "").strip()
    errors: dict[str, list[str]] = {"title": [], "source": [], "source_reference": []}
    errors["facts"] = []
    errors["procedure"] = []
    if not title:
        errors["title"].append("请填写案由")
    elif len(title) > TITLE_MAX:
        errors["title"].append(f"案由不能超过{TITLE_MAX}字")
    if source not in CaseSource.values:
        errors["source"].append("请选择案件来源（检查发现、投诉举报、移送、上级交办或其他）")
    if len(source_reference) > REFERENCE_MAX:
        errors["source_reference"].append(f"来源编号不能超过{REFERENCE_MAX}字")
    if len(facts) > FACTS_MAX:
        errors["facts"].append(f"案情摘要不能超过{FACTS_MAX}字")
    if procedure not in Procedure.values:
        errors["procedure"].append("请选择简易程序或普通程序")
    errors.update(
        _dates_problems(discovered_on, violation_began, violation_ended, timezone.localdate())
    )
    errors.update(_people_problems(case_agency, unit, officers, parties, matters))
    collect(errors)
    case = Case.objects.create(
        agency=case_agency,
        unit=unit,
        title=title,
        source=source,
        source_reference=source_reference,
        facts=facts,
        procedure=procedure,
        discovered_on=discovered_on,
        violation_began=violation_began,
        violation_ended=violation_ended,
        safety_harm=bool(safety_harm),
        created_by=actor,
    )
    CaseOfficer.objects.bulk_create(
        CaseOfficer(case=case, officer=o, role="lead" if i == 0 else "assisting")
        for i, o in enumerate(officers)
    )
    CaseParty.objects.bulk_create(CaseParty(case=case, party=p) for p in parties)
    CaseMatter.objects.bulk_create(CaseMatter(case=case, matter=m) for m in matters)
    if noted and procedure == Procedure.ORDINARY:
        from zhifa.cases.services.procedure import note

        note(case, actor, "record")
    return case
