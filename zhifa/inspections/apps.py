from django.apps import AppConfig

from zhifa.core.declarations import DemoSeed, HomePanel, MenuItem, ReferralSource
from zhifa.inspections.labels import LEDGER_ACTIONS
from zhifa.org.roles import BUSINESS_ROLES, Role

_FILINGS = "inspections/home/_filings.html"
_PLANS = "inspections/home/_plans.html"


class InspectionsConfig(AppConfig):
    name = "zhifa.inspections"
    label = "inspections"
    verbose_name = "涉企检查"

    ledger_actions = LEDGER_ACTIONS
    #: A visit's 移送立案, picked up by the cases app as a lead (zhifa.core.referrals).
    referral_source = ReferralSource(
        source="inspection",
        label="检查移送立案",
        open="zhifa.inspections.referrals.open_referrals",
        get="zhifa.inspections.referrals.get_referral",
        take="zhifa.inspections.referrals.take",
    )
    menu_items = (
        MenuItem("抽查计划", "inspections:plan_list", BUSINESS_ROLES | {Role.SUPERVISOR}, order=40),
        MenuItem(
            "涉企检查备案", "inspections:filing_list", BUSINESS_ROLES | {Role.SUPERVISOR}, order=40
        ),
        # On-site records and ratings (事中登记、事后评价).
        MenuItem("今日检查", "visits:visits_today", frozenset({Role.OFFICER}), order=41),
        MenuItem(
            "检查评价",
            "visits:rating_list",
            frozenset({Role.SUPERVISOR, Role.AGENCY_HEAD}),
            order=42,
        ),
        MenuItem("我的检查记录", "visits:my_history", frozenset({Role.ENTERPRISE}), order=41),
    )
    home_panels = (
        HomePanel(
            "filings",
            "zhifa.inspections.views.filings.home_summary",
            {
                Role.OFFICER.value: _FILINGS,
                Role.AGENCY_HEAD.value: _FILINGS,
                Role.SUPERVISOR.value: "inspections/home/_supervisor.html",
            },
            order=40,
        ),
        HomePanel(
            "plans",
            "zhifa.inspections.home.plans_summary",
            {
                Role.OFFICER.value: _PLANS,
                Role.AGENCY_HEAD.value: _PLANS,
                Role.AGENCY_ADMIN.value: _PLANS,
                Role.SUPERVISOR.value: _PLANS,
            },
            order=39,
        ),
        HomePanel(
            "visits",
            "zhifa.inspections.home.visits_summary",
            {
                Role.OFFICER.value: "inspections/home/_visits_officer.html",
                Role.SUPERVISOR.value: "inspections/home/_visits_supervisor.html",
            },
            order=41,
        ),
    )
    demo = DemoSeed("zhifa.inspections.demo.seed_demo", after=("parties", "registry", "catalog"))
    usage_sources = {"inspections": "zhifa.inspections.usage.matters_visited"}

    def ready(self) -> None:
        from zhifa.inspections import (  # noqa: F401
            filing_rules,
            plan_rules,
            visit_rules,
            visit_workflow,
        )
        from zhifa.inspections.workflows import register as register_filings

        register_filings()
        visit_workflow.register()
