"""Data for the demo catalogue of 示范市 (read by :mod:`zhifa.catalog.demo`).

Every matter cites a real law or regulation, a real article and the article's text (quoted, with
“……” where items that do not concern the matter are left out). The matters of one field are shared
by the agencies of that field (the city bureau and its district or county counterparts); each
agency gets its own codes. Nothing here touches the database.
"""

from __future__ import annotations

from typing import NamedTuple

from zhifa.catalog.models import MatterCategory

LICENSING = MatterCategory.LICENSING
PENALTY = MatterCategory.PENALTY
COERCION = MatterCategory.COERCION
LEVY = MatterCategory.LEVY
INSPECTION = MatterCategory.INSPECTION
CONFIRMATION = MatterCategory.CONFIRMATION
ADJUDICATION = MatterCategory.ADJUDICATION
BENEFIT = MatterCategory.BENEFIT
REWARD = MatterCategory.REWARD
OTHER = MatterCategory.OTHER

#: Short codes of the categories in matter codes (SCJG-CF-001 …).
CATEGORY_CODES = {
    LICENSING: "XK",
    PENALTY: "CF",
    COERCION: "QZ",
    LEVY: "ZS",
    INSPECTION: "JC",
    CONFIRMATION: "QR",
    ADJUDICATION: "CJ",
    BENEFIT: "JF",
    REWARD: "JL",
    OTHER: "QT",
}


class M(NamedTuple):
    """One matter of a field: ``ref`` names it within the field (benchmarks and lists use it).

    ``scope`` limits it to the city-level agency (“city”) or to the district and county ones
    (“county”) of the field; “all” gives it to every agency of the field.
    """

    ref: str
    category: str
    name: str
    law: str
    article: str
    text: str
    scope: str = "all"


# Laws and regulations, by their official names.
FOOD_SAFETY = "中华人民共和国食品安全法"
PRODUCT_QUALITY = "中华人民共和国产品质量法"
ADVERTISING = "中华人民共和国广告法"
PRICE = "中华人民共和国价格法"
CONSUMERS = "中华人民共和国消费者权益保护法"
DRUGS = "中华人民共和国药品管理法"
SPECIAL_EQUIPMENT = "中华人民共和国特种设备安全法"
TRADEMARK = "中华人民共和国商标法"
PATENT = "中华人民共和国专利法"
REGISTRATION = "中华人民共和国市场主体登记管理条例"
ENVIRONMENT = "中华人民共和国环境保护法"
AIR = "中华人民共和国大气污染防治法"
WATER = "中华人民共和国水污染防治法"
SOLID_WASTE = "中华人民共和国固体废物污染环境防治法"
NOISE = "中华人民共和国噪声污染防治法"
EIA = "中华人民共和国环境影响评价法"
PROJECT_PROTECTION = "建设项目环境保护管理条例"
DISCHARGE_PERMITS = "排污许可管理条例"
WORK_SAFETY = "中华人民共和国安全生产法"
CHEMICALS = "危险化学品安全管理条例"
ACCIDENTS = "生产安全事故报告和调查处理条例"
PLANNING = "中华人民共和国城乡规划法"
CITY_APPEARANCE = "城市市容和环境卫生管理条例"
CITY_ROADS = "城市道路管理条例"
HIGHWAYS = "中华人民共和国公路法"
HIGHWAY_PROTECTION = "公路安全保护条例"
ROAD_TRANSPORT = "中华人民共和国道路运输条例"
LAWYERS = "中华人民共和国律师法"
LEGAL_AID = "中华人民共和国法律援助法"
PENALTIES = "中华人民共和国行政处罚法"
COERCION_LAW = "中华人民共和国行政强制法"


def cite(law: str, article: str) -> str:
    """“《中华人民共和国食品安全法》第一百二十四条”."""
    return f"《{law}》{article}"
