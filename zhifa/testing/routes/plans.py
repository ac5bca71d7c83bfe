"""Rows for the random-inspection routes: plans, draws, conflicts of interest, public draws.

A plan (and its draw) of 市市场监管局 is seen by that agency's staff and by the supervisors of its
region (the city's, sfj_chen; 东城区's does not supervise a city bureau): 404 for everyone else.
Its officers and information administrator draft (change); its head and administrator draw.
The demo's first plan is a draft and its first draw is frozen; the public sees a draw once its
pools and commitment are announced.
"""

from __future__ import annotations

from zhifa.testing.routes import OK, REST, api, not_allowed, public, row
from zhifa.testing.sweep import ANONYMOUS

A = ANONYMOUS
PLAN_READERS = ("scjg_zhang", "scjg_li", "scjg_wang", "scjg_admin", "sfj_chen")
DRAFTERS = ("scjg_zhang", "scjg_admin")
DRAWERS = ("scjg_wang", "scjg_admin")
#: File the drawn targets (按抽取结果生成备案): the lead agency's officers and head.
FILERS = ("scjg_zhang", "scjg_wang")
#: Hold a role that may read plans at all (business roles anywhere, supervisors).
LIST_READERS = (*PLAN_READERS, "dc_sfj_liu", "sthj_xu")
CONFLICT_READERS = ("scjg_zhang", "scjg_wang", "scjg_admin", "sfj_chen", "dc_sfj_liu", "sthj_xu")

ROWS = [
    # Pages
    row("GET", "inspections:plan_list", None, {200: LIST_READERS, 403: REST, 302: A}),
    row("GET", "inspections:plan_export", None, {200: LIST_READERS, 403: REST, 302: A}),
    row(
        "GET",
        "inspections:plan_create",
        None,
        {200: (*DRAFTERS, "sthj_xu"), 403: REST, 302: A},
    ),
    row("POST", "inspections:plan_create", None, {OK: (*DRAFTERS, "sthj_xu"), 403: REST, 302: A}),
    row("GET", "inspections:plan_detail", "plan@scjg", {200: PLAN_READERS, 404: REST, 302: A}),
    row(
        "POST",
        "inspections:plan_detail",
        "plan@scjg",
        {
            OK: ("scjg_zhang", "scjg_wang", "scjg_admin", "sfj_chen"),
            403: "scjg_li",
            404: REST,
            302: A,
        },
    ),
    row(
        "GET",
        "inspections:plan_edit",
        "plan@scjg",
        {200: DRAFTERS, 403: ("scjg_li", "scjg_wang", "sfj_chen"), 404: REST, 302: A},
    ),
    row(
        "POST",
        "inspections:plan_edit",
        "plan@scjg",
        {OK: DRAFTERS, 403: ("scjg_li", "scjg_wang", "sfj_chen"), 404: REST, 302: A},
    ),
    row("GET", "inspections:draw_detail", "draw@scjg", {200: PLAN_READERS, 404: REST, 302: A}),
    row(
        "POST",
        "inspections:draw_detail",
        "draw@scjg",
        {OK: DRAWERS, 403: ("scjg_zhang", "scjg_li", "sfj_chen"), 404: REST, 302: A},
    ),
    row("GET", "inspections:draw_file_targets", "draw@scjg", {405: REST, 302: A}),
    row(
        "POST",
        "inspections:draw_file_targets",
        "draw@scjg",
        {OK: FILERS, 403: ("scjg_li", "scjg_admin", "sfj_chen"), 404: REST, 302: A},
    ),
    row("GET", "inspections:conflict_list", None, {200: CONFLICT_READERS, 403: REST, 302: A}),
    row("POST", "inspections:conflict_list", None, {OK: DRAWERS, 403: REST, 302: A}),
    # Public pages and the public JSON
    public("public_inspections:plans"),
    public("public_inspections:draw", "public_draw@scjg"),
    public("api-public-draw", "public_draw@scjg"),
    # API
    api("inspection-plan-list"),
    row("POST", "inspection-plan-list", None, {OK: (*DRAFTERS, "sthj_xu"), 403: REST, 401: A}),
    row("GET", "inspection-plan-detail", "plan@scjg", {200: PLAN_READERS, 404: REST, 401: A}),
    not_allowed("inspection-plan-act", "plan_act@scjg"),
    row(
        "POST",
        "inspection-plan-act",
        "plan_act@scjg",
        {OK: DRAFTERS, 403: ("scjg_li", "scjg_wang", "sfj_chen"), 404: REST, 401: A},
    ),
    api("draw-list"),
    row("POST", "draw-list", None, {OK: DRAWERS, 403: REST, 401: A}),
    row("GET", "draw-detail", "draw@scjg", {200: PLAN_READERS, 404: REST, 401: A}),
    not_allowed("draw-act", "draw_act@scjg"),
    row(
        "POST",
        "draw-act",
        "draw_act@scjg",
        {OK: DRAWERS, 403: ("scjg_zhang", "scjg_li", "sfj_chen"), 404: REST, 401: A},
    ),
    not_allowed("draw-file-targets", "draw_act@scjg"),
    row(
        "POST",
        "draw-file-targets",
        "draw_act@scjg",
        {OK: FILERS, 403: ("scjg_li", "scjg_admin", "sfj_chen"), 404: REST, 401: A},
    ),
    api("conflict-list"),
    row("POST", "conflict-list", None, {OK: DRAWERS, 403: REST, 401: A}),
]
