from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "zhifa.registry"
    label = "registry"
    verbose_name = "执法人员"

    def ready(self) -> None:
        from zhifa.registry import rules  # noqa: F401  (declares the configurable parameters)
