from django.apps import AppConfig

from zhifa.core.declarations import DemoSeed, Importer, MenuItem
from zhifa.org.roles import BUSINESS_ROLES, Role


class PartiesConfig(AppConfig):
    name = "zhifa.parties"
    label = "parties"
    verbose_name = "当事人与监管对象"

    menu_items = (
        MenuItem("当事人", "parties:party_list", BUSINESS_ROLES | {Role.SUPERVISOR}, order=40),
        MenuItem("本企业信息", "parties:party_list", frozenset({Role.ENTERPRISE}), order=40),
    )
    importers = (
        Importer(
            "parties",
            "当事人",
            frozenset({Role.AGENCY_ADMIN.value}),
            "zhifa.parties.excel.parties_template",
            "zhifa.parties.imports.import_parties",
            "parties:party_import",
            order=40,
        ),
    )
    demo = DemoSeed("zhifa.parties.demo.seed_demo", after=("org",))
    ledger_actions = {
        "parties.party.create": "当事人：登记",
        "parties.party.update": "当事人：修改",
        "parties.party.verify": "当事人：登记机关核实统一社会信用代码",
        "parties.party.grade": "当事人：信用分级",
        "parties.party.classify": "当事人：风险分类",
        "parties.account.bind": "企业账号：绑定当事人",
        "parties.account.unbind": "企业账号：解除绑定",
    }
