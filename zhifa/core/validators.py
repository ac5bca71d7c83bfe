"""Validators and masks for Chinese identifiers and phone numbers.

Every ``validate_*`` function raises :class:`django.core.exceptions.ValidationError`
with a Chinese message and a stable ``code`` on bad input, and returns the
normalised value on success, so it can be used both as a Django field
validator and directly in forms, serializers and import scripts.

Only ASCII digits are accepted: Python's ``\\d`` and ``str.isdigit`` also match
full-width and other Unicode digits, so explicit ``[0-9]`` classes are used.
"""

from __future__ import annotations

import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError

from zhifa.core.divisions import id_region_ok

__all__ = [
    "ID_NUMBER_CHECK_CHARS",
    "USCC_CHARSET",
    "id_number_check_char",
    "mask_id_number",
    "mask_phone",
    "plain_text_errors",
    "uscc_check_char",
    "validate_id_number",
    "validate_landline",
    "validate_mobile",
    "validate_phone",
    "validate_plain_text",
    "validate_uscc",
]

_DIGITS = frozenset("0123456789")

# --------------------------------------------------------------------------
# 统一社会信用代码 (GB 32100-2015)
# --------------------------------------------------------------------------

#: The 31 characters allowed in a unified social credit code, in value order
#: (0-30). I, O, Z, S and V are excluded to avoid confusion with 1, 0, 2, 5, U.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {ch: i for i, ch in enumerate(USCC_CHARSET)}
#: Weight of position i (0-based) is 3**i mod 31.
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_USCC_LENGTH = 18


def uscc_check_char(first17: str) -> str:
    """Return the GB 32100-2015 check character for the first 17 characters.

    GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》 §4.3 / 附录 B:
    weights are ``3**i mod 31`` (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13,
    8, 24, 10, 30, 28), ``c = 31 - (Σ value × weight) mod 31`` and ``c == 31``
    becomes 0; the check character is ``USCC_CHARSET[c]``.

    Raises :class:`ValueError` (a programming error, not user input) if
    ``first17`` is not 17 characters of :data:`USCC_CHARSET`.
    """
    if len(first17) != 17 or any(ch not in _USCC_VALUES for ch in first17):
        raise ValueError("first17 must be 17 characters from USCC_CHARSET")
    total = sum(_USCC_VALUES[ch] * w for ch, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> str:
    """Validate a 统一社会信用代码 (unified social credit code), GB 32100-2015.

    Surrounding whitespace is stripped and letters are upper-cased. The code
    must be 18 characters from :data:`USCC_CHARSET`, characters 3-8 (the
    登记管理机关行政区划码, GB/T 2260 region code) must be digits, and the last
    character must equal :func:`uscc_check_char` of the first 17.

    Returns the normalised (stripped, upper-case) code.
    """
    code = _text(value).strip().upper()
    if len(code) != _USCC_LENGTH:
        raise ValidationError(
            f"统一社会信用代码应为18位，当前为{len(code)}位", code="invalid_length"
        )
    for ch in code:
        if ch not in _USCC_VALUES:
            raise ValidationError(
                f"统一社会信用代码含有非法字符“{ch}”（不得使用I、O、Z、S、V及其他符号）",
                code="invalid_character",
            )
    if not all(ch in _DIGITS for ch in code[2:8]):
        raise ValidationError(
            "统一社会信用代码第3至8位（登记管理机关行政区划码）应为6位数字",
            code="invalid_region",
        )
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            f"统一社会信用代码校验位错误，应为{expected}", code="invalid_checksum"
        )
    return code


# --------------------------------------------------------------------------
# 公民身份号码 (GB 11643-1999)
# --------------------------------------------------------------------------

#: Check characters indexed by ``Σ digit × weight mod 11`` (ISO 7064 MOD 11-2).
ID_NUMBER_CHECK_CHARS = "10X98765432"
#: Weight of position i (0-based) is 2**(17-i) mod 11.
_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_ID_LENGTH = 18
#: Real people born before 1900 hold numbers (the oldest citizens); nobody was born before this.
_ID_MIN_BIRTH_DATE = date(1800, 1, 1)


def id_number_check_char(first17: str) -> str:
    """Return the GB 11643-1999 check character for the first 17 digits.

    GB 11643-1999 《公民身份号码》 §8.2 uses ISO 7064:1983 MOD 11-2: weights are
    ``2**(17-i) mod 11`` (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    and ``Σ digit × weight mod 11`` indexes ``"10X98765432"``.

    Raises :class:`ValueError` (a programming error, not user input) if
    ``first17`` is not 17 ASCII digits.
    """
    if len(first17) != 17 or any(ch not in _DIGITS for ch in first17):
        raise ValueError("first17 must be 17 ASCII digits")
    total = sum(int(ch) * w for ch, w in zip(first17, _ID_WEIGHTS, strict=True))
    return ID_NUMBER_CHECK_CHARS[total % 11]


def validate_id_number(value: str, *, today: date | None = None) -> str:
    """Validate an 18-digit 公民身份号码 (resident ID number), GB 11643-1999.

    Surrounding whitespace is stripped and a lower-case ``x`` check character
    becomes ``X``. The number must be 17 digits (the first one 1-9, as the
    GB/T 2260 address code never starts with 0) plus a digit or ``X``; the
    出生日期码 (characters 7-14, ``YYYYMMDD``) must be a real calendar date
    between 1800-01-01 and ``today`` (default: the current local date), so people born before
    1900 are valid and a birth in the future is not; the 地址码 must be a GB/T 2260 division code
    of any revision since 1980 (see :mod:`zhifa.core.divisions`), or, for a foreigner's permanent
    residence card, 9 and a real province code; and the check character must equal
    :func:`id_number_check_char`.

    Returns the normalised number.
    """
    number = _text(value).strip()
    if number.endswith("x"):
        number = number[:-1] + "X"
    if len(number) != _ID_LENGTH:
        raise ValidationError(f"身份证号码应为18位，当前为{len(number)}位", code="invalid_length")
    if not all(ch in _DIGITS for ch in number[:17]) or number[17] not in "0123456789X":
        raise ValidationError(
            "身份证号码格式不正确：前17位应为数字，最后一位应为数字或X",
            code="invalid_character",
        )
    if number[0] == "0":
        raise ValidationError("身份证号码地址码不正确，首位不能为0", code="invalid_region")
    if not id_region_ok(number[:6]):
        raise ValidationError(
            f"身份证号码地址码{number[:6]}不是有效的行政区划代码", code="invalid_region"
        )

    birth_text = number[6:14]
    try:
        birth = date(int(birth_text[:4]), int(birth_text[4:6]), int(birth_text[6:]))
    except ValueError:
        raise ValidationError(
            f"身份证号码中的出生日期{birth_text}不是有效日期", code="invalid_birth_date"
        ) from None
    if birth > (today or _today()):
        raise ValidationError(
            f"身份证号码中的出生日期{birth_text}晚于今天", code="invalid_birth_date"
        )
    if birth < _ID_MIN_BIRTH_DATE:
        raise ValidationError(
            f"身份证号码中的出生日期{birth_text}早于1800年1月1日", code="invalid_birth_date"
        )

    expected = id_number_check_char(number[:17])
    if number[17] != expected:
        raise ValidationError(f"身份证号码校验位错误，应为{expected}", code="invalid_checksum")
    return number


# --------------------------------------------------------------------------
# Phone numbers (GB/T 13400 numbering as published by MIIT)
# --------------------------------------------------------------------------

_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")
_LANDLINE_RE = re.compile(r"0[0-9]{2,3}-?[0-9]{7,8}(?:-[0-9]{1,6})?")
_SERVICE_RE = re.compile(r"1[0-9]{4}|11[09]|12[02]")
_MOBILE_SEPARATORS = str.maketrans("", "", " -")

MOBILE_MESSAGE = "手机号码格式不正确"
LANDLINE_MESSAGE = "固定电话格式不正确，应为“区号-号码”，如010-12345678"
PHONE_MESSAGE = "电话号码格式不正确，应为手机号码、固定电话（含区号）或12345等服务号码"


def validate_mobile(value: str) -> str:
    """Validate a mainland China mobile number (MIIT 电信网编号计划, 1[3-9]xxxxxxxxx).

    Spaces and hyphens are removed and an optional ``+86`` or ``86`` country
    prefix is dropped; the rest must be 11 digits matching ``1[3-9]\\d{9}``.

    Returns the bare 11-digit number.
    """
    number = _normalise_mobile(value)
    if number is None:
        raise ValidationError(MOBILE_MESSAGE, code="invalid_mobile")
    return number


def validate_landline(value: str) -> str:
    """Validate a fixed-line number with its area code (GB/T 13400 / MIIT numbering).

    Form: area code ``0`` + 2-3 digits, an optional hyphen, a 7-8 digit local
    number and an optional extension ``-`` + 1-6 digits, e.g. ``010-12345678``,
    ``0755-1234567``, ``02112345678``, ``010-12345678-8001``.

    Returns the value as given, with surrounding whitespace stripped.
    """
    number = _text(value).strip()
    if not _LANDLINE_RE.fullmatch(number):
        raise ValidationError(LANDLINE_MESSAGE, code="invalid_landline")
    return number


def validate_phone(value: str) -> str:
    """Validate any contact number: mobile, landline, or public service number.

    Accepts a mobile (see :func:`validate_mobile`, returned normalised), a
    landline with area code (see :func:`validate_landline`), a 5-digit public
    service number starting with 1 (12345 政务服务便民热线, 12315, 12369 …, per
    MIIT's 电信网码号资源 allocation) or the emergency numbers 110/119/120/122.

    Returns the mobile normalised, otherwise the stripped value.
    """
    mobile = _normalise_mobile(value)
    if mobile is not None:
        return mobile
    number = _text(value).strip()
    if _LANDLINE_RE.fullmatch(number) or _SERVICE_RE.fullmatch(number):
        return number
    raise ValidationError(PHONE_MESSAGE, code="invalid_phone")


# --------------------------------------------------------------------------
# Masking for display (GB/T 35273-2020 个人信息去标识化)
# --------------------------------------------------------------------------


def mask_id_number(value: str) -> str:
    """Mask an ID number for display, per GB/T 35273-2020 personal-information rules.

    A value of 15 characters or more keeps the first 6 (address code) and the
    last 4: ``11010519491231002X`` → ``110105********002X``. Shorter values
    keep only the last 2 characters; 2 characters or fewer are fully masked.
    Empty input gives ``""``.
    """
    text = _text(value).strip()
    n = len(text)
    if n >= 15:
        return text[:6] + "*" * (n - 10) + text[-4:]
    if n > 2:
        return "*" * (n - 2) + text[-2:]
    return "*" * n


def mask_phone(value: str) -> str:
    """Mask a phone number for display, per GB/T 35273-2020 personal-information rules.

    A mobile (in any form :func:`validate_mobile` accepts) becomes
    ``138****5678``. Other numbers keep the first 3 and last 2 characters
    (6 characters or more), or the first and last 1 (3-5 characters), with
    stars between; 1-2 characters are fully masked. Empty input gives ``""``.
    """
    mobile = _normalise_mobile(value)
    if mobile is not None:
        return f"{mobile[:3]}****{mobile[-4:]}"
    text = _text(value).strip()
    n = len(text)
    if n >= 6:
        head, tail = 3, 2
    elif n >= 3:
        head, tail = 1, 1
    else:
        return "*" * n
    return text[:head] + "*" * (n - head - tail) + text[-tail:]


# --------------------------------------------------------------------------
# Names and other plain text: no control or direction-override characters
# --------------------------------------------------------------------------

#: Unicode's explicit direction embeddings/overrides (U+202A–U+202E) and isolates
#: (U+2066–U+2069): "Trojan Source" (CVE-2021-42574) uses them to show a name
#: or a text in an order other than the one stored.
_BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
#: The whitespace a multi-line text may hold.
_LINE_WHITESPACE = frozenset("\t\n\r")


#: The characters :func:`_unsafe` refuses, as one class each (imports check every cell).
_UNSAFE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_MULTILINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _unsafe(ch: str, multiline: bool) -> bool:
    code = ord(ch)
    if ch in _BIDI_CONTROLS:
        return True
    if code < 0x20 or 0x7F <= code <= 0x9F:  # C0, DEL and C1 controls
        return not (multiline and ch in _LINE_WHITESPACE)
    return False


def plain_text_errors(value: object, *, multiline: bool = False) -> list[str]:
    """The Chinese message for text holding a control character (C0/C1, DEL; tab and line
    breaks only where ``multiline``) or a direction override/isolate, else ``[]``.

    Such characters are invisible: in a name they make two different names look alike, hide
    text in exports and printed documents, or reorder what a reader sees (CVE-2021-42574).
    """
    found = (_UNSAFE_MULTILINE if multiline else _UNSAFE_LINE).search(_text(value))
    if found is None:
        return []
    position, ch = found.start() + 1, found.group()
    return [f"不能包含控制字符或改变文字方向的字符（第{position}个字符为U+{ord(ch):04X}）"]


def validate_plain_text(value: str, *, multiline: bool = False) -> str:
    """Refuse a text holding a control or direction-override character (see
    :func:`plain_text_errors`); return it unchanged otherwise."""
    problems = plain_text_errors(value, multiline=multiline)
    if problems:
        raise ValidationError(problems[0], code="control_character")
    return value


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def _text(value: object) -> str:
    """Coerce ``None`` to ``""`` and anything else to ``str``."""
    return "" if value is None else str(value)


def _normalise_mobile(value: object) -> str | None:
    """Return the bare 11-digit mobile number, or ``None`` if it is not one."""
    number = _text(value).strip().translate(_MOBILE_SEPARATORS)
    if number.startswith("+86"):
        number = number[3:]
    elif number.startswith("86") and len(number) == 13:
        number = number[2:]
    return number if _MOBILE_RE.fullmatch(number) else None


def _today() -> date:
    """Today's local date: Django's TIME_ZONE if settings are configured."""
    if settings.configured:
        from django.utils import timezone

        return timezone.localdate() if settings.USE_TZ else date.today()
    return date.today()
