"""Rows for the org and core routes: sign-in, agencies, users and roles, calendar, ledger."""

from __future__ import annotations

from zhifa.testing.routes import (
    ACCOUNT_ADMINS,
    OK,
    PUBLIC_USERS,
    REST,
    SCJG_STAFF,
    api,
    not_allowed,
    page,
    public,
    row,
)
from zhifa.testing.sweep import ANONYMOUS

A = ANONYMOUS
# 市市场监管局 and its organisation are seen by its staff, the city supervisor and the account
# administrators; the district supervisor, the public users, the audit administrator and another
# agency's officer do not see it.
SCJG_ORG_SEEN = (SCJG_STAFF, "sfj_chen", ACCOUNT_ADMINS)
SCJG_ORG_UNSEEN = ("dc_sfj_liu", PUBLIC_USERS, "auditadmin", "sthj_xu")
# scjg_zhang's account is seen by himself, his head and administrator, the city supervisor and the
# account administrators (not by a colleague without a leading role).
ZHANG_SEEN = ("scjg_zhang", "scjg_wang", "scjg_admin", "sfj_chen", ACCOUNT_ADMINS)
ORG_EDITORS = ("scjg_admin", "sysadmin")  # an agency's own administrator, and the system admin
DENIED_ORG_EDIT = ("scjg_zhang", "scjg_li", "scjg_wang", "sfj_chen", "secadmin")
THREE_ADMINS = ("sysadmin", "secadmin", "auditadmin")
DEADLINE_QUERY = "start=2026-02-09&days=7&unit=working"


def sysadmin_only_write(method: str, route: str, obj: str | None = None):
    return row(method, route, obj, {OK: "sysadmin", 403: REST, 401: A})


ROWS = [
    # Pages
    row("GET", "home", None, {200: REST}),  # anonymous visitors get the public entrance
    row("GET", "login", None, {302: REST, 200: A}),
    row("POST", "login", None, {OK: REST}),
    row("PUT", "login", None, {OK: REST}),  # Django's LoginView takes PUT as POST
    row("GET", "logout", None, {302: REST}),
    row("POST", "logout", None, {OK: REST}),
    page("password_change"),
    row("POST", "password_change", None, {OK: REST, 302: A}),
    page("agency_list"),
    page("agency_export"),
    row("GET", "agency_detail", "agency@scjg", {200: SCJG_ORG_SEEN, 404: REST, 302: A}),
    row(
        "POST",
        "agency_detail",
        "agency@scjg",
        {OK: ORG_EDITORS, 403: DENIED_ORG_EDIT, 404: SCJG_ORG_UNSEEN, 302: A},
    ),
    row("GET", "user_list", None, {200: ACCOUNT_ADMINS, 403: REST, 302: A}),
    row("POST", "user_list", None, {OK: "sysadmin", 403: REST, 302: A}),
    row("GET", "user_detail", "user@scjg_zhang", {200: ACCOUNT_ADMINS, 403: REST, 302: A}),
    row("POST", "user_detail", "user@scjg_zhang", {OK: ACCOUNT_ADMINS, 403: REST, 302: A}),
    # Administrators' password resets: the three administrators see and decide them.
    row("GET", "reset_requests", None, {200: THREE_ADMINS, 403: REST, 302: A}),
    row("POST", "reset_requests", None, {OK: THREE_ADMINS, 403: REST, 302: A}),
    row("GET", "calendar", None, {200: "sysadmin", 403: REST, 302: A}),
    row("POST", "calendar", None, {OK: "sysadmin", 403: REST, 302: A}),
    public("deadline"),
    public("healthz"),
    row("GET", "calendar_notice", "notice@2099", {200: "sysadmin", 403: REST, 302: A}),
    row("POST", "calendar_notice", "notice@2099", {OK: "sysadmin", 403: REST, 302: A}),
    row("GET", "ledger", None, {200: "auditadmin", 403: REST, 302: A}),
    row("GET", "ledger_entry", "ledger@first", {200: "auditadmin", 403: REST, 302: A}),
    row("GET", "ledger_export", None, {200: "auditadmin", 403: REST, 302: A}),
    row("GET", "parameters", None, {200: "sysadmin", 403: REST, 302: A}),
    row("POST", "parameters", None, {OK: "sysadmin", 403: REST, 302: A}),
    # API: sign-in, calendar, ledger, schema
    row("GET", "api-token", None, {405: REST}),
    row("POST", "api-token", None, {OK: REST}),
    # Signing out of the API needs the token itself (a session cannot revoke it).
    row("DELETE", "api-token", None, {401: REST}),
    row("GET", "api-deadline", None, {200: REST}, query=DEADLINE_QUERY),
    row("GET", "api-ledger-verify", None, {200: "auditadmin", 403: REST, 401: A}),
    public("api-schema"),
    public("api-docs"),
    api("api-root"),
    # API: organisation
    api("region-list"),
    sysadmin_only_write("POST", "region-list"),
    api("region-detail", "region@scjg"),
    api("agency-list"),
    sysadmin_only_write("POST", "agency-list"),
    row("GET", "agency-detail", "agency@scjg", {200: SCJG_ORG_SEEN, 404: REST, 401: A}),
    *(
        row(
            method,
            "agency-detail",
            "agency@scjg",
            {OK: ORG_EDITORS, 403: DENIED_ORG_EDIT, 404: SCJG_ORG_UNSEEN, 401: A},
        )
        for method in ("PATCH", "PUT")
    ),
    api("unit-list"),
    row("POST", "unit-list", None, {OK: ORG_EDITORS, 403: REST, 401: A}),
    row("GET", "unit-detail", "unit@scjg", {200: SCJG_ORG_SEEN, 404: REST, 401: A}),
    *(
        row(
            method,
            "unit-detail",
            "unit@scjg",
            {OK: ORG_EDITORS, 403: DENIED_ORG_EDIT, 404: SCJG_ORG_UNSEEN, 401: A},
        )
        for method in ("PATCH", "PUT")
    ),
    # API: accounts and roles
    api("user-list"),
    sysadmin_only_write("POST", "user-list"),
    row("GET", "user-detail", "user@scjg_zhang", {200: ZHANG_SEEN, 404: REST, 401: A}),
    not_allowed("user-active", "user@scjg_zhang"),
    row(
        "POST",
        "user-active",
        "user@scjg_zhang",
        {
            OK: "sysadmin",
            403: ("scjg_zhang", "scjg_wang", "scjg_admin", "sfj_chen", "secadmin"),
            404: REST,
            401: A,
        },
    ),
    api("role-list"),
    row("POST", "role-list", None, {OK: "secadmin", 403: REST, 401: A}),
    row("GET", "role-detail", "role@scjg_zhang", {200: ZHANG_SEEN, 404: REST, 401: A}),
    row(
        "DELETE",
        "role-detail",
        "role@scjg_zhang",
        {
            OK: "secadmin",
            403: ("scjg_zhang", "scjg_wang", "scjg_admin", "sfj_chen", "sysadmin"),
            404: REST,
            401: A,
        },
    ),
    # API: the ledger (audit administrator only) and the calendar data (system administrator)
    row("GET", "ledger-entry-list", None, {200: "auditadmin", 403: REST, 401: A}),
    row("GET", "ledger-entry-detail", "ledger@first", {200: "auditadmin", 403: REST, 401: A}),
    api("calendar-override-list"),
    sysadmin_only_write("POST", "calendar-override-list"),
    not_allowed("calendar-override-detail", "override@first"),
    sysadmin_only_write("DELETE", "calendar-override-detail", "override@first"),
    api("holiday-notice-list"),
    sysadmin_only_write("POST", "holiday-notice-list"),
    api("holiday-notice-detail", "notice@2099"),
    sysadmin_only_write("PATCH", "holiday-notice-detail", "notice@2099"),
    sysadmin_only_write("PUT", "holiday-notice-detail", "notice@2099"),
    not_allowed("holiday-notice-complete", "notice@2099"),
    sysadmin_only_write("POST", "holiday-notice-complete", "notice@2099"),
]
