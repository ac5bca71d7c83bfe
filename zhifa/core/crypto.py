"""SM3 and SM4 helpers (GB/T 32905 hash, GB/T 32907 block cipher) for integrity and personal data.

Personal data (身份证号码, phone numbers) is stored encrypted with SM4-GCM under
``settings.PERSONAL_DATA_KEY`` (architecture invariant 6). Because each encryption uses a fresh
nonce, equality lookups go through :func:`blind_index`, an HMAC-SM3 of the normalised value.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

PREFIX = "sm4gcm$"
_NONCE = 12
_TAG = 16


class DecryptionError(Exception):
    """A stored value cannot be decrypted with the configured key (wrong key or damaged data)."""


def sm3_hex(data: bytes | str) -> str:
    """SM3 digest (OpenSSL's implementation through hashlib) as 64 lower-case hex digits."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.new("sm3", data).hexdigest()


def canonical_json(value: Any) -> str:
    """One text for one value: sorted keys, no spaces, UTF-8 kept, dates and decimals as strings."""
    return json.dumps(
        value, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def _key() -> bytes:
    return settings.PERSONAL_DATA_KEY


def encrypt(plaintext: str) -> str:
    """Encrypt text with SM4-GCM; the result is ``sm4gcm$`` + base64(nonce ‖ ciphertext ‖ tag)."""
    nonce = os.urandom(_NONCE)
    encryptor = Cipher(algorithms.SM4(_key()), modes.GCM(nonce)).encryptor()
    body = encryptor.update(plaintext.encode("utf-8")) + encryptor.finalize()
    return PREFIX + base64.b64encode(nonce + body + encryptor.tag).decode("ascii")


def decrypt(token: str) -> str:
    """Reverse :func:`encrypt`; raises :class:`DecryptionError` if the value was altered."""
    if not token.startswith(PREFIX):
        raise DecryptionError("not an encrypted value")
    raw = base64.b64decode(token[len(PREFIX) :])
    nonce, body, tag = raw[:_NONCE], raw[_NONCE:-_TAG], raw[-_TAG:]
    decryptor = Cipher(algorithms.SM4(_key()), modes.GCM(nonce, tag)).decryptor()
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode("utf-8")
    except InvalidTag:
        raise DecryptionError("integrity check failed") from None


def blind_index(value: str) -> str:
    """HMAC-SM3 of a normalised value, for equality lookups of encrypted data."""
    index_key = hashlib.new("sm3", b"zhifa/blind-index/" + _key()).digest()
    return hmac.new(index_key, value.encode("utf-8"), "sm3").hexdigest()
