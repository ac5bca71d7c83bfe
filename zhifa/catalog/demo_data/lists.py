"""Published lists of the demo city: the four lists (不予处罚、从轻、减轻、不予强制) of four
bureaus, and 市市场监管局's random-inspection, enterprise-inspection and major-decision lists.

A version is ``(effective_on, note, entries, pending)``; each later version of a list starts from
the entries in force and adds its own (``draft_version`` copies them). ``pending`` leaves the
filing with the justice bureau unanswered, so the bureau has something to review in the demo.

Four-list entries are ``(matter ref or None, title, circumstances, basis, may)``: the circumstances
are keys of :data:`zhifa.catalog.rules.CIRCUMSTANCES`, all of which must hold; ``may`` says the law
allows (可以) rather than requires (应当) the leniency. Other entries are ``(matter ref, attrs)``.
"""

from __future__ import annotations

from datetime import date

from zhifa.catalog.demo_data import (
    COERCION_LAW,
    DISCHARGE_PERMITS,
    EIA,
    FOOD_SAFETY,
    NOISE,
    PENALTIES,
    PRICE,
    PRODUCT_QUALITY,
    REGISTRATION,
    TRADEMARK,
    WORK_SAFETY,
    cite,
)
from zhifa.catalog.models import ListKind

ART_33_1 = cite(PENALTIES, "第三十三条第一款")
ART_33_2 = cite(PENALTIES, "第三十三条第二款")
ART_32_1 = cite(PENALTIES, "第三十二条第（一）项")
ART_32_2 = cite(PENALTIES, "第三十二条第（二）项")
ART_32_3 = cite(PENALTIES, "第三十二条第（三）项")
ART_32_4 = cite(PENALTIES, "第三十二条第（四）项")
COERCION_16 = cite(COERCION_LAW, "第十六条第二款")

FIRST_MINOR_CORRECTED = ["first_violation", "harm_minor", "corrected_in_time"]
MINOR_CORRECTED_NO_HARM = ["minor_violation", "corrected_in_time", "no_harm"]

#: agency key → list kind → versions.
FOUR_LISTS = {
    "scjg": {
        ListKind.NO_PENALTY: [
            (
                date(2024, 1, 1),
                "首次发布",
                [
                    (
                        "fsl-125-flaw",
                        "食品标签、说明书存在瑕疵但不影响食品安全且不会对消费者造成误导，初次违法且危害"
                        "后果轻微并及时改正的",
                        FIRST_MINOR_CORRECTED,
                        f"{ART_33_1}；{cite(FOOD_SAFETY, '第一百二十五条第二款')}",
                        True,
                    ),
                    (
                        "prl-42",
                        "未按规定明码标价，初次违法且危害后果轻微并及时改正的",
                        FIRST_MINOR_CORRECTED,
                        f"{ART_33_1}；{cite(PRICE, '第四十二条')}",
                        True,
                    ),
                    (
                        "reg-46",
                        "住所（经营场所）等登记事项变更后未按规定办理变更登记，违法行为轻微并及时改正，没"
                        "有造成危害后果的",
                        MINOR_CORRECTED_NO_HARM,
                        f"{ART_33_1}；{cite(REGISTRATION, '第四十六条')}",
                        False,
                    ),
                    (
                        "pql-54",
                        "产品标识不规范但不影响产品质量安全，违法行为轻微并及时改正，没有造成危害后果的",
                        MINOR_CORRECTED_NO_HARM,
                        f"{ART_33_1}；{cite(PRODUCT_QUALITY, '第五十四条')}",
                        False,
                    ),
                ],
                False,
            ),
            (
                date(2025, 7, 1),
                "依据市场监管领域轻微违法行为不予行政处罚清单调整，新增2项",
                [
                    (
                        "fsl-126-3",
                        "食品经营者进货查验记录不完整，初次违法且危害后果轻微，在责令改正期限内改正的",
                        FIRST_MINOR_CORRECTED,
                        f"{ART_33_1}；{cite(FOOD_SAFETY, '第一百二十六条第一款第（三）项')}",
                        True,
                    ),
                    (
                        "tml-60",
                        "销售不知道是侵犯注册商标专用权的商品，能证明该商品是自己合法取得并说明提供者的",
                        ["no_fault"],
                        f"{ART_33_2}；{cite(TRADEMARK, '第六十条第二款')}",
                        False,
                    ),
                ],
                True,
            ),
        ],
        ListKind.LIGHTER: [
            (
                date(2025, 1, 1),
                "首次发布",
                [
                    (
                        "fsl-124-5",
                        "主动下架、召回超过保质期的食品，主动消除或者减轻违法行为危害后果的",
                        ["reduced_harm"],
                        ART_32_1,
                        False,
                    ),
                    (
                        "prl-40",
                        "主动向消费者退还多收价款，消除或者减轻违法行为危害后果的",
                        ["reduced_harm"],
                        ART_32_1,
                        False,
                    ),
                    (
                        None,
                        "配合市场监管部门查处违法行为有立功表现的",
                        ["meritorious"],
                        ART_32_4,
                        False,
                    ),
                ],
                False,
            ),
        ],
        ListKind.MITIGATED: [
            (
                date(2025, 1, 1),
                "首次发布",
                [
                    (
                        None,
                        "主动供述市场监管部门尚未掌握的违法行为，并主动消除违法行为危害后果的",
                        ["confessed", "reduced_harm"],
                        ART_32_3,
                        False,
                    ),
                    (
                        "fsl-122",
                        "初次违法，主动停止经营并及时依法取得食品经营许可，危害后果轻微的",
                        ["first_violation", "corrected_in_time", "harm_minor"],
                        ART_32_1,
                        True,
                    ),
                ],
                False,
            ),
        ],
        ListKind.NO_COERCION: [
            (
                date(2025, 1, 1),
                "首次发布",
                [
                    (
                        "fsl-110-4",
                        "涉案食品数量少、货值低，当事人主动停止销售并配合登记封存，违法行为情节显著轻微、没"
                        "有明显社会危害的",
                        ["minor_violation", "no_harm"],
                        f"{COERCION_16}；{cite(FOOD_SAFETY, '第一百一十条')}",
                        True,
                    ),
                    (
                        "pql-18-4",
                        "涉嫌不合格产品已全部下架并主动召回，没有明显社会危害的",
                        ["reduced_harm", "no_harm"],
                        f"{COERCION_16}；{cite(PRODUCT_QUALITY, '第十八条')}",
                        True,
                    ),
                ],
                False,
            ),
        ],
    },
    "sthj": {
        ListKind.NO_PENALTY: [
            (
                date(2025, 1, 1),
                "首次发布",
                [
                    (
                        "eia-31-3",
                        "未依法备案建设项目环境影响登记表，初次违法且危害后果轻微并及时补办备案的",
                        FIRST_MINOR_CORRECTED,
                        f"{ART_33_1}；{cite(EIA, '第三十一条第三款')}",
                        True,
                    ),
                    (
                        "pdp-37",
                        "环境管理台账记录不规范，违法行为轻微并及时改正，没有造成危害后果的",
                        MINOR_CORRECTED_NO_HARM,
                        f"{ART_33_1}；{cite(DISCHARGE_PERMITS, '第三十七条')}",
                        False,
                    ),
                    (
                        "noi-76-1",
                        "未按规定向社会公开工业噪声自行监测结果，初次违法且危害后果轻微并及时改正的",
                        FIRST_MINOR_CORRECTED,
                        f"{ART_33_1}；{cite(NOISE, '第七十六条第（一）项')}",
                        True,
                    ),
                ],
                False,
            ),
        ],
        ListKind.LIGHTER: [
            (
                date(2025, 1, 1),
                "首次发布",
                [
                    (
                        "air-117-1",
                        "主动采取密闭、围挡、覆盖等措施，消除或者减轻扬尘污染的",
                        ["reduced_harm"],
                        ART_32_1,
                        False,
                    ),
                    (
                        None,
                        "受他人胁迫或者诱骗实施环境违法行为的",
                        ["coerced"],
                        ART_32_2,
                        False,
                    ),
                ],
                False,
            ),
        ],
        ListKind.MITIGATED: [
            (
                date(2025, 1, 1),
                "首次发布",
                [
                    (
                        "air-99-2",
                        "超标排放后主动停产整治、消除污染，并主动供述生态环境部门尚未掌握的其他违法行为的",
                        ["reduced_harm", "confessed"],
                        ART_32_3,
                        False,
                    ),
                ],
                False,
            ),
        ],
        ListKind.NO_COERCION: [
            (
                date(2025, 1, 1),
                "首次发布",
                [
                    (
                        "epl-25",
                        "初次超标排放，已主动停止排放并整改，没有造成严重污染的",
                        ["first_violation", "reduced_harm"],
                        COERCION_16,
                        True,
                    ),
                ],
                False,
            ),
        ],
    },
    "cgzf": {
        ListKind.NO_PENALTY: [
            (
                date(2025, 1, 1),
                "首次发布",
                [
                    (
                        "cae-34-2",
                        "初次在城市建筑物、设施上张贴宣传品，及时清除且危害后果轻微的",
                        FIRST_MINOR_CORRECTED,
                        ART_33_1,
                        True,
                    ),
                    (
                        "air-116",
                        "运输车辆轻微遗撒，当场清理完毕，没有造成危害后果的",
                        MINOR_CORRECTED_NO_HARM,
                        ART_33_1,
                        False,
                    ),
                    (
                        "cae-36-2",
                        "临时在公共场地少量堆放物料，经指出立即清理，没有造成危害后果的",
                        MINOR_CORRECTED_NO_HARM,
                        ART_33_1,
                        False,
                    ),
                ],
                False,
            ),
        ],
        ListKind.LIGHTER: [
            (
                date(2025, 1, 1),
                "首次发布",
                [
                    (
                        "air-118-1",
                        "主动安装、修复油烟净化设施，消除或者减轻油烟污染的",
                        ["reduced_harm"],
                        ART_32_1,
                        False,
                    ),
                ],
                False,
            ),
        ],
        ListKind.MITIGATED: [
            (
                date(2025, 1, 1),
                "首次发布",
                [
                    (
                        "urp-64",
                        "初次违法，主动拆除违法建设部分，消除对规划实施影响的",
                        ["first_violation", "reduced_harm"],
                        ART_32_1,
                        False,
                    ),
                ],
                False,
            ),
        ],
        ListKind.NO_COERCION: [
            (
                date(2025, 1, 1),
                "首次发布",
                [
                    (
                        "urp-68",
                        "违法建设已停止施工并自行拆除，没有明显社会危害的",
                        ["corrected_in_time", "no_harm"],
                        COERCION_16,
                        True,
                    ),
                ],
                True,
            ),
        ],
    },
    "yjgl": {
        ListKind.NO_PENALTY: [
            (
                date(2025, 1, 1),
                "首次发布",
                [
                    (
                        "ssl-99-1",
                        "未在有较大危险因素的场所设置明显的安全警示标志，初次违法且危害后果轻微，在责令期限"
                        "内改正的",
                        FIRST_MINOR_CORRECTED,
                        f"{ART_33_1}；{cite(WORK_SAFETY, '第九十九条第（一）项')}",
                        True,
                    ),
                    (
                        "ssl-97-6",
                        "已制定生产安全事故应急救援预案但未按规定定期组织演练，违法行为轻微并及时改正，没有"
                        "造成危害后果的",
                        MINOR_CORRECTED_NO_HARM,
                        f"{ART_33_1}；{cite(WORK_SAFETY, '第九十七条第（六）项')}",
                        False,
                    ),
                ],
                False,
            ),
        ],
        ListKind.LIGHTER: [
            (
                date(2025, 1, 1),
                "首次发布",
                [
                    (
                        "ssl-102",
                        "发现事故隐患后主动采取措施消除或者减轻危害的",
                        ["reduced_harm"],
                        ART_32_1,
                        False,
                    ),
                    (
                        None,
                        "配合应急管理部门查处安全生产违法行为有立功表现的",
                        ["meritorious"],
                        ART_32_4,
                        False,
                    ),
                ],
                False,
            ),
        ],
        ListKind.MITIGATED: [
            (
                date(2025, 1, 1),
                "首次发布",
                [
                    (
                        None,
                        "主动供述应急管理部门尚未掌握的安全生产违法行为，并主动消除事故隐患的",
                        ["confessed", "reduced_harm"],
                        ART_32_3,
                        False,
                    ),
                ],
                False,
            ),
        ],
        ListKind.NO_COERCION: [
            (
                date(2025, 1, 1),
                "首次发布",
                [
                    (
                        "ssl-65-4",
                        "设施、设备存在的问题经当场整改消除，没有明显社会危害的",
                        ["corrected_in_time", "no_harm"],
                        COERCION_16,
                        True,
                    ),
                ],
                False,
            ),
        ],
    },
}

RANDOM = "双随机、一公开：随机抽取检查对象、随机选派执法检查人员，抽查情况及查处结果及时向社会公开"

#: 市市场监管局's other lists: kind → versions of (matter ref, attrs) entries.
SCJG_LISTS = {
    ListKind.RANDOM_INSPECTION: [
        (
            date(2025, 1, 1),
            "2025年度随机抽查事项清单",
            [
                (
                    "fsl-110",
                    {
                        "抽查对象": "食品销售者、餐饮服务提供者",
                        "抽查内容": "许可条件保持、进货查验记录、食品贮存条件、从业人员健康管理、标签标识",
                        "抽查方式": f"{RANDOM}；现场检查",
                        "抽查比例": "不低于5%（信用风险高的提高至10%）",
                        "抽查频次": "每年1次",
                    },
                ),
                (
                    "fsl-87",
                    {
                        "抽查对象": "食品生产经营者",
                        "抽查内容": "食品安全标准规定的污染物、农兽药残留、食品添加剂等指标",
                        "抽查方式": f"{RANDOM}；抽样检验",
                        "抽查比例": "按年度食品安全抽检计划确定",
                        "抽查频次": "每季度1次",
                    },
                ),
                (
                    "pql-15",
                    {
                        "抽查对象": "列入市级产品质量监督抽查目录的工业产品生产、销售企业",
                        "抽查内容": "产品质量是否符合保障人体健康和人身、财产安全的国家标准、行业标准",
                        "抽查方式": f"{RANDOM}；抽样检验",
                        "抽查比例": "不低于3%",
                        "抽查频次": "每年1次",
                    },
                ),
                (
                    "adl-49",
                    {
                        "抽查对象": "广告主、广告经营者、广告发布者",
                        "抽查内容": "广告发布内容是否真实合法，广告业务承接登记、审核、档案管理制度",
                        "抽查方式": f"{RANDOM}；现场检查、网络监测",
                        "抽查比例": "不低于3%",
                        "抽查频次": "每年1次",
                    },
                ),
                (
                    "prl-34",
                    {
                        "抽查对象": "商品零售、餐饮、停车等服务经营者",
                        "抽查内容": "明码标价、价格欺诈等价格行为",
                        "抽查方式": f"{RANDOM}；现场检查",
                        "抽查比例": "不低于3%",
                        "抽查频次": "每年1次",
                    },
                ),
                (
                    "sel-57",
                    {
                        "抽查对象": "电梯、锅炉、压力容器等特种设备使用单位",
                        "抽查内容": "使用登记、定期检验、维护保养记录、作业人员持证情况",
                        "抽查方式": f"{RANDOM}；现场检查",
                        "抽查比例": "不低于5%",
                        "抽查频次": "每年1次",
                    },
                ),
                (
                    "dal-99",
                    {
                        "抽查对象": "药品零售企业、医疗机构药房",
                        "抽查内容": "药品经营质量管理规范执行情况、药品购进验收和储存",
                        "抽查方式": f"{RANDOM}；现场检查",
                        "抽查比例": "不低于5%",
                        "抽查频次": "每年1次",
                    },
                ),
                (
                    "reg-38",
                    {
                        "抽查对象": "在本级登记的企业、农民专业合作社、个体工商户",
                        "抽查内容": "登记事项是否真实、年度报告公示信息是否真实",
                        "抽查方式": f"{RANDOM}；书面检查、实地核查、网络监测",
                        "抽查比例": "企业不低于3%，个体工商户不低于1%",
                        "抽查频次": "每年1次",
                    },
                ),
            ],
            False,
        ),
    ],
    ListKind.ENTERPRISE_INSPECTION: [
        (
            date(2025, 3, 1),
            "涉企行政检查事项清单（规范涉企行政检查）",
            [
                (
                    "fsl-110",
                    {
                        "检查对象": "食品生产经营企业",
                        "检查内容": "食品安全法律法规执行情况",
                        "检查方式": "现场检查；同一企业同一年度由一个部门牵头“综合查一次”",
                        "检查频次": "信用风险低的每年不超过1次，信用风险高的可适当增加",
                    },
                ),
                (
                    "sel-57",
                    {
                        "检查对象": "特种设备生产、经营、使用单位",
                        "检查内容": "特种设备安全技术规范执行情况",
                        "检查方式": "现场检查",
                        "检查频次": "公众聚集场所每年不超过2次，其他每年不超过1次",
                    },
                ),
                (
                    "dal-99",
                    {
                        "检查对象": "药品经营企业",
                        "检查内容": "药品经营质量管理规范执行情况",
                        "检查方式": "现场检查",
                        "检查频次": "每年不超过1次",
                    },
                ),
                (
                    "pql-15",
                    {
                        "检查对象": "工业产品生产企业",
                        "检查内容": "产品质量",
                        "检查方式": "抽样检验，不收取检验费用",
                        "检查频次": "同一产品六个月内不重复抽查",
                    },
                ),
                (
                    "reg-38",
                    {
                        "检查对象": "市场主体",
                        "检查内容": "登记事项、年度报告公示信息",
                        "检查方式": "书面检查、实地核查",
                        "检查频次": "每年不超过1次",
                    },
                ),
            ],
            False,
        ),
    ],
    ListKind.MAJOR_DECISION: [
        (
            date(2024, 6, 1),
            "重大执法决定法制审核目录",
            [
                (
                    "fsl-122",
                    {
                        "认定标准": "拟对法人或者其他组织处十万元以上罚款，或者按货值金额十倍以上处罚款的",
                        "审核机构": "法规科",
                    },
                ),
                (
                    "fsl-124-4",
                    {
                        "认定标准": "拟吊销食品生产经营许可证，或者造成人身健康损害、社会影响较大的",
                        "审核机构": "法规科",
                    },
                ),
                (
                    "fsl-124-5",
                    {
                        "认定标准": "拟吊销食品经营许可证，或者按货值金额处罚款的",
                        "审核机构": "法规科",
                    },
                ),
                (
                    "adl-55",
                    {
                        "认定标准": "拟处一百万元以上罚款、吊销营业执照，或者需要听证的",
                        "审核机构": "法规科",
                    },
                ),
                (
                    "dal-116",
                    {"认定标准": "所有生产、销售假药案件", "审核机构": "法规科"},
                ),
                (
                    "tml-60",
                    {
                        "认定标准": "违法经营额五万元以上，或者涉及多个法律关系、案情疑难复杂的",
                        "审核机构": "法规科",
                    },
                ),
                (
                    "reg-43",
                    {"认定标准": "拟责令关闭停业并处十万元以上罚款的", "审核机构": "法规科"},
                ),
                (
                    "adl-57-1",
                    {"认定标准": "拟吊销营业执照的", "审核机构": "法规科"},
                ),
            ],
            False,
        ),
    ],
}

#: Basis recorded on every major-decision entry (法制审核, 行政处罚法 art. 58).
MAJOR_DECISION_BASIS = cite(PENALTIES, "第五十八条")
