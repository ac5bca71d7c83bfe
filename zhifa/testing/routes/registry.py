"""Rows for the registry routes: officers, certificates, training, exams, assessments, Excel.

The objects belong to 市市场监管局 (``@scjg``): its staff and the city supervisor see them; the
district supervisor (东城区 only), the public users, the three administrators (no business data,
三员分立) and another agency's officer do not.
"""

from __future__ import annotations

from zhifa.testing.routes import (
    ACCOUNT_ADMINS,
    OK,
    PUBLIC_USERS,
    REST,
    SCJG_STAFF,
    api,
    not_allowed,
    row,
)
from zhifa.testing.sweep import ANONYMOUS

A = ANONYMOUS
SEEN = (SCJG_STAFF, "sfj_chen")  # who sees 市市场监管局's business data
ADMIN = "scjg_admin"  # 信息管理员: keeps the registry
REGISTRY_READERS = (SCJG_STAFF, "sfj_chen", "dc_sfj_liu", "sthj_xu")  # hold a registry role
NO_REGISTRY = (PUBLIC_USERS, ACCOUNT_ADMINS, "auditadmin")
OVERSEERS = ("scjg_wang", "scjg_admin", "sfj_chen", "dc_sfj_liu")  # head, admin, supervisors
ASSESSORS = ("scjg_wang", "scjg_admin")


def seen_read(route: str, obj: str, page: bool = False):
    return row("GET", route, obj, {200: SEEN, 404: REST, (302 if page else 401): A})


def keeper_write(method: str, route: str, obj: str, keepers=(ADMIN,), page: bool = False):
    """A write on an object of 市市场监管局 that only ``keepers`` may make."""
    others = tuple(p for p in ("scjg_zhang", "scjg_li", "scjg_wang", "scjg_admin", "sfj_chen"))
    denied = tuple(p for p in others if p not in keepers)
    return row(method, route, obj, {OK: keepers, 403: denied, 404: REST, (302 if page else 401): A})


def create(route: str, creators=(ADMIN,), obj: str | None = None, page: bool = False):
    """A create without an object: refused (403) to every persona who may never make one."""
    return row("POST", route, obj, {OK: creators, 403: REST, (302 if page else 401): A})


CERTIFICATE_KEEPERS = (ADMIN, "sfj_chen")  # 暂扣、发还、收缴、注销: the agency and its supervisor
# An agency of 东城区 (东城区城管执法局): seen by both supervisors, by none of 市市场监管局's staff.
DISTRICT_SEEN = ("sfj_chen", "dc_sfj_liu")


def district_read(route: str, obj: str, page: bool = False):
    return row("GET", route, obj, {200: DISTRICT_SEEN, 404: REST, (302 if page else 401): A})


ROWS = [
    # Pages
    row("GET", "registry:officer_list", None, {200: REGISTRY_READERS, 403: REST, 302: A}),
    row("GET", "registry:officer_create", None, {200: ADMIN, 403: REST, 302: A}),
    create("registry:officer_create", page=True),
    seen_read("registry:officer_detail", "officer@scjg", page=True),
    keeper_write("POST", "registry:officer_detail", "officer@scjg", CERTIFICATE_KEEPERS, True),
    # The demo officers have no photo: the photo of one in scope is not found either.
    row("GET", "registry:officer_photo", "officer@scjg", {404: REST, 302: A}),
    row("GET", "registry:staffing", None, {200: OVERSEERS, 403: REST, 302: A}),
    row("GET", "registry:training", None, {200: ADMIN, 403: REST, 302: A}),
    create("registry:training", page=True),
    row("GET", "registry:drill_export", None, {200: ADMIN, 403: REST, 302: A}),
    row("GET", "registry:assessments", None, {200: OVERSEERS, 403: REST, 302: A}),
    create("registry:assessments", ASSESSORS, page=True),
    row("GET", "registry:assessment_export", None, {200: OVERSEERS, 403: REST, 302: A}),
    row("GET", "registry:excel_import", "kind@officers", {200: ADMIN, 403: REST, 302: A}),
    create("registry:excel_import", obj="kind@officers", page=True),
    # A blank template shows nothing of anyone's data.
    row("GET", "registry:excel_template", "kind@officers", {200: REST, 302: A}),
    row(
        "GET", "registry:excel_export", "kind@officers", {200: REGISTRY_READERS, 403: REST, 302: A}
    ),
    district_read("registry:officer_detail", "officer@dc_cgzf", page=True),
    # API: officers
    api("officer-list"),
    create("officer-list"),
    seen_read("officer-detail", "officer@scjg"),
    keeper_write("PATCH", "officer-detail", "officer@scjg"),
    seen_read("officer-eligibility", "officer@scjg"),
    district_read("officer-detail", "officer@dc_cgzf"),
    row(
        "PATCH",
        "officer-detail",
        "officer@dc_cgzf",
        {403: DISTRICT_SEEN, 404: REST, 401: A},  # only that agency's administrator may
    ),
    not_allowed("officer-photo", "officer@scjg"),
    keeper_write("POST", "officer-photo", "officer@scjg"),
    keeper_write("DELETE", "officer-photo", "officer@scjg"),
    not_allowed("officer-transfer", "officer@scjg"),
    keeper_write("POST", "officer-transfer", "officer@scjg"),
    # API: certificates and their annual reviews
    api("certificate-list"),
    create("certificate-list"),
    seen_read("certificate-detail", "certificate@scjg"),
    district_read("certificate-detail", "certificate@dc_cgzf"),
    # The district supervisor may suspend a certificate in 东城区; 市市场监管局's administrator may not.
    row(
        "POST",
        "certificate-suspend",
        "certificate@dc_cgzf",
        {OK: DISTRICT_SEEN, 404: REST, 401: A},
    ),
    *(
        r
        for action in ("suspend", "lift", "collect", "cancel")
        for r in (
            not_allowed(f"certificate-{action}", "certificate@scjg"),
            keeper_write("POST", f"certificate-{action}", "certificate@scjg", CERTIFICATE_KEEPERS),
        )
    ),
    not_allowed("certificate-review", "certificate@scjg"),
    keeper_write("POST", "certificate-review", "certificate@scjg"),
    api("certificate-review-list"),
    seen_read("certificate-review-detail", "review@scjg"),
    # API: training, exams, assessments, staffing, imports
    api("training-record-list"),
    create("training-record-list"),
    not_allowed("training-record-campaign"),
    create("training-record-campaign"),
    seen_read("training-record-detail", "training@scjg"),
    api("exam-list"),
    create("exam-list"),
    seen_read("exam-detail", "exam@scjg"),
    api("indicator-set-list"),
    create("indicator-set-list", ASSESSORS),
    seen_read("indicator-set-detail", "indicators@scjg"),
    api("assessment-list"),
    create("assessment-list", ASSESSORS),
    # An assessment's result is for the assessed officer, the head, the administrator and the
    # supervisors (日常考核): a colleague does not see it.
    row(
        "GET",
        "assessment-detail",
        "assessment@scjg",
        {200: ("scjg_li", "scjg_wang", "scjg_admin", "sfj_chen"), 404: REST, 401: A},
    ),
    api("staffing-list"),
    not_allowed("import-upload", "kind@officers"),
    create("import-upload", obj="kind@officers"),
]
