"""The case page's panels: each part of the case (legal review, decision, deadlines, evidence,
documents …) shows itself on the case page through a row here, so adding a panel never edits the
page's template (``cases/case_detail.html`` includes each panel in ``order``).

A panel is a template included with the page's context (``case``, ``user``, ``actions``) plus
``panel``: what its ``context`` function returns. ``context`` is the dotted path of a function
``(case, user) -> dict`` (imported when the page is shown), or ``""`` for none. ``roles``, when
given, limits who sees it (role values; ``None``: whoever sees the case). A context function reads
through the models' ``restrict(user, action)`` like any page.

Add your panel as one row of :data:`PANELS` (one line each, so two branches adding rows merge
cleanly).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class CasePanel:
    name: str
    title: str
    template: str
    context: str = ""
    order: int = 100
    roles: frozenset[str] | None = None

    def data(self, case: Any, user: Any) -> dict[str, Any] | None:
        """The panel's context; ``None`` when it has nothing to show on this case (not shown)."""
        if not self.context:
            return {}
        function: Callable[[Any, Any], dict[str, Any] | None] = import_string(self.context)
        return function(case, user)


PANELS: tuple[CasePanel, ...] = (
    CasePanel(
        "people",
        "承办人员、当事人和执法事项",
        "cases/panels/_people.html",
        "zhifa.cases.panels.people",
        order=10,
    ),
    CasePanel(
        "evidence",
        "证据",
        "cases/evidence/_panel.html",
        "zhifa.cases.evidence_views.panel_context",
        order=50,
    ),
    CasePanel(
        "deadlines",
        "期限",
        "cases/panels/_deadlines.html",
        "zhifa.cases.deadline_panel.panel_context",
        order=20,
    ),
    CasePanel(
        "review",
        "法制审核与处罚裁量",
        "cases/reviews/_panel.html",
        "zhifa.cases.review_views.panel_context",
        order=60,
    ),
    CasePanel(
        "coercive",
        "行政强制措施",
        "cases/coercive/_panel.html",
        "zhifa.cases.coercive_views.panel_context",
        order=30,
    ),
    CasePanel(
        "filings",
        "重大处罚备案与案件移送",
        "cases/filings/_panel.html",
        "zhifa.cases.filing_views.panel_context",
        order=70,
    ),
    CasePanel(
        "documents",
        "文书",
        "cases/panels/_documents.html",
        "zhifa.cases.document_views.panel_context",
        order=80,
    ),
    CasePanel(
        "appeals",
        "行政复议与行政诉讼",
        "cases/panels/_appeals.html",
        "zhifa.cases.appeal_views.panel_context",
        order=85,
    ),
    CasePanel(
        "execution",
        "送达与执行",
        "cases/execution/_panel.html",
        "zhifa.cases.execution_views.panel_context",
        order=75,
    ),
    CasePanel(
        "on_spot",
        "当场处罚决定",
        "cases/panels/_on_spot.html",
        "zhifa.cases.summary_views.panel_context",
        order=15,
    ),
    CasePanel(
        "trail", "办理过程", "cases/panels/_trail.html", "zhifa.cases.panels.trail", order=90
    ),
)


def panels_for(case: Any, user: Any, roles: set[str]) -> list[tuple[CasePanel, dict[str, Any]]]:
    """The panels ``user`` (holding ``roles``) sees on ``case``'s page, in order, with their data."""
    shown = [p for p in PANELS if p.roles is None or p.roles & roles]
    ordered = sorted(shown, key=lambda p: (p.order, p.name))
    return [(p, data) for p in ordered if (data := p.data(case, user)) is not None]


def people(case: Any, user: Any) -> dict[str, Any]:
    """The case's officers, parties and matters (read with the case: its scope)."""
    return {
        "officers": list(case.officers.select_related("officer")),
        "parties": list(case.parties.select_related("party")),
        "matters": list(case.matters.select_related("matter")),
    }


def trail(case: Any, user: Any) -> dict[str, Any]:
    """The steps taken, with who took them and their opinions."""
    return {"events": list(case.events.select_related("actor"))}
