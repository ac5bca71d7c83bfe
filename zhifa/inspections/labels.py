"""The pre-filing's ledger actions in Chinese (declared on the AppConfig's ``ledger_actions``;
no model imports here: the AppConfig loads before the models)."""

LEDGER_ACTIONS = {
    "inspections.inspection.file": "涉企检查备案：备案",
    "inspections.inspection.submit": "涉企检查备案：提交审批",
    "inspections.inspection.approve": "涉企检查备案：批准",
    "inspections.inspection.refuse": "涉企检查备案：不予批准",
    "inspections.inspection.withdraw": "涉企检查备案：撤回",
    "inspections.inspection.record": "涉企检查备案：现场登记完成",
    "inspections.inspection.close": "涉企检查备案：办结",
    "inspections.inspection.merge": "涉企检查备案：合并为联合检查",
    "inspections.jointoffer.offer": "联合检查撮合：提出撮合",
    "inspections.jointoffer.accept": "联合检查撮合：同意",
    "inspections.jointoffer.decline": "联合检查撮合：谢绝",
    "inspections.jointoffer.lapse": "联合检查撮合：失效",
    "inspections.onsiterecord.open": "现场检查：开始",
    "inspections.onsiterecord.update": "现场检查：登记在场人员、亮证、音像记录和伴随执法意见",
    "inspections.onsiterecord.submit": "现场检查：提交检查结果",
    "inspections.onsiterecord.recheck": "现场检查：登记复查",
    "inspections.referral.take": "移送立案：登记为案件线索",
    "inspections.checklistresult.enter": "现场检查：登记检查要点",
    "inspections.visitphoto.upload": "现场检查：上传照片",
    "inspections.rating.submit": "事后评价：提交",
    "inspections.rating.follow_up": "事后评价：司法行政部门跟进",
}

# Plans and draws (双随机抽查).
LEDGER_ACTIONS.update(
    {
        "inspections.plan.draft": "抽查计划：新建",
        "inspections.plan.revise": "抽查计划：修改",
        "inspections.plan.submit": "抽查计划：提交审批",
        "inspections.plan.approve": "抽查计划：批准",
        "inspections.plan.send_back": "抽查计划：退回修改",
        "inspections.plan.file": "抽查计划：报司法行政部门备案",
        "inspections.plan.handle": "抽查计划：备案审查",
        "inspections.draw.freeze": "双随机抽取：冻结名单并承诺随机种子",
        "inspections.draw.announce": "双随机抽取：公布名单和承诺值",
        "inspections.draw.draw": "双随机抽取：揭示种子并抽取对象",
        "inspections.draw.freeze_inspectors": "双随机抽取：公布检查人员名单和承诺值",
        "inspections.draw.assign": "双随机抽取：抽取检查人员",
        "inspections.draw.publish": "双随机抽取：公开结果",
        "inspections.draw.file_targets": "双随机抽取：按抽取结果生成检查备案",
        "inspections.conflict.create": "回避：登记",
        "inspections.conflict.withdraw": "回避：撤销",
    }
)
