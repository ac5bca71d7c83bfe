"""The certificate's workflow table (行政执法证件; seeds 000 (五), 002, 003).

What is stored is only 有效, 收缴 and 注销: suspension (暂扣) and expiry follow from the dates
(``Certificate.state_on``), so suspending and lifting keep the stored state, and expiry needs no
step at all. The annual review (年审) is held for any certificate, ended ones included, for the
years it was in force.
"""

from __future__ import annotations

from zhifa.core import workflow as wf
from zhifa.org.models import Role
from zhifa.org.permissions import agency_roles
from zhifa.registry.models import Certificate, CertificateStatus
from zhifa.registry.services import certificates as services

VALID, COLLECTED, CANCELLED = (
    CertificateStatus.VALID.value,
    CertificateStatus.COLLECTED.value,
    CertificateStatus.CANCELLED.value,
)
KEEPERS = (Role.AGENCY_ADMIN,)
#: 暂扣、收缴、注销 may also be ordered by the supervisors of the agency's region (seed 000 (五)).
KEEPERS_AND_SUPERVISORS = (Role.AGENCY_ADMIN, Role.SUPERVISOR)
SEED_000_5 = "《东港市提升行政执法质量三年行动具体举措》（五）"


def _ended(certificate: Certificate) -> str:
    return f"证件已{certificate.get_status_display()}"


CERTIFICATE = wf.Workflow(
    name="registry.certificate",
    version=1,
    model=Certificate,
    states=dict(CertificateStatus.choices),
    agency_of=lambda certificate: certificate.officer.agency,
    role_check=agency_roles,
    lock_related=("officer__agency__region",),
    steps=(
        wf.Step(
            "issue",
            "发证",
            sources=(wf.INITIAL,),
            target=VALID,
            roles=KEEPERS,
            run=services.issue,
        ),
        wf.Step(
            "suspend",
            "暂扣",
            sources=(VALID,),
            target=None,
            roles=KEEPERS_AND_SUPERVISORS,
            run=services.suspend,
            guards=(
                wf.Guard(
                    services.valid_on_start,
                    field="starts_on",
                    rule=SEED_000_5,
                    needs=("starts_on",),
                ),
            ),
            refusal=lambda c: f"{_ended(c)}，不能暂扣",
            refusal_field="starts_on",
        ),
        wf.Step(
            "lift",
            "发还",
            sources=(VALID,),
            target=None,
            roles=KEEPERS_AND_SUPERVISORS,
            run=services.lift,
            refusal=lambda c: f"{_ended(c)}，不能发还",
            refusal_field="lifted_on",
        ),
        wf.Step(
            "collect",
            "收缴",
            sources=(VALID,),
            target=COLLECTED,
            roles=KEEPERS_AND_SUPERVISORS,
            run=lambda c, actor, *, reason, on: services.end(c, COLLECTED, reason, on),
            refusal=_ended,
            confirm="收缴后证件不能恢复，持证人不得再以该证件执法。确定收缴？",
        ),
        wf.Step(
            "cancel",
            "注销",
            sources=(VALID,),
            target=CANCELLED,
            roles=KEEPERS_AND_SUPERVISORS,
            run=lambda c, actor, *, reason, on: services.end(c, CANCELLED, reason, on),
            refusal=_ended,
            confirm="注销后证件不能恢复，持证人不得再以该证件执法。确定注销？",
        ),
        wf.Step(
            "review",
            "年审",
            sources=(VALID, COLLECTED, CANCELLED),
            target=None,
            roles=KEEPERS,
            run=services.review,
        ),
    ),
)


def register() -> None:
    wf.register(CERTIFICATE)
