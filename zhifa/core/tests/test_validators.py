"""Tests for zhifa.core.validators — no database needed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from zhifa.core.divisions import division_codes
from zhifa.core.validators import (
    USCC_CHARSET,
    id_number_check_char,
    mask_id_number,
    mask_phone,
    uscc_check_char,
    validate_id_number,
    validate_landline,
    validate_mobile,
    validate_phone,
    validate_uscc,
)

TODAY = date.today()
DIGITS = "0123456789"

VALID_USCC = "91350100M000100Y43"
VALID_ID = "11010519491231002X"


def _error(func, value, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as excinfo:
        func(value, **kwargs)
    return excinfo.value


def _id_with_check(first17: str) -> str:
    return first17 + id_number_check_char(first17)


# --------------------------------------------------------------------------
# USCC
# --------------------------------------------------------------------------


def test_uscc_charset() -> None:
    assert len(USCC_CHARSET) == 31
    assert len(set(USCC_CHARSET)) == 31
    assert not set("IOZSV") & set(USCC_CHARSET)


def test_uscc_known_valid() -> None:
    assert uscc_check_char(VALID_USCC[:17]) == "3"
    assert validate_uscc(VALID_USCC) == VALID_USCC


def test_uscc_normalises_case_and_whitespace() -> None:
    assert validate_uscc(f"  {VALID_USCC.lower()}\n") == VALID_USCC


def test_uscc_check_char_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        uscc_check_char("123")
    with pytest.raises(ValueError):
        uscc_check_char("91350100I00010" + "0Y4")


@pytest.mark.parametrize("value", ["", "91350100M000100Y4", "91350100M000100Y433"])
def test_uscc_wrong_length(value: str) -> None:
    err = _error(validate_uscc, value)
    assert err.code == "invalid_length"
    assert err.message == f"统一社会信用代码应为18位，当前为{len(value)}位"


@pytest.mark.parametrize("bad", ["I", "O", "Z", "S", "V", "-", "＊"])
def test_uscc_illegal_character_is_named(bad: str) -> None:
    err = _error(validate_uscc, VALID_USCC[:10] + bad + VALID_USCC[11:])
    assert err.code == "invalid_character"
    assert "非法字符" in err.message
    assert f"“{bad}”" in err.message


def test_uscc_region_must_be_digits() -> None:
    first17 = "9135A100M000100Y4"
    err = _error(validate_uscc, first17 + uscc_check_char(first17))
    assert err.code == "invalid_region"
    assert "行政区划码" in err.message


def test_uscc_fullwidth_digits_rejected() -> None:
    err = _error(validate_uscc, "91３50100M000100Y43")
    assert err.code == "invalid_character"


def test_uscc_wrong_check_char() -> None:
    err = _error(validate_uscc, VALID_USCC[:17] + "4")
    assert err.code == "invalid_checksum"
    assert err.message == "统一社会信用代码校验位错误，应为3"


def test_uscc_weights_detect_every_single_substitution_exhaustively() -> None:
    # 31 is prime and every weight (and the check position, weight 1) is non-zero
    # mod 31, so w * (a - b) ≢ 0 (mod 31) for any two distinct values a, b.
    weights = [pow(3, i, 31) for i in range(17)] + [1]
    assert weights[:17] == [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    for w in weights:
        for a in range(31):
            for b in range(31):
                if a != b:
                    assert (w * (a - b)) % 31 != 0


uscc_first17 = st.builds(
    lambda head, region, tail: head + region + tail,
    st.text(alphabet=USCC_CHARSET, min_size=2, max_size=2),
    st.text(alphabet=DIGITS, min_size=6, max_size=6),
    st.text(alphabet=USCC_CHARSET, min_size=9, max_size=9),
)


@given(uscc_first17)
def test_uscc_generated_codes_validate(first17: str) -> None:
    code = first17 + uscc_check_char(first17)
    assert validate_uscc(code) == code
    assert validate_uscc(code.lower()) == code


@given(uscc_first17, st.integers(0, 17), st.sampled_from(USCC_CHARSET))
def test_uscc_single_substitution_detected(first17: str, index: int, new: str) -> None:
    code = first17 + uscc_check_char(first17)
    if code[index] == new:
        new = USCC_CHARSET[(USCC_CHARSET.index(new) + 1) % 31]
    mutated = code[:index] + new + code[index + 1 :]
    assert mutated != code
    with pytest.raises(ValidationError):
        validate_uscc(mutated)


# --------------------------------------------------------------------------
# ID numbers
# --------------------------------------------------------------------------


def test_id_known_examples() -> None:
    assert id_number_check_char(VALID_ID[:17]) == "X"
    assert validate_id_number(VALID_ID) == VALID_ID
    err = _error(validate_id_number, "110105194912310021")
    assert err.code == "invalid_checksum"
    assert err.message == "身份证号码校验位错误，应为X"


def test_id_lower_case_x_normalised() -> None:
    assert validate_id_number(" 11010519491231002x ") == VALID_ID


def test_id_check_char_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        id_number_check_char("1101051949")
    with pytest.raises(ValueError):
        id_number_check_char("11010519491231X02")


@pytest.mark.parametrize("value", ["", "11010519491231002", "11010519491231002X1"])
def test_id_wrong_length(value: str) -> None:
    err = _error(validate_id_number, value)
    assert err.code == "invalid_length"
    assert err.message == f"身份证号码应为18位，当前为{len(value)}位"


@pytest.mark.parametrize(
    "value",
    [
        "1101051949123100XX",  # X not last
        "11010519491231002Y",  # bad check char
        "1101051949123１002X",  # full-width digit
        "11010519491231 02X",
    ],
)
def test_id_bad_characters(value: str) -> None:
    err = _error(validate_id_number, value)
    assert err.code == "invalid_character"
    assert err.message == "身份证号码格式不正确：前17位应为数字，最后一位应为数字或X"


def test_id_first_digit_zero() -> None:
    err = _error(validate_id_number, _id_with_check("01010519491231002"))
    assert err.code == "invalid_region"


def test_id_impossible_birth_date() -> None:
    err = _error(validate_id_number, _id_with_check("11010519990230002"))
    assert err.code == "invalid_birth_date"
    assert err.message == "身份证号码中的出生日期19990230不是有效日期"


def test_id_future_birth_date() -> None:
    err = _error(validate_id_number, _id_with_check("11010520300101002"), today=date(2025, 6, 1))
    assert err.code == "invalid_birth_date"
    assert err.message == "身份证号码中的出生日期20300101晚于今天"


def test_id_birth_date_today_ok_tomorrow_not() -> None:
    today = date(2025, 6, 1)
    assert validate_id_number(_id_with_check("11010520250601002"), today=today)
    tomorrow = _id_with_check("11010520250602002")
    assert _error(validate_id_number, tomorrow, today=today).code == "invalid_birth_date"
    assert validate_id_number(tomorrow, today=today + timedelta(days=1)) == tomorrow


def test_id_default_today_rejects_tomorrow() -> None:
    tomorrow = (TODAY + timedelta(days=2)).strftime("%Y%m%d")
    err = _error(validate_id_number, _id_with_check(f"110105{tomorrow}002"))
    assert err.code == "invalid_birth_date"


def test_id_of_a_real_person_born_before_1900_is_valid() -> None:
    # 440524 is 汕头市潮阳县, abolished in 1993: a real number keeps it for life.
    assert validate_id_number("440524188001010014") == "440524188001010014"
    assert validate_id_number(_id_with_check("11010518991231002"))
    err = _error(validate_id_number, _id_with_check("11010517991231002"))
    assert err.code == "invalid_birth_date"
    assert err.message == "身份证号码中的出生日期17991231早于1800年1月1日"


@pytest.mark.parametrize(
    "region",
    [
        "440524",  # 潮阳县 (1980s codes)
        "110105",  # 北京市朝阳区 (in force)
        "330106",  # 杭州市西湖区
        "810000",  # 港澳台居民居住证
        "911840",  # 外国人永久居留身份证: 9, 北京 (11), nationality 840
    ],
)
def test_id_region_part_is_a_division_code_of_any_revision(region: str) -> None:
    number = _id_with_check(f"{region}19850301001")
    assert validate_id_number(number) == number


@pytest.mark.parametrize(
    "region",
    [
        "990100",  # no such division (示范市 is fictional)
        "123456",
        "110199",
        "990840",  # a foreigner's number needs a real province after the 9
    ],
)
def test_id_region_part_that_names_no_division_is_refused(region: str) -> None:
    err = _error(validate_id_number, _id_with_check(f"{region}19850301001"))
    assert err.code == "invalid_region"
    assert err.message == f"身份证号码地址码{region}不是有效的行政区划代码"


def test_id_weights_detect_every_single_substitution_exhaustively() -> None:
    # 11 is prime and every weight is non-zero mod 11; digits differ by 1-9, and
    # the check position has weight 1 over values 0-10 (X = 10).
    weights = [pow(2, 17 - i, 11) for i in range(17)]
    assert weights == [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    for w in [*weights, 1]:
        for a in range(11):
            for b in range(11):
                if a != b:
                    assert (w * (a - b)) % 11 != 0


id_first17 = st.builds(
    lambda region, birth, seq: f"{region}{birth:%Y%m%d}{seq}",
    st.sampled_from(sorted(c for c in division_codes() if c[0] != "0")),
    st.dates(min_value=date(1800, 1, 1), max_value=TODAY),
    st.text(alphabet=DIGITS, min_size=3, max_size=3),
)


@given(id_first17)
def test_id_generated_numbers_validate(first17: str) -> None:
    number = first17 + id_number_check_char(first17)
    assert validate_id_number(number, today=TODAY) == number
    assert validate_id_number(number.lower(), today=TODAY) == number


@given(id_first17, st.integers(0, 17), st.sampled_from(DIGITS + "X"))
def test_id_single_substitution_detected(first17: str, index: int, new: str) -> None:
    number = first17 + id_number_check_char(first17)
    if index < 17 and new == "X":
        new = "0"
    if number[index] == new:
        alphabet = DIGITS if index < 17 else DIGITS + "X"
        new = alphabet[(alphabet.index(new) + 1) % len(alphabet)]
    mutated = number[:index] + new + number[index + 1 :]
    assert mutated != number
    with pytest.raises(ValidationError):
        validate_id_number(mutated, today=TODAY)


# --------------------------------------------------------------------------
# Phones
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "13812345678",
        " 138 1234 5678 ",
        "138-1234-5678",
        "+8613812345678",
        "+86 138 1234 5678",
        "8613812345678",
    ],
)
def test_mobile_accepts(value: str) -> None:
    assert validate_mobile(value) == "13812345678"


@pytest.mark.parametrize("value", ["19912345678", "16612345678"])
def test_mobile_accepts_other_prefixes(value: str) -> None:
    assert validate_mobile(value) == value


@pytest.mark.parametrize(
    "value",
    [
        "",
        "12812345678",  # second digit 2
        "1381234567",  # 10 digits
        "138123456789",  # 12 digits
        "23812345678",
        "1381234567a",
        "１３８１２３４５６７８",  # full-width digits
        "+8513812345678",
        "010-12345678",
    ],
)
def test_mobile_rejects(value: str) -> None:
    err = _error(validate_mobile, value)
    assert err.code == "invalid_mobile"
    assert err.message == "手机号码格式不正确"


@pytest.mark.parametrize(
    "value",
    ["010-12345678", "0755-1234567", "02112345678", "0755-12345678-8001", "010-1234567-1"],
)
def test_landline_accepts(value: str) -> None:
    assert validate_landline(f" {value} ") == value


@pytest.mark.parametrize(
    "value",
    [
        "",
        "12345678",  # no area code
        "10-12345678",
        "01-12345678",
        "010-123456",  # 6-digit number
        "010-123456789",  # 9-digit number
        "010--12345678",
        "010-12345678-",
        "010-12345678-1234567",  # 7-digit extension
        "010 12345678",
        "13812345678",
    ],
)
def test_landline_rejects(value: str) -> None:
    err = _error(validate_landline, value)
    assert err.code == "invalid_landline"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("+86 138-1234-5678", "13812345678"),
        (" 010-12345678 ", "010-12345678"),
        ("0755-1234567", "0755-1234567"),
        ("12345", "12345"),
        ("12315", "12315"),
        ("12369", "12369"),
        ("110", "110"),
        ("119", "119"),
        ("120", "120"),
        ("122", "122"),
    ],
)
def test_phone_accepts(value: str, expected: str) -> None:
    assert validate_phone(value) == expected


@pytest.mark.parametrize(
    "value", ["", "1234", "123456", "22345", "111", "121", "911", "abc", "12812345678"]
)
def test_phone_rejects(value: str) -> None:
    err = _error(validate_phone, value)
    assert err.code == "invalid_phone"
    assert err.message == "电话号码格式不正确，应为手机号码、固定电话（含区号）或12345等服务号码"


# --------------------------------------------------------------------------
# Masks
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (VALID_ID, "110105********002X"),
        ("110105491231002", "110105*****1002"),  # 15-digit first-generation number
        ("12345678", "******78"),
        ("123", "*23"),
        ("12", "**"),
        ("", ""),
    ],
)
def test_mask_id_number(value: str, expected: str) -> None:
    assert mask_id_number(value) == expected
    assert len(mask_id_number(value)) == len(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13812345678", "138****5678"),
        ("+86 138-1234-5678", "138****5678"),
        ("010-12345678", "010*******78"),
        ("0755-1234567", "075*******67"),
        ("12345", "1***5"),
        ("110", "1*0"),
        ("12", "**"),
        ("", ""),
    ],
)
def test_mask_phone(value: str, expected: str) -> None:
    assert mask_phone(value) == expected
