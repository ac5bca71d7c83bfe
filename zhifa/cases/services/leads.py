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
from zhifa.core import ledger, referrals, workflow
from zhifa.core.errors import collect, field_error
from zhifa.org.models import Agency, Unit
from zhifa.parties.models import Party
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
    officers: Iterable[Officer],
    source: str = "",
    discovered_on: date | None = None,
    parties: Iterable[Any] = (),
    matters: Iterable[Matter] = (),
    source_reference: str = "",
    facts: str = "",
    violation_began: date | None = None,
    violation_ended: date | None = None,
    safety_harm: bool = False,
    procedure: str = Procedure.ORDINARY,
    referral: str = "",
) -> Case:
    """Record a lead (线索) for ``agency``: refused with every reason at once. ``referral``
    (``"inspection:12"``) takes another app's referral (a visit's 移送立案): see :func:`referred`."""
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
        referral=referral,
    )


def referred(agency: Agency, key: Any, data: dict[str, Any]) -> referrals.Referral | None:
    """Fill ``data`` from the referral named ``key`` (seed 004 事中登记 → 移送立案; 处罚法 art. 54:
    a violation found is investigated): the source is 检查发现, the reference the inspection's
    record, and the party, the agency's matters, the facts and the day found are those of the
    visit unless the officer gave them. Refused (on ``referral``) when there is no such referral,
    when it is another agency's, or when it already became a lead (one referral, one lead)."""
    if not key:
        return None
    found = referrals.find(key)
    if found is None:
        raise field_error("referral", "没有这个移送立案")
    if agency.pk not in found.agency_ids:
        raise field_error("referral", "该移送立案不属于本执法主体")
    if found.taken:
        raise field_error("referral", "该移送立案已登记为案件线索，一次移送只能登记一个线索")
    data["source"] = CaseSource.INSPECTION
    data["source_reference"] = (data.get("source_reference") or "").strip() or found.reference
    if not data.get("parties"):
        data["parties"] = list(Party.objects.filter(pk=found.party_id))
    if not data.get("matters"):
        own = {agency.pk, agency.delegating_agency_id}
        data["matters"] = list(
            Matter.objects.filter(pk__in=found.matter_ids, agency__in=own - {None}).order_by("pk")
        )
    if not (data.get("facts") or "").strip():
        data["facts"] = found.facts
    if data.get("discovered_on") is None:
        data["discovered_on"] = found.found_on
    return found


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
    referral: str = "",
) -> Case:
    """The ``record`` step: the lead, checked field by field (``noted``: its trail starts with
    登记线索; a step creating a case otherwise notes itself). A referral fills what it knows and is
    taken by the new case in the same transaction (:func:`referred`)."""
    given = {
        "source": source,
        "source_reference": source_reference,
        "parties": parties,
        "matters": matters,
        "facts": facts,
        "discovered_on": discovered_on,
    }
    taken = referred(case_agency, referral, given)
    source, source_reference = given["source"], given["source_reference"]
    parties, matters, facts = list(given["parties"]), list(given["matters"]), given["facts"]
    discovered_on = given["discovered_on"]
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
    if taken is not None:
        referrals.take(actor, taken.key, case.pk)
    if noted and procedure == Procedure.ORDINARY:
        from zhifa.cases.services.procedure import note

        note(case, actor, "record")
    return case
