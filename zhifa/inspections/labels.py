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
    "inspections.checklistresult.enter": "现场检查：登记检查要点",
    "inspections.visitphoto.upload": "现场检查：上传照片",
    "inspections.rating.submit": "事后评价：提交",
}
