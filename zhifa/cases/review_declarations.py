"""What legal review offers the portal: its menu item and home panels (no model imports: the
AppConfig loads before the models)."""

from zhifa.core.declarations import HomePanel, MenuItem
from zhifa.org.roles import Role

REVIEW_MENU = (
    MenuItem(
        "法制审核",
        "reviews:queue",
        frozenset({Role.LEGAL_REVIEWER, Role.AGENCY_HEAD, Role.OFFICER, Role.SUPERVISOR}),
        order=51,
    ),
)
REVIEW_PANELS = (
    HomePanel(
        "legal_reviews",
        "zhifa.cases.review_home.reviews_summary",
        {
            Role.LEGAL_REVIEWER.value: "cases/reviews/_home_reviewer.html",
            Role.AGENCY_HEAD.value: "cases/reviews/_home_head.html",
        },
        order=51,
    ),
)
