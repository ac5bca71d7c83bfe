"""Discretion benchmarks in Excel, the form agencies keep them in: one row per grade (裁量阶次).

The rows of one benchmark share its 事项编码; the benchmark's own columns (违法行为 … 裁量事实) are
filled on its first row and may be left blank (or repeated unchanged) on the others. Facts are
written in one cell as “违法次数（整数，次）；违法所得（数值，元）；情节（选项：较轻、一般、严重）；
造成危害后果（是否）”, conditions as they are read on the benchmark's page: “违法次数 ≥ 3次；初次违法：
是；情节 属于 较轻、一般”. The template's 填写说明 sheet says so with an example; the export writes
exactly this layout, so an exported benchmark imports again as a new draft version.

This module holds the sheet and the text of facts and conditions both ways; the all-or-nothing
import is :mod:`zhifa.catalog.services.benchmark_imports`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook
from openpyxl.comments import Comment

from zhifa.catalog.models import DiscretionBenchmark, FactKind, MultipleBase
from zhifa.catalog.rules import MULTIPLE_BASES, Fact, describe
from zhifa.catalog.services import benchmarks
from zhifa.core.excel import YES, Sheet, template_workbook, write_workbook
from zhifa.org.permissions import keeper_agencies

KIND_WORDS = {"数值": "number", "整数": "integer", "是否": "boolean", "选项": "choice"}
WORD_OF_KIND = {v: k for k, v in KIND_WORDS.items()}
BASE_LABELS = tuple(MultipleBase.labels)
#: The benchmark's own columns (filled on its first row) → save_draft's head fields.
HEAD_COLUMNS = {
    "违法行为": "violation",
    "违法依据": "violation_basis",
    "处罚依据": "penalty_basis",
    "法定处罚幅度": "statutory_range",
    "法定罚款下限（元）": "fine_min",
    "法定罚款上限（元）": "fine_max",
    "罚款倍数的计算基数": "multiple_base",
    "法定倍数下限": "multiple_min",
    "法定倍数上限": "multiple_max",
    "减轻处罚的罚款下限（元）": "mitigation_floor",
    "减轻处罚可以给予警告": "mitigation_to_warning",
    "制定文件": "source_document",
    "施行日期": "effective_on",
}
FACTS_COLUMN = "裁量事实"
#: A grade's columns → the editor's grade fields.
GRADE_COLUMNS = {
    "裁量阶次": "name",
    "适用条件": "conditions",
    "处罚种类": "penalty_kinds",
    "罚款下限（元）": "fine_min",
    "罚款上限（元）": "fine_max",
    "倍数下限": "multiple_min",
    "倍数上限": "multiple_max",
    "其他措施": "other_measures",
}

BENCHMARKS = Sheet(
    kind="benchmarks",
    title="裁量基准",
    measure="项",
    columns=("事项编码", *HEAD_COLUMNS, FACTS_COLUMN, *GRADE_COLUMNS),
    widths=(18, 30, 30, 30, 40, 14, 14, 14, 10, 10, 14, 12, 30, 12, 40, 12, 40, 20)
    + (12,) * 4
    + (24,),
    text=frozenset({"事项编码"}),
    dates=frozenset({"施行日期"}),
    choices={"罚款倍数的计算基数": BASE_LABELS, "减轻处罚可以给予警告": ("是", "否")},
    notes=(
        "每行一个裁量阶次；同一裁量基准的各阶次依次填在相邻的行，“事项编码”相同。第1行表头请勿改动。",
        "事项编码：本单位行政处罚事项的编码（保持文本格式）；每个事项导入为该事项裁量基准的一个新草稿版本，"
        "发布前可在系统中修改。",
        "违法行为至裁量事实各列只需填在该基准的第一行，其余行可留空（如填写须与第一行相同）。",
        "法定罚款幅度：金额（元）或倍数至少填一种，下限和上限同时填写；罚款倍数的计算基数为"
        + "、".join(BASE_LABELS)
        + "之一，不填为违法所得。",
        "裁量事实：用“；”分隔，每个写作“名称（类型，单位）”，类型为数值、整数、是否或选项，"
        "选项型写作“名称（选项：甲、乙、丙）”。例：违法次数（整数，次）；违法所得（数值，元）；"
        "情节（选项：较轻、一般、严重）；造成危害后果（是否）。法定情形（不满十四周岁、初次违法、"
        "及时改正等）和罚款倍数的计算基数无需列出，可直接在条件中使用。",
        "适用条件：同时满足的条件用“；”分隔，写作“事实 比较 取值”，比较为 <、≤、>、≥、为、不为、属于；"
        "是否型写作“事实：是”。例：违法次数 ≥ 3次；初次违法：否；情节 属于 较轻、一般。不填则该阶次适用于全部情形。",
        "各阶次须覆盖全部情形、互不重叠；整数型事实（次数、人数）在2与3之间没有取值。",
        "阶次的罚款下限和上限（元）或倍数下限和上限须同时填写，且不超出法定幅度；处罚种类用“、”分隔。",
        "文件中任何一行有误，整个文件都不会导入；请按提示逐行改正后重新上传。",
    ),
)

_FACT = re.compile(r"(?P<label>[^（(]+)[（(](?P<spec>[^）)]*)[）)]")
_SEPARATORS = re.compile(r"[；;\n]")
#: Comparisons as written (longest first, so ≥ is not read as >).
_SYMBOLS = (
    ("≥", "ge"),
    (">=", "ge"),
    ("≤", "le"),
    ("<=", "le"),
    ("≠", "ne"),
    ("不为", "ne"),
    ("不等于", "ne"),
    ("属于", "in"),
    ("＞", "gt"),
    (">", "gt"),
    ("＜", "lt"),
    ("<", "lt"),
    ("等于", "eq"),
    ("为", "eq"),
    ("=", "eq"),
    ("：", "eq"),
    (":", "eq"),
)


def _amount(value: Any) -> str:
    return "" if value is None else f"{Decimal(value).normalize():f}"


def fact_text(facts: Iterable[Mapping[str, Any]]) -> str:
    """Facts in one cell: “违法次数（整数，次）；情节（选项：较轻、一般）”."""
    parts = []
    for f in facts:
        word = WORD_OF_KIND.get(str(f["kind"]), str(f["kind"]))
        if f["kind"] == FactKind.CHOICE:
            parts.append(f"{f['label']}（选项：{'、'.join(f.get('choices') or ())}）")
        elif f.get("unit"):
            parts.append(f"{f['label']}（{word}，{f['unit']}）")
        else:
            parts.append(f"{f['label']}（{word}）")
    return "；".join(parts)


def parse_facts(text: str) -> list[dict[str, str]]:
    """A 裁量事实 cell as the editor's fact rows; ValueError saying what is wrong. A number fact
    named as a base of multiples (违法所得, 货值金额 …) keeps that base's key, so the calculator
    reads the fine's base from it."""
    rows: list[dict[str, str]] = []
    bases = {label: key for key, label in MULTIPLE_BASES.items()}
    for part in (p.strip() for p in _SEPARATORS.split(text or "")):
        if not part:
            continue
        match = _FACT.fullmatch(part)
        if not match:
            raise ValueError(f"“{part}”应写作“名称（类型，单位）”，如：违法次数（整数，次）")
        label, spec = match["label"].strip(), match["spec"].strip()
        pieces = re.split(r"[，,：:]", spec, maxsplit=1)
        word, rest = pieces[0].strip(), (pieces[1].strip() if len(pieces) > 1 else "")
        kind = KIND_WORDS.get(word)
        if kind is None:
            raise ValueError(f"“{label}”的类型应为数值、整数、是否或选项")
        key = bases.get(label, "") if kind == "number" else ""
        rows.append(
            {
                "key": key,
                "label": label,
                "kind": kind,
                "unit": rest if kind in ("number", "integer") else "",
                "choices": rest if kind == "choice" else "",
            }
        )
    return rows


def condition_text(conditions: Iterable[Mapping[str, Any]], facts: Mapping[str, Fact]) -> str:
    return "；".join(describe(c, facts) for c in conditions)


def parse_conditions(text: str, facts: Mapping[str, Fact]) -> list[dict[str, str]]:
    """An 适用条件 cell as the editor's condition rows (value as text, without its unit);
    ValueError naming a clause whose fact or comparison is not known."""
    by_label = sorted(facts.values(), key=lambda f: len(f.label), reverse=True)
    rows = []
    for clause in (c.strip() for c in _SEPARATORS.split(text or "")):
        if not clause:
            continue
        fact = next((f for f in by_label if clause.startswith(f.label)), None)
        if fact is None:
            raise ValueError(f"条件“{clause}”中的事实未在“裁量事实”中列出，也不是法定情形")
        rest = clause[len(fact.label) :].strip()
        op = next(((sym, code) for sym, code in _SYMBOLS if rest.startswith(sym)), None)
        if op is None:
            raise ValueError(
                f"条件“{clause}”应写作“事实 比较 取值”，比较为<、≤、>、≥、为、不为、属于"
            )
        value = rest[len(op[0]) :].strip()
        if fact.unit and value.endswith(fact.unit):
            value = value[: -len(fact.unit)].strip()
        rows.append({"fact": fact.key, "op": op[1], "value": value})
    return rows


def benchmark_rows(benchmark: DiscretionBenchmark) -> list[tuple[Any, ...]]:
    """One benchmark in the sheet's layout: its own columns on the first row only."""
    content = benchmarks.content_of(benchmark)
    facts = benchmarks.fact_map(benchmark)
    head = [
        benchmark.violation,
        benchmark.violation_basis,
        benchmark.penalty_basis,
        benchmark.statutory_range,
        _amount(benchmark.fine_min),
        _amount(benchmark.fine_max),
        benchmark.get_multiple_base_display(),
        _amount(benchmark.multiple_min),
        _amount(benchmark.multiple_max),
        _amount(benchmark.mitigation_floor),
        YES if benchmark.mitigation_to_warning else "否",
        benchmark.source_document,
        benchmark.effective_on,
        fact_text(content["facts"]),
    ]
    rows = []
    for i, g in enumerate(content["grades"]):
        rows.append(
            (
                benchmark.matter.code,
                *(head if i == 0 else [""] * len(head)),
                g["name"],
                condition_text(g["conditions"], facts),
                "、".join(g["penalty_kinds"]),
                *(_amount(g[k]) for k in ("fine_min", "fine_max", "multiple_min", "multiple_max")),
                g["other_measures"],
            )
        )
    return rows


def export_xlsx(chosen: Iterable[DiscretionBenchmark]) -> bytes:
    """``chosen`` benchmarks (already scoped by the caller), one row per grade."""
    return write_workbook(BENCHMARKS, (row for b in chosen for row in benchmark_rows(b)))


#: What the header row itself says of the layout (a comment on the cell, shown on hovering it).
HEADER_NOTES = {
    "事项编码": "每行一个裁量阶次；同一裁量基准的各行填写相同的事项编码，依次排列。",
    "违法行为": "违法行为至裁量事实各列只填在该基准的第一行，其余行留空。",
    FACTS_COLUMN: "用“；”分隔，如：违法次数（整数，次）；违法所得（数值，元）；"
    "情节（选项：较轻、一般、严重）；造成危害后果（是否）",
    "适用条件": "同时满足的条件用“；”分隔，如：违法次数 ≥ 3次；初次违法：否；情节 属于 较轻、一般",
    "罚款下限（元）": "金额或倍数的下限和上限须同时填写，且不超出法定幅度。",
}


def template_xlsx(user: Any = None) -> bytes:
    """The blank import file: the header row explains the layout (cell comments), 填写说明 gives
    the rules with examples and the agencies ``user`` may import for."""
    lines: list[tuple[str, bool]] = []
    agencies = keeper_agencies(user)
    if agencies:
        lines.append(("", False))
        lines.append(("您可导入裁量基准的执法主体（其行政处罚事项）：", True))
        lines += [(a.name, False) for a in agencies]
    workbook = load_workbook(io.BytesIO(template_workbook(BENCHMARKS, lines)))
    sheet = workbook.worksheets[0]
    for cell in sheet[1]:
        note = HEADER_NOTES.get(str(cell.value))
        if note:
            cell.comment = Comment(note, "执法平台", width=320, height=120)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
