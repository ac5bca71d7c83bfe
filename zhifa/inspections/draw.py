"""The random draw anyone can re-check (双随机、一公开): pure functions, no database.

Definitions (published with every draw, and recomputed by ``scripts/recheck_draw.py`` from the
draw's public JSON alone; the script must stay in step with this module):

- pool hash   = SM3(UTF-8 codes, sorted, joined by "\\n")
- commitment  = SM3(seed bytes)                      — published before the draw
- rank key    = SM3(seed bytes ‖ UTF-8 code)         — each member of a stratum
- selection   = the k members with the lowest rank keys (ties, which SM3 makes practically
  impossible, broken by the code), listed in rank order
- the seed is 32 random bytes, shown as 64 lowercase hex characters once revealed.

An inspector draw for one target uses the same procedure on the officers' codes, with the target's
seed = SM3(seed bytes ‖ UTF-8 target code) so that each target gets its own independent ranking.

Sources: 国办发〔2019〕5号 (双随机、一公开: targets and inspectors drawn at random, results published);
SM3 is GB/T 32905-2016 (OpenSSL's ``hashlib.new("sm3")``).
"""

from __future__ import annotations

import hashlib
import heapq
import secrets
from collections.abc import Iterable

SEED_BYTES = 32


def sm3_hex(data: bytes) -> str:
    """SM3 digest of ``data`` as 64 lowercase hex characters."""
    return hashlib.new("sm3", data).hexdigest()


def pool_hash(codes: Iterable[str]) -> str:
    """SM3 of the pool's UTF-8 codes, sorted and joined by "\\n" (an empty pool hashes b"")."""
    return sm3_hex("\n".join(sorted(codes)).encode("utf-8"))


def new_seed() -> bytes:
    """32 bytes from the operating system's cryptographic random source."""
    return secrets.token_bytes(SEED_BYTES)


def seed_hex(seed: bytes) -> str:
    return seed.hex()


def parse_seed(text: str) -> bytes:
    """The seed from its 64 hex characters; ValueError (in Chinese) otherwise."""
    text = text.strip().lower()
    if len(text) != 2 * SEED_BYTES or any(c not in "0123456789abcdef" for c in text):
        raise ValueError("随机种子应为64位十六进制字符。")
    return bytes.fromhex(text)


def commitment(seed: bytes) -> str:
    """SM3(seed bytes): published before the draw, so the seed cannot be chosen afterwards."""
    return sm3_hex(seed)


def rank_key(seed: bytes, code: str) -> bytes:
    """SM3(seed bytes ‖ UTF-8 code) as raw bytes (compare as bytes or as hex: same order)."""
    return hashlib.new("sm3", seed + code.encode("utf-8")).digest()


def select(seed: bytes, codes: Iterable[str], k: int) -> list[str]:
    """The ``k`` codes with the lowest rank keys, in rank order (ties, which SM3 makes practically
    impossible, by the code).

    Speed (``benchmarks/draw.py``): the codes are encoded in one go; one SM3 state absorbs the
    seed and is copied per code (the seed is hashed once, not once per member); only a code whose
    key beats the k-th best so far enters the heap of candidates, so the pool is never sorted
    and almost no per-member objects are made.
    """
    if k <= 0:
        return []
    codes = codes if isinstance(codes, list) else list(codes)
    if not codes:
        return []
    encoded = "\n".join(codes).encode("utf-8").split(b"\n")
    copy = hashlib.new("sm3", seed).copy
    pairs = zip(encoded, codes, strict=True)
    heap: list[tuple[int, bytes, str]] = []
    for raw, code in pairs:
        h = copy()
        h.update(raw)
        digest = h.digest()
        heap.append((-int.from_bytes(digest, "big"), digest, code))
        if len(heap) == k:
            break
    heapq.heapify(heap)  # a max-heap of the k best keys (negated)
    worst = heap[0][1]
    replace = heapq.heapreplace
    for raw, code in pairs:
        h = copy()
        h.update(raw)
        digest = h.digest()
        if digest < worst:
            replace(heap, (-int.from_bytes(digest, "big"), digest, code))
            worst = heap[0][1]
    return [code for _, _, code in sorted(heap, key=lambda item: (item[1], item[2]))]


def target_seed(seed: bytes, target_code: str) -> bytes:
    """The seed of one target's inspector draw: SM3(seed bytes ‖ UTF-8 target code), raw bytes."""
    return rank_key(seed, target_code)


def sample_size(pool_size: int, ratio_percent: float | int | str) -> int:
    """k for a stratum: ratio × pool, rounded up (a non-empty stratum with a ratio yields at least
    one member), never more than the pool. ``ratio_percent`` is a percentage, e.g. 5 for 5 %.

    Rounding up follows the random-inspection lists' wording "抽查比例不低于…" (at least the ratio).
    """
    from decimal import ROUND_CEILING, Decimal

    if pool_size <= 0:
        return 0
    ratio = Decimal(str(ratio_percent))
    if ratio <= 0:
        return 0
    k = (Decimal(pool_size) * ratio / Decimal(100)).to_integral_value(rounding=ROUND_CEILING)
    return min(int(k), pool_size)
