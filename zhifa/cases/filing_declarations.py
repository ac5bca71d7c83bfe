"""What filings and transfers offer the portal: the filings queue in the menu and the home
to-dos (the agency: filings due; the justice bureau: filings to review). No model imports: the
AppConfig loads before the models."""

from zhifa.core.declarations import HomePanel, MenuItem
from zhifa.org.roles import Role

FILING_MENU = (
    MenuItem(
        "重大处罚备案",
        "filings:queue",
        frozenset({Role.SUPERVISOR, Role.AGENCY_HEAD, Role.OFFICER}),
        order=52,
    ),
)
FILING_PANELS = (
    HomePanel(
        "major_filings",
        "zhifa.cases.filing_home.filings_summary",
        {
            Role.AGENCY_HEAD.value: "cases/filings/_home_agency.html",
            Role.SUPERVISOR.value: "cases/filings/_home_bureau.html",
        },
        order=52,
    ),
)
