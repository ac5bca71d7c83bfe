from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "zhifa.registry"
    label = "registry"
    verbose_name = "执法人员"

    def ready(self) -> None:
        from zhifa.org.views.home import PANEL_EXTRAS
        from zhifa.registry import rules  # noqa: F401  (declares the configurable parameters)
        from zhifa.registry.views.oversight import home_summary

        PANEL_EXTRAS["registry"] = home_summary
