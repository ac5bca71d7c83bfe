#!/usr/bin/env python3
"""Re-check a draw (双随机抽取) from its public JSON alone — Python 3 standard library only.

Usage:
    python3 recheck_draw.py draw.json
    python3 recheck_draw.py https://<platform>/api/v1/public/draws/<id>
    curl -s https://<platform>/api/v1/public/draws/<id> | python3 recheck_draw.py -

It recomputes, for every stratum (and every inspector draw, when present):
  pool hash  = SM3(UTF-8 codes, sorted, joined by "\\n")
  commitment = SM3(seed bytes)                         (seed = 32 bytes, given as 64 hex)
  rank key   = SM3(seed bytes ‖ UTF-8 code); the selection is the k lowest, in rank order
  inspector draws: the same, with the target's seed = SM3(seed bytes ‖ UTF-8 target code)
and compares them with what the platform published.

Prints one line per check and then OK or MISMATCH. Exit status: 0 OK, 1 MISMATCH, 2 the input
cannot be checked (unreadable, or the seed not yet revealed). Needs an OpenSSL with SM3 (any
OpenSSL 1.1.1 or 3.x), as Python's hashlib.new("sm3") does.
"""

import hashlib
import heapq
import json
import sys
import urllib.request


def sm3(data):
    return hashlib.new("sm3", data)


def pool_hash(codes):
    return sm3("\n".join(sorted(codes)).encode("utf-8")).hexdigest()


def select(seed, codes, k):
    keyed = ((sm3(seed + code.encode("utf-8")).digest(), code) for code in codes)
    return [code for _, code in heapq.nsmallest(k, keyed)] if k > 0 else []


def load(source):
    if source == "-":
        return json.load(sys.stdin)
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)
    with open(source, encoding="utf-8") as handle:
        return json.load(handle)


def check_draw(name, seed_text, commitment, groups, seed_of):
    """groups: (label, codes, published pool hash, k, published selection)."""
    problems = 0
    if not seed_text:
        print(f"{name}: 随机种子尚未公布（seed not yet revealed）")
        return None
    seed = bytes.fromhex(seed_text)
    if len(seed) != 32:
        raise ValueError(f"{name}: seed is not 32 bytes")
    if sm3(seed).hexdigest() != commitment:
        print(f"{name}: MISMATCH commitment: SM3(seed) = {sm3(seed).hexdigest()} ≠ {commitment}")
        problems += 1
    else:
        print(f"{name}: commitment OK")
    for label, codes, published_hash, k, selection in groups:
        ok = True
        if pool_hash(codes) != published_hash:
            print(f"  {label}: MISMATCH pool hash {pool_hash(codes)} ≠ {published_hash}")
            ok = False
        if len(set(codes)) != len(codes) or not 0 <= k <= len(codes):
            print(f"  {label}: MISMATCH k = {k} for a pool of {len(codes)} codes (duplicates?)")
            ok = False
        expected = select(seed_of(seed, label), codes, k)
        if expected != list(selection):
            print(f"  {label}: MISMATCH selection: expected {expected}, published {selection}")
            ok = False
        if ok:
            print(f"  {label}: pool {len(codes)}, k {k}, selection OK")
        problems += 0 if ok else 1
    return problems


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        data = load(argv[1])
        strata = [
            (s["key"], list(s["pool"]), s["pool_hash"], int(s["k"]), s.get("selection") or [])
            for s in data["strata"]
        ]
        result = check_draw(
            f"draw {data.get('id', '?')}",
            data.get("seed"),
            data["commitment"],
            strata,
            lambda seed, label: seed,
        )
        if result is None:
            return 2
        problems = result
        inspectors = data.get("inspector_draw")
        if inspectors and inspectors.get("seed"):
            groups = [
                (
                    t["target"],
                    list(t["pool"]),
                    t["pool_hash"],
                    int(t["k"]),
                    t.get("selection") or [],
                )
                for t in inspectors["targets"]
            ]
            problems += check_draw(
                "inspector draw",
                inspectors["seed"],
                inspectors["commitment"],
                groups,
                lambda seed, target: sm3(seed + target.encode("utf-8")).digest(),
            )
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"cannot check: {error!r}", file=sys.stderr)
        return 2
    print("OK" if problems == 0 else "MISMATCH")
    return 0 if problems == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
