"""The grounds of 处罚法 art. 58(1) on which a case needs a legal review before its decision, as the
handling officers record them on the case (each ticked with its reason):

    有下列情形之一，在行政机关负责人作出行政处罚的决定之前，应当由从事行政处罚决定法制审核的
    人员进行法制审核；未经法制审核或者审核未通过的，不得作出决定：
    （一）涉及重大公共利益的；
    （二）直接关系当事人或者第三人重大权益，经过听证程序的；
    （三）案件情况疑难复杂、涉及多个法律关系的；
    （四）法律、法规规定应当进行法制审核的其他情形。

Beside the agency's major-decision list (118号; :func:`zhifa.cases.decision_rules.review_grounds`),
a recorded ground makes the review required: ``submit_decision`` is refused and ``decide`` waits
for a passed review. The grounds are set by the table's ``mark_review_grounds`` step (one
transaction, the case locked, the ledger written by the engine) until the case is decided.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from zhifa.cases.models import Case
from zhifa.cases.services.procedure import note
from zhifa.core import workflow
from zhifa.core.errors import collect

#: (key, the ground as art. 58(1) words it, its item)
GROUNDS: tuple[tuple[str, str, str], ...] = (
    ("public_interest", "涉及重大公共利益", "第五十八条第一款第一项"),
    (
        "major_rights",
        "直接关系当事人或者第三人重大权益，经过听证程序",
        "第五十八条第一款第二项",
    ),
    ("complex", "案件情况疑难复杂、涉及多个法律关系", "第五十八条第一款第三项"),
    ("other_law", "法律、法规规定应当进行法制审核的其他情形", "第五十八条第一款第四项"),
)
LABELS = {key: label for key, label, _ in GROUNDS}
REASON_MAX = 500


def mark_grounds(actor: Any, case: Case, *, grounds: Any) -> Case:
    """Record on ``case`` which art. 58(1) grounds apply, ``{key: reason}`` (the rest: none)."""
    return workflow.transition(case, "mark_review_grounds", actor, grounds=grounds)


def mark(case: Case, actor: Any, *, grounds: Any = None) -> Case:
    """The ``mark_review_grounds`` step: each ticked ground needs its reason; unknown keys are
    refused; an empty mapping clears them."""
    errors: dict[str, list[str]] = {"grounds": []}
    cleaned: dict[str, str] = {}
    if grounds is None:
        grounds = {}
    if not isinstance(grounds, Mapping):
        errors["grounds"].append("法制审核情形的格式不正确")
        collect(errors)
    for key, reason in grounds.items():
        if key not in LABELS:
            errors["grounds"].append(f"没有“{key}”这一法制审核情形")
            continue
        reason = reason.strip() if isinstance(reason, str) else ""
        if not reason:
            errors.setdefault(f"reason_{key}", []).append(f"请写明“{LABELS[key]}”的具体情况")
        elif len(reason) > REASON_MAX:
            errors.setdefault(f"reason_{key}", []).append(f"情况说明不能超过{REASON_MAX}字")
        else:
            cleaned[key] = reason
    collect(errors)
    ordered = {key: cleaned[key] for key, _, _ in GROUNDS if key in cleaned}
    case.review_grounds = ordered
    case.save(update_fields=["review_grounds", "updated_at"])
    text = "；".join(f"{LABELS[k]}：{v}" for k, v in ordered.items()) or "无第五十八条第一款情形"
    note(case, actor, "mark_review_grounds", text)
    return case


def recorded(case: Case) -> list[str]:
    """The recorded grounds in words, each citing its item of art. 58(1)."""
    found = case.review_grounds or {}
    return [
        f"{label}：{found[key]}（行政处罚法{item}）" for key, label, item in GROUNDS if key in found
    ]
