"""Personal data at rest: SM4-GCM encrypted, tamper-evident, looked up by a keyed index."""

from __future__ import annotations

import pytest
from django.db import connection

from zhifa.core import crypto


def test_sm3_matches_the_standards_example():
    # GB/T 32905-2016, appendix A.1: SM3("abc").
    assert crypto.sm3_hex("abc") == (
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    )


def test_encryption_round_trips_and_hides_the_text():
    token = crypto.encrypt("11010519491231002X")
    assert token.startswith("sm4gcm$")
    assert "1101051949" not in token
    assert crypto.decrypt(token) == "11010519491231002X"
    assert crypto.encrypt("11010519491231002X") != token  # a fresh nonce every time


def test_a_changed_ciphertext_is_refused_not_misread():
    token = crypto.encrypt("13800010001")
    raw = bytearray(crypto.base64.b64decode(token[len(crypto.PREFIX) :]))
    raw[14] ^= 1
    forged = crypto.PREFIX + crypto.base64.b64encode(bytes(raw)).decode()
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(forged)


def test_another_key_cannot_read_the_data(settings):
    token = crypto.encrypt("13800010001")
    settings.PERSONAL_DATA_KEY = bytes(16)
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token)


def test_the_blind_index_is_stable_and_keyed(settings):
    first = crypto.blind_index("13800010001")
    assert first == crypto.blind_index("13800010001")
    assert first != crypto.blind_index("13800010002")
    settings.PERSONAL_DATA_KEY = bytes(16)
    assert crypto.blind_index("13800010001") != first


def test_a_users_mobile_is_stored_encrypted_and_shown_masked(demo):
    user = demo["scjg_zhang"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT mobile FROM org_user WHERE id = %s", [user.pk])
        (stored,) = cursor.fetchone()
    assert stored.startswith("sm4gcm$") and "13800010001" not in stored
    user.refresh_from_db()
    assert user.mobile == "13800010001"
    assert user.mobile_masked == "138****0001"
