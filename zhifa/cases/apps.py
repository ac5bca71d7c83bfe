from django.apps import AppConfig

from zhifa.cases.coercive_declarations import COERCIVE_PANELS
from zhifa.cases.execution_declarations import EXECUTION_PANELS
from zhifa.cases.filing_declarations import FILING_MENU, FILING_PANELS
from zhifa.cases.labels import LEDGER_ACTIONS
from zhifa.cases.review_declarations import REVIEW_MENU, REVIEW_PANELS
from zhifa.core.declarations import DemoSeed, HomePanel, Importer, MenuItem, ReferralTaker
from zhifa.org.roles import BUSINESS_ROLES, Role

_CASES = "cases/home/_cases.html"


class CasesConfig(AppConfig):
    name = "zhifa.cases"
    label = "cases"
    verbose_name = "行政处罚案件"

    ledger_actions = LEDGER_ACTIONS
    menu_items = (
        MenuItem("行政处罚案件", "cases:case_list", BUSINESS_ROLES | {Role.SUPERVISOR}, order=50),
        MenuItem("案号规则", "cases:numbering", frozenset({Role.AGENCY_ADMIN}), order=51),
        *REVIEW_MENU,
        *FILING_MENU,
    )
    home_panels = (
        HomePanel(
            "cases",
            "zhifa.cases.views.cases.home_summary",
            {
                Role.OFFICER.value: _CASES,
                Role.AGENCY_HEAD.value: _CASES,
                Role.LEGAL_REVIEWER.value: _CASES,
                Role.SUPERVISOR.value: "cases/home/_cases_supervisor.html",
            },
            order=50,
        ),
        *REVIEW_PANELS,
        *FILING_PANELS,
        *COERCIVE_PANELS,
        *EXECUTION_PANELS,
    )
    demo = DemoSeed("zhifa.cases.demo.seed_demo", after=("parties", "registry", "catalog"))
    usage_sources = {"cases": "zhifa.cases.usage.matters_used"}
    # 接收历史案件: the agency's 信息管理员 brings the cases opened before the platform, from Excel
    # (uploaded on the portal's 数据导入 page itself: the import has no page of its own).
    importers = (
        Importer(
            "cases_taken_over",
            "历史案件",
            frozenset({Role.AGENCY_ADMIN.value}),
            "zhifa.cases.takeover_excel.takeover_template",
            "zhifa.cases.services.takeover_import.import_taken_over_cases",
            "import_upload",
            {"key": "cases_taken_over"},
            order=50,
        ),
    )
    #: Issued documents (文书) belong to cases: seen by whoever sees the case.
    document_owners = ("cases.Case",)
    #: Referrals (a visit's 移送立案) become cases here; their pages link the case for those who
    #: see it (zhifa.core.referrals.case_links).
    referral_taker = ReferralTaker(
        visible="zhifa.cases.referral_cases.visible_cases", url_name="cases:case_detail"
    )

    def ready(self) -> None:
        from zhifa.cases.workflows import register

        register()

        from zhifa.cases.review_workflow import register as register_review

        register_review()

        from zhifa.cases.filing_workflow import register as register_filings

        register_filings()
        from zhifa.cases.coercive_workflow import register as register_coercive

        register_coercive()
