"""The shared input checks: values against their columns, names without invisible characters."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from zhifa.catalog.models import DiscretionBenchmark, Grade
from zhifa.core.columns import column_errors
from zhifa.core.validators import plain_text_errors, validate_plain_text


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"fine_max": Decimal("999999999999.99")}, {}),
        (
            {"fine_max": Decimal("1000000000000")},
            {"fine_max": ["法定罚款上限（元）不能超过999999999999.99"]},
        ),
        ({"fine_max": "1e20"}, {"fine_max": ["法定罚款上限（元）不能超过999999999999.99"]}),
        (
            {"multiple_min": "0.005"},
            {"multiple_min": ["法定罚款下限（违法所得倍数）最多保留2位小数"]},
        ),
        ({"fine_min": "NaN"}, {"fine_min": ["法定罚款下限（元）应为有限的数字"]}),
        ({"violation": "违" * 301}, {"violation": ["违法行为不能超过300个字符"]}),
        ({"violation": "违" * 300, "fine_min": None, "nonsense": 1}, {}),
    ],
)
def test_it_checks_values_against_their_columns(db, values, expected):
    assert column_errors(DiscretionBenchmark, values) == expected


def test_integers_stay_within_the_databases_range(db):
    """The bound is the backend's (a 64-bit integer on SQLite, ``integer`` on PostgreSQL)."""
    assert column_errors(DiscretionBenchmark, {"version": 2**63})["version"][0].startswith(
        "版本号不能超过"
    )
    assert column_errors(DiscretionBenchmark, {"version": -1}) == {"version": ["版本号不能小于0"]}
    assert column_errors(DiscretionBenchmark, {"version": 3}) == {}


def test_it_names_rows_with_a_prefix_and_labels(db):
    found = column_errors(
        Grade, {"fine_max": "1e13"}, prefix="“从重”：", labels={"fine_max": "罚款上限"}
    )
    assert found == {"fine_max": ["“从重”：罚款上限不能超过999999999999.99"]}


@pytest.mark.parametrize(
    "text",
    [
        "张\u202e伟",
        "张\u202a伟",
        "张\u2066伟",
        "张\u2069伟",
        "张\x00伟",
        "张\x1b伟",
        "张\x7f伟",
        "张\x85伟",
        "张\t伟",
        "张\n伟",
    ],
)
def test_names_refuse_control_and_direction_characters(text):
    assert plain_text_errors(text)[0].startswith(
        "不能包含控制字符或改变文字方向的字符（第2个字符为U+"
    )
    with pytest.raises(ValidationError):
        validate_plain_text(text)


def test_multiline_texts_keep_their_line_breaks_but_not_other_controls():
    assert plain_text_errors("第一行\r\n第二行\t缩进", multiline=True) == []
    assert plain_text_errors("第一行\x0b", multiline=True)
    assert plain_text_errors("第一行\u202e", multiline=True)
    assert plain_text_errors("阿拉伯文ـ لا、emoji 👮、全角　空格") == []


def test_the_fast_character_classes_refuse_exactly_the_unsafe_characters():
    """plain_text_errors searches with two compiled classes (imports check every cell); they
    match exactly the characters ``_unsafe`` names, on one line and on several."""
    from zhifa.core import validators

    for code in [*range(0x3000), 0xFEFF, 0x1F600]:
        ch = chr(code)
        for multiline in (False, True):
            pattern = validators._UNSAFE_MULTILINE if multiline else validators._UNSAFE_LINE
            assert bool(pattern.search(ch)) == validators._unsafe(ch, multiline), hex(code)
