"""Ledger actions of legal review and the decision's discretion, in Chinese (merged into the
app's ``LEDGER_ACTIONS``; no model imports here)."""

REVIEW_LEDGER_ACTIONS = {
    "cases.legal_review.request": "法制审核：提请审核",
    "cases.legal_review.opine": "法制审核：出具审核意见",
    "cases.legal_review.object": "法制审核：承办机构提出异议",
    "cases.legal_review.rule": "法制审核：负责人协调",
    "cases.decision.intended": "处罚裁量：录入拟处罚（事先告知）",
    "cases.decision.final": "处罚裁量：录入处罚决定",
    "cases.decision.extend": "办案期限：批准延长",
}
