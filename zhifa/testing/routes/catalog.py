"""Rows for the catalogue routes: matters, lists and filings, benchmarks, guides, public pages.

Matters, published list versions, published benchmarks and guides are public: every signed-in
persona sees them, so a write they may not make is 403, not 404. Only the agency's information
administrator (scjg_admin) changes 市市场监管局's catalogue. Filings (报备) are the agency head's,
the administrator's and the receiving justice bureau's business (scope with the action "view").
"""

from __future__ import annotations

from zhifa.testing.routes import OK, REST, api, not_allowed, public, row
from zhifa.testing.sweep import ANONYMOUS

A = ANONYMOUS
ADMIN = "scjg_admin"
OVERSEERS = ("scjg_wang", "scjg_admin", "sfj_chen", "dc_sfj_liu")  # head, admin, supervisors
# 市市场监管局's filings are seen by its head and administrator (who file) and by the city
# supervisor (who receives them); to its officer and legal reviewer they do not exist (404).
FILING_READERS = ("scjg_wang", "scjg_admin", "sfj_chen")
FILERS = ("scjg_wang", "scjg_admin")
AS_OF_QUERY = "agency={agency}&kind={kind}"


def admin_write(method: str, route: str, obj: str | None = None, page: bool = False):
    """A write only 市市场监管局's information administrator may make: 403 to everyone else."""
    return row(method, route, obj, {OK: ADMIN, 403: REST, (302 if page else 401): A})


def admin_page(route: str, obj: str | None = None):
    return row("GET", route, obj, {200: ADMIN, 403: REST, 302: A})


def page(route: str, obj: str | None = None):
    return row("GET", route, obj, {200: REST, 302: A})


ROWS = [
    # Pages
    page("catalog:matter_list"),
    admin_page("catalog:matter_create"),
    admin_write("POST", "catalog:matter_create", page=True),
    page("catalog:matter_detail", "matter@scjg"),
    admin_write("POST", "catalog:matter_detail", "matter@scjg", page=True),
    admin_page("catalog:matter_import"),
    admin_write("POST", "catalog:matter_import", page=True),
    page("catalog:matter_template"),
    page("catalog:matter_export"),
    admin_page("catalog:benchmark_create", "matter@scjg"),
    admin_write("POST", "catalog:benchmark_create", "matter@scjg", page=True),
    # The editor's check takes only posts (405 to a GET, after the sign-in check).
    row("GET", "catalog:benchmark_check", "matter@scjg", {405: REST, 302: A}),
    admin_write("POST", "catalog:benchmark_check", "matter@scjg", page=True),
    # A published version is not edited: its administrator is sent back to it (302).
    row("GET", "catalog:benchmark_edit", "benchmark@scjg", {302: (ADMIN, A), 403: REST}),
    admin_write("POST", "catalog:benchmark_edit", "benchmark@scjg", page=True),
    admin_page("catalog:benchmark_import"),
    admin_write("POST", "catalog:benchmark_import", page=True),
    page("catalog:benchmark_template"),
    page("catalog:benchmark_xlsx", "benchmark@scjg"),
    page("catalog:benchmark_export"),
    page("catalog:list_index"),
    admin_write("POST", "catalog:list_index", page=True),
    page("catalog:list_version", "list@scjg"),
    admin_write("POST", "catalog:list_version", "list@scjg", page=True),
    page("catalog:benchmark_detail", "benchmark@scjg"),
    admin_write("POST", "catalog:benchmark_detail", "benchmark@scjg", page=True),
    row("GET", "catalog:filing_list", None, {200: OVERSEERS, 403: REST, 302: A}),
    row("GET", "catalog:filing_export", None, {200: OVERSEERS, 403: REST, 302: A}),
    row(
        "GET",
        "catalog:filing_detail",
        "filing@scjg",
        {200: FILING_READERS, 404: REST, 302: A},
    ),
    row(
        "POST",
        "catalog:filing_detail",
        "filing@scjg",
        {OK: "sfj_chen", 403: FILERS, 404: REST, 302: A},
    ),
    row("GET", "catalog:review", None, {200: OVERSEERS, 403: REST, 302: A}),
    admin_write("POST", "catalog:review", page=True),
    admin_page("catalog:service_guide_edit", "guided_matter@scjg"),
    admin_write("POST", "catalog:service_guide_edit", "guided_matter@scjg", page=True),
    admin_page("catalog:checklist_edit", "checklisted_matter@scjg"),
    admin_write("POST", "catalog:checklist_edit", "checklisted_matter@scjg", page=True),
    page("catalog:compliance_list"),
    admin_write("POST", "catalog:compliance_list", page=True),
    page("catalog:compliance_detail", "compliance@scjg"),
    admin_write("POST", "catalog:compliance_detail", "compliance@scjg", page=True),
    # Public pages (no sign-in)
    public("public_catalog:matter_list"),
    public("public_catalog:matter_detail", "matter@scjg"),
    public("public_catalog:benchmark_apply", "benchmark@scjg"),
    row("POST", "public_catalog:benchmark_apply", "benchmark@scjg", {OK: REST}),
    public("public_catalog:list_index"),
    public("public_catalog:list_version", "list@scjg"),
    public("public_catalog:list_history", "list_history@scjg"),
    public("public_catalog:compliance_list"),
    public("public_catalog:compliance_detail", "compliance@scjg"),
    public("public_home"),
    public("public_search"),
    public("public:agency_list"),
    public("public:agency_detail", "agency@scjg"),
    public("public:officer_search"),
    # API: matters
    api("matter-list"),
    admin_write("POST", "matter-list"),
    not_allowed("matter-import"),
    admin_write("POST", "matter-import"),
    row("GET", "matter-review", None, {200: OVERSEERS, 403: REST, 401: A}),
    api("matter-detail", "matter@scjg"),
    admin_write("PATCH", "matter-detail", "matter@scjg"),
    # API: lists and filings
    api("list-version-list"),
    admin_write("POST", "list-version-list"),
    row("GET", "list-version-as-of", "list_history@scjg", {200: REST, 401: A}, AS_OF_QUERY),
    api("list-version-detail", "list@scjg"),
    not_allowed("list-version-entries", "list@scjg"),
    admin_write("POST", "list-version-entries", "list@scjg"),
    not_allowed("list-version-publish", "list@scjg"),
    admin_write("POST", "list-version-publish", "list@scjg"),
    api("filing-list"),
    row(
        "GET",
        "filing-detail",
        "filing@scjg",
        {200: FILING_READERS, 404: REST, 401: A},
    ),
    *(
        r
        for action in ("acknowledge", "return")
        for r in (
            not_allowed(f"filing-{action}", "filing@scjg"),
            row(
                "POST",
                f"filing-{action}",
                "filing@scjg",
                {OK: "sfj_chen", 403: FILERS, 404: REST, 401: A},
            ),
        )
    ),
    # Approvals (legal review, collective discussion, publication) and refiling
    *(
        r
        for obj in ("rule_list@scjg", "rule_benchmark@scjg")
        for r in (
            row("GET", "catalog:rule_act", obj, {302: REST}),
            # no action named: refused before anything is read
            row("POST", "catalog:rule_act", obj, {403: REST, 302: A}),
        )
    ),
    row("GET", "catalog:filing_refile", "filing@scjg", {302: (FILING_READERS, A), 404: REST}),
    row(
        "POST",
        "catalog:filing_refile",
        "filing@scjg",
        {OK: ADMIN, 403: ("scjg_wang", "sfj_chen"), 404: REST, 302: A},
    ),
    *(
        r
        for name, obj in (("list-version", "list@scjg"), ("benchmark", "benchmark@scjg"))
        for r in (
            not_allowed(f"{name}-act", obj),
            row(
                "POST",
                f"{name}-act",
                obj,
                {OK: ("scjg_admin", "scjg_li", "scjg_wang"), 403: REST, 401: A},
            ),
            api(f"{name}-approvals", obj),
        )
    ),
    not_allowed("filing-refile", "filing@scjg"),
    row(
        "POST",
        "filing-refile",
        "filing@scjg",
        {OK: ADMIN, 403: ("scjg_wang", "sfj_chen"), 404: REST, 401: A},
    ),
    # API: benchmarks and guides
    api("benchmark-list"),
    admin_write("POST", "benchmark-list"),
    api("benchmark-detail", "benchmark@scjg"),
    admin_write("PATCH", "benchmark-detail", "benchmark@scjg"),
    not_allowed("benchmark-apply", "benchmark@scjg"),
    row("POST", "benchmark-apply", "benchmark@scjg", {OK: REST, 401: A}),
    not_allowed("benchmark-new-version", "benchmark@scjg"),
    admin_write("POST", "benchmark-new-version", "benchmark@scjg"),
    not_allowed("benchmark-publish", "benchmark@scjg"),
    admin_write("POST", "benchmark-publish", "benchmark@scjg"),
    api("service-guide-list"),
    api("service-guide-detail", "service_guide@scjg"),
    api("compliance-guide-list"),
    api("compliance-guide-detail", "compliance@scjg"),
]
