"""Exports never hand a spreadsheet a formula: text that starts like one stays text (OWASP
"CSV injection"), so opening an export cannot run ``=HYPERLINK(…)`` or ``=cmd|…``."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from zhifa.registry import excel
from zhifa.registry.models import TrainingKind
from zhifa.registry.services import training

HOSTILE = ['=HYPERLINK("http://evil.example/","点我")', "+1+2", "-3+4", "@SUM(A1)"]


def _cells(content: bytes) -> list[list]:
    workbook = load_workbook(io.BytesIO(content))
    return [list(row) for row in workbook.worksheets[0].iter_rows()]


def test_it_exports_formula_like_course_names_as_text(midyear, admin, officer):
    for n, course in enumerate(HOSTILE):
        training.record_training(
            admin,
            officer,
            kind=TrainingKind.PUBLIC_LAW,
            course=course,
            held_on=date(2026, 3, 1 + n),
            hours=2,
        )
    rows = _cells(excel.export_training(admin))
    courses = [row[2] for row in rows[1:]]
    assert sorted(c.value for c in courses) == sorted(HOSTILE)
    for cell in courses:
        assert cell.data_type == "s", cell.value
        assert cell.quotePrefix, cell.value


def test_it_keeps_ordinary_values_as_they_were():
    content = excel.write_workbook(
        excel.TRAINING, [("110***1234", "专业法律知识", "行政处罚法", date(2026, 1, 5), 2.5, "")]
    )
    row = _cells(content)[1]
    assert [c.value for c in row[1:3]] == ["专业法律知识", "行政处罚法"]
    assert not row[2].quotePrefix
    assert row[4].value == 2.5 and row[4].data_type == "n"
