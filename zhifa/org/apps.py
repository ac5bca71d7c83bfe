from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "zhifa.org"
    label = "org"
    verbose_name = "组织与用户"

    def ready(self) -> None:
        from zhifa.org import signals  # noqa: F401
