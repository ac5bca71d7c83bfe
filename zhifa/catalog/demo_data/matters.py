"""Which agencies of the demo city (keys of :data:`zhifa.org.demo.AGENCIES`) hold which matters.

Agencies of one field share its matter set; a matter's number within its category is its position
in the field's list, so 市市场监管局's SCJG-CF-005 and 东城区's DCSCJG-CF-005 are the same power.
"""

from __future__ import annotations

from zhifa.catalog.demo_data import ecology, market, others, safety, urban

#: field → (agency keys, matters)
FIELDS = {
    "market": (("scjg", "dc_scjg", "xc_scjg"), market.MATTERS),
    "ecology": (("sthj", "ns_sthj"), ecology.MATTERS),
    "safety": (("yjgl", "ns_yjgl"), safety.MATTERS),
    "urban": (("cgzf", "dc_cgzf"), urban.MATTERS),
    "town": (("qs_zf",), others.TOWN),
    "justice": (("sfj", "dc_sfj", "ns_sfj"), others.JUSTICE),
    "transport": (("jtys",), others.TRANSPORT),
    "transport_enforcement": (("jtzd",), others.TRANSPORT_ENFORCEMENT),
}

#: field → 执法领域 code (the rows of ``org.EnforcementField``; the registry's demo certificates
#: use the same codes, so the demo officers can enforce their agencies' matters).
FIELD_CODES = {
    "market": "01",
    "ecology": "02",
    "safety": "03",
    "urban": "04",
    "town": "13",
    "justice": "14",
    "transport": "05",
    "transport_enforcement": "05",
}


def code_prefix(agency_key: str) -> str:
    """'dc_scjg' → 'DCSCJG'."""
    return agency_key.replace("_", "").upper()
