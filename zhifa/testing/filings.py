"""Test helpers for enterprise inspections (事前备案), built through the services like every factory:

    matter = listed_matter(agency)                 # on the agency's enterprise-inspection list
    pair = eligible_officers(agency)               # two officers who may enforce today
    inspection = InspectionFactory(state="approved")   # filed, submitted and approved

``InspectionFactory`` files as an officer of the agency (``filer``), submits, and then takes the
steps ``state`` needs (approved: by the agency head; refused, withdrawn, recorded, closed). Windows
start tomorrow unless told, so a filing is never refused for lying in the past, whatever today is.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import factory
import time_machine
from django.utils import timezone

from zhifa.org.models import Agency, Role, User
from zhifa.testing.clock import SHANGHAI
from zhifa.testing.factories import (
    CertificateFactory,
    MatterFactory,
    OfficerFactory,
    PartyFactory,
    UserFactory,
    _ServiceFactory,
    admin_of,
)

ENTERPRISE_LIST_ATTRS = {"检查对象": "市场主体", "检查内容": "测试检查内容", "检查方式": "现场检查"}


def scjg() -> Agency:
    return Agency.objects.get(short_name="市市场监管局")


def listed_matter(agency: Agency | None = None, *, effective_on: date | None = None, **data: Any):
    """A new matter of ``agency`` put on its enterprise-inspection list (a new version in force
    from ``effective_on``, default today, keeping the entries in force)."""
    from zhifa.catalog.models import ListKind, ListVersion
    from zhifa.catalog.services import lists
    from zhifa.core import workflow

    agency = agency or scjg()
    matter = MatterFactory(agency=agency, **data)
    admin = admin_of(agency)
    with workflow.following(ListVersion, 1):  # a list in force before approvals were required
        version = lists.draft_version(
            admin,
            agency,
            kind=ListKind.ENTERPRISE_INSPECTION,
            effective_on=effective_on or timezone.localdate(),
        )
        lists.add_entry(admin, version, matter=matter, attrs=dict(ENTERPRISE_LIST_ATTRS))
        lists.publish_version(admin, version)
    return matter


def eligible_officer(agency: Agency | None = None, **data: Any):
    """An officer on duty with a certificate issued on 2 January of this year (so no annual
    review is due yet, whatever today is) and valid five years."""
    agency = agency or scjg()
    officer = OfficerFactory(agency=agency, **data)
    year = timezone.localdate().year
    CertificateFactory(officer=officer, issued_on=date(year, 1, 2), expires_on=date(year + 5, 1, 1))
    return officer


def eligible_officers(agency: Agency | None = None, n: int = 2) -> list:
    return [eligible_officer(agency) for _ in range(n)]


def member(agency: Agency, role: str) -> User:
    """A user holding ``role`` in ``agency`` (the first one, or a new one)."""
    found = (
        User.objects.filter(memberships__role=role, memberships__agency=agency)
        .order_by("pk")
        .first()
    )
    return found or UserFactory(role=role, agency=agency)


def filer_of(agency: Agency) -> User:
    return member(agency, Role.OFFICER)


def head_of(agency: Agency) -> User:
    return member(agency, Role.AGENCY_HEAD)


_AFTER_SUBMIT = {
    "submitted": (),
    "approved": ("approve",),
    "refused": ("refuse",),
    "withdrawn": ("withdraw",),
    # "record" is the on-site record's submission (an inspection is never recorded without one).
    "recorded": ("approve", "record"),
    "closed": ("approve", "record", "close"),
}


def _officer_user(inspection: Any) -> User:
    """A user among the inspection's officers: the one who records the visit."""
    officer = inspection.officers.filter(user__isnull=False).first()
    if officer is None:
        raise ValueError("a recorded inspection needs an officer with an account (officers=…)")
    return officer.user


def submit_onsite_record(inspection: Any, officer: User) -> Any:
    """The on-site record of ``inspection`` opened, answered and submitted through the visit
    services on the window's first day (the clock moved there when it lies ahead), outcome 未发现
    问题: submitting it records the inspection."""
    from zhifa.core import workflow
    from zhifa.inspections.models import OnSiteRecord
    from zhifa.inspections.services import visits

    with time_machine.travel(
        datetime.combine(inspection.window_start, time(10), tzinfo=SHANGHAI), tick=False
    ):
        record = workflow.start(
            OnSiteRecord, "open", officer, agency=inspection, inspection=inspection
        )
        for n, item in enumerate(record.results.all()):
            visits.enter_result(
                officer,
                record,
                key=f"factory{record.pk}x{n}",
                item=item.pk,
                result="pass",
                entered_at=timezone.now().isoformat(),
            )
        visits.save_details(
            officer, record, badges_shown=True, present="企业负责人", recording_on=True
        )
        return workflow.transition(record, "submit", officer, outcome="no_problem")


class InspectionFactory(_ServiceFactory):
    """A pre-filed inspection of 市市场监管局 (unless ``agency``), in ``state`` (default submitted;
    "draft" is filed but not submitted)."""

    class Meta:
        model = "inspections.Inspection"

    agency = factory.LazyFunction(scjg)
    party = factory.SubFactory(PartyFactory)
    kind = "routine"
    window_start = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=1))
    window_end = factory.LazyAttribute(lambda o: o.window_start + timedelta(days=6))
    basis = "依据《中华人民共和国食品安全法》第一百一十条，检查食品经营者落实食品安全管理制度情况"
    emergency = False
    emergency_reason = ""

    @classmethod
    def _create(
        cls,
        model_class: type,
        agency: Agency,
        state: str = "submitted",
        officers: list | None = None,
        matters: list | None = None,
        filer: User | None = None,
        **kwargs: Any,
    ) -> Any:
        from zhifa.core import workflow
        from zhifa.inspections.services import filings

        if officers is None and "record" in _AFTER_SUBMIT.get(state, ()):
            # The visit is recorded by one of its officers: give them accounts.
            officers = [
                eligible_officer(agency, user=UserFactory(role=Role.OFFICER, agency=agency))
                for _ in range(2)
            ]
        inspection = filings.file_inspection(
            filer or filer_of(agency),
            agency,
            officers=officers if officers is not None else eligible_officers(agency),
            matters=matters if matters is not None else [listed_matter(agency)],
            submit=state != "draft",
            **kwargs,
        )
        for action in _AFTER_SUBMIT.get(state, ()):
            if action == "record":
                submit_onsite_record(inspection, _officer_user(inspection))
                continue
            actor = head_of(agency) if action in ("approve", "refuse") else filer_of(agency)
            data = {"opinion": "检查事项不在本年度检查计划内"} if action == "refuse" else {}
            workflow.transition(inspection, action, actor, **data)
        inspection.refresh_from_db()
        return inspection
