"""The draw's definitions (zhifa/inspections/draw.py) and the stand-alone re-check script.

No database: the draw is pure so that anyone can recompute it; the script is run the way a member
of the public would run it (``python -I -S``: no site-packages, no project on the path)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from zhifa.inspections import draw

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "recheck_draw.py"
SEED = bytes(range(32))


def test_it_uses_sm3_itself():
    # GB/T 32905-2016, appendix A, example 1: SM3("abc").
    assert draw.sm3_hex(b"abc") == (
        "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    )


def test_it_defines_pool_hash_commitment_and_rank_key_as_published():
    codes = ["91110000600037341L", "92370100MA3C5XXXXX", "中文代码"]
    assert draw.pool_hash(reversed(codes)) == draw.sm3_hex("\n".join(sorted(codes)).encode())
    assert draw.commitment(SEED) == hashlib.new("sm3", SEED).hexdigest()
    assert (
        draw.rank_key(SEED, "中文代码") == hashlib.new("sm3", SEED + "中文代码".encode()).digest()
    )
    assert draw.parse_seed(draw.seed_hex(SEED).upper()) == SEED
    assert len(draw.seed_hex(draw.new_seed())) == 64


@pytest.mark.parametrize("text", ["", "00" * 31, "zz" * 32, "00" * 33])
def test_it_refuses_a_seed_that_is_not_64_hex_characters(text):
    with pytest.raises(ValueError, match="64位十六进制"):
        draw.parse_seed(text)


def test_it_selects_the_k_lowest_rank_keys_in_rank_order():
    codes = [f"C{n:04d}" for n in range(300)]
    by_key = sorted(codes, key=lambda c: hashlib.new("sm3", SEED + c.encode()).hexdigest())
    assert draw.select(SEED, codes, 7) == by_key[:7]
    assert draw.select(SEED, list(reversed(codes)), 7) == by_key[:7]  # order of the pool is moot
    assert draw.select(SEED, codes, 0) == []
    few = codes[:3]
    assert draw.select(SEED, few, 10) == [c for c in by_key if c in few]  # k past the pool: all
    other = draw.select(bytes(32), codes, 7)
    assert other != by_key[:7]  # another seed, another selection


def test_it_gives_each_target_its_own_inspector_ranking():
    officers = [f"执法证{n:03d}" for n in range(40)]
    pairs = {
        tuple(draw.select(draw.target_seed(SEED, target), officers, 2))
        for target in ("A1", "B2", "C3", "D4", "E5")
    }
    assert len(pairs) > 1
    assert draw.target_seed(SEED, "A1") == hashlib.new("sm3", SEED + b"A1").digest()


@pytest.mark.parametrize(
    ("pool", "ratio", "k"),
    [(0, 5, 0), (100, 0, 0), (100, 5, 5), (101, 5, 6), (1, "0.5", 1), (3, 100, 3), (3, 150, 3)],
)
def test_it_rounds_the_sample_size_up_and_never_past_the_pool(pool, ratio, k):
    assert draw.sample_size(pool, ratio) == k


# -- chi-square: no member of a stratum is favoured ------------------------------------------

DRAWS, MEMBERS, K = 4000, 100, 5
#: χ² critical value, 99 degrees of freedom, p = 0.001 (upper tail): a fair selector exceeds it
#: once in a thousand seeds sets; the seeds below are fixed, so the test is deterministic.
CRITICAL_0_999_DF_99 = 148.23


def _seeds() -> list[bytes]:
    return [hashlib.new("sm3", b"chi-square %d" % i).digest() for i in range(DRAWS)]


def _chi_square(selector) -> float:
    codes = [f"9137010{n:03d}MA000000" for n in range(MEMBERS)]
    counts = dict.fromkeys(codes, 0)
    for seed in _seeds():
        for code in selector(seed, codes, K):
            counts[code] += 1
    expected = DRAWS * K / MEMBERS
    assert sum(counts.values()) == DRAWS * K
    return sum((seen - expected) ** 2 / expected for seen in counts.values())


def test_it_favours_no_member_of_a_stratum_over_many_draws():
    assert _chi_square(draw.select) < CRITICAL_0_999_DF_99


def test_the_chi_square_test_catches_a_biased_selector():
    def modulo_bias(seed, codes, k):
        # A classic mistake: a random byte modulo the pool size (256 % 100 ≠ 0 favours low indices).
        remaining, chosen = list(codes), []
        for i in range(k):
            chosen.append(remaining.pop(draw.rank_key(seed, str(i))[0] % len(remaining)))
        return chosen

    def skips_the_last_member(seed, codes, k):
        return draw.select(seed, codes[:-1], k)

    assert _chi_square(modulo_bias) > CRITICAL_0_999_DF_99
    assert _chi_square(skips_the_last_member) > CRITICAL_0_999_DF_99


# -- the stand-alone script -----------------------------------------------------------------


def public_json(seed: bytes = SEED, *, reveal: bool = True) -> dict:
    strata = []
    for key, size, k in (("high-D", 40, 8), ("low-A", 200, 4), ("medium-B", 0, 0)):
        pool = sorted(f"{key}-{n:03d}" for n in range(size))
        strata.append(
            {
                "key": key,
                "pool": pool,
                "pool_hash": draw.pool_hash(pool),
                "k": k,
                "selection": draw.select(seed, pool, k) if reveal else [],
            }
        )
    officers = [f"执法证{n:03d}" for n in range(12)]
    inspector_seed = hashlib.new("sm3", b"inspectors").digest()
    targets = [
        {
            "target": code,
            "pool": officers,
            "pool_hash": draw.pool_hash(officers),
            "k": 2,
            "selection": draw.select(draw.target_seed(inspector_seed, code), officers, 2),
        }
        for code in strata[0]["selection"]
    ]
    return {
        "id": 7,
        "commitment": draw.commitment(seed),
        "seed": draw.seed_hex(seed) if reveal else None,
        "strata": strata,
        "inspector_draw": {
            "commitment": draw.commitment(inspector_seed),
            "seed": draw.seed_hex(inspector_seed),
            "targets": targets,
        },
    }


def run_script(data: dict, tmp_path: Path) -> subprocess.CompletedProcess:
    path = tmp_path / "draw.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-I", "-S", str(SCRIPT), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_script_recomputes_a_fair_draw(tmp_path):
    result = run_script(public_json(), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("OK")
    assert "high-D: pool 40, k 8, selection OK" in result.stdout


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d["strata"][0]["selection"].__setitem__(0, d["strata"][0]["pool"][0]),
        lambda d: d["strata"][1]["selection"].reverse(),
        lambda d: d["strata"][1]["pool"].pop(),  # a member dropped after the hash was published
        lambda d: d.__setitem__("seed", "00" * 32),  # a seed other than the committed one
        lambda d: d["strata"][0].__setitem__("k", 9),
        lambda d: d["inspector_draw"]["targets"][0]["selection"].reverse(),
    ],
)
def test_the_script_says_mismatch_when_anything_was_changed(tmp_path, tamper):
    data = public_json()
    tamper(data)
    result = run_script(data, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.strip().endswith("MISMATCH")


def test_the_script_cannot_check_before_the_seed_is_revealed(tmp_path):
    result = run_script(public_json(reveal=False), tmp_path)
    assert result.returncode == 2
    assert "尚未公布" in result.stdout
    broken = run_script({"strata": []}, tmp_path)
    assert broken.returncode == 2
