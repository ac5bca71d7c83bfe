"""GB/T 4754-2017 《国民经济行业分类》 codes: a section letter (门类) and 2, 3 or 4 digits
(大类, 中类, 小类), e.g. "C1311" (籼稻加工) or "F52" (零售业)."""

from __future__ import annotations

import re

#: The divisions (大类, two digits) each section (门类) holds, GB/T 4754-2017 表1.
SECTION_DIVISIONS: dict[str, tuple[int, int]] = {
    "A": (1, 5),
    "B": (6, 12),
    "C": (13, 43),
    "D": (44, 46),
    "E": (47, 50),
    "F": (51, 52),
    "G": (53, 60),
    "H": (61, 62),
    "I": (63, 65),
    "J": (66, 69),
    "K": (70, 70),
    "L": (71, 72),
    "M": (73, 75),
    "N": (76, 79),
    "O": (80, 82),
    "P": (83, 83),
    "Q": (84, 85),
    "R": (86, 90),
    "S": (91, 96),
    "T": (97, 97),
}

_FORMAT = re.compile(r"[A-T](?:[0-9]{2,4})?")


def industry_errors(code: str) -> list[str]:
    """Why ``code`` is not a GB/T 4754-2017 code (a section letter, optionally followed by the
    2-4 digits of a division of that section), or ``[]``; an empty code is allowed."""
    if not code:
        return []
    if not _FORMAT.fullmatch(code):
        return [
            "行业代码应为国民经济行业分类（GB/T 4754-2017）代码：门类字母加2至4位数字，如C1311、F52"
        ]
    if len(code) > 1:
        low, high = SECTION_DIVISIONS[code[0]]
        if not low <= int(code[1:3]) <= high:
            return [
                f"行业代码{code}的大类{code[1:3]}不属于门类{code[0]}（应为{low:02d}至{high:02d}）"
            ]
    return []


def normalise_industry(value: object) -> str:
    return ("" if value is None else str(value)).strip().upper()
