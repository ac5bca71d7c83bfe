"""Rows for the case routes (行政处罚案件): pages and API.

A case of 市市场监管局 is seen by its staff and the city supervisor (404 to everyone else, the
district supervisor included: the bureau is city-level). Its officers, head and legal reviewer
act on it (each step's own role is the table's: the services refuse the rest); its information
administrator and the supervisor read only (403). Leads are recorded, and summary decisions made,
by an officer or head of some agency.
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
SEEN = (SCJG_STAFF, "sfj_chen")
READERS = (SCJG_STAFF, "sfj_chen", "dc_sfj_liu", "sthj_xu")
NOT_READERS = (PUBLIC_USERS, ACCOUNT_ADMINS, "auditadmin")
RECORDERS = ("scjg_zhang", "scjg_wang", "sthj_xu")  # an officer or head somewhere
HANDLERS = ("scjg_zhang", "scjg_wang", "scjg_li")
ONLOOKERS = ("scjg_admin", "sfj_chen")
CASE = "case@scjg"
SUMMARY_CASE = "summary_case@scjg"
#: 当场处罚: an officer or head who is an on-duty officer of the agency (处罚法 art. 52).
DECIDERS = ("scjg_zhang", "sthj_xu")  # the head scjg_wang holds no certificate

ROWS = [
    # Pages
    row("GET", "cases:case_list", None, {200: READERS, 403: NOT_READERS, 302: A}),
    row("GET", "cases:case_export", None, {200: READERS, 403: NOT_READERS, 302: A}),
    row("GET", "cases:case_create", None, {200: RECORDERS, 403: REST, 302: A}),
    row("POST", "cases:case_create", None, {OK: RECORDERS, 403: REST, 302: A}),
    row("GET", "cases:numbering", None, {200: "scjg_admin", 403: REST, 302: A}),
    row("POST", "cases:numbering", None, {OK: "scjg_admin", 403: REST, 302: A}),
    row("GET", "cases:on_spot", None, {200: DECIDERS, 403: REST, 302: A}),
    row("POST", "cases:on_spot", None, {OK: DECIDERS, 403: REST, 302: A}),
    row("GET", "cases:on_spot_collect", SUMMARY_CASE, {405: REST}),
    row(
        "POST",
        "cases:on_spot_collect",
        SUMMARY_CASE,
        {OK: HANDLERS[:2], 403: (HANDLERS[2], ONLOOKERS), 404: REST, 302: A},
    ),
    row("GET", "cases:on_spot_file", SUMMARY_CASE, {405: REST}),
    row(
        "POST",
        "cases:on_spot_file",
        SUMMARY_CASE,
        {OK: HANDLERS[:2], 403: (HANDLERS[2], ONLOOKERS), 404: REST, 302: A},
    ),
    # The head's approvals (only agency heads have them)
    row("GET", "cases:approval_list", None, {200: "scjg_wang", 403: REST, 302: A}),
    row("GET", "cases:approval_export", None, {200: "scjg_wang", 403: REST, 302: A}),
    row("GET", "cases:case_detail", CASE, {200: SEEN, 404: REST, 302: A}),
    row("POST", "cases:case_detail", CASE, {OK: HANDLERS, 403: ONLOOKERS, 404: REST, 302: A}),
    # API
    api("case-list"),
    row("POST", "case-list", None, {OK: RECORDERS, 403: REST, 401: A}),
    row("GET", "case-detail", CASE, {200: SEEN, 404: REST, 401: A}),
    not_allowed("case-act", CASE),
    row("POST", "case-act", CASE, {OK: HANDLERS, 403: ONLOOKERS, 404: REST, 401: A}),
    not_allowed("case-on-spot"),
    row("POST", "case-on-spot", None, {OK: RECORDERS, 403: REST, 401: A}),
    # 接收历史案件: the information administrator only (the take-over step's role)
    not_allowed("case-take-over"),
    row("POST", "case-take-over", None, {OK: "scjg_admin", 403: REST, 401: A}),
]
