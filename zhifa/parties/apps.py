from django.apps import AppConfig


class PartiesConfig(AppConfig):
    name = "zhifa.parties"
    label = "parties"
    verbose_name = "当事人与监管对象"
    ledger_actions = {
        "parties.party.create": "当事人：登记",
        "parties.party.update": "当事人：修改",
        "parties.party.verify": "当事人：登记机关核实统一社会信用代码",
        "parties.party.grade": "当事人：信用分级",
        "parties.party.classify": "当事人：风险分类",
        "parties.party.import": "当事人：批量导入",
        "parties.account.bind": "企业账号：绑定当事人",
        "parties.account.unbind": "企业账号：解除绑定",
    }
