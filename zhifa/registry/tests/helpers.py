"""Helpers for the registry tests: valid ID numbers, dates, and "refused, and nothing written"."""

from __future__ import annotations

from datetime import date

from zhifa.core.validators import id_number_check_char
from zhifa.testing.ledger import forbidden, ledger_actions, recorded, refused

#: Exams passed on this day by the officers built in conftest; certificates are issued after it.
EXAM_DAY = date(2023, 1, 10)
ISSUE_DAY = date(2023, 3, 1)
EXPIRY_DAY = date(2028, 2, 29)


def id_number(n: int, birth: str = "19850301") -> str:
    """A valid 18-digit 身份证号码 (GB 11643-1999), distinct for each ``n``."""
    first17 = f"110105{birth}{n % 1000:03d}"  # 北京市朝阳区 (GB/T 2260)
    return first17 + id_number_check_char(first17)


# "refused/forbidden, and nothing written", "recorded exactly these": shared by every app.
__all__ = ["forbidden", "id_number", "ledger_actions", "recorded", "refused"]
