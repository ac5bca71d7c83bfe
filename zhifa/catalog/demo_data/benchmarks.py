"""Discretion benchmarks (行政处罚裁量权基准) for common violations, one per matter of a field.

Each benchmark gives the statutory range exactly as the penalty article sets it and two to four
grades whose conditions partition the facts (every combination of facts falls in exactly one grade,
numbers being ≥ 0). A grade's fine stays inside the statutory range; where the law fines a multiple
of the goods' value or of the advertising fee (not of illegal income), the grade states the multiple
in ``other_measures`` and leaves the amounts empty. A grade's penalty kinds leave out 罚款: the
evaluation states the fine itself, from the grade's amounts.

A benchmark is published for every agency of its field that holds the matter: the city bureau's
benchmark is applied by the district and county bureaus of the same field.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from zhifa.catalog.demo_data import (
    ADVERTISING,
    AIR,
    CHEMICALS,
    CITY_ROADS,
    FOOD_SAFETY,
    NOISE,
    PRICE,
    REGISTRATION,
    SOLID_WASTE,
    SPECIAL_EQUIPMENT,
    TRADEMARK,
    WATER,
    WORK_SAFETY,
    cite,
)

#: field → (source document, effective date) of its benchmarks.
SOURCES = {
    "market": ("示范市市场监督管理局行政处罚裁量权基准（2025年版）", date(2025, 3, 1)),
    "ecology": ("示范市生态环境局生态环境行政处罚自由裁量基准（2025年版）", date(2025, 3, 1)),
    "safety": ("示范市应急管理局安全生产行政处罚自由裁量基准（2025年版）", date(2025, 4, 1)),
    "urban": ("示范市城市管理综合行政执法行政处罚裁量基准（2025年版）", date(2025, 4, 1)),
}


def c(fact: str, op: str, value: Any) -> dict[str, Any]:
    """One clause: ``c("goods_value", "lt", 10000)``."""
    return {"fact": fact, "op": op, "value": value}


def grade(
    name: str,
    conditions: list[dict],
    kinds: list[str],
    fine: tuple[int, int] | None = None,
    multiple: tuple[str, str] | None = None,
    other: str = "",
) -> dict[str, Any]:
    return {
        "name": name,
        "conditions": conditions,
        "penalty_kinds": kinds,
        "fine_min": fine[0] if fine else None,
        "fine_max": fine[1] if fine else None,
        "multiple_min": multiple[0] if multiple else None,
        "multiple_max": multiple[1] if multiple else None,
        "other_measures": other,
    }


def number(key: str, label: str, unit: str) -> dict[str, Any]:
    return {"key": key, "label": label, "kind": "number", "unit": unit, "choices": []}


def boolean(key: str, label: str) -> dict[str, Any]:
    return {"key": key, "label": label, "kind": "boolean", "unit": "", "choices": []}


def choice(key: str, label: str, choices: list[str]) -> dict[str, Any]:
    return {"key": key, "label": label, "kind": "choice", "unit": "", "choices": choices}


GOODS = number("goods_value", "违法生产经营的食品货值金额", "元")
INCOME = number("illegal_income", "违法所得", "元")
REPEAT = boolean("repeat", "两年内因同类违法行为受过行政处罚")
REFUSED = boolean("refused", "经责令改正拒不改正")
OVERDUE = boolean("overdue", "责令限期改正逾期未改正")
DAYS = number("duration_days", "违法行为持续时间", "天")
SENSITIVE = boolean("sensitive", "位于居民区、学校、医院等环境敏感区域周边")

NOT_REPEAT = c("repeat", "eq", False)
IS_REPEAT = c("repeat", "eq", True)
FOOD_KINDS = ["没收违法所得", "没收违法生产经营的食品"]

HARM = choice("harm", "危害后果", ["未造成健康损害", "造成健康损害", "造成严重健康损害"])


BENCHMARKS: list[dict[str, Any]] = [
    # ---------------------------------------------------------------- 市场监管
    {
        "field": "market",
        "ref": "fsl-122",
        "violation": "未取得食品生产经营许可从事食品生产经营活动",
        "violation_basis": cite(FOOD_SAFETY, "第三十五条第一款"),
        "penalty_basis": cite(FOOD_SAFETY, "第一百二十二条第一款"),
        "statutory_range": "没收违法所得和违法生产经营的食品以及用于违法生产经营的工具、设备、原料等物品；"
        "货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上"
        "二十倍以下罚款",
        "fine_min": 50000,
        "fine_max": 100000,
        "multiple_min": 10,
        "multiple_max": 20,
        "multiple_base": "goods_value",
        "facts": [GOODS, REPEAT],
        "grades": [
            grade(
                "较轻",
                [c("goods_value", "lt", 3000), NOT_REPEAT],
                FOOD_KINDS,
                (50000, 65000),
            ),
            grade(
                "一般",
                [c("goods_value", "ge", 3000), c("goods_value", "lt", 10000), NOT_REPEAT],
                FOOD_KINDS,
                (65000, 85000),
            ),
            grade(
                "严重",
                [c("goods_value", "lt", 10000), IS_REPEAT],
                FOOD_KINDS,
                (85000, 100000),
                other="没收用于违法生产经营的工具、设备、原料等物品",
            ),
            grade(
                "货值一万元以上",
                [c("goods_value", "ge", 10000)],
                FOOD_KINDS,
                multiple=("10", "20"),
                other="两年内再次违法的，不低于货值金额十五倍",
            ),
        ],
    },
    {
        "field": "market",
        "ref": "fsl-124-4",
        "violation": "生产经营腐败变质、霉变生虫、混有异物、掺假掺杂或者感官性状异常的食品",
        "violation_basis": cite(FOOD_SAFETY, "第三十四条"),
        "penalty_basis": cite(FOOD_SAFETY, "第一百二十四条第一款第（四）项"),
        "statutory_range": "没收违法所得和违法生产经营的食品，并可以没收用于违法生产经营的工具、设备、原"
        "料等物品；货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额"
        "十倍以上二十倍以下罚款；情节严重的，吊销许可证",
        "fine_min": 50000,
        "fine_max": 100000,
        "multiple_min": 10,
        "multiple_max": 20,
        "multiple_base": "goods_value",
        "facts": [GOODS, HARM],
        "grades": [
            grade(
                "一般",
                [c("goods_value", "lt", 10000), c("harm", "eq", "未造成健康损害")],
                FOOD_KINDS,
                (50000, 70000),
            ),
            grade(
                "较重",
                [c("goods_value", "lt", 10000), c("harm", "eq", "造成健康损害")],
                FOOD_KINDS,
                (70000, 100000),
            ),
            grade(
                "货值一万元以上",
                [c("goods_value", "ge", 10000), c("harm", "ne", "造成严重健康损害")],
                FOOD_KINDS,
                multiple=("10", "20"),
            ),
            grade(
                "严重",
                [c("harm", "eq", "造成严重健康损害")],
                [*FOOD_KINDS, "吊销许可证"],
                other="按货值金额在法定幅度上限处罚款，吊销许可证；涉嫌犯罪的移送公安机关",
            ),
        ],
    },
    {
        "field": "market",
        "ref": "fsl-124-5",
        "violation": "经营超过保质期的食品",
        "violation_basis": cite(FOOD_SAFETY, "第三十四条第（十）项"),
        "penalty_basis": cite(FOOD_SAFETY, "第一百二十四条第一款第（五）项"),
        "statutory_range": "没收违法所得和违法生产经营的食品，并可以没收用于违法生产经营的工具、设备、原"
        "料等物品；货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额"
        "十倍以上二十倍以下罚款；情节严重的，吊销许可证",
        "fine_min": 50000,
        "fine_max": 100000,
        "multiple_min": 10,
        "multiple_max": 20,
        "multiple_base": "goods_value",
        "facts": [GOODS, REPEAT],
        "grades": [
            grade(
                "较轻",
                [c("goods_value", "lt", 2000), NOT_REPEAT],
                FOOD_KINDS,
                (50000, 65000),
            ),
            grade(
                "一般",
                [c("goods_value", "ge", 2000), c("goods_value", "lt", 10000), NOT_REPEAT],
                FOOD_KINDS,
                (65000, 85000),
            ),
            grade(
                "严重",
                [c("goods_value", "lt", 10000), IS_REPEAT],
                FOOD_KINDS,
                (85000, 100000),
                other="情节严重的，吊销许可证",
            ),
            grade(
                "货值一万元以上",
                [c("goods_value", "ge", 10000)],
                FOOD_KINDS,
                multiple=("10", "20"),
            ),
        ],
    },
    {
        "field": "market",
        "ref": "fsl-125-2",
        "violation": "经营无标签的预包装食品或者标签、说明书不符合规定的食品",
        "violation_basis": cite(FOOD_SAFETY, "第六十七条、第七十一条"),
        "penalty_basis": cite(FOOD_SAFETY, "第一百二十五条第一款第（二）项"),
        "statutory_range": "没收违法所得和违法生产经营的食品，并可以没收用于违法生产经营的工具、设备、原"
        "料等物品；货值金额不足一万元的，并处五千元以上五万元以下罚款；货值金额一万元以上的，并处货值金额"
        "五倍以上十倍以下罚款；情节严重的，责令停产停业，直至吊销许可证",
        "fine_min": 5000,
        "fine_max": 50000,
        "multiple_min": 5,
        "multiple_max": 10,
        "multiple_base": "goods_value",
        "facts": [GOODS, REPEAT],
        "grades": [
            grade(
                "较轻",
                [c("goods_value", "lt", 2000), NOT_REPEAT],
                FOOD_KINDS,
                (5000, 20000),
            ),
            grade(
                "一般",
                [c("goods_value", "ge", 2000), c("goods_value", "lt", 10000), NOT_REPEAT],
                FOOD_KINDS,
                (20000, 40000),
            ),
            grade(
                "较重",
                [c("goods_value", "lt", 10000), IS_REPEAT],
                FOOD_KINDS,
                (40000, 50000),
            ),
            grade(
                "货值一万元以上",
                [c("goods_value", "ge", 10000)],
                FOOD_KINDS,
                multiple=("5", "10"),
                other="情节严重的，责令停产停业，直至吊销许可证",
            ),
        ],
    },
    {
        "field": "market",
        "ref": "fsl-125-flaw",
        "violation": "食品标签、说明书存在瑕疵，经责令改正拒不改正",
        "violation_basis": cite(FOOD_SAFETY, "第六十七条"),
        "penalty_basis": cite(FOOD_SAFETY, "第一百二十五条第二款"),
        "statutory_range": "责令改正；拒不改正的，处二千元以下罚款",
        "fine_min": None,
        "fine_max": 2000,
        "facts": [REFUSED, REPEAT],
        "grades": [
            grade("责令改正", [c("refused", "eq", False)], [], other="责令改正，不予罚款"),
            grade("一般", [c("refused", "eq", True), NOT_REPEAT], [], (500, 1000)),
            grade("较重", [c("refused", "eq", True), IS_REPEAT], [], (1000, 2000)),
        ],
    },
    {
        "field": "market",
        "ref": "fsl-126-3",
        "violation": "食品经营者进货时未查验许可证和相关证明文件，或者未按规定建立并遵守进货查验记录制度",
        "violation_basis": cite(FOOD_SAFETY, "第五十三条"),
        "penalty_basis": cite(FOOD_SAFETY, "第一百二十六条第一款第（三）项"),
        "statutory_range": "责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款；情节严重的，责令"
        "停产停业，直至吊销许可证",
        "fine_min": 5000,
        "fine_max": 50000,
        "facts": [REFUSED, REPEAT],
        "grades": [
            grade("警告", [c("refused", "eq", False)], ["警告"], other="责令改正"),
            grade("一般", [c("refused", "eq", True), NOT_REPEAT], [], (5000, 20000)),
            grade(
                "严重",
                [c("refused", "eq", True), IS_REPEAT],
                [],
                (20000, 50000),
                other="情节严重的，责令停产停业，直至吊销许可证",
            ),
        ],
    },
    {
        "field": "market",
        "ref": "fsl-126-6",
        "violation": "安排未取得健康证明的人员从事接触直接入口食品的工作",
        "violation_basis": cite(FOOD_SAFETY, "第四十五条"),
        "penalty_basis": cite(FOOD_SAFETY, "第一百二十六条第一款第（六）项"),
        "statutory_range": "责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款；情节严重的，责令"
        "停产停业，直至吊销许可证",
        "fine_min": 5000,
        "fine_max": 50000,
        "facts": [REFUSED, number("staff", "未取得健康证明的从业人员人数", "人")],
        "grades": [
            grade("警告", [c("refused", "eq", False)], ["警告"], other="责令改正"),
            grade(
                "一般",
                [c("refused", "eq", True), c("staff", "lt", 3)],
                [],
                (5000, 20000),
            ),
            grade(
                "较重",
                [c("refused", "eq", True), c("staff", "ge", 3)],
                [],
                (20000, 50000),
                other="情节严重的，责令停产停业",
            ),
        ],
    },
    {
        "field": "market",
        "ref": "prl-40",
        "violation": "利用虚假的或者使人误解的价格手段，诱骗消费者或者其他经营者与其进行交易",
        "violation_basis": cite(PRICE, "第十四条第（四）项"),
        "penalty_basis": cite(PRICE, "第四十条第一款"),
        "statutory_range": "责令改正，没收违法所得，可以并处违法所得五倍以下的罚款；没有违法所得的，予以"
        "警告，可以并处罚款；情节严重的，责令停业整顿，或者吊销营业执照",
        "multiple_min": None,
        "multiple_max": "5",
        "facts": [INCOME, REPEAT],
        "grades": [
            grade("无违法所得", [c("illegal_income", "eq", 0)], ["警告"], other="责令改正"),
            grade(
                "较轻",
                [c("illegal_income", "gt", 0), c("illegal_income", "lt", 10000), NOT_REPEAT],
                ["没收违法所得"],
                multiple=("0.5", "2"),
            ),
            grade(
                "一般",
                [c("illegal_income", "ge", 10000), NOT_REPEAT],
                ["没收违法所得"],
                multiple=("2", "4"),
            ),
            grade(
                "严重",
                [c("illegal_income", "gt", 0), IS_REPEAT],
                ["没收违法所得"],
                multiple=("4", "5"),
                other="情节严重的，责令停业整顿，或者吊销营业执照",
            ),
        ],
    },
    {
        "field": "market",
        "ref": "prl-42",
        "violation": "经营者违反明码标价规定",
        "violation_basis": cite(PRICE, "第十三条"),
        "penalty_basis": cite(PRICE, "第四十二条"),
        "statutory_range": "责令改正，没收违法所得，可以并处五千元以下的罚款",
        "fine_min": None,
        "fine_max": 5000,
        "facts": [number("items", "未按规定明码标价的商品或者服务种数", "种"), REPEAT],
        "grades": [
            grade(
                "轻微",
                [c("items", "lt", 5), NOT_REPEAT],
                ["没收违法所得"],
                (0, 1000),
                other="责令改正",
            ),
            grade(
                "一般",
                [c("items", "ge", 5), c("items", "lt", 20), NOT_REPEAT],
                ["没收违法所得"],
                (1000, 3000),
            ),
            grade(
                "较重",
                [c("items", "ge", 20), NOT_REPEAT],
                ["没收违法所得"],
                (3000, 5000),
            ),
            grade("严重", [IS_REPEAT], ["没收违法所得"], (4000, 5000)),
        ],
    },
    {
        "field": "market",
        "ref": "sel-83-1",
        "violation": "使用特种设备未按照规定办理使用登记",
        "violation_basis": cite(SPECIAL_EQUIPMENT, "第三十三条"),
        "penalty_basis": cite(SPECIAL_EQUIPMENT, "第八十三条第（一）项"),
        "statutory_range": "责令限期改正；逾期未改正的，责令停止使用有关特种设备，处一万元以上十万元以下罚款",
        "fine_min": 10000,
        "fine_max": 100000,
        "facts": [OVERDUE, number("units", "未办理使用登记的特种设备数量", "台"), REPEAT],
        "grades": [
            grade("责令改正", [c("overdue", "eq", False)], [], other="责令限期改正，不予罚款"),
            grade(
                "一般",
                [c("overdue", "eq", True), c("units", "lt", 3), NOT_REPEAT],
                [],
                (10000, 30000),
                other="责令停止使用有关特种设备",
            ),
            grade(
                "较重",
                [c("overdue", "eq", True), c("units", "ge", 3), NOT_REPEAT],
                [],
                (30000, 60000),
                other="责令停止使用有关特种设备",
            ),
            grade(
                "严重",
                [c("overdue", "eq", True), IS_REPEAT],
                [],
                (60000, 100000),
                other="责令停止使用有关特种设备",
            ),
        ],
    },
    {
        "field": "market",
        "ref": "tml-60",
        "violation": "侵犯注册商标专用权",
        "violation_basis": cite(TRADEMARK, "第五十七条"),
        "penalty_basis": cite(TRADEMARK, "第六十条第二款"),
        "statutory_range": "责令立即停止侵权行为，没收、销毁侵权商品和主要用于制造侵权商品、伪造注册商标"
        "标识的工具；违法经营额五万元以上的，可以处违法经营额五倍以下的罚款，没有违法经营额或者违法经营额"
        "不足五万元的，可以处二十五万元以下的罚款；五年内实施两次以上商标侵权行为或者有其他严重情节的，从"
        "重处罚",
        "fine_min": None,
        "fine_max": 250000,
        "facts": [
            number("turnover", "违法经营额", "元"),
            boolean("repeat_5y", "五年内实施两次以上商标侵权行为"),
        ],
        "grades": [
            grade(
                "较轻",
                [c("turnover", "lt", 10000), c("repeat_5y", "eq", False)],
                ["没收、销毁侵权商品"],
                (5000, 50000),
            ),
            grade(
                "一般",
                [
                    c("turnover", "ge", 10000),
                    c("turnover", "lt", 50000),
                    c("repeat_5y", "eq", False),
                ],
                ["没收、销毁侵权商品"],
                (50000, 150000),
            ),
            grade(
                "从重",
                [c("turnover", "lt", 50000), c("repeat_5y", "eq", True)],
                ["没收、销毁侵权商品"],
                (150000, 250000),
            ),
            grade(
                "经营额五万元以上",
                [c("turnover", "ge", 50000)],
                ["没收、销毁侵权商品"],
                other="处违法经营额五倍以下的罚款；五年内实施两次以上商标侵权行为的，从重处罚",
            ),
        ],
    },
    {
        "field": "market",
        "ref": "adl-55",
        "violation": "发布虚假广告",
        "violation_basis": cite(ADVERTISING, "第四条、第二十八条"),
        "penalty_basis": cite(ADVERTISING, "第五十五条第一款"),
        "statutory_range": "责令停止发布广告，责令广告主在相应范围内消除影响，处广告费用三倍以上五倍以下的"
        "罚款，广告费用无法计算或者明显偏低的，处二十万元以上一百万元以下的罚款；两年内有三次以上违法行为"
        "或者有其他严重情节的，处广告费用五倍以上十倍以下的罚款，广告费用无法计算或者明显偏低的，处一百万"
        "元以上二百万元以下的罚款，可以吊销营业执照",
        "fine_min": 200000,
        "fine_max": 2000000,
        "facts": [
            boolean("fee_known", "广告费用可以计算且不明显偏低"),
            boolean("serious", "两年内有三次以上违法行为或者有其他严重情节"),
        ],
        "grades": [
            grade(
                "一般（按广告费用）",
                [c("fee_known", "eq", True), c("serious", "eq", False)],
                [],
                other="处广告费用三倍以上五倍以下的罚款；责令广告主在相应范围内消除影响",
            ),
            grade(
                "一般（费用无法计算）",
                [c("fee_known", "eq", False), c("serious", "eq", False)],
                [],
                (200000, 1000000),
                other="责令广告主在相应范围内消除影响",
            ),
            grade(
                "严重（按广告费用）",
                [c("fee_known", "eq", True), c("serious", "eq", True)],
                [],
                other="处广告费用五倍以上十倍以下的罚款，可以吊销营业执照",
            ),
            grade(
                "严重（费用无法计算）",
                [c("fee_known", "eq", False), c("serious", "eq", True)],
                [],
                (1000000, 2000000),
                other="可以吊销营业执照",
            ),
        ],
    },
    {
        "field": "market",
        "ref": "reg-43",
        "violation": "未经设立登记从事经营活动",
        "violation_basis": cite(REGISTRATION, "第三条"),
        "penalty_basis": cite(REGISTRATION, "第四十三条"),
        "statutory_range": "责令改正，没收违法所得；拒不改正的，处1万元以上10万元以下的罚款；情节严重的，"
        "依法责令关闭停业，并处10万元以上50万元以下的罚款",
        "fine_min": 10000,
        "fine_max": 500000,
        "facts": [
            REFUSED,
            DAYS,
            boolean("serious", "情节严重（危害人体健康、存在重大安全隐患等）"),
        ],
        "grades": [
            grade(
                "责令改正",
                [c("refused", "eq", False), c("serious", "eq", False)],
                ["没收违法所得"],
                other="责令改正",
            ),
            grade(
                "一般",
                [
                    c("refused", "eq", True),
                    c("serious", "eq", False),
                    c("duration_days", "lt", 180),
                ],
                ["没收违法所得"],
                (10000, 50000),
            ),
            grade(
                "较重",
                [
                    c("refused", "eq", True),
                    c("serious", "eq", False),
                    c("duration_days", "ge", 180),
                ],
                ["没收违法所得"],
                (50000, 100000),
            ),
            grade(
                "严重",
                [c("serious", "eq", True)],
                ["没收违法所得", "责令关闭停业"],
                (100000, 500000),
            ),
        ],
    },
    # ---------------------------------------------------------------- 生态环境
    {
        "field": "ecology",
        "ref": "air-108-1",
        "violation": "产生含挥发性有机物废气的生产和服务活动，未在密闭空间或者设备中进行，未按照规定安装、"
        "使用污染防治设施",
        "violation_basis": cite(AIR, "第四十五条"),
        "penalty_basis": cite(AIR, "第一百零八条第（一）项"),
        "statutory_range": "责令改正，处二万元以上二十万元以下的罚款；拒不改正的，责令停产整治",
        "fine_min": 20000,
        "fine_max": 200000,
        "facts": [DAYS, REPEAT],
        "grades": [
            grade("较轻", [c("duration_days", "lt", 30), NOT_REPEAT], [], (20000, 50000)),
            grade(
                "一般",
                [c("duration_days", "ge", 30), c("duration_days", "lt", 90), NOT_REPEAT],
                [],
                (50000, 100000),
            ),
            grade("较重", [c("duration_days", "ge", 90), NOT_REPEAT], [], (100000, 150000)),
            grade(
                "严重",
                [IS_REPEAT],
                [],
                (150000, 200000),
                other="拒不改正的，责令停产整治",
            ),
        ],
    },
    {
        "field": "ecology",
        "ref": "air-117-1",
        "violation": "未密闭煤炭、水泥、石灰、砂土等易产生扬尘的物料，或者未设置严密围挡、未采取有效覆盖",
        "violation_basis": cite(AIR, "第七十二条第一款"),
        "penalty_basis": cite(AIR, "第一百一十七条第（一）项、第（二）项"),
        "statutory_range": "责令改正，处一万元以上十万元以下的罚款；拒不改正的，责令停工整治或者停业整治",
        "fine_min": 10000,
        "fine_max": 100000,
        "facts": [number("area", "未密闭或者未覆盖的物料堆放面积", "平方米"), SENSITIVE],
        "grades": [
            grade(
                "较轻",
                [c("area", "lt", 500), c("sensitive", "eq", False)],
                [],
                (10000, 30000),
            ),
            grade(
                "一般",
                [c("area", "ge", 500), c("area", "lt", 2000), c("sensitive", "eq", False)],
                [],
                (30000, 60000),
            ),
            grade(
                "较重",
                [c("area", "ge", 2000), c("sensitive", "eq", False)],
                [],
                (60000, 80000),
            ),
            grade(
                "严重",
                [c("sensitive", "eq", True)],
                [],
                (80000, 100000),
                other="拒不改正的，责令停工整治或者停业整治",
            ),
        ],
    },
    {
        "field": "ecology",
        "ref": "air-99-2",
        "violation": "超过大气污染物排放标准排放大气污染物",
        "violation_basis": cite(AIR, "第十八条"),
        "penalty_basis": cite(AIR, "第九十九条第（二）项"),
        "statutory_range": "责令改正或者限制生产、停产整治，并处十万元以上一百万元以下的罚款；情节严重的，"
        "报经有批准权的人民政府批准，责令停业、关闭",
        "fine_min": 100000,
        "fine_max": 1000000,
        "facts": [number("exceed_multiple", "主要污染物超标倍数", "倍"), REPEAT],
        "grades": [
            grade(
                "较轻",
                [c("exceed_multiple", "lt", 0.5), NOT_REPEAT],
                [],
                (100000, 300000),
            ),
            grade(
                "一般",
                [c("exceed_multiple", "ge", 0.5), c("exceed_multiple", "lt", 2), NOT_REPEAT],
                [],
                (300000, 600000),
                other="责令限制生产",
            ),
            grade(
                "较重",
                [c("exceed_multiple", "ge", 2), NOT_REPEAT],
                [],
                (600000, 800000),
                other="责令停产整治",
            ),
            grade(
                "严重",
                [IS_REPEAT],
                [],
                (800000, 1000000),
                other="报经有批准权的人民政府批准，责令停业、关闭",
            ),
        ],
    },
    {
        "field": "ecology",
        "ref": "wat-83-2",
        "violation": "超过水污染物排放标准排放水污染物",
        "violation_basis": cite(WATER, "第十条"),
        "penalty_basis": cite(WATER, "第八十三条第（二）项"),
        "statutory_range": "责令改正或者责令限制生产、停产整治，并处十万元以上一百万元以下的罚款；情节严重的，"
        "报经有批准权的人民政府批准，责令停业、关闭",
        "fine_min": 100000,
        "fine_max": 1000000,
        "facts": [
            number("exceed_multiple", "主要污染物超标倍数", "倍"),
            boolean("sensitive_water", "排入饮用水水源保护区上游等敏感水体"),
        ],
        "grades": [
            grade(
                "较轻",
                [c("exceed_multiple", "lt", 0.5), c("sensitive_water", "eq", False)],
                [],
                (100000, 300000),
            ),
            grade(
                "一般",
                [
                    c("exceed_multiple", "ge", 0.5),
                    c("exceed_multiple", "lt", 2),
                    c("sensitive_water", "eq", False),
                ],
                [],
                (300000, 600000),
                other="责令限制生产",
            ),
            grade(
                "较重",
                [c("exceed_multiple", "ge", 2), c("sensitive_water", "eq", False)],
                [],
                (600000, 800000),
                other="责令停产整治",
            ),
            grade(
                "严重",
                [c("sensitive_water", "eq", True)],
                [],
                (800000, 1000000),
                other="责令停产整治；情节严重的，报经有批准权的人民政府批准，责令停业、关闭",
            ),
        ],
    },
    {
        "field": "ecology",
        "ref": "wat-83-3",
        "violation": "通过暗管、渗井、渗坑或者不正常运行水污染防治设施等逃避监管的方式排放水污染物",
        "violation_basis": cite(WATER, "第三十九条"),
        "penalty_basis": cite(WATER, "第八十三条第（三）项"),
        "statutory_range": "责令改正或者责令限制生产、停产整治，并处十万元以上一百万元以下的罚款；情节严重的，"
        "报经有批准权的人民政府批准，责令停业、关闭",
        "fine_min": 100000,
        "fine_max": 1000000,
        "facts": [
            choice(
                "method",
                "逃避监管的方式",
                ["不正常运行水污染防治设施", "私设暗管或者利用渗井、渗坑", "篡改、伪造监测数据"],
            ),
            DAYS,
        ],
        "grades": [
            grade(
                "一般",
                [c("method", "eq", "不正常运行水污染防治设施"), c("duration_days", "lt", 30)],
                [],
                (100000, 400000),
            ),
            grade(
                "较重",
                [c("method", "eq", "不正常运行水污染防治设施"), c("duration_days", "ge", 30)],
                [],
                (400000, 700000),
                other="责令停产整治",
            ),
            grade(
                "严重",
                [c("method", "in", ["私设暗管或者利用渗井、渗坑", "篡改、伪造监测数据"])],
                [],
                (700000, 1000000),
                other="责令停产整治；依法移送公安机关对直接责任人员予以拘留",
            ),
        ],
    },
    {
        "field": "ecology",
        "ref": "swl-112-13",
        "violation": "未按照国家有关规定建立危险废物管理台账并如实记录",
        "violation_basis": cite(SOLID_WASTE, "第七十八条第一款"),
        "penalty_basis": cite(SOLID_WASTE, "第一百一十二条第一款第（十三）项、第二款"),
        "statutory_range": "责令改正，处十万元以上一百万元以下的罚款，没收违法所得；情节严重的，报经有批准权"
        "的人民政府批准，可以责令停业或者关闭",
        "fine_min": 100000,
        "fine_max": 1000000,
        "facts": [number("waste_tons", "年产生危险废物数量", "吨"), REPEAT],
        "grades": [
            grade("较轻", [c("waste_tons", "lt", 10), NOT_REPEAT], [], (100000, 200000)),
            grade(
                "一般",
                [c("waste_tons", "ge", 10), c("waste_tons", "lt", 100), NOT_REPEAT],
                [],
                (200000, 500000),
            ),
            grade("较重", [c("waste_tons", "ge", 100), NOT_REPEAT], [], (500000, 800000)),
            grade(
                "严重",
                [IS_REPEAT],
                [],
                (800000, 1000000),
                other="情节严重的，报经有批准权的人民政府批准，可以责令停业或者关闭",
            ),
        ],
    },
    {
        "field": "ecology",
        "ref": "noi-75",
        "violation": "超过噪声排放标准排放工业噪声",
        "violation_basis": cite(NOISE, "第三十六条"),
        "penalty_basis": cite(NOISE, "第七十五条"),
        "statutory_range": "责令改正或者限制生产、停产整治，并处二万元以上二十万元以下的罚款；情节严重的，"
        "报经有批准权的人民政府批准，责令停业、关闭",
        "fine_min": 20000,
        "fine_max": 200000,
        "facts": [
            number("exceed_db", "厂界噪声超标值", "分贝"),
            boolean("night", "夜间超标排放"),
        ],
        "grades": [
            grade(
                "较轻",
                [c("exceed_db", "lt", 5), c("night", "eq", False)],
                [],
                (20000, 50000),
            ),
            grade(
                "一般",
                [c("exceed_db", "ge", 5), c("exceed_db", "lt", 10), c("night", "eq", False)],
                [],
                (50000, 100000),
            ),
            grade(
                "较重",
                [c("exceed_db", "ge", 10), c("night", "eq", False)],
                [],
                (100000, 150000),
                other="责令限制生产",
            ),
            grade(
                "严重",
                [c("night", "eq", True)],
                [],
                (150000, 200000),
                other="责令停产整治",
            ),
        ],
    },
    # ---------------------------------------------------------------- 安全生产
    {
        "field": "safety",
        "ref": "ssl-97-3",
        "violation": "未按照规定对从业人员、被派遣劳动者、实习学生进行安全生产教育和培训",
        "violation_basis": cite(WORK_SAFETY, "第二十八条"),
        "penalty_basis": cite(WORK_SAFETY, "第九十七条第（三）项"),
        "statutory_range": "责令限期改正，处十万元以下的罚款；逾期未改正的，责令停产停业整顿，并处十万元以上"
        "二十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款",
        "fine_min": None,
        "fine_max": 200000,
        "facts": [OVERDUE, number("untrained", "未经安全生产教育和培训的人数", "人")],
        "grades": [
            grade(
                "较轻",
                [c("overdue", "eq", False), c("untrained", "lt", 5)],
                [],
                (10000, 30000),
                other="责令限期改正",
            ),
            grade(
                "一般",
                [c("overdue", "eq", False), c("untrained", "ge", 5), c("untrained", "lt", 20)],
                [],
                (30000, 60000),
                other="责令限期改正",
            ),
            grade(
                "较重",
                [c("overdue", "eq", False), c("untrained", "ge", 20)],
                [],
                (60000, 100000),
                other="责令限期改正",
            ),
            grade(
                "严重（逾期未改正）",
                [c("overdue", "eq", True)],
                ["责令停产停业整顿"],
                (100000, 200000),
                other="对直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款",
            ),
        ],
    },
    {
        "field": "safety",
        "ref": "ssl-101-5",
        "violation": "未建立事故隐患排查治理制度，或者重大事故隐患排查治理情况未按照规定报告",
        "violation_basis": cite(WORK_SAFETY, "第四十一条第二款"),
        "penalty_basis": cite(WORK_SAFETY, "第一百零一条第（五）项"),
        "statutory_range": "责令限期改正，处十万元以下的罚款；逾期未改正的，责令停产停业整顿，并处十万元以上"
        "二十万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款",
        "fine_min": None,
        "fine_max": 200000,
        "facts": [OVERDUE, number("employees", "从业人员数", "人")],
        "grades": [
            grade(
                "较轻",
                [c("overdue", "eq", False), c("employees", "lt", 50)],
                [],
                (10000, 30000),
                other="责令限期改正",
            ),
            grade(
                "一般",
                [c("overdue", "eq", False), c("employees", "ge", 50), c("employees", "lt", 300)],
                [],
                (30000, 60000),
                other="责令限期改正",
            ),
            grade(
                "较重",
                [c("overdue", "eq", False), c("employees", "ge", 300)],
                [],
                (60000, 100000),
                other="责令限期改正",
            ),
            grade(
                "严重（逾期未改正）",
                [c("overdue", "eq", True)],
                ["责令停产停业整顿"],
                (100000, 200000),
                other="对直接负责的主管人员和其他直接责任人员处二万元以上五万元以下的罚款",
            ),
        ],
    },
    {
        "field": "safety",
        "ref": "ssl-99-8",
        "violation": "餐饮等行业的生产经营单位使用燃气未安装可燃气体报警装置",
        "violation_basis": cite(WORK_SAFETY, "第三十六条第四款"),
        "penalty_basis": cite(WORK_SAFETY, "第九十九条第（八）项"),
        "statutory_range": "责令限期改正，处五万元以下的罚款；逾期未改正的，处五万元以上二十万元以下的罚款，"
        "对其直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款；情节严重的，责令停产停业整顿",
        "fine_min": None,
        "fine_max": 200000,
        "facts": [OVERDUE, number("floor_area", "经营场所面积", "平方米")],
        "grades": [
            grade(
                "较轻",
                [c("overdue", "eq", False), c("floor_area", "lt", 150)],
                [],
                (5000, 20000),
                other="责令限期改正",
            ),
            grade(
                "一般",
                [c("overdue", "eq", False), c("floor_area", "ge", 150), c("floor_area", "lt", 500)],
                [],
                (20000, 40000),
                other="责令限期改正",
            ),
            grade(
                "较重",
                [c("overdue", "eq", False), c("floor_area", "ge", 500)],
                [],
                (40000, 50000),
                other="责令限期改正",
            ),
            grade(
                "严重（逾期未改正）",
                [c("overdue", "eq", True)],
                [],
                (50000, 200000),
                other="对直接负责的主管人员和其他直接责任人员处一万元以上二万元以下的罚款；情节严重的，"
                "责令停产停业整顿",
            ),
        ],
    },
    {
        "field": "safety",
        "ref": "ssl-105-2",
        "violation": "占用、锁闭、封堵生产经营场所或者员工宿舍出口、疏散通道",
        "violation_basis": cite(WORK_SAFETY, "第四十二条第二款"),
        "penalty_basis": cite(WORK_SAFETY, "第一百零五条第（二）项"),
        "statutory_range": "责令限期改正，处五万元以下的罚款，对其直接负责的主管人员和其他直接责任人员处一万"
        "元以下的罚款；逾期未改正的，责令停产停业整顿",
        "fine_min": None,
        "fine_max": 50000,
        "facts": [
            number("blocked", "被占用、锁闭、封堵的出口或者疏散通道数量", "处"),
            boolean("crowded", "属于人员密集场所"),
        ],
        "grades": [
            grade(
                "较轻",
                [c("blocked", "lt", 2), c("crowded", "eq", False)],
                [],
                (5000, 20000),
            ),
            grade(
                "一般",
                [c("blocked", "ge", 2), c("crowded", "eq", False)],
                [],
                (20000, 35000),
            ),
            grade(
                "严重",
                [c("crowded", "eq", True)],
                [],
                (35000, 50000),
                other="对直接负责的主管人员和其他直接责任人员处一万元以下的罚款；逾期未改正的，责令停产停业整顿",
            ),
        ],
    },
    {
        "field": "safety",
        "ref": "ssl-102",
        "violation": "生产经营单位未采取措施消除事故隐患",
        "violation_basis": cite(WORK_SAFETY, "第四十一条第二款"),
        "penalty_basis": cite(WORK_SAFETY, "第一百零二条"),
        "statutory_range": "责令立即消除或者限期消除，处五万元以下的罚款；拒不执行的，责令停产停业整顿，对其"
        "直接负责的主管人员和其他直接责任人员处五万元以上十万元以下的罚款",
        "fine_min": None,
        "fine_max": 50000,
        "facts": [
            boolean("major", "属于重大事故隐患"),
            number("hazards", "未消除的事故隐患数量", "项"),
        ],
        "grades": [
            grade(
                "较轻",
                [c("major", "eq", False), c("hazards", "lt", 3)],
                [],
                (5000, 15000),
                other="责令立即消除或者限期消除",
            ),
            grade(
                "一般",
                [c("major", "eq", False), c("hazards", "ge", 3)],
                [],
                (15000, 30000),
                other="责令立即消除或者限期消除",
            ),
            grade(
                "严重",
                [c("major", "eq", True)],
                [],
                (30000, 50000),
                other="拒不执行的，责令停产停业整顿，对直接负责的主管人员和其他直接责任人员处五万元以上十万元"
                "以下的罚款",
            ),
        ],
    },
    {
        "field": "safety",
        "ref": "hcr-78-6",
        "violation": "危险化学品经营企业经营没有化学品安全技术说明书和化学品安全标签的危险化学品",
        "violation_basis": cite(CHEMICALS, "第三十七条"),
        "penalty_basis": cite(CHEMICALS, "第七十八条第一款第（六）项"),
        "statutory_range": "责令改正，可以处5万元以下的罚款；拒不改正的，处5万元以上10万元以下的罚款；情节严"
        "重的，责令停产停业整顿",
        "fine_min": None,
        "fine_max": 100000,
        "facts": [REFUSED, number("varieties", "涉及的危险化学品品种数", "种")],
        "grades": [
            grade(
                "较轻",
                [c("refused", "eq", False), c("varieties", "lt", 3)],
                [],
                (5000, 20000),
                other="责令改正",
            ),
            grade(
                "一般",
                [c("refused", "eq", False), c("varieties", "ge", 3)],
                [],
                (20000, 50000),
                other="责令改正",
            ),
            grade(
                "严重（拒不改正）",
                [c("refused", "eq", True)],
                [],
                (50000, 100000),
                other="情节严重的，责令停产停业整顿",
            ),
        ],
    },
    # ---------------------------------------------------------------- 城市管理
    {
        "field": "urban",
        "ref": "air-118-1",
        "violation": "餐饮服务业经营者未安装或者不正常使用油烟净化设施，超过排放标准排放油烟",
        "violation_basis": cite(AIR, "第八十一条第一款"),
        "penalty_basis": cite(AIR, "第一百一十八条第一款"),
        "statutory_range": "责令改正，处五千元以上五万元以下的罚款；拒不改正的，责令停业整治",
        "fine_min": 5000,
        "fine_max": 50000,
        "facts": [number("complaints", "一年内被投诉次数", "次"), REPEAT],
        "grades": [
            grade("较轻", [c("complaints", "lt", 3), NOT_REPEAT], [], (5000, 15000)),
            grade(
                "一般",
                [c("complaints", "ge", 3), c("complaints", "lt", 10), NOT_REPEAT],
                [],
                (15000, 30000),
            ),
            grade("较重", [c("complaints", "ge", 10), NOT_REPEAT], [], (30000, 40000)),
            grade(
                "严重",
                [IS_REPEAT],
                [],
                (40000, 50000),
                other="拒不改正的，责令停业整治",
            ),
        ],
    },
    {
        "field": "urban",
        "ref": "air-118-3",
        "violation": "在当地人民政府禁止的时段和区域内露天烧烤食品或者为露天烧烤食品提供场地",
        "violation_basis": cite(AIR, "第八十一条第三款"),
        "penalty_basis": cite(AIR, "第一百一十八条第三款"),
        "statutory_range": "责令改正，没收烧烤工具和违法所得，并处五百元以上二万元以下的罚款",
        "fine_min": 500,
        "fine_max": 20000,
        "facts": [number("grills", "烧烤炉具数量", "个"), REPEAT],
        "grades": [
            grade(
                "较轻",
                [c("grills", "lt", 2), NOT_REPEAT],
                ["没收烧烤工具和违法所得"],
                (500, 3000),
            ),
            grade(
                "一般",
                [c("grills", "ge", 2), c("grills", "lt", 5), NOT_REPEAT],
                ["没收烧烤工具和违法所得"],
                (3000, 8000),
            ),
            grade(
                "较重",
                [c("grills", "ge", 5), NOT_REPEAT],
                ["没收烧烤工具和违法所得"],
                (8000, 15000),
            ),
            grade(
                "严重",
                [IS_REPEAT],
                ["没收烧烤工具和违法所得"],
                (15000, 20000),
            ),
        ],
    },
    {
        "field": "urban",
        "ref": "air-115-1",
        "violation": "施工工地未设置硬质围挡，或者未采取覆盖、洒水抑尘、冲洗地面和车辆等有效防尘降尘措施",
        "violation_basis": cite(AIR, "第六十九条第三款"),
        "penalty_basis": cite(AIR, "第一百一十五条第一款第（一）项"),
        "statutory_range": "责令改正，处一万元以上十万元以下的罚款；拒不改正的，责令停工整治",
        "fine_min": 10000,
        "fine_max": 100000,
        "facts": [number("bare_area", "未采取防尘措施的裸露面积", "平方米"), SENSITIVE],
        "grades": [
            grade(
                "较轻",
                [c("bare_area", "lt", 1000), c("sensitive", "eq", False)],
                [],
                (10000, 30000),
            ),
            grade(
                "一般",
                [
                    c("bare_area", "ge", 1000),
                    c("bare_area", "lt", 5000),
                    c("sensitive", "eq", False),
                ],
                [],
                (30000, 60000),
            ),
            grade(
                "较重",
                [c("bare_area", "ge", 5000), c("sensitive", "eq", False)],
                [],
                (60000, 80000),
            ),
            grade(
                "严重",
                [c("sensitive", "eq", True)],
                [],
                (80000, 100000),
                other="拒不改正的，责令停工整治",
            ),
        ],
    },
    {
        "field": "urban",
        "ref": "air-116",
        "violation": "运输渣土、砂石等散装、流体物料的车辆未采取密闭或者其他措施防止物料遗撒",
        "violation_basis": cite(AIR, "第七十条第一款"),
        "penalty_basis": cite(AIR, "第一百一十六条"),
        "statutory_range": "责令改正，处二千元以上二万元以下的罚款；拒不改正的，车辆不得上道路行驶",
        "fine_min": 2000,
        "fine_max": 20000,
        "facts": [number("spill_length", "遗撒路面长度", "米"), REPEAT],
        "grades": [
            grade("较轻", [c("spill_length", "lt", 50), NOT_REPEAT], [], (2000, 5000)),
            grade(
                "一般",
                [c("spill_length", "ge", 50), c("spill_length", "lt", 200), NOT_REPEAT],
                [],
                (5000, 10000),
            ),
            grade("较重", [c("spill_length", "ge", 200), NOT_REPEAT], [], (10000, 15000)),
            grade(
                "严重",
                [IS_REPEAT],
                [],
                (15000, 20000),
                other="拒不改正的，车辆不得上道路行驶",
            ),
        ],
    },
    {
        "field": "urban",
        "ref": "swl-111-1u",
        "violation": "单位随意倾倒、抛撒、堆放或者焚烧生活垃圾",
        "violation_basis": cite(SOLID_WASTE, "第四十九条第二款"),
        "penalty_basis": cite(SOLID_WASTE, "第一百一十一条第一款第（一）项、第二款"),
        "statutory_range": "责令改正，没收违法所得，对单位处五万元以上五十万元以下的罚款",
        "fine_min": 50000,
        "fine_max": 500000,
        "facts": [number("volume", "倾倒、堆放的生活垃圾体积", "立方米"), REPEAT],
        "grades": [
            grade("较轻", [c("volume", "lt", 5), NOT_REPEAT], [], (50000, 150000)),
            grade(
                "一般",
                [c("volume", "ge", 5), c("volume", "lt", 20), NOT_REPEAT],
                [],
                (150000, 300000),
            ),
            grade("较重", [c("volume", "ge", 20), NOT_REPEAT], [], (300000, 400000)),
            grade("严重", [IS_REPEAT], [], (400000, 500000)),
        ],
    },
    {
        "field": "urban",
        "ref": "noi-77",
        "violation": "未按照规定取得证明，在噪声敏感建筑物集中区域夜间进行产生噪声的建筑施工作业",
        "violation_basis": cite(NOISE, "第四十三条"),
        "penalty_basis": cite(NOISE, "第七十七条第（二）项"),
        "statutory_range": "责令改正，处一万元以上十万元以下的罚款；拒不改正的，可以责令暂停施工",
        "fine_min": 10000,
        "fine_max": 100000,
        "facts": [number("nights", "查实的夜间违法施工次数", "次"), REPEAT],
        "grades": [
            grade("较轻", [c("nights", "lt", 2), NOT_REPEAT], [], (10000, 30000)),
            grade(
                "一般",
                [c("nights", "ge", 2), c("nights", "lt", 5), NOT_REPEAT],
                [],
                (30000, 60000),
            ),
            grade("较重", [c("nights", "ge", 5), NOT_REPEAT], [], (60000, 80000)),
            grade(
                "严重",
                [IS_REPEAT],
                [],
                (80000, 100000),
                other="拒不改正的，可以责令暂停施工",
            ),
        ],
    },
    {
        "field": "urban",
        "ref": "crd-42",
        "violation": "未按照批准的位置、面积、期限占用或者挖掘城市道路",
        "violation_basis": cite(CITY_ROADS, "第三十六条"),
        "penalty_basis": cite(CITY_ROADS, "第四十二条第（六）项"),
        "statutory_range": "责令限期改正，可以处以2万元以下的罚款；造成损失的，应当依法承担赔偿责任",
        "fine_min": None,
        "fine_max": 20000,
        "facts": [number("excess_area", "超出批准范围占用或者挖掘的面积", "平方米"), REPEAT],
        "grades": [
            grade(
                "较轻",
                [c("excess_area", "lt", 10), NOT_REPEAT],
                [],
                (1000, 5000),
                other="责令限期改正",
            ),
            grade(
                "一般",
                [c("excess_area", "ge", 10), c("excess_area", "lt", 50), NOT_REPEAT],
                [],
                (5000, 10000),
                other="责令限期改正",
            ),
            grade(
                "较重",
                [c("excess_area", "ge", 50), NOT_REPEAT],
                [],
                (10000, 15000),
                other="责令限期改正",
            ),
            grade(
                "严重",
                [IS_REPEAT],
                [],
                (15000, 20000),
                other="责令限期改正；造成损失的，依法承担赔偿责任",
            ),
        ],
    },
]
