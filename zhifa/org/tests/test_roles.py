"""三员分立 and where each role belongs: grant_role and revoke_role (security administrator)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from zhifa.core.models import LedgerEntry
from zhifa.org.models import Agency, Membership, Role, User
from zhifa.org.services import accounts
from zhifa.org.tests.conftest import entries, payload

SEPARATION = "三员分立：系统管理员、安全管理员、审计管理员不得由同一账号兼任"
ADMIN_NOT_BUSINESS = "管理员账号不得同时承担业务角色"


def refused(call, *args, **kwargs) -> dict[str, list[str]]:
    """Run a service expected to refuse; return its field errors, checking nothing was written."""
    memberships, ledger = Membership.objects.count(), LedgerEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        call(*args, **kwargs)
    assert Membership.objects.count() == memberships
    assert LedgerEntry.objects.count() == ledger
    return exc.value.message_dict


@pytest.fixture
def newcomer(demo) -> User:
    return accounts.create_user(
        demo["sysadmin"], username="newcomer", full_name="新人", password="Xinren@2026!"
    )


@pytest.mark.parametrize("role", [Role.SECURITY_ADMIN, Role.AUDIT_ADMIN])
def test_it_refuses_a_second_admin_role_to_the_system_administrator(demo, role):
    errors = refused(accounts.grant_role, demo["secadmin"], demo["sysadmin"], role=role)
    assert errors == {"role": [SEPARATION]}
    assert demo["sysadmin"].memberships.count() == 1


def test_it_refuses_the_system_admin_role_to_the_audit_administrator(demo):
    errors = refused(
        accounts.grant_role, demo["secadmin"], demo["auditadmin"], role=Role.SYSTEM_ADMIN
    )
    assert errors == {"role": [SEPARATION]}


def test_it_keeps_admin_roles_separate_in_the_database_itself(demo):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=demo["sysadmin"], role=Role.AUDIT_ADMIN)
    assert list(demo["sysadmin"].memberships.values_list("role", flat=True)) == ["system_admin"]


def test_it_refuses_a_business_role_to_an_administrator(demo, agencies):
    errors = refused(
        accounts.grant_role,
        demo["secadmin"],
        demo["sysadmin"],
        role=Role.OFFICER,
        agency=agencies["市市场监管局"],
    )
    assert errors == {"role": [ADMIN_NOT_BUSINESS]}


@pytest.mark.parametrize("username", ["scjg_zhang", "qy_demo", "sfj_chen"])
def test_it_refuses_an_admin_role_to_a_user_with_another_role(demo, username):
    errors = refused(accounts.grant_role, demo["secadmin"], demo[username], role=Role.AUDIT_ADMIN)
    assert errors == {"role": [ADMIN_NOT_BUSINESS]}


def test_it_refuses_an_admin_role_inside_an_agency(demo, agencies, newcomer):
    errors = refused(
        accounts.grant_role,
        demo["secadmin"],
        newcomer,
        role=Role.AUDIT_ADMIN,
        agency=agencies["市市场监管局"],
    )
    assert errors == {"agency": ["管理员角色不属于具体执法主体"]}


@pytest.mark.parametrize("username", ["sysadmin", "auditadmin", "scjg_admin", "scjg_wang"])
def test_it_lets_only_the_security_administrator_grant_roles(demo, agencies, newcomer, username):
    grants = len(entries("org.role.grant"))
    with pytest.raises(PermissionDenied, match="只有安全管理员可以分配角色"):
        accounts.grant_role(
            demo[username], newcomer, role=Role.OFFICER, agency=agencies["市市场监管局"]
        )
    assert not newcomer.memberships.exists()
    assert len(entries("org.role.grant")) == grants


def test_it_does_not_let_the_security_administrator_grant_themselves_a_role(demo, agencies):
    with pytest.raises(PermissionDenied):
        accounts.grant_role(demo["secadmin"], demo["secadmin"], role=Role.ENTERPRISE)
    assert demo["secadmin"].memberships.count() == 1


def test_it_puts_supervisors_in_justice_bureaus_only(demo, agencies, newcomer):
    errors = refused(
        accounts.grant_role,
        demo["secadmin"],
        newcomer,
        role=Role.SUPERVISOR,
        agency=agencies["市市场监管局"],
    )
    assert errors == {"agency": ["执法监督人员须属于司法行政部门"]}
    membership = accounts.grant_role(
        demo["secadmin"], newcomer, role=Role.SUPERVISOR, agency=agencies["南山县司法局"]
    )
    assert membership.agency.short_name == "南山县司法局"


@pytest.mark.parametrize(
    "role", [Role.OFFICER, Role.LEGAL_REVIEWER, Role.AGENCY_HEAD, Role.AGENCY_ADMIN]
)
def test_it_needs_an_agency_for_a_business_role(demo, newcomer, role):
    errors = refused(accounts.grant_role, demo["secadmin"], newcomer, role=role)
    assert errors == {"agency": ["该角色须指定所在执法主体"]}


def test_it_keeps_enterprise_users_out_of_agencies(demo, agencies, newcomer):
    errors = refused(
        accounts.grant_role,
        demo["secadmin"],
        newcomer,
        role=Role.ENTERPRISE,
        agency=agencies["市市场监管局"],
    )
    assert errors == {"agency": ["企业用户和社会监督员不属于执法主体"]}


def test_it_needs_the_unit_to_belong_to_the_agency(demo, agencies, newcomer):
    other_unit = agencies["市生态环境局"].units.get(name="执法大队")
    errors = refused(
        accounts.grant_role,
        demo["secadmin"],
        newcomer,
        role=Role.OFFICER,
        agency=agencies["市市场监管局"],
        unit=other_unit,
    )
    assert errors == {"unit": ["科室须属于所选执法主体"]}


def test_it_refuses_the_same_role_twice(demo, agencies):
    errors = refused(
        accounts.grant_role,
        demo["secadmin"],
        demo["scjg_zhang"],
        role=Role.OFFICER,
        agency=agencies["市市场监管局"],
    )
    assert errors == {"role": ["该用户已有此角色"]}


def test_it_refuses_an_unknown_role(demo, newcomer):
    assert refused(accounts.grant_role, demo["secadmin"], newcomer, role="king") == {
        "role": ["请选择角色"]
    }


def test_it_records_a_grant_in_the_ledger(demo, agencies, newcomer):
    unit = agencies["市市场监管局"].units.get(name="执法大队")
    membership = accounts.grant_role(
        demo["secadmin"], newcomer, role=Role.OFFICER, agency=agencies["市市场监管局"], unit=unit
    )
    entry = entries("org.role.grant")[-1]
    assert entry.actor == demo["secadmin"]
    assert (entry.object_type, entry.object_id) == ("org.membership", str(membership.pk))
    after = payload(entry)["after"]
    assert after["user_id"] == newcomer.pk
    assert after["role"] == "officer"
    assert after["agency_id"] == agencies["市市场监管局"].pk
    assert after["unit_id"] == unit.pk
    assert newcomer.has_role(Role.OFFICER)


def test_it_records_a_revoke_in_the_ledger_and_the_role_is_gone(demo):
    officer = demo["scjg_zhang"]
    membership = officer.memberships.get()
    pk = membership.pk
    accounts.revoke_role(demo["secadmin"], membership)
    assert not officer.memberships.exists()
    entry = entries("org.role.revoke")[-1]
    assert entry.actor == demo["secadmin"]
    assert (entry.object_type, entry.object_id) == ("org.membership", str(pk))
    assert payload(entry)["before"]["role"] == "officer"
    assert payload(entry)["before"]["user_id"] == officer.pk
    assert not Agency.objects.visible_to(User.objects.get(pk=officer.pk)).exists()


def test_it_lets_only_the_security_administrator_revoke_roles(demo):
    membership = demo["scjg_zhang"].memberships.get()
    before = len(entries("org.role.revoke"))
    with pytest.raises(PermissionDenied):
        accounts.revoke_role(demo["sysadmin"], membership)
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert len(entries("org.role.revoke")) == before


def test_it_does_not_let_the_security_administrator_revoke_their_own_role(demo):
    membership = demo["secadmin"].memberships.get()
    with pytest.raises(PermissionDenied):
        accounts.revoke_role(demo["secadmin"], membership)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_user_page_revokes_only_roles_of_the_user_shown(client, demo):
    """A role id from another user's record posted to this user's page changes nothing."""
    other = Membership.objects.get(user=demo["scjg_li"])
    client.force_login(demo["secadmin"])
    response = client.post(
        f"/users/{demo['scjg_zhang'].pk}/", {"act": "revoke", "membership": other.pk}
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()
