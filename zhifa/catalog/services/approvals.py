"""Approval and filing of the rules an agency makes: list versions and discretion benchmarks.

A rule that binds citizens goes draft → legal review by the agency's legal reviewer (合法性审核,
同意 or 不同意 with reasons) → approval by the agency head after collective discussion (集体讨论:
date, participants, conclusion) → publication → filing with the justice bureau (国办发〔2022〕27号
《关于进一步规范行政裁量权基准制定和管理工作的意见》; 国办发〔2018〕115号; seed 000 (九) benchmarks
are filed, (十) the four lists). A rule takes effect no earlier than its publication (《立法法》
art. 104: no retroactivity; 处罚法 art. 37: the rules in force when the act was done apply).
A filing the bureau returns is corrected by a new version, refiled in one action.

Each function here is the ``run`` of a step of the version-2 tables in
:mod:`zhifa.catalog.workflows` (the engine locks the row, checks roles and guards, and writes the
ledger in the same transaction); the ``*_rule`` functions are what pages and the API call.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from zhifa.catalog.models import (
    ApprovalKind,
    DiscretionBenchmark,
    Filing,
    FilingStatus,
    ListEntry,
    ListVersion,
    RuleApproval,
    RuleStatus,
)
from zhifa.catalog.models.lists import RETURNED_STATES
from zhifa.catalog.services import benchmarks, lists
from zhifa.core import workflow
from zhifa.core.errors import collect, field_error
from zhifa.core.validators import plain_text_errors
from zhifa.org.models import Agency

Rule = ListVersion | DiscretionBenchmark

APPROVAL_RULE = "国办发〔2022〕27号《关于进一步规范行政裁量权基准制定和管理工作的意见》"
NOT_RETROACTIVE_RULE = (
    "《中华人民共和国立法法》第一百零四条、《中华人民共和国行政处罚法》第三十七条"
)
RETURNED_MARK = "已被司法局退回"


def agency_of(rule: Rule) -> Agency:
    return rule.agency if isinstance(rule, ListVersion) else rule.matter.agency


# --- guards ---------------------------------------------------------------------------------


def _effective_on(rule: Rule, data: Mapping[str, Any]) -> date:
    return data.get("effective_on") or rule.effective_on


def not_retroactive(rule: Rule, actor: Any, data: Mapping[str, Any]) -> str | None:
    """A rule cannot take effect before it is published (no retroactivity): its effective date
    is not earlier than the day of publication (today, when publishing)."""
    effective, today = _effective_on(rule, data), timezone.localdate()
    if effective >= today:
        return None
    return (
        f"施行日期{effective:%Y年%m月%d日}早于发布日期{today:%Y年%m月%d日}，"
        "规则不得溯及既往，请确定不早于发布之日的施行日期"
    )


def not_retroactive_draft(rule: Rule, actor: Any, data: Mapping[str, Any]) -> str | None:
    """Submitted for review, a draft already has a date it can still be published by."""
    today = timezone.localdate()
    if rule.effective_on >= today:
        return None
    return (
        f"施行日期{rule.effective_on:%Y年%m月%d日}已过，规则不得溯及既往，"
        "请先修改草稿的施行日期再送审"
    )


def has_content(rule: Rule, actor: Any, data: Mapping[str, Any]) -> str | None:
    """An empty list or a benchmark without grades is not reviewed."""
    if isinstance(rule, ListVersion):
        return lists.has_entries(rule, actor, data)
    return None if rule.grades.exists() else "裁量基准没有任何裁量阶次，不能送审"


def has_bureau(rule: Rule, actor: Any, data: Mapping[str, Any]) -> str | None:
    """Publication files the rule with the justice bureau: there must be one to receive it."""
    bureau = lists.justice_bureau_for(agency_of(rule))
    return None if bureau else "未找到受理报备的司法行政部门"


def filing_returned(filing: Filing, actor: Any, data: Mapping[str, Any]) -> str | None:
    """Only a returned filing is refiled (a corrected version is drafted once)."""
    return None if filing.status == FilingStatus.RETURNED else "只有被退回的报备才能修改后重新报送"


# --- steps ----------------------------------------------------------------------------------


def submit(rule: Rule, actor: Any) -> Rule:
    """The draft goes to the agency's legal review (送法制审核)."""
    rule.status = RuleStatus.SUBMITTED
    rule.save(update_fields=["status"])
    return rule


def _clean_text(field: str, value: Any, *, label: str, required: bool, limit: int) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise field_error(field, f"请填写{label}")
    if len(text) > limit:
        raise field_error(field, f"{label}不能超过{limit}个字")
    problems = plain_text_errors(text, multiline=field == "opinion")
    if problems:
        raise field_error(field, f"{label}{problems[0]}")
    return text


def _record(rule: Rule, actor: Any, **fields: Any) -> RuleApproval:
    subject = {"list_version": rule} if isinstance(rule, ListVersion) else {"benchmark": rule}
    return RuleApproval.objects.create(actor=actor, **subject, **fields)


def review_pass(rule: Rule, actor: Any, *, opinion: str = "") -> RuleApproval:
    """法制审核同意: the opinion is recorded and the draft goes to the agency head."""
    text = _clean_text("opinion", opinion, label="审核意见", required=False, limit=2000)
    rule.status = RuleStatus.REVIEWED
    rule.save(update_fields=["status"])
    return _record(rule, actor, kind=ApprovalKind.LEGAL_REVIEW, agrees=True, opinion=text or "同意")


def review_fail(rule: Rule, actor: Any, *, opinion: str = "") -> RuleApproval:
    """法制审核不同意, with the reasons: the draft returns to the administrator to revise."""
    text = _clean_text("opinion", opinion, label="不同意的理由", required=True, limit=2000)
    rule.status = RuleStatus.DRAFT
    rule.save(update_fields=["status"])
    return _record(rule, actor, kind=ApprovalKind.LEGAL_REVIEW, agrees=False, opinion=text)


def _discussion(data: Mapping[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {"discussed_on": [], "participants": [], "opinion": []}
    discussed_on = data.get("discussed_on")
    if not isinstance(discussed_on, date):
        errors["discussed_on"].append("请填写集体讨论日期")
    elif discussed_on > timezone.localdate():
        errors["discussed_on"].append("集体讨论日期不能晚于今天")
    fields: dict[str, Any] = {"discussed_on": discussed_on}
    for key, label, limit in (("participants", "参加人员", 300), ("opinion", "讨论结论", 2000)):
        try:
            fields[key] = _clean_text(key, data.get(key), label=label, required=True, limit=limit)
        except ValidationError as error:
            errors[key].extend(error.message_dict[key])
    collect(errors)
    return fields


def approve(rule: Rule, actor: Any, **data: Any) -> RuleApproval:
    """The agency head approves after collective discussion (date, participants, conclusion)."""
    fields = _discussion(data)
    rule.status = RuleStatus.APPROVED
    rule.save(update_fields=["status"])
    return _record(rule, actor, kind=ApprovalKind.HEAD_APPROVAL, agrees=True, **fields)


def disapprove(rule: Rule, actor: Any, **data: Any) -> RuleApproval:
    """The collective discussion does not approve: the draft returns to the administrator."""
    fields = _discussion(data)
    rule.status = RuleStatus.DRAFT
    rule.save(update_fields=["status"])
    return _record(rule, actor, kind=ApprovalKind.HEAD_APPROVAL, agrees=False, **fields)


def file(rule: Rule) -> Filing:
    """报备: the published rule is filed with the justice bureau of the agency's region."""
    agency = agency_of(rule)
    subject = {"version": rule} if isinstance(rule, ListVersion) else {"benchmark": rule}
    return Filing.objects.create(
        agency=agency,
        justice_bureau=lists.justice_bureau_for(agency),
        workflow_version=workflow.latest(Filing).version,
        **subject,
    )


def publish(rule: Rule, actor: Any, *, effective_on: date | None = None) -> Filing:
    """Publish the approved rule, on the effective date approved or a later one given now (never
    before today: no retroactivity), and file it with the justice bureau."""
    if effective_on is not None:
        if not isinstance(effective_on, date):
            raise field_error("effective_on", "请填写正确的施行日期")
        rule.effective_on = effective_on
    rule.status, rule.published_at = RuleStatus.PUBLISHED, timezone.now()
    rule.save(update_fields=["status", "published_at", "effective_on"])
    return file(rule)


def refile(filing: Filing, actor: Any, *, effective_on: Any = None, submit: bool = False) -> Rule:
    """Correct a returned filing: the returned version's content becomes a new version (a draft
    to revise, or at once submitted for legal review), which will be filed in its turn."""
    if not isinstance(effective_on, date):
        raise field_error("effective_on", "请填写新版本的施行日期")
    if effective_on < timezone.localdate():
        raise field_error("effective_on", "新版本的施行日期不能早于今天（规则不得溯及既往）")
    old = filing.subject
    agency = agency_of(old)
    note = f"依{filing.justice_bureau.name}退回意见修改（原第{_number(old)}版）"
    if isinstance(old, ListVersion):
        new = workflow.start(
            ListVersion,
            "draft",
            actor,
            agency=agency,
            list_agency=agency,
            kind=old.kind,
            effective_on=effective_on,
            note=note,
            copy_from_current=False,
        )
        ListEntry.objects.bulk_create(
            ListEntry(
                version=new,
                matter=e.matter,
                title=e.title,
                attrs=e.attrs,
                conditions=e.conditions,
                basis=e.basis,
            )
            for e in old.entries.all()
        )
    else:
        content = {**benchmarks.content_of(old), "effective_on": effective_on}
        new = workflow.start(
            DiscretionBenchmark, "draft", actor, agency=agency, matter=old.matter, **content
        )
    new.corrects = filing
    new.save(update_fields=["corrects"])
    filing.status = FilingStatus.REVISING
    filing.save(update_fields=["status"])
    if submit:
        workflow.transition(new, "submit", actor)
    return new


def _number(rule: Rule) -> int:
    return rule.number if isinstance(rule, ListVersion) else rule.version


# --- what pages and the API call -----------------------------------------------------------


def act(rule: Rule, action: str, actor: Any, **data: Any) -> Any:
    """Take an approval step (``submit``, ``review_pass``, ``review_fail``, ``approve``,
    ``disapprove``, ``publish``) on a list version or a benchmark."""
    return workflow.transition(rule, action, actor, **data)


def refile_filing(actor: Any, filing: Filing, *, effective_on: Any, submit: bool = False) -> Rule:
    """The ``refile`` step of the filing table (version 2)."""
    return workflow.transition(filing, "refile", actor, effective_on=effective_on, submit=submit)


# --- reads ----------------------------------------------------------------------------------


def returned_mark(rule: Rule) -> str:
    """ "已被司法局退回" while the rule's filing stands returned and no later version of it has
    been published (and so filed); otherwise empty."""
    filing = Filing.objects.filter(
        Q(version=rule) if isinstance(rule, ListVersion) else Q(benchmark=rule)
    ).first()
    if filing is None or filing.status not in RETURNED_STATES:
        return ""
    if isinstance(rule, ListVersion):
        later = ListVersion.objects.filter(
            agency=rule.agency, kind=rule.kind, number__gt=rule.number, published_at__isnull=False
        )
    else:
        later = DiscretionBenchmark.objects.filter(
            matter=rule.matter, version__gt=rule.version, status=RuleStatus.PUBLISHED
        )
    return "" if later.exists() else RETURNED_MARK
