"""证据: adding evidence to a case, and its chain of custody.

- :func:`add_evidence`: the officers handling the case add what they collected (处罚法 art. 46: 书证,
  物证, 视听资料, 电子数据, 证人证言, 当事人的陈述, 鉴定意见, 勘验笔录、现场笔录), with its source and
  how it was obtained (art. 46: evidence obtained unlawfully cannot support the facts), the day it
  was collected, and the officers who collected it: at least two, each able to enforce the case's
  matters on that day (art. 42: 执法人员不得少于两人; art. 55). Evidence is collected before the
  decision (art. 54: 全面、客观、公正地调查，收集有关证据; art. 57: the decision follows the end of the
  investigation): a decided or finished case takes no more. The file is received in chunks,
  SM3-hashed on receipt and stored by content (``zhifa.core.filestore``); the ledger entry holds
  its SM3.
- Chain of custody (architecture invariant 2; 118号 全过程记录): every view of an evidence item
  (:func:`record_view`), every download (:func:`open_download`, refused in Chinese when the stored
  file no longer has its SM3) and every transfer of custody (:func:`transfer_custody`) is a ledger
  entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, BinaryIO

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from zhifa.cases.models import Case, CaseStatus, Evidence, EvidenceKind
from zhifa.core import filestore, ledger
from zhifa.core.errors import collect, field_error
from zhifa.core.ledger_labels import action_label
from zhifa.core.models import LedgerEntry
from zhifa.core.scoping import CHANGE, require_permission
from zhifa.core.validators import plain_text_errors
from zhifa.registry.eligibility import can_enforce
from zhifa.registry.models import Officer

#: The states in which evidence may still be collected: before the decision.
COLLECTING = (
    CaseStatus.LEAD,
    CaseStatus.OPENING,
    CaseStatus.INVESTIGATION,
    CaseStatus.PRIOR_NOTICE,
    CaseStatus.HEARING,
    CaseStatus.LEGAL_REVIEW,
    CaseStatus.DISCUSSION,
    CaseStatus.DECIDING,
)
HANDLERS_ONLY = "只有承办本案的执法人员和机关负责人可以办理证据"
TITLE_MAX = 200
SOURCE_MAX = 500
CUSTODIAN_MAX = 100
REASON_MAX = 500
FILE_LABEL = "证据文件"


def snapshot(evidence: Evidence) -> dict[str, Any]:
    """The evidence as the ledger records it, its collectors included."""
    data = ledger.snapshot(evidence) or {}
    data["collected_by"] = sorted(evidence.collected_by.values_list("pk", flat=True))
    return data


def _text(value: Any) -> str:
    return str(value or "").strip()


def _text_errors(value: str, *, required: str, limit: int, label: str) -> list[str]:
    if not value:
        return [required]
    errors = plain_text_errors(value, multiline=True)
    if len(value) > limit:
        errors.append(f"{label}不能超过{limit}个字")
    return errors


def _shown_name(name: str) -> str:
    """The uploaded file's name as shown: without invisible or direction-changing characters."""
    return "".join(ch for ch in name if ch.isprintable())[:255]


def collecting_problem(case: Case) -> str:
    """Why evidence can no longer be added to ``case`` (empty while it can)."""
    if case.status in COLLECTING:
        return ""
    if case.is_finished:
        return f"案件{case.get_status_display()}，不能再添加证据"
    return (
        f"案件{case.get_status_display()}，不能再补充证据：应当先调查取证、后作出决定"
        "（《中华人民共和国行政处罚法》第五十四条、第五十七条）"
    )


def _collector_errors(case: Case, officers: list[Officer], on: date | None) -> list[str]:
    """At least two officers of the case, each able to enforce its matters on ``on`` (处罚法
    arts. 42, 55)."""
    if len({o.pk for o in officers}) < 2:
        return ["取证人员不得少于两人（《中华人民共和国行政处罚法》第四十二条、第五十五条）"]
    handling = set(case.officers.values_list("officer_id", flat=True))
    errors = [f"{o.name}不是本案的承办人员" for o in officers if o.pk not in handling]
    if errors or on is None:
        return errors
    matters = [m.matter for m in case.matters.select_related("matter")] or [None]
    for officer in officers:
        for matter in matters:
            eligibility = can_enforce(officer, on, matter)
            if not eligibility:
                errors.append(
                    f"{officer.name}在取证当日不具备执法资格：" + "；".join(eligibility.reasons)
                )
                break
    return errors


def add_evidence(
    actor: Any,
    case: Case,
    *,
    kind: str,
    title: str,
    source: str,
    collected_on: date | None,
    collected_by: Iterable[Officer],
    upload: Any,
    custodian: str = "",
) -> Evidence:
    """Add a piece of evidence to ``case`` (see the module): every field's problem at once, in
    Chinese, and nothing stored; the file is then received and hashed, and the evidence, its
    stored file and their ledger entries are written in one transaction."""
    require_permission(actor, case, CHANGE, HANDLERS_ONLY)
    title, source, custodian = _text(title), _text(source), _text(custodian)
    officers = list(collected_by)
    today = timezone.localdate()
    errors: dict[str, list[str]] = {
        "kind": [] if kind in EvidenceKind.values else ["请选择证据种类"],
        "title": _text_errors(title, required="请填写证据名称", limit=TITLE_MAX, label="证据名称"),
        "source": _text_errors(
            source, required="请填写证据来源及取得方式", limit=SOURCE_MAX, label="来源及取得方式"
        ),
        "collected_on": [],
        "collected_by": _collector_errors(case, officers, collected_on),
        "custodian": plain_text_errors(custodian) if custodian else [],
        "file": [] if upload is not None else [f"请选择{FILE_LABEL}"],
        "case": [problem] if (problem := collecting_problem(case)) else [],
    }
    if len(custodian) > CUSTODIAN_MAX:
        errors["custodian"].append(f"保管人（单位）不能超过{CUSTODIAN_MAX}个字")
    if collected_on is None:
        errors["collected_on"].append("请填写取证日期")
    elif collected_on > today:
        errors["collected_on"].append("取证日期不能晚于今天")
    elif collected_on < case.discovered_on:
        errors["collected_on"].append("取证日期不能早于发现违法行为的日期")
    collect(errors)
    received = filestore.receive(upload, field="file", label=FILE_LABEL)
    return _store(actor, case, received, kind, title, source, collected_on, officers, custodian)


@transaction.atomic
def _store(
    actor: Any,
    case: Case,
    received: filestore.Received,
    kind: str,
    title: str,
    source: str,
    collected_on: date,
    officers: list[Officer],
    custodian: str,
) -> Evidence:
    case = Case.objects.select_for_update().select_related("unit").get(pk=case.pk)
    require_permission(actor, case, CHANGE, HANDLERS_ONLY)
    problem = collecting_problem(case)
    if problem:
        raise field_error("case", problem)
    stored = filestore.register(actor, received)
    number = (case.evidence.aggregate(n=Max("number"))["n"] or 0) + 1
    evidence = Evidence.objects.create(
        case=case,
        number=number,
        kind=kind,
        title=title,
        source=source,
        collected_on=collected_on,
        file=stored,
        sm3=stored.sm3,
        size=stored.size,
        file_format=stored.format,
        original_name=_shown_name(received.original_name),
        custodian=custodian or case.unit.name[:CUSTODIAN_MAX],
        uploaded_by=actor,
    )
    evidence.collected_by.set(officers)
    ledger.append(actor=actor, action="cases.evidence.add", obj=evidence, after=snapshot(evidence))
    return evidence


@transaction.atomic
def record_view(actor: Any, evidence: Evidence) -> None:
    """A view of the evidence (its page, or its API detail) in the chain of custody."""
    ledger.append(
        actor=actor,
        action="cases.evidence.view",
        obj=evidence,
        after={"sm3": evidence.sm3, "case": evidence.case_id},
    )


def open_download(actor: Any, evidence: Evidence) -> BinaryIO:
    """The evidence's file, opened for streaming after re-hashing it against its SM3; the
    download (or its refusal, when the stored file was changed or removed) is recorded. A
    refusal raises :class:`zhifa.core.filestore.FileProblem` with the Chinese message."""
    try:
        handle = filestore.open_verified(evidence.file)
    except filestore.FileProblem as problem:
        _record_download(actor, evidence, problem.message)
        raise
    try:
        _record_download(actor, evidence, "")
    except BaseException:
        handle.close()
        raise
    return handle


@transaction.atomic
def _record_download(actor: Any, evidence: Evidence, problem: str) -> None:
    after = {"sm3": evidence.sm3, "case": evidence.case_id, "verified": not problem}
    if problem:
        after["problem"] = problem
    ledger.append(actor=actor, action="cases.evidence.download", obj=evidence, after=after)


def transfer_custody(actor: Any, evidence: Evidence, *, recipient: str, reason: str) -> Evidence:
    """Hand the evidence over to another custodian (保管人或单位: 移送公安机关, 送检 …), with the
    reason; the officers handling the case or the head, at any stage of the case."""
    recipient, reason = _text(recipient), _text(reason)
    errors = {
        "recipient": _text_errors(
            recipient, required="请填写接收人（单位）", limit=CUSTODIAN_MAX, label="接收人（单位）"
        ),
        "reason": _text_errors(
            reason, required="请填写移交事由", limit=REASON_MAX, label="移交事由"
        ),
    }
    if recipient and recipient == evidence.custodian:
        errors["recipient"].append("接收人（单位）与现保管人相同")
    require_permission(actor, evidence, CHANGE, HANDLERS_ONLY)
    collect(errors)
    with transaction.atomic():
        locked = Evidence.objects.select_for_update().get(pk=evidence.pk)
        if locked.custodian == recipient:
            raise field_error("recipient", "接收人（单位）与现保管人相同")
        before = {"custodian": locked.custodian}
        locked.custodian = recipient
        locked.save(update_fields=["custodian"])
        ledger.append(
            actor=actor,
            action="cases.evidence.transfer",
            obj=locked,
            before=before,
            after={"custodian": recipient, "reason": reason, "sm3": locked.sm3},
        )
    return locked


# --- reads ---


def custody_trail(evidence: Evidence) -> list[dict[str, Any]]:
    """The evidence's ledger entries, oldest first: its chain of custody (who added, viewed,
    downloaded or transferred it, and when)."""
    found = LedgerEntry.objects.filter(
        object_type="cases.evidence", object_id=str(evidence.pk)
    ).order_by("seq")
    return [
        {
            "entry": e,
            "action": e.action,
            "label": action_label(e.action),
            "at": timezone.localtime(e.created_at),
        }
        for e in found
    ]
