"""行政区划代码 (GB/T 2260): what a code says about the divisions below it. Plain functions with no
model behind them, so the scope rules (:mod:`zhifa.org.scope`) can use them."""

from __future__ import annotations


def code_prefix(code: str) -> str:
    """'990000' → '99', '990100' → '9901', '990102' → '990102', a town's 9 digits unchanged."""
    if len(code) == 6:
        if code.endswith("0000"):
            return code[:2]
        if code.endswith("00"):
            return code[:4]
    return code
