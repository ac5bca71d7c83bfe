from django.apps import AppConfig

from zhifa.core.declarations import MenuItem


class CoreConfig(AppConfig):
    name = "zhifa.core"
    label = "core"
    verbose_name = "基础"

    # Role values as the pages check them (core knows no app, so not org's ``Role``).
    ledger_actions = {"core.document.issue": "文书：出具"}
    menu_items = (
        MenuItem("节假日数据", "calendar", frozenset({"system_admin"}), order=90),
        MenuItem("业务参数", "parameters", frozenset({"system_admin"}), order=91),
        MenuItem("审计台账", "ledger", frozenset({"audit_admin"}), order=92),
        MenuItem("期限计算", "deadline", order=99),
    )

    def ready(self) -> None:
        from zhifa.core import filestore  # noqa: F401  (declares the size limits of stored files)
