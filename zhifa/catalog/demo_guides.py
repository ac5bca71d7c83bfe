"""Demo 办事指南 and 合规指导清单 of 市市场监管局: service guides with their flow charts for five
licensing and five penalty matters, and two published compliance guides (食品经营, 餐饮服务).

Built through :mod:`zhifa.catalog.services.guides` as the bureau's 信息管理员, so the ledger records
them. Idempotent: a matter that already has a guide, or a compliance guide whose title the bureau
already has, is left as it is. Run after the demo catalogue (:func:`zhifa.catalog.demo.seed`).
"""

from __future__ import annotations

from dataclasses import dataclass

from zhifa.catalog.models import ComplianceGuide, Matter, ServiceGuide
from zhifa.catalog.services import guides
from zhifa.org.models import Agency, Membership, Role, User

HALL = "示范市市民中心行政服务大厅市场监管窗口（示范大道88号一楼）"
LICENSING_PHONE = "12345"
PENALTY_PHONE = "12315"


def _s(title: str, actor: str = "", description: str = "", time_limit: str = "") -> dict:
    return {"title": title, "actor": actor, "description": description, "time_limit": time_limit}


LICENSING_STEPS = [
    _s("申请", "申请人", "通过网上办事大厅或者窗口提交申请材料", ""),
    _s("受理", "窗口工作人员", "材料齐全、符合法定形式的当场受理；不齐全的一次性告知补正", "当场"),
    _s("审查", "审批科室", "对申请材料进行审查，需要现场核查的组织核查", "5个工作日"),
    _s("决定", "市市场监管局", "作出准予或者不予许可的决定，不予许可的说明理由", "2个工作日"),
    _s("送达", "窗口工作人员", "发放许可证件或者不予许可决定书，可选择邮寄", "1个工作日"),
]

PENALTY_STEPS = [
    _s("立案", "执法人员", "发现涉嫌违法行为，经负责人批准立案", "发现线索之日起15个工作日"),
    _s("调查取证", "两名以上执法人员", "出示执法证件，检查、询问、抽样，全程音像记录", ""),
    _s("法制审核", "法规科", "拟作出重大执法决定的，决定前须经法制审核", ""),
    _s(
        "告知",
        "市市场监管局",
        "告知拟作出的处罚内容及事实、理由、依据，当事人可陈述、申辩或申请听证",
        "陈述申辩5个工作日",
    ),
    _s("决定", "市市场监管局负责人", "作出行政处罚决定或者不予处罚决定", "立案之日起90日"),
    _s("送达执行", "执法人员", "送达决定书；当事人可申请行政复议或提起行政诉讼", "7日内送达"),
]


@dataclass(frozen=True)
class Guide:
    matter: str
    conditions: str
    materials: tuple[str, ...]
    time_limit: str
    steps: list[dict]
    fees: str = guides.NO_FEE


LICENSING = [
    Guide(
        "食品生产许可",
        "具有与生产的食品品种、数量相适应的生产场所、设备设施；有专职或者兼职的食品安全管理人员"
        "和保证食品安全的规章制度；有合理的设备布局和工艺流程。",
        (
            "食品生产许可申请书",
            "食品生产设备布局图和食品生产工艺流程图",
            "食品生产主要设备、设施清单",
            "专职或者兼职的食品安全专业技术人员、食品安全管理人员信息和食品安全管理制度",
        ),
        "法定20个工作日，承诺10个工作日",
        LICENSING_STEPS,
    ),
    Guide(
        "食品经营许可",
        "具有与经营的食品品种、数量相适应的经营场所；有食品安全管理人员和规章制度；"
        "有合理的设备布局和工艺流程。",
        (
            "食品经营许可申请书",
            "营业执照或者其他主体资格证明文件",
            "与食品经营相适应的主要设备设施布局、操作流程等文件",
            "食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等保证食品安全的规章制度",
        ),
        "法定10个工作日，承诺5个工作日",
        LICENSING_STEPS,
    ),
    Guide(
        "药品零售企业经营许可",
        "有依法经过资格认定的药师或者其他药学技术人员；有与所经营药品相适应的营业场所、设备、"
        "仓储设施和卫生环境；有保证药品质量的规章制度。",
        (
            "药品经营许可证申请表",
            "营业场所、仓库平面布置图及房屋产权或者使用权证明",
            "执业药师注册证及身份证明",
            "药品质量管理制度文件",
        ),
        "法定30个工作日，承诺15个工作日",
        [
            *LICENSING_STEPS[:3],
            _s("现场检查", "药品监管科", "按药品经营质量管理规范组织现场检查", "10个工作日"),
            *LICENSING_STEPS[3:],
        ],
    ),
    Guide(
        "特种设备使用登记",
        "特种设备投入使用前或者投入使用后三十日内办理；设备已经监督检验或者定期检验合格。",
        (
            "特种设备使用登记表",
            "产品合格证、监督检验证明",
            "使用单位营业执照",
            "安全管理人员、作业人员证书",
        ),
        "承诺当场办结（资料齐全的）",
        [
            LICENSING_STEPS[0],
            LICENSING_STEPS[1],
            _s("登记发证", "特种设备安全监察科", "审核通过的发放使用登记证和登记标志", "当场"),
        ],
    ),
    Guide(
        "市场主体设立、变更、注销登记",
        "申请材料齐全、符合法定形式；名称、住所、经营范围等登记事项符合规定。",
        (
            "登记申请书",
            "申请人主体资格文件或者自然人身份证明",
            "住所或者主要经营场所相关文件",
            "公司、非公司企业法人、农民专业合作社（联合社）章程或者合伙协议",
        ),
        "材料齐全的当场登记；不能当场登记的3个工作日内",
        [
            LICENSING_STEPS[0],
            LICENSING_STEPS[1],
            _s("审查核准", "登记注册科", "", "3个工作日"),
            _s("领取执照", "申请人", "领取纸质营业执照或者下载电子营业执照", ""),
        ],
    ),
]

PENALTY = [
    (
        "对未取得食品生产经营许可从事食品生产经营活动的行政处罚",
        "未取得食品生产经营许可从事食品生产经营活动的。",
    ),
    (
        "对生产经营腐败变质、霉变生虫、混有异物、掺假掺杂或者感官性状异常的食品的行政处罚",
        "生产经营腐败变质、霉变生虫、混有异物、掺假掺杂或者感官性状异常的食品、食品添加剂的。",
    ),
    (
        "对生产经营标注虚假生产日期、保质期或者超过保质期的食品的行政处罚",
        "生产经营标注虚假生产日期、保质期或者超过保质期的食品、食品添加剂的。",
    ),
    (
        "对安排未取得健康证明的人员从事接触直接入口食品工作的行政处罚",
        "食品生产经营者安排未取得健康证明或者患有国务院卫生行政部门规定的有碍食品安全疾病的人员"
        "从事接触直接入口食品工作的。",
    ),
    ("对违反明码标价规定的行政处罚", "经营者不按照规定明码标价的。"),
]

PENALTY_MATERIALS = (
    "当事人身份证明或者营业执照",
    "陈述、申辩意见及相关证据（如有）",
    "听证申请书（要求听证的）",
    "委托代理人的，授权委托书及代理人身份证明",
)

COMPLIANCE = [
    {
        "industry": "食品经营",
        "title": "食品经营者合规指导清单",
        "items": [
            {
                "topic": "许可资质",
                "requirement": "从事食品销售应当依法取得食品经营许可，仅销售预包装食品的应当备案；"
                "许可证件悬挂在经营场所显著位置。",
                "basis": "《中华人民共和国食品安全法》第三十五条",
                "violation": "无证经营、超范围经营、许可证过期未延续",
                "consequence": "没收违法所得和食品，并处五万元以上十万元以下罚款；货值一万元以上的并处"
                "货值金额十倍以上二十倍以下罚款",
            },
            {
                "topic": "进货查验",
                "requirement": "查验供货者的许可证和食品出厂检验合格证或者其他合格证明，如实记录并保存"
                "进货查验记录不少于产品保质期满后六个月。",
                "basis": "《中华人民共和国食品安全法》第五十三条",
                "violation": "未查验供货者资质、未建立进货台账",
                "consequence": "责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款",
            },
            {
                "topic": "过期食品",
                "requirement": "定期检查库存食品，及时清理变质或者超过保质期的食品。",
                "basis": "《中华人民共和国食品安全法》第五十四条",
                "violation": "货架上陈列超过保质期的食品",
                "consequence": "没收违法所得和食品，并处罚款；情节严重的吊销许可证",
            },
            {
                "topic": "标签标识",
                "requirement": "预包装食品标签应当标明名称、规格、生产日期、保质期、生产者名称等事项。",
                "basis": "《中华人民共和国食品安全法》第六十七条",
                "violation": "销售无标签或者标签不符合规定的预包装食品",
                "consequence": "没收违法所得和食品，并处罚款",
            },
        ],
    },
    {
        "industry": "餐饮服务",
        "title": "餐饮服务经营者合规指导清单",
        "items": [
            {
                "topic": "从业人员健康",
                "requirement": "从事接触直接入口食品工作的人员每年进行健康检查，取得健康证明后方可上岗。",
                "basis": "《中华人民共和国食品安全法》第四十五条",
                "violation": "安排未取得健康证明的人员从事接触直接入口食品工作",
                "consequence": "责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款",
            },
            {
                "topic": "餐饮具清洗消毒",
                "requirement": "餐具、饮具和盛放直接入口食品的容器使用前应当洗净、消毒。",
                "basis": "《中华人民共和国食品安全法》第三十三条第一款第（五）项",
                "violation": "餐具未消毒或者消毒不合格",
                "consequence": "责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款",
            },
            {
                "topic": "燃气安全",
                "requirement": "使用燃气的餐饮场所应当安装可燃气体报警装置，并保障其正常使用。",
                "basis": "《中华人民共和国安全生产法》第三十六条第四款",
                "violation": "使用燃气未安装可燃气体报警装置",
                "consequence": "责令限期改正，处五万元以下罚款；逾期未改正的处五万元以上二十万元以下罚款",
            },
            {
                "topic": "明码标价",
                "requirement": "提供菜品和服务应当明码标价，不得在标价之外加价或者收取未标明的费用。",
                "basis": "《中华人民共和国价格法》第十三条",
                "violation": "菜单未标价、收取未标明的服务费",
                "consequence": "责令改正，没收违法所得，可以并处五千元以下罚款",
            },
        ],
    },
]


def _admin(agency: Agency) -> User | None:
    membership = (
        Membership.objects.filter(role=Role.AGENCY_ADMIN, agency=agency)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def seed() -> tuple[int, int]:
    """Add what is missing; return (service guides made, compliance guides made)."""
    agency = Agency.objects.filter(short_name="市市场监管局").first()
    admin = _admin(agency) if agency else None
    if agency is None or admin is None:
        return 0, 0
    made = 0
    specs = [(g.matter, g, LICENSING_PHONE) for g in LICENSING] + [
        (
            name,
            Guide(
                name,
                conditions,
                PENALTY_MATERIALS,
                "自立案之日起九十日内作出处理决定",
                PENALTY_STEPS,
            ),
            PENALTY_PHONE,
        )
        for name, conditions in PENALTY
    ]
    for name, spec, phone in specs:
        matter = Matter.objects.filter(agency=agency, name=name).order_by("pk").first()
        if matter is None or ServiceGuide.objects.filter(matter=matter).exists():
            continue
        guides.save_service_guide(
            admin,
            matter,
            conditions=spec.conditions,
            materials="\n".join(spec.materials),
            time_limit=spec.time_limit,
            fees=spec.fees,
            place=HALL,
            phone=phone,
            steps=[dict(step) for step in spec.steps],
        )
        made += 1
    published = 0
    for spec in COMPLIANCE:
        if ComplianceGuide.objects.filter(agency=agency, title=spec["title"]).exists():
            continue
        guide = guides.save_compliance_guide(
            admin,
            agency,
            industry=spec["industry"],
            title=spec["title"],
            items=[dict(item) for item in spec["items"]],
        )
        guides.publish_compliance_guide(admin, guide)
        published += 1
    return made, published
