from django.apps import AppConfig

from zhifa.core.declarations import HomePanel, MenuItem


class PortalConfig(AppConfig):
    """The project-level app: composes the menu, the 工作台 and ``seed_demo`` from what the other
    apps declare (:mod:`zhifa.portal.collect`). No app imports it."""

    name = "zhifa.portal"
    label = "portal"
    verbose_name = "门户"

    menu_items = (MenuItem("工作台", "home", order=0),)
    # Enterprises and social supervisors start from what is published (118号: 事前公开).
    home_panels = (
        HomePanel(
            "public_links",
            "zhifa.portal.public.links_summary",
            {
                "enterprise": "portal/home/_public_links.html",
                "social_supervisor": "portal/home/_public_links.html",
            },
            order=5,
        ),
        # The information administrator keeps the agency's records: the imports are at hand.
        HomePanel(
            "imports",
            "zhifa.portal.imports.home_summary",
            {"agency_admin": "portal/home/_imports.html"},
            order=90,
        ),
    )

    def ready(self) -> None:
        # The five-year review counts a matter as used by what the apps above the catalogue
        # declare (cases, inspections, …); the catalogue never imports them.
        from zhifa.catalog import usage
        from zhifa.portal import checks  # noqa: F401  (registers the declarations' checks)
        from zhifa.portal.collect import usage_sources

        for name, source in usage_sources().items():
            usage.register_usage(name, source)
