"""Demo 检查要点 of 市市场监管局's inspection matters (those on its enterprise-inspection list), built
through :mod:`zhifa.catalog.services.checklists` as the bureau's 信息管理员, so the ledger records
them. Idempotent: a matter that already has a checklist is left as it is.
"""

from __future__ import annotations

from zhifa.catalog.models import ChecklistItem, Matter
from zhifa.catalog.services import checklists
from zhifa.org.models import Agency, Membership, Role

FSL = "《中华人民共和国食品安全法》"
SEL = "《中华人民共和国特种设备安全法》"
DAL = "《中华人民共和国药品管理法》"

#: matter name → [(检查要点, 检查依据)]
CHECKLISTS: dict[str, list[tuple[str, str]]] = {
    "对食品生产经营者遵守食品安全法律法规情况的监督检查": [
        ("食品经营许可证在有效期内，并在经营场所显著位置悬挂或者摆放", f"{FSL}第三十五条"),
        ("从业人员取得健康证明后上岗", f"{FSL}第四十五条"),
        ("建立并执行进货查验记录制度，记录和凭证保存期限符合规定", f"{FSL}第五十三条"),
        ("未经营超过保质期或者标注虚假生产日期的食品", f"{FSL}第三十四条"),
        ("食品贮存、加工场所清洁，设施设备定期维护、清洗、校验", f"{FSL}第三十三条"),
        ("建立食品安全自查制度，定期对食品安全状况进行检查评价", f"{FSL}第四十七条"),
    ],
    "对特种设备生产、经营、使用单位的监督检查": [
        ("特种设备办理使用登记，登记标志置于显著位置", f"{SEL}第三十三条"),
        ("建立特种设备安全技术档案", f"{SEL}第三十五条"),
        ("在检验合格有效期届满前一个月申请定期检验", f"{SEL}第四十条"),
        ("特种设备作业人员取得相应资格证书", f"{SEL}第十四条"),
        ("对特种设备进行经常性维护保养和定期自行检查", f"{SEL}第三十九条"),
    ],
    "对药品经营、使用活动的监督检查": [
        ("持有有效的药品经营许可证", f"{DAL}第五十一条"),
        ("执行药品经营质量管理规范", f"{DAL}第五十三条"),
        ("建立并执行进货检查验收制度，购销记录真实完整", f"{DAL}第五十六条、第五十七条"),
        ("处方药凭处方销售，依法配备执业药师", f"{DAL}第五十八条"),
    ],
}


def seed() -> int:
    """Add the missing checklists; return how many matters got one."""
    agency = Agency.objects.filter(short_name="市市场监管局").first()
    membership = (
        Membership.objects.filter(role=Role.AGENCY_ADMIN, agency=agency)
        .select_related("user")
        .order_by("pk")
        .first()
        if agency
        else None
    )
    if membership is None:
        return 0
    made = 0
    for name, items in CHECKLISTS.items():
        for matter in Matter.objects.filter(agency=agency, name=name).order_by("pk"):
            if ChecklistItem.objects.filter(matter=matter).exists():
                continue
            checklists.save_checklist(
                membership.user,
                matter,
                items=[{"text": text, "basis": basis} for text, basis in items],
            )
            made += 1
    return made
