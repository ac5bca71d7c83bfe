"""The personas every app's tests speak of: one per role of the demo city, plus an outsider
agency's officer and the anonymous visitor.

``Persona`` says who someone is in words a test reads; the ``personas`` fixture (see
:mod:`zhifa.testing.fixtures`) gives their users from the session's demo city.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from zhifa.org.models import Role, User


@dataclass(frozen=True)
class Persona:
    """A demo-city login: ``key`` names it in tests, ``username`` is its login (None: anonymous),
    ``agency`` the short name of its agency (None: no agency)."""

    key: str
    username: str | None
    role: str | None
    agency: str | None = None


OFFICER = Persona("officer", "scjg_zhang", Role.OFFICER, "市市场监管局")
LEGAL_REVIEWER = Persona("legal_reviewer", "scjg_li", Role.LEGAL_REVIEWER, "市市场监管局")
AGENCY_HEAD = Persona("agency_head", "scjg_wang", Role.AGENCY_HEAD, "市市场监管局")
AGENCY_ADMIN = Persona("agency_admin", "scjg_admin", Role.AGENCY_ADMIN, "市市场监管局")
CITY_SUPERVISOR = Persona("city_supervisor", "sfj_chen", Role.SUPERVISOR, "市司法局")
DISTRICT_SUPERVISOR = Persona("district_supervisor", "dc_sfj_liu", Role.SUPERVISOR, "东城区司法局")
ENTERPRISE = Persona("enterprise", "qy_demo", Role.ENTERPRISE)
SOCIAL_SUPERVISOR = Persona("social_supervisor", "shjd_wu", Role.SOCIAL_SUPERVISOR)
SYSTEM_ADMIN = Persona("system_admin", "sysadmin", Role.SYSTEM_ADMIN)
SECURITY_ADMIN = Persona("security_admin", "secadmin", Role.SECURITY_ADMIN)
AUDIT_ADMIN = Persona("audit_admin", "auditadmin", Role.AUDIT_ADMIN)
OUTSIDER = Persona("outsider", "sthj_xu", Role.OFFICER, "市生态环境局")
ANONYMOUS = Persona("anonymous", None, None)

PERSONAS: tuple[Persona, ...] = (
    OFFICER,
    LEGAL_REVIEWER,
    AGENCY_HEAD,
    AGENCY_ADMIN,
    CITY_SUPERVISOR,
    DISTRICT_SUPERVISOR,
    ENTERPRISE,
    SOCIAL_SUPERVISOR,
    SYSTEM_ADMIN,
    SECURITY_ADMIN,
    AUDIT_ADMIN,
    OUTSIDER,
    ANONYMOUS,
)


class People(dict[str, User]):
    """The demo city's users by username (as the ``demo`` fixture always gave them), and the
    personas by key as attributes: ``people.officer``, ``people.anonymous`` (an AnonymousUser)."""

    def __getattr__(self, key: str) -> User | AnonymousUser:
        for persona in PERSONAS:
            if persona.key == key:
                return AnonymousUser() if persona.username is None else self[persona.username]
        raise AttributeError(key)


def people() -> People:
    """Every user of the database, fresh from it (each test gets its own instances)."""
    return People({u.username: u for u in User.objects.all()})
